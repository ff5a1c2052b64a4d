"""Reading a file someone else made, bounded in time and memory: in a child process of its own.

A crafted attachment or spreadsheet can keep a reader busy for hours or unpack to gigabytes. The reading
function runs in a forked child whose address space is capped; the parent waits a fixed time, kills the
child past it, and gets back the result, or what stopped it. The build (or the import) itself can never be
killed for memory or hang on one file.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import resource
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class TooLarge(Exception):
    """A file that would unpack to more than its reader allows, or needs more memory than the bound to read."""


class TooSlow(Exception):
    """A file that took longer than the time bound to read."""


def _run_in_child(
    read: Callable[..., Any], args: tuple[Any, ...], memory: int, sender: multiprocessing.connection.Connection
) -> None:
    """The child's half of `bounded`: its address space capped, the result (or what stopped it) sent back."""
    with open("/proc/self/statm", encoding="ascii") as statm:  # pages of address space the fork inherited
        held = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (held + memory, held + memory))
    try:
        sender.send(("done", read(*args)))
    except (TooLarge, MemoryError):
        sender.send(("large", None))
    except Exception as exc:  # the reader's own refusal (a located message), raised again in the parent
        try:
            sender.send(("raised", exc))
        except Exception:  # an exception that does not pickle: its text still tells what happened
            sender.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))


def bounded(read: Callable[..., T], *args: Any, seconds: float, memory: int) -> T:
    """`read(*args)` in a child process bounded in time (`seconds`) and in memory (`memory` bytes above what
    the parent holds). Raises TooSlow or TooLarge, or what `read` raised."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_in_child, args=(read, args, memory, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            child.kill()
            raise TooSlow(seconds)
        try:
            kind, value = receiver.recv()
        except EOFError:  # the child died before answering: out of its memory
            raise TooLarge() from None
    finally:
        receiver.close()
        child.join()
    if kind == "large":
        raise TooLarge()
    if kind == "raised":
        raise value
    return value  # type: ignore[no-any-return]
