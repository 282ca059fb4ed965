"""Merge the actors each article resolved on its own into the story's actors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rashomon.alignment.lexicon import PRONOUNS, fold
from rashomon.analysis.cues import HONORIFICS, ROLE_NOUNS
from rashomon.analysis.model import ArticleAnalysis, LocalActor
from rashomon.story.model import Actor

ActorMap = dict[tuple[str, str], str]
"""(document id, local actor id) -> report actor id."""

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
#: Prepositions that end the head part of a role phrase ("spokesman for the ministry").
_HEAD_PREPOSITIONS = frozenset({"of", "to", "for", "with", "from", "at", "in", "on"})
#: Words of a title that can stand before a person's name ("Mayor", "Sen.", "Dr").
_TITLE_WORDS = ROLE_NOUNS | {h.rstrip(".") for h in HONORIFICS} | {"sen", "rep", "gov", "gen"}


def _name_tokens(name: str) -> list[str]:
    toks = name.replace("’", "'").split()
    while toks and toks[0].casefold() in _DETERMINERS:
        toks = toks[1:]
    # "France's transport minister" -> head noun "minister"; possessives do not name anyone.
    return [t[:-2] if t.endswith("'s") else t for t in toks]


def personal_name(name: str, kind: str) -> str:
    """A person's name without the title before it: "Transport Minister Hélène Marchand" ->
    "Hélène Marchand". Other kinds, and names with lower-case words, are kept whole (an
    organisation such as "General Motors" or "Office of the Director" has no title)."""
    toks = name.split()
    if kind != "person" or any(not t[:1].isupper() for t in toks):
        return name
    cut = max((i + 1 for i, t in enumerate(toks) if fold(t).rstrip(".") in _TITLE_WORDS), default=0)
    return " ".join(toks[cut:]) if cut < len(toks) else name


def is_role_only(name: str) -> bool:
    """True for a description without a name ("the French minister"): its head is lower case."""
    toks = _name_tokens(name)
    return not toks or not toks[-1][:1].isupper()


def head_noun(phrase: str) -> str | None:
    """The head of a role phrase, folded: "French Transport Minister" -> "minister".

    For "head of the Federation of Rail Workers" the head is "head" (the word before "of"),
    for "some close to the mayor" "close" (a preposition's object is not the head).
    """
    toks = _name_tokens(phrase)
    cut = next((n for n, t in enumerate(toks) if n and t.casefold() in _HEAD_PREPOSITIONS), None)
    if cut is not None:
        toks = toks[:cut]
    return fold(toks[-1]) if toks else None


class _Group:
    """Local actors found to be one actor, with what merging asks of them kept up to date."""

    def __init__(self, entries: Sequence[tuple[str, LocalActor]] = ()) -> None:
        self.entries: list[tuple[str, LocalActor]] = []
        self.names: list[str] = []  # personal names of the named entries
        self.kinds: set[str] = set()
        self.docs: set[str] = set()
        self._role_heads: set[str] | None = None
        self._role_words: set[str] | None = None
        for doc, la in entries:
            self.add(doc, la)

    def add(self, doc: str, la: LocalActor) -> None:
        self.entries.append((doc, la))
        self.docs.add(doc)
        if not is_role_only(la.name):
            self.names.append(personal_name(la.name, la.kind))
        if la.kind != "unknown":
            self.kinds.add(la.kind)
        self._role_heads = self._role_words = None

    def role_heads(self) -> set[str]:
        if self._role_heads is None:
            phrases = [r for _, la in self.entries for r in la.roles]
            phrases += [a for _, la in self.entries for a in la.aliases if is_role_only(a)]
            self._role_heads = {h for h in (head_noun(p) for p in phrases) if h}
        return self._role_heads

    def role_words(self) -> set[str]:
        if self._role_words is None:
            self._role_words = {
                fold(w)
                for _, la in self.entries
                for r in [*la.roles, *la.aliases]
                for w in _name_tokens(r)
            }
        return self._role_words


def _surname(name: str) -> str:
    toks = _name_tokens(name)
    return fold(toks[-1]) if toks else ""


def _compatible_names(a: str, b: str) -> bool:
    """Same full name, or same surname with compatible first names ("H. Marchand")."""
    ta, tb = [fold(t) for t in _name_tokens(a)], [fold(t) for t in _name_tokens(b)]
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if ta[-1] != tb[-1]:
        return False
    fa, fb = ta[:-1], tb[:-1]
    if not fa or not fb:
        return True
    x, y = fa[0].rstrip("."), fb[0].rstrip(".")
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _kinds_agree(kind: str, group: _Group) -> bool:
    return kind == "unknown" or not group.kinds or kind in group.kinds


def merge_actors(
    analyses: Sequence[ArticleAnalysis], doc_ids: Sequence[str]
) -> tuple[list[Actor], ActorMap]:
    """Merge local actors across documents into report actors ``a1``, ``a2``... .

    Named actors merge on the same full name, or on the same surname when first names are
    compatible (and their kinds do not conflict). An actor known only by a role ("the French
    minister") joins the one named actor whose roles share its head noun ("French Transport
    Minister"); with several such candidates, the one sharing most role words, else none.
    Aliases are the union of surface forms (pronouns left out); ids follow first appearance.
    """
    groups: list[_Group] = []
    # Names merge only on the same folded surname, so a group is looked up by its surname
    # instead of comparing every actor with every group (stories of 100+ articles).
    by_surname: dict[str, list[_Group]] = {}
    roles_only: list[tuple[str, LocalActor]] = []
    for doc, analysis in zip(doc_ids, analyses, strict=True):
        for la in analysis.actors:
            if is_role_only(la.name):
                roles_only.append((doc, la))
                continue
            name = personal_name(la.name, la.kind)
            surname = _surname(name)
            match = next(
                (
                    g
                    for g in by_surname.get(surname, [])
                    if _kinds_agree(la.kind, g)
                    and any(_compatible_names(name, n) for n in g.names)
                    # Two actors of one article were kept apart by its analysis on purpose,
                    # unless they carry the very same name.
                    and (doc not in g.docs or fold(name) in {fold(n) for n in g.names})
                ),
                None,
            )
            if match is None:
                match = _Group()
                groups.append(match)
                by_surname.setdefault(surname, []).append(match)
            match.add(doc, la)

    for doc, la in roles_only:
        head = head_noun(la.name)
        candidates = [
            g
            for g in groups
            if g.names and head in g.role_heads() and _kinds_agree(la.kind, g) and doc not in g.docs
        ]
        if len(candidates) > 1:
            words = {fold(w) for w in _name_tokens(la.name)} | {
                fold(w) for r in la.roles for w in _name_tokens(r)
            }
            overlap = [len(words & g.role_words()) for g in candidates]
            best = max(overlap)
            candidates = [g for g, o in zip(candidates, overlap, strict=True) if o == best]
        if len(candidates) == 1:
            candidates[0].add(doc, la)
            continue
        same_role = next(
            (g for g in groups if not g.names and fold(g.entries[0][1].name) == fold(la.name)),
            None,
        )
        if same_role is not None:
            same_role.add(doc, la)
        else:
            group = _Group()
            group.add(doc, la)
            groups.append(group)

    doc_rank = {d: i for i, d in enumerate(doc_ids)}
    order = {
        (doc, la.id): (doc_rank[doc], n)
        for doc, analysis in zip(doc_ids, analyses, strict=True)
        for n, la in enumerate(analysis.actors)
    }
    groups.sort(key=lambda g: min(order[(d, la.id)] for d, la in g.entries))

    actors: list[Actor] = []
    mapping: ActorMap = {}
    for n, group in enumerate(groups, start=1):
        actor = to_actor(f"a{n}", group.entries)
        actors.append(actor)
        for doc, la in group.entries:
            mapping[(doc, la.id)] = actor.id
    return actors, mapping


def to_actor(actor_id: str, entries: Sequence[tuple[str, LocalActor]]) -> Actor:
    """One report actor from local actors (document id, actor) known to be the same."""
    group = _Group(list(entries))
    named = group.names
    if named:
        counts = Counter(named)
        name = max(named, key=lambda s: (len(_name_tokens(s)), len(s), counts[s], -named.index(s)))
    else:
        name = group.entries[0][1].name
    kinds = Counter(la.kind for _, la in group.entries if la.kind != "unknown")
    kind = kinds.most_common(1)[0][0] if kinds else "unknown"
    seen = {fold(name)}
    aliases: list[str] = []
    roles: list[str] = []
    seen_roles: set[str] = set()
    for _, la in group.entries:
        for form in [la.name, *la.aliases, *(m.text for m in la.mentions)]:
            form = form.strip()
            key = fold(form)
            if not form or key in seen or key in PRONOUNS:
                continue
            seen.add(key)
            aliases.append(form)
        for role in la.roles:
            if fold(role) not in seen_roles:
                seen_roles.add(fold(role))
                roles.append(role)
    return Actor(id=actor_id, name=name, aliases=aliases, kind=kind, roles=roles)
