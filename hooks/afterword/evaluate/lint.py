"""Lint corpus text with the real engine, configured the way a team configures its own site.

Each document gets a scratch project: the project's style guide, and an mkdocs.yml whose
``extra.afterword`` holds the company (the first own name), ``names`` (the company's own names) and
``suppliers`` (the third parties the text names) and, when the label file gives them, ``domains``
(public hosts, company domains, the team's server names) - the keys a team sets once (see CONFIG.md).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from ..settings import load_settings
from ..style.checker import StyleChecker


class ScratchProject:
    """A temporary project folder holding a copy of ``styleguide`` and a per-document mkdocs.yml."""

    def __init__(self, styleguide: Path):
        self._dir = tempfile.TemporaryDirectory(prefix="afterword-eval-")
        self.root = Path(self._dir.name)
        shutil.copytree(styleguide, self.root / "styleguide")
        for folder in ("incidents", "postmortems"):
            (self.root / folder).mkdir()
        self._checkers: dict[tuple, StyleChecker] = {}

    def checker(self, company: str, names: list[str], suppliers: list[str], domains: dict | None = None) -> StyleChecker:
        key = (company, tuple(names), tuple(suppliers), yaml.safe_dump(domains or {}, sort_keys=True))
        if key not in self._checkers:
            self._checkers[key] = self._new_checker(company, names, suppliers, domains)
        return self._checkers[key]

    def _new_checker(self, company: str, names: list[str], suppliers: list[str], domains: dict | None = None) -> StyleChecker:
        config = {"site_name": f"{company} status", "extra": {"afterword": {
            "company": company, "names": names, "suppliers": suppliers}}}
        if domains:
            config["extra"]["afterword"]["domains"] = domains
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return StyleChecker(load_settings(path))

    def close(self) -> None:
        self._dir.cleanup()
