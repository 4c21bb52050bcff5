"""``extra.afterword.notify`` in mkdocs.yml: the channels updates are sent to, typed and checked.

    notify:
      channels:
        slack:                          # a name you choose; it keys the delivery record
          type: slack                   # slack | teams | discord | webhook | email
          url_env: SLACK_WEBHOOK_URL    # NAME of the environment variable holding the secret URL
        team:
          type: slack
          url_env: TEAM_SLACK_WEBHOOK_URL
          audience: team                # never sent customer updates; `afterword due` posts here
      due: {channel: team, within_minutes: 15}

Secrets never live in mkdocs.yml: a channel names the environment variable that holds its URL or
password. Every mistake is reported as ``mkdocs.yml:line:col: [afterword.config] …``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..problems import ContentError, Problem
from ..settings import Settings, _TolerantLoader

RULE = "afterword.config"
WHERE = "extra.afterword.notify"
CHAT_TYPES = ("slack", "teams", "discord", "webhook")
TYPES = (*CHAT_TYPES, "email")
AUDIENCES = ("customers", "team")
SECURITY = ("starttls", "tls", "none")
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COMMON = {"type", "audience", "components", "label", "join_url"}
KEYS = {
    **{kind: _COMMON | {"url_env"} for kind in CHAT_TYPES},
    "email": _COMMON | {"to", "from", "smtp_host", "smtp_port", "security", "username_env", "password_env",
                        "unsubscribe", "subscribe_url"},
}
SECTION_KEYS = {"channels", "due", "state_url", "retries", "timeout_seconds", "max_age_hours"}
DUE_KEYS = {"channel", "within_minutes"}


@dataclass(frozen=True)
class Channel:
    name: str
    type: str
    audience: str = "customers"
    components: tuple[str, ...] = ()  # empty: every component
    label: str = ""
    join_url: str = ""  # where customers join the chat channel (Subscribe page)
    url_env: str = ""
    to: tuple[str, ...] = ()
    sender: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    security: str = "starttls"
    username_env: str = ""
    password_env: str = ""
    unsubscribe: str = ""
    subscribe_url: str = ""

    def wants(self, component_ids: list[str]) -> bool:
        return not self.components or bool(set(self.components) & set(component_ids))


@dataclass(frozen=True)
class NotifyConfig:
    channels: tuple[Channel, ...] = ()
    due_channel: str = ""
    due_within_minutes: int = 15
    state_url: str = ""
    retries: int = 3
    timeout_seconds: int = 10
    max_age_hours: int = 24  # an update older than this when first due is recorded, not sent (stale news)

    @property
    def customer_channels(self) -> list[Channel]:
        return [c for c in self.channels if c.audience == "customers"]

    def channel(self, name: str) -> Channel | None:
        return next((c for c in self.channels if c.name == name), None)


def config_problems(settings: Settings) -> list[Problem]:
    """The section's mistakes as build problems (the build fails on them, as on bad content)."""
    try:
        notify_config(settings)
    except ContentError as exc:
        return [getattr(exc, "problem", None) or Problem("mkdocs.yml", 1, 1, RULE, exc.message)]
    return []


def notify_config(settings: Settings) -> NotifyConfig:
    """Parse the section; raises ContentError with the mkdocs.yml position of the mistake."""
    raw = settings.sections.get("notify")
    if raw is None:
        return NotifyConfig()
    return _Parser(settings).parse(raw)


class _Parser:
    def __init__(self, settings: Settings):
        self.settings = settings

    def fail(self, path: tuple, message: str) -> ContentError:
        line, column = _position(self.settings.config_path, ("extra", "afterword", "notify", *path))
        name = self.settings.config_path.name if self.settings.config_path else "mkdocs.yml"
        where = ".".join([WHERE, *map(str, path)])
        error = ContentError(f"{name}:{line}:{column}: [{RULE}] {where}: {message}", line, column, rule=RULE)
        error.problem = Problem(name, line, column, RULE, f"{where}: {message}")  # for the build's report
        return error

    def keys(self, raw: dict, path: tuple, known: set[str]) -> None:
        for key in raw:
            if key not in known:
                close = difflib.get_close_matches(str(key), sorted(known), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(known))})"
                raise self.fail((*path, key), f"'{key}' is not a setting{hint}")

    def parse(self, raw: Any) -> NotifyConfig:
        if not isinstance(raw, dict):
            raise self.fail((), "must be a mapping with 'channels' (see guide/notifications.md)")
        self.keys(raw, (), SECTION_KEYS)
        channels_raw = raw.get("channels") or {}
        if not isinstance(channels_raw, dict):
            raise self.fail(("channels",), "must map channel names to settings, e.g. 'slack: {type: slack, url_env: SLACK_WEBHOOK_URL}'")
        channels = tuple(self.channel(str(name), value) for name, value in channels_raw.items())
        due = raw.get("due") or {}
        if not isinstance(due, dict):
            raise self.fail(("due",), "must be a mapping like '{channel: team, within_minutes: 15}'")
        self.keys(due, ("due",), DUE_KEYS)
        due_channel = str(due.get("channel") or "")
        if due_channel and due_channel not in channels_raw:
            raise self.fail(("due", "channel"), f"'{due_channel}' is not a channel under {WHERE}.channels")
        if due_channel and next(c for c in channels if c.name == due_channel).type == "email":
            raise self.fail(("due", "channel"), "reminders go to a chat channel or webhook, not e-mail")
        return NotifyConfig(
            channels=channels,
            due_channel=due_channel,
            due_within_minutes=self.number(due, ("due",), "within_minutes", 15),
            state_url=self.url(raw, (), "state_url"),
            retries=self.number(raw, (), "retries", 3),
            timeout_seconds=self.number(raw, (), "timeout_seconds", 10, minimum=1),
            max_age_hours=self.number(raw, (), "max_age_hours", 24, minimum=1),
        )

    def channel(self, name: str, raw: Any) -> Channel:
        path = ("channels", name)
        if not _NAME.match(name):
            raise self.fail(path, "a channel name is lowercase letters, digits, '-' or '_' (it keys the delivery record)")
        if not isinstance(raw, dict):
            raise self.fail(path, "must be a mapping with at least 'type'")
        kind = raw.get("type")
        if kind not in TYPES:
            raise self.fail((*path, "type"), f"must be one of {', '.join(TYPES)}, got {kind!r}")
        if "url" in raw or "password" in raw or "username" in raw:
            key = next(k for k in ("url", "password", "username") if k in raw)
            raise self.fail((*path, key), f"secrets never go in mkdocs.yml: set '{key}_env' to the NAME of an environment variable holding it")
        self.keys(raw, path, KEYS[kind])
        audience = raw.get("audience", "customers")
        if audience not in AUDIENCES:
            raise self.fail((*path, "audience"), f"must be 'customers' or 'team', got {audience!r}")
        components = raw.get("components") or []
        if isinstance(components, str):
            components = [components]
        for component in components:
            if self.settings.component(str(component)) is None:
                raise self.fail((*path, "components"), f"'{component}' is not a component id from extra.afterword.components")
        common = dict(name=name, type=kind, audience=audience, components=tuple(map(str, components)),
                      label=str(raw.get("label") or ""), join_url=self.url(raw, path, "join_url"))
        if kind != "email":
            return Channel(**common, url_env=self.env(raw, path, "url_env", required=True))
        to = raw.get("to")
        to = [to] if isinstance(to, str) else to
        if not to or not isinstance(to, list) or not all(isinstance(a, str) and "@" in a for a in to):
            raise self.fail((*path, "to"), "must be the list address(es) to send to, e.g. 'status@lists.example.com'")
        for key in ("from", "smtp_host"):
            if not isinstance(raw.get(key), str) or not raw.get(key).strip():
                raise self.fail((*path, key), "is required for an e-mail channel")
        security = raw.get("security", "starttls")
        if security not in SECURITY:
            raise self.fail((*path, "security"), f"must be one of {', '.join(SECURITY)}, got {security!r}")
        unsubscribe = str(raw.get("unsubscribe") or "")
        if not unsubscribe.startswith(("mailto:", "https://", "http://")):
            raise self.fail((*path, "unsubscribe"), "is required (List-Unsubscribe): a 'mailto:' or 'https://' address")
        return Channel(
            **common, to=tuple(to), sender=raw["from"].strip(), smtp_host=raw["smtp_host"].strip(),
            smtp_port=self.number(raw, path, "smtp_port", 587, minimum=1), security=security,
            username_env=self.env(raw, path, "username_env"), password_env=self.env(raw, path, "password_env"),
            unsubscribe=unsubscribe, subscribe_url=self.url(raw, path, "subscribe_url"),
        )

    def env(self, raw: dict, path: tuple, key: str, required: bool = False) -> str:
        value = raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not _ENV.match(value):
            shown = "a URL or secret" if isinstance(value, str) and ("/" in value or ":" in value) else repr(value)
            raise self.fail((*path, key), f"must be the NAME of an environment variable (like SLACK_WEBHOOK_URL), got {shown}")
        return value

    def url(self, raw: dict, path: tuple, key: str) -> str:
        value = raw.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.startswith(("https://", "http://", "mailto:")):
            raise self.fail((*path, key), f"must be an https:// address, got {value!r}")
        return value

    def number(self, raw: dict, path: tuple, key: str, default: int, minimum: int = 0) -> int:
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail((*path, key), f"must be a whole number of at least {minimum}, got {value!r}")
        return value


def _position(config_path: Path | None, path: tuple) -> tuple[int, int]:
    """Line and column (1-based) of the deepest key of ``path`` found in mkdocs.yml; (1, 1) if none."""
    if config_path is None or not config_path.is_file():
        return 1, 1
    try:
        node = yaml.compose(config_path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except yaml.YAMLError:
        return 1, 1
    found = (1, 1)
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)), None)
        if match is None:
            break
        found = (match[0].start_mark.line + 1, match[0].start_mark.column + 1)
        node = match[1]
    return found
