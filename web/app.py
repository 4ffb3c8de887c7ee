"""The desk's web app (Starlette): pages for people, a JSON API for newsroom tools, the reports it wrote.

    GET  /                       paste an article (text, publication time with zone, language)
    POST /articles               read it → redirect to its readings
    GET  /articles/{id}          the readings: each claim with its sentence, forms to confirm, edit or reject
    POST /articles/{id}/claims/{claim}   confirm | reject | reset | edit (validated as a claim file)
    POST /articles/{id}/check    check the confirmed claims (the check-article flow, in the background)
    GET  /articles/{id}/check    progress (reloads itself), then the verdicts and the report's link
    GET  /runs                   the runs and each claim's latest verdict (the verdict history)
    POST /api/check-article      {"text", "published", "language"} → run id and each claim's verdict
    GET  /api/runs/{run_id}      the same for a finished run
    GET  /out/{run_id}/…         the run's reports as written (report.html, report.json, claims.yaml …)

No page needs a script: forms post, the progress page reloads with ``<meta http-equiv="refresh">``.
``web.guard`` stands in front of all of it. UI language: ``?lang=de|en`` (kept in a cookie), else the
browser's Accept-Language.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from marketfact.claims.extract import ExtractionError
from marketfact.claims.load import ClaimFileError
from marketfact.reports.html import stylesheet
from marketfact.reports.i18n import Formatter, Lang
from marketfact.settings import Settings
from marketfact.web.desk import LANGUAGES, BusyError, Desk, DeskError, Draft, NotFoundError, RunState
from marketfact.web.guard import CSRF_FIELD, Guard, GuardConfig, Scope
from marketfact.web.runner import API_FIELDS, RUN_ID, RunError, Runner, read_summary
from marketfact.web.views import claim_card, passages
from marketfact.web.words import words

log = logging.getLogger("marketfact.web")
TEMPLATES = Path(__file__).parent / "templates"
LANG_COOKIE = "mf_lang"
REFRESH_SECONDS = 2
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
    b'fill="#1a7f37"/><path d="M3 11l3-4 3 2 4-5" stroke="#fff" stroke-width="2" fill="none"/></svg>'
)
DESK_CSS = """
nav.desk { display: flex; gap: 1rem; align-items: baseline; border-bottom: 1px solid var(--line);
  padding-bottom: .5rem; margin-bottom: 1rem; }
nav.desk .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
nav.desk .langs { margin-left: auto; font-size: .9rem; }
form.stack label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
form.stack textarea { width: 100%; min-height: 18rem; font: inherit; padding: .5rem; }
form.stack input[type=text], form.stack select { font: inherit; padding: .3rem .4rem; min-width: 22rem; }
.hint { color: var(--muted); font-size: .85rem; }
button { font: inherit; padding: .35rem .9rem; border-radius: 6px; border: 1px solid var(--line);
  background: var(--bg-soft); cursor: pointer; }
button.primary { background: var(--pass); color: #fff; border-color: var(--pass); font-weight: 600; }
button.danger { color: var(--fail); }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-start; margin-top: .5rem; }
.actions form { margin: 0; }
.errors { background: #ffebe9; border: 1px solid var(--fail); border-radius: 6px; padding: .5rem .75rem; }
.errors ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.status { display: inline-block; padding: 0 .55rem; border-radius: 999px; font-size: .85rem; font-weight: 600;
  border: 1px solid var(--line); white-space: nowrap; }
.status-confirmed { background: #dafbe1; border-color: var(--pass); }
.status-rejected { background: #ffebe9; border-color: var(--fail); text-decoration: line-through; }
.status-pending { background: #fff8c5; border-color: #d4a72c; }
section.claim.review-confirmed { border-left-color: var(--pass); }
section.claim.review-rejected { border-left-color: var(--fail); opacity: .75; }
section.claim.review-pending { border-left-color: #d4a72c; }
blockquote.sentence { margin: .5rem 0; padding: .4rem .75rem; background: var(--bg-soft);
  border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
mark.review-pending { background: #fff8c5; } mark.review-confirmed { background: #dafbe1; }
mark.review-rejected { background: #ffebe9; }
mark.num { font-weight: 700; background: #ffe8a3; box-shadow: inset 0 -2px #d4a72c; }
details.edit summary { cursor: pointer; }
.edit-grid { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .75rem; align-items: center; }
.edit-grid input, .edit-grid select { font: inherit; padding: .2rem .35rem; width: 100%; }
.refresh { color: var(--muted); font-size: .85rem; }
"""


@dataclass(frozen=True)
class DeskConfig:
    """How the desk runs: settings, the report folder, and what the guard allows."""

    settings: Settings
    out_dir: Path
    guard: GuardConfig


def ui_lang(request: Request) -> Lang:
    """The interface language: ``?lang=``, else the cookie, else the browser's first choice of de/en."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "")
    if asked == "de" or (asked != "en" and request.headers.get("accept-language", "").lower().startswith("de")):
        return "de"
    return "en"


async def form_of(request: Request) -> dict[str, str]:
    """A url-encoded form's fields (the first value of each); the guard has checked its size and CSRF token."""
    body = await request.body()
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


class DeskApp:
    """The routes, around one ``Desk`` (the drafts) and one ``Runner`` (the flow runs)."""

    def __init__(self, config: DeskConfig) -> None:
        """A desk writing into ``config.out_dir``."""
        self.config = config
        self.out_dir = config.out_dir
        self.desk = Desk(self.out_dir / ".desk" / "articles")
        self.runner = Runner(config.settings, self.out_dir)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
        )
        self.css = (stylesheet() + DESK_CSS).encode("utf-8")

    # ---- rendering -----------------------------------------------------------------------------------------------
    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """Render ``template`` in the request's language, with the form token and the language cookie."""
        lang = ui_lang(request)
        csrf = request.scope.get("state", {}).get("csrf", "")
        html = self.env.get_template(template).render(
            lang=lang, w=words(lang), fmt=Formatter(lang), csrf=csrf, csrf_field=CSRF_FIELD, path=request.url.path,
            **context,
        )  # fmt: skip
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in ("en", "de"):
            response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True)
        return response

    def error(self, request: Request, status: int, key: str, detail: str = "") -> HTMLResponse:
        """An error page: the message for ``key`` (``web.words``), with ``detail`` as quoted text."""
        return self.page(request, "error.html", status, message=words(ui_lang(request))[key], detail=detail)

    # ---- pages -----------------------------------------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        """The paste form, and the articles on the desk."""
        return self.page(request, "paste.html", form={"text": "", "published": "", "language": "auto"}, errors=[],
                         drafts=self.desk.drafts())  # fmt: skip

    async def paste(self, request: Request) -> Response:
        """Read a pasted article; its readings, or the form again with the reason it cannot be read."""
        given = await form_of(request)
        form = {"text": given.get("text", ""), "published": given.get("published", ""),
                "language": given.get("language", "auto")}  # fmt: skip
        text, published, language = form["text"], form["published"], form["language"]
        try:
            draft = await asyncio.to_thread(self.desk.paste, text, published, language)
        except ExtractionError as exc:
            return self.page(request, "paste.html", 400, form=form, errors=[str(exc)], drafts=self.desk.drafts())
        except DeskError as exc:
            w = words(ui_lang(request))
            return self.page(request, "paste.html", 400, form=form, errors=[w[f"err_{exc.key}"]],
                             drafts=self.desk.drafts())  # fmt: skip
        return RedirectResponse(f"/articles/{draft.id}", status_code=303)

    def _draft(self, request: Request) -> Draft:
        return self.desk.get(request.path_params["draft"])

    def readings(self, request: Request, draft: Draft, status: int = 200, errors: list[str] | None = None) -> Response:
        """The readings page of ``draft``."""
        lang = ui_lang(request)
        w, fmt = words(lang), Formatter(lang)
        cards = [claim_card(draft, review, fmt, w) for review in draft.reviews.values()]
        return self.page(request, "article.html", status, draft=draft, cards=cards, passages=passages(draft),
                         counts=draft.counts(), errors=errors or [], run=draft.latest_run)  # fmt: skip

    async def article(self, request: Request) -> Response:
        """GET /articles/{draft}."""
        try:
            return self.readings(request, self._draft(request))
        except NotFoundError as exc:
            return self.error(request, 404, f"err_{exc.key}")

    async def decide(self, request: Request) -> Response:
        """Confirm, reject, reopen or edit one claim; an edit that does not validate shows its messages."""
        form = await form_of(request)
        try:
            draft = self._draft(request)
            claim_id = request.path_params["claim"]
            review = self.desk.decide(draft.id, claim_id, form.get("action", ""), form)
        except NotFoundError as exc:
            return self.error(request, 404, f"err_{exc.key}")
        except DeskError as exc:
            return self.error(request, 400, f"err_{exc.key}")
        if review.errors:
            return self.readings(request, draft, 422)
        return RedirectResponse(f"/articles/{draft.id}#claim-{review.claim_id}", status_code=303)

    async def check(self, request: Request) -> Response:
        """Start a check of the confirmed claims; then the progress page."""
        form = await form_of(request)
        try:
            draft = self._draft(request)
        except NotFoundError as exc:
            return self.error(request, 404, f"err_{exc.key}")
        report_lang = form.get("report_lang") if form.get("report_lang") in ("en", "de") else ui_lang(request)
        w = words(ui_lang(request))
        try:
            reviewed = draft.reviewed_file()
            self.start(draft, reviewed, str(report_lang))
        except DeskError as exc:
            status = 409 if isinstance(exc, BusyError) else 400
            detail = [str(exc.params["message"])] if "message" in exc.params else []
            return self.readings(request, draft, status, [w[f"err_{exc.key}"], *detail])
        return RedirectResponse(f"/articles/{draft.id}/check", status_code=303)

    def start(self, draft: Draft, reviewed: dict[str, Any] | None, report_lang: str) -> tuple[RunState, Any]:
        """Queue a run of ``draft`` (``BusyError`` if one is under way); the run's state and its future."""
        run = self.desk.begin_run(draft)

        def job() -> dict[str, Any]:
            run.status = "running"
            return self.runner.check(
                draft.article_file, draft.published_at.isoformat(), draft.extraction.language, reviewed, report_lang
            )

        def done(future: Any) -> None:
            if future.cancelled():  # the desk stopped before the run began
                self.desk.end_run(draft, run, error="cancelled: the desk was stopped")
                return
            exc = future.exception()
            if exc is None:
                self.desk.end_run(draft, run, summary=future.result())
                return
            if not isinstance(exc, ExtractionError | ClaimFileError | RunError):
                log.error("run of article %s failed", draft.id, exc_info=exc)
            self.desk.end_run(draft, run, error=f"{type(exc).__name__}: {exc}")

        try:
            future = self.runner.submit(job)
        except RuntimeError as exc:  # the desk is shutting down
            self.desk.end_run(draft, run, error=str(exc))
            raise DeskError("busy") from exc
        future.add_done_callback(done)
        return run, future

    async def progress(self, request: Request) -> Response:
        """GET /articles/{draft}/check: the run's progress (reloading itself), then its verdicts."""
        try:
            draft = self._draft(request)
        except NotFoundError as exc:
            return self.error(request, 404, f"err_{exc.key}")
        run = draft.latest_run
        refresh = REFRESH_SECONDS if run is not None and run.status in ("queued", "running") else None
        return self.page(request, "check.html", draft=draft, run=run, refresh=refresh)

    async def runs(self, request: Request) -> Response:
        """The recorded runs and each claim's latest verdict, from the verdict history."""
        runs, history = await asyncio.to_thread(self._history)
        return self.page(request, "runs.html", runs=runs, history=history)

    def _history(self) -> tuple[list[Any], list[Any]]:
        from marketfact.history import HistoryError, HistoryStore
        from marketfact.history.engine import sqlite_file

        url = self.config.settings.history_for(self.out_dir)
        file = sqlite_file(url)
        if file is not None and not file.exists():
            return [], []
        try:
            with HistoryStore(url) as store:
                return store.runs(limit=50), store.history()
        except HistoryError:
            return [], []

    # ---- the JSON API ----------------------------------------------------------------------------------------------
    async def api_check(self, request: Request) -> Response:
        """POST /api/check-article: extract, check every claim found, answer with the verdicts (waits for the run)."""
        try:
            data = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, status_code=400)
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("text", "published")):
            return JSONResponse({"error": 'give {"text": …, "published": …, "language": …} as strings'}, 400)
        language, report_lang = data.get("language") or "auto", data.get("report_lang")
        if language not in LANGUAGES:
            return JSONResponse({"error": f"language must be one of {', '.join(LANGUAGES)}"}, 400)
        if report_lang not in (None, "en", "de"):
            return JSONResponse({"error": "report_lang must be one of en, de"}, 400)
        try:
            draft = await asyncio.to_thread(self.desk.paste, data["text"], data["published"], str(language))
        except ExtractionError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        report_lang = report_lang or draft.extraction.language  # by default the report speaks the article's language
        if not draft.reviews:
            lines = draft.extraction.report_lines()
            return JSONResponse({"error": "no checkable market claim found", "details": lines}, status_code=422)
        try:
            _, future = self.start(draft, None, str(report_lang))
            result = await asyncio.wrap_future(future)
        except DeskError as exc:
            return JSONResponse({"error": exc.key}, status_code=409)
        except (ExtractionError, ClaimFileError, RunError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        except Exception as exc:
            return JSONResponse({"error": f"the run failed: {type(exc).__name__}: {exc}"}, status_code=500)
        return JSONResponse(self._api_result(result, draft))

    @staticmethod
    def _api_result(summary: dict[str, Any], draft: Draft | None = None) -> dict[str, Any]:
        run_id = summary["run_id"]
        out: dict[str, Any] = {
            "run_id": run_id,
            "report": f"/out/{run_id}/report.html",
            "report_json": f"/out/{run_id}/report.json",
            "counts": summary["counts"],
            "claims": [{k: c.get(k) for k in API_FIELDS} for c in summary["claims"]],
        }
        if draft is not None:
            out["readings"] = f"/articles/{draft.id}"
        return out

    async def api_run(self, request: Request) -> Response:
        """GET /api/runs/{run_id}: a finished run's verdicts."""
        try:
            summary = await asyncio.to_thread(read_summary, self.out_dir, request.path_params["run_id"])
        except RunError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        return JSONResponse(self._api_result(summary))

    # ---- assets ----------------------------------------------------------------------------------------------------
    async def css_file(self, request: Request) -> Response:
        """The reports' stylesheet and the desk's own rules."""
        return Response(self.css, media_type="text/css", headers={"cache-control": "max-age=3600"})

    async def favicon(self, request: Request) -> Response:
        """A small icon, so the browser's own request for one is answered."""
        return Response(FAVICON, media_type="image/svg+xml", headers={"cache-control": "max-age=86400"})

    async def not_found(self, request: Request, exc: Exception) -> Response:
        """Any unknown address."""
        return self.error(request, 404, "not_found")


class ReportFiles:
    """``/out/`` serves the report folders only: ``<run_id>/…`` and the index page, never the history database or
    the desk's article files."""

    def __init__(self, out_dir: Path) -> None:
        """Serve the run folders under ``out_dir``."""
        self.files = StaticFiles(directory=out_dir, check_dir=False)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        """Pass a request for a run's file or the index on; answer anything else with 404."""
        rest = str(scope.get("path", "")).removeprefix(str(scope.get("root_path", ""))).lstrip("/")
        parts = rest.split("/")
        hidden = any(not part or part.startswith(".") for part in parts)  # "..", ".desk", "a//b"
        if hidden or not (rest == "index.html" or (len(parts) > 1 and RUN_ID.match(parts[0]))):
            response = Response("Not found.", status_code=404, media_type="text/plain")
            await response(scope, receive, send)
            return
        await self.files(scope, receive, send)  # type: ignore[arg-type]


def create_app(config: DeskConfig) -> Guard:
    """The desk as an ASGI app: the Starlette routes behind the guard."""
    desk = DeskApp(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await asyncio.to_thread(desk.runner.close)

    app = Starlette(
        routes=[
            Route("/", desk.home),
            Route("/articles", desk.paste, methods=["POST"]),
            Route("/articles/{draft}", desk.article),
            Route("/articles/{draft}/claims/{claim}", desk.decide, methods=["POST"]),
            Route("/articles/{draft}/check", desk.check, methods=["POST"]),
            Route("/articles/{draft}/check", desk.progress),
            Route("/runs", desk.runs),
            Route("/api/check-article", desk.api_check, methods=["POST"]),
            Route("/api/runs/{run_id}", desk.api_run),
            Route("/static/desk.css", desk.css_file),
            Route("/favicon.ico", desk.favicon),
            Mount("/out", app=ReportFiles(config.out_dir)),
        ],
        exception_handlers={404: desk.not_found},
        lifespan=lifespan,
    )
    app.state.desk = desk
    guarded = Guard(app, config.guard)
    guarded.desk = desk  # type: ignore[attr-defined]
    return guarded
