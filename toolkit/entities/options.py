"""The settings of one entity extraction: the `[entities]` section of the config with keyword overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.config import settings
from toolkit.entities.canonical import Rules
from toolkit.errors import ToolkitError

# Rules that can be switched off one by one (`consistency=False`); each is on unless `[entities]` says otherwise.
RULE_SWITCHES = (
    "case_restore",
    "span_repair",
    "consistency",
    "case_merge",
    "merge_names",
    "merge_affixes",
    "acronyms",
    "acronym_initials",
    "demonyms",
    "teams",
    "default_aliases",
    "speaker_labels",
    "field_labels",
    "latin_script",
)
# Settings of the canonicalisation rules (`canonical.Rules`) that an extraction may override.
_RULE_KEYS = (
    "titles",
    "title_labels",
    "leading_articles",
    "name_particles",
    "acronym_stopwords",
    "gazetteer_min_city_population",
    "org_suffixes",
    "org_suffix_labels",
)


@dataclass(frozen=True)
class Options:
    """Settings of one extraction: `[entities]` of the config with keyword overrides."""

    labels: frozenset[str]
    merge_labels: frozenset[str]
    alias_labels: frozenset[str]  # model labels of the mentions the default aliases apply to
    time_zones: frozenset[str]  # names that are never entities (`UTC`, `GMT`: part of a time)
    platform_before: frozenset[str]  # words before a name that read it as a platform (`on` Twitter)
    platform_after: frozenset[str]  # words after a name that read it as a platform (Twitter `account`)
    national_sides: frozenset[str]  # lower-cased names of sides that are no country but stay places (`wales`)
    switches: dict[str, bool]
    rules: Rules
    model: str | None = None  # the spaCy model that parsed the articles (default: the `[nlp] models` setting)

    @classmethod
    def build(cls, overrides: Mapping[str, Any]) -> Options:
        """The settings with `overrides` on top; an unknown option is an error naming the known ones."""
        conf = settings("entities")
        known = {
            "labels",
            "merge_labels",
            "default_alias_labels",
            "time_zones",
            "platform_before",
            "platform_after",
            "national_sides",
            "model",
            *RULE_SWITCHES,
            *_RULE_KEYS,
        }
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ToolkitError(f"unknown entity option {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        conf = conf | dict(overrides)
        return cls(
            labels=frozenset(conf.get("labels", [])),
            merge_labels=frozenset(conf.get("merge_labels", ["PERSON"])),
            alias_labels=frozenset(conf.get("default_alias_labels", ["GPE", "LOC"])),
            time_zones=frozenset(conf.get("time_zones", [])),
            platform_before=frozenset(word.lower() for word in conf.get("platform_before", [])),
            platform_after=frozenset(word.lower() for word in conf.get("platform_after", [])),
            national_sides=frozenset(name.lower() for name in conf.get("national_sides", [])),
            switches={name: bool(conf.get(name, True)) for name in RULE_SWITCHES},
            rules=Rules.from_settings({key: conf[key] for key in _RULE_KEYS if key in overrides}),
            model=overrides.get("model"),
        )
