"""GX's Data Docs load nothing from outside the site: the rewrite, the vendored files, a real build.

The browser test (tests/reports/test_reports_browser.py) opens the built pages in chromium as well.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from marketfact.checks.quality import offline
from marketfact.checks.quality.offline import ASSETS, IMAGES, LOCAL, VENDOR, rewrite

GX_PAGE = """<html><head>
<link rel="stylesheet" href="https://cdn.example.org/ajax/libs/font-awesome/6.6.0/css/all.min.css">
<script src="https://cdn.example.org/ajax/libs/popper.js/1.12.9/umd/popper.min.js" integrity="sha384-x"
 crossorigin="anonymous"></script>
<script src="https://cdn.example.org/npm/vega@5"></script>
<script src="https://cdn.example.org/npm/some-new-library@9"></script>
<link rel="shortcut icon" href="../../../static/images/favicon.ico" type="image/x-icon"/>
<style>.x { background: url('https://bucket.example.org/full_logo_dark.png') 0 0 no-repeat; }</style>
</head><body><img src="https://bucket.example.org/logo-long.png?d=20250127T000000Z" alt="GX">
<a href="https://example.org/newsletter">Subscribe</a></body></html>"""
"""A page shaped like GX's (its tags, attributes and paths; example hosts), plus one library no table knows."""


def test_a_page_is_pointed_at_the_copies_in_the_site() -> None:
    text, replaced, dropped = rewrite(GX_PAGE, "validations/a/b/c")
    up = "../../../../"
    assert f'href="{up}{VENDOR}/fontawesome-free/css/all.min.css"' in text
    assert f'<script src="{up}{VENDOR}/popper.js/dist/umd/popper.min.js"></script>' in text  # no SRI on a file
    assert f'src="{up}{VENDOR}/vega/build/vega.min.js"' in text
    assert f'src="{up}static/images/logo-long.png"' in text
    assert f"url('{up}static/images/logo-long.png')" in text
    assert f'href="{up}static/images/favicon.ico"' in text  # GX's own path climbed one folder too few
    assert '<a href="https://example.org/newsletter">' in text  # a link is not loaded
    assert dropped == ["https://cdn.example.org/npm/some-new-library@9"]
    assert "<script></script>" in text  # the unknown one is removed, not left to leave the machine
    assert replaced == 5
    loaded = re.findall(r"""<(?:script|link|img)\b[^>]*(?:src|href)=["'](?:https?:)?//""", text)
    assert loaded == []


def test_the_index_page_at_the_site_root() -> None:
    text, _, dropped = rewrite(GX_PAGE, ".")
    assert f'href="{VENDOR}/fontawesome-free/css/all.min.css"' in text
    assert 'href="static/images/favicon.ico"' in text
    assert len(dropped) == 1


def test_every_copy_is_vendored_with_its_licence() -> None:
    for local in LOCAL.values():
        assert (ASSETS / local).is_file(), local
        assert (ASSETS / local).stat().st_size > 100, local
    gx_static = Path(__import__("great_expectations").__file__).parent / "render" / "view"
    for image in IMAGES.values():
        assert (gx_static / image).is_file(), image  # GX copies static/ into every site
    awesome = (ASSETS / "fontawesome-free/css/all.min.css").read_text()
    fonts = re.findall(r"url\((\.\./webfonts/[^)]+\.woff2)\)", awesome)
    assert fonts
    for font in fonts:  # the status icons' font; the .ttf fallbacks are not shipped (chromium takes woff2)
        assert (ASSETS / "fontawesome-free/css" / font).resolve().is_file(), font
    for folder in sorted(p for p in ASSETS.iterdir() if p.is_dir()):
        licences = list(folder.glob("LICENSE*"))
        declared = (folder / "package.json").is_file() and '"license"' in (folder / "package.json").read_text()
        headed = any("License" in f.read_text(errors="replace")[:300] for f in folder.rglob("*.js"))
        assert licences or declared or headed, folder.name


def test_every_cdn_file_of_gx_templates_has_a_copy() -> None:
    """A newer GX naming another file fails here (and its reference would be removed at run time)."""
    templates = Path(__import__("great_expectations").__file__).parent / "render" / "view" / "templates"
    loaded = set()
    for template in templates.glob("*.j2"):
        for tag in offline.TAG.findall(template.read_text(encoding="utf-8")):
            loaded |= {m["url"] for m in offline.LOADED.finditer(tag)}
    assert len(loaded) >= 15
    assert {url for url in loaded if offline.target(url) is None} == set()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, snapshot, instruments):  # type: ignore[no-untyped-def]
    """A real Data Docs site: EURUSD=X validated on the shipped snapshot (its low above the close on 20 Jan
    fails a check), and an empty claim set."""
    from marketfact.checks.quality.runner import QualityRun

    run = QualityRun()
    needed = {date(2025, 1, 20): frozenset({"close"})}
    run.validate_prices(
        snapshot.full_history("EURUSD=X"), instruments["EURUSD=X"], (date(2025, 1, 13), date(2025, 2, 14)), needed
    )
    run.validate_claims([])
    index = run.build_data_docs(tmp_path_factory.mktemp("docs"))
    assert index is not None
    return index.parent, run._session.offline  # type: ignore[union-attr]


def test_a_built_site_loads_nothing_from_outside(site) -> None:  # type: ignore[no-untyped-def]
    root, done = site
    assert done is not None
    assert done.dropped == ()  # every CDN reference of this GX had a copy
    assert done.replaced > 50
    pages = list(root.rglob("*.html"))
    assert len(pages) >= 5
    for file in [*pages, *(root / "static" / "styles").glob("*.css")]:
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"""<(?:script|link|img)\b[^>]*\s(?:src|href)=["'](?:https?:)?//""", text), file
        assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", text), file
        for ref in re.findall(r"""<(?:script|link|img)\b[^>]*\s(?:src|href)=["']([^"'#]+)["']""", text):
            if not ref.startswith("data:"):
                assert (file.parent / ref.split("?")[0]).resolve().is_file(), (file, ref)
    assert (root / VENDOR / "jquery" / "LICENSE.txt").is_file()  # the licences travel with the copies
