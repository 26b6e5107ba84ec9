"""Writes `zwgk bench` results into docs/benchmarks.md.

The latest run of each profile replaces the text between its markers (`bench:latest` for the
default profile, `bench:scale-out` for the scale-out one); a one-line summary of each run is added
to the table between the `bench:history` markers. Everything else in the file is prose kept by hand,
and holds no figures of its own.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import List

from bot import paths
from measure.docs import write_section

DOC = paths.ROOT / "docs" / "benchmarks.md"
LATEST = ("<!-- bench:latest:start -->", "<!-- bench:latest:end -->")
SECTIONS = {"default": LATEST, "scale-out": ("<!-- bench:scale-out:start -->", "<!-- bench:scale-out:end -->")}
PROFILE_NAMES = {
    "default": "the default profile (`make run`: one action server, one Rasa server, SQLite tracker store)",
    "scale-out": "the scale-out profile (one action server, two Rasa servers, PostgreSQL tracker store, "
                 "Redis lock store; docs/scaling.md)",
}
HISTORY = ("<!-- bench:history:start -->", "<!-- bench:history:end -->")
HISTORY_HEADER = ("| date | revision | profile | runs | machine, load average before | figure p50 / p95 ms "
                  "| floor p95 ms | turns/s at 10 | errors + lost at 50 | Rasa CPU ms/turn: figure, floor, at 10 |\n"
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
SHARED = ("The machine was shared with other work while this ran (other sessions' tests and evaluations start "
          "Rasa servers now and then), so it was loaded: the load averages above say how much. Each figure "
          "is the median of the runs listed; wall-clock figures move with the load, the CPU per turn much less.")


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def machine_line(results) -> str:
    m = results.machine
    line = f"{m['cores']} cores, {m['memory']}, {m['cpu']}; {m['os']}, Python {m['python']}"
    if "load average before" in m:
        line += f"; load average (1, 5, 15 min) {m['load average before']} before, {m.get('load average after', '?')} after"
    return line


def _latency_table(results) -> List[str]:
    rows = ["| turn | n, all runs | p50 ms | p95 ms | p99 ms | mean ms | unanswered | CPU ms/turn: Rasa + actions |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, s in results.latency.items():
        rows.append(f"| {name} | {s['n']} | {_ms(s['p50'])} | {_ms(s['p95'])} | {_ms(s['p99'])} "
                    f"| {_ms(s['mean'])} | {s.get('failed', 0)} | {_cpu(s)} |")
    return rows


def _cpu(s) -> str:
    if "cpu_ms_rasa" not in s:
        return "–"
    return f"{_ms(s['cpu_ms_rasa'])} + {_ms(s['cpu_ms_actions'])}"


def _load_table(results) -> List[str]:
    rows = ["| concurrent conversations | turns, all runs | seconds | turns/s | p50 ms | p95 ms | p99 ms | errors | lost replies "
            "| CPU ms/turn: Rasa + actions |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for s in results.load:
        rows.append(f"| {s['conversations']} | {s['turns']} of {s['expected']} | {s['seconds']:.1f} "
                    f"| {s['turns_per_second']:.1f} | {_ms(s['p50'])} | {_ms(s['p95'])} | {_ms(s['p99'])} "
                    f"| {s['errors']} | {s['lost']} | {_cpu(s)} |")
    return rows


# Parts named otherwise by earlier runs.
PART_NAMES = {"tracker load + save of one event, same conversation": "append one event through the HTTP API: Rasa's JSON-schema check of the body, tracker load, save"}


def _parts_table(results) -> List[str]:
    if not results.parts:
        return []
    rows = ["", "Parts of a turn, each timed on its own (what each is: the top of this file):", "",
            "| part | n | p50 ms | p95 ms |", "| --- | --- | --- | --- |"]
    rows += [f"| {PART_NAMES.get(name, name)} | {s['n']} | {_ms(s['p50'])} | {_ms(s['p95'])} |"
             for name, s in results.parts.items()]
    return rows


TIMING_NAMES = {
    "kb_build": "`zwgk kb build --force` (whole command)",
    "training": "`zwgk train --force` (whole command)",
    "action_server_start": "action server start to /health",
    "rasa_server_start": "Rasa server start (model load) to the REST channel answering",
    "cold_start_to_first_answer": "cold start of both servers to the first answer",
    "first_turn": "first turn after the start",
}


def _other_table(results) -> List[str]:
    rows = ["| measure | value |", "| --- | --- |"]
    for key, label in TIMING_NAMES.items():
        if key in results.timings:
            rows.append(f"| {label} | {results.timings[key]:.1f} s |")
    for name, mib in results.memory_mib.items():
        rows.append(f"| peak memory (VmHWM) of the {name} | {mib:.0f} MiB |")
    return rows


def verdicts(results, targets) -> List[str]:
    """One line per target: met or missed, with the measured value."""
    lines = []
    figure = results.latency.get("figure question")
    floor = results.latency.get("greeting (no custom action)")
    if figure and floor:
        ratio = figure["p95"] / floor["p95"] if floor["p95"] else float("inf")
        lines.append(_verdict(figure["p95"] <= targets.figure_p95_ms,
                              f"figure-question p95 {figure['p95']:.1f} ms ≤ {targets.figure_p95_ms:.0f} ms"))
        lines.append(_verdict(ratio <= targets.figure_p95_over_floor,
                              f"figure-question p95 = {ratio:.2f} × the no-action floor ≤ {targets.figure_p95_over_floor:g} ×"))
    for s in results.load:
        if s["conversations"] == 10:
            lines.append(_verdict(s["turns_per_second"] >= targets.turns_per_second_at_10,
                                  f"{s['turns_per_second']:.1f} turns/s with 10 concurrent conversations ≥ "
                                  f"{targets.turns_per_second_at_10:.0f}"))
        if s["conversations"] == 50:
            bad = s["errors"] + s["lost"] + (s["expected"] - s["turns"])
            lines.append(_verdict(bad <= targets.errors_at_50,
                                  f"{s['errors']} errors and {s['lost']} lost replies with 50 concurrent conversations"))
    return lines


def _verdict(met: bool, text: str) -> str:
    return f"- {'met' if met else '**missed**'}: {text}"


def _turns_each(results) -> int:
    runs = len(results.repetitions) or 1
    return results.load[0]["expected"] // results.load[0]["conversations"] // runs if results.load else 0


def _repetitions_table(results) -> List[str]:
    if len(results.repetitions) < 2:
        return []
    rows = ["", f"The {len(results.repetitions)} runs whose medians are reported:", "",
            "| run | load average at its start | figure p95 ms | floor p95 ms | turns/s at 10 |",
            "| --- | --- | --- | --- | --- |"]
    for index, run in enumerate(results.repetitions, 1):
        at10 = next((s for s in run["load"] if s["conversations"] == 10), None)
        rate = f"{at10['turns_per_second']:.1f}" if at10 else "–"
        rows.append(f"| {index} | {run['load average']} | {_ms(run['latency']['figure question']['p95'])} "
                    f"| {_ms(run['latency']['greeting (no custom action)']['p95'])} | {rate} |")
    return rows


def latest_section(results, targets) -> str:
    runs = len(results.repetitions) or 1
    lines = [f"Run of {results.started} at revision `{results.revision}`, {PROFILE_NAMES.get(results.profile, results.profile)}, "
             f"against {results.url}{f' ({results.label})' if results.label else ''}; "
             f"{runs} run{'s' if runs > 1 else ''}, medians reported.",
             f"Machine: {machine_line(results)}.", "", SHARED, "", "Targets:", *verdicts(results, targets), "",
             *_repetitions_table(results)[1:], *([""] if runs > 1 else []),
             "Latency of one turn (one conversation at a time, conversations of 20 turns):", "",
             *_latency_table(results), *_parts_table(results), "",
             f"Throughput: conversations of {_turns_each(results)} turns each, all started at once, "
             "each turn sent when the previous reply arrived:", "",
             *_load_table(results), "", "Start-up, builds and memory:", "", *_other_table(results)]
    lines += [f"\nNote: {note}" for note in results.notes]
    return "\n".join(lines)


def history_row(results) -> str:
    figure = results.latency.get("figure question", {})
    floor = results.latency.get("greeting (no custom action)", {})
    at10 = next((s for s in results.load if s["conversations"] == 10), None)
    at50 = next((s for s in results.load if s["conversations"] == 50), None)
    profile = f"{results.profile}, {results.label}" if results.label else results.profile
    cells = [results.started, f"`{results.revision}`", profile, str(len(results.repetitions) or 1),
             f"{results.machine['cores']} cores, {results.machine['cpu']}, {results.machine.get('load average before', '?')}",
             f"{_ms(figure.get('p50', 0))} / {_ms(figure.get('p95', 0))}", _ms(floor.get("p95", 0)),
             f"{at10['turns_per_second']:.1f}" if at10 else "–",
             f"{at50['errors']} + {at50['lost']}" if at50 else "–",
             ", ".join(_ms(s["cpu_ms_rasa"]) if s and "cpu_ms_rasa" in s else "–" for s in (figure, floor, at10))]
    return "| " + " | ".join(cells) + " |"


def _history(text: str) -> List[str]:
    start, end = HISTORY
    found = re.search(re.escape(start) + "(.*?)" + re.escape(end), text, re.S)
    rows = found.group(1).strip().splitlines() if found else []
    return [_with_profile(row) for row in rows[2:] if row.startswith("|")]


def _with_profile(row: str) -> str:
    """A row written before runs named their profile, count and CPU: the default profile, one run."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) == 7:
        cells[2:3] = ["default", "1", cells[2] + ", ?"]
    if len(cells) == 9:
        cells.append("–")
    return "| " + " | ".join(cells) + " |"


NEW_FILE = "# Benchmarks\n"


def write(results, targets, doc: Path = DOC) -> None:
    history = _history(doc.read_text() if doc.exists() else "") + [history_row(results)]
    write_section(doc, SECTIONS.get(results.profile, LATEST), latest_section(results, targets), NEW_FILE)
    write_section(doc, HISTORY, "\n".join([HISTORY_HEADER, *history]), NEW_FILE)
