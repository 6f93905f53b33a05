"""Canonical entities across a corpus: one label per name voted over every article (the gazetteer breaks
ties; a name the corpus reads as a platform is not a person), and a surname or short form that only one
full name of the corpus answers to joins that name (`Trump` -> `Donald Trump`).

A corpus is processed in partitions, so this works in three steps that add up: `name_summary` of each
partition's mentions, summed by `combine_summaries`; `corpus_names` on the sum gives the mapping; and
`apply_corpus_names` on each partition's mentions, before `count_entities`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd

from toolkit.config import settings
from toolkit.entities import canonical as cn
from toolkit.errors import ToolkitError

_NAME_WORD_RE = re.compile(r"[A-Z][^\W\d_]*(?:[-'’.][^\W\d_]*)*\.?|[a-z]{1,4}(?:-[A-Z][^\W\d_]*)?")
SUMMARY_COLUMNS = ["canonical", "label", "model_label", "context", "mentions"]
MAPPING_COLUMNS = ["canonical", "label", "corpus_canonical", "corpus_label", "canonical_source", "reason"]
# Labels that name one entity whatever the article (a nationality stays apart from its country).
_VOTED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# The label a mention's context votes for, whatever the model said (`toolkit.entities.mentions.Mention.context`).
_CONTEXT_LABELS = {"title": "PERSON", "surname": "PERSON", "team": "ORG", "nation": "GPE", "dateline": "GPE"}


def name_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per canonical name, voted label, model label and context (`title`, `platform`, none): what
    `corpus_names` needs, small, and summed over partitions by `combine_summaries`."""
    missing = [column for column in SUMMARY_COLUMNS[:-1] if column not in mentions.columns]
    if missing:
        raise ToolkitError(f"mentions table lacks column {', '.join(missing)}")
    keys = SUMMARY_COLUMNS[:-1]
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "mentions" else object) for c in SUMMARY_COLUMNS})
    summary = mentions.groupby(keys, sort=True, dropna=False).size().rename("mentions").reset_index()
    return summary.astype({"mentions": "int64"})


def combine_summaries(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The `name_summary` of a corpus from those of disjoint sets of its articles."""
    parts = [part for part in parts if not part.empty]
    if not parts:
        return name_summary(pd.DataFrame(columns=SUMMARY_COLUMNS[:-1]))
    summed = pd.concat(parts, ignore_index=True).groupby(SUMMARY_COLUMNS[:-1], sort=True, dropna=False)
    return summed["mentions"].sum().reset_index().astype({"mentions": "int64"})


def _voted_labels(summary: pd.DataFrame, rules: cn.Rules, min_platform_share: float) -> dict[str, tuple[str, str]]:
    """Name -> (label, reason) by vote of its mentions over the corpus: the model's label, PERSON after a
    title; not PERSON when at least `min_platform_share` of the mentions read it as a platform; ties to a
    place label for a name in the gazetteer. A club named after its city (`team`) is a reading of its
    article, not of the name: it votes the model's label here and keeps its own (`_held_by_context`)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    platform: Counter = Counter()
    for name, model_label, context, n in zip(
        summary["canonical"], summary["model_label"], summary["context"], summary["mentions"], strict=True
    ):
        votes[name][model_label if context == "team" else _CONTEXT_LABELS.get(context, model_label)] += n
        platform[name] += n if context == "platform" else 0
    found = {}
    for name, counts in votes.items():
        reason = "corpus label vote"
        share = platform[name] / sum(counts.values())
        if share >= min_platform_share and "PERSON" in counts and len(counts) > 1:
            counts = Counter({label: n for label, n in counts.items() if label != "PERSON"})
            reason = f"read as a platform in {share:.0%} of its mentions"
        elif share >= min_platform_share and "PERSON" in counts:
            counts = Counter({"PRODUCT": 1})
            reason = f"read as a platform in {share:.0%} of its mentions"
        ranked = [label for label, n in counts.most_common() for _ in range(n)]
        found[name] = (cn.vote(ranked, name, rules), reason)
    return found


def _person_key(name: str) -> str | None:
    words = name.split()
    return f"{words[0]} {words[-1]}".lower() if len(words) >= 2 else None


def _full_names(
    person_names: Mapping[str, int], rules: cn.Rules, min_share: float
) -> tuple[dict[str, str], dict[str, str]]:
    """(surname -> the full name of the corpus it belongs to, `Trump` -> `Donald Trump`: the one person
    with that surname, or one with at least `min_share` of the mentions of all of them; first and last name
    -> the most mentioned full name with them, `donald trump` -> `Donald Trump` for `Donald J. Trump`),
    from PERSON names -> mentions, most mentioned first. Only names of capitalised letter words count."""
    full_of: dict[str, str] = {}
    owners: dict[str, Counter] = defaultdict(Counter)
    for full, n in person_names.items():
        key = _person_key(full)
        if key is None or not all(_NAME_WORD_RE.fullmatch(word) for word in full.split()):
            continue
        full_of.setdefault(key, full)
        for form, kind in cn.short_forms(full, rules).items():
            if kind == "surname":
                owners[form.lower()][key] += n
    surnames = {}
    for form, keys in owners.items():
        key, n = keys.most_common(1)[0]
        if n >= min_share * sum(keys.values()):
            surnames[form] = full_of[key]
    return surnames, full_of


def _family_labels(voted: dict[str, tuple[str, str]], totals: pd.Series) -> dict[str, tuple[str, str]]:
    """`Rocky Linux` voted PERSON while `Red Hat Enterprise Linux` and `Oracle Linux` are ORG: a multi-word
    PERSON name whose last word ends at least two other names of the corpus, none a person, is one of
    theirs (a product line, `Manchester United` among the `United` clubs): it takes their label."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in voted:
        if len(name.split()) > 1:
            by_last[name.split()[-1]].append(name)
    found = {}
    for name, (label, _) in voted.items():
        if label != "PERSON" or len(name.split()) < 2:
            continue
        others = [other for other in by_last[name.split()[-1]] if other != name]
        if len(others) >= 2 and all(voted[other][0] != "PERSON" for other in others):
            labels = Counter()
            for other in others:
                labels[voted[other][0]] += int(totals.get(other, 0))
            reason = f"its last word ends only names that are not persons ({', '.join(sorted(others)[:3])})"
            found[name] = (labels.most_common(1)[0][0], reason)
    return found


def _case_forms(summary: pd.DataFrame) -> dict[str, str]:
    """Name -> the corpus's usual form of it, for names written in several cases across articles (`LONDON`
    in a dateline, `London` in the text of another article): the most mentioned form with a small letter,
    a form in capitals only when there is no other (the merge `case_merge` does within an article)."""
    totals = summary.groupby("canonical")["mentions"].sum()
    forms: dict[str, list[str]] = defaultdict(list)
    for name in totals.index:
        forms[cn.case_key(name)].append(name)
    found = {}
    for names in forms.values():
        if len(names) > 1:
            best = min(names, key=lambda f: (f.upper() == f, -totals[f], -len(f), f))
            found.update({name: best for name in names if name != best})
    return found


def _held_by_context(summary: pd.DataFrame) -> set[tuple[str, str]]:
    """(name, label) pairs that most of their mentions' contexts give (`Washington` ORG read in a standings
    row, `team`): the article read them so, and the corpus's vote for the city does not overturn it."""
    given = summary["context"].map(_CONTEXT_LABELS).eq(summary["label"])
    by_pair = summary.assign(given=summary["mentions"].where(given, 0)).groupby(["canonical", "label"])
    shares = by_pair["given"].sum() / by_pair["mentions"].sum()
    return set(shares[shares > 0.5].index)


def corpus_names(summary: pd.DataFrame) -> pd.DataFrame:
    """The corpus-level mapping (canonical, label) -> (`corpus_canonical`, `corpus_label`) with its
    `canonical_source` (`corpus` when the name changes) and `reason`, for every name whose name or label
    changes: labels voted per name over the corpus (`_voted_labels`, `_family_labels`); then a one-word
    name read as a person (voted PERSON, or so tagged in at least `corpus_min_person_share` of its mentions)
    joins the full PERSON name of the corpus it is the surname of (`_full_names`), and a longer full name
    the most mentioned one with its first and last name (`Donald J. Trump` -> `Donald Trump`); last, a name
    written in several cases takes the corpus's usual one (`_case_forms`: `LONDON` -> `London`), its label
    voted apart (a name in capitals is mostly a table's or a headline's: `ATLANTA 10 5` is the club).
    Nationalities (NORP) keep their label and join no other name but their usual case."""
    conf = settings("entities")
    rules = cn.Rules.from_settings()
    cased = _case_forms(summary)
    held = _held_by_context(summary)
    names = summary[["canonical", "label"]].drop_duplicates()
    summary = summary[summary["label"].isin(_VOTED_LABELS)]
    voted = _voted_labels(summary, rules, float(conf.get("platform_min_share", 0.2)))
    totals = summary.groupby("canonical")["mentions"].sum().sort_values(ascending=False, kind="stable")
    as_person = summary[summary["model_label"].eq("PERSON") | summary["context"].eq("title")]
    person_share = (as_person.groupby("canonical")["mentions"].sum() / totals).fillna(0.0)
    min_share = float(conf.get("corpus_min_person_share", 0.34))
    voted.update(_family_labels(voted, totals))
    people = {name: int(n) for name, n in totals.items() if voted[name][0] == "PERSON"}
    surnames, full_of = _full_names(people, rules, float(conf.get("corpus_surname_min_share", 0.9)))
    rows = []
    for name, label in names.itertuples(index=False):
        is_voted = label in _VOTED_LABELS
        new_name, (new_label, reason) = name, voted[name] if is_voted else (label, "")
        new_label = label if (name, label) in held else new_label
        key = _person_key(name)
        if is_voted and key is None and (new_label == "PERSON" or person_share.get(name, 0.0) >= min_share):
            new_name = surnames.get(name.lower(), name)
        elif is_voted and key is not None and new_label == "PERSON":
            new_name = full_of.get(key, name)
        if new_name != name:
            new_label = voted[new_name][0]
            reason = "the full name of the corpus with this surname" if key is None else "same first and last name"
        elif name in cased and new_label == label:
            reason = "the corpus's usual case of this name"
        new_name = cased.get(new_name, new_name)
        if (new_name, new_label) != (name, label):
            rows.append((name, label, new_name, new_label, "corpus" if new_name != name else None, reason))
    return pd.DataFrame(rows, columns=MAPPING_COLUMNS).astype(object)


def apply_corpus_names(mentions: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """`mentions` with the names and labels of `mapping` (`corpus_names`): a renamed mention's
    `canonical_source` becomes `corpus`, a relabelled one's `origin` says why (`model; label: ...`)."""
    if mentions.empty or mapping.empty:
        return mentions
    table: Mapping[tuple[str, str], tuple] = {
        (row.canonical, row.label): (row.corpus_canonical, row.corpus_label, row.reason)
        for row in mapping.itertuples(index=False)
    }
    out = mentions.copy()
    hits = [table.get(key) for key in zip(out["canonical"], out["label"], strict=True)]
    changed = pd.Series([hit is not None for hit in hits], index=out.index)
    if not changed.any():
        return mentions
    new_name = pd.Series([hit[0] if hit else None for hit in hits], index=out.index)
    new_label = pd.Series([hit[1] if hit else None for hit in hits], index=out.index)
    reason = pd.Series([hit[2] if hit else None for hit in hits], index=out.index)
    renamed = changed & (new_name != out["canonical"])
    relabelled = changed & (new_label != out["label"])
    out.loc[renamed, "canonical_source"] = "corpus"
    out.loc[renamed, "canonical"] = new_name[renamed]
    out.loc[relabelled, "origin"] = out.loc[relabelled, "origin"] + "; label: " + reason[relabelled]
    out.loc[relabelled, "label"] = new_label[relabelled]
    return out
