"""defer_import: a deferred module costs nothing until used, then behaves as the module itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from afterword.lazymodule import defer_import


def run_fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (sys.modules is process-wide) and return what it printed."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_secrets_check_does_not_import_requests_and_still_finds_keys():
    printed = run_fresh("""
        import sys
        from afterword.secrets import scan_text
        print("requests ran:", "urllib3" in sys.modules)
        print([kind for _, kind, _ in scan_text("key AKIAIOSFODNN7EXAMPLE leaked")][:1])
        from detect_secrets.plugins import base
        print(base.requests.exceptions.RequestException.__name__, "urllib3" in sys.modules)
    """)
    assert printed.splitlines() == ["requests ran: False", "['AWS Access Key']", "RequestException True"]


def test_a_deferred_module_is_the_real_one_at_first_use():
    printed = run_fresh("""
        import sys
        from afterword.lazymodule import defer_import
        defer_import("colorsys")
        import colorsys
        print("not run yet:", "hls_to_rgb" not in vars(colorsys))
        print(colorsys.hls_to_rgb(0, 1, 0), "real module now in sys.modules:", sys.modules["colorsys"] is not colorsys)
        from colorsys import rgb_to_hls
        print(rgb_to_hls.__module__)
    """)
    assert printed.splitlines() == ["not run yet: True", "(1, 1, 1) real module now in sys.modules: True", "colorsys"]


def test_unknown_or_imported_modules_are_left_alone():
    defer_import("no_such_module_anywhere")
    assert "no_such_module_anywhere" not in sys.modules
    before = sys.modules["json"] if "json" in sys.modules else None
    defer_import("json")
    assert sys.modules.get("json") is before


def test_a_submodule_of_a_deferred_package_imports_the_package():
    printed = run_fresh("""
        import sys
        from afterword.lazymodule import defer_import
        defer_import("email")
        import email.utils
        import email
        print(email.utils.quote('a"b'), type(sys.modules["email"]).__name__, email.message_from_string("X: 1")["X"])
    """)
    assert printed.splitlines() == ['a\\"b module 1']
