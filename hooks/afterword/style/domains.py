"""The company's domains, read once from ``extra.afterword.domains``, and the InternalHost rule made from them.

``public_hosts`` are the names customers use (status., app., api., docs, the marketing site);
``company`` lists the company's own domains. Any other host under a company domain is internal,
and so is every generic internal shape (``pgmain01``, ``api07.iad1``, ``usw2-db7``, ``*.svc``).
``internal_hosts`` (optional) names servers that have no such shape (a team that names its
machines ``fritz`` or ``nietzsche``): each is an error wherever it appears, in any case.
The Vale rule file ``InternalHost.yml`` is generated from this (``afterword rules``): Afterword
itself always lints with the rule built from the current config, the file is the editors' copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import ContentError, Problem

RULE_NAME = "Afterword.InternalHost"
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")
_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,252}[a-z0-9])?$")  # a bare server name, or a host name
_WHERE = "extra.afterword.domains"
KEYS = ("public_hosts", "company", "internal_hosts")


@dataclass(frozen=True)
class Domains:
    public_hosts: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    internal_hosts: tuple[str, ...] = ()


def domains_config(settings) -> Domains:
    """The typed ``domains`` setting; a malformed value is a ContentError that names the key and line."""
    raw = settings.sections.get("domains") if settings is not None else None
    if raw is None:
        return Domains()
    where = config_name(settings)
    if not isinstance(raw, dict):
        raise _error(settings, where, "domains", f"{_WHERE} must be a mapping with public_hosts and company lists")
    for key in raw:
        if key not in KEYS:
            raise _error(settings, where, str(key), f"{_WHERE}.{key} is not a setting (known: {', '.join(KEYS)})")
    return Domains(_hosts(raw, "public_hosts", settings, where), _hosts(raw, "company", settings, where),
                   _hosts(raw, "internal_hosts", settings, where, _NAME))


def _hosts(raw: dict, key: str, settings, where: str, shape: re.Pattern | None = None) -> tuple[str, ...]:
    value = raw.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _error(settings, where, key, f"{_WHERE}.{key} must be a list of host names, e.g. [status.example.com]")
    hosts = []
    for item in value:
        host = str(item).strip().lower().rstrip(".")
        if not (shape or _HOST).match(host):
            raise _error(settings, where, key, f"{_WHERE}.{key}: '{item}' is not a host name (write it without https:// or a path, e.g. example.com)")
        hosts.append(host)
    return tuple(dict.fromkeys(hosts))


def config_name(settings) -> str:
    path = getattr(settings, "config_path", None)
    return Path(path).name if path else "mkdocs.yml"


class ConfigError(ContentError):
    """A bad value in mkdocs.yml: the message is printed as ``mkdocs.yml:LINE:1: [afterword.config] …``."""

    def __init__(self, path: str, line: int, detail: str):
        super().__init__(f"{path}:{line}:1: [afterword.config] {detail}", line, 1, "afterword.config")
        self.path, self.detail = path, detail

    def problem(self) -> Problem:
        return Problem(self.path, self.line, 1, self.rule, self.detail)


def _error(settings, where: str, key: str, message: str) -> ConfigError:
    return ConfigError(where, line_of(getattr(settings, "config_path", None), key), message)


def line_of(path, key: str, section: str = "domains:") -> int:
    """The line of ``key`` under ``section`` in the config file (1 when it cannot be found)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").split("\n") if path else []
    except OSError:
        return 1
    start = next((i for i, line in enumerate(lines) if line.strip().startswith(section)), 0)
    for index in range(start, len(lines)):
        if lines[index].strip().startswith(f"{key}:"):
            return index + 1
    return start + 1


# -- the rule ------------------------------------------------------------------------------------

# A cloud region (usw2, euc1) or a data-centre code (iad1, fra2): airport codes, not any three letters,
# so 'utf8-encoded' or 'sha1-based' stay words.
_ZONE = (r"(?:(?:us|eu|ap|sa|ca|me|af)[nsewc]{1,2}\d|(?:iad|sfo|lax|ord|dfw|ams|fra|lhr|sin|nrt|syd|cdg|sea|jfk|ewr|atl|mia|gru|"
         r"hkg|bom|yyz|yul|arn|mad|dub|waw|sjc|pdx|den|phx|bos|cph|hel|osl|zrh|vie|mxp|icn|kix|tpe|mel|akl|jnb|dxb|bkk|"
         r"kul|cgk|scl|bog|mex|otp|prg|ist|tlv|lon|nyc|par|tyo|sgp|ash|dal|chi|was)\d{1,2}[a-z]?)")

# Shapes that are internal whatever the company's domains (each checked against real postmortems).
GENERIC_TOKENS = (
    ("Names under internal-only domains (db.cluster.local, payments.svc, build.corp).",
     r"(?<![\w.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:internal|local|localdomain|lan|corp|intra|intranet|private|priv|svc|consul|home\.arpa)(?![\w-]|\.\w)"),
    ("Region or zone codes in a dotted host name (pg-main.iad1.acmecloud.net, api.usw2.example.net).",
     r"(?<![\w.@/-])(?:[a-z0-9-]+\.)+" + _ZONE + r"(?:\.[a-z0-9-]*[a-z][a-z0-9-]*)*(?![\w-])"),
    ("Region-coded machine names (usw2-db7, iad1-web3).",
     r"(?<![\w./-])" + _ZONE + r"-[a-z]+\d*[a-z]?(?![\w-])"),
    ("Data-centre-coded machine names (bkk50, fra12).",
     r"(?<![\w./@-])(?:iad|sfo|lax|ord|dfw|ams|fra|lhr|sin|nrt|syd|cdg|sea|jfk|ewr|atl|mia|gru|hkg|bom|yyz|yul|arn|dub|waw|sjc|pdx|"
     r"phx|bos|cph|hel|osl|zrh|vie|mxp|icn|kix|tpe|mel|akl|jnb|dxb|bkk|kul|cgk|scl|bog|mex|otp|prg|ist|tlv|lon|nyc|tyo|sgp)\d{2}(?![\w-])"),
    ("Numbered machine names with a leading zero (pgmain01, api07, web-03).",
     r"(?<![\w./@-])[a-z]{2,}(?:-[a-z]+)*-?0\d[a-z]?(?![\w-])"),
    ("Server names: a role, optional parts, and a number (db-prod-03, web-7, cdn-frankfurt-1, ip-10-0-3-12, db7, redis2).",
     r"(?<![/\w.@-])(?:db|web|app|api|worker|cache|redis|pg|postgres|mysql|mongo|kafka|es|elastic|lb|proxy|node|host|srv|server|vm|k8s|etcd|"
     r"queue|mq|rabbit|batch|cron|bastion|jump|ci|build|runner|ip|cdn|edge|gw|gateway|mx|ns|nfs|storage|backup|ingress|search)"
     r"(?:-[a-z0-9]+)*-\d{1,4}[a-z]?\b"),
    (None, r"(?<![/\w.-])(?:db|mysql|redis|worker|cache|srv|vm|etcd|kafka|lb|proxy|bastion|mongo)\d{1,3}[a-z]?\b"),
    ("Names that carry an environment: prod-db, payments-staging-2, api-canary (not 'kubernetes-dev', a mailing list).",
     r"(?<![/\w.@-])(?!(?:non|pre|post)-)[a-z0-9]+(?:-[a-z0-9]+)*-(?:prod|production|stg|staging|qa|uat|canary)(?:-[a-z0-9]+)*\b"),
    (None, r"(?<![/\w.@-])(?:prod|stg|staging|dev|qa|uat)-[a-z0-9]+(?:-[a-z0-9]+)*\b"),
    ("Kubernetes cluster names (k8s-prow-build, gke-payments-pool).",
     r"(?<![/\w.@-])(?:k8s|gke|eks|aks)-[a-z0-9]+(?:-[a-z0-9]+)+\b"),
)


def company_token(domains: Domains) -> str | None:
    """Any host under a company domain that is not one of the public hosts (not an e-mail domain)."""
    if not domains.company:
        return None
    company = "|".join(re.escape(d) for d in sorted(domains.company, key=lambda d: (-len(d), d)))
    public = "|".join(re.escape(h) for h in sorted(domains.public_hosts, key=lambda h: (-len(h), h)))
    exclude = f"(?!(?:{public})(?![\\w.-]*\\w))" if public else ""
    return f"(?<![\\w.@-]){exclude}(?:[A-Za-z0-9-]+\\.)+(?:{company})(?![\\w-]|\\.\\w)"


def names_token(domains: Domains) -> str | None:
    """The team's own server names, in any case, as whole words."""
    if not domains.internal_hosts:
        return None
    names = "|".join(re.escape(n) for n in sorted(domains.internal_hosts, key=lambda n: (-len(n), n)))
    return f"(?<![\\w.@/-])(?i:{names})(?![\\w-]|\\.\\w)"


def _entries(domains: Domains) -> list[tuple[str | None, str]]:
    entries = list(GENERIC_TOKENS)
    own, names = company_token(domains), names_token(domains)
    if names:
        entries.insert(1, ("The team's own server names (extra.afterword.domains.internal_hosts).", names))
    if own:
        entries.insert(1, ("Any other host under the company's domains (only the public hosts above are fine).", own))
    return entries


def internal_host_rule(domains: Domains) -> dict:
    tokens = [pattern for _, pattern in _entries(domains)]
    return {
        "extends": "existence",
        "message": "Remove the internal host name '%s'; write 'one of our database servers' or name the customer-facing component.",
        "level": "error",
        "scope": "raw",
        "nonword": True,
        "tokens": tokens,
    }


def render_internal_host_rule(domains: Domains) -> str:
    """The text of InternalHost.yml for ``domains``, with the comments editors read."""
    lines = [
        "# GENERATED by `afterword rules` from extra.afterword.domains in mkdocs.yml: edit that, then run",
        "# `afterword rules` again (`afterword lint` warns when this copy is out of date). Afterword itself",
        "# always lints with the rule built from mkdocs.yml; this file is what Vale in an editor reads.",
        f"# Public hosts: {', '.join(domains.public_hosts) or '(none configured)'}",
        f"# Company domains: {', '.join(domains.company) or '(none configured)'}",
        "extends: existence",
        "message: \"Remove the internal host name '%s'; write 'one of our database servers' or name the customer-facing component.\"",
        "level: error",
        "scope: raw",
        "nonword: true",
        "tokens:",
    ]
    if domains.internal_hosts:
        lines.insert(5, f"# Server names: {', '.join(domains.internal_hosts)}")
    for comment, pattern in _entries(domains):
        if comment:
            lines.append(f"  # {comment}")
        lines.append("  - " + _quote(pattern))
    return "\n".join(lines) + "\n"


def _quote(pattern: str) -> str:
    return "'" + pattern.replace("'", "''") + "'"
