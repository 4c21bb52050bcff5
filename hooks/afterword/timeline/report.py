"""The communication report: per incident and in total, how the team kept customers informed.

``build_report`` returns plain JSON-ready data (keys documented in guide/timelines.md);
``render_markdown`` turns it into a retro-ready page. Only published incidents and postmortems
are included unless ``include_withheld`` is set, and then each withheld one is marked.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from statistics import median
from typing import Any

from ..model import IMPACT_LABELS, STATUS_LABELS, Incident
from ..problems import ERROR, sort_problems
from ..timestamps import format_utc, iso_utc
from .checks import check_incident, check_postmortem
from .config import OFF, RULES, ChecksConfig, checks_config
from .record import communication_record, minutes
from .stats import component_figures

PASS = "pass"
REPORT_VERSION = 1


def build_report(history: Any, now: datetime, since: date | None = None, include_withheld: bool = False) -> dict:
    config = checks_config(history.settings)
    chosen = [i for i in history.incidents if include_withheld or i.is_published]
    if since is not None:
        chosen = [i for i in chosen if i.start.date() >= since]
    chosen.sort(key=lambda i: (i.start, i.id))
    rows = [_incident_row(incident, config, now, include_withheld) for incident in chosen]
    visible = [i for i in history.incidents if include_withheld or i.is_published]
    return {
        "version": REPORT_VERSION,
        "generated_at": iso_utc(now),
        "since": since.isoformat() if since else None,
        "includes_withheld": include_withheld,
        "thresholds": {
            "cadence_minutes": config.cadence_minutes,
            "promise_grace_minutes": config.promise_grace_minutes,
            "first_update_minutes": config.first_update_minutes,
            "postmortem_hours": config.postmortem_hours,
        },
        "incidents": rows,
        "totals": _totals(rows, config),
        "components": _components(history, visible, now, since),
    }


def _incident_row(incident: Incident, config: ChecksConfig, now: datetime, include_withheld: bool) -> dict:
    record = communication_record(incident, now, config.promise_grace_minutes)
    postmortems = [p for p in incident.postmortems if include_withheld or p.is_published]
    problems = list(check_incident(incident, config, now))
    for postmortem in postmortems:
        problems.extend(check_postmortem(postmortem, config))
    problems = sort_problems(problems)
    delays = [minutes(p.published - incident.end) for p in postmortems if incident.end is not None]
    return {
        "id": incident.id,
        "title": incident.title,
        "path": incident.path,
        "impact": incident.impact,
        "status": incident.status,
        "latest_status": incident.latest_update.status,
        "withheld": incident.withheld_reason,
        "started": iso_utc(incident.start),
        "first_update": iso_utc(incident.first_update.at),
        "identified": iso_utc(incident.identified_at) if incident.identified_at else None,
        "resolved": iso_utc(incident.end) if incident.end else None,
        "duration_minutes": minutes(incident.duration(now)),
        "updates": len(incident.updates),
        "time_to_first_update_minutes": record.first_update_minutes,
        "notice_minutes": record.notice_minutes,
        "longest_gap_minutes": record.longest_gap_minutes,
        "promises": {
            "made": record.promises_made,
            "kept": record.promises_kept,
            "broken": record.promises_broken,
            "pending": record.promises_pending,
        },
        "postmortems": [
            {"id": p.id, "published": iso_utc(p.published), "withheld": p.withheld_reason} for p in postmortems
        ],
        "time_to_postmortem_minutes": min(delays) if delays else None,
        "checks": {rule: _outcome(rule, problems, config) for rule in RULES},
        "problems": [p.as_dict() for p in problems],
    }


def _outcome(rule: str, problems: list, config: ChecksConfig) -> str:
    if not config.enabled(rule):
        return OFF
    found = [p for p in problems if p.rule == rule]
    if not found:
        return PASS
    return ERROR if any(p.is_error for p in found) else found[0].severity


def _totals(rows: list[dict], config: ChecksConfig) -> dict:
    first = [r["time_to_first_update_minutes"] for r in rows if r["time_to_first_update_minutes"] is not None]
    gaps = [r["longest_gap_minutes"] for r in rows if r["longest_gap_minutes"] is not None]
    to_postmortem = [r["time_to_postmortem_minutes"] for r in rows if r["time_to_postmortem_minutes"] is not None]
    promises = {key: sum(r["promises"][key] for r in rows) for key in ("made", "kept", "broken", "pending")}
    checks = {}
    for rule in RULES:
        counts = {PASS: 0, "warning": 0, "error": 0, OFF: 0}
        for row in rows:
            counts[row["checks"][rule]] += 1
        checks[rule] = counts
    return {
        "incidents": len(rows),
        "open": sum(1 for r in rows if r["status"] == "open"),
        "maintenance": sum(1 for r in rows if r["impact"] == "maintenance"),
        "withheld": sum(1 for r in rows if r["withheld"]),
        "median_time_to_first_update_minutes": _median(first),
        "max_time_to_first_update_minutes": max(first) if first else None,
        "median_longest_gap_minutes": _median(gaps),
        "max_longest_gap_minutes": max(gaps) if gaps else None,
        "promises": promises,
        "incidents_with_postmortem": len(to_postmortem),
        "median_time_to_postmortem_minutes": _median(to_postmortem),
        "checks": checks,
        "problems": sum(len(r["problems"]) for r in rows),
    }


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def _components(history: Any, incidents: list[Incident], now: datetime, since: date | None) -> list[dict]:
    result = []
    targets = [(None, "All components")] + [(c.id, c.name) for c in history.settings.components]
    for component_id, name in targets:
        figures = component_figures(incidents, now, component_id)
        months = [m for m in figures.months if since is None or m.month >= since.strftime("%Y-%m")]
        result.append({
            "id": component_id,
            "name": name,
            "uptime_90_days": round(figures.uptime_90_days, 4),
            "months": [
                {"month": m.month, "incidents": len(m.incident_ids), "downtime_minutes": m.downtime_minutes,
                 "uptime_percent": round(m.uptime_percent, 4)}
                for m in months
            ],
        })
    return result


# --- Markdown -------------------------------------------------------------------------------

def render_markdown(report: dict) -> str:
    totals = report["totals"]
    generated = format_utc(datetime.fromisoformat(report["generated_at"].replace("Z", "+00:00")))
    scope = "published and withheld" if report["includes_withheld"] else "published"
    since = f" since {report['since']}" if report["since"] else ""
    out = ["# Communication report", "", f"Generated {generated}: {totals['incidents']} {scope} incidents{since}.", ""]
    out += ["## Totals", "", "| Measure | Value |", "|---|---|"]
    promises = totals["promises"]
    out += [
        f"| Incidents | {totals['incidents']} ({totals['open']} open, {totals['maintenance']} maintenance) |",
        f"| Time to first update (median / worst) | {_min(totals['median_time_to_first_update_minutes'])} / {_min(totals['max_time_to_first_update_minutes'])} |",
        f"| Longest gap between updates (median / worst) | {_min(totals['median_longest_gap_minutes'])} / {_min(totals['max_longest_gap_minutes'])} |",
        f"| Promised updates kept | {_promises(promises)} |",
        f"| Time to postmortem (median, {totals['incidents_with_postmortem']} incidents) | {_min(totals['median_time_to_postmortem_minutes'])} |",
        f"| Findings | {totals['problems']} |",
        "",
        "| Check | Pass | Warning | Error | Off |",
        "|---|---|---|---|---|",
    ]
    for rule, counts in totals["checks"].items():
        out.append(f"| {rule} | {counts['pass']} | {counts['warning']} | {counts['error']} | {counts['off']} |")
    out.append("")
    out += ["## Incidents", ""]
    for row in report["incidents"]:
        out += _incident_markdown(row)
    out += ["## Uptime", "", "Weighted like Statuspage: critical counts fully, major 30%, minor and maintenance not at all.", ""]
    out += ["| Component | Last 90 days |", "|---|---|"]
    for component in report["components"]:
        out.append(f"| {_cell(component['name'])} | {component['uptime_90_days']:.2f}% |")
    out.append("")
    return "\n".join(out)


def _incident_markdown(row: dict) -> list[str]:
    withheld = f" — WITHHELD ({row['withheld']}), not published" if row["withheld"] else ""
    state = "Open" if row["status"] == "open" else "Resolved"
    out = [f"### {_cell(row['title'])}{withheld}", "", f"`{row['path']}` · {IMPACT_LABELS[row['impact']]} · {state} "
           f"(latest: {STATUS_LABELS[row['latest_status']]}) · started {row['started']}", ""]
    out += ["| Measure | Value |", "|---|---|"]
    if row["impact"] == "maintenance":
        out.append(f"| Announced before the start | {_min(row['notice_minutes'])} |")
    else:
        out.append(f"| Time to first update | {_min(row['time_to_first_update_minutes'])} |")
    out += [
        f"| Longest gap between updates | {_min(row['longest_gap_minutes'])} |",
        f"| Promised updates kept | {_promises(row['promises'])} |",
        f"| Duration | {_min(row['duration_minutes'])} |",
        f"| Time to postmortem | {_min(row['time_to_postmortem_minutes'])} |",
    ]
    for rule, outcome in row["checks"].items():
        out.append(f"| {rule.split('.', 1)[1]} | {outcome} |")
    out.append("")
    for problem in row["problems"]:
        out.append(f"- `{problem['path']}:{problem['line']}` {problem['severity']} [{problem['rule']}] {_cell(problem['message'])}")
    if row["problems"]:
        out.append("")
    return out


def _min(value: float | int | None) -> str:
    if value is None:
        return "—"
    total = round(value)
    if total < 60:
        return f"{value:g} min"
    hours, rest = divmod(total, 60)
    if hours >= 48:
        return f"{hours // 24} d {hours % 24} h"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _promises(counts: dict) -> str:
    settled = counts["made"] - counts["pending"]
    text = f"{counts['kept']} of {settled}" if settled else "none made"
    if counts["pending"]:
        text += f" ({counts['pending']} pending)"
    return text


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
