"""The last stages: the package's files as rendered -> formatted, listed in a manifest, and
written to the output directory (or, with `--check`, compared with it).

In: a package to render (`render.PackageRenderer`: its paths, each file's text on demand), or
rendered files (path -> text). Out: the files formatted (path -> text) and, with the manifest,
the output directory replaced by them atomically and the warnings about the user's files
carried over; or, for `--check`, the lines of a short diff (none when nothing drifted).

- `schedule`: rendering and formatting shared between this process and forked workers (`parallel`)
- `format`: black, one file or a batch, through the content-addressed format cache;
  `ruff_format`: `--formatter ruff`
- `cache`: the caches on disk (formatted files, whole runs, compiled templates, inputs read)
- `manifest`: what we wrote, with hashes; `write`: the tree staged and swapped in (`swap`), the
  user's files carried over (`carry`); `check`: the drift; `tree`: the directory as found
"""
