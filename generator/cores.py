"""How many processor cores a stage may use: those not already busy with other work."""

from __future__ import annotations

import os
import time
from pathlib import Path

MOST = 8
"""Never more processes than this: beyond it, starting them costs more than the share of work each saves."""
LOOK = 0.2
"""Seconds over which the cores' idle time is measured."""
STAT = Path("/proc/stat")


def idle() -> int:
    """The cores this process may use that were idle a moment ago (measured over LOOK seconds); at least 1.

    On a machine shared with other work, a process per core only adds waiting: mkdocs in two processes took
    longer than in one while both cores of the machine were busy. Where the kernel's counters cannot be read,
    the last minute's load average stands in for the busy cores.
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    total = os.cpu_count() or usable
    try:
        before = _times()
        time.sleep(LOOK)
        after = _times()
        spent = sum(after) - sum(before)
        free = total * (after[0] - before[0]) / spent if spent > 0 else total
    except (OSError, ValueError, IndexError):
        free = total - os.getloadavg()[0]
    return max(1, min(usable, int(free + 0.5), MOST))


def _times() -> list[int]:
    """The kernel's time counters of all cores together, idle (with waiting for disks) first."""
    fields = [int(v) for v in STAT.read_text().split("\n", 1)[0].split()[1:]]
    return [fields[3] + fields[4], *fields[:3], *fields[5:8]]
