#!/usr/bin/env bash
# shellcheck disable=SC2016 # the backquotes in printf's formats are Markdown's
# The steps of regenerate-client.yml, for a pull request to a repository that keeps an OpenAPI
# spec and the Python client generated from it. Copy it to .github/scripts/ (the path the
# workflow's `run:` names); it needs only git and a Python with the generator (or pip, to install it).
#
# Inputs, from the environment:
#   SPEC       the spec (default openapi.yaml; its config is <stem>.generator.yaml beside it)
#   OUT        the committed client's directory (default generated)
#   BASE_SHA   the commit the pull request merges into (required; the checkout needs its history)
#   SUMMARY    the Markdown file the report is appended to (default $GITHUB_STEP_SUMMARY, else stdout)
#   GENERATOR  if set, installed first: pinned, as name==version or git+URL@ref (unset: use the
#              generator already installed)
#   PYTHON     the Python to run (default python)
#
# It fails (exit 1) when the committed client is not what the spec generates, or when the spec
# breaks callers without a major version bump; the report is written either way. Exit 2: invalid
# input (an unpinned GENERATOR, a base commit not fetched, a spec the generator refuses).
set -euo pipefail

SPEC=${SPEC:-openapi.yaml}
OUT=${OUT:-generated}
OUT=${OUT%/}
BASE_SHA=${BASE_SHA:?set BASE_SHA to the commit the pull request merges into}
SUMMARY=${SUMMARY:-${GITHUB_STEP_SUMMARY:-/dev/stdout}}
PYTHON=${PYTHON:-python}

fail() {
  echo "regenerate-client: $1" >&2
  exit 2
}

# A version range or a branch would let a new generator change the client under an unchanged
# pull request: only an exact version or a git reference is accepted.
pinned() {
  local exact='^[A-Za-z0-9._-]+(\[[^]]*\])? *===? *[^=*<>!~, ]+$'
  local git_ref='^([A-Za-z0-9._-]+ *@ *)?git\+[a-z]+://[^/]+/[^@]+@[^@]+$'
  [[ $1 =~ $exact || $1 =~ $git_ref ]]
}

if [[ -n ${GENERATOR:-} ]]; then
  pinned "$GENERATOR" || fail "GENERATOR=$GENERATOR is not pinned: give an exact version (openapi-pyclient-generator==0.1.0) or a git reference (git+https://github.com/<owner>/<repo>@<tag>)"
  "$PYTHON" -m pip install --quiet "$GENERATOR"
fi
git rev-parse --quiet --verify "$BASE_SHA^{commit}" >/dev/null \
  || fail "base commit $BASE_SHA is not in the checkout (actions/checkout needs fetch-depth: 0)"

status=0
"$PYTHON" -m generator "$SPEC" -o "$OUT" --check || status=$?
if ((status > 1)); then
  exit "$status" # the generator refused the spec: its errors are above, there is nothing to report
fi
if ((status == 1)); then
  printf '**`%s` is stale**: it is not what the generator makes from `%s` (the job log shows the difference). Regenerate it with `python -m generator %s -o %s` and commit it.\n\n' \
    "$OUT" "$SPEC" "$SPEC" "$OUT" >>"$SUMMARY"
fi

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
if git cat-file -e "$BASE_SHA:./$OUT/api.json" 2>/dev/null; then
  git show "$BASE_SHA:./$OUT/api.json" >"$base/api.json"
  # One run writes the report and gives the verdict.
  verdict=0
  "$PYTHON" -m generator diff "$base" "$SPEC" --format markdown --fail-on major --unless-bumped >>"$SUMMARY" || verdict=$?
  status=$((verdict > status ? verdict : status))
else
  printf 'No `%s/api.json` on the base branch: this is the first client, there is nothing to compare it with.\n' "$OUT" >>"$SUMMARY"
fi
exit "$status"
