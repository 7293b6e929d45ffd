"""What one streamed event costs against a plain call's parse of the same JSON.

Generates a small chat API (a `stream` flag: JSON, or server-sent events of chunks) into a
temporary directory and times, through the generated package:

- `parse`: the runtime's parse of a plain call's response (`client._parse(endpoint, response)`,
  the body already read), one chunk's JSON per call;
- `event`: one chunk read off a stream of `--events` server-sent events (`data: <json>`), served
  in network-sized pieces by `httpx.MockTransport`: SSE decoding, the sentinel check and
  validation into the same model, per event.

`python benchmarks/streams.py [--events 20000] [--repeats 5]` prints the medians (µs of CPU
time, measured round-robin) and their ratio; the issue's bar is `event / parse <= 1`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

CHUNK = {
    "id": "chatcmpl-8x2Jq",
    "object": "chat.completion.chunk",
    "created": 1733580000,
    "model": "meta-llama/Llama-3-70b-chat-hf",
    "choices": [{"index": 0, "delta": {"role": "assistant", "content": " the"}, "finish_reason": None}],
    "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15},
}
SCHEMAS = {
    "Chunk": {
        "type": "object",
        "required": ["id", "object", "created", "model", "choices"],
        "properties": {
            "id": {"type": "string"},
            "object": {"type": "string"},
            "created": {"type": "integer"},
            "model": {"type": "string"},
            "choices": {"type": "array", "items": {"$ref": "#/components/schemas/Choice"}},
            "usage": {"$ref": "#/components/schemas/Usage"},
        },
    },
    "Choice": {
        "type": "object",
        "required": ["index", "delta"],
        "properties": {
            "index": {"type": "integer"},
            "delta": {
                "type": "object",
                "properties": {"role": {"type": "string"}, "content": {"type": "string"}},
            },
            "finish_reason": {"type": "string", "nullable": True},
        },
    },
    "Usage": {
        "type": "object",
        "properties": {k: {"type": "integer"} for k in ("prompt_tokens", "completion_tokens", "total_tokens")},
    },
}
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Bench Chat", "version": "1.0.0"},
    "paths": {
        "/chat": {
            "post": {
                "operationId": "chat",
                "tags": ["chat"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"stream": {"type": "boolean"}}}
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Chunk"}},
                            "text/event-stream": {"schema": {"$ref": "#/components/schemas/Chunk"}},
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": SCHEMAS},
}


def generate(root: Path) -> Any:
    spec = root / "bench_chat.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    (root / "bench_chat.generator.yaml").write_text("package: bench_chat\nresources: tags\n", encoding="utf-8")
    out = root / "out"
    subprocess.run([sys.executable, "-m", "generator", str(spec), "-o", str(out), "--no-cache"], check=True)
    sys.path.insert(0, str(out))
    return importlib.import_module("bench_chat")


def time_parse(package: Any, calls: int) -> float:
    client = package.BenchChat(base_url="https://api.test")
    endpoint = importlib.import_module("bench_chat.resources.chat")._CHAT_CHAT
    body = json.dumps(CHUNK).encode()
    request = httpx.Request("POST", "https://api.test/chat")
    responses = [
        httpx.Response(200, headers={"content-type": "application/json"}, content=body, request=request)
        for _ in range(calls)
    ]
    started = time.process_time()
    for response in responses:
        client._parse(endpoint, response)
    return (time.process_time() - started) / calls


def time_events(package: Any, events: int) -> float:
    wire = b"".join(b"data: " + json.dumps(CHUNK).encode() + b"\n\n" for _ in range(events)) + b"data: [DONE]\n\n"
    pieces = [wire[i : i + 16384] for i in range(0, len(wire), 16384)]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=iter(pieces))

    client = package.BenchChat(base_url="https://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    stream = client.chat.chat(stream=True)
    started = time.process_time()
    count = sum(1 for _ in stream)
    elapsed = time.process_time() - started
    assert count == events, count
    return elapsed / events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        package = generate(Path(directory))
        parse: list[float] = []
        event: list[float] = []
        for _ in range(args.repeats):  # round-robin, so that a busier machine slows both alike
            parse.append(time_parse(package, args.events))
            event.append(time_events(package, args.events))
    p, e = statistics.median(parse) * 1e6, statistics.median(event) * 1e6
    print(f"plain call's parse of one chunk: {p:.2f} µs (median of {args.repeats} x {args.events})")
    print(f"one streamed event, same chunk:  {e:.2f} µs")
    print(f"event / parse: {e / p:.2f}")


if __name__ == "__main__":
    main()
