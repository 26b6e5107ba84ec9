"""`zwgk kb …` through the real `zwgk` group, on knowledge bases in temporary directories."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge import KnowledgeBase
from knowledge.paths import REPORTS_DIR
from tests.conftest import SEED_ID as SEED

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


@pytest.fixture
def env(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in (f"{SEED}.txt", f"{SEED}.yml"):
        shutil.copy(REPORTS_DIR / name, reports / name)
    return {"db": tmp_path / "kb.db", "reports": reports}


def run(*args):
    return CliRunner().invoke(main, ["kb", *map(str, args)], catch_exceptions=False)


def build(env, *extra):
    return run("build", "--db", env["db"], "--reports", env["reports"], *extra)


def add(env, file, *extra):
    return run("add", file, "--db", env["db"], "--reports", env["reports"], *extra)


def snapshot(env):
    return env["db"].read_bytes(), sorted(p.name for p in env["reports"].iterdir())


def test_build_summary_and_skip(env):
    first = build(env)
    assert first.exit_code == 0 and "1 份报告，36 条数据" in first.output
    assert "第二部分没有主动公开政府信息情况的表格数据" in first.output
    assert "已是最新" in build(env).output
    assert "已生成" in build(env, "--force").output
    summary = run("summary", "--db", env["db"])
    assert summary.exit_code == 0
    assert f"{SEED}  江苏省民政厅  2022  2023-01-19  0         36    2" in summary.output
    assert "262 条法规条文" in summary.output


def test_facts_lists_every_fact_with_its_source(env):
    build(env)
    result = run("facts", "--db", env["db"], "--report", SEED)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2 + 36
    line = next(l for l in lines if l.startswith("proactive.wechat_posts"))
    assert "1064篇" in line and "第一部分（一）主动公开情况：“微信公众号发布信息1064篇……”" in line
    missing = run("facts", "--db", env["db"], "--report", "nope")
    assert missing.exit_code != 0 and "nope" in missing.output


def test_search(env):
    build(env)
    result = run("search", "微信公众号", "--db", env["db"])
    assert result.exit_code == 0 and "微信公众号发布信息1064篇" in result.output
    assert "第四十二条" in run("search", "信息处理费", "--kind", "article", "--db", env["db"]).output


def test_commands_without_a_knowledge_base_say_how_to_build_one(env):
    result = run("summary", "--db", env["db"])
    assert result.exit_code != 0 and "zwgk kb build" in result.output


def test_add_a_report_and_rebuild(env):
    build(env)
    result = add(env, FIXTURES / "a_2022.html")
    assert result.exit_code == 0, result.output
    added = [p.name for p in env["reports"].iterdir() if p.suffix == ".html"]
    assert len(added) == 1 and added[0].startswith("001_")
    kb = KnowledgeBase.open(env["db"])
    assert kb.report("示例市交通运输局", 2022).source_file == added[0]
    assert kb.fact("requests.received", kb.report("交通运输局").id).value == 48


def test_add_refuses_a_file_that_is_not_a_report(env):
    build(env)
    before = snapshot(env)
    result = add(env, FIXTURES / "not_a_report.txt")
    assert result.exit_code != 0 and "不是政府信息公开工作年度报告" in result.output
    assert snapshot(env) == before


def test_add_refuses_an_unreadable_file(env, tmp_path):
    build(env)
    before = snapshot(env)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    result = add(env, binary)
    assert result.exit_code != 0 and "不是文本或HTML文件" in result.output
    missing = add(env, tmp_path / "missing.txt")
    assert missing.exit_code != 0 and "不存在" in missing.output
    assert snapshot(env) == before


def test_add_stores_a_table_that_does_not_add_up_as_printed_with_its_conflicts(env):
    build(env)
    result = add(env, FIXTURES / "c_2021_conflicts.txt")
    assert result.exit_code == 0, result.output
    assert "已加入" in result.output and "8855698" in result.output and "不符合" in result.output
    kb = KnowledgeBase.open(env["db"])
    report = kb.report("生态环境厅")
    assert len(kb.conflicts(report.id)) == 7
    assert kb.fact("table3.completed.natural_person", report.id).value == 72     # as printed
    assert kb.fact("table2.normative_documents.issued", report.id) is None      # ambiguous: unknown, not guessed
    assert "ambiguous_split" in run("conflicts", "--db", env["db"]).output


def test_add_refuses_a_second_report_of_the_same_body_and_year_unless_replacing(env, tmp_path):
    build(env)
    assert add(env, FIXTURES / "a_2022.html").exit_code == 0
    before = snapshot(env)
    again = add(env, FIXTURES / "a_2022.html")
    assert again.exit_code != 0 and "已有示例市交通运输局2022年的报告" in again.output
    assert snapshot(env) == before
    changed = tmp_path / "a_2022_fixed.html"
    changed.write_text((FIXTURES / "a_2022.html").read_text(encoding="utf-8").replace("政务微博发布信息860条", "政务微博发布信息870条"),
                       encoding="utf-8")
    assert add(env, changed, "--replace").exit_code == 0
    kb = KnowledgeBase.open(env["db"])
    assert kb.fact("proactive.weibo_posts", kb.report("交通运输局").id).value == 870
    assert len([p for p in env["reports"].iterdir() if p.suffix == ".html"]) == 1


def test_check_shows_what_would_be_stored(env):
    result = run("check", FIXTURES / "b_2020_text.txt")
    assert result.exit_code == 0
    assert "示例县人民政府2020年政府信息公开工作年度报告" in result.output
    assert "table3.granted.natural_person" in result.output
    assert not list(env["reports"].glob("*b_2020*"))


def test_add_accepts_only_the_known_formats(env, tmp_path):
    build(env)
    before = snapshot(env)
    doc = tmp_path / "report.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word binary")
    result = add(env, doc)
    assert result.exit_code != 0 and "只能加入纯文本" in result.output
    assert snapshot(env) == before
