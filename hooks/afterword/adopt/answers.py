"""What `afterword init` asks, with the defaults it derives from the answers already given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..problems import ContentError
from ..support import EMAIL_PATTERN, URL_PATTERN

ROLES = ("marketing", "legal", "security", "maintainers")  # the review roles (styleguide/reviewers.yml)
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_SLUG = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")


@dataclass(frozen=True)
class Component:
    id: str
    name: str


@dataclass
class Answers:
    company: str
    site_url: str
    components: list[Component]
    site_name: str = ""
    support_url: str | None = None
    support_email: str | None = None
    public_hosts: list[str] = field(default_factory=list)
    company_domains: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    github_org: str = ""
    teams: dict[str, str] = field(default_factory=dict)  # role -> team slug inside github_org
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        self.company = self.company.strip()
        if not self.company:
            raise ContentError("--company: the company's name is needed, e.g. --company 'Acme Cloud'")
        if not URL_PATTERN.match(self.site_url or ""):
            raise ContentError(f"--site-url '{self.site_url}': write the status site's address, e.g. https://status.acme.example/")
        if not self.site_url.endswith("/"):
            self.site_url += "/"
        self.site_name = self.site_name.strip() or f"{self.company} Status History"
        if self.support_url is not None and not URL_PATTERN.match(self.support_url):
            raise ContentError(f"--support-url '{self.support_url}': write a web address, e.g. https://acme.example/support")
        if self.support_email is not None and not EMAIL_PATTERN.match(self.support_email):
            raise ContentError(f"--support-email '{self.support_email}': write an address, e.g. support@acme.example")
        site_host = urlsplit(self.site_url).hostname or ""
        self.public_hosts = _unique([h.lower() for h in self.public_hosts] or [site_host])
        if site_host not in self.public_hosts:
            self.public_hosts.insert(0, site_host)
        self.company_domains = _unique([d.lower() for d in self.company_domains] or [parent_domain(site_host)])
        for host in [*self.public_hosts, *self.company_domains]:
            if not _HOST.match(host):
                raise ContentError(f"'{host}' is not a host name: write it like status.acme.example")
        if not self.components:
            raise ContentError("--components: name at least one component customers know, e.g. --components 'API,Dashboard'")
        ids = [c.id for c in self.components]
        if len(set(ids)) != len(ids):
            raise ContentError(f"--components: two components have the id '{next(i for i in ids if ids.count(i) > 1)}': give them different names")
        self.names = _unique([n.strip() for n in self.names if n.strip() and n.strip() != self.company])
        self.github_org = self.github_org.strip() or slug(self.company)
        if not _SLUG.match(self.github_org):
            raise ContentError(f"--github-org '{self.github_org}': write the organisation's login, e.g. acme-cloud")
        unknown = sorted(set(self.teams) - set(ROLES))
        if unknown:
            raise ContentError(f"--team {unknown[0]}=…: the roles are {', '.join(ROLES)}")
        self.teams = {role: (self.teams.get(role) or role).strip() for role in ROLES}
        for role, team in self.teams.items():
            if not _SLUG.match(team):
                raise ContentError(f"--team {role}={team}: write the team's slug in {self.github_org}, e.g. {role}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ContentError(f"--timezone '{self.timezone}': write an IANA time zone, e.g. Europe/Berlin or UTC") from None

    @property
    def own_names(self) -> list[str]:
        """Names the style guide must treat as the company's own: spelled as written, never people."""
        return _unique([self.company, *self.names])


def components_from(text: str) -> list[Component]:
    """'API, Dashboard' or 'api=Public API, dashboard=Dashboard' -> components with ids."""
    found = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        ident, _, name = part.partition("=") if "=" in part else (slug(part), "", part)
        ident, name = ident.strip(), name.strip()
        if not re.match(r"^[a-z0-9][a-z0-9_-]*$", ident):
            raise ContentError(f"--components: id '{ident}' must be lowercase letters, digits, '-' or '_'")
        found.append(Component(ident, name))
    return found


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def parent_domain(host: str) -> str:
    parts = host.split(".")
    return ".".join(parts[1:]) if len(parts) > 2 else host


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
