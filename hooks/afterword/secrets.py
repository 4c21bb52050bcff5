"""Credentials in published text fail the build: API keys, tokens, private keys, passwords in URLs.

Detection is Yelp's detect-secrets, used in-process: its regex plugins run over each published
document's text in one pass per plugin (not per line), and its high-entropy plugins over the
unquoted words of prose (detect-secrets requires quotes around a candidate; incident text has
none, so a minimum length keeps ordinary words out instead). The house style's Credentials
patterns (afterword.style.credentials, the source of the Vale rule) run too, so a key-value pair
such as ``access_token="0d6a..."`` fails the build exactly when the editor's rule flags it.
Nothing is verified over the network.

Only published text is scanned: titles, summaries, update bodies, postmortem bodies, follow-up
titles and timeline entries of published documents. ``internal`` fields are never published (the
leak check guards them). Findings never repeat the secret: build logs are often public too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .lazymodule import defer_import

# detect-secrets imports requests for its online verification, which this check never runs:
# importing it (and urllib3, ssl, http.client) would cost every build about 0.1 s of CPU.
defer_import("requests")

from detect_secrets.filters.allowlist import get_allowlist_regexes
from detect_secrets.filters.heuristic import (
    is_likely_id_string,
    is_not_alphanumeric_string,
    is_potential_uuid,
    is_sequential_string,
    is_templated_secret,
)
from detect_secrets.plugins.artifactory import ArtifactoryDetector
from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString, HexHighEntropyString, HighEntropyStringsPlugin
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.private_key import PrivateKeyDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
from detect_secrets.plugins.twilio import TwilioKeyDetector

from .loader import History, read_content_file
from .model import Incident, Postmortem
from .problems import ERROR, ContentError, Problem
from .style.credentials import find_credentials
from .vale.literals import fold, required_literals

RULE = "Afterword.Secret"
HOUSE_STYLE = "Afterword.Credentials"  # the detector name of the house style's own patterns
# Unquoted words shorter than this are never reported as high-entropy: real keys and tokens are
# longer, and shorter random-looking words (ids, version strings) are common in incident prose.
MIN_ENTROPY_WORD = 20
# Left out on purpose: KeywordDetector (flags prose such as "password: reset it"), IPPublicDetector
# (an address is not a credential), and the keyword-context detectors for IBM/SoftLayer/Cloudant.
_REGEX_PLUGINS: tuple[type[RegexBasedDetector], ...] = (
    AWSKeyDetector, ArtifactoryDetector, AzureStorageKeyDetector, BasicAuthDetector, DiscordBotTokenDetector,
    GitHubTokenDetector, GitLabTokenDetector, JwtTokenDetector, MailchimpDetector, NpmDetector, OpenAIDetector,
    PrivateKeyDetector, PypiTokenDetector, SendGridDetector, SlackDetector, SquareOAuthDetector, StripeDetector,
    TelegramBotTokenDetector, TwilioKeyDetector,
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # comments are never published


@dataclass(frozen=True)
class _Region:
    """Published text and the file line of its first line."""

    text: str
    first_line: int
    search_from: int | None = None  # for front matter values: find the exact line in the file from here


@lru_cache(maxsize=1)
def _plugins() -> tuple[list[RegexBasedDetector], list[HighEntropyStringsPlugin]]:
    return [plugin() for plugin in _REGEX_PLUGINS], [Base64HighEntropyString(), HexHighEntropyString()]


def _may_match(plugin: RegexBasedDetector, folded: str) -> bool:
    """False when no pattern of the plugin can match the text whose ``fold`` is ``folded``: each
    pattern needs one of its required literals (afterword.vale.literals) in it, and every detector
    listed here reports only what its ``denylist`` patterns match (RegexBasedDetector.analyze_string).
    Most texts hold none of "akia", "xox", "-us0"…: a pass of each pattern over all published text is saved."""
    return any(literals is None or any(literal in folded for literal in literals) for literals in _required_literals(type(plugin)))


@lru_cache(maxsize=None)
def _required_literals(plugin_type: type[RegexBasedDetector]) -> tuple[list[str] | None, ...]:
    plugin = _plugins()[0][_REGEX_PLUGINS.index(plugin_type)]
    # Literals are read from the pattern's text: a verbose pattern (whitespace ignored) reads differently, so never filter it.
    return tuple(None if pattern.flags & re.VERBOSE else required_literals(pattern.pattern) for pattern in plugin.denylist)


@lru_cache(maxsize=1)
def _allowlist() -> re.Pattern:
    """detect-secrets' own inline marker, as a Markdown comment: <!-- pragma: allowlist secret -->."""
    return get_allowlist_regexes(comment_tuple=(r"<!--[# \t]*?", " *?-->"), nextline=False)


def find_secrets(history: History) -> list[Problem]:
    """One error per credential-like string in published text, at its exact line and column."""
    documents: list[Incident | Postmortem] = [*history.published_incidents, *history.published_postmortems]
    # Almost always there is nothing to find: one pass over all published text says so, and only
    # then is each document scanned on its own, from its file, to give exact lines.
    if next(scan_text("\n\n".join(text for d in documents for text in published_texts(d))), None) is None:
        return []
    problems: list[Problem] = []
    for document in documents:
        problems.extend(scan_document(document, _file_lines(history, document.path)))
    return problems


def published_texts(document: Incident | Postmortem) -> Iterator[str]:
    """Every piece of a document's text that readers see."""
    yield document.title
    if isinstance(document, Postmortem):
        yield document.summary
        yield document.body
        yield from (follow_up.title for follow_up in document.follow_ups)
        yield from (entry.text for entry in document.timeline)
    else:
        yield from (update.body for update in document.updates)


def scan_document(document: Incident | Postmortem, file_lines: list[str] | None) -> list[Problem]:
    spans: dict[int, list[tuple[int, int]]] = {}  # line -> reported column spans
    problems: list[Problem] = []
    for region in _regions(document, file_lines):
        for secret, kind, plugin_name in scan_text(region.text):
            line, column = _locate(secret, region, file_lines)
            end = column + len(secret)
            # One finding per string: a token often matches its own detector and an entropy one
            # (or, like a JWT, a detector for its start and an entropy one for the rest).
            if any(column <= other_end and other_start <= end for other_start, other_end in spans.get(line, [])):
                continue
            spans.setdefault(line, []).append((column, end))
            raw_line = file_lines[line - 1] if file_lines and 0 < line <= len(file_lines) else ""
            if _allowlist().search(raw_line):
                continue
            problems.append(Problem(document.path, line, column, RULE, _message(kind, plugin_name), ERROR))
    return problems


def scan_text(text: str) -> Iterator[tuple[str, str, str]]:
    """(secret, kind, detector) for each credential-like string in ``text``."""
    text = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    regex_plugins, entropy_plugins = _plugins()
    # Folding non-ASCII text (its Turkish-i table) costs more than the detectors it would leave out.
    folded = fold(text) if text.isascii() else None
    for plugin in regex_plugins:
        if folded is not None and not _may_match(plugin, folded):
            continue
        for secret in plugin.analyze_string(text):
            if secret and not is_templated_secret(secret):
                yield secret, plugin.secret_type, type(plugin).__name__
    for start, end in find_credentials(text):
        yield text[start:end], "a key, token or password with its value", HOUSE_STYLE
    for plugin in entropy_plugins:
        for word in _candidate_words(plugin, text):
            if plugin.calculate_shannon_entropy(word) > plugin.entropy_limit and not _looks_harmless(word, text, plugin):
                yield word, "a random-looking string that may be a key, token or password", type(plugin).__name__


@lru_cache(maxsize=4)
def _word_pattern(charset: str) -> re.Pattern:
    return re.compile(r"[%s]{%d,}" % (re.escape(charset), MIN_ENTROPY_WORD))


def _candidate_words(plugin: HighEntropyStringsPlugin, text: str) -> Iterator[str]:
    for match in _word_pattern(plugin.charset).finditer(text):
        # A path or slug of words ("/incidents/2025-08-14-card-payments") is not a secret:
        # judge each '/'-separated part, as a token never contains a readable path.
        for part in match.group(0).split("/"):
            if len(part) >= MIN_ENTROPY_WORD:
                yield part


def _looks_harmless(word: str, text: str, plugin: HighEntropyStringsPlugin) -> bool:
    """detect-secrets' own false-positive heuristics, plus hyphenated words ('first-class-...')."""
    if is_sequential_string(word) or is_potential_uuid(word) or is_not_alphanumeric_string(word):
        return True
    line = next((line for line in text.split("\n") if word in line), "")
    if is_likely_id_string(word, line, plugin):
        return True
    parts = re.split(r"[-_]", word)
    return len(parts) > 1 and all(part.isalpha() or part.isdigit() for part in parts)


def _message(kind: str, detector: str) -> str:
    what = kind if kind.startswith("a ") else f"what looks like a {kind}"
    source = f"the house style's {detector} rule" if detector == HOUSE_STYLE else f"detect-secrets {detector}"
    return (
        f"{what} ({source}) would be published: remove it from the text and rotate "
        "the credential now, since it is already in git history. Never paste credentials into incident "
        "text. If it is not a secret, add '<!-- pragma: allowlist secret -->' at the end of the line"
    )


def _regions(document: Incident | Postmortem, file_lines: list[str] | None) -> Iterator[_Region]:
    front = document.front_matter
    key_line = front.line_of if front is not None else (lambda *path: 1)
    yield _Region(document.title, key_line("title"), key_line("title"))
    if isinstance(document, Postmortem):
        yield _Region(document.summary, key_line("summary"), key_line("summary"))
        for follow_up in document.follow_ups:
            yield _Region(follow_up.title, follow_up.line, follow_up.line)
        for entry in document.timeline:
            yield _Region(entry.text, entry.line, entry.line)
    body_start = (front.end_line + 1) if front is not None else 1
    if file_lines is not None:
        yield _Region("\n".join(file_lines[body_start - 1 :]), body_start)
    elif isinstance(document, Postmortem):
        yield _Region(document.body, document.body_start_line)
    else:  # the file could not be read again: the model's text, at each update's heading
        for update in document.updates:
            yield _Region(update.body, update.line, update.line)


def _locate(secret: str, region: _Region, file_lines: list[str] | None) -> tuple[int, int]:
    """The file line and column where ``secret`` starts."""
    if region.search_from is None:
        offset = region.text.find(secret)
        if offset < 0:  # pragma: no cover - plugins return substrings of the text
            return region.first_line, 1
        before = region.text[:offset]
        line = region.first_line + before.count("\n")
        return line, offset - (before.rfind("\n") + 1) + 1
    # A front matter value: YAML may have folded or quoted it, so look for it in the file itself.
    if file_lines:
        for index in range(region.search_from - 1, len(file_lines)):
            column = file_lines[index].find(secret)
            if column >= 0:
                return index + 1, column + 1
            if index > region.search_from - 1 and file_lines[index].strip() == "---":
                break
    return region.search_from, 1


def _file_lines(history: History, relpath: str) -> list[str] | None:
    try:
        return read_content_file(history.settings.root / relpath).split("\n")
    except (OSError, ContentError):
        return None

