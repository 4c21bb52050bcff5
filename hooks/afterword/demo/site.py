"""Write a complete, buildable demo site: mkdocs.yml with a generated catalog, the site's own
docs/, overrides/, styleguide/ and hooks file, and the generated incidents/ and postmortems/.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path


import afterword

from ..adopt.mkdocs_yml import set_afterword_key
from ..importers.components import ComponentCatalog
from ..importers.document import DraftIncident, render_incident, settle_updates
from ..importers.statuspage import import_statuspage
from ..importers.writer import WriteReport, write_file, write_files
from ..model import Component
from ..problems import ContentError, Problem
from .catalog import choose_components
from .incidents import END, generate_incidents
from .postmortems import DraftPostmortem, generate_postmortems
from .withheld import add_review_docs, add_withheld

COPIED_FOLDERS = ("docs", "overrides", "styleguide")
HOOKS_FILE = Path("hooks") / "afterword_hooks.py"  # mkdocs.yml names it relative to itself
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store")


def default_project_root() -> Path:
    """The Afterword checkout this package is installed from (hooks/afterword/__init__.py -> root)."""
    return Path(afterword.__file__).resolve().parents[2]


@dataclass
class DemoSite:
    components: list[Component]
    incidents: list[DraftIncident]
    postmortems: list[DraftPostmortem]
    problems: list[Problem] = field(default_factory=list)  # from --from-statuspage sources
    written: WriteReport = field(default_factory=WriteReport)


def generate(incidents: int, postmortems: int, seed: int = 1, from_statuspage: Path | None = None, withheld: bool = True) -> DemoSite:
    """The demo content in memory; the same arguments always give the same content.

    ``withheld``: synthetic histories carry what real ones withhold (withheld.py): internal notes,
    drafts, an undisclosed security incident, postmortem review documents.
    """
    rng = random.Random(seed)
    problems: list[Problem] = []
    if from_statuspage is not None:
        catalog = ComponentCatalog()
        report = import_statuspage([from_statuspage], catalog)
        drafts, components, problems = report.incidents, catalog.all_components, report.problems
        end = max((settle_updates(i.updates)[-1].at for i in drafts), default=END) + timedelta(days=30)
    else:
        components = choose_components(rng)
        drafts = generate_incidents(rng, components, incidents)
        end = END
    synthetic_withheld = withheld and from_statuspage is None
    hidden = add_withheld(seed, drafts, components) if synthetic_withheld else set()
    reports = generate_postmortems(rng, [d for d in drafts if d.id not in hidden], components, postmortems, end)
    if synthetic_withheld:
        add_review_docs(seed, reports)
    return DemoSite(components, drafts, reports, problems)


def write_site(site: DemoSite, target: Path, project: Path | None = None, force: bool = False) -> DemoSite:
    project = (project or default_project_root()).resolve()
    if not (project / "mkdocs.yml").is_file():
        raise ContentError(f"{project}: no mkdocs.yml here; pass --project with the Afterword checkout to copy the site from")
    target = target.resolve()
    if target == project:
        raise ContentError("the demo folder must not be the project itself")
    existing = [target / name for name in ("incidents", "postmortems") if (target / name).exists()]
    if existing and not force:
        raise ContentError(f"{target} already has {', '.join(p.name + '/' for p in existing)}: choose an empty folder or pass --force to replace them")
    for folder in existing:
        shutil.rmtree(folder)
    target.mkdir(parents=True, exist_ok=True)
    report = site.written
    write_file(target, "mkdocs.yml", demo_mkdocs_yml(project / "mkdocs.yml", site.components), report, force=True)
    for name in COPIED_FOLDERS:
        if (project / name).is_dir():
            shutil.copytree(project / name, target / name, ignore=_IGNORE, dirs_exist_ok=True)
    if (project / HOOKS_FILE).is_file():
        (target / HOOKS_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project / HOOKS_FILE, target / HOOKS_FILE)
    files = [(i.relpath, render_incident(i)) for i in site.incidents] + [(p.relpath, p.text) for p in site.postmortems]
    write_files(target, files, report=report)
    return site


def demo_mkdocs_yml(source: Path, components: list[Component]) -> str:
    """The project's mkdocs.yml with its component catalog replaced; the rest kept as written.

    The catalog block is replaced as text, so comments and MkDocs-only tags elsewhere survive.
    """
    entries = [{"id": c.id, "name": c.name, **({"group": c.group} if c.group else {}), **({"description": c.description} if c.description else {})} for c in components]
    return set_afterword_key(source.read_text(encoding="utf-8"), "components", entries)
