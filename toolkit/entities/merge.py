"""The canonical names of an article's mentions: passes that merge the variants of one entity (case,
plural nationalities, acronyms, surnames and first names, affixes of long names, the user's aliases), and
one label per name by vote."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from toolkit.entities import canonical as cn
from toolkit.entities.aliases import default_aliases
from toolkit.entities.mentions import Mention
from toolkit.entities.options import Options
from toolkit.nlp import sentence_starts

# Pronouns that refer back to a person (`Havel, who ... his government`); a company is `it`.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})


def _case_merge(mentions: list[Mention]) -> None:
    """Names equal but for case (or acronym dots) are one entity: the most frequent form wins, an
    all-capitals form (a headline) only when there is no other."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        groups[cn.case_key(m.name)][m.name] += 1
    best = {
        key: min(forms, key=lambda f: (f.isupper() and not cn.is_acronym(f), -forms[f], -len(f), f))
        for key, forms in groups.items()
    }
    for m in mentions:
        m.name = best[cn.case_key(m.name)]


def votes(mentions: Iterable[Mention], opts: Options) -> dict[str, str]:
    """One label per name by vote of its mentions; a name after a personal title or a surname of the article's
    one full name of a person (`surname`) votes PERSON, one read as a platform (`on Twitter`) votes PRODUCT
    where the model said PERSON, a place in a results row ORG, a country the model read as an ORG GPE."""
    labels: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        platform = m.platform and m.model_label == "PERSON"
        person = m.after_title or m.surname
        label = "PERSON" if person else "PRODUCT" if platform else "ORG" if m.team else m.model_label
        label = "GPE" if m.nation or m.dateline else label
        labels[m.name].append(label)
    return {name: cn.vote(found, name, opts.rules) for name, found in labels.items()}


def _unique_longest(candidates: Iterable[str]) -> str | None:
    candidates = set(candidates)
    if not candidates:
        return None
    longest = max(len(c.split()) for c in candidates)
    top = [c for c in candidates if len(c.split()) == longest]
    return top[0] if len(top) == 1 else None


def _apply(mentions: list[Mention], target: Mapping[str, str]) -> None:
    for m in mentions:
        seen = set()
        while m.name in target and m.name not in seen:
            seen.add(m.name)
            m.name = target[m.name]


def _referred_to_as_a_person(mentions: list[Mention]) -> set[str]:
    """Names with a personal pronoun (`he`, `her`: `PERSON_PRONOUNS`) in the sentence of one of their mentions
    or the next: news refers back to a person so, to a company as `it`."""
    if not mentions:
        return set()
    doc = mentions[0].span.doc
    starts = [*sentence_starts(doc), len(doc)]
    pronouns = [token.i for token in doc if token.lower_ in PERSON_PRONOUNS]
    found = set()
    for m in mentions:
        k = bisect_right(starts, m.span.start) - 1
        first, end = starts[k], starts[min(k + 2, len(starts) - 1)]
        if bisect_left(pronouns, end) > bisect_left(pronouns, first):
            found.add(m.name)
    return found


def _merge_names(mentions: list[Mention], opts: Options) -> None:
    """`Assad` -> `Bashar al-Assad`: a person-like mention whose name is a surname or first-name form of
    exactly one longest full PERSON name of the article takes that name (case ignored). Person-like: its
    voted label is one of `merge_labels`, or at least one of its mentions is tagged or titled as a person.
    A one-word name voted ORG that is the surname of exactly one such full name and is referred to by a
    personal pronoun (`_referred_to_as_a_person`: `Havel ... his government`) is that person too: its
    mentions are marked `surname` and vote PERSON."""
    label_of = votes(mentions, opts)
    owners: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    for full, label in label_of.items():
        if label == "PERSON" and len(full.split()) > 1:
            for form, kind in cn.short_forms(full, opts.rules).items():
                owners[form.lower()].add(full)
                if kind == "surname":
                    surnames[form.lower()].add(full)
    # A name the vote made an ORG is still a person's when some mention of it reads as one (`Trump's
    # declaration` is tagged ORG, `Trump said` PERSON): a company called `Ford` is never tagged PERSON, and
    # is `it`, not `he`, when its founder is named beside it.
    person_like = {m.name for m in mentions if m.model_label == "PERSON" or m.after_title}
    pronouns = _referred_to_as_a_person(mentions)
    target, of_person = {}, set()
    for name, label in label_of.items():
        if label in opts.merge_labels or name in person_like:
            full = _unique_longest(owners.get(name.lower(), ()))
        elif label == "ORG" and len(name.split()) == 1 and name in pronouns:
            full = _unique_longest(surnames.get(name.lower(), ()))
            of_person.add(name)
        else:
            continue
        if full is not None and full != name:
            target[name] = full
    for m in mentions:
        m.surname = m.name in of_person and m.name in target
    _apply(mentions, target)


def _merge_affixes(mentions: list[Mention], opts: Options) -> None:
    """`PSV` -> `PSV Eindhoven`, `Commission` -> `European Commission`: a name that is the first or last
    words of exactly one longest multi-word name of the same label (not PERSON) in the article."""
    label_of = votes(mentions, opts)
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for full, label in label_of.items():
        if label != "PERSON" and len(full.split()) > 1:
            for form in cn.affix_forms(full):
                owners[(form.lower(), label)].add(full)
    target = {}
    for name, label in label_of.items():
        if label != "PERSON":
            full = _unique_longest(owners.get((name.lower(), label), ()))
            if full is not None and full != name:
                target[name] = full
    _apply(mentions, target)


def _link_demonyms(mentions: list[Mention]) -> None:
    """`Polish` -> `Poland`, `Syrians` -> `Syria` in the mention's `country`: a nationality stays its own
    entity (`French officials` speak of a nationality, not of the country), linked to the country for an
    analyst who wants to sum them; the plural `Palestinians` is `Palestinian` when both occur."""
    names = {m.name for m in mentions}
    for m in mentions:
        if m.model_label != "NORP":
            continue
        if m.name.endswith("s") and m.name[:-1] in names:
            m.name = m.name[:-1]
        m.country = cn.demonym_country(m.name)


def _merge_acronyms(mentions: list[Mention], defined: Mapping[str, str], opts: Options) -> None:
    """Acronym mentions take the long name they were defined for in the article (`UN` -> `United Nations`);
    with `acronym_initials`, also an undefined acronym matching the initials of exactly one name that the
    article gives before the acronym."""
    mapping = dict(defined)
    if opts.switches["acronym_initials"]:
        first_seen: dict[str, int] = {}
        for m in mentions:
            first_seen.setdefault(m.name, m.span.start)
        by_initials: dict[str, set[str]] = defaultdict(set)
        for name in sorted(n for n in first_seen if not cn.is_acronym(n)):
            for form in cn.initials(name, opts.rules):
                by_initials[form].add(name)
        for name, start in first_seen.items():
            if cn.is_acronym(name) and name not in mapping:
                owners = by_initials.get(cn.acronym_letters(name), set())
                # the long name must come first: a text spells a name out before it abbreviates it
                if len(owners) == 1 and first_seen[next(iter(owners))] < start:
                    mapping[name] = next(iter(owners))
    for m in mentions:
        if m.name in mapping:
            m.name = mapping[m.name]


def merge_mentions(
    mentions: list[Mention], defined: Mapping[str, str], opts: Options, *, aliases: Mapping[str, str] | None = None
) -> None:
    """Give the mentions of one article their canonical names, in place: case variants, plural nationalities
    (linked to their country), acronyms (`defined` in the article, or matching initials), short forms of names, then the
    default aliases of countries (mentions with a label of `alias_labels`), then the user's `aliases`
    (looked up on the stripped name first, then on the merged one); each mention's `source` says which
    gave its name (`model`: its own text, `article`: a merge within the article, `alias`)."""
    if opts.switches["case_merge"]:
        _case_merge(mentions)
    if opts.switches["demonyms"]:
        _link_demonyms(mentions)
    if opts.switches["acronyms"]:
        _merge_acronyms(mentions, defined, opts)
    if opts.switches["merge_names"]:
        _merge_names(mentions, opts)
    if opts.switches["merge_affixes"]:
        _merge_affixes(mentions, opts)
    for m in mentions:
        m.source = "model" if m.name == m.core else "article"
    tables = [aliases or {}]
    if opts.switches["default_aliases"]:
        tables.insert(0, default_aliases())
    for table in tables:
        for m in mentions:
            if table is aliases or m.model_label in opts.alias_labels:
                name = table.get(m.core) or table.get(m.name) or m.name
                if name != m.name:
                    m.name, m.source = name, "alias"
