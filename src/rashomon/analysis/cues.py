"""The reporting-verb lexicon and the nouns that name speakers (roles, groups, organisations)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lemmas of verbs that introduce speech, direct or reported.
CUE_LEMMAS: frozenset[str] = _words(
    """
    say tell add state declare insist argue claim explain note warn announce reply respond
    answer write tweet post acknowledge admit deny reject suggest urge ask continue conclude
    stress emphasise emphasize complain predict vow pledge promise confirm assert maintain
    allege caution contend concede remark recall report testify threaten observe point
    repeat reiterate describe call comment counter retort quip joke shout whisper cry
    boast demand scold exclaim yell muse lament plead proclaim recount assure chide fume
    marvel gush sing chant read characterize characterise brand label dub express voice
    """
)

#: Cue lemmas that only introduce quotes in a speech context; they take no indirect clause
#: unless the clause is a ``that``-clause ("continue", "point" out, "call" ...).
WEAK_CUE_LEMMAS: frozenset[str] = _words(
    "continue post point describe call reject ask repeat recall observe cry sing chant read"
    " characterize characterise brand label dub chide fume marvel gush express voice"
)

#: Nouns of a stance a speaker expresses or voices, with its content in a that-clause
#: ("expressed disbelief that ...", "voiced concern that ...").
STANCE_NOUNS: frozenset[str] = _words(
    """
    concern concerns disbelief doubt doubts fear fears hope hopes confidence belief worry
    worries surprise frustration optimism skepticism scepticism dismay regret view opinion
    conviction
    """
)

#: Verbs a headline uses to attribute a view to someone ("minister sees deal likely").
HEADLINE_CUE_LEMMAS: frozenset[str] = _words("see expect call predict say")

#: Head nouns of role descriptions that refer to one person.
ROLE_NOUNS: frozenset[str] = _words(
    """
    minister president leader spokeswoman spokesman spokesperson chief head secretary chairman
    chairwoman chair director governor senator mayor ambassador commissioner premier chancellor
    king queen prince princess general judge lawyer attorney prosecutor ceo executive founder
    negotiator candidate representative congressman congresswoman lawmaker legislator economist
    analyst professor researcher expert official officer envoy diplomat adviser advisor
    deputy member manager owner boss coach captain president-elect nominee speaker sheriff
    commander colonel inspector investigator chair-woman treasurer editor correspondent
    activist organiser organizer campaigner author scientist doctor priest pope bishop
    chairperson councillor councilor whip aide strategist pollster consultant vice-president
    """
)

#: Plural or collective nouns whose speakers are groups ("officials said").
GROUP_NOUNS: frozenset[str] = _words(
    """
    officials analysts experts critics sources users residents witnesses protesters people
    observers diplomats lawmakers legislators economists investors voters citizens workers
    employees activists leaders members scientists researchers doctors authorities
    organisers organizers campaigners supporters opponents commentators residents students
    teachers farmers parents families victims survivors negotiators unions executives
    spokespeople officers police investigators prosecutors ministers senators republicans
    democrats conservatives liberals environmentalists reporters journalists
    """
)

#: Nouns of what someone said or wrote: in "Berg's statement said" Berg speaks, while in
#: "Berg's spokesman said" the spokesman does.
MESSAGE_NOUNS: frozenset[str] = _words(
    """
    account statement apology tweet letter words remark comment message memo email post
    speech interview testimony filing lawsuit complaint book column op-ed ad advertisement
    release note video answer response reply announcement
    """
)

#: Head nouns of organisations ("the ministry said").
ORG_NOUNS: frozenset[str] = _words(
    """
    ministry government company union federation department agency office committee council
    party court embassy army military firm bank newspaper administration cabinet commission
    parliament congress senate house kremlin police board association organisation
    organization group institute university hospital campaign authority regulator operator
    airline railway network broadcaster station paper magazine team club league coalition
    alliance confederation syndicate corporation network ngo charity foundation center centre
    """
)

#: Social platforms: where something is said, never who says it. The small NER often tags
#: them as people ("fired back on Twitter."), and a "he said" after that sentence then
#: resolved to "Twitter". Lower-cased; multi-word names joined by one space.
PLATFORM_NAMES: frozenset[str] = frozenset(
    [
        "twitter",
        "x",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "snapchat",
        "reddit",
        "telegram",
        "whatsapp",
        "linkedin",
        "threads",
        "bluesky",
        "truth social",
        "weibo",
        "wechat",
    ]
)

#: Honorifics and the gender they tell.
HONORIFICS: dict[str, str | None] = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lady": "f",
    "lord": "m",
    "dr": None,
    "dr.": None,
    "prof": None,
    "prof.": None,
}

#: Gender carried by some role nouns.
GENDERED_ROLES: dict[str, str] = {
    "spokeswoman": "f",
    "chairwoman": "f",
    "congresswoman": "f",
    "queen": "f",
    "princess": "f",
    "spokesman": "m",
    "chairman": "m",
    "congressman": "m",
    "king": "m",
    "prince": "m",
}

PRONOUN_GENDER: dict[str, str | None] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": None,
    "them": None,
}

_IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written", "writing"),
    "speak": ("spoke", "spoken"),
    "sing": ("sang", "sung"),
    "read": ("read",),
}


def _inflect(lemma: str) -> set[str]:
    """Regular English verb forms of ``lemma`` (doubling a final consonant for both
    candidates: `admit` -> `admitted`, and the plain -ed that most verbs take)."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x")):
        forms.add(lemma + "es")
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | set(_IRREGULAR_FORMS.get(lemma, ()))


#: Cue verbs whose base and -s forms are mostly nouns in news ("the Post", "a report",
#: "claims"): only their -ed and -ing forms mark a sentence for parsing.
_NOUN_LIKE = _words(
    """
    post point report state call note answer comment promise pledge claim joke cry reply
    vow repeat remark counter demand plead chant label brand dub read continue warn ask
    express voice
    """
)


def _forms(lemmas: frozenset[str]) -> frozenset[str]:
    return frozenset(
        form
        for lemma in lemmas
        for form in _inflect(lemma)
        if lemma not in _NOUN_LIKE or form.endswith(("ed", "ing", "d")) or form in ("said",)
    )


#: Lower-cased surface forms of the cue verbs, plus "according" (to): what selective parsing
#: looks for before any tagging has happened. Headline verbs ("sees", "expects") are left
#: out: they attribute only quoted words, and a sentence with quotation marks is parsed.
CUE_FORMS: frozenset[str] = _forms(CUE_LEMMAS) | {"according"}


#: Surface form -> cue lemma, for tokens the lemmatizer gets wrong: a capitalised form that
#: opens a sentence ("Said Ellis: ...") is lemmatised as itself.
CUE_FORM_LEMMAS: dict[str, str] = {
    form: lemma for lemma in sorted(CUE_LEMMAS) for form in sorted(_inflect(lemma))
}


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"


#: Lower-cased form -> lemma for every word a rule looks up by lemma: the cue and headline
#: verbs and the singular of role and organisation nouns. Selective parsing lemmatises with
#: it (any other word's lemma is its lower-cased form) instead of running spaCy's rule
#: lemmatizer, which costs as much as the parser and whose other lemmas nothing reads.
LEXICON_LEMMAS: dict[str, str] = {
    **{_plural(n): n for n in sorted(ROLE_NOUNS | ORG_NOUNS)},
    **{n: n for n in sorted(ROLE_NOUNS | ORG_NOUNS)},
    **{f: lemma for lemma in sorted(HEADLINE_CUE_LEMMAS) for f in sorted(_inflect(lemma))},
    **CUE_FORM_LEMMAS,
}
