"""Stories across articles: syndicated copies grouped, entities counted per story, one event from many articles.

`signatures` (per partition) and `group_copies` (the corpus-level reduction) give the `stories` table;
`story_entity_counts` adds the `stories` column to `entity_counts`; `story_events` merges the events of
different articles that report the same happening.
"""

from toolkit.stories.copies import STORY_COLUMNS, group_copies, signatures
from toolkit.stories.counts import story_entity_counts
from toolkit.stories.events import STORY_EVENT_COLUMNS, story_events
from toolkit.stories.options import options

__all__ = ["STORY_COLUMNS", "STORY_EVENT_COLUMNS", "group_copies", "options", "signatures", "story_entity_counts",
           "story_events"]
