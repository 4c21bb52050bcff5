"""An incident's front matter as the house writes it: one key a line, components as a flow list."""

from __future__ import annotations

from datetime import datetime

from ..timestamps import format_utc
from .templates import yaml_scalar


def incident_front_matter(title: str, impact: str, components: list[str], started: datetime | None,
                          scheduled_for: datetime | None, scheduled_until: datetime | None) -> str:
    lines = ["---", f"title: {yaml_scalar(title)}", f"impact: {yaml_scalar(impact)}",
             f"components: [{', '.join(yaml_scalar(c) for c in components)}]"]
    for key, moment in (("started", started), ("scheduled_for", scheduled_for), ("scheduled_until", scheduled_until)):
        if moment is not None:
            lines.append(f"{key}: {format_utc(moment)}")
    lines.append("---")
    return "\n".join(lines) + "\n"
