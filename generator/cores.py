"""How many processor cores a stage may use: those not already busy with other work."""

from __future__ import annotations

import os

MOST = 8
"""Never more processes than this: beyond it, starting them costs more than the share of work each saves."""


def idle() -> int:
    """The cores this process may use, less those the last minute's load kept busy; at least 1.

    On a machine shared with other work, a process per core only adds waiting: mkdocs in two processes
    took longer than in one while both cores of the machine were busy.
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return max(1, min(usable - int(busy + 0.5), MOST))
