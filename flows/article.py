"""The ``check-article`` flow: extract the claims of an article, then verify them like ``verify-claims``.

One flow run: the extract task reads the article and writes the claim file into the run's report folder
(``<out>/<run_id>/claims.yaml``, so ``marketfact check`` can re-check it), then ``verification_steps``
runs the very tasks of ``verify-claims`` on that file and the report shows the article with its sentences
marked by verdict.

With ``reviewed`` (a claim file as plain data: the extracted claims a person confirmed, edited or left out at
the review desk, ``marketfact web``), those claims are checked instead of the extracted ones: they are
validated like any claim file and written as ``claims.yaml``, the extraction is kept beside them as
``claims.extracted.yaml``, and the article view marks the reviewed claims only.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State

from marketfact.checks.runreport import ArticleExtraction
from marketfact.claims.model import ClaimFile
from marketfact.flows.runmeta import check_fail_on, final_state, label_flow_run, run_tags, stem_of
from marketfact.flows.tasks import FlowResult
from marketfact.flows.verify import base_url, verification_steps
from marketfact.settings import DEFAULT_CACHE_DIR, DEFAULT_OUT_DIR, absolute, absolute_url

CLAIMS_FILE_NAME = "claims.yaml"
"""The claim file's name inside the run's report folder."""
EXTRACTED_FILE_NAME = "claims.extracted.yaml"
"""With reviewed claims: the extraction's own claim file, kept beside the reviewed one."""


@task(name="extract-claims", cache_policy=NO_CACHE)
def extract_task(
    article_path: str,
    published: str,
    lang: str,
    alias_files: list[str],
    online: bool,
    claims_out: str,
    reviewed: dict[str, Any] | None = None,
    confirm_below: float = 0.8,
) -> tuple[ArticleExtraction, list[str], ClaimFile]:
    """Read the article, extract its claims, write the claim file; the extraction, its report lines and the claims.

    The claims are handed on in memory, validated as the claim file written for the user would be when read
    back (``claims.load.parse_claims`` on the same data).

    Raises ``claims.extract.ExtractionError`` (including ``NoClaimsFoundError``) for an article that
    gives no claim file: the run stops there, before any data is fetched. No retries: a failing online
    name search is already a warning of the extraction, not an error. With ``reviewed`` the claim file
    written is that one (``claims.load.ClaimFileError`` when it is not a valid claim file) and the
    extraction's own goes to ``claims.extracted.yaml`` beside it. Claims read with confidence under
    ``confirm_below`` are "reading uncertain — confirm" in the report, unless the reviewed file has
    ``confirmed: true`` on them.
    """
    from marketfact.claims.extract import AliasTable, extract_claims, parse_published, read_article, yahoo_searcher
    from marketfact.claims.load import parse_claims
    from marketfact.reports.articleextraction import article_extraction

    text = read_article(article_path)
    when = parse_published(published)
    aliases = None
    if alias_files or online:
        aliases = AliasTable.load(*alias_files, searcher=yahoo_searcher() if online else None)
    extraction = extract_claims(text, when, lang, aliases)
    out = Path(claims_out)
    if reviewed is None:
        # raises NoClaimsFoundError before a run folder is made for nothing
        claims = parse_claims(extraction.to_claim_file_dict(), str(out))
        out.parent.mkdir(parents=True, exist_ok=True)
        extraction.write(out, origin=article_path)
        seen = article_extraction(extraction, text, article_path, str(out), confirm_below=confirm_below)
        return seen, extraction.report_lines(), claims
    checked = parse_claims(reviewed, "the reviewed claims")  # the claim file's own validation and messages
    out.parent.mkdir(parents=True, exist_ok=True)
    if extraction.claims:
        extraction.write(out.with_name(EXTRACTED_FILE_NAME), origin=article_path)
    body = yaml.safe_dump(reviewed, sort_keys=False, allow_unicode=True, width=1000)
    head = f"# Claims reviewed at the marketfact desk; the extraction's own file is {EXTRACTED_FILE_NAME}.\n"
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(head + body, encoding="utf-8")
    tmp.replace(out)
    confirmed = frozenset(c.id for c in checked.claims if c.confirmed)
    seen = article_extraction(
        extraction, text, article_path, str(out), confirm_below=confirm_below, confirmed=confirmed
    )
    ids = {c.id for c in checked.claims}
    return replace(seen, claims=tuple(c for c in seen.claims if c.claim_id in ids)), extraction.report_lines(), checked


@flow(name="check-article", log_prints=False)
def check_article(
    article_path: str,
    published: str,
    out_dir: str = DEFAULT_OUT_DIR,
    lang: str = "auto",
    source: str = "auto",
    report_lang: str = "en",
    aliases: list[str] | None = None,
    online: bool = False,
    snapshot_dir: str | None = None,
    cache_dir: str = DEFAULT_CACHE_DIR,
    history_url: str | None = None,
    reviewed: dict[str, Any] | None = None,
    fail_on: str | None = None,
    report_base_url: str | None = None,
    confirm_below: float = 0.8,
) -> State[FlowResult]:
    """Extract the claims of an article (published at ``published``, ISO 8601) and check them.

    ``lang`` is the article's language (de, en or auto); ``report_lang`` the report's. ``reviewed``: a claim
    file as plain data to check instead of the extracted claims (see the module's docstring). Returns what
    ``verify_claims`` returns plus ``claims_path``, ``extraction`` and its ``report_lines``; ``fail_on`` and
    ``report_base_url`` as for ``verify_claims``, except that ``fail_on`` never fails the run on a claim read
    with confidence under ``confirm_below`` that no person confirmed (``reading uncertain — confirm``). The
    flow run is named after the article's file.
    """
    from marketfact.checks.engine import now
    from marketfact.checks.run import new_run_id

    check_fail_on(fail_on)
    started = now()
    run_id = new_run_id(started)
    # Relative paths (a deployment's parameters) are taken from the working directory, here, once.
    article_path, out_dir, cache_dir = str(absolute(article_path)), str(absolute(out_dir)), str(absolute(cache_dir))
    snapshot_dir = str(absolute(snapshot_dir)) if snapshot_dir else None
    history_url = absolute_url(history_url) if history_url else None
    aliases = [str(absolute(a)) for a in aliases or ()]
    claims_path = Path(out_dir) / run_id / CLAIMS_FILE_NAME
    label_flow_run(stem_of(article_path), run_tags(stem_of(article_path), source, report_lang, "article"))
    extraction, lines, claims = extract_task(
        article_path, published, lang, list(aliases or ()), online, str(claims_path), reviewed, confirm_below
    )
    _log_extraction(extraction, article_path, claims_path)
    result = verification_steps(
        str(claims_path), out_dir, source, report_lang, snapshot_dir, cache_dir, history_url,
        started=started, run_id=run_id, extraction=extraction, claims=claims, fail_on=fail_on,
        report_base_url=base_url(report_base_url), name=stem_of(article_path),
    )  # fmt: skip
    weighed = result["run"].extraction  # the readings weighed by their verdicts (``judged``)
    whole_result = FlowResult({**result, "claims_path": str(claims_path), "extraction": weighed, "report_lines": lines})
    return final_state(result["run"], fail_on, whole_result, set(weighed.unsure()))


def _log_extraction(extraction: ArticleExtraction, article_path: str, claims_path: Path) -> None:
    """The flow run's log: what the extract task found, and the extractor's warnings."""
    logger = get_run_logger()
    logger.info(
        "%d claim(s) extracted from %s, %d number(s) not market claims, %d unresolved name(s); claim file %s",
        len(extraction.claims), article_path, len(extraction.not_market), len(extraction.unresolved), claims_path,
    )  # fmt: skip
    for message in extraction.warnings:
        logger.warning("extraction: %s", message)
