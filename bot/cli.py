"""The `zwgk` command line: one entry point for everything a person does."""
import signal
import sys
import threading
from pathlib import Path

import click


@click.group()
def main():
    """政务公开问答助手: knowledge base, training, serving, chat, evaluation."""


def _knowledge_base():
    from knowledge import KnowledgeBase, KnowledgeBaseMissing

    try:
        return KnowledgeBase.open()
    except KnowledgeBaseMissing as error:
        raise click.ClickException(str(error))


def _model(force: bool = False):
    from bot.training import train

    return train(_knowledge_base(), force=force, echo=click.echo)


@main.command("train")
@click.option("--force", is_flag=True, help="Train even when config, data and catalogue are unchanged.")
def train_command(force):
    """Train the Rasa model (skipped when its inputs are unchanged)."""
    click.echo(str(_model(force)))


def _servers(host: str, port: int, action_port: int, log_to_files: bool = False):
    from bot.serve import Servers

    return Servers(model=_model(), host=host, rasa_port=port, action_port=action_port,
                   log_to_files=log_to_files)


def _wait_for_interrupt():
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Interface of the Rasa server.")
@click.option("--port", default=5005, show_default=True)
@click.option("--action-port", default=5055, show_default=True)
def serve(host, port, action_port):
    """Run the action server and the Rasa server (REST, web widget, WeChat when WECHAT_TOKEN is set)."""
    with _servers(host, port, action_port) as servers:
        click.echo(f"assistant ready: POST {servers.rasa_url}/webhooks/rest/webhook")
        click.echo(f"web widget demo: {servers.rasa_url}/widget/demo.html")
        click.echo("Ctrl-C stops both servers.")
        _wait_for_interrupt()
    click.echo("stopped")


@main.command()
@click.option("--port", default=5005, show_default=True)
@click.option("--action-port", default=5055, show_default=True)
def chat(port, action_port):
    """Talk to the assistant in this terminal (starts and stops the servers)."""
    from bot.chat import run

    click.echo("starting the servers (logs in .build/run/*.log) …")
    with _servers("127.0.0.1", port, action_port, log_to_files=True) as servers:
        run(servers.rasa_url)


@main.command("eval")
@click.option("--url", default="http://127.0.0.1:5005", show_default=True, help="The running Rasa server.")
@click.option("--min-accuracy", default=0.95, show_default=True)
@click.option("--verbose", is_flag=True, help="Print every turn, not only the wrong ones.")
@click.option("--report", type=click.Path(dir_okay=False), help="Also write the results as Markdown here.")
def eval_command(url, min_accuracy, verbose, report):
    """Replay tests/conversations against a running assistant; print accuracy and wrong numbers."""
    from measure import evaluation
    from bot.chat import ask

    def answer(sender, text):
        return "\n".join(m.get("text", "") for m in ask(url, sender, text))

    results = evaluation.run(_knowledge_base(), answer, evaluation.load_conversations())
    for line in evaluation.turn_lines(results, verbose):
        click.echo(line)
    totals = evaluation.summary(results)
    if report:
        evaluation.write_report(results, Path(report), url)
    click.echo(f"turns {totals['turns']}, correct {totals['correct']}, "
               f"answer accuracy {totals['accuracy']:.1%}, wrong numbers {totals['wrong_numbers']}")
    if totals["accuracy"] < min_accuracy or totals["wrong_numbers"]:
        sys.exit(1)


@main.command("eval-blind")
@click.argument("question_set", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write the results as Markdown here.")
@click.option("--verbose", is_flag=True, help="Print every turn, not only the wrong ones.")
@click.option("--only", multiple=True, help="Score only the conversations about this report (law for the law); repeatable.")
def eval_blind(question_set, report, verbose, only):
    """Score a blind question set on the seed and the real reports (own servers, own knowledge base)."""
    import os
    import platform

    from measure import blind
    from measure.evaluation import turn_lines

    if report and only:
        raise click.UsageError("--report writes a whole set's results; leave out --only")
    results = blind.score_set(question_set, only, _model())
    for line in turn_lines(results, verbose):
        click.echo(line)
    for name, t in blind.breakdown(results, "report").items():
        click.echo(f"{name}: {t['correct']}/{t['turns']} = {t['accuracy']:.1%}, turns with a wrong number {t['wrong_numbers']}")
    if report:
        blind.write_report(results, question_set, report, f"{platform.machine()}, {os.cpu_count()} cores")


@main.command()
@click.option("--url", default=None,
              help="Running Rasa servers, comma-separated (default: start a fresh pair on free ports).")
@click.option("--action-url", default=None, help="Its action server, for timing the action call on its own.")
@click.option("--turns", default=200, show_default=True, help="Turns per latency measurement.")
@click.option("--train/--no-train", default=False, show_default=True, help="Also time a forced training (minutes).")
@click.option("--kb-build/--no-kb-build", default=True, show_default=True, help="Also time a knowledge-base build.")
@click.option("--concurrency", default="1,10,50", show_default=True, help="Concurrent conversations to load with.")
@click.option("--profile", type=click.Choice(["default", "scale-out"]), default="default", show_default=True,
              help="Servers to start: `make run`'s pair, or two Rasa servers with PostgreSQL and Redis.")
@click.option("--repeat", default=3, show_default=True, help="Runs of latency and load; medians are reported.")
@click.option("--label", default="", help="What sets this run apart (shown in the history), e.g. ZWGK_SPEEDUPS=off.")
@click.option("--no-write", is_flag=True, help="Print only; leave docs/benchmarks.md alone.")
@click.option("--from-json", "saved", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Measure nothing: write docs/benchmarks.md from a run saved in .build/bench/.")
def bench(url, action_url, turns, train, kb_build, concurrency, profile, repeat, label, no_write, saved):
    """Measure latency, throughput, start-up, build times and memory; write docs/benchmarks.md."""
    from measure.bench import benchmark, report

    if saved:
        results = benchmark.load_results(saved)
        report.write(results, benchmark.targets(results.profile))
        click.echo(report.latest_section(results, benchmark.targets(results.profile)))
        return

    levels = [int(n) for n in concurrency.split(",") if n.strip()]
    results = benchmark.run(url=url, action_url=action_url, turns=turns, train=train, kb_build=kb_build,
                            concurrency=levels, echo=click.echo, write=not no_write, profile=profile,
                            repeat=max(1, repeat), label=label)
    click.echo(report.latest_section(results, benchmark.targets(profile)))


from knowledge.cli import kb  # noqa: E402
from bot.admin.cli import admin  # noqa: E402

main.add_command(kb)
main.add_command(admin)


@kb.command()
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of real reports with ground_truth.json and score_keys.yml (default: tests/fixtures/real).")
@click.option("--no-write", is_flag=True, help="Print the scores without updating docs/parsing.md.")
def score(corpus, no_write):
    """Parsing benchmark: every ground-truth table cell and figure of the real reports, right / wrong / unknown."""
    from measure import parsing

    result = parsing.score(corpus or parsing.CORPUS_DIR)
    click.echo(parsing.summary_table(result))
    for item in result.items:
        if item.outcome == "wrong":
            click.echo(f"wrong: {item.report} {item.kind} {item.label}：应为 {item.expected}，存 {item.stored}")
    if not no_write:
        click.echo(f"已更新 {parsing.write_doc(result)}")


@main.command("nlu-report")
@click.option("--folds", default=3, show_default=True)
def nlu_report(folds):
    """Cross-validate the NLU and write docs/nlu-cross-validation.md."""
    from measure import nlu_report as report

    _model()  # generates the catalogue NLU data the report trains on
    result = report.cross_validate(folds)
    report.write(result)
    click.echo(f"weighted F1 {result['intents']['weighted avg']['f1-score']:.3f} → {report.REPORT}")


if __name__ == "__main__":
    sys.exit(main())
