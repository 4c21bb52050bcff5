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

from dataclasses import dataclass, field
from typing import Any

from ..model import IMPACTS
from ..problems import ERROR, WARNING, ContentError

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


def checks_config(settings: Any) -> ChecksConfig:
    """Read the checks section from Settings (or take a ChecksConfig as is); ContentError says what to fix."""
    if isinstance(settings, ChecksConfig):
        return settings
    raw = settings.section("checks") if settings is not None else {}
    return parse_checks_config(raw)


def parse_checks_config(raw: Any) -> ChecksConfig:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ContentError(f"{_WHERE} must be a mapping of settings, e.g. 'cadence_minutes: 60'")
    known = set(_NUMBERS) | {"postmortem_impacts", "require_postmortem", "show_communication_record", "rules"}
    for key in raw:
        if key not in known:
            raise ContentError(f"{_WHERE}.{key} is not a setting (known: {', '.join(sorted(known))})")
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
        raise ContentError(f"{_WHERE}.{key} must be a whole number of {key.rsplit('_', 1)[-1]} (0 or more), got {value!r}")
    return value


def _flag(raw: dict, key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ContentError(f"{_WHERE}.{key} must be true or false, got {value!r}")
    return value


def _impacts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(str(v).lower() not in IMPACTS for v in value):
        raise ContentError(f"{_WHERE}.postmortem_impacts must be a list of impacts from {', '.join(IMPACTS)}, got {value!r}")
    return tuple(str(v).lower() for v in value)


def _severities(value: Any) -> dict[str, str]:
    severities = {rule: WARNING for rule in RULES}
    if value is None:
        return severities
    if not isinstance(value, dict):
        raise ContentError(f"{_WHERE}.rules must map rule names to error, warning or off, e.g. 'BrokenPromise: error'")
    for name, level in value.items():
        rule = _RULE_BY_KEY.get(_rule_key(str(name)))
        if rule is None:
            names = ", ".join(r.split(".", 1)[1] for r in RULES)
            raise ContentError(f"{_WHERE}.rules.{name} is not a rule (rules: {names})")
        # YAML 1.1 reads a bare 'off' as false: accept it as meant.
        level = OFF if level is False else str(level).strip().lower()
        if level not in RULE_SEVERITIES:
            raise ContentError(f"{_WHERE}.rules.{name} must be error, warning or off, got {value[name]!r}")
        severities[rule] = level
    return severities
