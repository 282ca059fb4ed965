"""People's names inside one article: accents, double surnames, short given names, family
suffixes, officers of organisations and people who speak for someone, on invented text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.analysis.model import ArticleAnalysis

from ._helpers import quote, speaker_name

pytestmark = pytest.mark.slow

Analyse = Callable[[str], ArticleAnalysis]


def _people(a: ArticleAnalysis) -> list[str]:
    return [x.name for x in a.actors if x.kind == "person"]


def test_a_spokesman_speaks_for_the_person_not_as_them(analyse: Analyse) -> None:
    a = analyse(
        "Mayor Anna Berg left the meeting early.\n\n"
        "Anna Berg's spokesman said the mayor would not resign."
    )
    q = quote(a, "the mayor would not resign")
    assert speaker_name(a, q) != "Anna Berg"
    speaker = a.actor(q.speaker)
    assert speaker is not None and "spokesman" in speaker.name


def test_a_spokesman_for_someone_is_not_them(analyse: Analyse) -> None:
    a = analyse("A spokesman for Berg said the plan was dead.")
    q = quote(a, "the plan was dead")
    assert speaker_name(a, q) == "spokesman"
    berg = next(x for x in a.actors if x.name == "Berg")
    assert "A spokesman" not in berg.aliases


def test_what_a_person_wrote_is_still_theirs(analyse: Analyse) -> None:
    a = analyse("Anna Berg's statement said the mayor would not resign.")
    assert speaker_name(a, quote(a, "the mayor would not resign")) == "Anna Berg"


def test_an_organisations_officer_named_after_it_is_the_speaker(analyse: Analyse) -> None:
    a = analyse("The Union of Concerned Scientists President Jane Roe said the sea was rising.")
    assert speaker_name(a, quote(a, "the sea was rising")) == "Jane Roe"


def test_friends_of_a_titled_person_speak_for_themselves(analyse: Analyse) -> None:
    a = analyse("Friends of President Paul Durand said the strike would go on.")
    assert speaker_name(a, quote(a, "the strike would go on")) != "Paul Durand"


def test_a_name_with_and_without_its_accent_is_one_person(analyse: Analyse) -> None:
    a = analyse(
        "Lucía Ortíz arrived in Lima on Monday.\n\n"
        '"We will sign," Ortiz said. "Not today," Ortíz added.'
    )
    assert speaker_name(a, quote(a, "We will sign,")) == speaker_name(a, quote(a, "Not today,"))
    assert len(_people(a)) == 1


def test_a_double_surname_alone_and_its_first_part_name_one_person(analyse: Analyse) -> None:
    a = analyse(
        "Mexican President Vicente Fox criticized current President Enrique Peña Nieto on "
        "Monday. Fox said Peña Nieto was wrong.\n\n"
        '"It is a mistake," Peña said later.'
    )
    pena = [x for x in a.actors if "Peña" in x.name]
    assert len(pena) == 1
    assert speaker_name(a, quote(a, "It is a mistake,")) == pena[0].name


def test_a_short_given_name_is_the_same_person(analyse: Analyse) -> None:
    a = analyse('Senator Charles E. Grassley spoke first. "No," Chuck Grassley said.')
    assert _people(a) == ["Charles E. Grassley"]


def test_father_and_son_stay_two_people(analyse: Analyse) -> None:
    a = analyse('Donald Trump Jr. said "yes" on Monday. Donald Trump said "maybe" on Tuesday.')
    assert speaker_name(a, quote(a, "yes")) != speaker_name(a, quote(a, "maybe"))


def test_the_vice_president_is_not_the_president(analyse: Analyse) -> None:
    a = analyse('President Tom Hale spoke on Monday. "No," the vice president said.')
    assert speaker_name(a, quote(a, "No,")) != "Tom Hale"


def test_a_vice_president_met_before_the_president_is_not_the_president(
    analyse: Analyse,
) -> None:
    a = analyse(
        '"We will not sign," the vice president said on Monday. President Tom Hale arrived later.'
    )
    assert speaker_name(a, quote(a, "We will not sign,")) != "Tom Hale"


def test_an_adviser_to_the_president_is_not_the_president(analyse: Analyse) -> None:
    a = analyse(
        'The president said: "The border stays open." Anna Berg, an adviser to the president, '
        'said: "The border will close."'
    )
    assert speaker_name(a, quote(a, "The border will close.")) == "Anna Berg"
    assert speaker_name(a, quote(a, "The border stays open.")) != "Anna Berg"


def test_a_role_with_the_persons_name_beside_it_is_that_person(analyse: Analyse) -> None:
    a = analyse(
        "Mark Olsen runs the group.\n\n"
        '"We will win," the group\'s executive director, Mark Olsen, said in a statement.'
    )
    assert speaker_name(a, quote(a, "We will win,")) == "Mark Olsen"
    olsen = next(x for x in a.actors if x.name == "Mark Olsen")
    assert any("executive director" in r for r in olsen.roles)
    assert _people(a) == ["Mark Olsen"]


def test_an_organisation_with_a_name_beside_it_is_not_a_person(analyse: Analyse) -> None:
    a = analyse("The company, Acme Rail, said the plan was dead.")
    assert speaker_name(a, quote(a, "the plan was dead")) != "Acme Rail"


def test_a_name_found_inside_a_longer_name_is_one_mention() -> None:
    from rashomon.analysis.speakers import _Cand, _without_inner_names

    def cand(start: int, end: int, atts: list[int], kind: str = "name") -> _Cand:
        return _Cand(start, end, 0, kind, 0, False, False, atts=atts)  # type: ignore[arg-type]

    longer, given, pronoun = cand(10, 29, [1]), cand(18, 22, [2]), cand(18, 21, [], "pronoun")
    other = cand(40, 48, [3])
    kept = _without_inner_names([longer, given, pronoun, other])
    assert kept == [longer, pronoun, other]
    assert longer.atts == [1, 2]


def test_a_name_inside_a_longer_name_lies_wholly_inside_it() -> None:
    from rashomon.analysis.speakers import _Cand, _inner_name

    def cand(start: int, end: int, kind: str = "name") -> _Cand:
        return _Cand(start, end, 0, kind, 0, False, False)  # type: ignore[arg-type]

    longer = cand(10, 29)
    runs_on, pronoun, inside = cand(20, 35), cand(18, 21, "pronoun"), cand(18, 29)
    assert _inner_name([runs_on, pronoun, inside], longer) is inside
    assert _inner_name([runs_on, pronoun], longer) is None


def test_a_name_inside_two_longer_names_goes_to_the_longest() -> None:
    from rashomon.analysis.speakers import _Cand, _without_inner_names

    def cand(start: int, end: int, atts: list[int]) -> _Cand:
        return _Cand(start, end, 0, "name", 0, False, False, atts=atts)

    inner, middle, outer = cand(18, 22, [1]), cand(14, 22, [2]), cand(10, 29, [3])
    assert _without_inner_names([outer, middle, inner]) == [outer]
    assert sorted(outer.atts) == [1, 2, 3]
