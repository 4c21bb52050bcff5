"""The communication checks' settings: ``extra.afterword.checks`` in mkdocs.yml, typed, with defaults.

Every threshold and every rule's severity lives here, so a team tunes the checks in one place:

    extra:
      afterword:
        checks:
          cadence_minutes: 60
          rules:
            BrokenPromise: error
            AllClear: off
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model import IMPACTS
from ..problems import ERROR, WARNING, ContentError, Problem

OFF = "off"
RULE_SEVERITIES = (ERROR, WARNING, OFF)

CADENCE = "Afterword.Cadence"
BROKEN_PROMISE = "Afterword.BrokenPromise"
FIRST_UPDATE_LATE = "Afterword.FirstUpdateLate"
ALL_CLEAR = "Afterword.AllClear"
POSTMORTEM_LATE = "Afterword.PostmortemLate"
IMPOSSIBLE_TIMELINE = "Afterword.ImpossibleTimeline"
RULES = (CADENCE, BROKEN_PROMISE, FIRST_UPDATE_LATE, ALL_CLEAR, POSTMORTEM_LATE, IMPOSSIBLE_TIMELINE)

_WHERE = "extra.afterword.checks"
_NUMBERS = {
    "cadence_minutes": 60,
    "promise_grace_minutes": 5,
    "first_update_minutes": 15,
    "postmortem_hours": 24,
}


def _rule_key(name: str) -> str:
    """'Afterword.BrokenPromise', 'BrokenPromise', 'broken_promise', 'broken-promise' -> 'brokenpromise'."""
    name = name.strip()
    if name.lower().startswith("afterword."):
        name = name[len("afterword."):]
    return name.lower().replace("_", "").replace("-", "")


_RULE_BY_KEY = {_rule_key(rule): rule for rule in RULES}


@dataclass(frozen=True)
class ChecksConfig:
    cadence_minutes: int = 60  # longest silence while an incident is open
    promise_grace_minutes: int = 5  # how late a promised update may be and still count as kept
    first_update_minutes: int = 15  # from start of impact to the first public update
    postmortem_hours: int = 24  # from resolution to the published customer postmortem
    postmortem_impacts: tuple[str, ...] = ("major", "critical")  # impacts that owe a postmortem
    require_postmortem: bool = True  # flag a major/critical incident with no postmortem after the deadline
    show_communication_record: bool = False  # incident pages show first update / longest gap / promises
    severities: dict[str, str] = field(default_factory=lambda: {rule: WARNING for rule in RULES})

    def severity(self, rule: str) -> str:
        return self.severities.get(rule, WARNING)

    def enabled(self, rule: str) -> bool:
        return self.severity(rule) != OFF


class ChecksConfigError(ContentError):
    def __init__(self, message: str, key_path: tuple = ()):
        super().__init__(message, rule="afterword.config")
        self.key_path = key_path  # under extra.afterword.checks, e.g. ('rules', 'BrokenPromis')


def checks_config(settings: Any) -> ChecksConfig:
    """Read the checks section from Settings (or take a ChecksConfig as is).

    A broken section is reported once, located, by ``checks_config_problems`` (the loader adds it to
    every command's problems and fails the build); the checks themselves then run with the defaults.
    """
    if isinstance(settings, ChecksConfig):
        return settings
    raw = settings.section("checks") if settings is not None else {}
    try:
        return parse_checks_config(raw)
    except ChecksConfigError:
        return ChecksConfig()


def checks_config_problems(settings: Any) -> list[Problem]:
    """The checks section's mistakes as ``mkdocs.yml:line:col: [afterword.config]`` errors."""
    raw = settings.section("checks") if settings is not None else {}
    try:
        parse_checks_config(raw)
    except ChecksConfigError as exc:
        config = getattr(settings, "config_path", None)
        line, column = _position(config, ("extra", "afterword", "checks", *exc.key_path))
        return [Problem(config.name if config else "mkdocs.yml", line, column, exc.rule, exc.message)]
    return []


def _position(config: Path | None, keys: tuple) -> tuple[int, int]:
    """1-based line and column of the deepest of ``keys`` found in mkdocs.yml (1, 1 when unknown)."""
    try:
        node = yaml.compose(config.read_text(encoding="utf-8-sig"), Loader=_Composer) if config else None
    except (OSError, yaml.YAMLError):
        return (1, 1)
    found = (1, 1)
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), None)
        if match is None:
            break
        found = (match[0].start_mark.line + 1, match[0].start_mark.column + 1)
        node = match[1]
    return found


class _Composer(yaml.SafeLoader):
    """Composes mkdocs.yml whatever its tags (!ENV, !!python/name): only positions are read."""


_Composer.add_multi_constructor("", lambda loader, suffix, node: None)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def parse_checks_config(raw: Any) -> ChecksConfig:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ChecksConfigError(f"{_WHERE} must be a mapping of settings, e.g. 'cadence_minutes: 60'")
    known = sorted(set(_NUMBERS) | {"postmortem_impacts", "require_postmortem", "show_communication_record", "rules"})
    for key in raw:
        if key not in known:
            raise ChecksConfigError(f"{_WHERE}.{key} is not a setting: {_did_you_mean(str(key), known)}(known: {', '.join(known)})", (key,))
    numbers = {key: _positive_int(raw, key, default) for key, default in _NUMBERS.items()}
    return ChecksConfig(
        **numbers,
        postmortem_impacts=_impacts(raw.get("postmortem_impacts", ["major", "critical"])),
        require_postmortem=_flag(raw, "require_postmortem", True),
        show_communication_record=_flag(raw, "show_communication_record", False),
        severities=_severities(raw.get("rules")),
    )


def _positive_int(raw: dict, key: str, default: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ChecksConfigError(f"{_WHERE}.{key} must be a whole number of {key.rsplit('_', 1)[-1]} (0 or more), got {value!r}", (key,))
    return value


def _flag(raw: dict, key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ChecksConfigError(f"{_WHERE}.{key} must be true or false, got {value!r}", (key,))
    return value


def _impacts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(str(v).lower() not in IMPACTS for v in value):
        raise ChecksConfigError(f"{_WHERE}.postmortem_impacts must be a list of impacts from {', '.join(IMPACTS)}, got {value!r}", ("postmortem_impacts",))
    return tuple(str(v).lower() for v in value)


def _severities(value: Any) -> dict[str, str]:
    severities = {rule: WARNING for rule in RULES}
    if value is None:
        return severities
    if not isinstance(value, dict):
        raise ChecksConfigError(f"{_WHERE}.rules must map rule names to error, warning or off, e.g. 'BrokenPromise: error'", ("rules",))
    for name, level in value.items():
        rule = _RULE_BY_KEY.get(_rule_key(str(name)))
        if rule is None:
            names = [r.split(".", 1)[1] for r in RULES]
            raise ChecksConfigError(f"{_WHERE}.rules.{name} is not a rule: {_did_you_mean(str(name), names)}(rules: {', '.join(names)})", ("rules", name))
        # YAML 1.1 reads a bare 'off' as false: accept it as meant.
        level = OFF if level is False else str(level).strip().lower()
        if level not in RULE_SEVERITIES:
            raise ChecksConfigError(f"{_WHERE}.rules.{name} must be error, warning or off, got {value[name]!r}", ("rules", name))
        severities[rule] = level
    return severities
