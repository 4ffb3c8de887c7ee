"""Read one labelled set with the extractor of ANOTHER commit and print its claims as JSON lines.

    python bench/first_run_reader.py FOLDER   (with PYTHONPATH pointing at that commit's ``marketfact``)

Run by ``bench.first_run_calibration`` inside a temporary worktree of a blind set's first-run commit, so it
imports nothing but the ``marketfact`` it finds first on the path and uses only what every commit since
session 4 has (``claims.extract.evaluate.evaluate_folder``, ``Reading.notes``, ``Reading.inferred``). One line per
extracted claim: the article, the claim, its confidence, notes and inferences as that commit read them, whether
it is fully right as that commit's ``evaluate`` counts it, the class of its error, its sentence, and the claim as
that commit wrote it into the claim file (``claim_data``, with the article's ``published_at`` and ``language``), for
``bench.first_run_calibration`` to judge with today's core.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def records(folder: Path) -> list[dict[str, object]]:
    """Every extracted claim of the labelled articles in ``folder``, read by the importable extractor."""
    from marketfact.claims.extract.evaluate import evaluate_folder

    result = evaluate_folder(folder)
    wrong = {(w.article, w.claim.id): w.kind for w in result.wrong}
    out: list[dict[str, object]] = []
    for s, x in result.scores:
        right = {c.id for c, _ in s.found}
        written = x.to_claim_file_dict(title=s.name) if x.claims else {"article": {}, "claims": []}
        entries = {entry["id"]: entry for entry in written["claims"]}
        head = {k: written["article"].get(k) for k in ("published_at", "language")}
        by_sentence: dict[int, list[str]] = {}
        for c, r in zip(x.claims, x.readings, strict=True):
            by_sentence.setdefault(r.sentence_index, []).append(c.instrument or "")
        for c, r in zip(x.claims, x.readings, strict=True):
            sentence = x.sentences[r.sentence_index]
            out.append(
                {
                    "article": s.name,
                    "claim": c.id,
                    "instrument": c.instrument,
                    "confidence": r.confidence,
                    "notes": list(r.notes),
                    "inferred": list(r.inferred),
                    "right": c.id in right,
                    "wrong": wrong.get((s.name, c.id)),
                    "sentence": sentence.text,
                    "number_at": r.number_span[0] - sentence.start,
                    "sessions": [d.isoformat() for d in r.sessions] if r.sessions else None,
                    "subject_words": r.subject_words,
                    "sentence_instruments": sorted(set(by_sentence[r.sentence_index])),
                    "claim_data": {"article": head, "claim": entries[c.id]},
                }
            )
    return out


def _iso(value: object) -> str:
    """Dates and times in the claim data as ISO text (what a claim file holds)."""
    return value.isoformat()  # type: ignore[attr-defined]


def main() -> int:
    """Print the records of the folder given, one JSON object a line."""
    import marketfact

    print(f"# marketfact from {Path(marketfact.__file__).resolve().parent}", file=sys.stderr)
    for rec in records(Path(sys.argv[1])):
        print(json.dumps(rec, ensure_ascii=False, default=_iso))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
