"""The rules of line shape as data: the word lists and patterns that tell prose from menus, footers,
captions, credits and labels. Each pattern says in its comment what it matches, with examples; the code
that applies them is in `shape.py`, `lists.py`, `body.py` and `structure.py`.
"""

from __future__ import annotations

import re

# The most frequent function words of the languages met in scraped news (en, es, pt, fr, de, it, nl,
# id, ru): stopword density is the jusText signal that tells running prose from menus and headlines.
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours out over own said same she should so some such than that
the their theirs them themselves then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours yourself yet us says may
el la los las de del en y a que es por un una para con no se su al lo como más pero sus le ya o este
sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante
o os as um uma do da dos das em no na nos nas e que com para por se não mais como mas ao à ele ela seu sua
foi são ser ter há ou quando muito também já eu isso esse essa pelo pela
le la les un une des du de et en est que qui dans pour pas sur au aux avec ce cette il elle ne se plus
par son sa ses mais ou ont été être fait comme nous vous ils leur
der die das den dem des ein eine einer eines und ist im in zu mit sich auf für nicht von es an als auch
wird werden dass bei aus nach oder wie sie er wir ich hat haben sind war noch nur so zum zur
il lo gli di da per con non che una sono è del della nel alla anche come più ma questo
de het een en van in op te dat die is niet met voor zijn aan ook als bij er maar om uit wordt
yang dan di ke dari ini itu dengan untuk tidak ada dalam akan pada juga oleh saya kita kami mereka
atau karena sudah bisa jika kalau jadi tapi lebih
и в не на что с по как это он она они но из к у за от то же так для все его ее был была были
бы мы вы или уже если только также может
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
TOKEN = re.compile(r"\w+", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CLOSERS = "\"'”’»)]】」』*"
# Emoji and pictographs (with their variation selector, joiner and skin-tone modifiers) may follow the
# punctuation that ends a sentence (`We hope to see you soon! 🙂`).
EMOJI = "\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff"
TAIL = r"(?:[" + re.escape(CLOSERS) + r"]|\s*[" + EMOJI + r"])*$"
TERMINAL = re.compile(r"[.!?。！？;:…]" + TAIL)
SENTENCE_END = re.compile(r"[.!?。！？]" + TAIL)
FULL_STOP = re.compile(r"(?<!\.)[.!。！]" + TAIL)
ELLIPSIS = re.compile(r"(\.\.\.|…)[" + re.escape(CLOSERS) + r"]*$")
# A number standing as a word of its own (`5040`, `60–90`, `1/2`, `½`, `$11.99`, `3rd`), not part of a name
# such as `T20I` or `4PM`: the cells of a table and the quantities of a recipe.
NUMBER = re.compile(
    r"(?<![^\W\d_])[-+−]?[$€£¥₹₩]?(?:\d+(?:[.,:/–-]\d+)*|[½¼¾⅓⅔⅛])(?:%|st|nd|rd|th)?(?![^\W\d_])"
)
# Numbers of a sidebar rather than of a table: a count after a label (`Akhlaq (47)`), an archive month
# (`November 2019`).
COUNTER = re.compile(r"\s*\(\d+\)$")
URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
# Menu, sharing, consent and footer phrases (matched on short lines only; prose may mention them).
BOILER_PHRASE = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcookies?\b|\bprivacy (?:policy|notice|settings)\b|"
    r"\bterms (?:of|and) (?:use|service|conditions)\b|\bsign (?:in|up)\b|\blog ?in\b|\bsubscribe\b|"
    r"\bnewsletters?\b|\bfollow us\b|\bshare (?:this|on)\b|\badvertisement\b|^advertising$|\bread more\b|"
    r"^follow \w+(?: \w+)? on (?:twitter|facebook|instagram|linkedin|youtube)\b|"
    r"\bclick here\b|\bskip to (?:main )?content\b|\bback to top\b|\breturn to top\b|\bloading\b|"
    r"\bmost (?:popular|read|viewed)\b|\brelated (?:articles?|stories|posts|content|news)\b|"
    r"^\d*\s*comments?$|\bleave a reply\b|\ball rights\b|\bdownload (?:the|our) app\b|\bjavascript\b",
    re.IGNORECASE,
)
BOILER_MAX_WORDS = 14
# A label opening a short line that is not a sentence (`Photo: Damian Dovarganes, AP`, `Tags: ...`).
LABEL_LINE = re.compile(
    r"^(?:related|see also|see more|read more|photo|image|video|source|watch|read|more|tags?|topics)\s*:", re.I
)
# Legal and account notices: boilerplate at any length.
LEGAL_PHRASE = re.compile(
    r"©|\ball rights reserved\b|\bmay not be reproduced\b|\bunsubscribe\b|\bregistered trademarks? of\b",
    re.IGNORECASE,
)
# Headers of what follows an article on a page (comments, related stories): the article does not go on
# past them, so no run of body lines is looked for beyond the first one after the article.
COMMENTS_MARKER = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies)\b|^(?:leave a (?:reply|comment)|comments are (?:now )?closed|"
    r"post a comment|add (?:a |new |your )?comment|comment viewing options|join the (?:discussion|conversation)|"
    r"(?:show|view|load) (?:all )?comments|(?:please )?leave your comments?|have your say$|"
    r"do you have (?:any )?comments? (?:on|about) this)\b|^(?:article|readers?'?|user|your) comments?:?$",
    re.IGNORECASE,
)
END_MARKER = re.compile(
    r"^(?:you (?:may|might) also (?:like|enjoy)|explore further|further reading|see also$|"
    r"about (?:the )?(?:author|us)\b|(?-i:(?:About|Über|Sobre|À propos de) [A-Z]\w*(?: [A-Z]\w*){0,3}$)|"
    r"more from\b|more stories|(?-i:More [A-Z]\w+(?: [A-Z]\w+)?$)|recommended\b|"
    r"related (?:articles?|stories|posts|content|news|coverage)|"
    r"most (?:popular|read|viewed|shared)|trending (?:now|stories|news)|read next|up next|"
    r"popular (?:stories|posts|articles)|latest (?:news|stories|posts|articles)|"
    r"related$|external links$|don'?t miss$|more (?:\w+ )?(?:headlines|news|stories)\s*»?$)",
    re.IGNORECASE,
)
END_MARKER_MAX_WORDS = 8
# A photo credit on a line of its own (`Natalie Naccache | Bloomberg | Getty Images`); the line above it
# is the photo's caption.
CREDIT = re.compile(
    r"\b(?:getty images|ap photo|associated press|shutterstock|istock|afp|reuters|epa-efe|photo credit|"
    r"image credit|file photo|courtesy of)\b|^(?:photo|image|picture|foto|credit)s?\s*(?:by|:)|"
    r"\S \| \S.* \| \S",
    re.IGNORECASE,
)
CREDIT_MAX_WORDS = 8
# A picture's label lines: `Image caption` (the caption follows it) and `Image copyright Getty Images` (a
# credit printed above the picture: the line above it is text, not a caption).
CAPTION_LABEL = re.compile(r"^(?:(?:image|photo|picture|video)\s+)?caption\s*:?$", re.IGNORECASE)
COPYRIGHT_LABEL = re.compile(r"^(?:image|photo|picture|video)\s+copyright\b", re.IGNORECASE)
# A label that introduces links to other pages (`More:`, `Related:`, `Read more:`, `Tags:`).
LINK_LABEL = re.compile(
    r"^(?:related(?: \w+)?|see also|more|more on this|read (?:more|also|next)|also read|tags?|topics)\s*:$",
    re.IGNORECASE,
)
INNER_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")
# Words that describe a picture rather than report. Strong cues (`In this Dec. 12, 2006, file photo`,
# `Mark Esper, left, and ...`) mark a caption of up to two sentences, weak ones (`pictured`) one sentence.
CAPTION_STRONG = re.compile(
    r"\bfile (?:photo|image)\b|\bin this (?:[\w.,-]+ ){0,6}(?:photo|image|picture)\b|"
    r"\(?(?:AP|Getty|Reuters|AFP) (?:Photo|Images)\b|, (?:left|right|centre|center),|"
    r"\b(?:photo )?credit: \S",
    re.IGNORECASE,
)
CAPTION_WEAK = re.compile(r"\bpictured\b|\billustration (?:of|shows)\b|\(pictured\)", re.IGNORECASE)
CAPTION_MAX_WORDS = 60
# A sponsorship or affiliate disclosure (`This shop has been compensated by Collective Bias, Inc.`, `This
# post contains affiliate links`): not the article, and never its headline. Strong cues count on a line of
# up to DISCLOSURE_MAX_WORDS words, weak ones (`Sponsored by Acme`) on a line of up to BOILER_MAX_WORDS.
DISCLOSURE_STRONG = re.compile(
    r"\b(?:has|have|was|were|being|been) compensated\b|\b(?:contains?|may contain|includes?) affiliate links?\b|"
    r"\baffiliate (?:links?|commissions?)\b|\bmaterial connection\b|\bsponsored (?:post|content)\b",
    re.IGNORECASE,
)
DISCLOSURE_WEAK = re.compile(r"^(?:sponsored by|in partnership with|paid (?:partnership|promotion))\b", re.I)
DISCLOSURE_MAX_WORDS = 40
# A breadcrumb (`Home » Sport » Football`, `News > World`, `Sport »`): where a page sits, never its headline.
BREADCRUMB = re.compile(r"\s[»›>]\s|[»›]\s*$|^[^|]{1,40}(?:\s\|\s[^|]{1,40})+$")
# A byline: `By`, `By Sarah E. Needleman` (names capitalised).
BYLINE = re.compile(r"^(?i:by|por|von|par|oleh)(?:\s+[A-Z][\w.'-]*(?:,?\s+[A-Z][\w.'-]*){0,4})?\s*$")
COMMENT_HEADER = re.compile(
    r"^\S+(?: \S+){0,2} (?:says|said|wrote|writes|replied|commented)\s*:?$|"
    r"^posted by\s*:\s*\S.{0,40}?(?:\||\bat\b|\bon\b).*\d|"  # `Posted by: stat | January 14, 2008 07:41 PM`
    r"^\S+(?: \S+){0,2} \(\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago\)$",  # `TonyZ (6 days ago)`
    re.IGNORECASE,
)
COMMENT_THREAD_MIN_HEADERS = 3  # this many comment headers are a thread: the first after the article starts it
# What closes an article without being part of it: the author's biography (`Mike Wall is the author of ...`,
# `NRO contributor Victor Davis Hanson is ...`, `Follow him on Twitter`), a note about the company (`Ascom is a
# global solutions provider focused on ...`, `... is headquartered in Baar`), an `About the author` heading
# or an invitation to subscribe (`If you enjoyed this article, ...`). From such a line in the last part of
# the body to the next heading, the lines are not the article.
_NAME = r"(?!(?:He|She|It|They|We|I|This|That|The|There) )(?:[A-Z][\w.'’-]+ ){1,4}"  # a name, not a pronoun
CLOSING_NOTE = re.compile(
    r"^About (?:the authors?|the company|us|" + _NAME.replace(" ){1,4}", " ?){1,4}") + r")\s*:?$|"
    r"^" + _NAME + r"(?:is|was|has been) (?:a|an|the) [^.]{0,120}?\b(?:author|writer|journalist|reporter|"
    r"columnist|contributor|correspondent|blogger|founder|fellow)\b|"
    r"^[^.]{0,60}\b(?:journalist|contributor|columnist|correspondent|writer|reporter) " + _NAME
    + r"(?:is|writes|covers)\b|"
    r"^" + _NAME + r"is (?:a|an|the) (?:[\w-]+ ){0,4}(?:provider|supplier|manufacturer|developer|maker|company|firm)"
    r" (?:of|focused|for|that|with|in)\b|"
    r"\bis headquartered in\b|"
    r"\bemploys (?:about|around|some|over|more than|approximately) [\d,]+ (?:people|staff|employees)\b|"
    r"\bFollow (?:him|her|them) on (?:Twitter|Facebook|Instagram)\b|"
    r"^If you (?:enjoyed|liked) this (?:article|story|post)\b"
)
# A closing note counts only in this last share of the body's words (a company named in the article's lead
# is news, not a note).
CLOSING_NOTE_TAIL_SHARE = 0.3
# A reader's comment signed under it with a name and a place (`Blake B, los angeles,`, `Frances McErlane,
# Mallorca, Spain`, `Dave, Truro, Cornwall`): COMMENT_THREAD_MIN_HEADERS of them, each after prose, are a thread.
COMMENT_SIGNATURE = re.compile(
    r"^[A-Za-z][\w.'’-]*(?: [\w.'’-]+){0,3}"  # the name
    r"(?:\s*,\s*[A-Za-z][\w.'’-]*(?: [\w.'’-]+){0,2}){1,2}\s*,?$"  # the town, and maybe its country
)
COMMENT_SIGNATURE_MAX_WORDS = 8
