"""The desk in Debian's chromium (headless, driven over the DevTools protocol): paste an article, confirm its
claims, check them, see the verdict badges; no console error, no request leaving the desk, no script needed.

The desk runs as users start it: the ``marketfact web`` command in its own process. Screenshots go to the test's
folder; with MARKETFACT_DESK_SCREENSHOTS=DIR also to DIR (the README's come from ``docs/``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser
from tests.browser import CHROMIUM, MARKS, Tab, png_size
from tests.reports.test_reports_browser import BADGES_VISIBLE
from tests.web.test_web_flow import ARTICLE, PUBLISHED

pytestmark = MARKS


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``marketfact web`` on a free loopback port, writing into a folder of its own; its base URL."""
    work = tmp_path_factory.mktemp("served")
    port = _free_port()
    command = [str(Path(sys.executable).with_name("marketfact")), "web", "--port", str(port), "-o", str(work / "out")]
    env = {**os.environ, "MARKETFACT_SOURCE": "snapshot", "MARKETFACT_CACHE_DIR": str(work / "cache")}
    log = (work / "server.log").open("w")
    proc = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=5) as response:
                    assert response.status == 200
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((work / "server.log").read_text()) from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


class Browser:
    """The desk's tab: the shared harness's ``Tab``, its screenshots also kept under the desk's names."""

    def __init__(self, tab: Tab, shots: list[Path]) -> None:
        self.tab = tab
        self.shots = shots
        self.eval, self.go, self.click = tab.eval, tab.go, tab.click
        self.errors, self.requests = tab.errors, tab.requests

    def shoot(self, name: str, full: bool = True) -> bytes:
        png = self.tab.screenshot(whole=full)
        for folder in self.shots:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"desk-{name}.png").write_bytes(png)
        return png


@contextlib.contextmanager
def chromium(tmp: Path, shots: list[Path]) -> Iterator[Browser]:
    with browser.chromium(tmp / "profile") as tab:
        yield Browser(tab, shots)


def _shots(tmp: Path) -> list[Path]:
    extra = os.environ.get("MARKETFACT_DESK_SCREENSHOTS")
    return [tmp / "shots", *([Path(extra)] if extra else [])]


def test_paste_confirm_check_in_a_real_browser(served: str, tmp_path: Path) -> None:
    with chromium(tmp_path, _shots(tmp_path)) as b:
        b.go(f"{served}/?lang=en")
        assert b.eval("document.querySelectorAll('script').length") == 0
        b.eval(
            f"document.querySelector('#text').value = {json.dumps(ARTICLE)};"
            f"document.querySelector('#published').value = {json.dumps(PUBLISHED)};"
        )
        b.shoot("paste", full=False)
        b.click("form.stack button[type=submit]")
        assert b.eval("document.querySelector('h1').textContent") == "Readings"
        claims = b.eval("Array.from(document.querySelectorAll('section.claim')).map(s => s.dataset.claim)")
        assert claims == ["s02-nvda", "s03-avgo", "s04-ixic"]
        marked = b.eval("document.querySelector('#claim-s02-nvda blockquote mark.num').textContent")
        assert marked == "17%"
        b.shoot("readings")
        b.click("#claim-s02-nvda button[value=confirm]")
        b.click("#claim-s03-avgo button[value=confirm]")
        b.click("#claim-s04-ixic button[value=reject]")
        statuses = b.eval("Array.from(document.querySelectorAll('section.claim')).map(s => s.dataset.status)")
        assert statuses == ["confirmed", "confirmed", "rejected"]
        b.click("#check-button")
        deadline = time.monotonic() + 300
        status = None
        while time.monotonic() < deadline:
            with contextlib.suppress(RuntimeError, TimeoutError):  # the page may be reloading itself just then
                status = b.eval("(document.querySelector('#run-status') || {dataset: {}}).dataset.status")
            if status in ("done", "failed"):
                break
            time.sleep(1)
        assert status == "done", b.eval("document.body.innerText")
        b.tab.cdp.drain(0.5)
        badges = b.eval(BADGES_VISIBLE)
        assert [x["label"] for x in badges] == ["CORRECT", "CORRECT"]
        for badge in badges:
            assert badge["shown"], badge
            assert badge["onTop"], badge
            assert badge["width"] > 40, badge
        assert badges[0]["text"] == "Correct"
        b.eval("window.scrollTo(0, 0)")
        png = b.shoot("verdicts")
        assert png_size(png)[0] >= 1100
        report = b.eval("document.querySelector('#report-link').href")
        b.go(report)
        assert [x["label"] for x in b.eval(BADGES_VISIBLE)] == ["CORRECT", "CORRECT"]
        b.go(f"{served}/runs")
        assert b.eval("document.querySelectorAll('#runs tbody tr').length") == 1
        # the same pages in German
        b.go(f"{served}/?lang=de")
        assert b.eval("document.querySelector('h1').textContent") == "Artikel einfügen"
        b.click("table a")  # the article, from the list of articles on the desk
        assert b.eval("document.querySelector('h1').textContent") == "Lesarten"
        shown = b.eval("Array.from(document.querySelectorAll('section.claim .status')).map(s => s.textContent)")
        assert shown == ["bestätigt", "bestätigt", "verworfen"]
        b.click("a[href$='/check']")
        assert [x["text"] for x in b.eval(BADGES_VISIBLE)] == ["Richtig", "Richtig"]
        b.tab.cdp.drain(0.5)
        assert b.errors() == []
        outside = [u for u in b.requests() if not u.startswith(f"{served}/")]
        assert outside == []
        assert b.eval("typeof window.__pwned") == "undefined"


def test_the_harness_sees_a_console_error(served: str, tmp_path: Path) -> None:
    """The checks above can fail: a page that is not there logs a failed load."""
    with chromium(tmp_path, []) as b:
        b.go(f"{served}/nowhere")
        b.tab.cdp.drain(0.5)
        assert b.errors()  # the 404 is logged as an error
        assert all(u.startswith(served) for u in b.requests())


def test_screenshots_are_where_the_readme_says() -> None:
    docs = Path(__file__).resolve().parent.parent.parent / "docs"
    for name in ("paste", "readings", "verdicts"):
        assert (docs / f"desk-{name}.png").stat().st_size > 10_000
    assert shutil.which("chromium") or CHROMIUM.exists()
