"""The build's credentials search (each token alone first, the key-value token only where a key
word ends a name) finds exactly what the Vale rule's alternation of tokens finds."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.style import credentials
from afterword.style.credentials import TOKENS, _alternation, find_credentials

ALL = tuple(range(len(TOKENS)))
PIECES = st.sampled_from([
    "token", "TOKEN", "_key", "-key", ".key", "key", "api", "apikey", "secret", "password", "passwd", "pwd", "credential",
    "credentials", "private_key", "privatekey", "access_key_id", "access-key", "id", "my", "x", "é", "ß", "_", "-", ".",
    " ", "  ", "\n", ":", "=", "=>", ":=", '"', "'", "`", ",", ";", ")", "abc123", "0d6a9f3c1b2e", "hunter22", "2 hours",
    "2025-06-01", "v1.2.3", "1.2", "s", "expired", "Bearer ", "basic ", "sk_live_", "AKIA", "ghp_", "@", "/", "#", "://",
    "postgres", "0123456789abcdefABCDEF",
])


def _rule(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _alternation(ALL).finditer(text) if m.end() > m.start()]


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_the_build_finds_what_the_rule_finds(pieces):
    text = "".join(pieces)
    assert find_credentials(text) == _rule(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECES, max_size=20))
def test_the_key_value_token_is_found_wherever_it_matches(pieces):
    text = "".join(pieces)
    found = credentials._token(credentials._KEY_VALUE).search(text) is not None
    assert credentials._matches_somewhere(credentials._KEY_VALUE, text) == found


def test_on_github_s_real_updates(shared_dir):
    texts = []
    for path in sorted((shared_dir / "peers" / "statuspage-githubstatus" / "incidents").glob("*.json")):
        incident = json.loads(path.read_text(encoding="utf-8")).get("incident", {})
        texts += [update.get("body") or "" for update in incident.get("incident_updates", [])]
    text = "\n\n".join(texts)
    planted = text + "\n\nThe api_key: 0d6a9f3c1b2e leaked, and so did password=hunter22."
    assert find_credentials(text) == _rule(text) == []
    assert find_credentials(planted) == _rule(planted) != []
