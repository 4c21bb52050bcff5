"""The person-name detector: precision and recall on labelled sentences, known people, positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from afterword.names import KnownPeople, PersonNameDetector, known_people
from afterword.settings import load_settings
from afterword.style import checker_for

DATA = Path(__file__).parent / "data" / "names_labelled.tsv"
PRECISION_FLOOR = RECALL_FLOOR = 0.85


def labelled() -> list[tuple[int, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, expected, sentence = line.split("\t")
        rows.append((int(label), expected, sentence))
    return rows


@pytest.fixture(scope="module")
def detector(project_root: Path) -> PersonNameDetector:
    accept = project_root / "styleguide" / "styles" / "config" / "vocabularies" / "Afterword" / "accept.txt"
    return PersonNameDetector(accept.read_text(encoding="utf-8").splitlines())


def test_labelled_set_is_balanced_and_large_enough():
    rows = labelled()
    positives = sum(label for label, _, _ in rows)
    assert len(rows) >= 60 and abs(positives - (len(rows) - positives)) <= len(rows) // 10


def test_precision_and_recall(detector):
    true_pos = false_pos = false_neg = 0
    for label, expected, sentence in labelled():
        hits = detector.find(sentence)
        names = expected.split(";") if label else []
        right = [h for h in hits if any(name in h.text or h.text in name for name in names)]
        false_pos += len(hits) - len(right)
        if label:
            true_pos += bool(right)
            false_neg += not right
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(f"\nAfterword.PersonName on {DATA.name}: precision {precision:.3f}, recall {recall:.3f} "
          f"(tp={true_pos}, fp={false_pos}, fn={false_neg})")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


@pytest.mark.parametrize("sentence", [
    "Our Jenkins job failed.", "The Jordan River data was fine.", "Errors began in our Frankfurt region.",
    "Will the fix hold?", "In May we moved reports.", "We met near Victoria station.",
])
def test_name_like_words_are_not_people(detector, sentence):
    assert detector.find(sentence) == []


def test_known_people_are_found_even_when_lists_miss_them(tmp_path: Path):
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("* @zxqwerty @lumen/payments support@lumen.example\n")
    (tmp_path / "people.txt").write_text("# support\nXanthe Quorrbright\n")
    people = known_people(tmp_path, tmp_path / "people.txt")
    assert people.handles == {"zxqwerty"}  # teams and role mailboxes are not people
    detector = PersonNameDetector([], people)
    assert [h.text for h in detector.find("The change by Xanthe Quorrbright was reverted.")] == ["Xanthe Quorrbright"]
    assert [h.text for h in detector.find("Quorrbright said it was fine.")] == ["Quorrbright"]
    assert [h.text for h in detector.find("We thank zxqwerty for the report.")] == ["zxqwerty"]


def test_bots_and_numbered_authors_are_not_people():
    people = KnownPeople()
    for name in ("dependabot[bot]", "Seed e8094778 maintainers", "github-actions"):
        people.add_name(name)
    assert not people.full_names and not people.given_names


def test_findings_have_exact_positions(project_root: Path):
    checker = checker_for(load_settings(project_root / "mkdocs.yml"))
    text = (
        "---\ntitle: Card payments failing\nimpact: minor\ncomponents: [payments]\n---\n\n"
        "## Investigating · 2025-03-04 12:15 UTC\n\nPayments fail. Thanks to Priya for the `Dana` report.\n"
    )
    problems = [p for p in checker.check_text(text, "incidents/2025/t.md") if p.rule == "Afterword.PersonName"]
    assert [(p.line, p.column, p.match) for p in problems] == [(9, 26, "Priya")]  # code spans are not prose


# -- names the way real postmortems write them (settings built here, no Lumen content) ------------

@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    from afterword.settings import Settings
    from afterword.style.checker import StyleChecker

    settings = Settings(root=tmp_path_factory.mktemp("acme"), company="Acme",
                        sections={"names": ["Acme", "Val Town", "Mastodon"], "suppliers": ["Stripe"]})
    return StyleChecker(settings, Path(__file__).resolve().parent.parent / "styleguide" / ".vale.ini")


def people_in(checker, body: str) -> list[str]:
    text = "---\ntitle: API errors\n---\n\n" + body + "\n"
    return [p.match for p in checker.check_text(text, "postmortems/x.md") if p.rule in ("Afterword.PersonName", "Afterword.PersonHandle")]


@pytest.mark.parametrize("body, expected", [
    ("Pietro notices the support mail, pings Sean and goes back to bed.", ["Pietro", "Sean"]),
    ("| 09:15 | John evaluated two repositories. |\n|---|---|", ["John"]),
    ("[QuietMisdreavus] found the reason the build was failing.", ["QuietMisdreavus"]),
    ("`jdoe` pushed a fix within the hour.", ["jdoe"]),
    ("I (Jane Doe) was notified at 09:00 UTC.", ["Jane Doe"]),
    ("The user jsmith123 reported that payments failed.", ["jsmith123"]),
    ("We thank [@ThisIsMissEm](https://github.com/ThisIsMissEm) for the advice.", ["@ThisIsMissEm", "https://github.com/ThisIsMissEm"]),
    ("## Attendees\n\n- RF, PW, AN", ["RF", "PW", "AN"]),
    ("- 18:12: mslipper joins the call.\n- 18:20: mslipper merges the fix.", ["mslipper", "mslipper"]),
    ("Nóva noticed slow pages on her phone. Later Nóva fixed the disk.", ["Nóva", "Nóva"]),
    ("Our thanks go to Ngozi, Bob Jones and Carol for the report.", ["Ngozi", "Bob Jones", "Carol"]),
    ("Jan-Erik Rediger and Mark Rousskov deployed the fix.", ["Jan-Erik Rediger", "Mark Rousskov"]),
    ("Emily, our on-call engineer, restarted the cluster and paged Sunita.", ["Emily", "Sunita"]),
    ("Sam of Initech reported it; see https://mastodon.social/@sam too.", ["Sam", "https://mastodon.social/@sam"]),
])
def test_real_world_mentions_of_people(acme, body, expected):
    assert people_in(acme, body) == expected


@pytest.mark.parametrize("body", [
    "Val Town and John Mastodon are names of things here.",
    "Load moved across the servers, and CPU stayed high on Fritz.",
    "| 10:03 | Alert triggered. |\n|---|---|\n| 10:05 | Issue identified, work started. |",
    "`kubectl` failed with an error.",
    "- 10:00 kubectl restarts the pods.\n- 10:05 systemd sends a signal.",
    "Thanks to Stripe for the quick help. Stripe (Credit Card) payments work.",
    "See https://github.com/acme/.github/blob/main/SECURITY.md for the policy.",
    "Our thanks go to Val Town for the quick fix.",  # an accepted phrase is accepted whole, thanked or listed
    "## Attendees\n\n- Val Town",
])
def test_things_named_like_people_are_not_people(acme, body):
    assert people_in(acme, body) == []


def test_name_lists_are_permissively_licensed_and_shipped():
    from afterword.names import lexicon

    assert lexicon.is_first_name("Pietro") and lexicon.is_first_name("Ngozi") and lexicon.is_surname("Okafor")
    assert lexicon.is_english_word("issue") and not lexicon.is_english_word("mslipper")
    notice = Path(lexicon.__file__).resolve().parent.parent / "data" / "names" / "NOTICE.md"
    assert "Faker" in notice.read_text(encoding="utf-8") and "SCOWL" in notice.read_text(encoding="utf-8")


def test_a_changed_names_setting_gives_a_new_checker(tmp_path):
    """A preview runs across mkdocs.yml edits: the cached checker must follow `names` and `suppliers`."""
    from afterword.settings import Settings
    from afterword.style.checker import checker_for

    shutil.copytree(Path(__file__).resolve().parent.parent / "styleguide", tmp_path / "styleguide")
    before = checker_for(Settings(root=tmp_path, company="Acme", sections={}))
    assert people_in(before, "Thanks to Val Town for the fix.") == ["Val Town"]
    after = checker_for(Settings(root=tmp_path, company="Acme", sections={"names": ["Val Town"]}))
    assert after is not before and people_in(after, "Thanks to Val Town for the fix.") == []
