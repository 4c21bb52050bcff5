"""urls.absolute joins plain site addresses and paths by concatenation: always what urljoin gives."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword import urls

# Pieces that urljoin treats specially, mixed with ordinary path characters.
PIECES = ["a", "Z", "0", "-", "_", "~", ".", "..", "/", "//", ":", "?", "#", ";", "%2F", "@", " ", "\t", "\n", "é", "x.rss", "incidents/"]
PATHS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
BASES = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}/{path}",
    st.sampled_from(["https", "http", "HTTPS", "ftp"]),
    st.sampled_from(["status.example.com", "Status.Example", "h", "[::1]", "user@h", "h_1", ""]),
    st.sampled_from(["", ":8000", ":", ":x"]),
    PATHS,
)


@settings(max_examples=2000, deadline=None)
@given(BASES, PATHS)
def test_absolute_equals_urljoin(base, path):
    expected = urljoin(base if base.endswith("/") else base + "/", path)
    assert urls.absolute(base, path) == expected


# Mostly what sites use, plus the dot and empty segments urljoin resolves: most take the fast path.
SEGMENTS = st.lists(st.sampled_from(["incidents", "x.rss", "2025-05-29-a_b~c", ".", "..", "", ".well-known", "a."]), max_size=5).map("/".join)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["https://status.example.com", "http://h:8000"]), SEGMENTS, SEGMENTS, st.booleans())
def test_absolute_equals_urljoin_on_site_like_paths(origin, base_path, path, directory):
    base = f"{origin}/{base_path}"
    path = path + "/" if directory else path
    assert urls.absolute(base, path) == urljoin(base if base.endswith("/") else base + "/", path)


def test_site_paths_take_the_fast_path():
    for path in ["incidents/2025-05-29-card-payments/", "feeds/updates.rss", "api/v2/incidents/x.json", "badges/api.svg", ""]:
        assert urls._PLAIN_PATH.fullmatch(path), path
    assert urls._is_plain_base("https://status.example.com/status/")
