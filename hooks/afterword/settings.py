"""Afterword's settings: read from ``extra.afterword`` in mkdocs.yml, the one place a team edits.

The engine reads mkdocs.yml itself (tolerating MkDocs-only YAML tags) so that the CLI, the MkDocs
hooks and any future generator see the same settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .model import Component
from .problems import ContentError

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning tags such as !!python/name or !ENV into plain values."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _unknown_tag)


@dataclass
class Settings:
    root: Path  # the project folder holding incidents/ and postmortems/
    site_name: str = "Status history"
    site_url: str | None = None
    company: str = "We"
    components: list[Component] = field(default_factory=list)
    # Sections owned by other modules (feeds, checks, …), each parsed by its own module.
    sections: dict[str, Any] = field(default_factory=dict)
    config_path: Path | None = None

    @property
    def incidents_dir(self) -> Path:
        return self.root / "incidents"

    @property
    def postmortems_dir(self) -> Path:
        return self.root / "postmortems"

    @property
    def styleguide_dir(self) -> Path:
        return self.root / "styleguide"

    def component(self, component_id: str) -> Component | None:
        return self._components_by_id.get(component_id)

    @cached_property
    def _components_by_id(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    @property
    def notify(self):
        """``extra.afterword.notify``, typed (``afterword.notify.config.NotifyConfig``); ContentError
        with the mkdocs.yml position when it is malformed."""
        from .notify.config import notify_config  # that module reads Settings: imported when asked

        return notify_config(self)

    def section(self, name: str) -> dict[str, Any]:
        value = self.sections.get(name) or {}
        return value if isinstance(value, dict) else {}

    @cached_property
    def own_names(self) -> list[str]:
        """The company's own names, never people: ``company``, ``site_name``, component names and ``names``."""
        configured = name_list(self.sections.get("names"), "names", self.config_path)
        return [self.company, self.site_name, *(c.name for c in self.components), *configured]

    @cached_property
    def suppliers(self) -> list[str]:
        """``extra.afterword.suppliers``: named third parties that customer-facing text must not blame."""
        return name_list(self.sections.get("suppliers"), "suppliers", self.config_path)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)  # noqa: S506
    except FileNotFoundError:
        raise ContentError(f"{path}: no such file (run afterword from the project folder or pass --config)") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from None
    return data if isinstance(data, dict) else {}


def settings_from_mkdocs_config(config: dict[str, Any], root: Path, config_path: Path | None = None) -> Settings:
    """Build Settings from a mkdocs.yml mapping (or MkDocs' own config object, which is a mapping)."""
    extra = config.get("extra") or {}
    section = dict(extra.get("afterword") or {})
    components = parse_components(section.pop("components", None) or [])
    content_dir = section.pop("content_dir", ".")
    return Settings(
        root=(root / content_dir).resolve(),
        site_name=config.get("site_name") or "Status history",
        site_url=config.get("site_url") or None,
        company=section.pop("company", None) or config.get("site_name") or "We",
        components=components,
        sections=section,
        config_path=config_path,
    )


def load_settings(config_path: str | Path = "mkdocs.yml") -> Settings:
    path = Path(config_path).resolve()
    return settings_from_mkdocs_config(read_mkdocs_yml(path), path.parent, path)


def name_list(raw: Any, key: str, config_path: Path | None) -> list[str]:
    """A list of names under ``extra.afterword.<key>``; anything else is an ``afterword.config`` error."""
    if raw is None:
        return []
    if isinstance(raw, list) and all(isinstance(item, str) and item.strip() for item in raw):
        return [item.strip() for item in raw]
    line = _key_line(config_path, key)
    where = f"{config_path.name}:{line}:1: " if config_path is not None else ""
    raise ContentError(
        f"{where}extra.afterword.{key} must be a list of names, e.g. {key}: [Stripe, AWS]; got {raw!r}",
        line=line, rule="afterword.config",
    )


def _key_line(config_path: Path | None, key: str) -> int:
    try:
        lines = config_path.read_text(encoding="utf-8-sig").splitlines() if config_path else []
    except OSError:
        lines = []
    return next((i for i, text in enumerate(lines, 1) if re.match(rf"\s+{re.escape(key)}\s*:", text)), 1)


def parse_components(raw: Any) -> list[Component]:
    if not isinstance(raw, list):
        raise ContentError("extra.afterword.components must be a list of {id, name, group}")
    components: list[Component] = []
    seen: set[str] = set()
    for entry in raw:
        if not isinstance(entry, dict) or "id" not in entry or "name" not in entry:
            raise ContentError(f"each component needs an id and a name, got {entry!r}")
        component_id = str(entry["id"])
        if not _ID.match(component_id):
            raise ContentError(f"component id '{component_id}' must be lowercase letters, digits, '-' or '_'")
        if component_id in seen:
            raise ContentError(f"component id '{component_id}' is listed twice")
        seen.add(component_id)
        components.append(
            Component(component_id, str(entry["name"]), entry.get("group"), str(entry.get("description") or ""))
        )
    return components
