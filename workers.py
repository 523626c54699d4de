"""Read each document in a child process of its own, under a time limit and a memory limit.

pdfplumber has no limits of its own: a compression bomb inflates to gigabytes and a damaged
file can keep the parser busy for ever. So every document is read in a forked child; the
parent waits for its result up to the time limit, the child's address space is capped, and
a child that runs over, runs out or dies is reported as one failed file while the batch
goes on. Forked children start with the parent's libraries loaded (spaCy, pdfplumber), so a
child costs milliseconds. Results come back in the order the work was given, with up to
``jobs`` children running at once.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .ingest.errors import IngestError, ReaderCrashed, TimedOut, TooMuchMemory

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Generous defaults: a 500-page plan reads in about a minute and 100 MB."""

    timeout: float = 1200.0  # seconds one document may take to read
    max_memory_mb: int = 4096  # memory one document may use, on top of plandrift itself


def run_isolated(
    work: Callable[[Any], Any], items: Sequence[Any], jobs: int, limits: Limits
) -> Iterator[Any]:
    """``work(item)`` for each item, each in its own child process, yielded in item order.

    A child that exceeds ``limits`` or dies yields an :class:`IngestError` instead of a
    result. Where processes cannot be forked (Windows), the work runs here, without limits.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, items)
        return
    context = multiprocessing.get_context("fork")
    running: dict[Connection, tuple[int, Any, float]] = {}  # connection -> index, child, deadline
    finished: dict[int, Any] = {}
    started = 0
    try:
        for wanted in range(len(items)):
            while wanted not in finished:
                # Keep every core busy, but hold back when finished results pile up behind a
                # slow document (each can be a whole document's rows).
                while started < len(items) and len(running) < jobs and len(finished) < 2 * jobs:
                    receiver, sender = context.Pipe(duplex=False)
                    child = context.Process(
                        target=_child, args=(sender, work, items[started], limits), daemon=True
                    )
                    child.start()
                    sender.close()
                    running[receiver] = (started, child, time.monotonic() + limits.timeout)
                    started += 1
                _collect(running, finished, limits)
            yield finished.pop(wanted)
    finally:
        for receiver, (_, child, _) in running.items():
            child.kill()
            child.join()
            receiver.close()


def _collect(running: dict, finished: dict, limits: Limits) -> None:
    """Wait for the next child to answer or run out of time; file what it gave."""
    now = time.monotonic()
    soonest = min(deadline for _, _, deadline in running.values())
    for receiver in wait(list(running), timeout=max(0.0, soonest - now)):
        index, child, _ = running.pop(receiver)
        try:
            finished[index] = receiver.recv()
        except (EOFError, OSError):  # it died before answering
            child.join()
            finished[index] = _death(child.exitcode, limits)
        child.join()
        receiver.close()
    now = time.monotonic()
    for receiver, (index, child, deadline) in list(running.items()):
        if now >= deadline:
            child.kill()
            child.join()
            receiver.close()
            del running[receiver]
            finished[index] = TimedOut(
                f"reading it took longer than the limit of {limits.timeout:g} seconds, "
                "so it was stopped"
            )


def _death(exitcode: int | None, limits: Limits) -> IngestError:
    if exitcode == -signal.SIGKILL:  # what the kernel's out-of-memory killer sends
        return TooMuchMemory(
            f"reading it was stopped by the system (probably out of memory; the limit is "
            f"{limits.max_memory_mb} MB)"
        )
    if exitcode == -signal.SIGABRT:  # how PDFium stops when an allocation fails
        error = _too_much_memory(limits.max_memory_mb)
        error.problem += " (PDFium stopped abruptly, as it does when an allocation fails)"
        return error
    return ReaderCrashed(f"the process reading it stopped unexpectedly (exit code {exitcode})")


def _child(sender: Connection, work: Callable[[Any], Any], item: Any, limits: Limits) -> None:
    _cap_memory(limits.max_memory_mb)
    try:
        result = work(item)
    except MemoryError:
        result = _too_much_memory(limits.max_memory_mb)
    try:
        sender.send(result)
    except MemoryError:  # the result itself would not fit
        sender.send(_too_much_memory(limits.max_memory_mb))
    sender.close()


def _too_much_memory(max_memory_mb: int) -> TooMuchMemory:
    return TooMuchMemory(f"reading it needed more than the {max_memory_mb} MB of memory allowed")


def _cap_memory(max_memory_mb: int) -> None:
    """Cap the child's address space at what it holds now plus ``max_memory_mb``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return  # no /proc (macOS): RLIMIT_AS is not enforced there anyway
    limit = size_kb * 1024 + max_memory_mb * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
