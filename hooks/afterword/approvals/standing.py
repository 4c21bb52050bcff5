"""Where each reviewer stands on a pull request, following GitHub's own rules.

Each reviewer's latest APPROVED or CHANGES_REQUESTED review is their standing; a later COMMENTED
review does not change it, and a review GitHub lists as DISMISSED withdraws the standing it gave.
The pull request's author never counts: GitHub refuses self-approval, and a recorded or forged
payload must not slip one through either.
"""

from __future__ import annotations

from dataclasses import dataclass

from .payloads import Review

APPROVED, CHANGES_REQUESTED = "APPROVED", "CHANGES_REQUESTED"


@dataclass(frozen=True)
class Standing:
    login: str
    state: str  # APPROVED or CHANGES_REQUESTED
    commit_id: str | None

    def approves(self, head_sha: str) -> bool:
        """An approval counts only for the commit it was given on: a later push needs a fresh look."""
        return self.state == APPROVED and self.commit_id == head_sha

    @property
    def blocks(self) -> bool:
        # A change request stands across pushes until the same reviewer approves or it is dismissed.
        return self.state == CHANGES_REQUESTED


def standings(reviews: list[Review], author: str) -> dict[str, Standing]:
    """Latest standing by lower-cased login; ``reviews`` oldest first."""
    result: dict[str, Standing] = {}
    author_key = author.lower()
    for review in reviews:
        key = review.login.lower()
        if not key or key == author_key:
            continue
        if review.state in (APPROVED, CHANGES_REQUESTED):
            result[key] = Standing(review.login, review.state, review.commit_id)
        elif review.state == "DISMISSED":
            result.pop(key, None)
    return result
