"""Raw-socket servers on the loopback that misbehave on purpose: slow bodies, slow headers,
endless bodies, headers too long, cookies. Each connection is handled in its own thread by a
function that gets the socket and the request head it read; nothing is parsed for it.

Used in-process by the hostile-server tests and inside the memory-limited subprocesses of
``hostile_probe.py``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType

Handler = Callable[[socket.socket, bytes], None]


def read_head(conn: socket.socket) -> bytes:
    """The request line and headers, and the body if it declares a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            while len(body) < int(value):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                body += chunk
    return head


class Loopback:
    """``with Loopback(handler) as server:`` then ``server.url``; ``server.heads`` lists the
    request heads received, in order."""

    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.heads: list[bytes] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            with conn:
                while not self._closed:
                    head = read_head(conn)
                    if not head:
                        return
                    self.heads.append(head)
                    self._handler(conn, head)
        except OSError:
            pass  # the client gave up: what these servers are for

    def __enter__(self) -> Loopback:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closed = True
        self._listener.close()


def head(status: str = "200 OK", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in (headers or {}).items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def trickle(data: bytes, every: float) -> Iterator[bytes]:
    """``data`` a byte at a time, one every ``every`` seconds."""
    for index in range(len(data)):
        time.sleep(every)
        yield data[index : index + 1]


def answer(
    parts: Callable[[], Iterator[bytes]],
) -> Handler:
    """A handler that sends whatever ``parts()`` yields, then closes the connection."""

    def handle(conn: socket.socket, _: bytes) -> None:
        for part in parts():
            conn.sendall(part)
        conn.shutdown(socket.SHUT_WR)
        time.sleep(0.05)
        raise OSError("done")  # ends this connection

    return handle
