"""Why a claim cannot be checked, as data: a reason code and its parameters.

The checker records a reason as one English line (``Verdict.reason``, the history's record); several
reasons are joined by "; ". ``TEMPLATES`` holds the English wording of every reason the checker writes,
one per code; ``read_reasons`` turns a recorded line back into ``Reason``s by these templates, so that a
report can write each reason in its own language (``reports.reasontext.reason_text``). A part no template
matches is kept whole as ``Reason("text", {"text": ...})`` and shown as written.

The templates are the producers' wording: a test runs the checker on claim sets that reach every reason
and fails when a recorded reason falls back to ``text``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

TEMPLATES: dict[str, str] = {
    # data-quality failures on values a verdict rests on (checks.engine, checks.quality.validate)
    "quality_failed_for": "{check} ({expectation}) failed for {days}",
    "quality_failed_on_claim": "{check} failed on the claim",
    "quality_failed_on_rate": "{check} failed on the {base}→{quote} rate",
    "quality_failed_on": "{check} ({expectation}) failed on {dataset}",
    "quality_count_failed_on": "{check} failed on {dataset}",
    # missing data (checks.explain, checks.engine)
    "no_base": "the data has no session before {day} to measure from",
    "no_row": "the data has no row for {day}",
    "missing_price": "a price this verdict needs is missing in the data",
    "no_price_data": "no price data for {symbol}",
    "no_shares": "no share count for {symbol} on or before {day}",
    "no_fx": "no {base}→{quote} rate for {day}",
    # the claim and its instrument (claims.resolve)
    "unknown_instrument": "unknown instrument '{instrument}' for '{subject}': not in the instrument table",
    "no_instrument": "no instrument given for '{subject}'",
    "no_market_value": "{symbol} is an {kind}, which has no market value",
    "not_in_points": "{symbol} is an {kind} quoted in {currency}, not in points: state its price with unit: money "
    "and currency: {currency_again}",
    "index_in_points": "{symbol} is an index: its level and its moves are in points (unit: points)",
    "other_currency": "{symbol} is quoted in {currency}, not {claimed}: a price claim is checked in the listing "
    "currency",
    "value_record_currency": "a record of market value is ranked in {symbol}'s listing currency, {currency}, not "
    "{claimed}: give currency: {currency_again}",
    # the claim's days (claims.resolve, market.calendars)
    "period_needs_time": "the period '{period}' needs the article's publication time (published_at)",
    "not_closed": "{day} had not closed on {exchange} when the article appeared ({published}): a close-based claim "
    "cannot be checked against that day",
    "no_session_before": "no session before publication",
    "no_session_given": "no session given; give sessions, a period, or the publication time to search before",
    "outside_calendar": "{day} is outside the {exchange} calendar marketfact knows ({first} to {last}): no session "
    "can be checked then ({name})",
    "not_a_session": "{day} was not a trading session of {exchange} ({name}); the nearest sessions are {before} and "
    "{after}",
    # a period the resolver cannot turn into sessions (claims.periods, market.calendars): its error as recorded
    "period_unknown_word": "unknown period word {word} in {words}",
    "period_no_session": "{exchange} had no trading session on {day} ({weekday}); nearest sessions: {before} and "
    "{after}",
    "period_outside_calendar": "{day} ({weekday}) is outside the {exchange} calendar marketfact knows ({before} is "
    "its nearest session): no session can be checked then",
    "published_outside_calendar": "{published} is outside the {exchange} calendar ({first}..{last})",
    "period_none_closed": "no {exchange} session had closed by {published}",
    "period_do_not_fit": "{words}: {count} sessions up to {last} do not fit the {exchange} calendar",
    "period_not_a_date": "{words} is not a date",
    "period_wrong_weekday": "{day} was a {weekday}, not the weekday named in {words}",
    "period_cannot_combine": "cannot combine the parts of {words}: {parts}",
    "period_since_one_day": "{words}: 'since' needs exactly one day",
    "period_empty": "{words}: {why}, but {first} comes after {last}: no session is left",
    "period_reversed": "{words}: {first} comes after {last}",
    "period_count_mismatch": "{words} names {count} days but {first}..{last} holds {sessions} sessions",
    "period_span_none_closed": "{words}: no {exchange} session of {what} had closed by {published}",
    "period_span_too_few": "{words}: only {count} {exchange} session(s) of {what} had closed",
    "published_needs_offset": "published_at needs a time zone offset, e.g. 2025-01-29T08:00:00+01:00",
    "unknown_calendar": "unknown exchange calendar {exchange}",
    # a price source that could not deliver (market.source, market.snapshot, market.yahoo): the fetch error as
    # recorded; "no_source" comes first, then each source's own reason
    "no_source": "no source has {symbol} for {first}..{last}",
    "snapshot_no_prices": "the snapshot has no prices for {symbol}",
    "snapshot_no_rows": "the snapshot has no {symbol} rows between {first} and {last}",
    "yahoo_no_rows": "Yahoo Finance returned no rows for {symbol} {first}..{last}",
    "yahoo_no_answer": "Yahoo Finance did not answer {symbol} {first}..{last} within {seconds} s ({why})",
    # ... and the network's failures (market.yahoonet: translate_yfinance_error, NetworkDeadline); {fetched} is
    # what was asked for ("NVDA 2025-01-13..2025-02-14", "NVDA shares outstanding up to 2025-01-27"), {error} the
    # client's own words
    "yahoo_no_answer_limit": "Yahoo Finance did not answer {fetched} within {seconds} s (the limit per request; the "
    "run's network deadline is {deadline} s)",
    "yahoo_no_answer_rest": "Yahoo Finance did not answer {fetched} within {seconds} s (the rest of the run's network "
    "deadline of {deadline} s)",
    "yahoo_deadline": "{fetched} not fetched: Yahoo Finance had not answered within the run's network deadline of "
    "{deadline} s",
    "yahoo_unreachable": "yfinance could not reach Yahoo Finance (no network?) while fetching {fetched} ({error})",
    "yahoo_timed_out_after": "yfinance timed out after {seconds} s fetching {fetched} from Yahoo Finance ({error})",
    "yahoo_timed_out": "yfinance timed out fetching {fetched} from Yahoo Finance ({error})",
    "yahoo_http_error": "Yahoo Finance answered with an HTTP error for {fetched} ({error})",
    "yahoo_rate_limited": "Yahoo Finance rate-limited yfinance (HTTP 429 Too Many Requests) while fetching {fetched}; "
    "try again later",
    "yahoo_unknown_symbol": "Yahoo Finance does not know {symbol} (no exchange time zone: unknown or delisted symbol)",
    "yahoo_no_data": "Yahoo Finance has no data for {fetched} ({error})",
    "yahoo_failed": "Yahoo Finance failed while fetching {fetched}: {error}",
    "yfinance_failed": "yfinance failed while fetching {fetched} ({error})",
    "yahoo_no_shares": "Yahoo Finance has no share count for {fetched}",
    # adjusted-only series (checks.adjusted)
    "adjusted_needs_raw": "{symbol}'s vendor series has only dividend-adjusted closes (no raw open, high, low or "
    "close): {what} needs raw prices; only a percent change of the close can be measured on them",
    "adjusted_action": "{symbol}'s vendor series has only dividend-adjusted closes (no raw open, high, low or "
    "close), and {action} (ex-date {day}) falls between {base} and {end}: across it the adjusted change differs "
    "from the raw one",
    "adjusted_uncovered": "{symbol}'s vendor series has only dividend-adjusted closes (no raw open, high, low or "
    "close), and no record of its dividends and splits covers {base}..{end}, so the adjusted change cannot stand "
    "in for the raw one",
    "adjusted_note": "Measured on {symbol}'s dividend-adjusted closes: the vendor series has no raw close, and no "
    "dividend or split falls between {base} and {end} ({who}), so the percent change equals the raw one.",
    # records (checks.kinds)
    "record_gap": "the history since {since} lacks {count} close(s): {days}",
    "record_no_session": "no session between since ({since}) and {end} to compare with",
    "record_needs_history_since": "a record since {since} needs {symbol}'s closes from {first}, and the {source}'s "
    "closes start on {start}: run with --source yfinance to fetch the history",
    "record_needs_history": "a record over all its history (no since given) needs {symbol}'s closes from its first "
    "session, and the {source}'s closes start on {start}: run with --source yfinance to fetch the history",
    # the sentences of a data-quality detail (checks.quality.results, checks.quality.runner): ExpectationResult.facts
    "price_basis": "{symbol} price basis: {basis}",
    "not_checked": "could not be checked: {error}",
    "missing_columns": "missing columns: {columns}",
    "observed": "observed {value}",
    # where an exchange rate came from (market.snapshot, market.yahoo): the sources table's detail
    "ecb_rate": "ECB reference rate of {day} (14:15 CET)",
    "yahoo_bar": "{how}, Yahoo's daily FX bar of {day}; Yahoo stamps it 00:00 London, so it is the rate at the "
    "start of {start}, not an end-of-day fixing",
}
"""Every reason's English wording; ``{name}`` is a parameter (never containing "; ")."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: its code (a key of ``TEMPLATES``, or "text") and its parameters as recorded."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def get(self, name: str) -> str:
        """A parameter's recorded text ('' when the reason has none of that name)."""
        return dict(self.params).get(name, "")

    def english(self) -> str:
        """The reason as the checker wrote it."""
        if self.code not in TEMPLATES:
            return self.get("text")
        return TEMPLATES[self.code].format(**dict(self.params))


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Longer templates first: "… failed on the claim" before "… failed on {dataset}".
    out = []
    for code, template in sorted(TEMPLATES.items(), key=lambda item: -len(item[1])):
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>(?:(?!; ).)+?)" for i, part in enumerate(parts)
        )
        out.append((code, re.compile(regex + r"(?=; |$)", re.DOTALL)))
    return tuple(out)


def read_reasons(text: str | None) -> tuple[Reason, ...]:
    """The reasons of a recorded line, in order; a part no template matches becomes a ``text`` reason."""
    found: list[Reason] = []
    rest = (text or "").strip()
    while rest:
        for code, pattern in _patterns():
            match = pattern.match(rest)
            if match:
                found.append(Reason(code, tuple(match.groupdict().items())))
                rest = rest[match.end() :].removeprefix("; ")
                break
        else:
            part, _, rest = rest.partition("; ")
            if found and found[-1].code == "text":  # an unknown reason that itself holds "; "
                found[-1] = Reason("text", (("text", f"{found[-1].get('text')}; {part}"),))
            else:
                found.append(Reason("text", (("text", part),)))
    return tuple(found)
