"""Merging local actors across documents."""

from __future__ import annotations

from conftest import A, make_analysis
from rashomon.analysis.model import ArticleAnalysis
from rashomon.story.actors import head_noun, is_role_only, merge_actors


def doc(*actors: A) -> ArticleAnalysis:
    return make_analysis("Some text about the talks.", actors=actors)


def test_same_full_name_merges_across_documents() -> None:
    actors, mapping = merge_actors(
        [doc(A("p1", "Jean Moreau")), doc(A("p1", "Jean Moreau"))], ["d1", "d2"]
    )
    assert [a.name for a in actors] == ["Jean Moreau"]
    assert mapping == {("d1", "p1"): "a1", ("d2", "p1"): "a1"}


def test_surname_with_compatible_first_name_merges_and_keeps_fullest_name() -> None:
    actors, _ = merge_actors(
        [doc(A("p1", "Moreau")), doc(A("p3", "J. Moreau")), doc(A("p2", "Jean Moreau"))],
        ["d1", "d2", "d3"],
    )
    assert len(actors) == 1
    assert actors[0].name == "Jean Moreau"
    assert set(actors[0].aliases) == {"Moreau", "J. Moreau"}


def test_same_surname_with_different_first_names_stays_apart() -> None:
    actors, _ = merge_actors(
        [doc(A("p1", "Jean Moreau")), doc(A("p1", "Anne Moreau"))], ["d1", "d2"]
    )
    assert [a.name for a in actors] == ["Jean Moreau", "Anne Moreau"]


def test_title_before_a_name_does_not_split_the_person_across_documents() -> None:
    actors, mapping = merge_actors(
        [doc(A("p1", "Rosa Lind")), doc(A("p1", "Mayor Rosa Lind")), doc(A("p2", "Dr. Lind"))],
        ["d1", "d2", "d3"],
    )
    assert len(actors) == 1
    assert actors[0].name == "Rosa Lind"
    assert {"Mayor Rosa Lind", "Dr. Lind"} <= set(actors[0].aliases)
    assert set(mapping.values()) == {"a1"}


def test_an_organisation_whose_name_starts_like_a_title_keeps_its_name() -> None:
    actors, _ = merge_actors(
        [
            doc(A("o1", "General Motors", kind="organization")),
            doc(A("o1", "Ford Motors", kind="organization")),
        ],
        ["d1", "d2"],
    )
    assert [a.name for a in actors] == ["General Motors", "Ford Motors"]


def test_role_only_actor_joins_the_named_actor_sharing_its_head_noun() -> None:
    named = A("p1", "Hélène Marchand", roles=["French Transport Minister"])
    union = A("p2", "Paul Girard", roles=["head of the Federation of Rail Workers"])
    role = A("p1", "the French minister", kind="unknown", mentions=["the French minister"])
    actors, mapping = merge_actors([doc(named, union), doc(role)], ["d1", "d2"])
    assert mapping[("d2", "p1")] == mapping[("d1", "p1")] == "a1"
    assert "the French minister" in actors[0].aliases
    assert actors[0].kind == "person"


def test_role_without_a_matching_named_actor_stays_its_own_actor() -> None:
    actors, _ = merge_actors(
        [doc(A("p1", "Hélène Marchand", roles=["minister"])), doc(A("p1", "the spokesman"))],
        ["d1", "d2"],
    )
    assert [a.name for a in actors] == ["Hélène Marchand", "the spokesman"]


def test_kinds_are_kept_and_person_never_merges_with_organisation() -> None:
    actors, _ = merge_actors(
        [doc(A("o1", "Girard", kind="organization")), doc(A("p1", "Paul Girard"))], ["d1", "d2"]
    )
    assert [(a.name, a.kind) for a in actors] == [
        ("Girard", "organization"),
        ("Paul Girard", "person"),
    ]


def test_aliases_leave_out_pronouns() -> None:
    actors, _ = merge_actors(
        [doc(A("p1", "Jean Moreau", aliases=["he", "Moreau"], mentions=["Some"]))], ["d1"]
    )
    assert "he" not in actors[0].aliases


def test_role_phrase_helpers() -> None:
    assert is_role_only("the French minister")
    assert not is_role_only("the Federation of Rail Workers")
    assert head_noun("French Transport Minister") == "minister"
    assert head_noun("head of the Federation of Rail Workers") == "head"
    assert head_noun("France's transport minister") == "minister"


def test_head_of_a_role_phrase_stops_at_its_preposition() -> None:
    assert head_noun("spokesman for the ministry") == "spokesman"
    assert head_noun("some close to the mayor") == "close"


def test_people_close_to_an_official_do_not_merge_into_the_official() -> None:
    actors, mapping = merge_actors(
        [
            doc(A("p1", "Anna Berg", roles=["the mayor"])),
            doc(A("g1", "close to the mayor", kind="unknown")),
        ],
        ["d1", "d2"],
    )
    assert mapping[("d1", "p1")] != mapping[("d2", "g1")]
    assert len(actors) == 2


def _one_actor(*names: str) -> list[str]:
    """The report actors' names when each name is a local actor of its own document."""
    actors, _ = merge_actors(
        [doc(A("p1", n)) for n in names], [f"d{i}" for i in range(1, len(names) + 1)]
    )
    return [a.name for a in actors]


def test_a_one_letter_slip_in_another_outlet_is_the_same_person() -> None:
    actors, mapping = merge_actors(
        [doc(A("p1", "Marco Valente")), doc(A("p1", "Marco Vallente"))], ["d1", "d2"]
    )
    assert len(actors) == 1
    assert mapping[("d1", "p1")] == mapping[("d2", "p1")]
    assert {actors[0].name, *actors[0].aliases} >= {"Marco Valente", "Marco Vallente"}


def test_the_spelling_more_outlets_use_names_the_person() -> None:
    assert _one_actor("Marco Vallente", "Marco Valente", "Marco Valente") == ["Marco Valente"]


def test_swapped_letters_in_a_surname_are_a_slip() -> None:
    assert len(_one_actor("Reto Brunnel", "Reto Brunenl")) == 1


def test_close_names_in_one_article_stay_two_people() -> None:
    actors, _ = merge_actors([doc(A("p1", "Marco Valente"), A("p2", "Marco Vallente"))], ["d1"])
    assert len(actors) == 2


def test_short_or_twice_different_names_are_not_slips() -> None:
    assert len(_one_actor("Jon Ball", "Jan Ball")) == 2  # too short to call a slip
    assert len(_one_actor("Anna Kessler", "Paula Kesler")) == 2  # two words differ
    assert len(_one_actor("Marco Valente", "Marco Valentino")) == 2  # two letters


def test_a_different_last_letter_tells_relatives_apart() -> None:
    assert len(_one_actor("Roberto Rossi", "Roberta Rossi")) == 2
    assert len(_one_actor("Maria Lopez", "Mario Lopez")) == 2
    assert len(_one_actor("Kevin Brown", "Kevin Browne")) == 2
    assert len(_one_actor("Vicente Fox", "Vincente Fox")) == 1


def test_a_name_one_slip_from_two_others_is_not_guessed() -> None:
    # "Valente" is one letter from both: which of the two would it be?
    assert len(_one_actor("Marco Vallente", "Marco Valente", "Marco Valentte")) == 3


def test_accents_do_not_split_a_person() -> None:
    assert _one_actor("Lucía Ortíz", "Lucia Ortiz") == ["Lucía Ortíz"]


def test_double_surname_meets_its_first_part_after_the_same_given_name() -> None:
    actors, _ = merge_actors(
        [
            doc(A("p1", "Luis Peñalba", aliases=["Peñalba"])),
            doc(A("p1", "Luis Penalba Rivas", aliases=["Penalba Rivas"])),
        ],
        ["d1", "d2"],
    )
    assert [a.name for a in actors] == ["Luis Penalba Rivas"]
    assert {"Luis Peñalba", "Peñalba", "Penalba Rivas"} <= set(actors[0].aliases)


def test_a_middle_name_is_no_double_surname_the_story_never_writes_alone() -> None:
    assert len(_one_actor("John Paul", "John Paul Jones")) == 2
    actors, mapping = merge_actors(
        [
            doc(A("p1", "Enrique Peña Nieto")),
            doc(A("p1", "Peña Nieto")),
            doc(A("p1", "Enrique Pena")),
        ],
        ["d1", "d2", "d3"],
    )
    assert mapping[("d3", "p1")] == mapping[("d1", "p1")]
    actors, _ = merge_actors(
        [doc(A("p1", "Enrique Peña Nieto", aliases=["Peña Nieto"])), doc(A("p1", "Enrique Pena"))],
        ["d1", "d2"],
    )
    assert [a.name for a in actors] == ["Enrique Peña Nieto"]


def test_double_surname_needs_the_same_given_name() -> None:
    assert len(_one_actor("Ana Penalba", "Luis Penalba Rivas")) == 2
    assert len(_one_actor("Luis Rivas", "Luis Penalba Rivas")) == 1  # same last surname


def test_short_form_of_a_given_name_is_the_same_person() -> None:
    assert len(_one_actor("Chuck Hartley", "Charles E. Hartley")) == 1
    assert len(_one_actor("Liz Morrow", "Elizabeth Morrow")) == 1


def test_given_names_of_their_own_or_short_for_several_stay_apart() -> None:
    assert len(_one_actor("Stephen Miller", "Steven Miller")) == 2
    assert len(_one_actor("Ben Carver", "Benjamin Carver", "Bernard Carver")) == 3
    assert len(_one_actor("Sue Porter", "Susan Porter", "Suzanne Porter")) == 3


def test_two_people_of_one_family_stay_apart() -> None:
    assert len(_one_actor("Bill Morrow", "Hillary Morrow")) == 2
    assert len(_one_actor("George W. Kent", "Jeb Kent")) == 2
    assert len(_one_actor("Tom Wade Jr.", "Tom Wade")) == 2  # son and father


def test_a_numbered_suffix_does_not_split_a_person() -> None:
    assert len(_one_actor("Robert S. Quill III", "Robert Quill")) == 1


def test_a_role_joins_the_person_its_article_names_when_the_story_gives_them_the_role() -> None:
    # d2 names Lind without her office, then calls her "the Ohio governor"
    lind = A("p1", "Rosa Lind", roles=["Ohio Gov."])
    role = A("p2", "Ohio governor", aliases=["the Ohio governor"], roles=["Ohio governor"])
    actors, mapping = merge_actors([doc(lind), doc(A("p1", "Rosa Lind"), role)], ["d1", "d2"])
    assert mapping[("d2", "p2")] == mapping[("d1", "p1")]
    assert len(actors) == 1


def test_a_role_of_its_own_article_is_left_alone_when_it_says_more_or_two_people_fit() -> None:
    lind = A("p1", "Rosa Lind", roles=["Ohio Gov."])
    hale = A("p2", "Tom Hale", roles=["Utah Gov."])
    former = A("p2", "former governor", aliases=["the former governor"])
    _, mapping = merge_actors([doc(lind), doc(A("p1", "Rosa Lind"), former)], ["d1", "d2"])
    assert mapping[("d2", "p2")] != mapping[("d1", "p1")]  # "former" is not among her roles
    governor = A("p3", "Ohio governor", aliases=["the Ohio governor"])
    _, mapping = merge_actors(
        [doc(lind, hale), doc(A("p1", "Rosa Lind"), A("p2", "Tom Hale"), governor)], ["d1", "d2"]
    )
    assert mapping[("d2", "p3")] not in {mapping[("d1", "p1")], mapping[("d1", "p2")]}


def test_a_lieutenant_governor_is_not_the_governor() -> None:
    lind = A("p1", "Rosa Lind", roles=["Gov."])
    deputy = A("p1", "lieutenant governor", aliases=["the lieutenant governor"])
    _, mapping = merge_actors([doc(lind), doc(deputy)], ["d1", "d2"])
    assert mapping[("d2", "p1")] != mapping[("d1", "p1")]
    assert head_noun("the lieutenant governor") == "lieutenant governor"
    assert head_noun("Texas Gov.") == "governor"


def test_anonymous_sources_merge_only_on_the_same_full_description() -> None:
    def merged(a: str, b: str) -> bool:
        _, mapping = merge_actors(
            [doc(A("u1", a, kind="unknown")), doc(A("u1", b, kind="unknown"))], ["d1", "d2"]
        )
        return mapping[("d1", "u1")] == mapping[("d2", "u1")]

    assert merged("senior Israeli official", "senior Israeli official")
    assert not merged("senior official", "senior Israeli official")
    assert not merged("spokesman", "spokesman")  # a bare role: whose spokesman?


def test_a_surname_does_not_bridge_two_people_of_one_family() -> None:
    # on main "Moreau" opened a group that both Jean and Anne then joined
    assert _one_actor("Jean Moreau", "Moreau", "Anne Moreau") == [
        "Jean Moreau",
        "Moreau",  # which Moreau? nobody can tell
        "Anne Moreau",
    ]
    assert len(_one_actor("Donald Kent", "Donald Kent Jr.", "Kent")) == 3  # which Kent?
    assert len(_one_actor("Donald", "Donald Jr.")) == 2


def test_a_bare_surname_goes_to_the_relative_with_its_role_or_the_more_reported_one() -> None:
    _, mapping = merge_actors(
        [
            doc(A("p1", "Kent", roles=["President"])),
            doc(A("p1", "Mary Kent")),
            doc(A("p1", "Donald Kent", roles=["President"])),
        ],
        ["d1", "d2", "d3"],
    )
    assert mapping[("d1", "p1")] == mapping[("d3", "p1")] != mapping[("d2", "p1")]
    _, mapping = merge_actors(
        [doc(A("p1", "Kent")), doc(A("p1", "Mary Kent")), *[doc(A("p1", "Donald Kent"))] * 2],
        ["d1", "d2", "d3", "d4"],
    )
    assert mapping[("d1", "p1")] == mapping[("d3", "p1")] != mapping[("d2", "p1")]


def test_an_anonymous_source_is_not_the_person_its_own_article_names() -> None:
    named = A("p1", "Jim Vale", roles=["former agency official"])
    source = A("p2", "former agency official", aliases=["A former agency official"])
    _, mapping = merge_actors([doc(named), doc(A("p1", "Jim Vale"), source)], ["d1", "d2"])
    assert mapping[("d2", "p2")] != mapping[("d1", "p1")]
