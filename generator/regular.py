"""Reading files that must be regular ones: the spec, the config, cache entries, generated files.

A FIFO, a device or a socket in a file's place could block a run forever or feed it without end
(`/dev/zero`): it is refused before it is read. Links are followed; what they lead to is checked.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path names something other than a regular file (after links)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path`: all of them, or at most `limit + 1` (its size can lie)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(path)
    # Non-blocking: a FIFO swapped in between the check and the open cannot block here.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        return stream.read() if limit is None else stream.read(limit + 1)
