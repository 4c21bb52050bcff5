"""The demo site's component catalog: 8 to 12 components of an invoicing product, chosen by seed."""

from __future__ import annotations

import random

from ..model import Component

# (id, name, group, description, what customers do with it: for prose such as 'could not {action}')
POOL = [
    ("web-app", "Web app", "Product", "The web application where teams create and send invoices.", "open the web app"),
    ("api", "Public API", "Product", "The REST API and its client libraries.", "use the API"),
    ("login", "Sign-in", "Product", "Signing in, single sign-on and two-step verification.", "sign in"),
    ("payments", "Card payments", "Payments", "Accepting card payments on hosted invoice pages.", "take card payments"),
    ("bank-sync", "Bank sync", "Payments", "Matching incoming bank transfers to invoices.", "see new bank transfers"),
    ("payouts", "Payouts", "Payments", "Sending collected money to customers' bank accounts.", "receive payouts on time"),
    ("email", "Invoice emails", "Delivery", "Sending invoices and reminders by email.", "send invoices by email"),
    ("webhooks", "Webhooks", "Delivery", "Event notifications sent to customers' own systems.", "receive webhooks"),
    ("pdf", "PDF invoices", "Delivery", "Creating and downloading invoice PDFs.", "download invoice PDFs"),
    ("reports", "Reports and exports", "Product", "Financial reports, CSV and accounting-software exports.", "run reports"),
    ("search", "Search", "Product", "Finding invoices, customers and payments.", "search for invoices"),
    ("mobile", "Mobile apps", "Product", "The Lumen apps for phones and tablets.", "use the mobile apps"),
]


def choose_components(rng: random.Random) -> list[Component]:
    count = rng.randint(8, 12)
    chosen = sorted(rng.sample(range(len(POOL)), count))
    return [Component(POOL[i][0], POOL[i][1], POOL[i][2], POOL[i][3]) for i in chosen]


def action_of(component_id: str) -> str:
    for entry in POOL:
        if entry[0] == component_id:
            return entry[4]
    return "use the service"
