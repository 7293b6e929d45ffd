"""The CI step and the pre-commit hook users drop in (`examples/regenerate-client.yml`,
`.pre-commit-hooks.yaml`), run as they are on a temporary git repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.diff.support import base, changed

WORKFLOW = ROOT / "examples" / "regenerate-client.yml"
BASE_SHA = "${{ github.event.pull_request.base.sha }}"
GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def workflow() -> dict[str, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True)  # YAML 1.1 reads the key `on` as true
    return loaded


def run_steps() -> list[dict[str, Any]]:
    """The steps that run commands, but the one installing the generator from the index (the
    tests use the checkout's)."""
    steps = workflow()["jobs"]["client"]["steps"]
    return [s for s in steps if "run" in s and "$GENERATOR" not in s["run"]]


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


def generate(repo: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "openapi.yaml", "-o", "generated"], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, document: dict[str, Any], regenerate: bool = True) -> str:
    (repo / "openapi.yaml").write_text(yaml.safe_dump(document))
    if regenerate:
        generate(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change")
    return git(repo, "rev-parse", "HEAD")


def repository(tmp_path: Path) -> tuple[Path, str]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    return repo, commit(repo, base())


def run_workflow(repo: Path, base_sha: str, tmp_path: Path) -> tuple[str | None, str]:
    """Run the workflow's steps in order as Actions does (bash -e, pipefail); the name of the
    step that failed, if one did, and the job summary."""
    summary = tmp_path / "summary.md"
    summary.write_text("")
    (tmp_path / "runner").mkdir(exist_ok=True)
    env = {**os.environ, **workflow()["env"], "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_STEP_SUMMARY": str(summary)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # `python` is the test's
    for step in run_steps():
        step_env = {k: (base_sha if v == BASE_SHA else v) for k, v in step.get("env", {}).items()}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=repo, env={**env, **step_env}, capture_output=True, text=True)
        if done.returncode != 0:
            return step["name"], summary.read_text()
    return None, summary.read_text()


def test_the_workflow_runs_on_pull_requests_touching_the_spec() -> None:
    flow = workflow()
    spec = flow["env"]["SPEC"]
    assert flow["on"]["pull_request"]["paths"] == [spec, spec.replace(".yaml", ".generator.yaml")]
    assert [s["name"] for s in run_steps()] == [
        "Regenerate and fail on drift",
        "Read the base branch's API snapshot",
        "Write what changed for callers to the job summary",
        "Fail on breaking changes unless the major version was bumped",
    ]
    expressions = [v for s in run_steps() for v in s.get("env", {}).values() if "${{" in v]
    assert expressions == [BASE_SHA]  # the only value the test stands in for


def feature(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["Item"]["properties"]["stock"] = {"type": "integer"}


def breaking(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["Item"]["properties"].pop("label")


@pytest.mark.parametrize(
    "tweak, regenerate, failed, heading",
    [
        (feature, True, None, "## shop 1.3.0"),
        (breaking, True, "Fail on breaking changes unless the major version was bumped", "## shop 2.0.0"),
        (lambda d: (breaking(d), d["info"].update(version="2.0.0")), True, None, "## shop 2.0.0"),
        (feature, False, "Regenerate and fail on drift", None),
    ],
    ids=["feature", "breaking", "breaking with a major bump", "not regenerated"],
)
def test_the_workflow_on_a_pull_request(
    tmp_path: Path, tweak: Callable[[dict[str, Any]], None], regenerate: bool, failed: str | None, heading: str | None
) -> None:
    repo, base_sha = repository(tmp_path)
    commit(repo, changed(tweak), regenerate)
    step, summary = run_workflow(repo, base_sha, tmp_path)
    assert step == failed
    if heading is not None:
        assert summary.splitlines()[0] == heading
        assert "shop.models.Item." in summary


@pytest.mark.slow
def test_the_pre_commit_hook_checks_the_generated_client(tmp_path: Path) -> None:
    """`language: python`: pre-commit installs the generator from this checkout (its
    dependencies from the package index) and runs its --check with the hook's default args."""
    repo, _ = repository(tmp_path)
    env = {**os.environ, **GIT, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    hook = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "pyclient-check", "--all-files"]
    passed = subprocess.run(hook, cwd=repo, env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    (repo / "openapi.yaml").write_text(json.dumps(changed(feature)))
    git(repo, "add", "-A")
    stale = subprocess.run(hook, cwd=repo, env=env, capture_output=True, text=True)
    assert stale.returncode == 1
    assert "Failed" in stale.stdout and "generated is stale" in stale.stdout
