"""Classes of real misspellings the spelling rule once let through, and the valid words beside them."""

from __future__ import annotations

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.spelling.lexicon import Lexicon
from newslint.spelling.morphology import rare_doubling


def flagged(text: str) -> dict[str, tuple[str, ...]]:
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    return {
        f.flagged: f.suggestions for f in DocumentLinter(rules).lint(Document("t.txt", f"Report\n\n{text}\n"))
    }


def test_rarely_doubled_consonant_is_a_slip_though_a_dictionary_lists_it() -> None:
    lex = Lexicon.load()
    assert rare_doubling("targetted", lex.words, lex.freq) == "targeted"
    assert rare_doubling("focussed", lex.words, lex.freq) is None  # a British form writers use
    assert rare_doubling("travelled", lex.words, lex.freq) is None
    found = flagged("The plan targetted young voters, and ads targetting them ran for weeks.")
    assert found["targetted"][0] == "targeted"
    assert found["targetting"][0] == "targeting"


def test_valid_doublings_stay_quiet() -> None:
    text = "She focussed on the worshipped idol, travelled far, and was combatting fraud while kidnapped."
    assert flagged(text) == {}


def test_well_known_misspelling_written_twice_is_flagged_both_times() -> None:
    text = "He was made an honourary citizen. The honourary title came with a medal."
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    found = DocumentLinter(rules).lint(Document("t.txt", f"Report\n\n{text}\n"))
    assert [(f.flagged, f.suggestions[0]) for f in found] == [("honourary", "honorary")] * 2


def test_a_story_term_the_web_lacks_is_not_a_repeated_slip() -> None:
    text = "The ariary replaced the franc. One ariary is worth five of the old francs."
    assert flagged(text) == {}


def test_long_name_one_slip_from_a_listed_name_is_flagged() -> None:
    # Bloemfontein is on fewer web pages than the bar for names in general, but a long name one
    # dropped or swapped letter from a listed one is rarely a third name
    found = flagged("The squad flew from Johannesburg to Blomefontein on Tuesday.")
    assert found["Blomefontein"][0] == "Bloemfontein"


def test_long_word_two_slips_from_a_rarer_long_word_is_flagged() -> None:
    found = flagged("The new phone revolutionalised how people listen, and she shrugged nonchantly.")
    assert found["revolutionalised"][0] == "revolutionised"
    assert found["nonchantly"][0] == "nonchalantly"


def test_adverb_of_a_listed_y_adjective_is_a_word() -> None:
    assert flagged("The rules were applied discriminatorily against the newcomers.") == {}


def test_adverb_ending_slips_are_flagged() -> None:
    found = flagged("The minister publically apologised and said the leak happened accidently.")
    assert found["publically"] == ("publicly",)
    assert found["accidently"] == ("accidentally",)
    assert flagged("The minister publicly apologised; it happened accidentally, basically.") == {}


def test_long_unlisted_word_one_slip_from_a_commoner_word_is_flagged() -> None:
    # the web writes credence only a few times as often as creedence, but a nine-letter word one
    # slip from a listed word is rarely a word of its own
    assert flagged("The report lent creedence to the claims.")["creedence"][0] == "credence"


def test_plural_of_a_word_without_one_is_flagged_though_it_splits_in_two() -> None:
    # every+things: a compound by its parts, but the web writes everything far more often
    assert flagged("They lost all their everythings in the flood.")["everythings"][0] == "everything"


def test_regular_plural_of_an_irregular_one_is_flagged() -> None:
    found = flagged("Several countrys sent calfs to the show.")
    assert found["countrys"] == ("countries",)
    assert found["calfs"] == ("calves",)
    assert "hisss" not in flagged("The crowd went hisss at the referee.")  # a letter held on purpose


def test_lost_space_is_not_assumed_where_english_hardly_writes_the_pair() -> None:
    # "for see" is no phrase: forsee is a slip of foresee; "in which" is one
    assert flagged("Nobody could forsee the result.")["forsee"][0] == "foresee"
    assert flagged("It is the town inwhich he grew up.")["inwhich"] == ("in which",)
