"""`zwgk kb …`: build, inspect and extend the knowledge base."""
import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

import click

from knowledge.parse.formats import FORMAT_NAMES
from knowledge.parse.numerals import number_text
from knowledge.paths import REPORT_SUFFIXES, REPORTS_DIR, db_path, report_files

DB_OPTION = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="Knowledge base file (default: $ZWGK_KB or .build/knowledge.db).")
REPORTS_OPTION = click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path),
                              default=REPORTS_DIR, envvar="ZWGK_REPORTS", show_default=True,
                              help="Directory of report files.")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _table(rows, headers):
    widths = [max(_width(str(x)) for x in col) for col in zip(headers, *rows)]
    lines = ["  ".join(_pad(str(h), w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(str(x), w) for x, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def _open(db):
    from knowledge import KnowledgeBase, KnowledgeBaseMissing
    try:
        return KnowledgeBase.open(db)
    except KnowledgeBaseMissing as error:
        raise click.ClickException(str(error))


def _build(db, reports_dir, force):
    from knowledge.store import BuildError, build
    try:
        return build(db, reports_dir, force=force)
    except BuildError as error:
        raise click.ClickException(f"{error}\n知识库未改动。")


@click.group()
def kb():
    """知识库：解析年度报告和法规，生成并查询 SQLite 知识库。"""


@kb.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the inputs are unchanged.")
@DB_OPTION
@REPORTS_OPTION
def build_command(force, db, reports_dir):
    """Parse the reports and laws into the knowledge base (skipped when nothing changed)."""
    result = _build(db, reports_dir, force)
    if result.skipped:
        click.echo(f"知识库已是最新：{result.path}（输入未变化，用 --force 强制重建）")
        return
    counts = result.counts
    click.echo(f"已生成知识库 {result.path}：{counts['reports']} 份报告，{counts['facts']} 条数据，"
               f"{counts['sentences']} 个句子，{counts['law_articles']} 条法规条文，{counts['conflicts']} 条问题记录。")
    for report in result.reports:
        for issue in report.issues:
            click.echo(f"  [{report.id}] {issue.severity}: {issue.description}")


@kb.command()
@DB_OPTION
def summary(db):
    """Reports in the knowledge base and how much was extracted from each."""
    base = _open(db)
    rows = []
    for r in base.reports():
        facts = base.facts(r.id)
        rows.append([r.id, r.body, r.year, r.published or "—", sum(f.source_kind == "table" for f in facts),
                     len(facts), len(base.numbers(r.id, unassigned_only=True)), len(base.conflicts(r.id)),
                     len(base.conflicts(r.id, include_notes=True))])
    click.echo(f"知识库：{base.path}")
    if rows:
        click.echo(_table(rows, ["报告", "机关", "年度", "发布日期", "表格数据", "数据", "未归类数字", "冲突", "问题记录"]))
    else:
        click.echo("（还没有报告）")
    meta = base.meta()
    click.echo(f"合计：{meta.get('count_reports')} 份报告，{meta.get('count_facts')} 条数据，"
               f"{meta.get('count_sentences')} 个句子，{meta.get('count_law_articles')} 条法规条文，"
               f"{meta.get('count_conflicts')} 条问题记录，{meta.get('count_metrics')} 个指标。")


def _value(fact) -> str:
    if fact.value is None:
        text = (fact.text or "").replace("\n", " ")
        return text if len(text) <= 30 else text[:30] + "……"
    return f"{number_text(fact.value)}{fact.unit or ''}" + (f"（{fact.qualifier}）" if fact.qualifier else "")


@kb.command()
@click.option("--report", "report_id", default=None, help="Only this report (its id).")
@DB_OPTION
def facts(report_id, db):
    """Every fact with its value and its source."""
    base = _open(db)
    rows = [[f.metric_key, f.metric_name, _value(f), f.source + ("  ⚠" if f.conflicts else "")]
            for f in base.facts(report_id)]
    if not rows:
        raise click.ClickException(f"没有找到报告 {report_id} 的数据。" if report_id else "知识库里还没有数据。")
    click.echo(_table(rows, ["指标", "名称", "值", "来源"]))


@kb.command()
@click.argument("text")
@click.option("--limit", default=5, show_default=True)
@click.option("--kind", type=click.Choice(["sentence", "article"]), default=None)
@DB_OPTION
def search(text, limit, kind, db):
    """Full-text search over report sentences and law articles."""
    passages = _open(db).search(text, limit=limit, kind=kind)
    if not passages:
        click.echo("没有找到相关内容。")
    for p in passages:
        click.echo(f"[{p.score:.2f}] {p.source}\n    {p.text.replace(chr(10), ' ')}")


@kb.command()
@click.option("--report", "report_id", default=None)
@click.option("--all", "include_notes", is_flag=True, help="Include notes (such as a missing table).")
@DB_OPTION
def conflicts(report_id, include_notes, db):
    """Conflicts, unreadable table rows and other problems found in the reports."""
    found = _open(db).conflicts(report_id, include_notes=include_notes)
    if not found:
        click.echo("没有冲突。")
    for c in found:
        click.echo(f"[{c.report_id}] {c.severity} {c.kind}：{c.description}")


def _parse(file: Path):
    from knowledge.catalogue import load
    from knowledge.parse.report import ReportError, parse_report
    try:
        return parse_report(file, load())
    except ReportError as error:
        raise click.ClickException(str(error))


@kb.command()
@click.argument("file", type=click.Path(path_type=Path))
def check(file):
    """Parse a report file and show what would be stored, without storing it."""
    parsed = _parse(file)
    click.echo(f"{parsed.meta.title}（{parsed.meta.body}，{parsed.meta.year}年，发布 {parsed.meta.published or '—'}）")
    rows = [[f.metric_key, _value(f), f.cell or (f.clause or f.sentence or "")[:40]] for f in parsed.facts]
    click.echo(_table(rows, ["指标", "值", "出处"]))
    for issue in parsed.issues:
        click.echo(f"{issue.severity}: {issue.description}")


def _target_name(reports_dir: Path, file: Path) -> str:
    numbers = [int(m.group(1)) for p in report_files(reports_dir) if (m := re.match(r"(\d+)_", p.name))]
    digest = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
    return f"{max(numbers, default=-1) + 1:03d}_{digest}{file.suffix.lower()}"


def _same_report(reports_dir: Path, parsed) -> list:
    from knowledge.catalogue import load
    from knowledge.parse.report import ReportError, parse_report
    same = []
    for path in report_files(reports_dir):
        try:
            other = parse_report(path, load())
        except ReportError:
            continue
        if (other.meta.body, other.meta.year) == (parsed.meta.body, parsed.meta.year):
            same.append(path)
    return same


@kb.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--allow-conflicts", is_flag=True, hidden=True,
              help="No longer needed: reports whose tables do not add up are added with the conflicts recorded.")
@click.option("--replace", is_flag=True, help="Replace a stored report of the same body and year.")
@DB_OPTION
@REPORTS_OPTION
def add(file, allow_conflicts, replace, db, reports_dir):
    """Add a report file (text, HTML, Markdown, PDF or Word .docx) to the reports directory and rebuild the knowledge base.

    A table printed inconsistently is stored as printed, with the conflict recorded; a cell that cannot
    be read for certain is stored as unknown, with the reason. Neither refuses the report."""
    if not file.is_file():
        raise click.ClickException(f"文件 {file} 不存在或不是文件。")
    if file.suffix.lower() not in REPORT_SUFFIXES:
        raise click.ClickException(f"{file.name}：只能加入{FORMAT_NAMES}格式的报告。")
    parsed = _parse(file)
    same = _same_report(reports_dir, parsed)
    if same and not replace:
        raise click.ClickException(f"知识库已有{parsed.meta.body}{parsed.meta.year}年的报告（{same[0].name}），"
                                   f"未加入。要替换它请加 --replace。")
    reports_dir.mkdir(parents=True, exist_ok=True)
    target = reports_dir / _target_name(reports_dir, file)
    moved = _set_aside(same)
    shutil.copyfile(file, target)
    try:
        result = _build(db, reports_dir, force=True)
    except click.ClickException:
        target.unlink(missing_ok=True)
        _restore(moved)
        raise
    _discard(moved)
    stored = next((r for r in result.reports if r.source_file == target.name), parsed)   # read with the body's other years
    click.echo(f"已加入 {target.name}（{parsed.meta.body}{parsed.meta.year}年，{len(stored.facts)} 条数据）"
               f"并重建知识库 {result.path}。")
    _echo_recorded(stored)


def _echo_recorded(parsed):
    """What was stored with a caveat: conflicts as printed, cells left unknown, notes."""
    recorded = parsed.blocking_issues + [i for i in parsed.issues if i.severity == "note"]
    if not recorded:
        return
    click.echo(f"已记录 {len(recorded)} 条问题（数字照原样保存，读不准的单元格记为未知；`zwgk kb conflicts --all` 可查看）：")
    for issue in recorded:
        click.echo(f"  - {issue.severity}: {issue.description}")


def _set_aside(paths):
    moved = []
    for path in paths:
        for p in (path, path.with_suffix(".yml")):
            if p.exists():
                aside = p.with_name(p.name + ".replaced")
                p.rename(aside)
                moved.append((aside, p))
    return moved


def _restore(moved):
    for aside, original in moved:
        aside.rename(original)


def _discard(moved):
    for aside, _ in moved:
        aside.unlink(missing_ok=True)


@kb.command()
@DB_OPTION
def path(db):
    """Print the knowledge base file path."""
    click.echo(str(db_path(db)))
