"""What a file argument may be, and how it goes on the wire.

A file is ``bytes``, a binary file object, a path (``pathlib.Path`` or any ``os.PathLike``), or
a tuple ``(filename, content[, content_type[, headers]])`` whose content is any of those (or
text); a multipart field takes a list of them too. Where the caller gives no filename it is
taken from the file or path, and the content type is guessed from the filename. Anything else
is a ``TypeError`` naming the argument, raised before anything is sent.

Nothing is read whole that need not be: a path is opened only as the request is sent, and an
``application/octet-stream`` body given as a path or a seekable file is sent from it in chunks
(``FileStream``), from its start again on each attempt.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import IO, Any, cast

import httpx

__all__ = [
    "FileContent",
    "FileStream",
    "FileTypes",
    "is_file",
    "multipart_file",
    "raw_upload",
    "send_from_file",
]

FileContent = bytes | IO[bytes] | os.PathLike[str]
FileTypes = (
    FileContent
    | tuple[str | None, FileContent]
    | tuple[str | None, FileContent, str | None]
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)

_CHUNK = 64 * 1024
_EXPECTED = (
    "a file: bytes, a binary file, a path (os.PathLike), or a "
    "(filename, content[, content_type[, headers]]) tuple"
)


def is_file(value: object) -> bool:
    """Whether ``value`` is one of the shapes a file may take."""
    given = _as_tuple(value)
    if given is not None:
        return _is_file_tuple(given) and _is_content(given[1])
    return _is_content(value)


def _as_tuple(value: object) -> tuple[object, ...] | None:
    """``value`` if it is a tuple (of anything), else None."""
    return cast(tuple[object, ...], value) if isinstance(value, tuple) else None


def _is_file_tuple(value: tuple[object, ...]) -> bool:
    return 2 <= len(value) <= 4 and (value[0] is None or isinstance(value[0], str))


def _is_content(value: object) -> bool:
    return isinstance(value, (bytes, bytearray, os.PathLike)) or callable(
        getattr(value, "read", None)
    )


def multipart_file(value: object, argument: str) -> tuple[Any, ...]:
    """A file as httpx's multipart encoder takes it: ``(filename, content, content_type,
    headers)``, with what the caller left out filled in."""
    filename, content, content_type, headers = _given(value, argument)
    name = filename if filename is not None else _filename(content)
    guessed = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name, _opened(content), guessed, headers


def _given(value: object, argument: str) -> tuple[Any, Any, Any, Any]:
    """``(filename, content, content_type, headers)`` as the caller gave them (None: not given)."""
    if _is_content(value):
        return None, value, None, {}
    given = _as_tuple(value)
    if not (given is not None and _is_file_tuple(given)):
        raise TypeError(f"{argument}: expected {_EXPECTED}, got {_kind(value)}")
    filename, content, *rest = given
    if not (_is_content(content) or isinstance(content, str)):
        raise TypeError(f"{argument}: expected {_EXPECTED}; its content is {_kind(content)}")
    return filename, content, rest[0] if rest else None, rest[1] if len(rest) > 1 else {}


def _kind(value: object) -> str:
    return "str (a path must be a pathlib.Path)" if isinstance(value, str) else type(value).__name__


def _filename(content: object) -> str:
    """The file's own name, as servers need one on a file part; else ``upload``."""
    path = _as_path(content)
    text = _fspath(getattr(content, "name", None) if path is None else path)
    if text is not None:
        base = os.path.basename(text)
        if isinstance(base, str) and base:
            return base
    return "upload"


def _as_path(value: object) -> os.PathLike[str] | None:
    """``value`` if it is an ``os.PathLike``, else None."""
    return cast("os.PathLike[str]", value) if isinstance(value, os.PathLike) else None


def _fspath(value: object) -> str | bytes | None:
    """``value`` as ``os.fspath`` gives it when it is a ``str`` or ``os.PathLike``; else None."""
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(cast("str | os.PathLike[str] | os.PathLike[bytes]", value))
    return None


def _opened(content: object) -> Any:
    path = _as_path(content)
    if path is not None:
        return _PathReader(path)
    return bytes(content) if isinstance(content, bytearray) else content


class _PathReader(io.RawIOBase):
    """A file on disk, opened when first read (as the request is sent) and closed at its end;
    it rewinds for the next attempt, as httpx seeks each file back to its start."""

    def __init__(self, path: os.PathLike[str]) -> None:
        super().__init__()
        self._path = path
        self._file: IO[bytes] | None = None

    @property
    def name(self) -> str:
        return os.fspath(self._path)

    def _open(self) -> IO[bytes]:
        if self._file is None:
            self._file = open(self._path, "rb")
        return self._file

    def fileno(self) -> int:  # httpx sizes the part from it
        return self._open().fileno()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        data = self._open().read(-1 if size is None else size)
        if not data or size is None or size < 0:
            self.close()
        return data

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._open().seek(offset, whence)

    def tell(self) -> int:
        return 0 if self._file is None else self._file.tell()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def raw_upload(body: object, argument: str = "body") -> object:
    """An ``application/octet-stream`` body: bytes and text as they are, a path or a seekable
    file as a ``FileStream``, any other file object read once (it cannot be sent twice)."""
    if body is None or isinstance(body, (bytes, bytearray, str)):
        return body
    path = _as_path(body)
    if path is not None:
        return FileStream(path)
    read = getattr(body, "read", None)
    if not callable(read):
        raise TypeError(f"{argument}: expected {_EXPECTED}, got {_kind(body)}")
    if _seekable(body):
        return FileStream(cast(IO[bytes], body))
    data: object = read()
    return data.encode("utf-8") if isinstance(data, str) else bytes(cast("bytes", data))


def _seekable(file: object) -> bool:
    seekable = getattr(file, "seekable", None)
    try:
        return bool(callable(seekable) and seekable())
    except (OSError, ValueError):
        return False


class FileStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A request body sent from a file in chunks, sync or async, from where the file stood when
    the call began (each attempt starts there again)."""

    def __init__(self, source: os.PathLike[str] | IO[bytes]) -> None:
        self._source = source
        self._start = 0 if isinstance(source, os.PathLike) else source.tell()

    @property
    def size(self) -> int | None:
        if isinstance(self._source, os.PathLike):
            return os.stat(self._source).st_size
        try:
            return os.fstat(self._source.fileno()).st_size - self._start
        except (AttributeError, OSError, ValueError):
            position = self._source.tell()
            end = self._source.seek(0, io.SEEK_END)
            self._source.seek(position)
            return end - self._start

    def __iter__(self) -> Iterator[bytes]:
        if isinstance(self._source, os.PathLike):
            with open(self._source, "rb") as file:
                yield from iter(lambda: file.read(_CHUNK), b"")
            return
        self._source.seek(self._start)
        yield from iter(lambda: self._source.read(_CHUNK), b"")  # type: ignore[union-attr]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


def send_from_file(request: httpx.Request, stream: FileStream) -> httpx.Request:
    """``request`` sending its body from ``stream``, sized when the file's size is known."""
    headers = request.headers.copy()
    size = stream.size
    if size is None:
        headers.pop("Content-Length", None)
        headers["Transfer-Encoding"] = "chunked"
    else:
        headers["Content-Length"] = str(size)
    return httpx.Request(
        request.method, request.url, headers=headers, stream=stream, extensions=request.extensions
    )
