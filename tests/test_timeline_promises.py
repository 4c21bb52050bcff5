"""Promise phrases: which sentences promise a next update, and the deadline each one sets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.timeline import find_promise
from timeline_support import utc

AT = utc("2025-03-04 12:15")  # the update's own time

CASES = [
    # text, due (UTC) or None when it is not a promise of an update
    ("We'll update here in 10 minutes.", "2025-03-04 12:25"),
    ("Next update in 20 minutes.", "2025-03-04 12:35"),
    ("We will post another update in the next 15 minutes.", "2025-03-04 12:30"),
    ("We will provide an update in 30 minutes.", "2025-03-04 12:45"),
    ("We’ll share more within the hour.", "2025-03-04 13:15"),
    ("We will update you in half an hour.", "2025-03-04 12:45"),
    ("Updates will follow every thirty minutes.", "2025-03-04 12:45"),
    ("Next update by 12:40pm.", "2025-03-04 12:40"),
    ("We'll update here by 2:00pm.", "2025-03-04 14:00"),
    ("We will update this page by 2:00 p.m. UTC.", "2025-03-04 14:00"),
    ("Next update at 3pm.", "2025-03-04 15:00"),
    ("We will post the next update by 14:30 UTC.", "2025-03-04 14:30"),
    ("We will post the next update by 09:00 UTC.", "2025-03-05 09:00"),  # next occurrence: tomorrow
    ("We'll update you by 1:30.", "2025-03-04 13:30"),  # no am/pm: the nearer of 1:30 and 13:30
    ("Next update at 11am.", "2025-03-05 11:00"),  # 11am has passed today
    ("We will update by 9:00 a.m. ET.", "2025-03-04 14:00"),  # EST (UTC-5) in March before DST
    ("We will update at 5pm UTC+2.", "2025-03-04 15:00"),
    ("We will post an update by 8pm CEST.", "2025-03-04 18:00"),
    ("Errors began at 12:05 UTC; we will update by 12:40 UTC.", "2025-03-04 12:40"),  # the time after 'update'
    ("We will **post the next update** [here](https://status.example) in 10 minutes.", "2025-03-04 12:25"),
    # Not promises of an update:
    ("The fix should be live in 30 minutes.", None),
    ("Errors started at 12:05 UTC.", None),
    ("We will update here when we know more.", None),
    ("We will post the next update at 3.", None),  # no minutes, no am/pm: too vague
    ("We will update at 5pm NZST.", None),  # a zone we cannot place: no deadline rather than a wrong one
    # Issue 15.6: zones written out, 4-digit times, decimal, approximate and ranged durations.
    ("We will post the next update at 4pm Pacific Time.", "2025-03-05 00:00"),  # PST, UTC-8 in March
    ("Next update at 9am Eastern Standard Time.", "2025-03-04 14:00"),
    ("Next update at 9am Central European Time.", "2025-03-05 08:00"),
    ("We will update at 5pm Moon Time.", None),  # written out but unknown: no promise
    ("Next update at 1430 UTC.", "2025-03-04 14:30"),
    ("Next update at 1430.", None),  # four digits without a zone could be anything
    ("We will update in 1.5 hours.", "2025-03-04 13:45"),
    ("We will post an update in ~30 minutes.", "2025-03-04 12:45"),
    ("We will post another update in 30-60 minutes.", "2025-03-04 12:45"),  # a range: its earliest bound
    ("We will update in 30 to 45 minutes.", "2025-03-04 12:45"),
    ("We'll be back with an update in 15 minutes.", "2025-03-04 12:30"),
    ("We expect to be back in 15 minutes.", None),  # the service's ETA, not a promise to update
]


@pytest.mark.parametrize(("text", "due"), CASES)
def test_promise_deadline(text, due):
    promise = find_promise(text, AT)
    if due is None:
        assert promise is None
    else:
        assert promise is not None
        assert promise.due == utc(due)
        assert promise.phrase in text.replace("**", "")


def test_first_promise_in_the_text_wins():
    promise = find_promise("We found it. We will update in 10 minutes.\n\nNext update by 14:00 UTC.", AT)
    assert promise.due == utc("2025-03-04 12:25")
    assert promise.phrase == "in 10 minutes"


def test_a_pm_time_is_not_cut_at_its_dots():
    promise = find_promise("We will update by 1:30 p.m. ET. Thank you.", AT)
    assert promise.due == utc("2025-03-04 18:30")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789:apmAPMUTC .;!?\nbyatinwlupdextour'-+")), max_size=120))
def test_any_text_gives_a_promise_after_the_update_or_none(text):
    promise = find_promise("We will update " + text, AT)
    assert promise is None or promise.due > AT


def test_a_sentence_read_once_still_gives_each_update_its_own_deadline():
    """What a sentence says is remembered; the deadline is worked out from each update's time."""
    sentence = "We will post the next update by 1:30 or in 45 minutes."
    assert find_promise(sentence, utc("2025-03-04 12:15")).due == utc("2025-03-04 13:30")
    assert find_promise(sentence, utc("2025-03-04 00:15")).due == utc("2025-03-04 01:30")
    assert find_promise(sentence, utc("2025-03-04 23:50")).due == utc("2025-03-05 01:30")
    relative = "We will post the next update in 45 minutes."
    assert find_promise(relative, utc("2025-03-04 12:15")).due == utc("2025-03-04 13:00")
    assert find_promise(relative, utc("2025-03-04 20:00")).due == utc("2025-03-04 20:45")
