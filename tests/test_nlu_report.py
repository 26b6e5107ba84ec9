"""`zwgk nlu-report` writes its figures into the document and keeps the prose written by hand."""
from measure import nlu_report


def _result(f1):
    row = {"precision": f1, "recall": f1, "f1-score": f1, "support": 10}
    return {"folds": 3, "seconds": 60, "intents": {"greet": row, "weighted avg": row, "macro avg": row,
                                                   "accuracy": f1}}


def test_a_new_document_gets_the_intro_and_the_figures(tmp_path):
    doc = tmp_path / "cv.md"
    nlu_report.write(_result(0.5), doc)
    text = doc.read_text()
    assert text.startswith("# NLU cross-validation") and "| greet | 0.500 |" in text


def test_a_rerun_replaces_the_figures_and_keeps_the_prose(tmp_path):
    doc = tmp_path / "cv.md"
    nlu_report.write(_result(0.5), doc)
    doc.write_text(doc.read_text() + "\n## What limits the score\n\nWritten by hand.\n")
    nlu_report.write(_result(0.75), doc)
    text = doc.read_text()
    assert "| greet | 0.750 |" in text and "0.500" not in text and "Written by hand." in text
