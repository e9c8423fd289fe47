"""The order of a flagged word's suggestions: the channel, the article and the neighbouring words."""

from __future__ import annotations

import pytest

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.spelling.context import Bigrams
from newslint.spelling.lexicon import Lexicon
from newslint.spelling.morphology import misplaced_apostrophe
from newslint.spelling.ranking import neighbours, rank_corrections


def suggestions(text: str) -> dict[str, tuple[str, ...]]:
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    return {f.flagged: f.suggestions for f in DocumentLinter(rules).lint(Document("t.txt", text))}


def toy_model() -> Bigrams:
    # log10 counts: "per share" is a set phrase, "pure share" is not listed
    words = {"per": 8.0, "pure": 7.0, "share": 8.0, "of": 10.0, "form": 7.5, "forum": 7.0}
    pairs = {"per share": 7.5, "form of": 8.0, "forum of": 4.0}
    return Bigrams(pairs, words, 12.0)


def test_pmi_is_bounded_positive_evidence() -> None:
    model = toy_model()
    assert model.pmi("per", "share") == pytest.approx(2.0)  # 3.5, capped
    assert model.pmi("pure", "share") == 0.0  # unlisted pair: no evidence either way
    assert model.pmi("forum", "of") == 0.0  # listed, but rarer than chance: no evidence for
    assert model.pmi("unknown", "of") == 0.0
    assert model.fit("", "form", "of") == pytest.approx(2.0)
    assert model.fit("", "form", "") == 0.0


def test_neighbours_stop_at_punctuation() -> None:
    text = "at 4.80 dlrs pere share, he said. to get aroud."
    ws = text.index("pere")
    assert neighbours(text, ws, ws + 4) == ("dlrs", "share")
    ws = text.index("aroud")
    assert neighbours(text, ws, ws + 5) == ("get", "")
    assert neighbours("Pere", 0, 4) == ("", "")


def test_rank_weighs_channel_article_and_context() -> None:
    lexicon = Lexicon.load()
    ranked = [("pure", 1, 0.0, 3.8), ("per", 1, 0.0, 3.5)]
    assert rank_corrections(ranked, frozenset(), lexicon)[0] == "pure"  # the channel alone
    assert rank_corrections(ranked, frozenset(), lexicon, ("", "share"), toy_model())[0] == "per"
    # a second edit costs more than the article's use of a word makes up for ...
    far = [("negotiation", 1, 0.0, 3.0), ("negotiations", 2, 0.0, 2.9)]
    assert rank_corrections(far, frozenset(), lexicon)[0] == "negotiation"
    # ... unless the article uses it and it was nearly as likely anyway
    assert rank_corrections(far, frozenset({"negotiations"}), lexicon)[0] == "negotiations"


@pytest.mark.parametrize(
    ("text", "word", "meant"),
    [
        ("Profit rose to 12 cents pere share in the quarter.", "pere", "per"),
        ("Many savers still wnat to buy gold coins.", "wnat", "want"),
        ("It is a mild forem of the illness, doctors said.", "forem", "form"),
        ("Officials will examine wyas of cutting costs.", "wyas", "ways"),
    ],
)
def test_neighbouring_words_choose_the_correction(text: str, word: str, meant: str) -> None:
    found = suggestions(f"Report\n\n{text}\n")
    assert found[word][0] == meant


def test_misplaced_apostrophe_is_moved_back() -> None:
    words = {"we're", "doesn't", "o'clock"}
    assert misplaced_apostrophe("wer'e", words) == "we're"
    assert misplaced_apostrophe("does'nt", words) == "doesn't"
    assert misplaced_apostrophe("oc'lock", words) == "o'clock"
    assert misplaced_apostrophe("we're", words) is None  # nothing to move: moved, it is no word
    assert misplaced_apostrophe("ebber's", words) is None
    found = suggestions("Rugby\n\nHe said: \"Wer'e not getting quick ball and it does'nt help.\"\n")
    assert found["Wer'e"] == ("We're",)
    assert found["does'nt"] == ("doesn't",)


def test_a_silent_e_added_or_dropped_is_a_likely_slip() -> None:
    lexicon = Lexicon.load()
    ranked = [("developed", 1, 0.0, 3.6), ("develop", 1, 0.0, 2.6)]
    assert rank_corrections(ranked, frozenset(), lexicon)[0] == "developed"
    assert rank_corrections(ranked, frozenset(), lexicon, typed="develope")[0] == "develop"


def test_a_lowercase_slip_is_of_a_word_rather_than_a_name() -> None:
    lexicon = Lexicon.load()
    assert "callum" not in lexicon.words and "column" in lexicon.words
    ranked = [("callum", 1, 0.0, 3.5), ("column", 1, 0.0, 3.0)]
    assert rank_corrections(ranked, frozenset(), lexicon, typed="Collum")[0] == "callum"
    assert rank_corrections(ranked, frozenset(), lexicon, typed="collum")[0] == "column"
