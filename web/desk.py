"""The desk's state: articles pasted (drafts), the claims read from each, and a person's review of them.

No web framework here: the pages in ``web.app`` only call ``Desk``. An article is read by the same extractor as
``marketfact extract`` (``claims.extract.extract_claims``); an edited claim is validated exactly as a claim file
is (``claims.load.parse_claims``), so the desk shows the messages a claim file would give. What is checked is the
reviewed claim file: the confirmed claims, as extracted or as edited (``Draft.reviewed_file``). One run at a time
per article: ``Desk.begin_run`` takes the draft's lock without waiting, ``Desk.end_run`` gives it back.

Nothing a user types becomes a path: a draft's id and its article's file name are made here.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from marketfact.claims.extract import Extraction, extract_claims, parse_published
from marketfact.claims.load import ClaimFileError, parse_claims
from marketfact.claims.model import Claim
from marketfact.claims.readings import Reading

LANGUAGES = ("auto", "de", "en")
"""The article languages the paste form offers: auto tells German from English by its function words."""
MAX_DRAFTS = 200
"""Drafts kept in memory; the oldest goes first (its runs stay in the report folder and the history)."""
EDITABLE = (
    "text", "subject", "instrument", "metric", "direction", "sessions", "period", "value", "range", "unit",
    "currency", "scale", "hedge", "fx",
)  # fmt: skip
"""The claim-file fields the edit form offers; the id (which ties a claim to its sentence) stays."""
CLAIMS_ORIGIN = "claims.yaml"
"""How validation messages name the claim file the desk checks (the run writes it under this name)."""
DRAFT_ID = re.compile(r"^[a-z0-9]{12}$")

Status = Literal["pending", "confirmed", "rejected"]
RunStatus = Literal["queued", "running", "done", "failed"]


class DeskError(Exception):
    """What the desk cannot do, as a key of ``web.words`` and its parameters (the page words it)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


class NotFoundError(DeskError):
    """No such draft or claim."""


class BusyError(DeskError):
    """A run of this article is under way: one at a time per article."""


def _now() -> datetime:
    return datetime.now(UTC)


def _claim_data(claim: Claim) -> dict[str, Any]:
    """A claim as claim-file data (what ``parse_claims`` reads back to the same claim)."""
    return claim.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


@dataclass
class Review:
    """One extracted claim under review: its claim-file data (as extracted or edited) and the decision."""

    claim_id: str
    reading: Reading
    data: dict[str, Any]
    status: Status = "pending"
    edited: bool = False
    errors: list[str] = field(default_factory=list)  # the last edit's messages, when it did not validate
    form: dict[str, str] = field(default_factory=dict)  # the last edit's values, shown again with its messages

    def form_values(self) -> dict[str, str]:
        """The edit form's fields: the values of a failed edit, else the claim's."""
        if self.form:
            return dict(self.form)
        values: dict[str, str] = {}
        for name in EDITABLE:
            value = self.data.get(name)
            if name == "value" and self.data.get("value_text"):
                value = self.data["value_text"]
            if value is None:
                values[name] = ""
            elif isinstance(value, list | tuple):
                values[name] = " ".join(plain(v) for v in value)
            else:
                values[name] = plain(value)
        values.setdefault("unit", "percent")
        values["unit"] = values["unit"] or "percent"
        values["scale"] = values["scale"] or "one"
        values["fx"] = values["fx"] or "ecb"
        return values


def _text_changed(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Whether the number is written otherwise ("17.0" for "17" states another precision)."""
    return bool(new.get("value_text") != old.get("value_text"))


def plain(value: object) -> str:
    """A value as a form shows it: 17.0 → "17", 0.5 → "0.5", text as it is."""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass
class RunState:
    """A check of a draft's reviewed claims: queued, running, done (with the run's summary) or failed."""

    status: RunStatus = "queued"
    started: datetime = field(default_factory=_now)
    finished: datetime | None = None
    run_id: str | None = None
    error: str | None = None
    summary: dict[str, Any] | None = None


@dataclass
class Draft:
    """An article pasted into the desk, what the extractor read in it, and its review."""

    id: str
    text: str
    published: str  # as given, for the form
    published_at: datetime
    language: str  # as asked: auto, de or en
    extraction: Extraction
    article_file: Path
    reviews: OrderedDict[str, Review]
    created: datetime = field(default_factory=_now)
    runs: list[RunState] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def article_block(self) -> dict[str, Any]:
        """The claim file's ``article`` block: when it appeared and in which language."""
        return {"published_at": self.published_at.isoformat(), "language": self.extraction.language}

    @property
    def latest_run(self) -> RunState | None:
        """The newest check of this draft."""
        return self.runs[-1] if self.runs else None

    def counts(self) -> dict[str, int]:
        """How many claims are pending, confirmed and rejected."""
        out = {"pending": 0, "confirmed": 0, "rejected": 0}
        for review in self.reviews.values():
            out[review.status] += 1
        return out

    def reviewed_file(self) -> dict[str, Any]:
        """The claim file to check: the confirmed claims, as extracted or edited, validated as a claim file; each
        carries ``confirmed: true`` (a person confirmed it: its reading is no longer uncertain)."""
        claims = [{**r.data, "confirmed": True} for r in self.reviews.values() if r.status == "confirmed"]
        if not claims:
            raise DeskError("nothing_confirmed")
        data = {"article": self.article_block, "claims": claims}
        try:
            parse_claims(data, CLAIMS_ORIGIN)
        except ClaimFileError as exc:  # edits are validated one by one; this guards the set (ids, …)
            raise DeskError("invalid_claims", message=str(exc)) from None
        return data


def normalise(text: str) -> str:
    """The article as the flow will read it back from its file: browser line ends (CRLF) and a BOM removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def form_claim(base: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """Claim-file data from an edit form: each editable field the form holds replaces the claim's (an empty one
    drops it); fields the form does not hold stay as they were.

    Values stay text where a claim file may hold text (``value`` is read with the article's number format, so
    "17,5" in a German article is 17.5); lists are split on spaces, commas or semicolons.
    """
    given = [name for name in EDITABLE if name in form]
    drop = set(given) | ({"value_text", "decimals"} if "value" in form else set())
    data = {k: v for k, v in base.items() if k not in drop}
    for name in given:
        raw = " ".join(str(form[name]).split())
        if not raw:
            continue
        if name == "sessions":
            data[name] = [part for part in re.split(r"[\s,;]+", raw) if part]
        elif name == "range":
            data[name] = [part for part in re.split(r"\s*(?:;|–|—|\s-\s|\s+bis\s+|\s+to\s+|\s)\s*", raw) if part]
        else:
            data[name] = raw
    return data


class Desk:
    """The drafts of one server, in memory; each article's text is also written to a file of its own."""

    def __init__(self, article_dir: Path) -> None:
        """``article_dir``: where the articles' files go (the flow reads the article from its file)."""
        self.article_dir = Path(article_dir)
        self._drafts: OrderedDict[str, Draft] = OrderedDict()
        self._lock = threading.Lock()

    def paste(self, text: str, published: str, language: str) -> Draft:
        """Read a pasted article; raise ``claims.extract.ExtractionError`` for input that is not one."""
        if language not in LANGUAGES:
            raise DeskError("bad_language", language=language)
        text = normalise(text)
        when = parse_published(published)
        extraction = extract_claims(text, when, language)
        draft_id = secrets.token_hex(6)
        self.article_dir.mkdir(parents=True, exist_ok=True)
        article_file = self.article_dir / f"{draft_id}.md"
        article_file.write_text(text, encoding="utf-8")
        reviews = OrderedDict(
            (claim.id, Review(claim.id, extraction.reading_of(claim.id), _claim_data(claim)))
            for claim in extraction.claims
        )
        draft = Draft(draft_id, text, published.strip(), when, language, extraction, article_file, reviews)
        with self._lock:
            self._drafts[draft_id] = draft
            while len(self._drafts) > MAX_DRAFTS:
                _, old = self._drafts.popitem(last=False)
                if not old.lock.locked():
                    old.article_file.unlink(missing_ok=True)
        return draft

    def get(self, draft_id: str) -> Draft:
        """The draft ``draft_id``; ``NotFoundError`` if there is none."""
        with self._lock:
            draft = self._drafts.get(draft_id) if DRAFT_ID.match(draft_id) else None
        if draft is None:
            raise NotFoundError("no_draft")
        return draft

    def drafts(self) -> list[Draft]:
        """Every draft, newest first."""
        with self._lock:
            return list(reversed(self._drafts.values()))

    def decide(self, draft_id: str, claim_id: str, action: str, form: dict[str, str] | None = None) -> Review:
        """Confirm, reject or edit one claim. An edit that does not validate keeps the claim as it was and
        carries the claim file's messages (``Review.errors``); one that does confirms the edited claim."""
        draft = self.get(draft_id)
        review = draft.reviews.get(claim_id)
        if review is None:
            raise NotFoundError("no_claim")
        if action == "confirm":
            review.status, review.errors, review.form = "confirmed", [], {}
        elif action == "reject":
            review.status, review.errors, review.form = "rejected", [], {}
        elif action == "reset":
            review.status, review.errors, review.form = "pending", [], {}
        elif action == "edit":
            self._edit(draft, review, form or {})
        else:
            raise DeskError("bad_action", action=action)
        return review

    @staticmethod
    def _edit(draft: Draft, review: Review, form: dict[str, str]) -> None:
        data = form_claim(review.data, form)
        data["id"] = review.claim_id
        try:
            parsed = parse_claims({"article": draft.article_block, "claims": [data]}, CLAIMS_ORIGIN)
        except ClaimFileError as exc:
            review.errors = str(exc).splitlines()
            review.form = {**review.form_values(), **{k: str(v) for k, v in form.items() if k in EDITABLE}}
            return
        edited = _claim_data(parsed.claims[0])
        changed = sorted(
            k
            for k in EDITABLE
            if edited.get(k) != review.data.get(k) or (k == "value" and _text_changed(edited, review.data))
        )
        if changed:
            note = "edited at the review desk: " + ", ".join(changed)
            edited["notes"] = [n for n in edited.get("notes", []) if not n.startswith("edited at the review desk")]
            edited["notes"].append(note)
            review.data, review.edited = edited, True
        review.status, review.errors, review.form = "confirmed", [], {}

    def begin_run(self, draft: Draft) -> RunState:
        """A new run of ``draft``, holding its lock; ``BusyError`` while another is under way."""
        if not draft.lock.acquire(blocking=False):
            raise BusyError("busy")
        run = RunState()
        draft.runs.append(run)
        return run

    @staticmethod
    def end_run(
        draft: Draft, run: RunState, *, summary: dict[str, Any] | None = None, error: str | None = None
    ) -> None:
        """Record how ``run`` ended and give the draft's lock back."""
        try:
            run.finished = _now()
            if error is not None:
                run.status, run.error = "failed", error
            else:
                run.status, run.summary = "done", summary
                run.run_id = (summary or {}).get("run_id")
        finally:
            draft.lock.release()
