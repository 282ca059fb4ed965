"""Merge the actors each article resolved on its own into the story's actors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rashomon.alignment.lexicon import PRONOUNS, fold
from rashomon.analysis.cues import HONORIFICS, ROLE_NOUNS
from rashomon.analysis.model import ArticleAnalysis, LocalActor
from rashomon.analysis.names import given, misspelt, role_head, split_suffix, title
from rashomon.story.model import Actor

ActorMap = dict[tuple[str, str], str]
"""(document id, local actor id) -> report actor id."""

#: An article that names a person and speaks of "a former official" means someone else.
_INDEFINITE = frozenset({"a", "an", "another", "one", "some"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
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
    """The head of a role phrase, folded, abbreviations written out: "French Transport
    Minister" -> "minister", "Texas Gov." -> "governor".

    For "head of the Federation of Rail Workers" the head is "head" (the word before "of"),
    for "some close to the mayor" "close" (a preposition's object is not the head).
    """
    return role_head(_name_tokens(phrase))


def _role_words(phrase: str) -> set[str]:
    return {title(w) for w in _name_tokens(phrase)} - _DETERMINERS


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
            phrases = [r for _, la in self.entries for r in [*la.roles, *la.aliases]]
            self._role_words = {w for r in phrases for w in _role_words(r)}
        return self._role_words


def _person_tokens(name: str) -> tuple[list[str], str | None]:
    """Folded words of a person's name without a generational suffix, and the suffix that
    tells a father from his son ("jr", "sr") if there is one."""
    toks, family = split_suffix(_name_tokens(name))
    return [fold(t) for t in toks], family


def _surname(name: str) -> str:
    toks, _ = _person_tokens(name)
    return toks[-1] if toks else ""


def _surname_keys(name: str) -> set[str]:
    """The surname, and the first part of a double surname ("Peña" of "Enrique Peña Nieto")."""
    toks, _ = _person_tokens(name)
    keys = {toks[-1]} if toks else set()
    if len(toks) >= 3 and len(toks[-2].rstrip(".")) > 1:
        keys.add(toks[-2])
    return keys


def _same_given(x: str, y: str) -> bool:
    """Given names that can be one person's: equal, an initial of the other, or a short form
    of the other ("Chuck", "Charles")."""
    x, y = x.rstrip("."), y.rstrip(".")
    return (
        x == y
        or (len(x) == 1 and y.startswith(x))
        or (len(y) == 1 and x.startswith(y))
        or given(x) == given(y)
    )


def _compatible_names(a: str, b: str, doubles: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    """Same full name, or same surname with compatible first names ("H. Marchand", "Chuck"
    for "Charles"), or a double surname of which an outlet wrote the first part after the
    same given name ("Enrique Peña" and "Enrique Peña Nieto") when the story writes that
    double surname on its own too (``doubles``, folded two-word names: "Peña Nieto"); else
    "John Paul" would be "John Paul Jones". A "Jr." or "Sr." must agree: "Donald Trump Jr."
    is not "Donald Trump"."""
    (ta, sa), (tb, sb) = _person_tokens(a), _person_tokens(b)
    if not ta or not tb:
        return False
    # only a bare surname may stand for a "Jr." ("Trump" for "Donald Trump Jr."); "Donald"
    # and "Donald Jr." are father and son
    if (
        sa != sb
        and not (len(ta) == 1 and not sa and len(tb) > 1)
        and not (len(tb) == 1 and not sb and len(ta) > 1)
    ):
        return False
    if ta == tb:
        return True
    if ta[-1] != tb[-1]:
        short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
        return (
            len(short) == 2
            and len(long_) >= 3
            and len(short[0]) > 1
            and short[0] == long_[0]
            and short[1] == long_[-2]
            and tuple(long_[-2:]) in doubles
        )
    fa, fb = ta[:-1], tb[:-1]
    if not fa or not fb:
        return True
    return _same_given(fa[0], fb[0])


def _conflicting_names(a: str, b: str, doubles: frozenset[tuple[str, ...]]) -> bool:
    """Two names, each with a given name, that cannot be one person's."""
    ta, tb = _person_tokens(a)[0], _person_tokens(b)[0]
    return len(ta) > 1 and len(tb) > 1 and not _compatible_names(a, b, doubles)


def _misspelt_names(a: str, b: str) -> bool:
    """Two full names of the same length that differ in one word by a slip of one letter
    ("Vicente Fox" and "Vincente Fox"): every other word written out and the same."""
    (ta, sa), (tb, sb) = _person_tokens(a), _person_tokens(b)
    if len(ta) < 2 or len(ta) != len(tb) or sa != sb:
        return False
    diff = [i for i in range(len(ta)) if ta[i] != tb[i]]
    if len(diff) != 1 or any(len(t.rstrip(".")) == 1 for t in ta):
        return False
    return misspelt(ta[diff[0]], tb[diff[0]])


def _kinds_agree(kind: str, group: _Group) -> bool:
    return kind == "unknown" or not group.kinds or kind in group.kinds


def merge_actors(
    analyses: Sequence[ArticleAnalysis], doc_ids: Sequence[str]
) -> tuple[list[Actor], ActorMap]:
    """Merge local actors across documents into report actors ``a1``, ``a2``... .

    Named actors merge on the same full name, or on the same surname when first names are
    compatible (and their kinds do not conflict); then two people found in different
    documents whose full names differ by a slip of one letter ("Vincente Fox"), when nothing
    else in the story is that close. An actor known only by a role ("the French minister")
    joins the one named actor whose roles share its head noun ("French Transport Minister");
    with several such candidates, the one sharing most role words, else none. In the article
    that names the person too, a role joins only when every word of it is among that actor's
    roles ("the Texas governor", "Texas Gov. Rick Perry") and no other actor has the role.
    Unnamed actors of several documents ("a senior official") merge when their descriptions
    are the same and say more than the bare role noun.
    Aliases are the union of surface forms (pronouns left out); ids follow first appearance.
    """
    groups: list[_Group] = []
    # Names merge only on the same folded surname (or the first part of a double surname),
    # so a group is looked up by those instead of comparing every actor with every group
    # (stories of 100+ articles).
    by_surname: dict[str, list[_Group]] = {}
    roles_only: list[tuple[str, LocalActor]] = []
    named: list[tuple[str, LocalActor]] = []
    for doc, analysis in zip(doc_ids, analyses, strict=True):
        for la in analysis.actors:
            (roles_only if is_role_only(la.name) else named).append((doc, la))
    # two-word names the story writes on their own: the double surnames ("Peña Nieto")
    doubles = frozenset(
        tuple(toks)
        for _, la in named
        for form in [personal_name(la.name, la.kind), *la.aliases]
        if not is_role_only(form)
        for toks in [_person_tokens(form)[0]]
        if len(toks) == 2
    )
    # full names first: a bare surname then sees every person it could be
    named.sort(key=lambda e: len(_person_tokens(personal_name(e[1].name, e[1].kind))[0]) == 1)
    for doc, la in named:
        name = personal_name(la.name, la.kind)
        keys = _surname_keys(name)
        near = [g for k in sorted(keys) for g in by_surname.get(k, [])]
        matches = [
            g
            for g in near
            if _kinds_agree(la.kind, g)
            and any(_compatible_names(name, n, doubles) for n in g.names)
            # "Anne Moreau" does not join "Moreau" once it is "Jean Moreau"
            and not any(_conflicting_names(name, n, doubles) for n in g.names)
            # Two actors of one article were kept apart by its analysis on purpose,
            # unless they carry the very same name.
            and (doc not in g.docs or fold(name) in {fold(n) for n in g.names})
        ]
        if len(matches) > 1:
            # "President Trump" beside "Donald Trump" and "Melania Trump" is the one with
            # that role, else the one more outlets name; when neither stands out, nobody can
            # tell: only a group known by that very name takes it
            heads = {h for h in (head_noun(r) for r in la.roles) if h}
            by_role = [g for g in matches if heads & g.role_heads()]
            reach = sorted((len(g.docs) for g in matches), reverse=True)
            if len(by_role) == 1:
                matches = by_role
            elif reach[0] > reach[1]:
                matches = [g for g in matches if len(g.docs) == reach[0]]
            else:
                matches = [g for g in matches if fold(name) in {fold(n) for n in g.names}]
        match = matches[0] if matches else None
        if match is None:
            match = _Group()
            groups.append(match)
        for k in keys:
            if match not in by_surname.setdefault(k, []):
                by_surname[k].append(match)
        match.add(doc, la)
    groups = _join_misspelt(groups)

    for doc, la in roles_only:
        head = head_noun(la.name)
        with_role = [
            g for g in groups if g.names and head in g.role_heads() and _kinds_agree(la.kind, g)
        ]
        candidates = [g for g in with_role if doc not in g.docs]
        if len(candidates) > 1:
            words = _role_words(la.name) | {w for r in la.roles for w in _role_words(r)}
            overlap = [len(words & g.role_words()) for g in candidates]
            best = max(overlap)
            candidates = [g for g, o in zip(candidates, overlap, strict=True) if o == best]
        if not candidates and len(with_role) == 1:
            # the article names the person too but did not give it this role: the role must
            # say nothing that the person's roles elsewhere do not ("the Texas governor")
            words = _role_words(la.name)
            definite = not any(
                f.split()[0].casefold() in _INDEFINITE for f in [*la.aliases, la.name] if f.split()
            )
            if definite and len(words) > 1 and words <= with_role[0].role_words():
                candidates = with_role
        if len(candidates) == 1:
            candidates[0].add(doc, la)
            continue
        same_role = next(
            (
                g
                for g in groups
                if not g.names
                and fold(g.entries[0][1].name) == fold(la.name)
                and (doc in g.docs or len(_role_words(la.name)) > 1)
            ),
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


def _join_misspelt(groups: list[_Group]) -> list[_Group]:
    """Groups with the fullest names one letter apart, in different documents, joined; a
    group close to two others is left alone (which one would it be?)."""
    fullest = {id(g): max(g.names, key=len) for g in groups if g.names and g.kinds <= {"person"}}
    buckets: dict[tuple[int, str], list[_Group]] = {}
    for g in groups:
        if id(g) in fullest:
            toks, _ = _person_tokens(fullest[id(g)])
            if len(toks) >= 2:
                buckets.setdefault((0, toks[0]), []).append(g)
                buckets.setdefault((1, toks[-1]), []).append(g)
    close: dict[int, list[_Group]] = {}
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if b in close.get(id(a), []) or a.docs & b.docs:
                    continue
                if not _misspelt_names(fullest[id(a)], fullest[id(b)]):
                    continue
                close.setdefault(id(a), []).append(b)
                close.setdefault(id(b), []).append(a)
    gone: set[int] = set()
    for g in groups:
        others = close.get(id(g), [])
        if id(g) in gone or len(others) != 1 or len(close[id(others[0])]) != 1:
            continue
        for doc, la in others[0].entries:
            g.add(doc, la)
        gone.add(id(others[0]))
    return [g for g in groups if id(g) not in gone]


def to_actor(actor_id: str, entries: Sequence[tuple[str, LocalActor]]) -> Actor:
    """One report actor from local actors (document id, actor) known to be the same."""
    group = _Group(list(entries))
    named = group.names
    if named:
        counts = Counter(named)
        # the fullest name; of two spellings as full, the one more outlets use ("Vicente")
        written = {
            (fold(personal_name(la.name, la.kind)), d)
            for d, la in group.entries
            if not is_role_only(la.name)
        }
        outlets = Counter(n for n, _ in written)
        name = max(
            named,
            key=lambda s: (
                len(_name_tokens(s)),
                outlets[fold(s)],
                len(s),
                counts[s],
                -named.index(s),
            ),
        )
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
