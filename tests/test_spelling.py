"""Unit tests of the spelling lexicon, candidate ranking, word lists, vocab learning and the kind."""

from __future__ import annotations

import array
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from newslint.config.config import RuleSettings, Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules, apply_settings
from newslint.spelling.candidates import CandidateIndex, adjacent_keys, edit_cost, edits1
from newslint.spelling.lexicon import Lexicon, RareWords, american_to_british, british_to_american
from newslint.spelling.lists import WordListError, load_accept, load_reject
from newslint.spelling.text import initial_before
from newslint.spelling.vocab import learn

RULES = Path(__file__).resolve().parent.parent / "rules" / "typo"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def index(lexicon: Lexicon) -> CandidateIndex:
    return CandidateIndex(lexicon.zipf)


def lint(text: str, **options: object) -> list[tuple[int, str, tuple[str, ...]]]:
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    if options:
        rules = apply_settings(rules, Settings(rules={"spelling": RuleSettings(options=dict(options))}))
    findings = DocumentLinter(rules).lint(Document("t.txt", text))
    return [(f.line, f.flagged, f.suggestions) for f in findings]


def test_lexicon_knows_words_and_frequencies(lexicon: Lexicon) -> None:
    assert lexicon.in_dictionary("house")
    assert lexicon.freq("the") > 7 > lexicon.freq("pyongyang") > 2
    assert lexicon.freq("qxzvbnw") == 0.0


def test_rare_words_are_found_by_binary_search() -> None:
    rare = RareWords("\n".join(["aab", "abc", "zzz"]), array.array("H", [120, 150, 199]).tobytes())
    assert (rare.get("abc"), rare.get("zzz"), rare.get("abd"), rare.get("")) == (1.5, 1.99, 0.0, 0.0)
    assert RareWords("", b"").get("abc") == 0.0


def test_british_american_variants(lexicon: Lexicon) -> None:
    assert "color" in set(british_to_american("colour"))
    assert "centre" in set(american_to_british("center"))
    assert lexicon.british_variant_known("decentralise") == "decentralize"
    assert lexicon.british_form_of("color") == "colour"


def test_compounds(lexicon: Lexicon) -> None:
    assert lexicon.is_compound("drugmaker")
    assert not lexicon.is_compound("britian")


def test_edits_and_costs() -> None:
    assert "hte" in edits1("the") and "th" in edits1("the") and "thee" in edits1("the")
    assert adjacent_keys("q", "w") and not adjacent_keys("q", "p")
    assert edit_cost("teh", "the") < edit_cost("tbe", "the") < edit_cost("xhe", "the")


@pytest.mark.parametrize(
    ("typed", "intended"),
    [
        ("thinck", "think"),
        ("atfer", "after"),
        ("lmited", "limited"),
        ("throut", "through"),
        ("definately", "definitely"),
        ("febuary", "february"),
        ("recieve", "receive"),
    ],
)
def test_top_candidate(index: CandidateIndex, typed: str, intended: str) -> None:
    assert index.candidates(typed)[0].word == intended


def test_no_candidate_for_far_word(index: CandidateIndex) -> None:
    assert index.candidates("vostochny") == []


def test_word_lists(tmp_path: Path) -> None:
    accept = tmp_path / "accept.txt"
    accept.write_text("# names\nZelenskyy\nfoo\n^Xq\\w+$\n", encoding="utf-8")
    words = load_accept([accept])
    assert "Zelenskyy" in words and "FOO" in words and "Xqabc" in words and "zelenskyy" not in words
    reject = tmp_path / "reject.txt"
    reject.write_text("alright -> all right\nirregardless\n", encoding="utf-8")
    assert load_reject([reject]) == {"alright": "all right", "irregardless": ""}
    bad = tmp_path / "bad.txt"
    bad.write_text("([\n", encoding="utf-8")
    with pytest.raises(WordListError):
        load_accept([bad])


@pytest.mark.parametrize("name", ["wire-jargon.txt", "loanwords.txt", "currencies.txt"])
def test_builtin_word_lists_are_clean(name: str) -> None:
    entries = [line for line in (RULES / name).read_text().splitlines() if line and not line.startswith("#")]
    assert entries == sorted(set(entries))
    assert all(e.islower() and e.isalpha() for e in entries)


def test_builtin_phrase_list_is_clean() -> None:
    lines = (RULES / "foreign-phrases.txt").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]
    assert entries == sorted(set(entries))
    assert all(e.islower() and " " in e and e.replace(" ", "").replace("'", "").isalpha() for e in entries)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("She brought a joie de vivre to the part.", []),
        ("A Joie de Vivre award went to the film.", []),  # any case
        ("It gave the show its raison d’être.", []),  # curly apostrophe, accents
        ("They vivre in the town.", ["vivre"]),  # outside the phrase: checked
    ],
)
def test_a_word_of_a_listed_phrase_is_accepted_only_inside_it(text: str, flagged: list[str]) -> None:
    assert [word for _, word, _ in lint(f"Arts\n\n{text}\n")] == flagged


def test_kind_flags_and_suggests() -> None:
    found = lint("Talks\n\nThe minister said teh deal was lmited to steel.\n")
    assert [(line, word) for line, word, _ in found] == [(3, "teh"), (3, "lmited")]
    assert found[1][2][0] == "limited"


def test_kind_keeps_case_of_suggestion() -> None:
    found = lint("Talks\n\nThe deal was signed.\nAtfer the talks, ministers left.\n")
    assert found[0][:2] == (4, "Atfer") and found[0][2][0] == "After"


def test_locale_narrows() -> None:
    text = "Arts\n\nThe organisation and the colour were new.\n"
    assert lint(text) == []
    assert {w for _, w, _ in lint(text, locale="en-US")} == {"organisation", "colour"}
    assert {w for _, w, _ in lint("Arts\n\nThe color was new.\n", locale="en-GB")} == {"color"}


def test_accept_and_reject_options() -> None:
    assert lint("Talks\n\nThe teh deal.\n", accept=["teh"]) == []
    found = lint("Talks\n\nIt was alright.\n", reject={"alright": "all right"})
    assert found == [(3, "alright", ("all right",))]


def test_recurring_unknown_word_is_a_term() -> None:
    assert lint("Cars\n\nThe frunk is big. A frunk holds bags.\n") == []


def test_verdicts_do_not_depend_on_earlier_documents() -> None:
    """One DocumentLinter over many files remembers chunks and verdicts; a finding must not depend on them."""
    linter = DocumentLinter([r for r in all_rules(Settings()) if r.id == "spelling"])
    once = "Talks\n\nThe deal was recieved, (recieved) late.\n"
    single = "Talks\n\nThe letter was recieved, late.\n"
    twice = "Talks\n\nIt was recieved, then recieved, again.\n"
    capital = "Talks\n\nThe deal was signed.\nRecieved, it was filed.\n"
    runs = [
        [(f.line, f.flagged) for f in linter.lint(Document("t.txt", t))]
        for t in (single, twice, single, capital, once)
    ]
    assert runs == [[(3, "recieved")], [], [(3, "recieved")], [(4, "Recieved")], []]


def test_text_with_combining_marks_is_read_word_by_word_too() -> None:
    """Decomposed accents split the lowercased quick tokens, so such text takes the other path."""
    found = lint("Talks\n\nThe cafe\u0301 owner said teh deal was off.\n")
    assert [(line, word) for line, word, _ in found] == [(3, "teh")]


def test_reject_list_applies_to_recurring_words() -> None:
    found = lint("Talks\n\nIt was alright, alright.\n", reject={"alright": "all right"})
    assert [(line, word) for line, word, _ in found] == [(3, "alright"), (3, "alright")]


def test_vocab_learn(tmp_path: Path, lexicon: Lexicon) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Story {i}\n\nThe mayor, said Zanquetti, had left.\n")
    (tmp_path / "x.txt").write_text("Other\n\nOnly once did Qorvahl speak.\n")
    assert learn(sorted(tmp_path.glob("*.txt")), lexicon=lexicon) == ["Zanquetti"]


_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}.'’-]*) $")


@given(st.text(alphabet="aZé .'’-\n1,(", max_size=14), st.data())
def test_the_word_before_a_name_is_found_as_the_pattern_finds_it(text: str, data: st.DataObject) -> None:
    ws = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, ws))
    match = _WORD_BEFORE.search(text, floor, ws)
    assert initial_before(text, ws, floor) == (match.group(1)[:1] if match else "")


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("The envoy met officials in Britian on Monday.", ["Britian"]),
        ("The envoy met officials of Great Britian on Monday.", []),  # after a capitalised word
        ("The envoy met Jean-Luc Britian on Monday.", []),  # after a hyphenated name
        ("The envoy met the well-known Britian on Monday.", ["Britian"]),
        ("The envoy met officials in Britian Airways on Monday.", []),  # before a capitalised word
    ],
)
def test_a_capitalised_word_beside_another_is_taken_as_a_name(sentence: str, flagged: list[str]) -> None:
    linter = DocumentLinter(
        apply_settings([r for r in all_rules(Settings()) if r.id == "spelling"], Settings())
    )
    found = linter.lint(Document("t.txt", f"Talks end\n\n{sentence}\n"))
    assert [f.flagged for f in found] == flagged


@pytest.mark.parametrize(
    ("word", "suggestion"),
    [
        ("hinderance", "hindrance"),  # the channel's cost of the slip hid it: the web writes hindrance
        ("occurance", "occurrence"),  # two slips in a long word, the correction far commoner
        ("existant", "existent"),  # looks like exist+ant: a compound the web hardly knows
        ("aweful", "awful"),  # looks like awe+ful, but a well-known slip of a far commoner word
        ("willl", "will"),  # a short word with a key held down
    ],
)
def test_well_known_misspellings_are_flagged(word: str, suggestion: str) -> None:
    found = lint(f"Markets\n\nAnalysts said the {word} was plain to see in the figures.\n")
    assert [(line, flagged) for line, flagged, _ in found] == [(3, word)]
    assert found[0][2][0] == suggestion


@pytest.mark.parametrize("word", ["tieless", "grassroot", "hardcourt", "delisted", "unpayable", "rueing"])
def test_coinages_near_commoner_words_are_not_flagged(word: str) -> None:
    assert lint(f"Markets\n\nAnalysts said the {word} was plain to see in the figures.\n") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The band's soaring, anthemic chorus filled the arena.",  # anthem + -ic
        "The winger carried the ball upfield before passing.",  # up- + field
        "Voters will become active engagers in the campaign.",  # engage + -r: an agent noun
        "The money went into skilling young workers.",  # skilled is listed: skilling is regular
        "Wages fell to 895 reais a month.",  # a currency the dictionaries lack (ISO 4217 names)
    ],
)
def test_words_derived_from_their_likeliest_correction_are_not_flagged(sentence: str) -> None:
    assert lint(f"Markets\n\n{sentence}\n") == []


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        # a capitalised word mid-sentence one slip from a common word (not a name): a name
        ("The team brought on Gotting for the last ten minutes.", []),
        # ... unless the article writes the correction capitalised (a name it misspells)
        ('"It was close," said Daveport. Davenport then left the court.', ["Daveport"]),
        # one of a list of capitalised items (a team list) is a name, wherever it stands
        ("Replacements: Gotting, Smith, Lock and Hart.", []),
        # an apostrophe inside a capitalised word that is no contraction: a name
        ("The pass was long. Ma'a Nonu scored twice.", []),
        # a contraction with its apostrophe one letter off is still a slip
        ('He said: "Wer\'e not getting quick ball."', ["Wer'e"]),
    ],
)
def test_names_one_slip_from_a_common_word(sentence: str, flagged: list[str]) -> None:
    assert [word for _, word, _ in lint(f"Rugby\n\n{sentence}\n")] == flagged


@pytest.mark.parametrize("word", ["builded", "themselfs", "skool", "collum"])
def test_irregular_forms_and_short_slips_are_flagged(word: str) -> None:
    found = lint(f"Markets\n\nAnalysts said the {word} was plain to see in the figures.\n")
    assert [(line, flagged) for line, flagged, _ in found] == [(3, word)]


def test_irregular_plural() -> None:
    from newslint.spelling.morphology import irregular_plural

    words = {"themselves", "countries", "churches", "wives", "flyover", "flyovers"}
    assert irregular_plural("themself", words) and irregular_plural("country", words)
    assert irregular_plural("church", words) and irregular_plural("wife", words)
    assert not irregular_plural("flyover", words) and not irregular_plural("day", {"daies"})
