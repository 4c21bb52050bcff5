"""`afterword demo`: a deterministic, loadable, buildable demo site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from afterword import loader
from afterword.cli import main
from afterword.demo import generate, write_site
from afterword.importers.document import render_incident
from afterword.model import IMPACTS
from afterword.settings import load_settings
from project_paths import LUMEN


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "site"
    assert main(["demo", "--incidents", "200", "--postmortems", "20", "--seed", "3", "--project", str(LUMEN), str(target)]) == 0
    return target


def test_same_seed_gives_identical_files(demo, tmp_path):
    again = tmp_path / "again"
    assert main(["demo", "--incidents", "200", "--postmortems", "20", "--seed", "3", "--project", str(LUMEN), str(again)]) == 0
    assert _files(again) == _files(demo)
    other = tmp_path / "other"
    assert main(["demo", "--incidents", "200", "--postmortems", "20", "--seed", "4", "--project", str(LUMEN), str(other)]) == 0
    assert _files(other) != _files(demo)


def test_generated_site_loads_without_errors_and_counts_match(demo):
    settings = load_settings(demo / "mkdocs.yml")
    history = loader.load_history(settings)
    assert history.errors == []
    assert len(history.incidents) == 200 and len(history.postmortems) == 20
    assert len(list((demo / "incidents").rglob("*.md"))) == 200
    assert 8 <= len(settings.components) <= 12
    assert {i.impact for i in history.incidents} == set(IMPACTS)
    assert all(i.is_resolved for i in history.incidents)
    assert sum(len(p.incidents) > 1 for p in history.postmortems) == 2  # one in ten covers a recurrence
    years = {i.start.year for i in history.incidents}
    assert len(years) >= 2  # about three a week: 200 incidents span more than a year


def test_site_folder_is_complete(demo, project_root):
    assert (demo / "mkdocs.yml").read_text().count("hooks/afterword_hooks.py") == 1
    for name in ("docs", "overrides", "styleguide"):
        if (project_root / name).is_dir():
            assert _files(demo / name).keys() == {k for k in _files(project_root / name) if "__pycache__" not in k}
    if (project_root / "hooks" / "afterword_hooks.py").is_file():
        assert (demo / "hooks" / "afterword_hooks.py").read_bytes() == (project_root / "hooks" / "afterword_hooks.py").read_bytes()
    # Everything but the catalog is the project's own mkdocs.yml.
    own = (project_root / "mkdocs.yml").read_text().split("\n")
    generated = (demo / "mkdocs.yml").read_text().split("\n")
    assert own[: own.index("    components:")] == generated[: generated.index("    components:")]


def test_postmortems_follow_the_house_format(demo):
    for path in (demo / "postmortems").glob("*.md"):
        text = path.read_text()
        body = text.split("---\n", 2)[2]
        for heading in ("## What happened", "## Impact on customers", "## How we responded", "## What we are changing"):
            assert heading in body
        assert re.search(r"\b(sorry|apologise)\b", body)
        impact = body.split("## Impact on customers", 1)[1].split("\n## ", 1)[0]
        assert re.search(r"\bdata\b[^.]*\blost\b|\blost\b[^.]*\bdata\b", impact)  # says whether data was lost
        assert 700 <= len(body.split()) <= 1300
        assert "follow_ups:" in text


def test_prose_is_blameless_and_plain(demo):
    text = "\n".join(p.read_text() for p in demo.rglob("*.md") if "incidents" in p.parts or "postmortems" in p.parts)
    assert "!" not in text
    assert not re.search(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", text)  # no IP addresses
    for word in ("human error", "careless", "should have", "blame", " just ", "simply", "mitigat", "roll back", "failover"):
        assert word not in text.lower().replace("blameless", "")


def test_ten_thousand_incidents_generate_with_unique_ids():
    # How fast is measured by `make bench`; here, that the size the benchmark uses works.
    site = generate(10_000, 1_000, seed=1)
    texts = [render_incident(i) for i in site.incidents]
    assert len(texts) == 10_000 and len(site.postmortems) == 1_000
    assert len({i.id for i in site.incidents}) == 10_000
    years = sorted({i.year for i in site.incidents})
    assert years[-1] - years[0] > 50


def test_from_statuspage_uses_the_real_incidents(shared_dir, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    real = shared_dir / "peers" / "statuspage-githubstatus" / "incidents"
    for path in sorted(real.glob("*.json"))[:60]:
        (source / path.name).write_bytes(path.read_bytes())
    target = tmp_path / "site"
    assert main(["demo", "--from-statuspage", str(source), "--postmortems", "5", "--project", str(LUMEN), str(target)]) == 0
    history = loader.load_history(load_settings(target / "mkdocs.yml"))
    assert history.errors == []
    assert len(history.incidents) == 60 and len(history.postmortems) == 5


def test_refuses_to_mix_with_existing_content(demo, capsys):
    assert main(["demo", "--incidents", "5", "--postmortems", "0", str(demo)]) == 2
    assert "--force" in capsys.readouterr().err


def test_generated_prose_passes_the_house_style(demo, monkeypatch, capsys):
    """The project's own `afterword lint` (Vale rules, blameless checks, structure) finds no errors."""
    pytest.importorskip("afterword.commands.lint", reason="afterword lint is not in this checkout")
    monkeypatch.chdir(demo)
    assert main(["lint", "--config", "mkdocs.yml"]) == 0, capsys.readouterr().out[-2000:]
