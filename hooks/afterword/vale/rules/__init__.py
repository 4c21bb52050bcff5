"""Load rule YAML files into compiled `Rule`s: one module per rule type, each built once.

`load_rule_file` reads and validates one file; every problem (bad YAML, unknown or unsupported
`extends`, a bad key, an invalid regex) is a ValeConfigError whose message starts with the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ValeConfigError
from ..candidates import TokenCandidates
from . import capitalization, conditional, consistency, existence, metric, occurrence, repetition, substitution
from .base import LEVELS, Rule, as_list, clamp_scope

BUILDERS = {
    "existence": existence.build,
    "substitution": substitution.build,
    "occurrence": occurrence.build,
    "repetition": repetition.build,
    "consistency": consistency.build,
    "conditional": conditional.build,
    "capitalization": capitalization.build,
    "metric": metric.build,
}
# Vale rule types this engine does not implement; loading one is an error, never a silent skip.
UNSUPPORTED = {
    "spelling": "needs Hunspell dictionaries",
    "sequence": "needs part-of-speech tagging",
    "script": "needs the Tengo script runtime",
    "readability": "readability formulas are not implemented; a `metric` rule can compute them",
}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class BuildContext:
    accepted: list[str] = field(default_factory=list)
    word_template: str = ""
    # Which tokens of every rule may match a block, worked out once per block (candidates.py).
    candidates: TokenCandidates = field(default_factory=TokenCandidates)


class UnsupportedRule(ValeConfigError):
    """A rule of a type this engine cannot run (spelling, sequence, script, readability)."""


def read_rule_definition(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValeConfigError(f"{path}: cannot read the rule: {exc.strerror or exc}") from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ValeConfigError(f"{where}: invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ValeConfigError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ValeConfigError(f"{path}: a rule must be a YAML mapping with 'extends' and 'message'")
    return data


def build_rule(definition: dict, name: str, path: str, context: BuildContext) -> Rule:
    extends = definition.get("extends")
    if not extends:
        raise ValeConfigError(f"{path}: missing the required 'extends' key")
    extends = str(extends)
    if extends in UNSUPPORTED:
        raise UnsupportedRule(f"{path}: rule type '{extends}' is not supported by afterword's Vale engine ({UNSUPPORTED[extends]})")
    if extends not in BUILDERS:
        known = ", ".join(sorted(BUILDERS) + sorted(UNSUPPORTED))
        raise ValeConfigError(f"{path}: 'extends: {extends}' must be one of {known}")
    if "message" not in definition:
        raise ValeConfigError(f"{path}: missing the required 'message' key")
    level = str(definition.get("level") or "suggestion")
    if level not in LEVELS:
        raise ValeConfigError(f"{path}: 'level' must be one of {', '.join(LEVELS)}, not '{level}'")
    if definition.get("code"):
        raise ValeConfigError(f"{path}: 'code' is deprecated; use 'scope: raw' instead")
    action = definition.get("action") or {}
    if not isinstance(action, dict):
        raise ValeConfigError(f"{path}: 'action' must be a mapping with 'name' and optional 'params'")
    action = {"name": str(action.get("name") or ""), "params": [str(p) for p in as_list(action.get("params"))]} if action else {}
    try:
        limit = int(definition.get("limit") or 0)
    except (TypeError, ValueError):
        raise ValeConfigError(f"{path}: 'limit' must be a whole number") from None
    rule = Rule(
        name=name,
        path=path,
        extends=extends,
        message=str(definition.get("message") or ""),
        level=level,
        scope=clamp_scope(definition.get("scope"), path),
        link=str(definition.get("link") or ""),
        limit=limit,
        description=str(definition.get("description") or ""),
        action=action,
    )
    try:
        BUILDERS[extends](definition, rule, context)
    except ValeConfigError:
        raise
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValeConfigError(f"{path}: {exc}") from None
    return rule


def load_rule_file(path: Path, name: str, context: BuildContext) -> Rule:
    return build_rule(read_rule_definition(path), name, str(path), context)


def _terms(accepted: list[str]) -> dict[str, str]:
    """Vale.Terms swaps: one spelling per term regardless of case; a later vocabulary's wins."""
    by_case: dict[str, str] = {}
    for term in accepted:
        by_case.pop(term.lower(), None)
        by_case[term.lower()] = term
    return {term: term for term in by_case.values()}


def builtin_rules(context: BuildContext, rejected: list[str]) -> dict[str, Rule]:
    """Vale's own style `Vale`: Repetition always, Terms from accept.txt, Avoid from reject.txt."""
    rules = {
        "Vale.Repetition": build_rule(
            {"extends": "repetition", "message": "'%s' is repeated!", "level": "error", "scope": "text", "ignorecase": True,
             "alpha": True, "tokens": [r"[^\s.!?]+"], "action": {"name": "edit", "params": ["truncate", " "]}},
            "Vale.Repetition", "Vale.Repetition (built in)", context),
    }
    if context.accepted:
        rules["Vale.Terms"] = build_rule(
            {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "level": "error", "scope": "text",
             "ignorecase": True, "vocab": False, "swap": _terms(context.accepted)},
            "Vale.Terms", "Vale.Terms (from the accepted vocabulary)", context)
    if rejected:
        rules["Vale.Avoid"] = build_rule(
            {"extends": "existence", "message": "Avoid using '%s'.", "level": "error", "scope": "text",
             "ignorecase": False, "vocab": False, "tokens": list(rejected)},
            "Vale.Avoid", "Vale.Avoid (from the rejected vocabulary)", context)
    return rules
