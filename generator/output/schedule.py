"""Rendering and formatting shared between this process and forked workers (`parallel`).

`format_sources` formats a batch of files, each process taking a share (longest first onto the
least loaded); `render_and_format` hands out file numbers from one job queue, each process
rendering the next file and formatting it at once with black, or with ruff all of its share
in one run once the queue is empty (both processes' runs at the same time, and each reading
and writing only its own files). Either way the result is what
rendering and formatting in one process gives (`format`), and the work of a worker that dies
is done here.
"""

from __future__ import annotations

import gc
import itertools
import os
import struct
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .format import (
    LINE_LENGTH,
    TARGET_VERSIONS,
    Result,
    cached,
    format_batch,
    format_file,
    formatter_id,
    parsed,
    runtime_sources,
    store,
)
from .parallel import Forked, can_fork, cpus

# Below this many characters to format, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 40_000


def format_sources(
    files: dict[str, str],
    *,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    preformatted: Collection[str] | None = None,
    formatter: str = "black",
) -> dict[str, str]:
    """Black (or ruff) over every `.py` file; a file it cannot parse is a generator bug, said so.

    `cache_dir`: where formatted files are kept between runs (None: no cache). `jobs`: processes
    to use (default: the CPUs this process may run on). `preformatted`: texts known to be the
    formatter's output already (default: the runtime files).
    """
    python = _unformatted_python(files, runtime_sources() if preformatted is None else preformatted)
    key = formatter_id(formatter) if cache_dir is not None else ""  # (ruff's asks ruff its version)
    formatted = cached(cache_dir, key, python) if cache_dir is not None else {}
    todo = {path: source for path, source in python.items() if path not in formatted}
    if formatter == "ruff":
        from . import ruff_format

        done = parsed(ruff_format.format_all(todo, LINE_LENGTH, TARGET_VERSIONS[0].lower()))
    else:
        done = parsed(_format_all(todo, jobs or cpus()))
    if cache_dir is not None:
        store(cache_dir, key, todo, done)
    formatted.update(done)
    return {path: formatted.get(path, source) for path, source in files.items()}


def _unformatted_python(files: dict[str, str], preformatted: Collection[str]) -> dict[str, str]:
    return {
        path: source
        for path, source in files.items()
        if path.endswith(".py") and source not in preformatted
    }


def _format_all(todo: dict[str, str], jobs: int) -> dict[str, Result]:
    if not todo:
        return {}
    import black  # noqa: F401  (imported once, before any fork, not once per process)

    if not _worth_forking(todo, jobs):
        return format_batch(list(todo.items()))
    return _format_in_processes(todo, jobs)


def _worth_forking(todo: dict[str, str], jobs: int) -> bool:
    """Whether there is enough to format to pay for more processes, and there can be any."""
    size = sum(len(s) for s in todo.values())
    return jobs >= 2 and len(todo) >= 2 and size >= PARALLEL_MIN_CHARS and can_fork()


def _format_in_processes(todo: dict[str, str], jobs: int) -> dict[str, Result]:
    """One share here, the others in forked children; a child that dies has its share done here."""
    shares = _balance(todo, min(jobs, len(todo)))
    children = [Forked(format_batch, share) for share in shares[1:]]
    results: dict[str, Result] = {}
    try:
        results.update(format_batch(shares[0]))
        for child, share in zip(children, shares[1:], strict=True):
            try:
                results.update(child.result())
            except RuntimeError:  # the process died (killed, out of memory): do its share here
                results.update(format_batch(share))
    finally:
        for child in children:
            child.cancel()
    return results


def _balance(todo: dict[str, str], bins: int) -> list[list[tuple[str, str]]]:
    """Longest first onto the least loaded share; black's time is about proportional to length."""
    shares: list[list[tuple[str, str]]] = [[] for _ in range(bins)]
    loads = [0] * bins
    for path, source in sorted(todo.items(), key=lambda item: (-len(item[1]), item[0])):
        least = loads.index(min(loads))
        shares[least].append((path, source))
        loads[least] += len(source)
    return [share for share in shares if share]


class Renderer(Protocol):
    """What `render_and_format` needs of a package (`render.PackageRenderer`)."""

    paths: tuple[str, ...]

    def render(self, path: str) -> str: ...

    def size(self, path: str) -> int: ...


# Below this many estimated lines, rendering and formatting stay in this process.
PARALLEL_MIN_LINES = 1_000
# From this many lines left to render (about 0.4 s), a worker is forked even while other work
# of the run (the validation) holds a CPU: the render outlasts it, and is the longer path.
# Below, the worker waits for a free CPU (Novu's 8,500 lines: the validation is the longer path).
OUTLASTS_OTHER_WORK_LINES = 30_000


def _go_on() -> None:
    """The checkpoint of a run nothing stops."""


def _nothing_else() -> int:
    """The CPUs busy with other work of this run: none."""
    return 0


def render_and_format(
    package: Renderer,
    *,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    checkpoint: Callable[[], None] = _go_on,
    busy: Callable[[], int] = _nothing_else,
    formatter: str = "black",
    ahead: Ahead | None = None,
) -> dict[str, str]:
    """Every file of `package`, `.py` files through black, each formatted as soon as it is
    rendered: each process (this one and, where it pays, forked workers) takes the next file,
    largest first, renders it and formats it (ruff: each process formats all of its files in
    one run when no file is left to take). The result is `format_sources` of the whole render.

    `checkpoint` is called in this process before each file it takes: what it raises stops the
    work (the workers are ended). `busy`, asked at the same time, says how many of the `jobs`
    CPUs other work of the run holds (the validation): a worker is forked once one is free, or
    at once when what is left to render is long enough to outlast that work. The files of
    `ahead` are taken from the processes that render them already."""
    pace = _Pace(checkpoint, busy)
    if formatter == "ruff":
        if cache_dir is not None:
            formatter_id("ruff")  # asked once, here, not by each process
        return _render(package, _Ruff(cache_dir), jobs, pace, ahead or Ahead({}))
    return _render(package, _Black(cache_dir), jobs, pace, ahead or Ahead({}))


class Ahead:
    """Files rendered by forked processes started before the renderer is made (`api.json`, from
    the IR alone, while this process builds the views the other files need: a CPU that would
    wait for the render to start works). Not Python: they are not formatted. Where processes
    are not forked, or a child dies, the file is rendered with the others."""

    def __init__(self, renders: dict[str, Callable[[], str]]) -> None:
        forking = can_fork() and cpus() > 1
        self._children = {path: Forked(render) for path, render in renders.items()} if forking else {}

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for child in self._children.values():
            child.cancel()  # after an error; nothing once its result is in

    def paths(self) -> Collection[str]:
        return self._children.keys()

    def results(self) -> dict[str, Result]:
        """Each file's text; none for one whose process died (it is rendered here then)."""
        results: dict[str, Result] = {}
        for path, child in self._children.items():
            try:
                results[path] = (child.result(), None)
            except RuntimeError:  # the process died (killed, out of memory)
                pass
        return results


@dataclass(frozen=True)
class _Pace:
    """What this process asks before each file it takes (see `render_and_format`)."""

    checkpoint: Callable[[], None]
    busy: Callable[[], int]


@dataclass(frozen=True)
class _Black:
    """Formatting each rendered `.py` file with black, through the cache in `cache_dir`."""

    cache_dir: Path | None


@dataclass(frozen=True)
class _Ruff:
    """Formatting each process's rendered `.py` files in one ruff run, through the cache in
    `cache_dir`."""

    cache_dir: Path | None


def _render(package: Renderer, formatting: _Black | _Ruff, jobs: int | None, pace: _Pace, ahead: Ahead) -> dict[str, str]:
    elsewhere = ahead.paths()
    order = sorted((p for p in package.paths if p not in elsewhere), key=lambda path: (-package.size(path), path))
    workers = min(jobs or cpus(), len(order))
    estimated = sum(package.size(path) for path in order)
    if workers < 2 or estimated < PARALLEL_MIN_LINES or len(order) > _JobQueue.MAX or not can_fork():
        results = _render_share(package, order, _checked(_sequence(len(order)), pace.checkpoint), formatting)
    else:
        results = _render_in_processes(package, order, workers, formatting, pace)
    results.update(ahead.results())
    died = [path for path in elsewhere if path not in results]
    results.update(_render_share(package, died, _sequence(len(died)), formatting))
    done = parsed(results)
    return {path: done[path] for path in package.paths}


def _render_in_processes(
    package: Renderer, order: list[str], workers: int, formatting: _Black | _Ruff, pace: _Pace
) -> dict[str, Result]:
    """This process and up to `workers - 1` forked ones take files from one queue; the files of
    a worker that dies are done here afterwards. Black is imported once, before any fork,
    unless the cache may have the files (a warm run then need not import it at all)."""
    if isinstance(formatting, _Black) and (formatting.cache_dir is None or not (formatting.cache_dir / "format").is_dir()):
        import black as _  # noqa: F401

    queue = _JobQueue(len(order))
    children = _Workers(package, order, queue, formatting, workers - 1)
    results: dict[str, Result] = {}
    try:
        results.update(_render_share(package, order, _checked(children.take_forking(pace.busy), pace.checkpoint), formatting))
        results.update(children.results())
    finally:
        children.cancel()
        queue.close()
    missing = [path for path in order if path not in results]
    results.update(_render_share(package, missing, _sequence(len(missing)), formatting))
    return results


class _Workers:
    """The forked workers of one render, forked as CPUs are free and enough work is left to pay
    for one (a small spec's render is not worth a process while the validation holds a CPU; a
    render long enough to outlast the validation gets its worker at once)."""

    def __init__(self, package: Renderer, order: list[str], queue: _JobQueue, formatting: _Black | _Ruff, most: int) -> None:
        self.package, self.order, self.queue, self.formatting, self.most = package, order, queue, formatting, most
        self.left_lines = list(itertools.accumulate(package.size(path) for path in reversed(order)))[::-1] + [0]
        self.forked: list[Forked] = []

    def take_forking(self, busy: Callable[[], int]) -> Callable[[], int | None]:
        """The queue's `take`, forking a worker first where one is wanted."""

        def take() -> int | None:
            if len(self.forked) < self.most:
                self._fork_if_it_pays(busy)
            return self.queue.take()

        return take

    def _fork_if_it_pays(self, busy: Callable[[], int]) -> None:
        left = self.queue.left()  # the last `left` files of `order`
        lines = self.left_lines[len(self.order) - left] if left else 0
        if lines < PARALLEL_MIN_LINES:
            return
        if lines < OUTLASTS_OTHER_WORK_LINES and len(self.forked) >= self.most - busy():
            return
        self.forked.append(Forked(_render_share, self.package, self.order, self.queue.take, self.formatting))

    def results(self) -> dict[str, Result]:
        """What each worker rendered; nothing from one that died (its files are done here)."""
        results: dict[str, Result] = {}
        for child in self.forked:
            try:
                results.update(child.result())
            except RuntimeError:  # the process died (killed, out of memory)
                pass
        return results

    def cancel(self) -> None:
        for child in self.forked:
            child.cancel()


class _JobQueue:
    """File numbers in a pipe, read four bytes at a time by every process as it becomes free
    (a read that small from a pipe is atomic on Linux, where alone processes are forked)."""

    MAX = 16_000  # numbers that fit in a pipe's buffer at once (64 KiB)

    def __init__(self, count: int) -> None:
        self.fd, write_end = os.pipe()
        os.write(write_end, b"".join(struct.pack("<I", i) for i in range(count)))
        os.close(write_end)

    def take(self) -> int | None:
        data = os.read(self.fd, 4)
        return struct.unpack("<I", data)[0] if len(data) == 4 else None

    def left(self) -> int:
        """How many numbers are still in the pipe."""
        import fcntl  # POSIX only: workers are forked on Linux alone
        import termios

        waiting = bytearray(4)
        fcntl.ioctl(self.fd, termios.FIONREAD, waiting)
        return int(struct.unpack("<i", waiting)[0]) // 4

    def close(self) -> None:
        os.close(self.fd)


def _checked(take: Callable[[], int | None], checkpoint: Callable[[], None]) -> Callable[[], int | None]:
    """`take`, with `checkpoint` called before each file is taken (this process only: a forked
    worker never calls it)."""

    def checked() -> int | None:
        checkpoint()
        return take()

    return checked


def _sequence(count: int) -> Callable[[], int | None]:
    numbers = iter(range(count))
    return lambda: next(numbers, None)


def _render_share(
    package: Renderer, order: list[str], take: Callable[[], int | None], formatting: _Black | _Ruff
) -> dict[str, Result]:
    """Render the files `take` hands out, with black formatting each `.py` one at once, or
    ruff all of them once none is left (either: or from the cache)."""
    runtime = runtime_sources()
    results: dict[str, Result] = {}
    gc.freeze()  # what is alive now (the spec, the IR) is not scanned again after each file
    try:
        while (number := take()) is not None:
            path = order[number]
            text = package.render(path)
            if not isinstance(formatting, _Black) or not path.endswith(".py") or text in runtime:
                results[path] = (text, None)
            else:
                results[path] = format_file(text, formatting.cache_dir)
        if isinstance(formatting, _Ruff):  # while frozen: what reading ruff's files back makes
            # would otherwise set off a collection of the whole heap (0.17 s on GitHub)
            results.update(_ruff_share(results, runtime, formatting.cache_dir))
    finally:
        gc.unfreeze()
    return results


def _ruff_share(rendered: dict[str, Result], runtime: Collection[str], cache_dir: Path | None) -> dict[str, Result]:
    """The rendered `.py` files (not the runtime's) formatted by one ruff run, or from the cache
    in `cache_dir`, which then keeps what ruff returned."""
    from . import ruff_format

    python = _unformatted_python(_texts(rendered), runtime)
    found = cached(cache_dir, formatter_id("ruff"), python) if cache_dir is not None else {}
    todo = {path: source for path, source in python.items() if path not in found}
    done = ruff_format.format_all(todo, LINE_LENGTH, TARGET_VERSIONS[0].lower())
    if cache_dir is not None:
        store(cache_dir, formatter_id("ruff"), todo, _texts(done))
    return {**{path: (text, None) for path, text in found.items()}, **done}


def _texts(results: dict[str, Result]) -> dict[str, str]:
    """The texts of `results`, those with an error left out."""
    return {path: text for path, (text, _) in results.items() if text is not None}
