"""Find the clauses of a change that concern AI, and rate how much the change matters.

The detector reads *relations between concepts*, not keywords. A sentence is cut into clauses (list bullets,
semicolons, sentence ends inside long blocks, footnote and section numbers) and each clause is read for:

* an **AI term**: "artificial intelligence", a capitalised "AI"/"AIs" (never the letters of "email" or "maintain"),
  "machine learning", "generative", "large language model", "foundation model", named AI products (Grok, Llama,
  Meta AI, My AI, Gemini, Bard, Copilot …); a "model" or "algorithm" only when it is trained ("train our
  algorithms"), never "business model" or "device model"; an AI word in a link target counts as weak evidence;
* **training**: a training verb (train, fine-tune, "develop and improve", "used to improve", "learn from") aimed at
  an AI term within a few words, or a use verb applied to people's data (your information, content, posts,
  prompts, conversations …) for an AI purpose; what people exchange with AI reused for ads; a licence that
  includes "training of our … models". "trained on large datasets" (a description) is not a use;
* **sharing**: a share/disclose/license/send verb near a third party, partner, provider or company, with data;
* **opt-out**: opt out/in, object, "you can turn off", withdraw consent, delete your chats/history, privacy
  settings or controls, "your choices";
* **likeness**: images/videos of yourself, your face or facial features, voice or likeness, selfies, avatars,
  digital replicas, biometric data;
* **negation scope**: a negation governing a use/train/share verb ("is not used to train") makes the finding a
  *protection*; a prohibition aimed at others ("you may not use … to train", "Customer will not … :" and its list)
  makes the clause an AI-feature rule instead.

The first category in the guidelines' order of precedence that a clause supports wins: ai_likeness, ai_opt_out,
ai_data_sharing, ai_training, ai_features.

A change is judged sentence by sentence (moved sentences and link-target/emphasis-only edits are skipped). A
reworded sentence is compared with its old wording after normalisation (en-GB/en-US spelling, "that"/"which",
"such as"/"like", punctuation, case); if its AI clauses read word for word as before, the edit was elsewhere.
Added or removed sentences whose wording is still on the other side of the change (re-flowed, split, merged, an
upcoming version shown beside the current one) are not reported.

Severity of a change (the highest finding wins):

* **high**: AI training or AI data sharing added, or a reworded clause that starts using data for AI or widens
  it (new kinds of data, recipients or purposes); an AI protection ("we do not use … to train") removed or turned
  into a use; an AI opt-out removed (also cut from a sentence that still describes the use); the definition of
  people's Content widened to prompts/outputs under a licence that includes AI training.
* **medium**: an AI opt-out added or reworded; AI training / sharing clauses reworded without widening, or
  removed; likeness clauses added, removed or reworded.
* **low**: an AI protection added; AI-feature text (products, labels, rules for others) added, removed, reworded.
* **none**: nothing about AI changed in substance.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from monitor.diff import Change, SentenceChange, diff_texts, plain
from monitor.reading import Structure, read_structure, say


@dataclass(frozen=True, slots=True)
class Category:
    """One category of the corpus guidelines: its name, the words alerts use for it, whether it makes a change
    AI-relevant, and its precedence when a sentence fits several (lower wins)."""

    name: str
    label: str
    relevant: bool
    precedence: int


# The one table of categories: classify, notify, the CLI and eval read it (and nothing else) for these facts.
CATEGORY_TABLE: dict[str, Category] = {c.name: c for c in (
    Category("ai_training", "AI-training clause", True, 3),
    Category("ai_data_sharing", "AI data-sharing clause", True, 2),
    Category("ai_opt_out", "AI opt-out", True, 1),
    Category("ai_likeness", "AI likeness clause", True, 0),
    Category("ai_features", "AI feature text", False, 4),
)}
CATEGORIES = tuple(CATEGORY_TABLE)
RELEVANT = frozenset(name for name, category in CATEGORY_TABLE.items() if category.relevant)
CATEGORY_LABELS = {name: category.label for name, category in CATEGORY_TABLE.items()}
SEVERITY_ORDER = {"none": 0, "low": 1, "medium": 2, "high": 3}



# -- concept patterns ------------------------------------------------------------------------------------------

def _words(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(_words(*alternatives), re.IGNORECASE)


# Case-sensitive: "AI" must be a capitalised word of its own (never the letters of "email" or "maintain"),
# product names are proper nouns.
_AI_TERM_CASED = re.compile(
    r"\bA\.?I\.?s?\b|\bML\b|\bLLMs?\b|\bGenAI\b|"
    r"\b(?:Grok|Llama|Gemini|Bard|Copilot|ChatGPT|OpenAI|Claude|Cortana|My Selfie)\b"
)
_AI_TERM = _pattern(
    r"artificial[\s-]+intelligence", r"machine[\s-]+learn(?:ing|ed)", r"deep[\s-]+learning", r"generative",
    r"large[\s-]+language[\s-]+models?", r"(?:foundation|frontier|language|neural|diffusion)\s+models?",
    r"neural\s+networks?", r"chat\s?bots?", r"natural\s+language\s+processing", r"computer\s+vision",
    r"(?:recognition|recommendation)\s+models?", r"deep\s?fakes?",
)
# "model" and "algorithm" are AI only as the object of training: never "business model" or "device model".
_MODEL_IMPROVED = _pattern(
    r"(?:improv\w+|develop\w*|train\w*|enhanc\w+)\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}?(?<!business\s)"
    r"(?<!device\s)(?<!pricing\s)(?<!revenue\s)(?<!operating\s)models?",
    r"(?:our|the)\s+models?\s+(?:\w+\s+){0,2}(?:more|better)\s+(?:helpful|accurate|useful|safe)",
    r"learn\s+(?:from\s+)?your\s+(?:writing|typing|speaking|voice)", r"speech\s+recognition\s+(?:technolog\w+|models?)",
    # training a system or tool is machine learning; training people is not (see _PEOPLE_TRAINING)
    r"train(?:s|ed|ing)?(?:,?\s+(?:and|or)\s+\w+)?\s+(?:our|its|their|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:tools|systems?|technolog\w+|engines?|software)")
_MODEL = _pattern(r"models?", r"algorithms?")
_AI_IN_URL = re.compile(r"(?:[/=_.-])(?:gen)?ai(?:[-_/?#.]|$)|artificial-intelligence|copilot|genai", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)")

# "trained on large datasets" / "trained by looking at" describe what a model is, not whose data trains it.
_TRAIN_STRONG = re.compile(
    _words(r"train(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?(?:on|with|using)\s+(?:\w+\s+)?(?:your|users?|people|members|customers?)",
           r"train(?:s|ed|ing)?(?!\s+(?:on|by)\b)", r"re-?train\w*", r"fine[\s-]?tun\w+", r"teach\w*",
           r"learns?\s+(?:from|your)", r"develop(?:s|ed|ing)?,?\s+(?:and|or)\s+improv\w+",
           r"used\s+(?:\w+\s+){0,2}to\s+(?:help\s+)?(?:improve|develop|build)"),
    re.IGNORECASE,
)
_TRAIN_IMPROVE = _pattern(r"improv(?:e|es|ed|ing|ement)", r"advancement", r"develop(?:s|ed|ing|ment)?",
                          r"optimi[sz](?:e|es|ed|ing|ation)")
_RESEARCH = _pattern(r"research")
_TRAINING_SOURCE = _pattern(r"publicly\s+available\s+(?:and\s+licensed\s+)?(?:information|sources|data)")
_TRAINING_NOUN = _pattern(r"model\s+training", r"training\s+data", r"(?:for|of)\s+(?:AI\s+)?training",
                         r"for\s+(?:AI|machine[\s-]+learning|ML)\s+(?:purposes|training|development)",
                         r"training\s+(?:controls?|settings?|toggles?|preferences?)")
# Training people: staff, support teams, moderators; calls recorded "for training and quality purposes".
_PEOPLE_TRAINING = _pattern(
    r"train\w*\s+(?:\w+\s+){0,3}(?:staff|employees|personnel|teams?|agents|moderators|reviewers|creators|"
    r"representatives|workforce|volunteers|contractors)",
    r"(?:for|of)\s+(?:internal\s+)?training(?:\s+(?:and|or)\s+[\w-]+(?:\s+assurance)?)?\s+purposes",
    r"training\s+(?:and|or)\s+quality", r"quality\s+(?:assurance|control)\s+(?:and|or)\s+training",
    r"(?:staff|employee|safety|security|compliance)\s+training")
_ADS_PURPOSE = _pattern(r"ads", r"advertis\w+", r"marketing", r"sponsored")
_USER_DATA = _pattern(
    r"(?:personal\s+)?(?:information|data|info)", r"content", r"posts?", r"photos?", r"images?", r"videos?",
    r"messages?", r"conversations?", r"chats?", r"prompts?", r"inputs?", r"outputs?", r"interactions?",
    r"activity", r"profiles?", r"text", r"voice\s+recordings?", r"captions?", r"comments?", r"queries",
    r"publicly\s+available", r"uploads?", r"files", r"questions", r"requests", r"(?:the\s+)?way\s+you\s+use",
    r"words\s+you",
)
_AI_DATA = _pattern(r"interactions?", r"conversations?", r"chats?", r"prompts?", r"activity", r"history",
                    r"inputs?", r"outputs?", r"info(?:rmation)?\s+(?:you\s+)?shared", r"messages?")
_USE_VERB = _pattern(r"us(?:e|es|ed|ing)", r"process\w*", r"draw\w*\s+from", r"rel(?:y|ies)\s+on", r"analy[sz]\w*",
                     r"leverag\w+", r"keep", r"retain\w*", r"collect\w*", r"licen[cs]e\s+includes",
                     r"review\w*", r"stor(?:e|es|ed|ing)")
_SHARE_VERB = _pattern(
    r"shar(?:e|es|ed|ing)", r"disclos(?:e|es|ed|ing)", r"licen[cs](?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,4}to", r"sell\w*",
    r"sold", r"transfer\w*", r"sen[dt]s?\s+to", r"make\s+(?:\w+\s+)?available\s+to", r"authori[sz]e\s+us",
    r"(?:sent|transmitted|passed|routed|forwarded|disclosed)\s+to",
    r"(?:processed|handled|analy[sz]ed|powered|hosted)\s+by",
)
_THIRD_PARTY = _pattern(r"third[\s-]+part(?:y|ies)(?:'s?)?", r"partners?", r"(?:service|model)\s+providers?",
                        r"vendors?", r"companies", r"organi[sz]ations", r"collaborators", r"OpenAI", r"Anthropic",
                        r"sub-?processors?")
_THIRD_PARTY_AI = _pattern(
    r"third[\s-]+part(?:y|ies)(?:[\s-]+provided)?\s+(?:[\w-]+\s+){0,2}(?:AI|artificial\s+intelligence|LLMs?|chat\s?bots?|"
    r"(?:language\s+)?models?|model\s+providers?)", r"AI\s+(?:model\s+)?(?:providers?|partners?|vendors?)",
    r"third[\s-]+party(?:[\s-]+provided)?\s+services\s+(?:used\s+)?(?:for|to\s+provide|providing)\s+(?:\w+\s+){0,2}AI")
_OTHERS_MODELS = _pattern(r"(?:train|develop|improve)\w*\s+their\s+(?:own\s+)?(?:\w+\s+){0,3}models?")
_OPT_OUT = _pattern(
    r"opt(?:s|ed|ing)?[\s-]*(?:out|in)", r"to\s+object", r"(?:have|has)\s+objected", r"objections?",
    r"object\s+to", r"right\s+to\s+object",
    # a choice the person makes ("you can turn off …", "Turn off …"), not "we might turn off some features"
    r"(?:you\s+(?:can\s+|may\s+|could\s+)?|to\s+|please\s+|^\W*)turn\s+(?:\w+\s+){0,3}(?:off|on)",
    r"turning\s+(?:\w+\s+){0,3}(?:off|on)",
    r"switch(?:es|ed)?\s+off", r"withdraw\w*\s+(?:your\s+)?consent", r"privacy\s+dashboard",
    r"submit\s+requests?", r"exercise\s+(?:\w+\s+){0,2}rights?", r"depending\s+on\s+(?:[\w'’]+\s+){0,2}settings",
    r"(?:view|access|export|delete|erase|clear)(?:,?\s+(?:and\s+|or\s+)?(?:view|access|export|delete|erase))*"
    r"\s+(?:(?:your|their|the)\s+(?:\w+\s+){0,2}(?:chats?|conversations?|history|selfies?|data|information)|"
    r"(?:\w+\s+){0,2}(?:chats?|conversations?|history|selfies?))",
    r"manage\s+(?:\w+\s+){0,4}(?:choices|settings|data|preferences)", r"in\s+(?:\w+\s+){0,2}settings",
    r"choose\s+(?:whether|to\s+(?:allow|share|let|give|opt|turn|stop))", r"(?:privacy|AI|data)\s+settings",
    r"settings\s+(?:in|within|for|on)\b", r"in-product\s+controls", r"controls\s+(?:we\s+offer|in|for)",
    r"(?:your|about\s+your)\s+choices", r"data\s+controls?",
    r"rights?\s+(?:with\s+respect\s+to|regarding|over|in\s+relation\s+to)",
    r"requests?\s+regarding", r"(?:mechanism|option|way|setting)\s+to\s+(?:exclude|opt|object|remove|prevent|stop)",
    r"(?:creators|users|people|their|members)['’]?\s+choices", r"stop\s+using",
    r"request\s+(?:that\s+)?(?:[\w'’]+\s+){0,3}(?:stop|not|restrict|delete|be\s+(?:excluded|removed|deleted))",
    r"controls?\s+(?:to|that\s+let|which\s+let)", r"(?:manage|control|decide|choose)\s+whether",
    r"when\s+(?:it's|it’s|it\s+is|this\s+(?:setting\s+)?is)\s+(?:off|on|turned\s+off|paused)",
    r"(?:do\s+not|don't|don’t)\s+want\s+(?:us\s+)?to",
    r"disabl\w+", r"unless\s+you\s+(?:disable|opt|object|turn|choose)",
    r"(?:allow|let|permit)\s+us\s+to\s+use",
    r"training\s+(?:controls?|settings?|toggles?|options?|preferences?)",
    r"(?:signal|indicate|express|set)\s+(?:\w+\s+){0,2}(?:whether|preferences?|intents?)\b",
    r"(?:only|solely)\s+(?:[\w-]+\s+){0,8}(?:if|when|with)\s+you\s+(?:explicitly\s+)?"
    r"(?:agree|consent|opt|choose|allow)", r"with\s+your\s+(?:permission|consent)",
    r"(?:is|are)\s+(?:enabled|disabled|turned\s+(?:on|off))",
    r"exclude\s+(?:[\w-]+\s+){0,5}from\s+(?:\w+\s+)?training",
    r"you\s+(?:can|may)\s+choose", r"control\s+over\s+your", r"(?:providing|provide|give|giving)\s+"
    r"(?:your\s+)?consent", r"consent\s+(?:for|to)\s+(?:\w+\s+){0,4}(?:collect|process|use)",
)
_LIKENESS = _pattern(
    r"(?:your|their|his|her|its|someone's|people's|person's|individual's|user's|own)\s+(?:[\w-]+,?\s+){0,2}"
    r"likeness", r"likeness\s+of", r"(?:your|their|his|her|someone's|people's|person's|own)\s+(?:\w+\s+)?faces?",
    r"facial", r"voice\s+(?:or|and)\s+likeness", r"voice\s+characteristics", r"data\s+about\s+your\s+voice",
    r"voice\s?prints?", r"(?:translat|dubb?)\w*\s+(?:\w+\s+){0,6}(?:your|their)\s+(?:own\s+)?voice",
    r"(?:copy|clone|mimic\w*)\s+(?:\w+\s+){0,2}voice",
    r"voice\s+(?:may\s+be\s+|is\s+|will\s+be\s+|can\s+be\s+)?(?:clon|replicat|synthes)\w*",
    r"(?:your|their|his|her|a\s+person's|someone's)\s+(?:voice|appearance)\s+(?:\w+\s+){0,4}"
    r"(?:generat|creat|synthes|clon|replicat|mimic|imitat)\w*",
    r"(?:generat|creat|synthes|clon|replicat|mimic|imitat)\w*\s+(?:\w+\s+){0,3}(?:your|their|his|her|someone's)\s+"
    r"(?:voice|face|appearance)", r"digital\s+(?:twin|clone|double)s?", r"look-?alikes?",
    r"AI\s+version\s+of\s+(?:\w+\s+){0,2}voice",
    r"selfies?", r"avatars?", r"digital\s+replicas?", r"biometric\w*",
    r"(?:images?|photos?|videos?|pictures?)\s+(?:or\s+\w+\s+)?of\s+(?:yourself|themselves)",
    r"(?:photos?|images?|videos?)\s+(?:\w+\s+){0,4}(?:yourself|of\s+you\b)", r"of\s+yourself",
    r"look\s+(?:or\s+sound\s+)?similar\s+to\s+you", r"famous\s+person", r"(?:generated|created)\s+by\s+"
    r"(?:\w+\s+){0,2}AI\s+by\s+yourself",
)
# Rules about what people may make or post: deepfakes, impersonation, other people's likeness without consent.
_CONTENT_RULE = _pattern(r"deep\s?fakes?", r"impersonat\w+", r"without\s+(?:their|his|her|the\s+person's)\s+consent",
                         r"real,?\s+(?:identifiable\s+)?(?:person|people|individuals?)", r"non-?consensual",
                         r"(?:must|should)\s+(?:be\s+)?(?:label\w*|disclos\w*|tag\w*)")
_NEGATION = _pattern(r"not", r"never", r"no\s+longer", r"cannot", r"can[’']t", r"won[’']t", r"don[’']t",
                     r"doesn[’']t", r"isn[’']t", r"aren[’']t")
# A prohibition addressed to others ("you may not use the Services to train …") is an AI-feature rule, not a use.
_PROHIBITION = re.compile(
    r"\b(?:you|customers?|developers?|users?|end\s+users|third[\s-]+parties|anyone|licensees?|apps?)[\s,]+"
    r"(?:(?!that\b|which\b|if\b|when\b|whether\b|understand\b|acknowledge\b)[\w'’]+[\s,]+){0,10}?(?:may|must|will|shall|should|agree|can)\s*(?:not|n't)\b|\bprohibit\w*|\bforbid\w*|"
    r"\bnot\s+(?:be\s+)?permitted\b|\bnot\s+allow(?:ed)?\b",
    re.IGNORECASE,
)
_ONLY = _pattern(r"only", r"just", r"solely")
# A list introduced as a ban without a subject: "Do not:", "Never:", "### Restrictions", "Prohibited uses".
_BAN_LEAD_IN = re.compile(r"^\W*(?:do\s+not|don[’']t|never)\b|\b(?:restrictions|prohibited|prohibitions|"
                          r"unacceptable\s+uses?|acceptable\s+use|what\s+you\s+(?:can't|cannot|may\s+not)\s+do)\b",
                          re.IGNORECASE)
# Duties laid on users or developers ("you remain responsible for", "developers must") are rules for others too.
_OBLIGATION = _pattern(r"you\s+(?:remain\s+|are\s+)?(?:solely\s+)?responsible", r"(?:you|developers?|apps?)\s+must",
                       r"(?:these|the\s+following)\s+requirements")
_FIRST_PERSON = _pattern(r"we", r"us", r"our", r"we'll", r"we’ll", r"we've", r"we’ve")
# The platform's own materials ("the Services", "any Output") or someone's model ("any AI model", "a model that
# competes"): training on them is what others are forbidden, never a use of people's data.
_PLATFORM_MATERIALS = re.compile(
    r"\b(?:the|our)\s+(?:Services?|Platform|Site|Software|APIs?|Materials|Outputs?|Products?)\b|"
    r"\bany\s+(?:Outputs?|Materials|Content|data\s+(?:from|obtained))\b|\bOutputs?\b")
_OTHERS_MODEL = _pattern(r"compet\w+",
                         r"(?:any|another|competing)\s+(?!of\b|its\b|our\b)(?:[\w-]+\s+){0,4}(?:models?|AI|tools?|systems?)",
                         r"their\s+own\s+(?:[\w-]+\s+){0,3}(?:models?|AI|tools?|systems?)")

# Clauses end at list bullets, rules, semicolons, sentence ends inside long blocks, footnote and section numbers.
_CLAUSE_BREAK = re.compile(
    r"\s[*•]\s|\s-{3,}\s?|={3,}|;\s|<br>|(?<=[.!?])\s+(?=[A-Z\[*])|\s\d+(?:\.\d+)+\.?\s|\s\d+\.?\s+(?=[A-Z])"
)
_WORD_TOKEN = re.compile(r"\w+")

# en-GB → en-US and other wording that does not change the meaning, applied word by word.
_SPELLING = (
    (re.compile(rb"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations)$"), rb"iz\1"),
    (re.compile(rb"(?<=[a-z])ys(e|es|ed|ing)$"), rb"yz\1"),
    (re.compile(rb"(?<=[a-z]{3})our(s|ed|ing|able)?$"), rb"or\1"),
    (re.compile(rb"(?<=[a-z]{2}[^aeiou])re$"), rb"er"),
    (re.compile(rb"programme"), b"program"),
    (re.compile(rb"licence"), b"license"),
    (re.compile(rb"(?<=[aeiou])ll(ed|ing|er)$"), rb"l\1"),
)
_FILLER_WORDS = frozenset({b"that", b"which"})
_LINK_TARGETS = re.compile(r"\]\([^)]*\)|\((?:https?://|mailto:)[^)\s]*\)")
# Lower-case ASCII letters and digits stay, everything else becomes a space: words in one C-level pass.
_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256)).lower()


@dataclass(frozen=True, slots=True)
class Finding:
    category: str
    change: str  # added | removed | modified
    text: str
    score: float
    old_text: str | None = None
    matched: tuple[str, ...] = ()
    protection: bool = False
    structure: Structure = Structure()
    reading: str = ""  # the structure in one plain sentence: "X may use your posts to train its AI models"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"category": self.category, "change": self.change, "text": self.text,
                                "score": round(self.score, 3), "actor": self.structure.actor,
                                "act": self.structure.act, "object": self.structure.object,
                                "purpose": self.structure.purpose, "modality": self.structure.modality,
                                "reading": self.reading}
        if self.old_text is not None:
            data["old_text"] = self.old_text
        if self.matched:
            data["matched"] = list(self.matched)
        if self.protection:
            data["protection"] = True
        return data


@dataclass(frozen=True, slots=True)
class Assessment:
    findings: tuple[Finding, ...] = ()
    severity: str = "none"
    ai_relevant: bool = False
    summary: str = "text changed"


@dataclass(frozen=True, slots=True)
class SentenceReading:
    """What the rules read in one sentence: category (or None), confidence, evidence, and whether it limits AI use."""

    category: str | None
    score: float
    matched: tuple[str, ...] = ()
    protection: bool = False
    scope: frozenset[str] = frozenset()  # the kinds of data, recipients and purposes named: to tell a widening
    ai_clauses: frozenset[str] = frozenset()  # the wording of the clauses that make it AI-relevant
    structure: Structure = Structure()  # who does what with whose data, in the deciding clause


Span = tuple[int, int, str]


def _spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [(m.start(), m.end(), re.sub(r"\s+", " ", m.group(0).strip())) for m in pattern.finditer(text)]


def _gap(text: str, first: Span, second: Span) -> int:
    """Words between two spans (0 when they touch or overlap), in either order."""
    if first[0] > second[0]:
        first, second = second, first
    return len(_WORD_TOKEN.findall(text[first[1]:second[0]])) if second[0] > first[1] else 0


def _near(text: str, firsts: list[Span], seconds: list[Span], within: int, ordered: bool = False) -> list[Span]:
    """The spans of ``seconds`` within ``within`` words of a span of ``firsts`` (after it, when ``ordered``)."""
    return [second for second in seconds for first in firsts
            if (not ordered or second[0] >= first[0]) and _gap(text, first, second) <= within]


@dataclass(frozen=True, slots=True)
class _ClauseReading:
    category: str | None
    score: float
    matched: tuple[str, ...] = ()
    protection: bool = False
    scope: tuple[str, ...] = ()


_NOTHING = _ClauseReading(None, 0.0)


def _words_of(*groups: list[Span]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(span[2] for group in groups for span in group))


def _read_clause(raw: str, under_prohibition: bool = False) -> _ClauseReading:
    """The category one clause supports, by the relations between its concepts."""
    text = plain(raw)
    ai = _spans(_AI_TERM_CASED, text) + _spans(_AI_TERM, text)
    weak_ai = not ai and any(_AI_IN_URL.search(target) for target in _LINK_TARGET.findall(raw))
    if not ai and not weak_ai:  # a model or algorithm that is trained, or training data, is AI too
        if _PEOPLE_TRAINING.search(text):
            return _NOTHING
        ai = (_near(text, _spans(_TRAIN_STRONG, text), _spans(_MODEL, text), 4) or _spans(_TRAINING_NOUN, text)
              or _spans(_MODEL_IMPROVED, text))
        if not ai:
            return _NOTHING
    ai_words = _words_of(ai) or ("AI (link target)",)
    data = _spans(_USER_DATA, text)

    likeness = _spans(_LIKENESS, text)
    if ai and likeness and (under_prohibition or _PROHIBITION.search(text) or _CONTENT_RULE.search(text)):
        return _ClauseReading("ai_features", 0.6, ai_words + _words_of(likeness) + ("rule",))
    if ai and likeness:
        return _ClauseReading("ai_likeness", 0.8, ai_words + _words_of(likeness))

    opt_out = _spans(_OPT_OUT, text)
    if opt_out:
        return _ClauseReading("ai_opt_out", 0.8 if ai else 0.5, ai_words + _words_of(opt_out))

    prohibited = under_prohibition or bool(_PROHIBITION.search(text)) or _trains_others_model(text)
    protection = _negates_use(text, _PROHIBITION)
    third_party = _spans(_THIRD_PARTY, text)
    sharing = _near(text, _spans(_SHARE_VERB, text), third_party, 14)
    others_train = _spans(_OTHERS_MODELS, text)
    third_party_ai = [] if _OBLIGATION.search(text) else _spans(_THIRD_PARTY_AI, text)
    if (sharing and data) or (others_train and third_party and not prohibited) or (third_party_ai and not prohibited):
        return _ClauseReading("ai_data_sharing", 0.8 if ai else 0.5,
                              ai_words + _words_of(sharing, others_train, third_party_ai), protection,
                              _words_of(data, sharing))
    if not ai:
        return _NOTHING
    if prohibited and not protection:
        return _ClauseReading("ai_features", 0.6, ai_words + ("prohibition",))

    strong = _spans(_TRAIN_STRONG, text)
    improve = _spans(_TRAIN_IMPROVE, text) + _spans(_MODEL_IMPROVED, text)
    trains_ai = _near(text, strong + improve, ai, 10, ordered=True) + _near(text, strong, ai, 3)  # "models are trained"
    uses_data = _near(text, _spans(_USE_VERB, text), data, 6)
    data_for_ai = [span for span in _near(text, uses_data, ai, 8, ordered=True)
                   if re.search(r"\bfor\b", text[uses_data[0][1]:span[0]], re.IGNORECASE)] if uses_data else []
    sources = _spans(_TRAINING_SOURCE, text) if uses_data else []
    evidence: tuple[str, ...] = ()
    if trains_ai and (strong or uses_data or protection):
        evidence = _words_of(strong, improve)
    elif training_noun := _spans(_TRAINING_NOUN, text):
        evidence = _words_of(training_noun)
    elif uses_data and (strong or improve or _near(text, _spans(_RESEARCH, text), ai, 4)):
        evidence = _words_of(strong, improve, uses_data) or ("research",)
    elif data_for_ai or sources:
        evidence = _words_of(uses_data, sources)
    elif ai_data_for_ads := _ai_data_for_ads(text, ai):
        evidence = ai_data_for_ads
    elif own := _IMPROVE_OWN_AI.search(text):
        evidence = (own.group(0),)
    elif kept := _AI_DATA_KEPT_FOR.search(text):
        evidence = (kept.group(0),)
    if evidence:
        score = 0.9 if uses_data or strong else 0.7
        return _ClauseReading("ai_training", score, ai_words + evidence, protection, _words_of(data))
    return _ClauseReading("ai_features", 0.6, ai_words)


_BUILD = _pattern(r"build\w*", r"creat\w+")
_COMPETING = _pattern(r"(?:models?|AI|products?|services?|tools?)\s+(?:\w+\s+){0,3}(?:that|which)\s+compete\w*",
                      r"competing\s+(?:[\w-]+\s+){0,2}(?:models?|AI|products?|services?)")


def _trains_others_model(text: str) -> bool:
    """Training or building a model that is not the platform's, on the platform's materials: a rule for others.

    "Using the Service or any Output to develop models that compete" is one; "we use your posts to train our
    models" is not (the platform acts on people's data).
    """
    if _COMPETING.search(text):
        return True
    if _FIRST_PERSON.search(text) or not (_spans(_TRAIN_STRONG, text) + _spans(_TRAIN_IMPROVE, text)
                                          or _BUILD.search(text)):
        return False
    return bool(_OTHERS_MODEL.search(text) or _PLATFORM_MATERIALS.search(text))


# A purpose of processing that improves the platform's own AI ("Improve our products, such as our machine learning
# technology", a row of a purposes table): what is processed there trains it.
_IMPROVE_OWN_AI = re.compile(
    r"\b(?:improv|develop|enhanc)\w*\b(?:\W+\w+){0,10}?\W+(?:our|its)\s+(?:own\s+)?"
    r"(?:A\.?I\b|artificial\s+intelligence|machine[\s-]+learning|generative\s+AI|AI\s+models?|ML)", re.IGNORECASE)
# What people give an AI feature, kept and used for another purpose ("we store your inputs … for purposes of
# monitoring"): a reuse of AI data, as the guidelines count it.
_AI_DATA_KEPT_FOR = re.compile(
    r"\b(?:stor|retain|keep|kept|sav)\w*\s+(?:\w+\s+){0,3}(?:inputs?|prompts?|conversations?|chats?|outputs?)\b"
    r"(?:\W+\w+){0,14}?\W+(?:for\s+(?:the\s+)?purposes?\s+of|to\s+(?:monitor|detect|prevent|personali[sz]e|show))",
    re.IGNORECASE)


def _ai_data_for_ads(text: str, ai: list[Span]) -> tuple[str, ...]:
    """What people exchange with AI ("your Copilot conversations", "interactions with AIs") reused for ads."""
    ai_data = _near(text, ai, _spans(_AI_DATA, text), 4)
    ads = _spans(_ADS_PURPOSE, text)
    return _words_of(ai_data, ads) if ai_data and ads else ()


_GOVERNED_VERB = re.compile("|".join(p.pattern for p in (_USE_VERB, _TRAIN_STRONG, _TRAIN_IMPROVE, _SHARE_VERB)),
                            re.IGNORECASE)


def _negates_use(text: str, prohibition: re.Pattern[str]) -> bool:
    """True when a negation governs a use, training or sharing verb a few words after it ("is not used to train").

    A negation inside a prohibition aimed at others ("you may not use … to train") limits them, not the platform.
    """
    prohibitions = [match.span() for match in prohibition.finditer(text)]
    for negation in _NEGATION.finditer(text):
        if any(start <= negation.start() < end for start, end in prohibitions):
            continue
        following = text[negation.end():negation.end() + 50]
        if _ONLY.match(following.strip()):
            continue
        if _GOVERNED_VERB.search(following):
            return True
    return False


def _clauses(sentence: str) -> list[str]:
    return [piece for piece in _CLAUSE_BREAK.split(sentence) if piece and piece.strip()]


def read_sentence(sentence: str, lead_in: str | None = None) -> SentenceReading:
    """Classify one sentence with its evidence: the first category in precedence order that a clause supports.

    Two readings span clauses: a prohibition that introduces a list ("Customer will not … do any of the
    following:") governs the items after it, and an item of a list of data ("Interactions with AI at Meta") counts
    as AI data reused for ads when the sentence says the list is used to show ads. ``lead_in`` is the line that
    introduces the list the sentence is an item of ("You agree not to:"), when there is one.
    """
    readings: list[_ClauseReading] = []
    clause_of: dict[int, tuple[str, bool]] = {}
    ai_clauses: set[str] = set()
    under_prohibition = bool(lead_in and (_PROHIBITION.search(plain(lead_in)) or _BAN_LEAD_IN.search(plain(lead_in))))
    for clause in _clauses(sentence):
        reading = _read_clause(clause, under_prohibition)
        clause_of[id(reading)] = (clause, under_prohibition)
        if _PROHIBITION.search(clause) and clause.rstrip().endswith(":"):
            under_prohibition = True
        if reading.category is not None:
            readings.append(reading)
            if reading.category in RELEVANT:
                ai_clauses.add(normalise_wording(clause))
    if not readings:
        return SentenceReading(None, 0.0)
    if not any(r.category in RELEVANT for r in readings):
        text = plain(sentence)
        if evidence := _ai_data_for_ads_across(text):
            readings.append(_ClauseReading("ai_training", 0.6, evidence))
            ai_clauses.add(normalise_wording(sentence))
    best = min(readings, key=lambda r: (CATEGORY_TABLE[r.category or ""].precedence, -r.score))
    scope = frozenset(word.lower() for r in readings if r.category in RELEVANT for word in r.scope)
    clause, governed = clause_of.get(id(best), (sentence, under_prohibition))
    text = plain(clause)
    prohibited = best.category == "ai_features" and (governed or "prohibition" in best.matched
                                                     or bool(_PROHIBITION.search(text)) or _trains_others_model(text))
    structure = read_structure(text, best.category, protection=best.protection, prohibited=prohibited)
    return SentenceReading(best.category, best.score, best.matched, best.protection, scope, frozenset(ai_clauses),
                           structure)


_INTERACTIONS_WITH_AI = re.compile(
    r"\b(?:interactions?|conversations?|chats?|info(?:rmation)?\s+(?:you\s+)?(?:share|exchange)\w*)\s+with\s+"
    r"(?:\w+\s+){0,6}?(?:AIs?\b|Copilot|Meta AI|Grok|Gemini)", re.IGNORECASE)
_SHOW_ADS = _pattern(r"(?:show|serve|select|personali[sz]e)\w*\s+(?:\w+\s+){0,3}ads", r"relevant\s+advertising")


def _ai_data_for_ads_across(text: str) -> tuple[str, ...]:
    interactions = _INTERACTIONS_WITH_AI.search(text)
    ads = _SHOW_ADS.search(text)
    return (interactions.group(0), ads.group(0)) if interactions and ads else ()


def classify_sentence(sentence: str) -> tuple[str | None, float, tuple[str, ...]]:
    """The category of one sentence (or None when it is not about AI), a confidence score and the words that matched.

    >>> classify_sentence("We may use your posts to train our artificial intelligence models.")[0]
    'ai_training'
    >>> classify_sentence("Learn more about how we train our staff.")[0] is None
    True
    """
    reading = read_sentence(sentence)
    return reading.category, reading.score, reading.matched


# -- changes ---------------------------------------------------------------------------------------------------

def normalise_wording(text: str) -> str:
    """Text reduced to its wording: no link targets, emphasis, punctuation, case or en-GB/en-US variants.

    Fast enough for a whole 100 KB policy (about a millisecond): re-flowed text is recognised by its wording.

    >>> normalise_wording("We’ll **personalise** [ads](https://a.example) that you see.")
    'we ll personalize ads you see'
    """
    text = _LINK_TARGETS.sub(" ", text).replace("’", "'").replace("‘", "'")
    words = text.encode("ascii", "ignore").translate(_WORD_BYTES).split()
    vocabulary = {word: _normal_word(word) for word in set(words)}
    return b" ".join(filter(None, map(vocabulary.__getitem__, words))).decode().replace("such as", "like")


@functools.cache
def _normal_word(word: bytes) -> bytes:
    if word in _FILLER_WORDS:
        return b""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True, slots=True)
class _Rated:
    finding: Finding
    severity: str
    summary: str




def _label(category: str, protection: bool) -> str:
    if protection and category in ("ai_training", "ai_data_sharing"):
        return "AI-use limit"
    return CATEGORY_LABELS[category]


def _finding(reading: SentenceReading, change: str, text: str, old_text: str | None, service: str | None) -> Finding:
    assert reading.category is not None
    return Finding(reading.category, change, text, reading.score, old_text, reading.matched, reading.protection,
                   reading.structure, say(reading.structure, service))


def _rate(sentence: SentenceChange, context: _Context) -> _Rated | None:
    """A finding for one changed sentence with its severity, or None when nothing about AI changed in substance."""
    if not sentence.substantive:
        return None
    service = context.service
    if sentence.kind in ("added", "removed"):
        side = context.new if sentence.kind == "added" else context.old
        reading = read_sentence(sentence.text, side.lead_in(sentence.text))
        if reading.category is None:
            return None
        finding = _finding(reading, sentence.kind, sentence.text, None, service)
        return _Rated(finding, _severity_added_or_removed(finding), f"{_label(finding.category, finding.protection)} "
                      f"{sentence.kind}")
    old_text = sentence.old or ""
    if normalise_wording(old_text) == normalise_wording(sentence.text):
        return None  # en-GB/en-US spelling, "that"/"which", "such as"/"like", punctuation or case only
    new = read_sentence(sentence.text, context.new.lead_in(sentence.text))
    old = read_sentence(old_text, context.old.lead_in(old_text))
    if new.category is None and old.category is None:
        return None
    if new.ai_clauses and new.ai_clauses == old.ai_clauses:
        return None  # a long block edited elsewhere: its AI clauses read word for word as before
    same_reading = new.category == old.category and new.protection == old.protection
    if (same_reading and _form_only(old_text, sentence.text)) or _same_substance(new, old, sentence.text, old_text):
        return None  # renumbered, re-rendered, a product renamed: who does what with whose data reads the same
    if new.category is None:  # the AI wording is gone: report it as the removal it is
        assert old.category is not None
        finding = _finding(old, "removed", old_text, None, service)
        return _Rated(finding, _severity_added_or_removed(finding), f"{_label(old.category, old.protection)} removed")
    finding = _finding(new, "modified", sentence.text, old_text, service)
    severity, summary = _severity_modified(new, old)
    return _Rated(finding, severity, summary)


def _same_substance(new: SentenceReading, old: SentenceReading, new_text: str, old_text: str) -> bool:
    """Two readings of a reworded AI clause that say the same: category, limit, structure, scope, kinds of AI,
    qualifiers and named recipients alike."""
    return (new.category == old.category and new.category in RELEVANT and new.protection == old.protection
            and new.structure == old.structure and new.scope == old.scope
            and _kinds_of_ai(new.ai_clauses) == _kinds_of_ai(old.ai_clauses)
            and _qualifiers(new.ai_clauses) == _qualifiers(old.ai_clauses)
            and _recipients(new_text) == _recipients(old_text))


# A company named as who receives the data ("shared with Acme", "sent to Acme"): another one is another recipient.
_RECIPIENT = re.compile(r"\b(?:with|to|by)\s+([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)")


def _recipients(text: str) -> frozenset[str]:
    return frozenset(_RECIPIENT.findall(plain(text)))


# Words that narrow or widen an AI clause: whose data, how identified, with whom, for what, and whether one can refuse.
_QUALIFIER = re.compile(
    r"\b(?:public\w*|private|anonymi\w+|de ?identified|aggregat\w+|pseudonymi\w+|licensed|affiliates?|partners?|"
    r"third|companies|ads?|advertis\w+|personali\w+|research|safety|security|consent|opt|object\w*|settings?|"
    r"only|not|never|no|all|any|including|except|unless|children|minors|eu|eea|uk|europe\w*|us|united)\b")


def _qualifiers(clauses: frozenset[str]) -> frozenset[str]:
    return frozenset(match.group(0) for clause in clauses for match in _QUALIFIER.finditer(clause))


_NUMBERING = re.compile(r"\(\s*(?:[ivxlcdm]{1,6}|[a-z]|\d{1,3})\s*\)|"
                        r"(?:^|\s)(?:\d{1,3}(?:\.\d{1,3})*|[ivxlcdm]{1,6}|[a-z])[.)](?=\s)", re.IGNORECASE)
# A name in a product position ("features like Bard", "in Copilot", "our Assistant") is form; a name that acts or
# receives ("Acme may use", "shared with Acme") is who does what, and so substance.
_PRODUCT_NAME = re.compile(r"(?<!\bwith\s)(?<!\bto\s)(?<!\bby\s)(?<!\bfrom\s)(?<![\w&’'.-])"
                           r"([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)")
_FUNCTION_WORDS = frozenset("a an the and or of in on as at is are be such like".split())
_MEANINGFUL_NAME = re.compile("|".join(p.pattern for p in (_USER_DATA, _AI_DATA, _AI_TERM, _THIRD_PARTY, _LIKENESS,
                                                           _MODEL)) + r"|\bai\b|\bml\b|\bllms?\b", re.IGNORECASE)


def _form_only(old: str, new: str) -> bool:
    """True when two wordings differ only in form: numbering, punctuation, markup, case, function words, or the
    names of products (a renamed product inside an unchanged clause)."""
    def words(text: str) -> tuple[set[str], set[str]]:
        text = _NUMBERING.sub(" ", plain(text))
        names = {word for name in _PRODUCT_NAME.findall(text) for word in normalise_wording(name).split()
                 if not _MEANINGFUL_NAME.search(word)}  # "Customer Data", "Outputs": defined terms, not names
        return set(normalise_wording(text).split()), names
    old_words, old_names = words(old)
    new_words, new_names = words(new)
    return not (old_words ^ new_words) - old_names - new_names - _FUNCTION_WORDS


_GENERIC_AI = re.compile(r"\bA\.?I\b|\bML\b|\bLLMs?\b|" + _AI_TERM.pattern, re.IGNORECASE)


def _kinds_of_ai(clauses: frozenset[str]) -> frozenset[str]:
    """The kinds of AI a clause names ("language models", "AI", "generative"), product names left out: a wider
    kind is a change of substance, a renamed product is not."""
    return frozenset(re.sub(r"s$", "", match.group(0).lower()) for clause in clauses
                     for match in _GENERIC_AI.finditer(clause))


_LIST_ITEM = re.compile(r"^\s*(?:[-*+•●▪]|\(?[0-9ivxlcdm]{1,5}[.)]|\(?[a-z][.)])\s", re.IGNORECASE)


class _Text:
    """One whole version, asked for the line that introduces the list a sentence is an item of."""

    def __init__(self, text: str | None) -> None:
        self.text = text or ""

    def lead_in(self, sentence: str) -> str | None:
        """The nearest line above the sentence's list that ends with a colon ("You agree not to:"), if any."""
        probe = sentence.strip()[:60]
        position = self.text.find(probe) if probe else -1
        if position < 0:
            return None
        line_start = self.text.rfind("\n", 0, position) + 1
        if not _LIST_ITEM.match(self.text[line_start:position + 1] + " "):
            return None
        for line in reversed(self.text[:line_start].splitlines()[-40:]):
            if not line.strip() or _LIST_ITEM.match(line):
                continue
            stripped = line.strip()
            return stripped if stripped.endswith(":") or stripped.startswith("#") else None
        return None


@dataclass(frozen=True, slots=True)
class _Context:
    old: _Text
    new: _Text
    service: str | None = None


def _severity_added_or_removed(finding: Finding) -> str:
    category = finding.category
    if category not in RELEVANT:
        return "low"
    if finding.change == "removed":
        return "high" if finding.protection or category == "ai_opt_out" else "medium"
    if category in ("ai_training", "ai_data_sharing"):
        return "low" if finding.protection else "high"
    return "medium"


def _severity_modified(new: SentenceReading, old: SentenceReading) -> tuple[str, str]:
    """Compare the old and new readings of a reworded sentence."""
    assert new.category is not None
    label = _label(new.category, new.protection)
    if old.category is None:
        return _severity_added_or_removed(Finding(new.category, "added", "", 0.0, protection=new.protection)), \
            f"{label} added"
    if new.category not in RELEVANT:
        if old.category in RELEVANT:
            return ("high" if old.protection or old.category == "ai_opt_out" else "medium"), \
                f"{_label(old.category, old.protection)} removed"
        return "low", f"{label} changed"
    if old.category == "ai_opt_out" and new.category != "ai_opt_out":
        return "high", "AI opt-out removed"
    if old.protection and not new.protection:
        return "high", f"{_label(old.category, True)} removed"
    if new.category in ("ai_training", "ai_data_sharing") and not new.protection:
        if old.category not in ("ai_training", "ai_data_sharing"):
            return "high", f"{label} added"
        if new.scope - old.scope:
            return "high", f"{label} widened"
        return "medium", f"{label} changed"
    if new.protection:
        return "low", f"{label} {'added' if not old.protection else 'changed'}"
    return "medium", f"{label} changed"


def assess(change: Change, old_text: str | None = None, new_text: str | None = None,
           service: str | None = None) -> Assessment:
    """Classify every changed sentence of a change and rate the change as a whole (see the module docstring).

    Given the two whole texts, a clause that was only re-flowed, split, merged or shown twice (an upcoming version
    beside the current one) is recognised by its wording still being on the other side, and is not reported.
    Given the whole texts, a list item is read with the line that introduces its list. ``service`` names the
    platform in each finding's ``reading``.
    """
    if not change.changed:
        return Assessment(summary="no change")
    context = _Context(_Text(old_text), _Text(new_text), service)
    rated = [result for sentence in change.sentences if (result := _rate(sentence, context)) is not None]
    rated = _drop_reflows(rated, old_text, new_text, change)
    rated += _widened_licence(change, rated, old_text, new_text)
    if not rated:
        return Assessment(summary="text changed")
    top = max(rated, key=lambda r: (SEVERITY_ORDER[r.severity], r.finding.category in RELEVANT, r.finding.score))
    findings = tuple(r.finding for r in rated)
    return Assessment(findings=findings, severity=top.severity,
                      ai_relevant=any(finding.category in RELEVANT for finding in findings), summary=top.summary)


# The definition of people's Content stretched to cover what they exchange with AI ("including any inputs, prompts,
# outputs"): under a licence that includes AI training, that widens the training.
_CONTENT_COVERS_AI_DATA = re.compile(
    r"\bcontent\b(?:\W+\w+){0,40}?\W+(?:including|includes|such\s+as|means)\b(?:\W+\w+){0,6}?\W+"
    r"(?:prompts?|outputs?|inputs?)\b", re.IGNORECASE)
_LICENCE_FOR_TRAINING = re.compile(
    r"licen[cs]e\s+includes(?:\W+\w+){0,60}?\W+training\s+of\s+(?:\w+\s+){0,6}(?:models?|AI|intelligence)",
    re.IGNORECASE)


def _widened_licence(change: Change, rated: list[_Rated], old_text: str | None, new_text: str | None) -> list[_Rated]:
    if new_text is None or any(r.finding.category == "ai_training" for r in rated):
        return []
    candidates = [s for s in change.sentences if s.kind in ("added", "modified") and s.substantive
                  and _CONTENT_COVERS_AI_DATA.search(plain(s.text))]
    if not candidates or not _LICENCE_FOR_TRAINING.search(new_text):
        return []
    old_wording = normalise_wording(old_text or "")
    for sentence in candidates:
        if normalise_wording(sentence.text) not in old_wording:
            finding = Finding("ai_training", sentence.kind, sentence.text, 0.6, sentence.old,
                              ("Content includes prompts/outputs", "licence includes AI training"))
            return [_Rated(finding, "high", "AI-training licence widened")]
    return []


def _drop_reflows(rated: list[_Rated], old_text: str | None, new_text: str | None, change: Change) -> list[_Rated]:
    """Drop added/removed findings whose wording survives on the other side of the change (re-flowed, split,
    merged, or shown twice as with an upcoming version beside the current one)."""
    if all(r.finding.change == "modified" for r in rated):
        return rated
    if old_text is None:
        old_text = " | ".join(s.old or s.text for s in change.sentences if s.kind in ("removed", "modified"))
    if new_text is None:
        new_text = " | ".join(s.text for s in change.sentences if s.kind in ("added", "modified"))
    other_side = {"added": _Side(old_text), "removed": _Side(new_text)}  # where the wording would survive
    return [r for r in rated if r.finding.change == "modified"
            or not other_side[r.finding.change].contains(normalise_wording(r.finding.text))]


# Normal forms that another spelling could have produced: such a word may be absent from the raw text and yet there.
_VARIANT_FORM = re.compile(r"(?:iz|yz)(?:e|es|ed|ing|ation|ations)$|or(?:s|ed|ing|able)?$|er$|program|license|"
                           r"l(?:ed|ing|er)$")


class _Side:
    """One whole version, searched for a sentence's wording without normalising all of its 100 KB.

    A word of the wording that no spelling variant could produce ("anchor") must be in the raw text; the text is
    normalised only in windows around the rarest anchor's occurrences.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None

    def contains(self, wording: str) -> bool:
        if not wording:
            return False
        anchors = {word for word in wording.split() if len(word) >= 5 and not _VARIANT_FORM.search(word)}
        if not anchors:
            return wording in normalise_wording(self.text)
        if self._lowered is None:
            self._lowered = self.text.lower()
        lowered = self._lowered
        counts = {anchor: lowered.count(anchor) for anchor in anchors}
        anchor = min(counts, key=lambda word: counts[word])
        if counts[anchor] == 0:
            return False
        reach = 2 * len(wording) + 1000  # link targets in the raw text make it longer than its wording
        position = lowered.find(anchor)
        while position >= 0:
            window = self.text[max(0, position - reach):position + reach]
            if wording in normalise_wording(window):
                return True
            position = lowered.find(anchor, position + reach // 2)  # windows overlap: no sentence falls between
        return False


def assess_texts(old: str, new: str, service: str | None = None) -> tuple[Change, Assessment]:
    change = diff_texts(old, new)
    return change, assess(change, old, new, service)

