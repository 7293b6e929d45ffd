"""What moving from the Novu spec to its February 2025 edition means for callers is committed
(`specs/novu-2025-02.diff.md`): a generator change that silently changes it fails here."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

DIFF = ["-m", "generator", "diff", "specs/novu.yaml", "specs/novu-2025-02.yaml", "--format", "markdown"]
EXPECTED = ROOT / "specs" / "novu-2025-02.diff.md"
REFRESH = f"python {' '.join(DIFF)} > specs/novu-2025-02.diff.md"


def test_the_novu_report_is_the_committed_one() -> None:
    run = subprocess.run([sys.executable, *DIFF], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == EXPECTED.read_text(encoding="utf-8"), (
        f"the Novu diff report changed: review the change, then refresh it with `{REFRESH}`"
    )


def test_the_novu_report_gives_a_major_bump() -> None:
    """The new edition removes resources Novu callers used (`client.tenants`, ...)."""
    report = EXPECTED.read_text(encoding="utf-8")
    assert report.startswith("## novu 2.0.0\n")
    assert "- `client.tenants`: resource client.tenants removed (5 methods)\n" in report


def test_the_novu_report_gives_renames_and_the_config_that_keeps_the_old_names() -> None:
    """Schemas the new edition renamed (`StepFilter` -> `StepFilterDto`) and operations whose
    method name changed are one rename each, matched by where they are used and by HTTP method
    and path, with the `rename:` entries that would keep the old names."""
    report = EXPECTED.read_text(encoding="utf-8")
    assert "- `novu.models.StepFilterDto`: class renamed from novu.models.StepFilter\n" in report
    assert "- `client.topics.subscribers.remove`: method renamed from client.topics.subscribers.delete (POST /v1/topics/{topicKey}/subscribers/removal)\n" in report
    assert "model StepFilterDto added" not in report and "model StepFilter removed" not in report
    keep = report.split("### Keeping the old names")[1]
    assert '    "StepFilterDto": "StepFilter"\n' in keep
    assert '    "TopicsController_removeSubscribers": "delete"\n' in keep
