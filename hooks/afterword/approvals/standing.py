"""Where each reviewer stands on a pull request, following GitHub's own rules, and then some.

Each reviewer's latest APPROVED or CHANGES_REQUESTED review is their standing; a later COMMENTED
review does not change it. A review GitHub lists as DISMISSED withdraws an approval. A dismissed
change request is different: anyone with write access can dismiss one, so the gate keeps it
blocking unless someone of the reviewer's own role dismissed it (``Standing.blocks``). When the
dismissal is not in the issue events, the gate cannot tell what was dismissed and keeps it blocking.
The pull request's author never counts: GitHub refuses self-approval, and a recorded or forged
payload must not slip one through either.
"""

from __future__ import annotations

from dataclasses import dataclass

from .payloads import Dismissal, Review

APPROVED, CHANGES_REQUESTED = "APPROVED", "CHANGES_REQUESTED"
DISMISSED_CHANGES = "DISMISSED_CHANGES_REQUESTED"  # a change request someone dismissed (dismissed_by)


@dataclass(frozen=True)
class Standing:
    login: str
    state: str  # APPROVED, CHANGES_REQUESTED or DISMISSED_CHANGES
    commit_id: str | None
    dismissed_by: str | None = None  # DISMISSED_CHANGES only; None when the dismissal event is unknown

    def approves(self, head_sha: str) -> bool:
        """An approval counts only for the commit it was given on: a later push needs a fresh look."""
        return self.state == APPROVED and self.commit_id == head_sha

    def blocks(self, role_members: set[str]) -> bool:
        """A change request stands across pushes until the same reviewer approves, or a member of the role dismisses it."""
        if self.state == CHANGES_REQUESTED:
            return True
        return self.state == DISMISSED_CHANGES and (self.dismissed_by or "").lower() not in role_members


def standings(reviews: list[Review], author: str, dismissals: dict[int, Dismissal] | None = None) -> dict[str, Standing]:
    """Latest standing by lower-cased login; ``reviews`` oldest first; ``dismissals`` by review id."""
    result: dict[str, Standing] = {}
    author_key = author.lower()
    dismissals = dismissals or {}
    for review in reviews:
        key = review.login.lower()
        if not key or key == author_key or key.endswith("[bot]"):
            continue  # a bot's review is automation, never a person's approval
        if review.state in (APPROVED, CHANGES_REQUESTED):
            result[key] = Standing(review.login, review.state, review.commit_id)
        elif review.state == "DISMISSED":
            dismissal = dismissals.get(review.id)
            if dismissal is not None and dismissal.state != "changes_requested":
                result.pop(key, None)  # a dismissed approval (or comment) is simply withdrawn
            else:
                result[key] = Standing(review.login, DISMISSED_CHANGES, review.commit_id, dismissal.actor if dismissal else None)
    return result
