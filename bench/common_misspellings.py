#!/usr/bin/env python3
"""Recall on common real-world misspellings, tried as a new user would: ``newslint check`` on prose.

    python bench/common_misspellings.py [--min-zipf 1.5] [--show 30]

The test set is read at run time from the installed ``codespell`` package (the ``bench`` extra),
never committed (its licence forbids): every ``wrong->right`` entry of its main dictionary with one
correction, both plain lowercase words, whose wrong form people write often enough to be counted
in wordfreq's web word counts (Zipf >= ``--min-zipf``) and that no English dictionary
(Hunspell en_GB/en_US) lists as a word.  Each misspelling is put mid-sentence in a short article of
its own and the real CLI is run over the folder.  Prints recall (the word flagged) and top-1
suggestion accuracy (the first suggestion is codespell's correction).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import wordfreq

from newslint.spelling.hunspell import build_forms

_TEMPLATES = (
    "Officials said the word {w} appeared in the draft.",
    "The report noted that {w} was a concern for investors.",
    "Analysts expect the {w} to weigh on shares this year.",
)
# The same with no word beside the misspelling: the templates above put most words where they
# could not stand ("the totaly to"), so the words around mislead the suggestion; these measure
# the ranking without them (recall is measured with the templates above).
_ISOLATED = (
    "Officials said one word ({w}) appeared in the draft.",
    "The report noted one more, {w}, as a concern for investors.",
    "Analysts expect more: {w}; and shares weighed this year.",
)


def pairs(min_zipf: float) -> list[tuple[str, str]]:
    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or spec.origin is None:
        raise SystemExit("codespell is not installed: pip install '.[bench]'")
    data = Path(spec.origin).parent / "data" / "dictionary.txt"
    words, names = build_forms()
    known = set(words) | set(names)
    out = []
    for line in data.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        right = right.strip().rstrip(",")
        if "," in right or not (wrong.isalpha() and wrong.islower() and right.isalpha() and right.islower()):
            continue
        if len(wrong) < 4 or wrong in known or right not in known:
            continue
        if wordfreq.zipf_frequency(wrong, "en", wordlist="large") >= min_zipf:
            out.append((wrong, right))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-zipf", type=float, default=1.5, help="how common in web counts (default 1.5)")
    ap.add_argument("--show", type=int, default=20, help="misses and wrong suggestions to print")
    ap.add_argument("--isolated", action="store_true", help="no word beside the misspelling (_ISOLATED)")
    ap.add_argument(
        "--dump", type=Path, help="write 'wrong, right, flagged, first suggestion' lines (TSV) here"
    )
    args = ap.parse_args()
    cases = pairs(args.min_zipf)
    with tempfile.TemporaryDirectory() as tmp:
        where: dict[str, tuple[str, str]] = {}
        for i, (wrong, right) in enumerate(cases):
            name = f"a{i:05d}.txt"
            templates = _ISOLATED if args.isolated else _TEMPLATES
            body = templates[i % len(templates)].format(w=wrong)
            Path(tmp, name).write_text(f"Markets report\n\n{body}\n", encoding="utf-8")
            where[name] = (wrong, right)
        proc = subprocess.run(
            [sys.executable, "-m", "newslint", "check", "--select", "typo", "--format", "json", tmp],
            capture_output=True,
            text=True,
            check=False,
        )
        found = json.loads(proc.stdout)["findings"]
    flagged: dict[str, list[str]] = {}
    for f in found:
        name = Path(f["path"]).name
        wrong, _ = where[name]
        if f["line"] == 3 and wrong in f["message"]:
            flagged[name] = f.get("suggestions", [])
    hits = [n for n in where if n in flagged]
    right_top = [n for n in hits if flagged[n][:1] == [where[n][1]]]
    n = len(cases)
    print(f"common misspellings (codespell dictionary, web Zipf >= {args.min_zipf}): {n}")
    print(f"recall            {len(hits) / n:.3f}  ({len(hits)}/{n})")
    share = len(right_top) / max(1, len(hits))
    print(f"top-1 suggestion  {share:.3f}  ({len(right_top)}/{len(hits)} flagged)")
    if args.dump:
        rows = (
            f"{w}\t{r}\t{int(k in flagged)}\t{(flagged.get(k) or [''])[0]}\n" for k, (w, r) in where.items()
        )
        args.dump.write_text("".join(rows), encoding="utf-8")
    misses = [where[k] for k in where if k not in flagged]
    if args.show and misses:
        print("missed:", ", ".join(f"{w}->{r}" for w, r in misses[: args.show]))
    wrong_sugg = [(where[k], flagged[k][:1]) for k in hits if k not in right_top]
    if args.show and wrong_sugg:
        shown = (f"{w}->{s[0] if s else '?'} ({r})" for (w, r), s in wrong_sugg[: args.show])
        print("wrong top suggestion:", ", ".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
