"""What a credential looks like in published text: one list, used by the Vale rule and the build.

``Credentials.yml`` (the editors' copy, written by ``afterword rules``) is generated from
``TOKENS``, and the build's secrets pass (afterword.secrets) runs the same patterns next to
detect-secrets, so the rule in an editor and the check that fails a build agree. Keys are found
by their shape (``access_token``, ``STRIPE_API_KEY``, ``client_secret``, ``password``), values
only when they look like one (a digit in them, or quoted and long): prose such as
"password: reset it" is not a credential.
"""

from __future__ import annotations

from functools import lru_cache

import regex

RULE_NAME = "Afterword.Credentials"
MESSAGE = "Remove this credential and rotate it now: anything published stays public."

# A key name: *_token, *_key, *secret*, password and friends, as identifiers or words.
_KEY_WORDS = r"token|[_.-]key|apikey|secret|passw(?:or)?d|pwd|credentials?|private[_-]?key|access[_-]?key(?:[_-]?id)?"
_KEY = rf"(?i:(?<![\w-])[\w.-]*(?:{_KEY_WORDS})(?![a-z]))"
# A value: no spaces, at least six characters with a digit in them, or a long quoted string.
_VALUE = (r"(?:(?=[^\s\"'`,;)]*\d)[A-Za-z0-9+/=_.~!@#$%^&*\-]{6,}|"
          r"[\"'`](?=[^\"'`\s]{12,}[\"'`])[A-Za-z0-9+/=_.~!@#$%^&*\-]+(?=[\"'`]))")

TOKENS: tuple[tuple[str | None, str], ...] = (
    ("Well-known key formats: AWS, GitHub, GitLab, Slack, Stripe, OpenAI, npm, PyPI, Google, SendGrid, Twilio, "
     "Mailchimp, Square, Telegram, Discord, JWTs, private keys.",
     r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    (None, r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"),
    (None, r"\bgithub_pat_[A-Za-z0-9_]{40,}\b"),
    (None, r"\bglpat-[A-Za-z0-9_-]{20,}"),
    (None, r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    (None, r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b"),
    (None, r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}"),
    (None, r"\bnpm_[A-Za-z0-9]{36}\b"),
    (None, r"\bpypi-AgE[A-Za-z0-9_-]{50,}"),
    (None, r"\bAIza[0-9A-Za-z_-]{35}\b"),
    (None, r"\bSG\.[\w-]{22}\.[\w-]{43}\b"),
    (None, r"\b(?:AC|SK)[a-f0-9]{32}\b"),
    (None, r"\b[0-9a-f]{32}-us\d{1,2}\b"),
    (None, r"\bsq0(?:csp|atp)-[0-9A-Za-z_-]{22,43}"),
    (None, r"\b\d{8,10}:AA[0-9A-Za-z_-]{33}\b"),
    (None, r"\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}\b"),
    (None, r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}"),
    (None, r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"),
    ("A key, token, secret or password followed by its value, in prose or code: access_token=\"0d6a...\", "
     "STRIPE_KEY: sk_..., --password hunter22.",
     _KEY + r"[\"'`]?\s*(?:[:=]|=>|:=|\s)\s*[\"'`]?"
     # not a duration, a date or a version number ('the token expired after 2 hours', 'token 1.2.3')
     r"(?!\d+\s*(?:hours?|minutes?|seconds?|days?)\b|\d{4}-\d\d-\d\d|v?\d+(?:\.\d+)+(?![\w.]))" + _VALUE),
    ("Authorization headers with a bearer or basic credential.",
     r"(?i:\b(?:bearer|basic)\s+)(?=[A-Za-z0-9._~+/-]*\d)[A-Za-z0-9._~+/-]{12,}=*"),
    ("Web addresses with a user name and password in them (postgres://app:s3cret@...).",
     r"[A-Za-z][\w+.-]*://[^/\s:@]+:[^/\s@]+@"),
)


@lru_cache(maxsize=64)
def _alternation(chosen: tuple[int, ...]) -> regex.Pattern:
    """The chosen tokens as one pattern, as Vale's existence rule (nonword: true) assembles them."""
    return regex.compile("|".join(f"(?:{TOKENS[i][1]})" for i in chosen))


@lru_cache(maxsize=None)
def _token(index: int) -> regex.Pattern:
    return regex.compile(TOKENS[index][1])


_KEY_VALUE = next(index for index, (_, token) in enumerate(TOKENS) if token.startswith(_KEY))
# Where a key word ends a run of name characters: a value follows a key only after a quote, a
# space, ':' or '=', none of them in [\w.-], so every match of the key-value token has its key
# word at such a place, and starts where that run starts.
_KEY_AT_RUN_END = regex.compile(rf"(?i:{_KEY_WORDS})(?![\w.-])")
_NAME_CHARACTER = regex.compile(r"[\w.-]")


def _matches_somewhere(index: int, text: str) -> bool:
    """Whether token ``index`` alone matches anywhere in ``text`` (an empty match counts: then the
    alternation decides). The key-value token is tried only where a run of name characters ends
    with a key word, from the run's start: tried at every character of every word, it cost most of
    the build's secrets check."""
    if index != _KEY_VALUE:
        return _token(index).search(text) is not None
    token = _token(index)
    for word in _KEY_AT_RUN_END.finditer(text):
        start = word.start()
        while start > 0 and _NAME_CHARACTER.match(text, start - 1):
            start -= 1
        if token.match(text, start):
            return True
    return False


@lru_cache(maxsize=1)
def _required() -> tuple[list[str] | None, ...]:
    from ..vale.literals import required_literals

    return tuple(required_literals(token) for _, token in TOKENS)


def find_credentials(text: str) -> list[tuple[int, int]]:
    """(start, end) of every credential the Vale rule would report in ``text``.

    Tokens whose required text ("akia", "ghp_", "bearer"…) is nowhere in ``text`` are left out
    of the alternation first (as the Vale engine does, vale/literals.py): leaving out a token that
    cannot match changes no match, and each `\\b…` token costs a pass over the text."""
    from ..vale.literals import fold

    folded = fold(text)
    chosen = tuple(i for i, literals in enumerate(_required()) if literals is None or any(lit in folded for lit in literals))
    # Almost always nothing matches: each token alone says so faster than the alternation, which
    # tries every token at every character. Only if one matches is the alternation run, for the
    # exact matches Vale's rule finds.
    if not any(_matches_somewhere(index, text) for index in chosen):
        return []
    return [(m.start(), m.end()) for m in _alternation(chosen).finditer(text) if m.end() > m.start()]


def render_credentials_rule() -> str:
    lines = [
        "# GENERATED by `afterword rules` from afterword/style/credentials.py, which the build's secrets",
        "# check uses too (so this rule and the build agree). Redaction: a published credential is public",
        "# forever: rotate it as well as removing it. Findings never repeat the matched text.",
        "extends: existence",
        f'message: "{MESSAGE}"',
        "level: error",
        "scope: raw",
        "nonword: true",
        "tokens:",
    ]
    for comment, token in TOKENS:
        if comment:
            lines.append(f"  # {comment}")
        lines.append("  - '" + token.replace("'", "''") + "'")
    return "\n".join(lines) + "\n"
