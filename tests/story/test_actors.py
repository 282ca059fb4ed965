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
