"""A real browser opens the report from file: no console errors, no network requests, badges visible.

Debian's chromium, headless, through the harness shared with tests/web (tests/browser.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from marketfact.reports import render_html, write_reports
from tests.browser import MARKS, chromium, console_errors, png_size, requested

pytestmark = MARKS

BADGES_VISIBLE = """
(() => Array.from(document.querySelectorAll('.badge')).map(b => {
  b.scrollIntoView({block: 'center'});
  const r = b.getBoundingClientRect();
  const s = getComputedStyle(b);
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {label: b.dataset.label, text: b.textContent.trim(), width: r.width, height: r.height,
          shown: s.visibility === 'visible' && s.display !== 'none' && Number(s.opacity) > 0,
          onTop: hit === b || b.contains(hit), colour: s.backgroundColor};
}))()
"""


def open_in_chromium(
    page: Path,
    tmp: Path,
    probe: str = "null",
    *,
    width: int = 1200,
    save_to: Path | None = None,
    screen_at: str | None = None,
    first: int | None = None,
) -> dict[str, Any]:
    """Load ``page`` headless; return console errors, requests, dialogs, badge states and a screenshot.

    ``probe`` is a JavaScript expression evaluated on the loaded page; its value is returned as "probe".
    ``width`` is the viewport's width in CSS pixels (390: a phone); the screenshot goes to ``save_to``.
    The screenshot is of the whole page, or with ``screen_at`` (a CSS selector) of one screen (width × 900)
    from a little above the first element it selects; ``first`` also writes the page's first ``first``
    pixels to ``save_to`` (a picture for docs/, not the whole page).
    """
    with chromium(tmp / f"profile-{page.stem}-{width}", width) as tab:
        tab.go(page.as_uri(), timeout=30)
        tab.cdp.drain(0.5)
        badges = tab.eval(BADGES_VISIBLE)
        pwned = tab.eval("typeof window.__pwned")
        probed = tab.eval(probe)
        if screen_at is not None:
            y = f"document.querySelector({json.dumps(screen_at)}).getBoundingClientRect().top + window.scrollY"
            tab.eval(f"window.scrollTo(0, {y} - 24)")
        png = tab.screenshot(whole=screen_at is None)
        top = {"x": 0, "y": 0, "width": width, "height": first, "scale": 1}
        picture = png if first is None else tab.screenshot(clip=top)
        (save_to or tmp / f"{page.stem}.png").write_bytes(picture)
        events = tab.events()
    return {
        "console_errors": console_errors(events),
        "requests": requested(events),
        "dialogs": [e for e in events if e.get("method") == "Page.javascriptDialogOpening"],
        "badges": badges,
        "pwned": pwned,
        "probe": probed,
        "png": png,
    }


def test_report_in_a_real_browser(tmp_path: Path, seed_run: Any) -> None:
    paths = write_reports(seed_run, tmp_path / "out", "de")
    seen = open_in_chromium(paths.html, tmp_path)
    assert seen["console_errors"] == []
    assert seen["dialogs"] == []
    assert seen["requests"] == [paths.html.as_uri()]  # the file itself, nothing else
    assert [b["label"] for b in seen["badges"]] == [v.label.value for v in seed_run.verdicts]
    for badge in seen["badges"]:
        assert badge["shown"], badge
        assert badge["onTop"], badge  # not covered by anything else
        assert badge["width"] > 40, badge
        assert badge["height"] > 15, badge
    assert seen["badges"][0]["text"] == "Richtig"
    width, height = png_size(seen["png"])
    assert width >= 1100  # the viewport less a scrollbar
    assert height > 3000  # the whole page, five claims with charts
    assert (tmp_path / "report.png").stat().st_size > 50_000


def test_hostile_report_runs_nothing_in_a_real_browser(tmp_path: Path, cases: Any) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(render_html(cases.hostile_run(), charts=False), encoding="utf-8")
    seen = open_in_chromium(page, tmp_path)
    assert seen["pwned"] == "undefined"
    assert seen["dialogs"] == []
    assert seen["console_errors"] == []
    assert seen["requests"] == [page.as_uri()]  # the injected <img src=x> never loads
    assert [b["label"] for b in seen["badges"]] == ["CORRECT"]


def test_the_harness_sees_errors_and_requests(tmp_path: Path) -> None:
    """The checks above can fail: a page that logs an error and loads an image is caught doing both."""
    page = tmp_path / "noisy.html"
    page.write_text(
        '<!DOCTYPE html><html><body><span class="badge" data-label="X">x</span>'
        '<script>console.error("boom"); window.__pwned = 1;</script>'
        '<img src="http://127.0.0.1:9/pixel.png"></body></html>',  # loopback: nothing leaves the machine
        encoding="utf-8",
    )
    seen = open_in_chromium(page, tmp_path)
    assert seen["console_errors"]
    assert "http://127.0.0.1:9/pixel.png" in seen["requests"]
    assert seen["pwned"] == "number"


DIGEST_SHOWN = """
(() => { const d = document.querySelector('#summary .digest'); d.scrollIntoView({block: 'start'});
  const r = d.getBoundingClientRect(); const s = getComputedStyle(d);
  return {width: r.width, height: r.height, shown: s.display !== 'none' && s.visibility === 'visible',
          text: d.innerText, json: d.querySelector('a.full-json').getAttribute('href')}; })()
"""


def test_a_large_run_digest_in_a_real_browser(tmp_path: Path, cases: Any) -> None:
    run = cases.many({"CORRECT": 30, "INCORRECT": 6, "MISLEADING": 3, "UNVERIFIABLE": 2}, synthetic=True)
    paths = write_reports(run, tmp_path / "out", "de", charts=False, max_cards=8)
    seen = open_in_chromium(paths.html, tmp_path, DIGEST_SHOWN)
    assert seen["console_errors"] == []
    assert seen["requests"] == [paths.html.as_uri()]  # the link to report.json is not fetched
    assert [b["label"] for b in seen["badges"]] == ["INCORRECT"] * 3 + ["MISLEADING"] * 3 + ["UNVERIFIABLE"] * 2
    assert all(b["shown"] and b["onTop"] for b in seen["badges"])
    digest = seen["probe"]
    assert digest["shown"]
    assert digest["width"] > 500
    assert digest["height"] > 100
    assert "Dieser Lauf hat 41 Aussagen geprüft" in digest["text"]
    assert "Auf dieser Seite weggelassene Aussagen: 33." in digest["text"]
    assert digest["json"] == "report.json"


SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "report.png"
"""The README's picture of a report: the seed file's report in English, one screen from its first claim."""


def test_the_readme_screenshot_is_a_real_report(tmp_path: Path) -> None:
    """The seed file checked by the core on the shipped snapshot (Great Expectations included), its report
    opened in chromium, one screen from the first claim captured. MARKETFACT_WRITE_SCREENSHOT=1 writes it
    to docs/report.png (the committed picture; run ids and times differ between runs, so it is not
    rewritten otherwise)."""
    import os

    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

    seed = Path(__file__).resolve().parents[2] / "examples" / "deepseek-2025-01.yaml"
    snapshot = SnapshotSource()
    out = tmp_path / "out"
    run = run_in_process(
        load_claims(seed), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(),
        docs_dir=out / "data-docs", claims_file="examples/deepseek-2025-01.yaml",
    )  # fmt: skip
    paths = write_reports(run, out, "en")
    seen = open_in_chromium(paths.html, tmp_path, screen_at="section.claim")
    assert seen["console_errors"] == []
    assert [b["label"] for b in seen["badges"]] == ["CORRECT", "INCORRECT", "CORRECT", "MOSTLY_CORRECT", "CORRECT"]
    assert png_size(seen["png"]) == (1200, 900)
    if os.environ.get("MARKETFACT_WRITE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(seen["png"])
    assert png_size(SCREENSHOT.read_bytes()) == (1200, 900)  # the committed one: one screen, like this


OVERFLOW = """
(() => {
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  const out = [];
  const cards = document.querySelectorAll('section, details, table.runs, header');
  for (const card of cards) {
    const box = card.getBoundingClientRect();
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width || scrolls(el)) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className} in ${card.id || card.tagName}`
                 + ` (${r.left | 0}–${r.right | 0} of ${box.left | 0}–${box.right | 0})`);
    }
  }
  return {outside: out.slice(0, 12), count: out.length,
          page: document.documentElement.scrollWidth, viewport: window.innerWidth,
          tags: Array.from(document.querySelectorAll('.verdict-tag, .badge')).filter(b => {
            const r = b.getBoundingClientRect(); const s = getComputedStyle(b);
            return r.width > 0 && s.visibility === 'visible' && s.backgroundColor !== 'rgba(0, 0, 0, 0)'; }).length};
})()
"""

SCREENSHOTS = "MARKETFACT_SCREENSHOTS"
"""Set to a folder (docs/screenshots) to keep the desktop screenshots; otherwise they stay in tmp."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, snapshot: Any, cases: Any) -> dict[str, Path]:
    """The seed run checked for real (snapshot prices, Great Expectations) and written as users see it."""
    import shutil

    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource
    from marketfact.reports import write_index

    root = tmp_path_factory.mktemp("pages")
    claims = load_claims(Path(__file__).resolve().parents[2] / "examples" / "deepseek-2025-01.yaml")
    staging = root / "staging"
    run = run_in_process(
        claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(),
        docs_dir=staging, claims_file="examples/deepseek-2025-01.yaml",
        mode="offline snapshot, yfinance where it does not cover",
    )  # fmt: skip
    found: dict[str, Path] = {}
    for lang in ("en", "de"):
        paths = write_reports(run, root / lang, lang)
        shutil.copytree(staging / "data-docs", paths.directory / "data-docs")
        found[f"report-{lang}"] = paths.html
    found["data-quality"] = found["report-de"].parent / "data-quality.html"
    docs = found["report-de"].parent / "data-docs"
    found["data-docs"] = docs / "index.html"
    failed = [p for p in sorted(docs.glob("validations/**/*.html")) if "fa-times text-danger" in p.read_text()]
    found["data-docs-validation"] = failed[0] if failed else sorted(docs.glob("validations/**/*.html"))[0]
    # The hand-built seed verdicts repeated under other labels: not a real run, and the page says so.
    counts = {"CORRECT": 30, "INCORRECT": 8, "MISLEADING": 4, "UNVERIFIABLE": 2}
    big = cases.many(counts, run_id="digest-run", synthetic=True)
    found["digest"] = write_reports(big, root / "de", "de", charts=False, max_cards=14).html  # grouped table
    found["index"] = write_index(root / "de", "de")
    return found


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["report-en", "report-de", "index", "digest", "data-quality"])
def test_pages_in_a_real_browser(pages: dict[str, Path], name: str, width: int, tmp_path: Path) -> None:
    import os

    keep = os.environ.get(SCREENSHOTS)
    shot = Path(keep) / f"{name}.png" if keep and width == 1280 else tmp_path / f"{name}-{width}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    top = 1600 if keep and width == 1280 else None
    seen = open_in_chromium(pages[name], tmp_path, OVERFLOW, width=width, save_to=shot, first=top)
    assert seen["console_errors"] == []
    assert seen["dialogs"] == []
    assert seen["requests"] == [pages[name].as_uri()]  # nothing else, and nothing leaves the machine
    layout = seen["probe"]
    assert layout["page"] <= layout["viewport"], layout  # no sideways scrolling of the whole page
    assert layout["count"] == 0, layout["outside"]  # nothing sticks out of its card
    assert layout["tags"] > 0 or name == "index"  # coloured verdict badges are drawn (the index has none)
    assert png_size(seen["png"])[0] >= width - 20
    assert shot.stat().st_size > 10_000
    assert png_size(shot.read_bytes())[1] >= min(900, top or 900)


def test_the_data_quality_page_explains_each_expectation(pages: dict[str, Path]) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(pages["data-quality"].read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.expectations tbody tr")
    assert len(rows) > 100
    described = {r["data-expectation"]: r.select_one("td").get_text() for r in rows}
    assert described["session_present"].startswith("Für jeden Handelstag des Börsenkalenders")
    assert all(r.select_one("td").get("lang") is None for r in rows)  # every description is German
    assert soup.select("a.data-docs")  # Great Expectations' pages stay linked


DATA_DOCS_SHOWN = """
(() => {
  const icons = Array.from(document.querySelectorAll('i.fas')).filter(i => /fa-(check-circle|times)/.test(i.className));
  return {rows: Array.from(document.querySelectorAll('tbody tr')).filter(
            r => r.querySelector('.ge-success-icon, .ge-failed-icon')).length,  // the index's validation rows
          icons: icons.length,
          drawn: icons.filter(i => { i.scrollIntoView({block: 'center'}); const r = i.getBoundingClientRect();
            return r.width >= 8 && r.height >= 8 && getComputedStyle(i, '::before').content !== 'none'
              && ['rgb(40, 167, 69)', 'rgb(220, 53, 69)'].includes(getComputedStyle(i).color); }).length,
          font: Array.from(document.fonts).some(f => f.family.includes('Font Awesome') && f.status === 'loaded'),
          bootstrap: getComputedStyle(document.querySelector('nav.navbar')).display,
          scripts: typeof jQuery + ' ' + typeof jQuery.fn.bootstrapTable + ' ' + typeof vegaEmbed,
          top: window.scrollTo(0, 0)};  // back to the top for the screenshot
})()
"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["data-docs", "data-docs-validation"])
def test_data_docs_in_a_real_browser(pages: dict[str, Path], name: str, width: int, tmp_path: Path) -> None:
    """Great Expectations' own pages, as the run built them: styled, status icons drawn, the index table
    filled by its script, nothing loaded but files of the site (checks.quality.offline)."""
    import os

    keep = os.environ.get(SCREENSHOTS)
    shot = Path(keep) / f"{name}.png" if keep and width == 1280 else tmp_path / f"{name}-{width}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    top = 1600 if keep and width == 1280 else None
    seen = open_in_chromium(pages[name], tmp_path, DATA_DOCS_SHOWN, width=width, save_to=shot, first=top)
    assert seen["console_errors"] == []
    assert seen["dialogs"] == []
    site = pages["data-docs"].parent.as_uri() + "/"
    outside = [r for r in seen["requests"] if not r.startswith((site, "data:"))]
    assert outside == []  # nothing leaves the machine, nothing outside the site
    assert len(seen["requests"]) > 15  # the pages do load their (local) styles, fonts and scripts
    shown = seen["probe"]
    assert shown["bootstrap"] == "flex"  # Bootstrap's navbar: the style sheet is there
    assert shown["scripts"] == "function function function"  # jQuery, bootstrap-table, Vega
    assert shown["font"]  # Font Awesome's font, for the status icons
    assert shown["icons"] > 0
    assert shown["drawn"] == shown["icons"]  # every status icon drawn, green or red
    if name == "data-docs":  # the index lists the run's validations (an empty table offline before)
        assert shown["rows"] == len(list(pages["data-docs"].parent.glob("validations/**/*.html")))
    assert shot.stat().st_size > 10_000
