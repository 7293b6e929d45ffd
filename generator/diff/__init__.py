"""What a spec change means for Python callers: two specs (or an output directory's `api.json`)
in, a report and a semver verdict out. `surface` turns an IR into the public API as data (the
`api.json` every generation writes), `rules` compares two surfaces with `fits` (whether one type
passes where another is expected), `report` words the changes and the bump, `cli` is
`python -m generator diff`."""
