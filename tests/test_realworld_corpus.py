"""The real-text corpus (tests/data/realworld/) is well formed, and the evaluation harness runs.

No thresholds here: the rules' figures are asserted by the tests of the rules themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from afterword.evaluate.__main__ import evaluate_corpus, main
from afterword.evaluate.corpus import FORBIDDEN_SOURCES, CorpusError, load_corpus, resolve
from afterword.evaluate.families import FAMILIES, RULE_FAMILIES
from afterword.evaluate.lint import ScratchProject
from afterword.evaluate.statuspage import evaluate_statuspage

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "realworld"
SAMPLE = ROOT / "tests" / "data" / "statuspage_github_sample.json"


@pytest.fixture(scope="module")
def documents():
    return load_corpus(CORPUS)  # raises CorpusError on a label whose text is not on its line


@pytest.fixture(scope="module")
def project():
    scratch = ScratchProject(ROOT / "styleguide")
    yield scratch
    scratch.close()


def test_every_document_has_labels_source_and_licence(documents):
    docs = {p.stem for p in (CORPUS / "docs").glob("*.md")}
    labels = {p.stem for p in (CORPUS / "labels").glob("*.yml")}
    assert docs == labels
    assert len(documents) >= 45
    sources = (CORPUS / "SOURCES.md").read_text()
    for doc in documents:
        assert doc.source.startswith("https://github.com/") and "/blob/" in doc.source, doc.slug
        assert doc.licence and doc.copy in {"whole", "excerpt"}, doc.slug
        assert f"`{doc.slug}`" in sources, doc.slug
        assert set(doc.structure) == {"what_happened", "impact", "response", "changes"}, doc.slug
        assert "source:" in doc.text.split("\n---\n", 1)[0], f"{doc.slug}: the front matter keeps its source"


def test_no_source_kept_for_independent_evaluation(documents):
    manifest = yaml.safe_load((CORPUS / "sources.yml").read_text())["documents"]
    for entry in manifest:
        where = f"{entry['repo']}/{entry['path']}".lower()
        assert not any(bad in where for bad in FORBIDDEN_SOURCES), entry["slug"]
    for doc in documents:
        assert not any(bad in doc.source.lower() for bad in FORBIDDEN_SOURCES), doc.slug


def test_unlicensed_sources_are_short_excerpts(documents):
    for doc in documents:
        if doc.licence.startswith("none"):
            assert doc.copy == "excerpt", doc.slug
            assert len(doc.text.split("\n---\n", 1)[1]) <= 2100, doc.slug


def test_families_table_names_only_known_families():
    assert set(RULE_FAMILIES.values()) <= set(FAMILIES)


def test_a_label_must_be_on_its_line():
    with pytest.raises(CorpusError, match="not on that line"):
        resolve([{"family": "name", "line": 1, "text": "Pietro"}], ["Sean pings the on-call"], "x")
    spans = resolve([{"family": "host", "line": 1, "text": "fritz"}] * 2, ["fritz proxies to fritz"], "x")
    assert [(s.start, s.end) for s in spans] == [(0, 5), (17, 22)]


def test_harness_scores_a_few_documents(project):
    slugs = ["dfds-2022-005-node-ipc", "hachyderm-2023-01-03-fritz-overload"]
    figures = evaluate_corpus(CORPUS, project, slugs)
    assert figures["documents"] == 2 and figures["words"] > 0
    assert set(figures["families"]) == set(FAMILIES)
    names = figures["families"]["name"]
    assert names["labels"] > 0 and names["found"] <= names["labels"]
    assert {d["slug"] for d in figures["per_document"]} == set(slugs)


def test_statuspage_sample_is_fixed_and_runs(project, tmp_path):
    data = json.loads(SAMPLE.read_text())
    assert data["source"] and len(data["incidents"]) == 200
    small = tmp_path / "sample.json"
    small.write_text(json.dumps({"source": data["source"], "incidents": data["incidents"][:3]}))
    figures = evaluate_statuspage(small, project)
    assert figures["incidents"] == 3 and figures["words"] > 0


def test_command_line_writes_json(tmp_path, capsys):
    assert main(["--only", "dfds-2020-001-inotify", "--out", str(tmp_path)]) == 0
    assert "Real-text corpus: 1 published postmortems" in capsys.readouterr().out
    assert json.loads((tmp_path / "realworld.json").read_text())["documents"] == 1
