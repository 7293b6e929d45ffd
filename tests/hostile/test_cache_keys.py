"""The run cache is keyed on the files a load actually read, not on a guess about the spec's text.

A `$ref` to another file that no text search would find (its key written through a YAML
alias) must still make that file part of the key: editing it is seen by a run and by --check.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from generator.cli import main as generator_main

from .conftest import write

# `*k` is the key `$ref` anchored in `x-d`: the schema is `{$ref: 'other.yaml#/T'}`, and the
# text holds no `$ref` to another file.
HIDDEN_REF = """\
openapi: 3.0.3
info: {title: Alias, version: '1'}
x-d: {&k $ref: '#/components/schemas/Local'}
paths:
  /a:
    get:
      operationId: getA
      tags: [a]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {*k : 'other.yaml#/T'}
components:
  schemas:
    Local: {type: string}
"""


def cached_run(*args: str | Path) -> int:
    """The command line in-process, with the cache on (the session's private cache home)."""
    with contextlib.redirect_stderr(io.StringIO()):
        return generator_main([str(a) for a in args])


def test_a_ref_behind_a_yaml_alias_key_is_tracked(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", HIDDEN_REF)
    other = write(tmp_path / "other.yaml", "T: {type: object, properties: {name: {type: string}}}\n")
    out = tmp_path / "out"
    assert cached_run(spec, "-o", out) == 0
    assert cached_run(spec, "-o", out, "--check") == 0
    other.write_text("T: {type: object, properties: {name: {type: string}, age: {type: integer}}}\n")
    assert cached_run(spec, "-o", out, "--check") == 1, "--check answered from a stale cache"
    assert cached_run(spec, "-o", out) == 0
    assert "age: int | None" in (out / "alias" / "models" / "t.py").read_text()


def test_a_file_that_appears_is_seen(tmp_path: Path) -> None:
    """Under --lenient a `$ref` to a missing file is dropped; creating the file changes the key."""
    spec = write(tmp_path / "spec.yaml", HIDDEN_REF)
    out = tmp_path / "out"
    assert cached_run(spec, "-o", out, "--lenient") == 0
    write(tmp_path / "other.yaml", "T: {type: object, properties: {name: {type: string}}}\n")
    assert cached_run(spec, "-o", out, "--lenient", "--check") == 1


def test_a_fifo_in_place_of_a_referred_file_neither_hangs_nor_hits(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", HIDDEN_REF)
    other = write(tmp_path / "other.yaml", "T: {type: object, properties: {name: {type: string}}}\n")
    out = tmp_path / "out"
    assert cached_run(spec, "-o", out) == 0
    other.unlink()
    os.mkfifo(other)
    assert cached_run(spec, "-o", out, "--check") == 2  # not answered from the cache: refused
