"""Downloads and uploads through generated code: `with_streaming_response` reading a body in
pieces (a 64 MB download in little memory), and every shape a file argument may take, checked
on the multipart body sent; an octet-stream body sent from its file, again on a retry."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import inspect
import io
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .support import Generated, json_content, mypy_params, openapi

BINARY = {"type": "string", "format": "binary"}
SPEC = openapi(
    {
        "/export": {
            "get": {
                "operationId": "download",
                "tags": ["files"],
                "responses": {"200": {"description": "the export", "content": {"application/octet-stream": {"schema": BINARY}}}},
            }
        },
        "/upload": {
            "post": {
                "operationId": "upload",
                "tags": ["files"],
                "requestBody": {
                    "required": True,
                    **json_content(
                        {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": BINARY,
                                "attachments": {"type": "array", "items": BINARY},
                                "note": {"type": "string"},
                            },
                        },
                        "multipart/form-data",
                    ),
                },
                "responses": {"204": {"description": "stored"}},
            }
        },
        "/raw": {
            "put": {
                "operationId": "put_raw",
                "tags": ["files"],
                "requestBody": {"required": True, **json_content(BINARY, "application/octet-stream")},
                "responses": {"204": {"description": "stored"}},
            }
        },
    }
)
MB = 1024 * 1024
MEGABYTE = bytes(range(256)) * 4096  # made once: the server sends this object again and again


@pytest.fixture(scope="module")
def files(generate: Any) -> Generated:
    return generate(SPEC, "files")


class Recorder:
    """Answers 204 (a download: ``size`` bytes from a generator, logged as sent); keeps each
    request with its body as the server read it."""

    def __init__(self, size: int = 0, *, fail_first: int = 0) -> None:
        self.size, self.fail_first = size, fail_first
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []
        self.streams: list[type] = []  # what each body is sent from (MockTransport reads it first)
        self.sent = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.bodies.append(request.read())
        if len(self.requests) <= self.fail_first:
            return httpx.Response(503)
        if request.url.path == "/export":
            return httpx.Response(200, headers={"content-type": "application/octet-stream"}, content=self._body())
        return httpx.Response(204)

    def _body(self) -> Iterator[bytes]:
        for start in range(0, self.size, MB):
            self.sent += 1
            yield MEGABYTE[: min(MB, self.size - start)]

    async def _abody(self) -> AsyncIterator[bytes]:
        for chunk in self._body():
            yield chunk


def sync_files(files: Generated, server: Recorder, **options: Any) -> Any:
    options.setdefault("max_retries", 0)
    log = getattr(server, "streams", [])
    hooks = {"request": [lambda request: log.append(type(request.stream))]}
    http = httpx.Client(transport=httpx.MockTransport(server), event_hooks=hooks)
    made = files.client_class(base_url="https://api.test", http_client=http, **options)
    files.clients.append(made)
    return made.files


def parts(request: httpx.Request, body: bytes) -> list[tuple[str, str | None, str, bytes]]:
    """(name, filename, content type, bytes) of each part of a multipart body."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    return [
        (
            part.get_param("name", header="content-disposition"),
            part.get_filename(),
            part.get_content_type(),
            part.get_payload(decode=True),
        )
        for part in message.iter_parts()
    ]


# --- downloads --------------------------------------------------------------------------


def test_a_plain_call_still_returns_bytes(files: Generated) -> None:
    assert sync_files(files, Recorder(3000)).download() == MEGABYTE[:3000]


def test_streaming_response_reads_in_pieces_as_they_arrive(files: Generated) -> None:
    server = Recorder(3 * MB)
    with sync_files(files, server).with_streaming_response.download() as response:
        assert response.status_code == 200 and server.sent == 0  # nothing read yet
        pieces = response.iter_bytes(1024)
        assert next(pieces) == MEGABYTE[:1024] and server.sent == 1
        assert sum(len(p) for p in pieces) == 3 * MB - 1024
    assert response.http_response.is_closed


def test_streaming_response_read_parse_text_and_lines(files: Generated, tmp_path: Path) -> None:
    client = sync_files(files, Recorder(1000))
    with client.with_streaming_response.download() as response:
        assert response.parse() == MEGABYTE[:1000]
    with client.with_streaming_response.download() as response:
        assert response.read() == MEGABYTE[:1000]
    text = b"line one\nline two\n"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/octet-stream"}, content=iter([text[:7], text[7:]]))

    lines = sync_files(files, handler)  # type: ignore[arg-type]
    with lines.with_streaming_response.download() as response:
        assert list(response.iter_lines()) == ["line one", "line two"]
    with lines.with_streaming_response.download() as response:
        assert "".join(response.iter_text()) == text.decode()


def test_a_64_mb_download_to_a_file_in_little_memory(files: Generated, tmp_path: Path) -> None:
    target = tmp_path / "export.bin"
    server = Recorder(64 * MB)
    client = sync_files(files, server)
    tracemalloc.start()
    try:
        with client.with_streaming_response.download() as response:
            response.write_to_file(target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert target.stat().st_size == 64 * MB and server.sent == 64
    assert peak < 4 * MB, f"peak traced memory {peak / MB:.1f} MB"


def test_async_64_mb_download_to_a_file_in_little_memory(files: Generated, tmp_path: Path) -> None:
    target = tmp_path / "export.bin"
    server = Recorder(64 * MB)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/octet-stream"}, content=server._abody())

    async def run() -> int:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = files.async_client_class(base_url="https://api.test", http_client=http, max_retries=0)
            tracemalloc.start()
            try:
                async with client.files.with_streaming_response.download() as response:
                    await response.write_to_file(target)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    peak = asyncio.run(run())
    assert target.stat().st_size == 64 * MB
    assert peak < 4 * MB, f"peak traced memory {peak / MB:.1f} MB"


def test_streaming_wrapper_signatures_name_what_they_give(files: Generated) -> None:
    client = sync_files(files, Recorder())
    signature = inspect.signature(client.with_streaming_response.download)
    assert signature.return_annotation == "StreamedResponseManager[bytes]"
    assert inspect.signature(client.with_raw_response.download).return_annotation == "RawResponse[bytes]"
    hints = __import__("typing").get_type_hints(client.with_raw_response.download)
    assert str(hints["return"]).endswith("RawResponse[bytes]")


# --- uploads ----------------------------------------------------------------------------


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.csv"
    path.write_bytes(b"a,b\n1,2\n")
    return path


def test_every_kind_of_file_argument(files: Generated, report: Path) -> None:
    server = Recorder()
    named = io.BytesIO(b"from a file object")
    named.name = "/somewhere/notes.txt"
    with report.open("rb") as opened:
        sync_files(files, server).upload(
            file=report,
            attachments=[
                b"raw bytes",
                named,
                opened,
                ("given.json", b"{}"),
                ("typed.bin", io.BytesIO(b"\x00\x01"), "application/x-custom"),
                ("headed.txt", b"h", "text/plain", {"X-Part": "yes"}),
                (None, report),
            ],
            note="quarterly",
        )
    sent = parts(server.requests[0], server.bodies[0])
    assert sent == [
        ("file", "report.csv", "text/csv", b"a,b\n1,2\n"),
        ("attachments", "upload", "application/octet-stream", b"raw bytes"),
        ("attachments", "notes.txt", "text/plain", b"from a file object"),
        ("attachments", "report.csv", "text/csv", b"a,b\n1,2\n"),
        ("attachments", "given.json", "application/json", b"{}"),
        ("attachments", "typed.bin", "application/x-custom", b"\x00\x01"),
        ("attachments", "headed.txt", "text/plain", b"h"),
        ("attachments", "report.csv", "text/csv", b"a,b\n1,2\n"),
        ("note", None, "text/plain", b"quarterly"),
    ]
    assert b"X-Part: yes" in server.bodies[0]


@pytest.mark.parametrize(
    ("value", "named"),
    [(str("report.csv"), "str"), (42, "int"), (("a.txt", 3.5), "float"), ({"name": "x"}, "dict")],
)
def test_a_value_that_is_no_file_is_a_type_error_naming_the_argument(files: Generated, value: Any, named: str) -> None:
    server = Recorder()
    with pytest.raises(TypeError, match=rf"^file: expected a file.*{named}"):
        sync_files(files, server).upload(file=value)
    with pytest.raises(TypeError, match=rf"^attachments: expected a file.*{named}"):
        sync_files(files, server).upload(file=b"ok", attachments=[b"fine", value])
    assert server.requests == []  # nothing sent


def test_the_async_client_uploads_a_path(files: Generated, report: Path) -> None:
    server = Recorder()

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as http:
            client = files.async_client_class(base_url="https://api.test", http_client=http, max_retries=0)
            await client.files.upload(file=report, attachments=[("b.bin", b"\x02")])

    asyncio.run(run())
    assert [(n, f, p) for n, f, _, p in parts(server.requests[0], server.bodies[0])] == [
        ("file", "report.csv", b"a,b\n1,2\n"),
        ("attachments", "b.bin", b"\x02"),
    ]


def test_an_octet_stream_body_is_sent_from_its_file_on_every_attempt(files: Generated, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(MEGABYTE * 3)
    server = Recorder(fail_first=1)
    client = sync_files(files, server, max_retries=1)
    client._client._sleep = lambda seconds: None
    client.put_raw(body=path)
    assert len(server.requests) == 2
    for request, body, stream in zip(server.requests, server.bodies, server.streams, strict=True):
        assert request.headers["content-length"] == str(3 * MB)
        assert stream.__name__ == "FileStream"  # read from the file as it is sent, not before
        assert body == MEGABYTE * 3
    with path.open("rb") as opened:
        opened.seek(MB)  # a file is sent from where it stands when the call is made
        client.put_raw(body=opened)
    assert server.bodies[-1] == MEGABYTE * 2


def test_an_octet_stream_body_of_another_type_is_a_type_error(files: Generated) -> None:
    server = Recorder()
    with pytest.raises(TypeError, match=r"^body: expected a file.*int"):
        sync_files(files, server).put_raw(body=42)
    assert server.requests == []


MYPY_CHECKED = ("files",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []


def test_the_readme_shows_a_download_and_an_upload(files: Generated) -> None:
    readme = (files.out / "README.md").read_text(encoding="utf-8")
    download = readme.split("## Downloads", 1)[1].split("\n## ", 1)[0]
    assert "with client.files.with_streaming_response.download() as response:" in download
    assert 'response.write_to_file("download.bin")' in download
    upload = readme.split("## Uploads", 1)[1].split("\n## ", 1)[0]
    assert 'client.files.upload(file=Path("report.pdf"))' in upload
    for block in readme.split("```python\n")[1:]:
        compile(block.split("```", 1)[0], "README.md", "exec")
