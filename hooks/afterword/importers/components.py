"""Map another tool's component names to catalog ids, and write the catalog entries still missing.

Every incident's components must exist in ``extra.afterword.components`` of mkdocs.yml. An import
never edits mkdocs.yml (it holds a team's comments and choices); it prints, or writes to a file, a
YAML snippet with one entry per component the catalog does not have yet, to paste under
``extra.afterword.components``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..model import Component
from ..problems import ContentError

_NOT_ID = re.compile(r"[^a-z0-9]+")

DEFAULT_COMPONENT = Component(
    "general", "General", None, "Incidents imported without a named component."
)


def slugify(name: str) -> str:
    """'Git Operations' -> 'git-operations': a catalog id (lowercase letters, digits, '-')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_ID.sub("-", ascii_name.lower()).strip("-")


def load_components_map(path: Path) -> dict[str, str | None]:
    """Read a YAML or JSON mapping of source component name or id -> catalog id (null drops it)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ContentError(f"{path}: cannot read the components map: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: the components map is not valid YAML or JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ContentError(f"{path}: the components map must be a mapping like 'Git Operations: git'")
    result: dict[str, str | None] = {}
    for key, value in data.items():
        if value is not None and (not isinstance(value, str) or slugify(value) != value):
            raise ContentError(f"{path}: '{key}' maps to {json.dumps(value)}: use a catalog id (lowercase letters, digits, '-') or null to leave it out")
        result[str(key)] = value
    return result


@dataclass
class ComponentCatalog:
    """The ids incidents may use: the site's catalog plus the components an import adds."""

    known: list[Component] = field(default_factory=list)  # from mkdocs.yml
    mapping: dict[str, str | None] = field(default_factory=dict)  # from --components-map
    added: dict[str, Component] = field(default_factory=dict)  # seen in the import, not in `known`

    def resolve(self, name: str, source_id: str | None = None, description: str = "") -> str | None:
        """The catalog id for a source component, adding it to the snippet when it is new; None drops it."""
        for key in (source_id, name):
            if key is not None and key in self.mapping:
                target = self.mapping[key]
                if target is not None:
                    self._note(target, name, description)
                return target
        known = self._known_by_name(name)
        if known is not None:
            return known.id
        component_id = slugify(name) or (source_id or "").lower() or DEFAULT_COMPONENT.id
        self._note(component_id, name, description)
        return component_id

    def fallback(self) -> str:
        """The component for an incident that names none."""
        target = self.mapping.get("*", DEFAULT_COMPONENT.id) or DEFAULT_COMPONENT.id
        self._note(target, DEFAULT_COMPONENT.name if target == DEFAULT_COMPONENT.id else target, DEFAULT_COMPONENT.description)
        return target

    def _known_by_name(self, name: str) -> Component | None:
        for component in self.known:
            if component.id == name or component.name.casefold() == name.casefold() or component.id == slugify(name):
                return component
        return None

    def _note(self, component_id: str, name: str, description: str) -> None:
        if any(c.id == component_id for c in self.known) or component_id in self.added:
            return
        self.added[component_id] = Component(component_id, name, None, description.strip())

    @property
    def all_components(self) -> list[Component]:
        return [*self.known, *sorted(self.added.values(), key=lambda c: c.id)]

    def snippet(self) -> str:
        """YAML entries to paste under extra.afterword.components, or '' when nothing is missing."""
        if not self.added:
            return ""
        entries = [_entry(c) for c in sorted(self.added.values(), key=lambda c: c.id)]
        text = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000)
        return "# Paste under extra.afterword.components in mkdocs.yml:\n" + text


def _entry(component: Component) -> dict:
    entry = {"id": component.id, "name": component.name}
    if component.group:
        entry["group"] = component.group
    if component.description:
        entry["description"] = component.description
    return entry
