"""The support contact (extra.afterword.support): the all-clear's {support}, and clear config errors."""

from __future__ import annotations

from afterword.build import SiteBuild
from afterword.settings import load_settings
from afterword.support import Support, support_contact


def _with_support(project, block: str):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("    support:\n")
    end = text.index("\n    # ", start + 1) + 1
    config.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return load_settings(config)


def test_the_phrase_links_the_page_or_names_the_address():
    assert Support("https://acme.example/support", "support@acme.example").phrase() == "[our support team](https://acme.example/support)"
    assert Support(None, "support@acme.example").phrase() == "our support team at support@acme.example"
    assert Support().phrase() == "our support team"


def test_the_example_site_has_a_contact(project_root):
    assert support_contact(load_settings(project_root / "mkdocs.yml")) == Support("https://lumen.example/support", "support@lumen.example")


def test_a_malformed_contact_is_an_error_at_its_line(scratch_project):
    settings = _with_support(scratch_project, "    support:\n      url: our support page\n      phone: 123\n")
    build = SiteBuild(settings)
    problems = [p.format() for p in build.load()]
    line = (scratch_project / "mkdocs.yml").read_text().split("\n").index("      url: our support page") + 1
    assert f"mkdocs.yml:{line}:7: [afterword.config] extra.afterword.support.url: 'our support page' is not a web address: write it like https://example.com/support" in problems
    assert any("[afterword.config] extra.afterword.support.phone: unknown key 'phone'" in p for p in problems)
    assert build.failed
    assert support_contact(settings) == Support()
