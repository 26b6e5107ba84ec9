"""What machine a benchmark ran on, and how much memory a server process took at its peak."""
from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Dict, Iterable, List


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.split(":", 1)[0].strip() == key:
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def machine() -> Dict[str, str]:
    """Cores, memory and CPU model (from /proc), OS and Python version."""
    memory_kb = (_first("/proc/meminfo", "MemTotal").split() or ["0"])[0]
    return {
        "cores": str(os.cpu_count() or 0),
        "memory": f"{int(memory_kb) / 1024 / 1024:.1f} GiB",
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
    }


def _status_kb(pid: int, key: str) -> int:
    value = _first(f"/proc/{pid}/status", key)
    return int(value.split()[0]) if value else 0


def descendants(pid: int) -> List[int]:
    """pid and every process below it (a server may fork workers)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                pass
    return found


def peak_rss_mib(pids: Iterable[int]) -> float:
    """Sum of the peak resident set sizes (VmHWM) of the processes, in MiB."""
    return sum(_status_kb(pid, "VmHWM") for root in pids for pid in descendants(root)) / 1024


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by a process and the processes below it (all threads)."""
    return sum(_cpu_ticks(p) for p in descendants(pid)) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    return "%.1f %.1f %.1f" % os.getloadavg()
