"""Property-based tests: random input never crashes the parsers with anything but ContentError,
and the loader never raises at all (it reports Problems)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from afterword.frontmatter import split_document
from afterword.loader import load_history
from afterword.problems import ContentError, Problem
from afterword.settings import load_settings
from afterword.timestamps import parse_timestamp
from afterword.updates import parse_update_heading, parse_updates

from project_paths import LUMEN as ROOT  # the example site (tests/fixtures/lumen), not the repository root
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Pieces that real content is made of, so random documents get past the first check often.
FRAGMENTS = st.sampled_from([
    "---", "\n", "title: x", "impact: major", "impact: maintenance", "components: [payments]", "components: [nope]",
    "started: 2026-03-02 09:41 UTC", "scheduled_for: 2026-03-02 09:41 UTC", "draft: true", "security: yes",
    "internal: {a: 1}", "&a [1]", "*a", "!!python/name:os.system", "[", "]", "{", "}", ":", "- ", "  ", "\t", "#",
    "## Investigating · 2026-03-02 09:50 UTC", "## Resolved — 2026-03-02T10:15:00+01:00", "## Scheduled | 2026-13-40 99:99 UTC",
    "## In progress - 2026-03-02 09:50", "## ", "```", "~~~", "<!--", "-->", "·", "\ufeff", "\r\n", "é", "\x00",
    "2026-02-29 10:00 UTC", "incident: card", "published: 2026-03-03 09:00 UTC", "summary: s", "follow_ups: [{title: t, status: done}]",
    "timeline: [{at: nope, text: t}]",
])
DOCUMENTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join))
TIMESTAMP_LIKE = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A\d{1,5}-\d{1,3}-\d{1,3}[ T]\d{1,3}:\d{1,3}(:\d{1,3}(\.\d{1,9})?)?\s*(UTC|GMT|Z|z|[+-]\d{1,2}:?\d{1,3})?\Z"),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=3),
)


@FAST
@given(DOCUMENTS)
def test_split_document_raises_only_content_errors(text):
    try:
        source = split_document(text)
    except ContentError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.message
        return
    assert isinstance(source.front_matter.data, dict)
    assert source.body_start_line >= 2


@FAST
@given(TIMESTAMP_LIKE)
def test_parse_timestamp_raises_only_content_errors(value):
    try:
        moment = parse_timestamp(value)
    except ContentError as exc:
        assert exc.message and exc.rule == "afterword.timestamp"
        return
    assert moment.utcoffset().total_seconds() == 0


@FAST
@given(st.one_of(st.text(max_size=80), st.lists(FRAGMENTS, max_size=6).map(" ".join)), st.booleans())
def test_parse_update_heading_raises_only_content_errors(text, maintenance):
    try:
        status, when = parse_update_heading(text, maintenance)
    except ContentError as exc:
        assert 1 <= exc.column <= len(text) + 1
        return
    assert status and when.tzinfo is not None


@FAST
@given(DOCUMENTS, st.integers(min_value=1, max_value=500), st.booleans())
def test_parse_updates_reports_problems_and_never_raises(body, start_line, maintenance):
    updates, problems = parse_updates(body, start_line, maintenance)
    assert all(isinstance(p, ContentError) and p.line >= start_line for p in problems)
    assert [u.at for u in updates] == sorted(u.at for u in updates)
    assert all(start_line <= u.line < start_line + body.count("\n") + 1 for u in updates)


@pytest.fixture(scope="module")
def base_settings():
    return load_settings(ROOT / "mkdocs.yml")


@FAST
@given(
    st.lists(st.tuples(st.sampled_from(["incidents/2026/", "incidents/", "postmortems/"]), st.sampled_from(["card", "a b", "é", "x.md.md", "card"]),
                       st.sampled_from([".md", ".txt", ".MD"]), st.one_of(DOCUMENTS.map(str.encode), st.binary(max_size=200))), min_size=1, max_size=6),
)
def test_load_history_never_raises_and_accounts_for_every_file(tmp_path_factory, base_settings, files):
    root = tmp_path_factory.mktemp("prop")
    for folder, stem, suffix, data in files:
        path = root / f"{folder}{stem}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    on_disk = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    history = load_history(dataclasses.replace(base_settings, root=root))
    assert sorted(history.outcomes) == on_disk
    counts = history.accounting()
    assert counts["files"] == len(on_disk) == sum(counts[k] for k in ("published", "draft", "security", "error", "skipped"))
    assert all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 for p in history.problems)
    failed = {path for path, outcome in history.outcomes.items() if outcome == "error"}
    assert failed <= {p.path for p in history.errors}, "every failed file says why"
