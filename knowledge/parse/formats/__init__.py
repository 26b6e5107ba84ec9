"""Report files of every accepted format → the parser's blocks (lines and tables).

One module per format; each gives blocks shaped like those of an HTML page (html.py), so that the
structure, table and prose parsers never need to know where a report came from."""


class FormatError(Exception):
    """A file of an accepted format that cannot be read; the message says why, in Chinese."""


TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PDF_SUFFIXES = (".pdf",)
WORD_SUFFIXES = (".docx",)
REPORT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + MARKDOWN_SUFFIXES + PDF_SUFFIXES + WORD_SUFFIXES
FORMAT_NAMES = "纯文本（.txt）、网页（.html、.htm）、Markdown（.md）、PDF（.pdf）或Word（.docx）"
