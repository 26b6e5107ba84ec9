"""`zwgk bench`: latency, throughput, start-up, build times and memory of the assistant.

Talks to the real servers through the REST channel. Without --url it starts its own pair (action
server + Rasa server) on free loopback ports in a temporary folder, which also lets it time the
cold start, read the servers' peak memory and time the parts of a turn through Rasa's HTTP API.
The results go to docs/benchmarks.md (see report.py) and, as JSON, to .build/bench/.

Profiles: `default` is what `make run` starts (one action server, one Rasa server, SQLite tracker
store); `scale-out` starts Redis and PostgreSQL (scripts/ensure-services.sh), one action server and two
Rasa servers sharing them (bot.serve.ScaleOut). With --repeat N the latency and load measurements run
N times on the same servers and each figure reported is the median of the N runs.
"""
from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence

from bot import paths
from measure.bench import client, machine
from measure.bench.client import summarize

FIGURE_QUESTION = "2022年收到多少政府信息公开申请？"
GREETING = "你好"
# One citizen's visit: figures with follow-ups, a derived figure, report topics, procedure, small talk.
CONVERSATION = [
    "你好",
    "2022年收到多少政府信息公开申请？",
    "其中予以公开的呢？",
    "部分公开的有几件",
    "不予公开的有多少",
    "申请的处理结果分别是多少",
    "予以公开占多大比例",
    "微博发布了多少条信息",
    "公众号呢",
    "网站上呢？",
    "行政复议有几件",
    "行政诉讼呢",
    "存在哪些主要问题",
    "怎么申请政府信息公开",
    "多久能答复",
    "要收费吗",
    "对答复不满意怎么办",
    "主动公开了哪些内容",
    "谢谢",
    "再见",
]
CONCURRENCY = (1, 10, 50)
PROFILES = ("default", "scale-out")
# Added up over the repeated runs rather than taken as their median.
COUNTS = ("n", "turns", "expected", "errors", "lost", "failed", "conversations")


@dataclass(frozen=True)
class Targets:
    """What a 2-core machine must reach (docs/benchmarks.md, issue 12)."""

    figure_p95_ms: float = 60.0
    figure_p95_over_floor: float = 1.3
    turns_per_second_at_10: float = 20.0
    errors_at_50: int = 0


def targets(profile: str) -> Targets:
    return Targets(turns_per_second_at_10=30.0) if profile == "scale-out" else Targets()


@dataclass
class Results:
    machine: Dict[str, str]
    started: str
    revision: str
    url: str
    latency: Dict[str, Dict[str, float]] = field(default_factory=dict)
    load: List[Dict[str, float]] = field(default_factory=list)
    timings: Dict[str, float] = field(default_factory=dict)
    memory_mib: Dict[str, float] = field(default_factory=dict)
    parts: Dict[str, Dict[str, float]] = field(default_factory=dict)
    notes: List[str] = field(default_factory=list)
    profile: str = "default"
    label: str = ""  # what else sets this run apart, e.g. "ZWGK_SPEEDUPS=off"
    repetitions: List[Dict[str, object]] = field(default_factory=list)  # each run's own figures

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2)


def server_pids(servers) -> Dict[str, List[int]]:
    """The process ids of our own Rasa servers and action servers (none when measuring --url)."""
    if servers is None:
        return {}
    processes = list(servers.processes)
    return {"rasa": [p.pid for p in processes if "rasa_sdk" not in p.args],
            "actions": [p.pid for p in processes if "rasa_sdk" in p.args]}


def _cpu(servers) -> Dict[str, float]:
    """CPU seconds used so far by all our Rasa servers and all our action servers."""
    return {name: sum(map(machine.cpu_seconds, pids)) for name, pids in server_pids(servers).items()}


def _with_cpu(summary: Dict[str, float], before: Dict[str, float], after: Dict[str, float], turns: int) -> None:
    for name in before:
        summary[f"cpu_ms_{name}"] = (after[name] - before[name]) * 1000 / max(1, turns)


def _turn_latency(url: str, text: str, count: int, servers=None) -> Dict[str, float]:
    asyncio.run(client.latencies(url, text, 3, warmup=0))
    before = _cpu(servers)
    turns = asyncio.run(client.latencies(url, text, count, warmup=0))
    summary = summarize([t.seconds for t in turns])
    summary["failed"] = len([t for t in turns if not t.answered])
    _with_cpu(summary, before, _cpu(servers), len(turns))
    return summary


def _load(url: str, conversations: int, script: Sequence[str], servers=None) -> Dict[str, float]:
    before = _cpu(servers)
    result = asyncio.run(client.load(url, conversations, script))
    summary = summarize([t.seconds for t in result.turns])
    summary.update(conversations=conversations, turns=len(result.turns), expected=result.expected_turns,
                   seconds=result.seconds, turns_per_second=result.turns_per_second,
                   errors=len(result.errors), lost=len(result.lost))
    _with_cpu(summary, before, _cpu(servers), len(result.turns))
    return summary


def _zwgk(*args: str, env: Optional[Dict[str, str]] = None) -> float:
    """Runs a `zwgk` command as a person would; its wall-clock seconds. Its output is shown only if it fails."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=paths.ROOT, env={**os.environ, **(env or {})},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        raise RuntimeError(f"zwgk {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}")
    return time.perf_counter() - started


def time_kb_build(scratch: Path) -> float:
    """`zwgk kb build --force` into a scratch file (the served knowledge base is left alone)."""
    return _zwgk("kb", "build", "--force", env={"ZWGK_KB": str(scratch / "knowledge.db")})


def time_training() -> float:
    """`zwgk train --force` with a build folder of its own (the cached model is left alone).

    The folder is inside the project's build folder: training names its inputs relative to the project."""
    import shutil

    from knowledge.paths import db_path

    scratch = paths.BUILD / "bench" / f"train-{os.getpid()}"
    env = {"ZWGK_BUILD": str(scratch), "ZWGK_KB": str(db_path().resolve()),
           "RASA_CACHE_DIRECTORY": str(scratch / "rasa-cache")}  # an empty cache: every component trains
    try:
        return _zwgk("train", "--force", env=env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _revision() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _profile_servers(profile: str, model: Path, workdir: Path, services: Dict[str, str]):
    from bot import serve

    if profile == "scale-out":
        return serve.ScaleOut(model=model, workdir=workdir, services=services, log_to_files=True, enable_api=True)
    return serve.Servers(model=model, workdir=workdir, rasa_port=serve.free_port(),
                         action_port=serve.free_port(), log_to_files=True, enable_api=True)


@contextmanager
def own_servers(workdir: Path, results: Results, echo: Callable[[str], None],
                profile: str = "default") -> Iterator["object"]:
    """Fresh servers of the profile; times the cold start to the first answer."""
    from bot import serve, training
    from knowledge import KnowledgeBase

    model = training.train(KnowledgeBase.open(), echo=lambda *_: None)
    workdir.mkdir(parents=True, exist_ok=True)
    services: Dict[str, str] = {}
    if profile == "scale-out":
        echo("starting Redis and PostgreSQL (scripts/ensure-services.sh) …")
        services = serve.start_services()
    servers = _profile_servers(profile, model, workdir, services)
    echo(f"starting the servers of the {profile} profile (cold start) …")
    try:
        started = time.perf_counter()
        servers.start_actions()
        actions_ready = time.perf_counter()
        servers.start_rasa()
        rasa_ready = time.perf_counter()
        first = asyncio.run(_first_answer(client.server_urls(servers.rasa_url)[0]))
        answered = time.perf_counter()
        results.timings.update(action_server_start=actions_ready - started, rasa_server_start=rasa_ready - actions_ready,
                               cold_start_to_first_answer=answered - started, first_turn=first.seconds)
        if not first.answered:
            results.notes.append(f"the first turn after the cold start got no answer: {first.error or first.messages}")
        yield servers
    finally:
        servers.stop()
        serve.stop_services(services)


async def _first_answer(url: str) -> client.Turn:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        return await client.turn(session, url, client.new_sender("cold"), FIGURE_QUESTION)


def run(url: Optional[str] = None, action_url: Optional[str] = None, turns: int = 200, train: bool = False,
        kb_build: bool = True, concurrency: Sequence[int] = CONCURRENCY, echo: Callable[[str], None] = print,
        write: bool = True, profile: str = "default", repeat: int = 1, label: str = "") -> Results:
    from measure.bench import report

    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; one of {', '.join(PROFILES)}")
    results = Results(machine=machine.machine(), started=time.strftime("%Y-%m-%d %H:%M %Z"),
                      revision=_revision(), url=url or "own servers on loopback", profile=profile, label=label)
    results.machine["load average before"] = machine.load_average()
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as scratch_name:
        scratch = Path(scratch_name)
        if kb_build:
            echo("timing zwgk kb build --force …")
            results.timings["kb_build"] = time_kb_build(scratch)
        if train:
            echo("timing zwgk train --force (a few minutes) …")
            results.timings["training"] = time_training()
        if url:
            _measure(url, action_url, None, results, turns, concurrency, echo, repeat)
        else:
            with own_servers(scratch / "run", results, echo, profile) as servers:
                _measure(servers.rasa_url, servers.action_url, servers, results, turns, concurrency, echo, repeat)
    out = paths.BUILD / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{profile}-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(results.to_json())
    if write:
        report.write(results, targets(profile))
    return results


def load_results(path: Path) -> Results:
    """A run saved in .build/bench/ (to write docs/benchmarks.md from it again)."""
    return Results(**json.loads(Path(path).read_text()))


def median_of(summaries: List[Dict[str, float]]) -> Dict[str, float]:
    """Each field's median over repeated runs; counts (turns, errors, …) added up."""
    merged: Dict[str, float] = {}
    for key in summaries[0]:
        values = [s[key] for s in summaries if key in s]
        if key == "conversations":
            merged[key] = values[0]
        elif key in COUNTS:
            merged[key] = sum(values)
        else:
            merged[key] = statistics.median(values)
    return merged


def _one_run(url: str, every_url: str, servers, turns: int, concurrency: Sequence[int],
             echo: Callable[[str], None]) -> Dict[str, object]:
    load_average = machine.load_average()
    echo(f"latency: {turns} turns of {FIGURE_QUESTION!r} and of {GREETING!r} (load average {load_average}) …")
    latency = {"figure question": _turn_latency(url, FIGURE_QUESTION, turns, servers),
               "greeting (no custom action)": _turn_latency(url, GREETING, turns, servers)}
    load = []
    for conversations in concurrency:
        echo(f"load: {conversations} concurrent conversations × {len(CONVERSATION)} turns …")
        load.append(_load(every_url, conversations, CONVERSATION, servers))
    return {"load average": load_average, "latency": latency, "load": load}


def _measure(url: str, action_url: Optional[str], servers, results: Results, turns: int,
             concurrency: Sequence[int], echo: Callable[[str], None], repeat: int = 1) -> None:
    from measure.bench import parts

    every_url, url = url, client.server_urls(url)[0]  # one turn at a time: the first server
    results.parts = parts.measure(url, action_url, FIGURE_QUESTION, max(20, turns // 4), echo)
    for index in range(repeat):
        echo(f"run {index + 1} of {repeat}")
        results.repetitions.append(_one_run(url, every_url, servers, turns, concurrency, echo))
    runs = results.repetitions
    results.latency = {name: median_of([r["latency"][name] for r in runs]) for name in runs[0]["latency"]}
    results.load = [median_of([r["load"][i] for r in runs]) for i in range(len(concurrency))]
    results.machine["load average after"] = machine.load_average()
    if servers is not None:
        pids = server_pids(servers)
        results.memory_mib = {"action server": machine.peak_rss_mib(pids["actions"]),
                              "Rasa server": max(machine.peak_rss_mib([pid]) for pid in pids["rasa"])}
