"""`afterword lint` on every CPU gives the same findings, in the same order, as one process."""

from __future__ import annotations

import pytest

from afterword.demo import generate, write_site
from afterword.settings import load_settings
from afterword.style import lint_paths
from afterword.style import parallel


@pytest.fixture(autouse=True)
def no_findings_cache(monkeypatch):
    """Every run here must really check its documents (the cache has tests of its own)."""
    monkeypatch.setenv("AFTERWORD_CACHE", "off")


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


_FORKED_JOB: dict = {}


def _worker_share():
    from afterword.style import lint_history

    return lint_history(*_FORKED_JOB["job"])


def test_the_page_process_shares_the_builds_lint_on_two_cpus(demo):
    """The forked worker and the page process take chunks from one counter: together they check
    every document exactly once (a document checked twice would repeat its findings), and the
    findings equal one process's."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from afterword.loader import load_history
    from afterword.style import lint_history
    from afterword.style.run import lint_share
    from afterword.workshare import WorkShare

    settings = load_settings(demo / "mkdocs.yml")
    history = load_history(settings)
    alone = lint_history(history, settings)
    share = WorkShare(chunk=3)
    _FORKED_JOB["job"] = (history, settings, share)  # inherited by the fork, as in the build
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        theirs = pool.submit(_worker_share)
        mine = lint_share(history, settings, share)
        together = sorted([*theirs.result(), *mine])
    assert together == sorted(alone)
    assert len(alone) > 3


def test_a_share_hands_out_each_chunk_once():
    from afterword.workshare import WorkShare

    share = WorkShare(chunk=4)
    claimed = [list(r) for r in share.claims(10)]
    assert claimed == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(share.claims(10)) == []
