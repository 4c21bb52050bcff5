"""False positives on real status updates: a fixed sample of GitHub's incident updates, linted as
incident files of a team whose company is GitHub and whose components are the incident's."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .corpus import count_words
from .lint import ScratchProject

DEFAULT_SAMPLE = Path("tests") / "data" / "statuspage_github_sample.json"


def incident_text(incident: dict) -> str:
    """An incident file: the incident's name as its title, each update's text as a paragraph."""
    title = incident["name"].replace("\n", " ")
    return "---\n" + f"title: {json.dumps(title)}\n" + "---\n\n" + "\n\n".join(u.strip() for u in incident["updates"]) + "\n"


def evaluate_statuspage(sample: Path, project: ScratchProject) -> dict:
    data = json.loads(sample.read_text(encoding="utf-8"))
    errors: list[tuple[str, object]] = []
    words = 0
    for incident in data["incidents"]:
        names = ["GitHub", *incident.get("components", [])]
        checker = project.checker("GitHub", names, [])
        findings = checker.check_text(incident_text(incident), f"incidents/{incident['id']}.md")
        errors.extend((incident["id"], p) for p in findings if p.is_error)
        words += sum(count_words(u) for u in incident["updates"])
    by_rule = Counter(p.rule for _, p in errors)
    return {
        "source": data.get("source", ""),
        "incidents": len(data["incidents"]),
        "words": words,
        "error_findings": len(errors),
        "errors_per_1000_words": round(1000 * len(errors) / words, 2) if words else None,
        "errors_by_rule": dict(by_rule.most_common()),
        "examples": [f"{i}:{p.line}: [{p.rule}] {p.match}" for i, p in errors[:25]],
    }
