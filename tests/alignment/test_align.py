"""Aligning statements across documents: grouping logic (fake embedder) and MiniLM (slow)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import pytest

from rashomon.alignment import (
    MiniLMEmbedder,
    PairModel,
    Statement,
    align_statements,
    candidate_pairs,
)
from rashomon.alignment.features import (
    FEATURES,
    PAIR_MODEL,
    echoes_quote,
    idf_table,
    pair_score,
    pair_vector,
    statement_features,
)
from rashomon.alignment.lexicon import STOPWORDS, words
from rashomon.errors import ModelError
from rashomon.settings import Settings

SETTINGS = Settings()


class HashEmbedder:
    """Bag-of-words hashing: texts sharing content words are similar. Deterministic."""

    name = "test.hash.v1"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 1024), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in words(t):
                if w not in STOPWORDS:
                    out[i, zlib.crc32(w.encode()) % 1024] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out


class MatrixEmbedder:
    """Returns fixed vectors so that pair similarities are set by the test."""

    name = "test.matrix.v1"

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.array([self.vectors[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def st(sid: str, doc: str, text: str, speaker: str | None = None) -> Statement:
    return Statement(id=sid, doc=doc, start=0, end=len(text), text=text, speaker=speaker)


def group_ids(groups: list[list[Statement]]) -> list[set[str]]:
    return [{s.id for s in g} for g in groups]


def test_every_statement_ends_up_in_exactly_one_group() -> None:
    statements = [
        st("a", "d1", "The rail unions will strike on Friday"),
        st("b", "d2", "Rail unions plan a strike on Friday"),
        st("c", "d1", "Farmers block the ring road with tractors"),
        st("d", "d3", "The weather will be sunny in Lyon"),
    ]
    groups = align_statements(statements, embedder=HashEmbedder(), settings=SETTINGS)
    ids = [s.id for g in groups for s in g]
    assert sorted(ids) == ["a", "b", "c", "d"]


def test_near_identical_statements_of_different_documents_align() -> None:
    statements = [
        st("a", "d1", "The rail unions will strike on Friday"),
        st("b", "d2", "The rail unions will strike on Friday, officials said"),
        st("c", "d3", "Rail unions will strike on Friday"),
    ]
    groups = align_statements(statements, embedder=HashEmbedder(), settings=SETTINGS)
    assert group_ids(groups) == [{"a", "b", "c"}]


def test_a_group_never_holds_two_members_of_one_document() -> None:
    statements = [
        st("a", "d1", "The rail unions will strike on Friday"),
        st("b", "d1", "The rail unions will strike on Friday again"),
        st("c", "d2", "The rail unions will strike on Friday"),
    ]
    groups = align_statements(statements, embedder=HashEmbedder(), settings=SETTINGS)
    for g in groups:
        assert len({s.doc for s in g}) == len(g)
    # the exact copy wins the partner
    assert {"a", "c"} in group_ids(groups)


def test_no_chaining_when_the_ends_of_a_chain_differ() -> None:
    # A~B and B~C are strong (shared words, cosine 0.71), A~C is unrelated: average linkage
    # with a minimum pair score keeps A and C apart.
    a, b, c = (
        "unions strike Friday",
        "unions strike Friday farmers block roads",
        "farmers block roads",
    )
    vectors = {a: [1.0, 0.0, 0.0], b: [1.0, 1.0, 0.0], c: [0.0, 1.0, 0.0]}
    statements = [st("a", "d1", a), st("b", "d2", b), st("c", "d3", c)]
    groups = align_statements(statements, embedder=MatrixEmbedder(vectors), settings=SETTINGS)
    assert not any({"a", "c"} <= g for g in group_ids(groups))
    assert {"a", "b"} in group_ids(groups) or {"b", "c"} in group_ids(groups)


def test_candidate_pairs_are_cross_document_neighbours_and_rare_word_sharers() -> None:
    texts = {
        "a": "Grassley postponed the Kavanaugh hearing",
        "c": "The committee vote was delayed again",
        "b": "The hearing will now happen next week",
        "d": "Grassley spoke with Kavanaugh on Monday",
        "e": "Farmers blocked roads with tractors",
    }
    vectors = {
        texts["a"]: [1.0, 0.0, 0.0, 0.0],
        texts["c"]: [0.9, 0.44, 0.0, 0.0],  # close to a, but in a's document
        texts["b"]: [0.8, 0.6, 0.0, 0.0],  # close to a and c
        texts["d"]: [0.0, 0.0, 1.0, 0.0],  # far from all; two rare words shared with a
        texts["e"]: [0.0, 0.0, 0.0, 1.0],  # far from all, nothing shared
    }
    docs = {"a": "d1", "c": "d1", "b": "d2", "d": "d3", "e": "d3"}
    statements = [st(k, docs[k], t) for k, t in texts.items()]
    embedder = MatrixEmbedder(vectors)
    pairs = candidate_pairs(statements, embedder=embedder, settings=SETTINGS)
    assert {frozenset((p.a.id, p.b.id)) for p in pairs} == {
        frozenset("ab"),
        frozenset("cb"),
        frozenset("ad"),
    }
    order = [s.id for s in statements]
    unit = embedder.embed(list(texts.values()))
    for p in pairs:
        assert p.a.doc != p.b.doc
        assert order.index(p.a.id) < order.index(p.b.id)
        assert len(p.vector) == len(FEATURES)
        cosine = float(unit[order.index(p.a.id)] @ unit[order.index(p.b.id)])
        assert p.vector[FEATURES.index("cosine")] == pytest.approx(cosine)
        assert p.score == pytest.approx(pair_score(p.vector))


def test_alignment_joins_a_pair_exactly_when_its_candidate_score_reaches_the_threshold() -> None:
    statements = [
        st("a", "d1", "The rail unions will strike on Friday in Lyon"),
        st("b", "d2", "Unions said rail workers strike Friday"),
    ]
    embedder = HashEmbedder()
    (pair,) = candidate_pairs(statements, embedder=embedder, settings=SETTINGS)
    assert 0.05 < pair.score < 0.95  # a pair the threshold can decide either way
    below = SETTINGS.replace(align_threshold=pair.score - 1e-6, align_min_pair_score=0.0)
    above = SETTINGS.replace(align_threshold=pair.score + 1e-6, align_min_pair_score=0.0)
    assert group_ids(align_statements(statements, embedder=embedder, settings=below)) == [
        {"a", "b"}
    ]
    assert group_ids(align_statements(statements, embedder=embedder, settings=above)) == [
        {"a"},
        {"b"},
    ]


def test_another_pair_model_changes_the_scores_and_the_groups_alike() -> None:
    statements = [
        st("a", "d1", "The rail unions will strike on Friday"),
        st("b", "d2", "The rail unions will strike on Friday, officials said"),
    ]
    embedder = HashEmbedder()
    sceptic = PairModel(PAIR_MODEL.weights, PAIR_MODEL.intercept - 20)
    (shipped,) = candidate_pairs(statements, embedder=embedder, settings=SETTINGS)
    (doubted,) = candidate_pairs(statements, embedder=embedder, settings=SETTINGS, model=sceptic)
    assert doubted.vector == shipped.vector
    assert shipped.score >= SETTINGS.align_threshold > doubted.score
    assert len(align_statements(statements, embedder=embedder, settings=SETTINGS)) == 1
    groups = align_statements(statements, embedder=embedder, settings=SETTINGS, model=sceptic)
    assert group_ids(groups) == [{"a"}, {"b"}]


def test_a_pair_model_needs_one_weight_per_feature() -> None:
    with pytest.raises(ValueError, match="weights"):
        PairModel((1.0, 2.0), 0.0)


def test_different_known_speakers_are_penalised() -> None:
    x, y = "The rail unions will strike", "Rail unions are going on strike"
    fx, fy = statement_features(st("a", "d1", x)), statement_features(st("b", "d2", y))
    idf = idf_table([fx, fy])

    def score(speaker_b: str) -> float:
        a, b = st("a", "d1", x, "a1"), st("b", "d2", y, speaker_b)
        return pair_score(pair_vector(a, b, fx, fy, 0.66, idf))

    assert score("a2") < score("a1")


def test_groups_list_members_in_document_order_and_groups_by_first_statement() -> None:
    statements = [
        st("x", "d2", "Farmers block the ring road with tractors"),
        st("a", "d3", "The rail unions will strike on Friday"),
        st("b", "d1", "The rail unions will strike on Friday"),
    ]
    groups = align_statements(statements, embedder=HashEmbedder(), settings=SETTINGS)
    assert [s.id for s in groups[0]] == ["x"]
    assert [s.doc for s in groups[1]] == ["d1", "d3"]


def test_empty_input_gives_no_groups() -> None:
    assert align_statements([], embedder=HashEmbedder(), settings=SETTINGS) == []


def test_many_statements_each_land_in_one_group_with_one_member_per_document() -> None:
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(300)]
    statements = [
        st(f"s{i}", f"d{i % 8 + 1}", " ".join(rng.choice(vocab, size=12))) for i in range(400)
    ]
    groups = align_statements(statements, embedder=HashEmbedder(), settings=SETTINGS)
    ids = [s.id for g in groups for s in g]
    assert sorted(ids) == sorted(s.id for s in statements)
    assert all(len({s.doc for s in g}) == len(g) for g in groups)


def test_missing_embedding_model_folder_is_a_model_error(tmp_path: object) -> None:
    embedder = MiniLMEmbedder(Settings(embedding_model=str(tmp_path) + "/nowhere"))
    with pytest.raises(ModelError):
        embedder.embed(["text"])


# -- the real model on sentences of the example story ------------------------------------------

MINISTRY = [
    st("m1", "d1", "The ministry has no part in this", "a1"),
    st("m2", "d2", "This matter does not concern the ministry.", "a1"),
    st(
        "m4",
        "d4",
        "The minister said the pension dispute at the state railway company was not a matter "
        "for the ministry.",
        "a1",
    ),
]
CONTEXT = [
    st(
        "c1",
        "d1",
        "Asked about a separate pension dispute at the national railway company, she was brief.",
    ),
    st("c2", "d2", "The company and its employees must settle it between themselves.", "a1"),
]
WAGES = [
    st("w1", "d1", "We have moved closer on wages and on working hours.", "a1"),
    st("w3", "d3", "We have come closer on pay and on hours.", "a1"),
    st("w4", "d4", "We have come closer on salaries and working time.", "a1"),
]
AGREEMENT = [
    st("g1", "d1", "An agreement is likely before the end of the month", "a1"),
    st("g2", "d2", "An agreement is possible before the end of the month", "a1"),
    st("g3", "d3", "An agreement will probably be reached before the end of the month", "a1"),
    st("g4", "d4", "I think an agreement is likely before the end of the month", "a1"),
]
REBUTTAL = [
    st("r3", "d3", "There will be no agreement while the retirement age stays at 64", "a2"),
    st("n3", "d3", "There is no way back.", "a2"),
    st(
        "f3",
        "d3",
        "The federation represents about 40,000 railway employees, a third of them in the "
        "Rhône valley.",
    ),
]


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder(SETTINGS)


@pytest.mark.slow
def test_minilm_vectors_are_normalised_and_versioned(minilm: MiniLMEmbedder) -> None:
    vectors = minilm.embed(["An agreement is likely.", "There is no way back."])
    assert vectors.shape[0] == 2
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert minilm.name == "rashomon.embedder.minilm.v1"


@pytest.mark.slow
def test_translations_sharing_few_words_align(minilm: MiniLMEmbedder) -> None:
    statements = MINISTRY + CONTEXT + WAGES + AGREEMENT + REBUTTAL
    groups = group_ids(align_statements(statements, embedder=minilm, settings=SETTINGS))
    assert {"m1", "m2", "m4"} in groups
    assert {"w1", "w3", "w4"} in groups
    assert {"g1", "g2", "g3", "g4"} in groups


@pytest.mark.slow
def test_unrelated_statements_stay_single_source(minilm: MiniLMEmbedder) -> None:
    statements = MINISTRY + CONTEXT + WAGES + AGREEMENT + REBUTTAL
    groups = group_ids(align_statements(statements, embedder=minilm, settings=SETTINGS))
    for single in ("c1", "c2", "r3", "n3", "f3"):
        assert {single} in groups


@pytest.mark.slow
def test_minilm_groups_hold_one_member_per_document(minilm: MiniLMEmbedder) -> None:
    extra = [
        st("l1", "d1", "An agreement with the rail unions was likely before the end of the month"),
        st("l3", "d3", "A deal with the rail unions was likely before the end of the month"),
    ]
    statements = AGREEMENT + extra
    groups = align_statements(statements, embedder=minilm, settings=SETTINGS)
    for g in groups:
        assert len({s.doc for s in g}) == len(g)
    assert {"l1", "l3"} in group_ids(groups)


@pytest.mark.slow
def test_minilm_does_not_chain_a_claim_into_its_rebuttal(minilm: MiniLMEmbedder) -> None:
    statements = [
        st("a", "d1", "The government will not reopen the retirement age.", "a1"),
        st("b", "d3", "There will be no agreement while the retirement age stays at 64", "a2"),
        st("c", "d2", "An agreement is possible before the end of the month", "a1"),
    ]
    groups = group_ids(align_statements(statements, embedder=minilm, settings=SETTINGS))
    assert groups == [{"a"}, {"b"}, {"c"}]


# -- pair score: what each signal does ----------------------------------------------------------


def _vector(a: Statement, b: Statement, cosine: float, **kw: object) -> list[float]:
    fa, fb = statement_features(a), statement_features(b)
    return pair_vector(a, b, fa, fb, cosine, idf_table([fa, fb]), **kw)  # type: ignore[arg-type]


def test_a_speakers_mutual_best_match_counts_only_when_it_is_clear() -> None:
    # One speaker's two statements on one topic in two reports: each other's best match
    # at a middling cosine, but the runner-up is close, so it is not a sure rendering.
    a = st("a", "d1", "Fuel duty will be frozen until the spring", "a1")
    b = st("b", "d2", "Diesel is now too expensive for rural drivers", "a1")
    vector = _vector(a, b, 0.5, mutual_best=True, mutual_best_speaker=True)
    assert pair_score(vector, speaker_margin=0.03) < 0.5
    # The same pair standing far above every other statement of that speaker is one.
    assert pair_score(vector, speaker_margin=0.3) >= 0.9
    # A high cosine is clear enough on its own.
    high = _vector(a, b, 0.8, mutual_best=True, mutual_best_speaker=True)
    assert pair_score(high) >= 0.9


def test_statements_at_the_same_depth_of_their_reports_score_higher() -> None:
    a = st("a", "d1", "The ferry company cancelled its evening crossings", None)
    b = st("b", "d2", "Evening ferry crossings were called off by the operator", None)
    lede_and_lede = pair_score(_vector(a, b, 0.6, position_gap=0.0))
    lede_and_last = pair_score(_vector(a, b, 0.6, position_gap=1.0))
    assert lede_and_lede > lede_and_last


def test_a_pair_standing_out_from_its_neighbourhood_scores_higher() -> None:
    a = st("a", "d1", "The ferry company cancelled its evening crossings", None)
    b = st("b", "d2", "Evening ferry crossings were called off by the operator", None)
    # Same cosine; in one story both sides have many statements about as close (a dense
    # neighbourhood), in the other the pair stands out.
    assert pair_score(_vector(a, b, 0.6, margin=0.3)) > pair_score(_vector(a, b, 0.6, margin=0.0))


def test_mutual_best_margin_is_the_gap_to_the_runner_up() -> None:
    from rashomon.alignment.align import mutual_best_pairs

    vectors = np.array(
        [[1.0, 0.0, 0.0], [0.9, 0.436, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32
    )  # 0 in d1; 1 and 2 in d2
    pairs = {(0, 1), (0, 2)}
    found = mutual_best_pairs(vectors, [1, 2, 2], pairs)
    assert set(found) == {(0, 1)}
    assert found[(0, 1)] == pytest.approx(0.3, abs=0.01)  # 0.9 against the runner-up 0.6


def test_a_narrative_sentence_quoting_a_run_of_a_direct_quote_renders_it() -> None:
    quote = "If the board says no to our offer, I am not willing to give up my right to strike"
    narrative = (
        'Durand said he was ending the talks at the ministry because he did not want to "give '
        'up my right to strike," which he said the board had demanded'
    )

    def score(speaker_b: str) -> float:
        a = Statement("q", "d1", 0, len(quote), quote, speaker="a1", kind="quote")
        b = Statement("n", "d2", 0, len(narrative), narrative, speaker=speaker_b)
        fa, fb = statement_features(a), statement_features(b)
        # the cosine of a quote and a longer sentence around a run of it is low
        vector = pair_vector(a, b, fa, fb, 0.38, idf_table([fa, fb]), margin=-0.2)
        return pair_score(vector, echo=echoes_quote(fa, fb))

    assert score("a1") >= SETTINGS.align_threshold
    # Another known speaker quoting the same words says something else.
    assert score("a2") < SETTINGS.align_threshold


def test_a_short_quoted_title_is_no_rendering_of_a_quote() -> None:
    fa = statement_features(
        Statement("a", "d1", 0, 1, 'The cover reads "The Queen of Rage" in white', kind="narrative")
    )
    fb = statement_features(
        Statement("b", "d2", 0, 1, "Calling her the Queen of Rage is sexist", kind="quote")
    )
    assert not echoes_quote(fa, fb)


def test_a_third_rendering_joins_through_its_closest_member_when_none_differs() -> None:
    # Three reports of one announcement: the third matches the second closely, the first
    # only loosely (few shared words, cosine 0.42), but nothing says the two differ.
    a = "Anna Berg has dropped her plans to chair a council debate"
    b = "Anna Berg announced Tuesday that she is bowing out as the chair of a council debate"
    c = "Berg has announced Tuesday that she is pulling out of her own hearing"
    vectors = {a: [1.0, 0.6, 0.0], b: [1.0, 1.0, 0.0], c: [0.3, 1.0, 1.5]}
    statements = [st("a", "d1", a), st("b", "d2", b), st("c", "d3", c)]
    groups = align_statements(statements, embedder=MatrixEmbedder(vectors), settings=SETTINGS)
    assert group_ids(groups) == [{"a", "b", "c"}]


def test_statements_opening_with_different_actors_never_share_a_group() -> None:
    # Two reports' sentences about one interview share the names and the topic, but one
    # tells what the candidate did and the other what her rival said about it.
    a = "Duarte gave a long interview to the harbour inquiry in July"
    b = "Lindqvist then turned to Duarte and her interview with the harbour inquiry"
    emb = MatrixEmbedder({a: [1.0, 0.1, 0.0], b: [1.0, 0.2, 0.0]})

    def grouped(lead_a: str | None, lead_b: str | None) -> bool:
        x = Statement("x", "d1", 0, len(a), a, lead_actor=lead_a)
        y = Statement("y", "d2", 0, len(b), b, lead_actor=lead_b)
        return len(align_statements([x, y], embedder=emb, settings=SETTINGS)) == 1

    assert grouped(None, None)
    assert grouped("a1", "a1")
    assert grouped("a1", None)
    assert not grouped("a1", "a2")


def test_a_third_statement_opening_with_another_actor_does_not_join_through_a_neutral_one() -> None:
    texts = [
        "Duarte criticised the ferry contract signed by the harbour board",
        "The ferry contract signed by the harbour board was criticised on Monday",
        "Lindqvist defended the ferry contract signed by the harbour board",
    ]
    emb = MatrixEmbedder(
        {texts[0]: [1.0, 0.1, 0.0], texts[1]: [1.0, 0.0, 0.0], texts[2]: [1.0, 0.0, 0.1]}
    )
    statements = [
        Statement("x", "d1", 0, len(texts[0]), texts[0], lead_actor="a1"),
        Statement("y", "d2", 0, len(texts[1]), texts[1]),
        Statement("z", "d3", 0, len(texts[2]), texts[2], lead_actor="a2"),
    ]
    groups = group_ids(align_statements(statements, embedder=emb, settings=SETTINGS))
    assert {"x", "z"} not in [g & {"x", "z"} for g in groups]
    assert any(len(g) == 2 for g in groups)
