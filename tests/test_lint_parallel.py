"""`afterword lint` on every CPU gives the same findings, in the same order, as one process."""

from __future__ import annotations

import pytest

from afterword.demo import generate, write_site
from afterword.settings import load_settings
from afterword.style import lint_paths
from afterword.style import parallel


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    target = tmp_path_factory.mktemp("lint-demo")
    write_site(generate(60, 6, seed=5), target)
    # Findings to keep in order: a blamed person, an unknown key, a person's name in a postmortem.
    first = sorted((target / "incidents").rglob("*.md"))[3]
    first.write_text(first.read_text().replace("## ", "John broke it.\n\n## ", 1).replace("impact:", "impakt: x\nimpact:", 1))
    pm = sorted((target / "postmortems").glob("*.md"))[0]
    pm.write_text(pm.read_text() + "\nSarah restarted the database.\n")
    return target


def test_parallel_findings_equal_one_process(demo, monkeypatch):
    settings = load_settings(demo / "mkdocs.yml")
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 10**9)
    alone = lint_paths(settings, None, timeline=True)
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 3)
    shared = lint_paths(settings, None, timeline=True)
    assert alone == shared
    assert {p.rule for p in alone} >= {"afterword.schema", "Afterword.PersonName"}


def test_the_builds_lint_uses_the_cpus_beside_the_page_renderer(demo, monkeypatch):
    from afterword.loader import load_history
    from afterword.style import lint_history, run

    settings = load_settings(demo / "mkdocs.yml")
    history = load_history(settings)
    alone = lint_history(history, settings)  # 2 CPUs or fewer: one for pages, the lint on the other
    started = []
    real_pool = parallel.multiprocessing.get_context("fork").Pool
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    monkeypatch.setattr(run, "usable_cpus", lambda: 4)
    monkeypatch.setattr(parallel.multiprocessing, "get_context", lambda method: type("C", (), {"Pool": staticmethod(lambda n: started.append(n) or real_pool(n))}))
    assert lint_history(history, settings) == alone
    assert started == [3]
