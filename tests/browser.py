"""The browser-test harness shared by tests/reports and tests/web: Debian's chromium, headless, driven over the
Chrome DevTools protocol with a small client on top of ``websockets`` (no browser download, no driver).

``chromium(folder, width=…)`` starts a browser with its profile in ``folder`` and yields a ``Tab``: ``go`` to a
URL, ``eval`` JavaScript, ``click`` a form's button, ``screenshot``; ``errors()`` and ``requests()`` are the
console errors and the requests of everything the tab has done so far. CI installs chromium; the tests skip
only where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
MARKS = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]
"""The marks of a browser test module: ``pytestmark = MARKS``."""


class DevTools:
    """Just enough of the DevTools protocol: commands on one page session, events collected."""

    def __init__(self, url: str) -> None:
        from websockets.sync.client import connect

        self.ws = connect(url, max_size=64 * 2**20, open_timeout=20)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> dict[str, Any]:
        """Send a command and wait for its answer, keeping the events that arrive meanwhile."""
        ident = next(self.ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for an event (or return it if it already came)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {method} within {timeout} s")
            self.events.append(json.loads(self.ws.recv(timeout=remaining)))

    def drain(self, seconds: float) -> None:
        """Collect whatever events arrive in the next ``seconds`` (late requests, late errors)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                self.events.append(json.loads(self.ws.recv(timeout=remaining)))
            except TimeoutError:
                return


def devtools_url(profile: Path, proc: subprocess.Popen[bytes]) -> str:
    """The browser's DevTools address, from the port file it writes into its profile."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with {proc.returncode}")
        if port_file.exists():
            lines = port_file.read_text().split()
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port")


def console_errors(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Console errors and assertions, uncaught exceptions and error log entries among ``events``."""
    return [
        e for e in events
        if (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
        or e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]  # fmt: skip


def requested(events: list[dict[str, Any]]) -> list[str]:
    """The URLs requested among ``events``."""
    return [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]


class Tab:
    """One headless chromium tab; every event it sends is kept, for errors and requests."""

    def __init__(self, cdp: DevTools) -> None:
        self.cdp = cdp
        self.seen: list[dict[str, Any]] = []

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression on the page."""
        result = self.cdp.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def _archive(self) -> None:
        self.seen += self.cdp.events
        self.cdp.events.clear()

    def go(self, url: str, timeout: float = 60) -> None:
        """Load ``url`` and wait for its load event."""
        self._archive()
        self.cdp.send("Page.navigate", {"url": url})
        self.cdp.wait_for("Page.loadEventFired", timeout=timeout)

    def click(self, selector: str) -> None:
        """Click the element (a form's button): the browser posts the form and loads the answer."""
        self._archive()
        found = f"(() => {{ const b = document.querySelector({json.dumps(selector)}); b && b.click(); return !!b; }})()"
        assert self.eval(found), selector
        self.cdp.wait_for("Page.loadEventFired", timeout=120)

    def screenshot(self, whole: bool = True, clip: dict[str, Any] | None = None) -> bytes:
        """A PNG of the whole page (``whole``), of the screen, or of ``clip`` (x, y, width, height, scale)."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": whole or clip is not None}
        if clip is not None:
            params["clip"] = clip
        return base64.b64decode(self.cdp.send("Page.captureScreenshot", params, timeout=60)["data"])

    def events(self) -> list[dict[str, Any]]:
        """Every event so far."""
        self._archive()
        return self.seen

    def errors(self) -> list[dict[str, Any]]:
        """Console errors, uncaught exceptions and error log entries so far."""
        return console_errors(self.events())

    def requests(self) -> list[str]:
        """The URLs requested so far."""
        return requested(self.events())


@contextlib.contextmanager
def chromium(profile: Path, width: int = 1200) -> Iterator[Tab]:
    """A headless chromium with its profile in ``profile`` and a viewport ``width`` CSS pixels wide (below 600: a
    phone), 900 high; its one tab, on about:blank. The browser is closed, and ended, on leaving."""
    (profile / "DevToolsActivePort").unlink(missing_ok=True)  # a port file left by an earlier browser
    args = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        "about:blank",
    ]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        cdp = DevTools(devtools_url(profile, proc))
        target = cdp.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        cdp.session = cdp.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            cdp.send(f"{domain}.enable")
        cdp.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        cdp.events.clear()
        yield Tab(cdp)
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            cdp.send("Browser.close", timeout=5)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height
