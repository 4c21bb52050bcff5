"""Afterword.Structure on real postmortem shapes, and an unfinished skeleton never publishing."""

from __future__ import annotations

from pathlib import Path

import pytest

import test_authoring as authoring
from trust_support import run_build
from afterword.problems import ContentError
from afterword.settings import load_settings
from afterword.style import checker_for, lint_paths
from afterword.style.structure import StructureConfig, check_structure, structure_config

TEMPLATE_SUMMARY = "Write two or three short sentences for customers here."


def messages(body: str, summary: str = "Payments failed for an hour.", config: StructureConfig | None = None) -> list[str]:
    return [p.message for p in check_structure("postmortems/x.md", body, 10, summary, config or StructureConfig(template_summary=TEMPLATE_SUMMARY.lower()))]


# Real heading layouts (wording from published postmortems), each a complete postmortem.
REAL_SHAPES = [
    "### Summary\n\nA deploy broke sign-in.\n\n### Impact\n\nSign-in failed for 40 minutes. No data was lost.\n\n"
    "### Future measures\n\nWe now test sign-in before each deploy.\n",
    "## Overview\n\nThe registry returned errors.\n\n## Who was affected\n\nAll users of the web app. No data was lost.\n\n"
    "## Takeaways\n\nWe added an alert.\n",
    "# Incident report\n\nIntro.\n\n## Root cause\n\nA full disk.\n\n## User impact\n\nUploads failed; we lost no data.\n\n"
    "## What can we learn from this?\n\nWe will watch disk space.\n",
    "Root cause\n----------\n\nAt 10:00 a disk filled.\n\nImpact\n------\n\nBuilds failed. Data was not affected.\n\n"
    "Future actions\n--------------\n\nMore alerts.\n",
    "**Root cause:** a full disk.\n\n**Impact**\n\nUploads failed. No data was lost.\n\n# Resulting Action\n\nA cron job.\n",
]


def test_a_timeline_alone_is_not_what_happened_and_a_long_bold_sentence_is_no_lead_in():
    body = ("## Timeline\n\n06:00 down.\n\n**Our servers were not affected by the website outage**\n\n"
            "## Impact\n\nNo data was lost.\n\n## Next steps\n\nA second provider.\n")
    assert [m for m in messages(body) if "what happened" in m]


@pytest.mark.parametrize("body", REAL_SHAPES)
def test_real_heading_shapes_pass(body):
    assert messages(body) == []


def test_sections_inside_code_fences_are_not_headings():
    body = "## What happened\n\nA bug.\n\n```\n## Impact\n```\n\n## What we are changing\n\nTests.\n"
    assert any("impact on customers" in m for m in messages(body))


def test_guidance_only_sections_and_template_summary_fail():
    body = ("## What happened\n\n<!-- Explain in plain words what broke. Say whether any data was lost. -->\n\n"
            "## Impact on customers\n\n<!-- Say plainly whether any data was lost. -->\n\n"
            "## What we are changing\n\nMore tests.\n")
    found = messages(body, summary=TEMPLATE_SUMMARY)
    assert sum("not filled in" in m for m in found) == 2
    assert any("summary is still the template" in m for m in found)
    assert not any("must say whether any data was lost" in m for m in found)  # unfilled already says it


def test_data_loss_statement_in_a_guidance_comment_does_not_count():
    body = ("## What happened\n\nA bug.\n\n## Impact\n\nInvoices failed. <!-- say whether data was lost -->\n\n"
            "## What we are changing\n\nTests.\n")
    assert any("must say whether any data was lost" in m for m in messages(body))


def test_extra_vocabulary_from_config(tmp_path: Path):
    class Settings:
        sections = {"structure": {"changes": ["Hardening"]}}

    config = structure_config(Settings())
    body = "## What happened\n\nA bug.\n\n## Impact\n\nNo data was lost.\n\n## Hardening\n\nTests.\n"
    assert messages(body, config=config) == []

    class Bad:
        sections = {"structure": {"later": ["x"]}}

    with pytest.raises(ContentError, match="not a section"):
        structure_config(Bad())


def test_skeleton_with_draft_removed_fails_with_a_message_per_unfilled_section(scratch_project, capsys):
    authoring.new_incident(scratch_project, capsys)
    authoring.update(scratch_project, capsys, "--status", "resolved", "--at", authoring.at(60))
    _, out, _ = authoring.run(scratch_project, capsys, "new", "postmortem", authoring.INCIDENT_ID)
    path = Path(out.strip())
    path.write_text(path.read_text().replace("draft: true\n", ""))
    settings = load_settings(scratch_project / "mkdocs.yml")
    problems = [p for p in lint_paths(settings, [str(path)]) if p.rule == "Afterword.Structure"]
    text = "\n".join(p.format() for p in problems)
    assert "summary is still the template" in text
    for title in ("What happened", "How we responded", "What we are changing"):
        assert f"'{title}' is not filled in" in text
    assert "'Impact on customers' must say whether any data was lost" in text
    assert len(problems) == 5 and all(p.is_error for p in problems)
    assert checker_for(settings).structure.template_summary.startswith("write two or three")
    # The build fails on the same findings (it runs the same checks) and publishes nothing.
    out = scratch_project / "site"
    result = run_build(scratch_project, out)
    assert result.returncode != 0 and "[Afterword.Structure]" in result.stderr and "Traceback" not in result.stderr
    assert not (out / "postmortems").exists()
