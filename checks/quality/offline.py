"""Great Expectations' Data Docs readable offline: every file their pages load comes from the site itself.

GX's templates load Bootstrap, bootstrap-table, the datepicker, Font Awesome, jQuery, Popper and Vega from
public CDNs and its logo from a web bucket; offline the pages render unstyled, without status icons, and the
index table (filled by bootstrap-table) stays empty. GX offers no setting for this (its site config takes a
store backend and nothing else), so after GX has built the site, ``make_offline`` copies the same files at
the same versions (``assets/``, refreshed by ``scripts/vendor-datadocs`` from the npm registry, licences
beside them) into ``static/vendor/`` and points each page at them by a relative path. A reference it does not
know (a newer GX naming another file) is removed rather than left to leave the machine, and reported in
``Offline.dropped``; the tests require that list to be empty. Links a reader may click (``<a href>``) stay.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ASSETS = Path(__file__).parent / "assets"
VENDOR = "static/vendor"
"""Where the copies go inside the site (next to GX's own ``static/images`` and ``static/styles``)."""

LOCAL: dict[str, str] = {
    # the path of the URL GX's templates name (the hosts differ per file) → the copy under assets/
    "/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/dist/js/bootstrap.min.js",
    "/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js/dist/umd/popper.min.js",
    "/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table/dist/bootstrap-table.min.css",
    "/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table/dist/bootstrap-table.min.js",
    "/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    # the templates ask for 1.19.0's stylesheets of the filter extension next to 1.19.1's script
    "/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": (
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.css"
    ),
    "/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker/dist/css/bootstrap-datepicker.min.css"
    ),
    "/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker/dist/js/bootstrap-datepicker.min.js"
    ),
    "/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome-free/css/all.min.css",
    "/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        "bootstrap-dark/dist/css/bootstrap-prefers-dark.min.css"
    ),
    "/npm/vega@5": "vega/build/vega.min.js",
    "/npm/vega-lite@5": "vega-lite/build/vega-lite.min.js",
    "/npm/vega-embed@6": "vega-embed/build/vega-embed.min.js",
}

IMAGES: dict[str, str] = {
    # GX's logo from its web bucket (the page's, and the dark one in its stylesheet) → its own copy in the site
    "/logo-long.png": "static/images/logo-long.png",
    "/full_logo_dark.png": "static/images/logo-long.png",
}

TAG = re.compile(r"<(?:script|link|img)\b[^>]*>", re.IGNORECASE)
LOADED = re.compile(r"""\s(?P<attr>src|href)=(?P<q>["'])(?P<url>(?:https?:)?//[^"']*)(?P=q)""", re.IGNORECASE)
STATIC = re.compile(r"""\s(?P<attr>src|href)=(?P<q>["'])(?:\.\.?/)*(?P<path>static/[^"']*)(?P=q)""", re.IGNORECASE)
CDN_ONLY = re.compile(r"""\s+(?:integrity|crossorigin)(?:=(["'])[^"']*\1)?""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>(?:https?:)?//[^)"']*)(?P=q)\s*\)""", re.IGNORECASE)


@dataclass(frozen=True)
class Offline:
    """What ``make_offline`` did to one site."""

    files: int  # pages and stylesheets looked at
    replaced: int  # references now pointing into the site
    dropped: tuple[str, ...]  # external references it did not know, removed


def target(url: str) -> str | None:
    """The file inside the site that stands for ``url``, relative to the site root; None if unknown."""
    path = urlsplit(url if "://" in url else f"https:{url}").path
    if path in LOCAL:
        return f"{VENDOR}/{LOCAL[path]}"
    return IMAGES.get(path)


def rewrite(text: str, here: str) -> tuple[str, int, list[str]]:
    """``text`` (a page or stylesheet in the folder ``here``, relative to the site root) loading from the
    site only; how many references it points home, and the unknown ones it removed."""
    replaced = 0
    dropped: list[str] = []

    def local(url: str) -> str | None:
        nonlocal replaced
        found = target(url)
        if found is None:
            dropped.append(url)
            return None
        replaced += 1
        return posixpath.relpath(found, here)

    def attr(m: re.Match[str]) -> str:
        new = local(m["url"])
        return "" if new is None else f" {m['attr']}={m['q']}{new}{m['q']}"

    def home(m: re.Match[str]) -> str:
        return f" {m['attr']}={m['q']}{posixpath.relpath(m['path'], here)}{m['q']}"

    def tag(m: re.Match[str]) -> str:
        text, count = LOADED.subn(attr, m[0])
        # GX's own static files by their path from the site root: its favicon link on a validation page
        # climbs one folder too few (validations/static/images/favicon.ico, a console error offline)
        text = STATIC.sub(home, text)
        return CDN_ONLY.sub("", text) if count else text  # no integrity/crossorigin checks on a file

    def css(m: re.Match[str]) -> str:
        new = local(m["url"])
        return "none" if new is None else f"url('{new}')"

    return CSS_URL.sub(css, TAG.sub(tag, text)), replaced, dropped


def _copy_tree(source: Path, target: Path) -> None:
    """Copy the files' bytes only: the folders and files get the user's umask, not the package's modes."""
    for path in sorted(source.rglob("*")):
        copy = target / path.relative_to(source)
        if path.is_dir():
            copy.mkdir(parents=True, exist_ok=True)
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)


def make_offline(site: Path) -> Offline:
    """Copy the assets into ``site`` and rewrite its pages and stylesheets to load nothing from outside."""
    site = Path(site)
    _copy_tree(ASSETS, site / VENDOR)
    replaced = 0
    dropped: list[str] = []
    files = [*sorted(site.rglob("*.html")), *sorted((site / "static" / "styles").glob("*.css"))]
    for file in files:
        text = file.read_text(encoding="utf-8")
        rewritten, count, unknown = rewrite(text, file.parent.relative_to(site).as_posix())
        replaced += count
        dropped += unknown
        if rewritten != text:
            file.write_text(rewritten, encoding="utf-8")
    return Offline(len(files), replaced, tuple(dict.fromkeys(dropped)))
