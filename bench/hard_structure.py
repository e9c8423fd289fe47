#!/usr/bin/env python3
"""Write a labelled split of the harder duplicate and off-topic cases, built from BBC articles.

    python bench/hard_structure.py /work/shared/bench/bbc OUT_DIR --seed 1 --half a
    python3 /work/shared/eval/score.py OUT_DIR

Why: the dev split only holds verbatim lead copies and unrelated appended stories, where the rules
are perfect; feeds and CMS exports also produce edited copies, bare teaser headlines, cue-line
tails, several appended items and tails from a story of the same section.  This script makes those
from real articles, plus traps that must not be flagged (a quotation repeated with new attribution,
two results lines in one pattern, a correction notice quoting the story, a closing subheading of
the article's own), and writes ``labels.json`` in the format of the dev split.

Articles are split into two halves by a hash of their path (``--half a`` or ``b``): tune on one
half with one seed, measure on the other half with another, so thresholds are not fitted to the
measuring cases.  Only the standard library is used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SYNONYMS = {
    "said": "stated",
    "says": "states",
    "big": "large",
    "buy": "purchase",
    "bought": "purchased",
    "help": "assist",
    "helped": "assisted",
    "start": "begin",
    "started": "began",
    "show": "reveal",
    "shows": "reveals",
    "showed": "revealed",
    "rise": "increase",
    "rose": "climbed",
    "fell": "dropped",
    "cut": "reduce",
    "plan": "proposal",
    "plans": "proposals",
    "firm": "company",
    "company": "firm",
    "government": "administration",
    "expected": "anticipated",
    "about": "around",
    "chief": "head",
    "major": "significant",
    "hit": "struck",
    "top": "leading",
    "job": "post",
    "jobs": "posts",
    "warned": "cautioned",
    "claims": "allegations",
    "told": "informed",
    "think": "believe",
    "believes": "thinks",
    "important": "key",
    "quickly": "rapidly",
    "won": "claimed",
    "beat": "defeated",
    "added": "continued",
    "announced": "revealed",
    "biggest": "largest",
    "also": "additionally",
    "but": "however",
    "very": "extremely",
    "set": "due",
    "move": "step",
    "decision": "ruling",
    "latest": "most recent",
    "increase": "rise",
    "people": "individuals",
}
ADDED_CLAUSES = [
    ", it has emerged",
    ", according to reports",
    ", officials confirmed",
    " on Monday",
    ", sources said",
    " this week",
]
ADDED_SENTENCES = [
    "The news was confirmed later in the day.",
    "Further details are expected soon.",
    "No other details were given.",
]
NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twelve": "12",
    "twenty": "20",
}
CUES = [
    "Related:",
    "Related stories",
    "More from BBC News",
    "In other news",
    "Read more:",
    "Most read",
    "Top stories",
    "You may also like",
    "More on this story",
    "Also in the news",
]
SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[\"'“‘]?[A-Z])")


@dataclass
class Article:
    path: str
    section: str
    headline: str
    paras: list[str]

    def words(self) -> set[str]:
        return {w.lower() for p in self.paras for w in re.findall(r"[A-Za-z]{4,}", p)}


def load(bbc: Path, half: str) -> list[Article]:
    out = []
    for p in sorted(bbc.rglob("*.txt")):
        rel = p.relative_to(bbc).as_posix()
        if (int(hashlib.sha1(rel.encode()).hexdigest(), 16) % 2 == 0) != (half == "a"):
            continue
        blocks = [
            b.strip() for b in p.read_text(encoding="utf-8", errors="replace").split("\n\n") if b.strip()
        ]
        if len(blocks) < 5 or any("\n" in b for b in blocks):
            continue
        out.append(Article(rel, rel.split("/")[0], blocks[0], blocks[1:]))
    return out


def render(headline: str, paras: list[str]) -> tuple[str, list[int]]:
    """The article text and the 1-based line of each paragraph (blank line between paragraphs)."""
    lines = [3 + 2 * i for i in range(len(paras))]
    return headline + "\n\n" + "\n\n".join(paras) + "\n", lines


# ------------------------------------------------------------------ edits for copies


def op_synonyms(rng: random.Random, text: str) -> str | None:
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if w.lower().strip(",.") in SYNONYMS]
    if not spots:
        return None
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        bare = words[i].strip(",.")
        repl = SYNONYMS[bare.lower()]
        words[i] = words[i].replace(bare, repl.capitalize() if bare[0].isupper() else repl)
    return " ".join(words)


def op_add_clause(rng: random.Random, text: str) -> str | None:
    sents = SENTENCE.split(text)
    if rng.random() < 0.5 or len(text.split()) > 60:
        k = rng.randrange(len(sents))
        s = sents[k]
        if not s.endswith("."):
            return None
        sents[k] = s[:-1] + rng.choice(ADDED_CLAUSES) + "."
    else:
        sents.insert(rng.randint(1, len(sents)), rng.choice(ADDED_SENTENCES))
    return " ".join(sents)


def op_drop(rng: random.Random, text: str) -> str | None:
    sents = SENTENCE.split(text)
    if len(sents) >= 3 or (len(sents) == 2 and rng.random() < 0.5):
        del sents[rng.randrange(1, len(sents))]
        return " ".join(sents)
    m = [x for x in re.finditer(r", ([^,]{8,80}),", text)]
    if m:
        x = rng.choice(m)
        return text[: x.start()] + text[x.end() - 1 :]
    m = [x for x in re.finditer(r", (?:who|which|as|after|while|but|with)\b[^,.]{8,80}(?=\.)", text)]
    if m:
        x = rng.choice(m)
        return text[: x.start()] + text[x.end() :]
    return None


def op_figures(rng: random.Random, text: str) -> str | None:
    subs: list[tuple[str, Callable[[re.Match[str]], str]]] = [
        (r"([£$€])(\d+(?:\.\d+)?)m\b", lambda m: f"{m[1]}{m[2]} million"),
        (r"([£$€])(\d+(?:\.\d+)?)bn\b", lambda m: f"{m[1]}{m[2]} billion"),
        (r"(\d+(?:\.\d+)?)%", lambda m: f"{m[1]} per cent"),
        (r"(\d+(?:\.\d+)?) per cent", lambda m: f"{m[1]}%"),
        (r"\b(\d{1,3}),(\d{3})\b", lambda m: f"{m[1]}{m[2]}"),
        (r"\b(" + "|".join(NUMBER_WORDS) + r")\b", lambda m: NUMBER_WORDS[m[1]]),
    ]
    rng.shuffle(subs)
    for pattern, repl in subs:
        new, n = re.subn(pattern, repl, text, count=1)
        if n:
            return new
    return None


def _decap(text: str) -> str:
    """Lower-case the first letter unless the word is an acronym."""
    return text if text[1:2].isupper() else text[0].lower() + text[1:]


def op_reorder(rng: random.Random, text: str) -> str | None:
    sents = SENTENCE.split(text)
    if len(sents) >= 2 and rng.random() < 0.5:
        i = rng.randrange(len(sents) - 1)
        sents[i], sents[i + 1] = sents[i + 1], sents[i]
        return " ".join(sents)
    for k, s in enumerate(sents):
        m = re.match(r"^(.{15,}?), ((?:said|says|according to|officials|he|she|the)\b[^,]{3,60})\.$", s)
        if m:
            sents[k] = f"{m[2][0].upper()}{m[2][1:]}: {_decap(m[1])}."
            return " ".join(sents)
        m = re.match(r"^(.{20,}?) (on|in|at|after|by) ([^,]{5,40})\.$", s)
        if m and not m[1].endswith(","):
            sents[k] = f"{m[2].capitalize()} {m[3]}, {_decap(m[1])}."
            return " ".join(sents)
    return None


OPS = {
    "synonyms": op_synonyms,
    "added-clause": op_add_clause,
    "dropped": op_drop,
    "figures": op_figures,
    "reordered": op_reorder,
}


def edited_copy(rng: random.Random, text: str) -> tuple[str, list[str]] | None:
    names = list(OPS)
    rng.shuffle(names)
    done: list[str] = []
    for name in names:
        new = OPS[name](rng, text)
        if new and new != text:
            text, done = new, [*done, name]
            if len(done) >= rng.choice((1, 1, 2)):
                break
    return (text, done) if done else None


# ------------------------------------------------------------------ cases


class Builder:
    def __init__(self, arts: list[Article], rng: random.Random) -> None:
        self.arts = arts
        self.rng = rng
        self.by_section: dict[str, list[Article]] = {}
        for a in arts:
            self.by_section.setdefault(a.section, []).append(a)
        self.files: list[tuple[str, str]] = []
        self.labels: list[dict[str, object]] = []
        self.used: set[str] = set()

    def host(self, max_words: int = 900) -> Article:
        """An article not used as a host yet (each article hosts one case at most)."""
        for _ in range(100 * len(self.arts)):
            a = self.rng.choice(self.arts)
            if a.path not in self.used and sum(len(p.split()) for p in a.paras) <= max_words:
                self.used.add(a.path)
                return a
        raise SystemExit("hard_structure.py: not enough articles for --per-class; ask for fewer cases")

    def donor(self, host: Article, same: bool, closest: bool = False) -> Article:
        """Another story: its first paragraph a sentence-long lead, not a retelling of the host's story
        (BBC holds the same story filed twice; such a donor is a duplicate, not an off-topic tail)."""
        pool = self.by_section[host.section] if same else [a for a in self.arts if a.section != host.section]
        hw = host.words()

        def shared(a: Article) -> float:
            dw = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", a.headline + " " + a.paras[0])}
            return len(hw & dw) / max(1, len(dw))

        picks = [
            a
            for a in self.rng.sample(pool, 16)
            if a.path != host.path
            and a.paras[0].endswith(".")
            and len(a.paras[0].split()) >= 12
            and shared(a) < 0.34
        ]
        if closest:
            picks.sort(key=lambda a: -shared(a))
        return picks[0]

    def emit(self, host: Article, paras: list[str], labels: list[dict[str, object]]) -> None:
        name = f"{len(self.files):03d}_{hashlib.sha1(host.path.encode()).hexdigest()[:12]}.txt"
        text, _ = render(host.headline, paras)
        self.files.append((name, text))
        for label in labels:
            label["path"] = name
            self.labels.append(label)

    # duplicates -------------------------------------------------------
    def duplicate(self, lead: bool) -> None:
        for _ in range(50):
            host = self.host()
            paras = list(host.paras)
            choices = [0] if lead else [i for i in range(1, len(paras)) if 12 <= len(paras[i].split()) <= 90]
            if not choices or not 10 <= len(paras[choices[0]].split()) <= 90:
                continue
            i = self.rng.choice(choices)
            made = edited_copy(self.rng, paras[i])
            if made is None:
                continue
            copy, variation = made
            at = self.rng.randint(i + 1, len(paras))
            paras.insert(at, copy)
            _, lines = render(host.headline, paras)
            self.emit(
                host,
                paras,
                [
                    {
                        "line": lines[at],
                        "category": "duplicate",
                        "accept": ["duplicate"],
                        "detail": {
                            "subtype": "edited-copy-lead" if lead else "edited-copy",
                            "variation": variation,
                            "first_copy_line": lines[i],
                        },
                    }
                ],
            )
            return

    # off-topic --------------------------------------------------------
    def tail(self, subtype: str) -> None:
        host = self.host()
        paras = list(host.paras)
        start = len(paras)
        detail: dict[str, object] = {"subtype": subtype, "host_category": host.section}
        if subtype == "bare-headline":
            d = self.donor(host, same=self.rng.random() < 0.5)
            paras.append(d.headline)
            detail["donor"] = d.path
        elif subtype == "cue-tail":
            cue = self.rng.choice(CUES)
            d = self.donor(host, same=self.rng.random() < 0.5)
            paras.append(cue)
            if self.rng.random() < 0.5:
                paras += [d.headline, d.paras[0]]
            else:
                paras += [d.headline] + [
                    self.donor(host, same=False).headline for _ in range(self.rng.randint(0, 2))
                ]
            detail.update(cue=cue, donor=d.path)
        elif subtype == "two-items":
            near = self.donor(host, same=True, closest=True)
            far = self.donor(host, same=False)
            paras += [near.headline, near.paras[0], far.headline, far.paras[0]]
            detail["donor"] = [near.path, far.path]
        elif subtype == "same-category":
            d = self.donor(host, same=True, closest=self.rng.random() < 0.5)
            paras += [d.headline, d.paras[0]]
            detail["donor"] = d.path
        _, lines = render(host.headline, paras)
        self.emit(
            host,
            paras,
            [
                {
                    "line": lines[start],
                    "end_line": lines[-1],
                    "category": "off-topic",
                    "accept": ["off-topic"],
                    "detail": detail,
                }
            ],
        )

    # traps ------------------------------------------------------------
    def trap(self, kind: str) -> None:
        host = self.host()
        paras = list(host.paras)
        rng = self.rng
        if kind == "quote-reattributed":
            quoted = [(i, m) for i, p in enumerate(paras) for m in re.finditer(r"\"([^\"]{40,300})\"", p)]
            if not quoted:
                return self.trap("results-pattern")
            i, m = rng.choice(quoted)
            who = rng.choice(["Critics", "Opponents", "Supporters", "Analysts"])
            paras.insert(
                rng.randint(i + 1, len(paras)),
                f'{who} seized on the remark at a meeting later in the week, repeating: "{m[1].rstrip(",.")}."',  # noqa: E501
            )
        elif kind == "results-pattern":
            teams = rng.sample(
                [
                    "Harfield",
                    "Kestrel Town",
                    "Bramley Rovers",
                    "Ostmoor",
                    "Dunmere United",
                    "Calder Vale",
                    "Westbrook",
                    "Selby Park",
                ],
                4,
            )
            first = rng.randint(1, len(paras))
            for k, (a, b) in enumerate(((teams[0], teams[1]), (teams[2], teams[3]))):
                x, y = rng.randint(2, 5), rng.randint(0, 1)
                paras.insert(
                    first + k,
                    f"{a} beat {b} {x}-{y} at home on Saturday, with {x} goals in the second half "
                    f"after a goalless first period in front of a crowd of "
                    f"{rng.randint(2, 9)},{rng.randint(100, 999)}.",
                )
        elif kind == "correction":
            lead = SENTENCE.split(paras[0])[0].rstrip(".")
            paras.append(
                f"Correction: an earlier version of this story said that {lead[0].lower() + lead[1:]}. "
                "This has been clarified."
            )
        elif kind == "own-subheading":
            if len(paras) < 5:
                return self.trap("clean")
            names = re.findall(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b", " ".join(paras[:-1]))
            common = max(set(names), key=names.count) if names else ""
            heading = f"What next for {common}" if common else "What happens next"
            paras.insert(len(paras) - 1, heading)
        self.emit(host, paras, [])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bbc", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--half", choices=("a", "b"), default="a")
    ap.add_argument("--per-class", type=int, default=30)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    b = Builder(load(args.bbc, args.half), rng)
    n = args.per_class
    for _ in range(n):
        b.duplicate(lead=True)
        b.duplicate(lead=False)
        b.duplicate(lead=False)
        for sub in ("bare-headline", "cue-tail", "two-items", "same-category", "same-category"):
            b.tail(sub)
        for kind in ("quote-reattributed", "results-pattern", "correction", "own-subheading", "clean"):
            b.trap(kind)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.txt"):
        old.unlink()
    for name, text in b.files:
        (args.out / name).write_text(text, encoding="utf-8")
    (args.out / "labels.json").write_text(json.dumps(b.labels, indent=1), encoding="utf-8")
    print(f"{len(b.files)} files, {len(b.labels)} labels -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
