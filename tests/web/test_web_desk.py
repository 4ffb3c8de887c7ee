"""The desk's pages and its review logic, without a flow run: paste, readings, edits, hostile input, German."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from marketfact.claims.load import ClaimFileError, parse_claims
from marketfact.web.desk import BusyError, Desk, DeskError, form_claim
from marketfact.web.views import passages
from tests.web.conftest import DE_ARTICLE, EN_ARTICLE, PUBLISHED, csrf_of, paste

HOSTILE = """# <script>window.__pwned=1</script> Chip stocks fall </textarea></script>

Nvidia shares plunged 17% on Monday <img src=x onerror="window.__pwned=2">, the worst day in years.
Read more at <a href="javascript:alert(1)">javascript:alert(1)</a> and [here](javascript:window.__pwned=3).
</div></mark><script>alert(3)</script> Broadcom fell 17.4% <!-- --> on Monday, its second-worst day.
"""


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags={"pre", "textarea", "div", "blockquote"})


def test_paste_then_readings(client: TestClient, token: str) -> None:
    page = soup(client.get(paste(client, token)).text)
    cards = page.select("section.claim")
    assert [c["data-claim"] for c in cards][:3] == ["s03-nvda", "s03-nvda-2", "s04-nvda"]
    assert len(cards) == 13  # "had closed at $142.62 on Friday" is a close_level claim since #17
    first = cards[0]
    assert first["data-status"] == "pending"
    assert first.select_one("blockquote.sentence mark.num").get_text() == "17%"
    facts = dict(
        zip([d.get_text() for d in first.select("dt")], [d.get_text() for d in first.select("dd")], strict=False)
    )
    assert facts["instrument"] == "NVDA (Nvidia)"
    assert facts["session(s)"] == "Mon, Jan 27, 2025"  # the extractor's resolution on Nasdaq's calendar
    assert facts["metric"] == "close-to-close change"
    assert facts["hedge"] == "none"
    assert facts["confidence"] == "0.95"
    # a reading under the threshold says so, and what it inferred, until a person confirms it
    unsure = [c for c in cards if "reading uncertain — confirm" in c.get_text()]
    # the readings under 0.80, held at what such readings were worth on unseen text (the blind sets' first runs,
    # #14, sessions 9 and 10): Nvidia taken from an earlier mention (s03-2, s04, s05), Oracle's Monday in a sentence
    # that also names "last week" (s09), Alphabet's fall taken from Microsoft's clause (s13-2), and since session 10
    # every day taken from an earlier sentence (0.75: 116 of 147 right once blind9 joined the pool). The desk shows
    # the reading before any verdict; check-article lifts those that pass (claims.extract.calibration.weigh).
    assert [c["data-claim"] for c in unsure] == [
        "s03-nvda-2", "s04-nvda", "s05-nvda", "s08-avgo", "s08-tsm", "s09-orcl", "s11-vst", "s11-ceg", "s12-ixic",
        "s12-gspc", "s13-msft", "s13-googl",
    ]  # fmt: skip
    card = unsure[0]  # "… wiping out almost $600 billion": Nvidia and Monday from the 17% before it
    said = dict(zip([d.get_text() for d in card.select("dt")], [d.get_text() for d in card.select("dd")], strict=True))
    assert said["confidence"].startswith("0.60 — reading uncertain — confirm: ")
    # numbers that are not claims, each with its reason
    rows = page.select("#not-market tbody tr")
    assert {r.select("td")[0].get_text() for r in rows} == {"671 billion", "$500 billion", "228,000"}
    assert all(r.select("td")[3].get_text().strip() for r in rows)
    # the article, each claim sentence marked and linked to its card
    article = page.select_one(".article-text")
    assert article.get_text() == EN_ARTICLE.replace("\r\n", "\n")
    assert article.select_one('a[href="#claim-s03-nvda"]') is not None


def test_passages_give_back_the_text(tmp_path: Path) -> None:
    desk = Desk(tmp_path)
    draft = desk.paste(DE_ARTICLE, "2025-01-28T07:30:00+01:00", "auto")
    joined = "".join(piece.text for passage in passages(draft) for piece in passage.pieces)
    assert joined == draft.text
    assert draft.article_file.read_text(encoding="utf-8") == draft.text
    assert draft.article_file.parent == tmp_path


def test_confirm_reject_and_check_only_the_confirmed(tmp_path: Path) -> None:
    desk = Desk(tmp_path)
    draft = desk.paste(EN_ARTICLE, PUBLISHED, "en")
    with pytest.raises(DeskError) as nothing:
        draft.reviewed_file()
    assert nothing.value.key == "nothing_confirmed"
    desk.decide(draft.id, "s03-nvda", "confirm")
    desk.decide(draft.id, "s08-avgo", "confirm")
    desk.decide(draft.id, "s12-ixic", "reject")
    assert draft.counts() == {"pending": 10, "confirmed": 2, "rejected": 1}  # 13 claims since #17
    reviewed = draft.reviewed_file()
    assert [c["id"] for c in reviewed["claims"]] == ["s03-nvda", "s08-avgo"]
    assert parse_claims(reviewed).claims[0].instrument == "NVDA"  # a claim file like any other
    assert all(c.confirmed for c in parse_claims(reviewed).claims)  # a person confirmed them: not "uncertain"
    desk.decide(draft.id, "s08-avgo", "reset")
    assert [c["id"] for c in draft.reviewed_file()["claims"]] == ["s03-nvda"]


def test_one_run_at_a_time_per_article(tmp_path: Path) -> None:
    desk = Desk(tmp_path)
    draft = desk.paste(EN_ARTICLE, PUBLISHED, "en")
    other = desk.paste(EN_ARTICLE, PUBLISHED, "en")
    run = desk.begin_run(draft)
    with pytest.raises(BusyError):
        desk.begin_run(draft)
    desk.end_run(other, desk.begin_run(other), error="x")  # another article is not held up
    desk.end_run(draft, run, summary={"run_id": "20250128T063000Z-abcdef"})
    assert run.status == "done"
    assert run.run_id == "20250128T063000Z-abcdef"
    desk.end_run(draft, desk.begin_run(draft), error="boom")
    assert draft.latest_run is not None
    assert draft.latest_run.status == "failed"


def test_a_second_check_of_the_same_article_is_refused_while_one_runs(client: TestClient, token: str) -> None:
    location = paste(client, token)
    client.post(f"{location}/claims/s03-nvda", data={"csrf": token, "action": "confirm"})
    desk = client.app.desk.desk  # type: ignore[attr-defined]
    draft = desk.get(location.rsplit("/", 1)[1])
    held = desk.begin_run(draft)  # as if a run were under way
    r = client.post(f"{location}/check", data={"csrf": token})
    assert r.status_code == 409
    assert "one run at a time per article" in r.text
    desk.end_run(draft, held, error="stopped by the test")


def test_nothing_confirmed_nothing_checked(client: TestClient, token: str) -> None:
    location = paste(client, token)
    r = client.post(f"{location}/check", data={"csrf": token})
    assert r.status_code == 400
    assert "Confirm at least one claim" in r.text


def edit(client: TestClient, token: str, location: str, claim: str, **fields: str) -> BeautifulSoup:
    r = client.post(f"{location}/claims/{claim}", data={"csrf": token, "action": "edit", **fields})
    return soup(r.text)


def errors_of(page: BeautifulSoup, claim: str) -> list[str]:
    return [li.get_text() for li in page.select(f'section[data-claim="{claim}"] li.edit-error')]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hedge": "roughly-ish"}, "field 'hedge': Value error, unknown hedge word 'roughly-ish'"),
        ({"value": "seventeen and a bit"}, "value 'seventeen and a bit' is not a number"),
        ({"sessions": "2025-13-40"}, "field 'sessions.0': Input should be a valid date"),
        ({"sessions": "2025-01-28 2025-01-27"}, "sessions must be in order, first to last"),
        ({"metric": "market_cap_change"}, "a market_cap_change claim is in money: set unit: money and a currency"),
        ({"unit": "money", "currency": "EUR"}, "a close_change claim is in percent, not money"),
        ({"currency": "euro"}, "field 'currency': String should match pattern"),
        ({"subject": ""}, "field 'subject': Field required"),
        ({"direction": "sideways"}, "field 'direction': Input should be 'up' or 'down'"),
    ],
)
def test_an_edit_gets_the_claim_files_messages(
    client: TestClient, token: str, fields: dict[str, str], message: str
) -> None:
    location = paste(client, token)
    page = edit(client, token, location, "s03-nvda", **fields)
    shown = errors_of(page, "s03-nvda")
    assert any(message in line for line in shown), shown
    # the very messages a claim file with that claim gives
    desk = client.app.desk.desk  # type: ignore[attr-defined]
    review = desk.get(location.rsplit("/", 1)[1]).reviews["s03-nvda"]
    assert review.status == "pending"  # not saved
    data = form_claim(review.data, fields)
    with pytest.raises(ClaimFileError) as direct:
        parse_claims(
            {"article": {"published_at": PUBLISHED, "language": "en"}, "claims": [{**data, "id": "s03-nvda"}]},
            "claims.yaml",
        )
    assert shown == str(direct.value).splitlines()
    # the form keeps what was typed
    card = page.select_one('section[data-claim="s03-nvda"]')
    name, value = next(iter(fields.items()))
    field = card.select_one(f'[name="{name}"]')
    if field.name == "input":
        assert field.get("value") == value


def test_a_valid_edit_is_saved_confirmed_and_noted(client: TestClient, token: str) -> None:
    location = paste(client, token)
    r = client.post(
        f"{location}/claims/s03-nvda",
        data={"csrf": token, "action": "edit", "hedge": "about", "value": "17.0", "sessions": "2025-01-27"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"].endswith("#claim-s03-nvda")
    desk = client.app.desk.desk  # type: ignore[attr-defined]
    draft = desk.get(location.rsplit("/", 1)[1])
    claim = parse_claims(draft.reviewed_file()).claims[0]
    assert (claim.hedge, claim.value, claim.value_text, claim.sessions) == ("about", 17.0, "17.0", [date(2025, 1, 27)])
    assert claim.precision == 1  # "17.0" states a decimal
    assert claim.notes[-1] == "edited at the review desk: hedge, sessions, value"
    card = soup(client.get(location).text).select_one('section[data-claim="s03-nvda"]')
    assert card["data-status"] == "confirmed"
    assert "edited" in card.select_one(".status").get_text()


def test_a_german_article_takes_german_numbers_in_an_edit(client: TestClient, token: str) -> None:
    location = paste(client, token, DE_ARTICLE, "2025-01-28T07:30:00+01:00")
    desk = client.app.desk.desk  # type: ignore[attr-defined]
    draft = desk.get(location.rsplit("/", 1)[1])
    first = next(iter(draft.reviews))
    r = client.post(f"{location}/claims/{first}", data={"csrf": token, "action": "edit", "value": "16,9"})
    assert r.status_code == 200, errors_of(soup(r.text), first)
    assert draft.reviews[first].data["value"] == 16.9


def test_hostile_article_text_is_shown_inert(client: TestClient, token: str) -> None:
    location = paste(client, token, HOSTILE, "2025-01-27T22:30:00Z")
    html = client.get(location).text
    page = soup(html)
    assert page.find("script") is None
    assert page.find("img") is None
    assert not [a for a in page.find_all("a") if a.get("href", "").lower().startswith("javascript")]
    assert not [t for t in page.find_all(True) if any(k.lower().startswith("on") for k in t.attrs)]
    article = page.select_one(".article-text")
    assert article.get_text() == HOSTILE  # every character, as text
    assert "&lt;script&gt;window.__pwned=" in html  # escaped (its "1" is marked as a number that is no claim)
    assert [c["data-claim"] for c in page.select("section.claim")] == ["s02-nvda", "s03-avgo"]
    # the draft list on the paste page shows the text as text too
    home = soup(client.get("/").text)
    assert home.find("script") is None
    assert "<script>" in home.select_one("table a").get_text()
    # and the pasted text comes back inert in the form when it cannot be read
    r = client.post("/articles", data={"csrf": token, "text": HOSTILE, "published": "yesterday"})
    assert r.status_code == 400
    again = soup(r.text)
    assert again.find("script") is None
    assert again.select_one("textarea").get_text() == HOSTILE
    assert "cannot read the publication time" in again.select_one(".errors").get_text()


def test_everything_in_german(client: TestClient, token: str) -> None:
    home = client.get("/?lang=de")
    assert "Artikel einfügen" in home.text
    assert "mf_lang=de" in home.headers["set-cookie"]
    location = paste(client, token, DE_ARTICLE, "2025-01-28T07:30:00+01:00")
    page = soup(client.get(location).text)
    assert page.find("html")["lang"] == "de"
    assert page.select_one("h1").get_text() == "Lesarten"
    card = page.select_one("section.claim")
    assert card.select_one(".status").get_text().strip() == "offen"
    assert "Wertpapier" in [d.get_text() for d in card.select("dt")]
    assert card.select_one('button[value="confirm"]').get_text() == "Bestätigen"
    r = client.post(f"{location}/check", data={"csrf": token})
    assert "Bestätigen Sie vor der Prüfung mindestens eine Aussage." in r.text
    assert "Läufe und Verlauf" in client.get("/runs").text
    assert "Nicht gefunden" in client.get("/nowhere").text
    # the browser's language decides when nothing was chosen
    fresh = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"}, cookies={"mf_lang": ""})
    assert "Artikel einfügen" in fresh.text


def test_an_unknown_article_or_claim(client: TestClient, token: str) -> None:
    assert client.get("/articles/000000000000").status_code == 404
    assert client.get("/articles/..%2f..%2fetc").status_code == 404
    location = paste(client, token)
    r = client.post(f"{location}/claims/nope", data={"csrf": token, "action": "confirm"})
    assert r.status_code == 404
    r = client.post(f"{location}/claims/s03-nvda", data={"csrf": token, "action": "explode"})
    assert r.status_code == 400


def test_runs_page_without_history(client: TestClient) -> None:
    page = soup(client.get("/runs").text)
    assert "No run recorded yet." in page.get_text()


def test_the_reviewed_file_is_a_claim_file(tmp_path: Path) -> None:
    desk = Desk(tmp_path)
    draft = desk.paste(EN_ARTICLE, PUBLISHED, "en")
    for claim_id in draft.reviews:
        desk.decide(draft.id, claim_id, "confirm")
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(draft.reviewed_file()), encoding="utf-8")
    from marketfact.claims.load import load_claims

    assert [c.id for c in load_claims(path).claims] == list(draft.reviews)
    assert csrf_of('<input name="csrf" value="' + "ab" * 16 + '">') == "ab" * 16
