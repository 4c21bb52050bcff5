"""Search index compaction: boilerplate sentences go, everything distinctive stays."""

from __future__ import annotations

import json

from afterword.search_index import COMMON_MIN, compact_search_index


def write_index(path, docs):
    path.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), encoding="utf-8")


def test_sentences_repeated_across_many_entries_are_dropped(tmp_path):
    index = tmp_path / "search_index.json"
    docs = [
        {"location": f"incidents/{n}/", "title": f"Card payments failing {n}",
         "text": f"<p>Thank you for your patience. Bank feed number {n} was late.</p>"}
        for n in range(COMMON_MIN * 3)
    ]
    write_index(index, docs)
    saved = compact_search_index(index)
    result = json.loads(index.read_text())["docs"]
    assert saved > 0
    assert all("Thank you for your patience." not in d["text"] for d in result)
    assert result[7]["text"] == "<p>Bank feed number 7 was late.</p>"
    assert result[7]["title"] == "Card payments failing 7"


def test_a_small_history_is_left_exactly_as_material_wrote_it(tmp_path):
    index = tmp_path / "search_index.json"
    docs = [{"location": f"incidents/{n}/", "title": "t", "text": "<p>Thank you for your patience.</p>"} for n in range(COMMON_MIN)]
    write_index(index, docs)
    before = index.read_text()
    assert compact_search_index(index) == 0
    assert index.read_text() == before


def test_a_missing_or_foreign_index_is_ignored(tmp_path):
    assert compact_search_index(tmp_path / "absent.json") == 0
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"something": []}))
    assert compact_search_index(other) == 0
