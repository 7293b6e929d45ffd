"""Compiled templates kept in the generator's cache between runs, so a warm run skips compiling.

Jinja checks what it loads: an entry is used only for the same template source and the same
Python and Jinja versions. An entry that cannot be read, or that Jinja cannot load, is a miss.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from ..output.cache import read_entry, write_entry


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self, cache_dir: Path) -> None:
        self.directory = cache_dir / "templates"

    def load_bytecode(self, bucket: Bucket) -> None:
        body = read_entry(self.directory / bucket.key)
        if body is None:
            return
        try:
            bucket.bytecode_from_string(body)
        except Exception:  # damaged in a way the checksum could not see: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_entry(self.directory / bucket.key, bucket.bytecode_to_string())
