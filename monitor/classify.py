"""Find the clauses of a change that concern AI, and rate how much the change matters.

The detector reads *relations between concepts*, not keywords. A sentence is cut into clauses (list bullets,
semicolons, sentence ends inside long blocks, footnote and section numbers) and each clause is read for:

* an **AI term**: "artificial intelligence", a capitalised "AI"/"AIs" (never the letters of "email" or "maintain"),
  "machine learning", "generative", "large language model", "foundation model", and the names the document
  itself gives its AI products and AI providers ("Zed, our AI assistant": see ``concepts.ai_names_in``); a
  "model" or "algorithm" only when it is trained ("train our algorithms"), never "business model" or "device
  model"; an AI word in a link target counts as weak evidence;
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
upcoming version shown beside the current one) are not reported; nor are those whose wording is there once joining
words ("and", "to", "this" …) are left out, a run of changes that says the same words in the same order (a list
made prose, steps numbered), or a list under "the following:" read back into its lead-in. A run of AI sentences
split or merged in other words is also read as one passage on each side, and is not reported when both claim the
same: qualifiers, durations, kinds of data and of AI, recipients and names, denials and the ways a person can go
(``_PassageClaims``). A heading is a section's name, never a finding of its own: what the section says is judged in
its sentences.

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

import difflib
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from monitor import tables
from monitor.concepts import (
    ADS_PURPOSE,
    AI_DATA,
    AI_IN_URL,
    AI_PROMPTS,
    AI_SERVICE_CONTROLS,
    AI_SERVICE_TERMS,
    AI_TERM,
    AI_TERM_CASED,
    ASSISTANT,
    ATHLETIC,
    BAN_LEAD_IN,
    CLAUSE_BREAK,
    CONSENT_ASKED_FIRST,
    CONTENT_RULE,
    FACE_GROUPING,
    FILLER_WORDS,
    FIRST_PERSON,
    GENERATION,
    HOW_MODELS_ARE_TRAINED,
    IDENTITY_CHECK,
    LIKENESS,
    LINK_TARGET,
    LINK_TARGETS,
    MODEL,
    MODEL_IMPROVED,
    NEGATION,
    NO_NAMES,
    OBLIGATION,
    ONLY,
    OPT_OUT,
    OPT_SOMEONE_OUT,
    OTHERS_MODEL,
    OTHERS_MODELS,
    PEOPLE_TRAINING,
    PLATFORM_MATERIALS,
    PROHIBITION,
    PROVIDERS_BOUND,
    RESEARCH,
    SHARE_VERB,
    SHARED_PASSIVE,
    SPELLING,
    THIRD_PARTY,
    THIRD_PARTY_AI,
    TRAIN_IMPROVE,
    TRAIN_ON_DATA,
    TRAIN_STRONG,
    TRAINED_ON_PEOPLES,
    TRAINING_NOUN,
    TRAINING_SOURCE,
    USE_VERB,
    USER_DATA,
    WORD_BYTES,
    WORD_TOKEN,
    YOUR_DATA,
    AINames,
    CaselessPattern,
    TextPattern,
    ai_names_in,
    blanked,
    data_examples,
    defined_self_name,
    lower_text,
    words_pattern,
)
from monitor.diff import (
    Change,
    SentenceChange,
    cached_sentences_of,
    diff_texts,
    is_heading,
    plain,
    split_sentences,
    unescape_entities,
)
from monitor.reading import Structure, data_objects, in_a_series, read_structure, say


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
    severity: str = ""  # as the classifier rated the change (a reworded clause that widened is high); "" unrated

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"category": self.category, "change": self.change, "text": self.text,
                                "score": round(self.score, 3), "actor": self.structure.actor,
                                "act": self.structure.act, "object": self.structure.object,
                                "objects": [kind for kind in (self.structure.object, *self.structure.also) if kind],
                                "data": list(self.structure.named),
                                "purpose": self.structure.purpose, "modality": self.structure.modality,
                                "reading": self.reading}
        if self.old_text is not None:
            data["old_text"] = self.old_text
        if self.matched:
            data["matched"] = list(self.matched)
        if self.protection:
            data["protection"] = True
        if self.severity:
            data["severity"] = self.severity
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
    # the wording of its other clauses, where it is AI-relevant: the terms of the use ("…; this data is processed
    # only by automated systems and deleted within 90 days")
    terms: frozenset[str] = frozenset()


Span = tuple[int, int, str]


_WHITESPACE = re.compile(r"\s+")


def _spans(pattern: TextPattern, text: str) -> list[Span]:
    return [(m.start(), m.end(), _WHITESPACE.sub(" ", m.group(0).strip())) for m in pattern.finditer(text)]


def _gap(text: str, first: Span, second: Span) -> int:
    """Words between two spans (0 when they touch or overlap), in either order."""
    if first[0] > second[0]:
        first, second = second, first
    return len(WORD_TOKEN.findall(text[first[1]:second[0]])) if second[0] > first[1] else 0


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
    text: str = ""  # the clause as read (plain), for its structure
    prohibited: bool = False  # a rule for others governs the clause: a lead-in, a ban, someone else's model


_NOTHING = _ClauseReading(None, 0.0)


def _words_of(*groups: list[Span]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(span[2] for group in groups for span in group))


def _read_clause(raw: str, under_prohibition: bool = False, names: AINames = NO_NAMES) -> _ClauseReading:
    """The category one clause supports, by the relations between its concepts: the first of likeness, opt-out,
    sharing and training whose concepts meet in the clause (the guidelines' precedence), else an AI feature."""
    # training people ("trained reviewers", "train our support teams") says nothing about models: read around it
    text = plain(raw)
    if "rain" in text or "ole model" in text:  # (t|T)rain…, (r|R)ole model: skip the pattern where it cannot match
        text = PEOPLE_TRAINING.sub(lambda match: " " * len(match.group(0)), text)
    ai = _ai_evidence(raw, text, names)
    if ai is None:
        return _NOTHING
    ai_words = _words_of(ai) or ("AI (link target)",)
    bound = PROVIDERS_BOUND.search(text) or _named_provider_bound(text, names)
    party_banned = bool(_BANNED_PARTY_FIRST.match(text))  # (the party's own ban limits it, not the platform)
    # what others take off the platform ("Anything scraped from our services to train AI"): a rule for them, and its
    # "must not" their ban, not the platform's promise
    taken_by_others = bool(_TAKEN_FROM_US.search(text)) and not YOUR_DATA.search(text)
    providers_bound = not under_prohibition and not party_banned and bool(
        bound and (USER_DATA.search(text) or _DATA_SAID_BEFORE.search(text)))
    prohibited = not providers_bound and (under_prohibition or party_banned or taken_by_others or _bans_someone(text)
                                          or bool(OBLIGATION.search(text)) or _trains_others_model(text)
                                          or _rule_item(raw, text) or bool(_CRAWLERS_BLOCKED.search(text)))
    reading = functools.partial(_ClauseReading, text=text, prohibited=prohibited)
    if ai and (choice := _CRAWLERS_KEPT_OUT_BY_YOU.search(text)):  # others' AI kept off one's own site
        return reading("ai_opt_out", 0.7, ai_words + (choice.group(0),))
    if (_only_points_to(raw) or _defines_a_term(text) and not _DEFINED_FOR_A_USE.search(text)) \
            and not OPT_OUT.search(text):
        return reading("ai_features", 0.6, ai_words + ("names or defines it",))
    if likeness := _outside_names(_outside_menu_paths(_likeness_spans(text), text), text, names) if ai else []:
        return reading(*_likeness_reading(text, under_prohibition, ai_words + _words_of(likeness)))
    data = _without_content_of(_spans(USER_DATA, text), text)
    if (opt_out := _spans(OPT_OUT, text)) and not _COOKIE_CHOICE.search(text):  # with the data it lets people keep out
        return reading("ai_opt_out", 0.8 if ai else 0.5, ai_words + _words_of(opt_out),
                       scope=_data_kept_out(data, text))
    protection = not party_banned and not taken_by_others and (providers_bound or _negates_use(text, PROHIBITION)
                                                               or bool(_KEPT_OUT_OF_USE.search(text)))
    if sharing := _sharing_reading(text, data, ai_words, prohibited, protection, 0.8 if ai else 0.5, names):
        return sharing
    if not ai:
        return _NOTHING
    return _use_reading(text, ai, ai_words, data, prohibited=prohibited, protection=protection)


# Crawlers kept out ("We disallow known AI training crawlers in robots.txt"): a rule for others' training
# (not "owners can stop our crawler …": a way out of the platform's own use)
_CRAWLERS_BLOCKED = CaselessPattern(r"\b(?:disallow|block|bar|ban|prevent|stop|exclude)\w*\s+"
                                    r"(?:(?!our\b|its\b)[\w-]+\s+){0,4}?(?:crawlers?|scrapers?|bots|spiders|user[\s-]agents)\b")


# "| Questions | Provide answers; improve our models |": the second purpose goes on the row's clause
_PURPOSE_AFTER_SEMICOLON = re.compile(r";\s+(?=(?:improv|develop|train|build|refin|enhanc|reduc|correct|measur|"
                                      r"evaluat)\w*\b)", re.IGNORECASE)
# A choice about cookies, whatever product the sentence names ("block cookies, though parts of Zed may not work")
_COOKIE_CHOICE = CaselessPattern(r"\b(?:block|delete|disable|refuse|reject|clear|turn\s+off|manage)\s+(?:\w+\s+){0,3}?"
                                 r"cookies\b(?!(?:\W+\w+){0,12}?\W+(?:AI|artificial|machine|models?|train\w*)\b)")
# The person's own block: "Shield lets you stop known AI crawlers from collecting your site", "you can block AI bots"
_CRAWLERS_KEPT_OUT_BY_YOU = CaselessPattern(r"\b(?:(?:lets?|allows?|helps?)\s+you(?:\s+to)?|you\s+(?:can|may)|"
                                            r"(?:site\s+)?owners\s+(?:can|may))\s+(?:\w+\s+)?"
                                            r"(?:block|stop|disallow|prevent|exclude|keep)\w*\s+(?:[\w-]+\s+){0,3}?"
                                            r"(?:crawlers?|scrapers?|bots|spiders|user[\s-]agents)\b")


def _outside_menu_paths(spans: list[Span], text: str) -> list[Span]:
    """The spans not inside a menu path: "Manage this under Ads > AI Selfies" names a place, not a use of a face."""
    if ">" not in text:
        return spans
    return _starting_outside(spans, [match.span() for match in _MENU_PATH.finditer(text) if ">" in match.group(0)])


def _outside_names(spans: list[Span], text: str, names: AINames) -> list[Span]:
    """The spans that start outside the document's names for its AI: "Responses from Zed Voice are generated by AI"
    generates no one's voice."""
    if not spans:  # (most AI clauses name no likeness: no search for names there)
        return spans
    return _starting_outside(spans, [match.span() for name in names.products if " " in name
                                     for match in re.finditer(re.escape(name), text)])


def _starting_outside(spans: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    """The spans that start in none of the ranges."""
    return [span for span in spans if not any(start <= span[0] < end for start, end in ranges)]


# Taken out of what trains it, what was in it too: "Deleting a post also removes it from our training data" (not "will
# no longer be added to it": that stops only what comes after)
_REMOVED_FROM_TRAINING = CaselessPattern(r"\b(?:remov|delet|eras|purg)\w*\s+(?:[\w'’-]+\s+){0,4}?from\s+"
                                         r"(?:the\s+|our\s+|its\s+|their\s+|those\s+|these\s+|any\s+)?(?:[\w-]+\s+)?"
                                         r"training\s+(?:data|datasets?|sets?)\b")
# Data kept out of a use, said without a negation: "Sleep data is excluded from the data we use to develop …"
_KEPT_OUT_OF_USE = CaselessPattern(r"\b(?:is|are)\s+(?:always\s+|\w+ly\s+)?"
                                   r"(?:excluded|kept\s+out|left\s+out|omitted|withheld)"
                                   r"\s+from\s+(?:the\s+|any\s+|our\s+)?(?:[\w'’-]+\s+){0,2}?"
                                   r"(?:data|datasets?|training|information)\b|"
                                   # said actively: "When Acme trains its AI, it leaves out data from players under 16"
                                   r"\b(?:leaves?|leaving|left|keeps?|keeping|filters?|filtering)\s+out\s+(?:any\s+|all\s+)?"
                                   r"(?:[\w-]+\s+){0,2}?(?:data|content|information|messages|posts|photos|recordings|"
                                   r"conversations|chats)\b|" + _REMOVED_FROM_TRAINING.pattern)


# A ban that is a company's own promise: "Where users connect Acme Apps, Zentrix will not use …" (the ban's window
# reaches back to "users", but the one who will not is the company that opens the clause after the comma)
_OWN_PROMISE = re.compile(r",\s+(?!(?:You|Users?|Customers?|Developers?|Licensees?|Partners?|Clients?|Members?|"
                          r"Subscribers?|Apps?|Creators?|Sellers?|Advertisers?|Publishers?)\b)"
                          r"(?:[A-Z][\w&.-]*\s+){1,3}(?:will|shall|may|must|can|does|do)\s*(?:not|n['’]t)$")


# A ban whose subject is the party the terms bind, however far from its verb: "Your App, and any service provider
# acting on its behalf, may not use Platform Data for … training models" binds the app's providers, not ours
_BANNED_PARTY_FIRST = re.compile(r"^\W*(?:you|your\s+(?:apps?|applications?|services?|integrations?|bots?)|developers?|"
                                 r"apps?|licensees?|customers?|"
                                 # those who use the platform's API: "Third-party providers using our Open APIs …"
                                 r"(?:[\w-]+\s+){0,3}?(?:providers?|partners?|companies|parties)\s+(?:(?:that|who)\s+)?"
                                 r"(?:us(?:e|es|ing)|access(?:es|ing)?|call(?:s|ing)?)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}?"
                                 r"(?:APIs?|SDKs?)"
                                 r")\b(?!['’]s)[^.;]{0,160}?\b(?:may|must|shall)\s+not\s+use\b",
                                 re.IGNORECASE)
# the data a ban on a provider speaks of, named in the sentence before: "… is prohibited from using it to train …"
_DATA_SAID_BEFORE = CaselessPattern(r"\b(?:us(?:e|es|ed|ing)|keep\w*|retain\w*|stor(?:e|es|ed|ing)|shar(?:e|es|ed|ing))"
                                    r"\s+(?:it|them|this|these|that|those)\b")


def _bans_someone(text: str) -> bool:
    """Whether the clause forbids someone other than the company something: PROHIBITION, less its own promises."""
    return any(not _OWN_PROMISE.search(match.group(0)) for match in PROHIBITION.finditer(text))


# A term defined as data the company says it uses: '"Service Data" means …, which Provider may use to train …'
_DEFINED_FOR_A_USE = CaselessPattern(r"\b(?:which|that)\s+(?:[\w-]+\s+){0,2}?(?:may|will|shall|can)\s+(?:be\s+)?"
                                     r"(?:use|used|process|processed)\b(?:\W+\w+){0,6}?\W+"
                                     r"(?:train|fine-?tun|improv|develop|build)\w*")


# "For more information, please refer to the [Facial Effects Notice](…)": only a document's title follows the pointer
_POINTER = CaselessPattern(r"^\W*(?:for\s+(?:more|further)\s+(?:information|details)|(?:to\s+)?learn\s+more)\W*"
                           r"(?:please\s+)?(?:refer\s+to|see|read|visit|consult|review|check)?\s+")
_LINK_OR_FILLER = re.compile(r"\[[^\]]*\]\([^)]*\)|\b(?:the|our|and|or|its|this|these|here)\b|[^\w\[]+|_",
                             re.IGNORECASE)
# '"Dataset" refers to a collection of samples used to train models': a term defined, nobody's data used
_DEFINITION_OF_TERM = re.compile(r"^\W*[“\"]\W*[A-Z][^”\"]{0,40}?\W*[”\"]\W*\s+"
                                 r"(?:means|refers\s+to|shall\s+mean|is\s+defined\s+as)\b")
_PARTIES = words_pattern(r"we", r"us", r"our", r"you", r"your", r"users?", r"people", r"customers?", r"members",
                         r"individuals", r"persons", r"inputs?", r"prompts?", r"content")


# People who train models of their own with their own data: "create models from your own training data"
_OWN_DATA = words_pattern(r"(?:your|my|their)\s+own\s+(?:[\w-]+\s+){0,2}?(?:data|documents|files|datasets?)")


def _trains_their_own(text: str) -> bool:
    return bool(_OWN_DATA.search(text)) and not FIRST_PERSON.search(text)


def _only_points_to(raw: str) -> bool:
    return bool((pointer := _POINTER.match(raw)) and not _LINK_OR_FILLER.sub("", raw[pointer.end():]))


def _defines_a_term(text: str) -> bool:
    return bool(_DEFINITION_OF_TERM.match(text)) and not _PARTIES.search(text)


_BOUND = words_pattern(r"(?:may|must|will|shall|can)\s*(?:not|n['’]t)", r"not\s+(?:allowed|permitted)", r"prohibited",
                       r"forbidden")


def _named_provider_bound(text: str, names: AINames) -> bool:
    """A provider the document names, bound by a ban ("Acme may not use this data", "Acme is not allowed to keep
    it"): a limit the platform lays on those it shares with, like "our providers may not"."""
    subject = text.lstrip(" *-•")
    named = (names.provider_pattern and names.provider_pattern.match(subject)) or _COMPANY_SUBJECT.match(subject)
    if named is not None and _BOUND.search(subject, named.end()):
        return True
    # the provider named again as the subject of a later clause: "…, and Acme is contractually prohibited from …"
    if (providers := names.provider_pattern) is None:
        return False
    return any(_LATER_SUBJECT_BOUND.match(subject, match.end())
               and subject[:match.start()].rstrip().endswith(("and", ",", ";"))
               for match in providers.finditer(subject))


_LATER_SUBJECT_BOUND = re.compile(r"\s+(?:is|are)\s+(?:contractually\s+|also\s+)?(?:prohibited|forbidden|not\s+"
                                  r"(?:allowed|permitted))|\s+(?:may|must|will|shall|can)\s*(?:not|n['’]t)\b")


# A company by its name's last word: "Orvane AI", "Beta Labs", "Acme Inc."
_COMPANY_SUBJECT = re.compile(r"(?:[A-Z][\w&.-]*\s+){1,3}?(?:AI|Labs|Inc\.?|Ltd\.?|LLC|GmbH|Technologies|Cloud)\b")


_CONTENT_OF = re.compile(r"contents?\s+of\s+(?:(?:your|their|the|any|users?['’]?)\s+)?(?:[\w-]+\s+)?", re.IGNORECASE)


def _without_content_of(data: list[Span], text: str) -> list[Span]:
    """"The content of your messages" names messages: "content" there is no second kind of data; nor is the "chat"
    of "chat features", which names a product."""
    def names_what_follows(span: Span) -> bool:
        found = _CONTENT_OF.match(text, span[0])
        return found is not None and any(span[1] < other[0] <= found.end() for other in data)
    return [span for span in data if not names_what_follows(span) and not _GENERATED_BEFORE.search(text, 0, span[0])
            and not (span[2].lower() in _PRODUCT_WORDS and _NAMES_A_PRODUCT.match(text, span[1]))]


_GENERATED_BEFORE = CaselessPattern(r"generated\s+$")  # "AI-generated content" is nobody's data
_PRODUCT_WORDS = frozenset({"chat", "chats", "conversation", "conversations"})  # "chat features", not "text service"


def _data_kept_out(data: list[Span], text: str) -> tuple[str, ...]:
    """The data a way out lets people keep out of the AI use: the items of the list the use takes ("stop us using
    your meal logs and dietary preferences": meal log, dietary preference), else the kinds of data it names; never
    words of a setting's name or place ("turn off Chat History", "\"Chat data\" under Settings > Data & privacy"),
    nor examples of a kind already named ("your information, such as your posts")."""
    paths = (_SETTINGS_PATH,) if ">" in text else ()  # (a path's pattern is slow to find no path)
    spans = [match.span() for pattern in (_QUOTED_LABEL, _MENU_PATH, *paths, _TITLE_RUN)
             for match in pattern.finditer(text) if pattern is not _MENU_PATH or _MENU_WORDS.search(match.group(0))]
    spans += [example.span() for example, head in data_examples(text, through_brackets=True)
              if any(head <= span[0] < example.start() for span in data)]
    kept = blanked(text, spans)
    items = [_canonical_item(item) for match in _DATA_TAKEN.finditer(kept)
             for item in _LIST_SEPARATOR.split(match.group(1))]
    if items := [item for item in items if item and not _NOT_DATA_ITEM.search(item) and not _VAGUE_ITEM.match(item)]:
        return tuple(dict.fromkeys(items))
    words = (_canonical_item(span[2]) for span in data  # not the verb of "what you upload"
             if not any(start <= span[0] < end for start, end in spans) and not text[:span[0]].endswith("you "))
    return tuple(dict.fromkeys(words))


# The people's things a use takes: "use of your edits and presets", "stop Acme from using your posts", "whether your
# saved articles are used"; the list runs to the purpose, a verb or the end of the clause.
_DATA_TAKEN = CaselessPattern(
    r"(?:\b(?:us(?:e|es|ed|ing)|of|having|whether|shar(?:e|es|ed|ing)|train\w*\s+on)\s+(?:all\s+(?:of\s+)?)?|"
    r"(?:^|(?<=[.;:]\s))\W*)(?:your|their)\s+"
    r"((?:(?!\s+(?:to|for|with|are|is|were|was|be|being|will|may|used|from|in|on|by|that|which|when|if|unless|as|"
    r"at|can|could|might|would|should|must|do|does|have|has|help|helps|make|makes|stay|stays|remain|remains|get|gets|"
    r"let|lets|improve|improves|train|trains|teach|teaches|shape|shapes|power|powers)\b)[^.;:()\[\]])+)")
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", re.IGNORECASE)
# Words in capitals inside a sentence name a setting or a product ("disable Chat History & Training")
_TITLE_RUN = re.compile(r"(?<=\w\s)[A-Z][\w'-]*(?:\s+(?:&\s+|and\s+|of\s+|for\s+)?[A-Z][\w'-]*)+")
_SETTINGS_PATH = re.compile(r"[\w&' -]{1,30}(?:\s*>\s*[\w&' -]{1,30})+")
_SAME_ITEM = {"personal information": "personal data", "information": "data", "info": "data", "chat history": "chat",
              "conversation history": "chat", "direct message": "message", "dm": "message",
              "private message": "message", "voice data": "recording", "voice note": "recording"}
# One name for the kinds of things people give, by the last word of an item: "voice recordings" and "audio" are
# recordings, "pictures" are photos ("your public photos" keeps its kind).
_SAME_HEAD = {"conversation": "chat", "image": "photo", "picture": "photo", "pic": "photo", "clip": "video",
              "audio": "recording", "input": "prompt", "query": "prompt", "document": "file",
              "upload": "file", "reply": "comment", "usage": "activity", "recording": "recording"}


# What a way out speaks of that is no data: "the settings of your account", "whether your objection applies"
_NOT_DATA_ITEM = re.compile(r"\b(?:account|setting|device|app|browser|preference|choice|consent|right|"
                            r"objection|option|control|privacy|permission|behalf|own)$")  # items are in lower case


_VAGUE_ITEM = re.compile(r"(?:etc\b|other\b|similar\b|more\b|so\s+on\b)")  # "posts, comments and other content"


def _singular(word: str) -> str:
    """A word without its plural ending: "photos" → "photo", "selfies" → "selfy", "address" as it is."""
    return re.sub(r"(?<=[^s])s$", "", re.sub(r"ies$", "y", word))


def _canonical_item(item: str) -> str:
    """One item of a list of data, in one spelling: "your Photos" → "photo", "conversations" → "chat", "the posts
    you share" → "post"."""
    item = re.sub(r"\s+(?:that\s+)?you\s+\w+$", "", item.strip(" ,").lower())
    words = re.sub(r"^(?:your|their|the|any|all|of)\s+", "", item).split()
    if not words:
        return ""
    words[-1] = _singular(words[-1])
    joined = " ".join(words)
    return _SAME_ITEM.get(joined) or _SAME_HEAD.get(words[-1]) or joined


_NAMES_A_PRODUCT = re.compile(r"\s+(?:features?|experiences?|services?|functionalit(?:y|ies)|tools?|assistants?|"
                              r"bots?|apps?|products?|capabilit(?:y|ies)|interfaces?|sidebar|windows?)\b")


_DETECTS_FAKES = words_pattern(r"(?:detect|identif|spot|find|flag)\w*\s+(?:[\w-]+\s+){0,8}?"
                               r"(?:show|contain|feature|depict)\w*\s+(?:an?\s+|the\s+|your\s+)?(?:[\w-]+\s+)?(?:[\w-]+['’]s\s+)(?:face|voice|likeness)",
                               r"(?:detect|identif|spot|find|flag|check|look\w*\s+for)\w*\s+(?:[\w'’-]+\s+){0,16}?"
                               r"(?:AI-|computer-)?"
                               r"(?:synthe\w*|manipulat\w+|deep\s?fakes?|altered|generated|imitations?|impersonat\w+|"
                               r"(?:AI-)?cloned)", r"deep\s?fake[\s-]detection")


def _likeness_reading(text: str, under_prohibition: bool, words: tuple[str, ...]) -> tuple[str, float, tuple[str, ...]]:
    """A person's likeness with AI: a rule about AI-made content of people, an identity check, or a use of it."""
    if _DETECTS_FAKES.search(text) and not (under_prohibition or PROHIBITION.search(text)):
        return "ai_likeness", 0.8, words + ("detects altered media of people",)  # likeness includes detection
    if under_prohibition or PROHIBITION.search(text) or CONTENT_RULE.search(text) or _SCRAPING.search(text):
        return "ai_features", 0.6, words + ("rule",)  # scraping faces off the web is only ever forbidden
    if (IDENTITY_CHECK.search(text) or FACE_GROUPING.search(text)) and not GENERATION.search(text):
        return "ai_features", 0.6, words + ("identity check",)
    return "ai_likeness", 0.8, words


def _use_reading(text: str, ai: list[Span], ai_words: tuple[str, ...], data: list[Span], *, prohibited: bool,
                 protection: bool) -> _ClauseReading:
    """An AI clause that neither shares nor offers a choice: a rule for others, a description of how models are
    trained, a use of people's data to train AI (or a limit on it), or else an AI feature."""
    reading = functools.partial(_ClauseReading, text=text, prohibited=prohibited)
    if prohibited and not protection:
        return reading("ai_features", 0.6, ai_words + ("prohibition",))
    if not data and not protection and (described := HOW_MODELS_ARE_TRAINED.search(text)):
        return reading("ai_features", 0.6, ai_words + (described.group(0),))
    if not protection and _trains_their_own(text):
        return reading("ai_features", 0.6, ai_words + ("people train their own models",))
    if training := _training_reading(text, ai, data, protection):
        evidence, score = training
        return reading("ai_training", score, ai_words + evidence, protection, _words_of(data))
    return reading("ai_features", 0.6, ai_words)


# A way out stated first, the use after it in the same sentence: "You can opt out in Settings; if you do not, we …".
_WAY_OUT_FIRST = re.compile(r"\W*(?:you\s+(?:can|may)\s+(?:opt\s+out|object|turn\s+(?:this|it)\s+off|"
                            r"switch\s+(?:this|it)\s+off|ask\s+us\s+(?:to\s+stop|not\s+to))|"
                            # "Turning off “Improve Zed” in your settings prevents …; until then, … may be trained"
                            r"(?:turning|switching)\s+off\b)", re.IGNORECASE)
# A switch whose label says it lends one's data to improving the product ("Don't use my images for improvement",
# "Learn from my past proposals"): a choice about training, whatever the product is called. ("Help improve …" alone
# is also the label of switches for crash reports and usage statistics.)
_IMPROVEMENT_LABEL = words_pattern(r"for\s+(?:(?:ai|model|product)\s+)?improvement",
                                   r"learn\s+from\s+(?:my|this|our)",
                                   # a switch's label, capitalised as labels are: "switch off Use my email to improve …"
                                   r"(?-i:Use|Allow|Let)\s+(?-i:my|our)\s+(?:[\w-]+\s+){1,4}?to\s+(?:help\s+)?(?:improve|train)",
                                   r"improve\s+the\s+models?\s+for\s+everyone")
_SWITCH_SET = words_pattern(r"(?:turn|switch)(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,6}?(?:on|off)",
                            r"(?:on|off)\s+by\s+default", r"(?:is|are)\s+(?:switched|turned)\s+(?:on|off)", r"tick",
                            r"untick", r"(?:un)?check(?:s|ed)?\s+(?:the\s+)?box", r"choose", r"select", r"enable",
                            r"disable", r"opt(?:s|ed)?\s+(?:in|out)", r"(?:un)?(?:checked|ticked)",
                            # the switch named after its label: 'the “Help improve Zed” toggle'
                            r"[”\"’']\s*(?:toggle|checkbox|option|setting|switch)")


# the bold title a list item opens with ("* **Voice data:** You can turn off …") names its topic, not a limit
_BOLD_LEAD = re.compile(r"^[\s*•-]*(?:\*\*|__)[^*_\n]{1,40}?(?::(?:\*\*|__)|(?:\*\*|__):)\s*")
_BY_ITS_LABEL = "a choice that names what it covers"  # (read beside the use it is about where there is one)
# what improving a product without AI sends: "… to stop sending crash reports and usage statistics"
_DIAGNOSTICS = words_pattern(r"crash(?:es)?", r"diagnostics?", r"usage\s+statistics", r"telemetry", r"bug\s+reports?",
                             r"performance\s+data", r"analytics")


# "Help improve …" as the label of a switch, set off as a label is ("**Help improve Scout**", “Help improve Zed”)
# or a label of the same kind: “Contribute to Smart Replies”, “Improve the assistant”, “Product improvement”
_HELP_IMPROVE_LABEL = re.compile(r"(?:\*\*|__|[“\"‘'])(?:Help\s+(?:us\s+)?[Ii]mprove|Contribute\s+to)\b"
                                 r"[^*_”\"’\n]{0,40}(?:\*\*|__|[”\"’'])|"
                                 r"(?:\*\*|__|[“\"‘'])Improve\b[^*_”\"’\n]{0,30}?\b(?:for\s+everyone|tools?|models?|"
                                 r"assistants?|AI|suggestions|answers)(?:\*\*|__|[”\"’'])|"
                                 r"(?:\*\*|__|[“\"‘'])(?:Product|Model|Service|AI)\s+(?:improvement|training)(?:\*\*|__|[”\"’'])")


def _choice_named_by_its_words(text: str) -> tuple[str, ...]:
    """The words of a choice about AI use that names no AI: a switch's label and its switching; a choice about using
    one's data to improve what only learning makes better ("… whether your writing samples help refine our
    suggestion engine"); a publisher's way to keep its pages out of AI answers ("by blocking ZedBot in robots.txt").
    None where the text says it sends diagnostics, or points back at a use ("To stop this, turn off …": read with
    that use). (Asked of every sentence that reads as no AI: the guards only once something is found.)"""
    found: tuple[str, ...] = ()
    if (label := _IMPROVEMENT_LABEL.search(text) or _HELP_IMPROVE_LABEL.search(text)) and (
            switch := _SWITCH_SET.search(text)):
        found = (label.group(0), switch.group(0))
    elif (improved := _LEARNED_THING_IMPROVED.search(text)) and (
            choice := OPT_OUT.search(text) or _ASKED_NOT_USED.search(text)):
        found = (improved.group(0), choice.group(0))
    elif (blocked := _CRAWLER_BLOCKED.search(text)) and (answers := _ANSWERS_MADE.search(text)):
        found = (blocked.group(0), answers.group(0))
    if not found or _DIAGNOSTICS.search(text) or _ANAPHORIC_CHOICE.search(text):
        return ()
    return found


_ASKED_NOT_USED = words_pattern(r"ask\w*\s+(?:us\s+)?that\s+(?:[\w'’-]+\s+){1,4}?(?:is|are|be)\s+not\s+used")
_CRAWLER_BLOCKED = words_pattern(r"(?:block|disallow)\w*\s+(?:[\w'’-]+\s+){0,3}?(?:crawlers?|bots?|user[\s-]?agents?)",
                                 r"(?:block|disallow)\w*\s+(?-i:[A-Z][\w-]*Bot)\b")
_ANSWERS_MADE = words_pattern(r"generat\w*\s+(?:[\w-]+\s+)?(?:answers|summaries|responses)",
                              r"(?-i:[A-Z][\w-]*\s+Answers)")


# What only learning from examples makes better: "improve the feedback engine", "for improving automated grading",
# "refine our suggestion engine", "improve Askwell answers" (never "our services" or "your experience")
_LEARNED_THING_IMPROVED = words_pattern(
    r"(?:improv|refin|enhanc|train|calibrat|build)\w*\s+(?:how\s+well\s+|the\s+(?:accuracy|quality)\s+of\s+)?"
    r"(?:the\s+|our\s+|its\s+|their\s+|future\s+)?(?:[\w'’-]+\s+(?:and\s+)?){0,2}?"
    r"(?:engines?|suggestions|predictions|recognition|detection|matching|grading|"
    r"translations?|transcriptions?|answers|recommendations|autocorrect|captions|dubbing|speech\s+services?|"
    r"voice\s+services?|pronunciation\s+scoring|(?:spam|harassment|abuse|toxicity|fraud)\s+filters?|"
    # "… help us improve Zed's ability to catch harassment"
    r"ability\s+to\s+(?:catch|detect|recogni[sz]e|identify|spot|flag|filter|predict|transcribe|translate)|"
    # what does a task only learning teaches: "the tools that draft outreach messages" (not "decide what to show")
    r"(?:systems?|tools?|features?|engines?)\s+(?:that|which)\s+(?:suggest|draft|summari[sz]e|recogni[sz]e|predict|"
    r"transcribe|translate|generate|write|caption|detect)s?)\b",
    # "… so we can make its answers better"
    r"ma(?:ke|kes|de|king)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[\w'’-]+\s+)?(?:answers|suggestions|predictions|"
    r"recommendations|translations?|transcriptions?|captions|replies|responses)\s+(?:better|more\s+accurate|smarter)\b")
# What a clause must hold before _LEARNED_THING_IMPROVED is tried on it (a cheap test first, as _TRAINED_MODEL_CUES)
_LEARNED_THING_CUES = ("improv", "calibrat", "build", "better", "accura", "smarter")


# A choice that points back at the use the sentence describes: "…by default; you can change this setting".
_ANAPHORIC_CHOICE = words_pattern(
    r"(?:change|turn\s+off|switch\s+off|disable|opt\s+out\s+of|object\s+to|stop|withdraw\s+from)\s+(?:this|that|it)\b",
    r"(?:change|turn\s+off|disable)\s+(?:this|that)\s+(?:\w+\s+)?setting")
# Every wording of a trained model or of training has one of these: a clause with none skips those patterns.
_TRAINED_MODEL_CUES = ("train", "model", "algorithm", "learn", "pick", "recognition", "teach", "classifier", "system",
                       "engine", "technolog", "translations", "agent", "speech service", "assistant")
_TRAINING_WORD = words_pattern(r"(?:re)?train(?:ing|ed)")
_TRAINED = CaselessPattern(r"train|learn|teach")


# Media generated or animated from a person's face, voice or body: AI generation, whether or not it says "AI".
# (a voice, not a kind of data named by it: "voice recordings you provide", unless they are someone's: "… of the user")
# (nor a brand's voice, its tone)
_A_VOICE = (r"(?<!brand\s)voice(?!\s+(?:data|recordings?|notes?|messages?|requests?|commands?|chats?|search\w*|queries|"
            r"inputs?|assistants?|mail|calls?|clips?|memos?|input)\b"
            r"(?!\s+of\s+(?:the\s+|a\s+)?(?:users?|you|persons?|people|speakers?)\b))")
_GENERATED_LIKENESS = CaselessPattern(
    r"\b(?:creat|produc)\w*\s+(?:\w+\s+){0,3}?from\s+your\s+(?:[\w-]+\s+)?(?:photos?|selfies?|portraits?|pictures?)\b|"
    r"\b(?:generat|animat|synthes)\w*\b(?:\W+\w+){0,10}?\W+(?:facial|face|faces|" + _A_VOICE + r"|likeness(?:es)?|"
    r"selfies?|portraits?|"
    r"of\s+(?:yourself|you\b)|resembles?\s+you|(?:looks?|sounds?)\s+like\s+you|on\s+your\s+body|"
    # (not "the features you use most": a feature is no depiction)
    r"(?:depict|featur|portray)\w*\s+you(?!\s+(?:use|used|make|made|accept|try|tried|turn|see|like|want|need|"
    r"choose|chose|enable|have|can|may|will)\b))\b|"
    r"\b(?:facial|face|faces|" + _A_VOICE + r"|likeness)\b(?:\W+\w+){0,10}?\W+(?:generat|animat|synthes)\w*|"
    r"\breplac\w*\s+(?:the\s+)?faces?\s+in\b|"
    # an avatar made to look like someone, a face model that copies their expressions
    r"\bavatars?\s+(?:\w+\s+){0,2}?(?:inspired\s+by|based\s+on|modell?ed\s+on|resembling)\s+(?:you|your)\b|"
    r"\bmimic\w*\s+your\s+(?:facial|face|expressions?|voice)")
# A particular person's face or voice made into media, however the sentence names the person: a likeness itself.
_MADE_FROM_A_PERSON = CaselessPattern(
    r"\banimat\w*\s+(?:the|your)\s+faces?\b|"
    # a voice made on a person's: "read in a synthetic voice modelled on the host's own voice"
    r"\b(?:synthetic|cloned|AI-generated|artificial|digital)\s+voices?\s+(?:\w+\s+){0,2}?(?:modell?ed|based|built)\s+on\s+"
    r"(?:your|their|his|her|(?:the|that|this|a)\s+[\w-]+(?:['’]s)?)\b|"
    # "read aloud in a voice modelled on a recording of your own", "projects that use their voice replica"
    r"\bvoices?\s+(?:\w+\s+){0,2}?(?:modell?ed|based|built)\s+on\s+(?:an?\s+|the\s+)?(?:recordings?|samples?)\s+of\s+"
    r"(?:your|their|his|her)\b|\bvoice\s+replicas?\b|"
    # a voice or face made again: "re-creates your own voice", "reproduces the original speaker's voice"
    r"\b(?:re-?creat|reproduc|clon|replicat)\w*\s+(?:your|their|his|her|the\s+(?:original\s+)?[\w-]+['’]s|"
    r"a\s+[\w-]+['’]s)\s+(?:own\s+)?(?:voice|face|likeness)\b|"
    r"\b(?:synthetic|altered|manipulated|fake|cloned|AI-generated)\s+(?:\w+\s+){0,3}?(?:of\s+)?(?:your|their|a\s+person['’]s)\s+"
    r"(?:face|voice|likeness)\b|"
    r"\b(?:plac|put|insert)\w*\s+your\s+face\s+(?:on|onto|into|in)\b|"
    # a voice made from a person's recorded voice: "record a voice sample to create a personalised voice"
    r"\bvoice\s+(?:samples?|recordings?)\s+(?:\w+\s+){0,3}?(?:to|and)\s+(?:create|generate|build|make)\w*\s+"
    r"(?:[\w-]+\s+){0,3}?voices?\b|"
    # selfies made into avatars: "your selfies are used only to create your avatar pack"
    r"\bselfies?\b(?:\W+\w+){0,6}?\W+(?:creat|mak|generat|produc)\w*\s+(?:\w+\s+){0,2}?avatars?\b|"
    r"\bavatars?\s+(?:is|are|will\s+be|can\s+be)\s+(?:\w+\s+)?(?:made|created|generated|built)\s+(?:\w+\s+){0,2}?from\s+"
    r"(?:the\s+|your\s+)(?:[\w-]+\s+)?(?:photos?|selfies?|pictures?|videos?|recordings?)\b|"
    # a person's face or voice used to make something: "we do not use your face or voice to create content"
    r"\b(?:us\w*|process\w*)\s+(?:your|their|a\s+person['’]s|someone['’]s)\s+(?:face|voice|likeness)"
    r"(?:,?\s+(?:or|and)\s+(?:your\s+)?(?:face|voice|likeness|body|image))?\s+to\s+(?:create|make|generate|produce)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:content|images?|videos?|audio|media|avatars?|pictures?|portraits?|clips?|stickers?|ads|"
    r"advertisements|versions?|replicas?|recordings?)\b|"
    # a person's voice made into a synthetic one: "recordings used to build a Custom Voice"
    r"\b(?:voices?|recordings?|voice\s+samples?)\s+(?:\w+\s+){0,2}?used\s+to\s+(?:create|build|train|make)\s+"
    r"(?:an?\s+|the\s+|your\s+)?(?:custom|synthetic|AI|cloned|digital|personal)\s+voices?\b|"
    r"\b(?:creat|produc|generat|build)\w*\s+(?:[\w-]+\s+){0,4}?from\s+(?:an?\s+|your\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:videos?|photos?|recordings?|selfies?)\s+of\s+(?:you\b|yourself|an?\s+(?:[\w-]+\s+)?(?:person|user|individual|"
    r"employee|member|speaker|customer|creator|presenter|actor)\b|the\s+(?:user|person|speaker|subject)\b)")


# A voice or look that is nobody's: "an artificial/prerecorded voice", "depictions with a human likeness", "a
# generated voice", "talks in a voice generated with AI"; or a voice that names a way of using a product ("voice
# assistant", "voice technology")
_NOBODYS = words_pattern(r"(?:artificial|pre-?recorded|synthetic|computer[\s-]generated|robotic|human|generated|"
                         r"generative)\s*/?\s*(?:\w+\s+)?(?:voices?|likeness|faces?)",
                         r"an?\s+(?:[\w-]+\s+)?voice\s+(?:generated|created|made|synthesi[sz]ed)",
                         r"voice\s+(?:assistants?|technolog(?:y|ies)|search|commands?|features?|mode|chat)")


def _likeness_spans(text: str) -> list[Span]:
    """A person's likeness, named as such, or made into media: a face or voice generated, unless it is nobody's."""
    return (_spans(LIKENESS, text) or _spans(_MADE_FROM_A_PERSON, text)
            or ([] if _NOBODYS.search(text) else _spans(_GENERATED_LIKENESS, text)))


def _trained_model(text: str) -> list[Span]:
    """A model or algorithm that is trained or improved, training data, training on people's data."""
    athletic = bool(ATHLETIC.search(text))  # "training data such as your workouts"
    strong, models = _spans(TRAIN_STRONG, text), _spans(MODEL, text)
    if not any(_TRAINED.search(span[2]) for span in strong):  # an algorithm improved is no model trained (ranking)
        models = [span for span in models if "algorithm" not in span[2].lower()]
    if trained := ((strong and _near(text, strong, models, 4))
                   or (not athletic and _spans(TRAINING_NOUN, text)) or _spans(MODEL_IMPROVED, text)
                   or _spans(TRAIN_ON_DATA, text) or (MODEL.search(text) and _spans(TRAINED_ON_PEOPLES, text))):
        return trained
    if not athletic and (training := _spans(_TRAINING_WORD, text)) and OPT_OUT.search(text):
        return training  # "Opting out does not affect training already done": a choice about training is AI
    return []


_AMONG_PEOPLE = CaselessPattern(r"\b(?:(?:the\s+)?other\s+(?:participants?|members?|people|person|party|parties)|"
                                r"(?:the|its|their)\s+recipients?|group\s+(?:chats?|members))\b")


def _ai_evidence(raw: str, text: str, names: AINames) -> list[Span] | None:
    """The AI terms of a clause; [] when its only AI wording is in a link target; None when it is not about AI.

    A model or algorithm that is trained, or training data, is AI too; training people never is.
    """
    ai = _spans(AI_TERM_CASED, text) + _spans(AI_TERM, text)
    if names.ai_pattern:
        ai += _spans(names.ai_pattern, text)
    # what only an AI is given, an assistant, an AI service's conversations: AI, but not the whole of what says so
    weak = _spans(AI_PROMPTS, text) + [(m.start(), m.end(), m.group(0)) for m in ASSISTANT.finditer(text)
                                       if not m.group("role")]
    if names.ai_service:
        weak += _spans(AI_SERVICE_TERMS, text) + (_spans(AI_SERVICE_CONTROLS, text) if "ontrol" in text else [])
    lowered = text.lower()
    trained = _trained_model(text) if any(cue in lowered for cue in _TRAINED_MODEL_CUES) else []
    if not ai and not trained and any(cue in lowered for cue in _LEARNED_THING_CUES) and USER_DATA.search(text):
        trained = _spans(_LEARNED_THING_IMPROVED, text)  # people's data "used to improve the engine": learning
    if not ai and not trained and _hands_over(text):
        trained = _spans(_RECIPIENT_TRAINS, text)  # handed to "partners who use it to build … models": their AI
    if not ai and not trained:
        trained = _spans(_OTHERS_MODEL, text)  # "a partner's model", "the Partner Models"
    if ai or trained:
        return ai + weak + trained
    # "the facial features … to generate stylised portraits"
    if likeness_made := _GENERATED_LIKENESS.search(text) or _MADE_FROM_A_PERSON.search(text):
        return [(likeness_made.start(), likeness_made.end(), likeness_made.group(0))]
    if weak:
        return weak
    in_link = "](" in raw and any(AI_IN_URL.search(target) or (names.url_pattern and names.url_pattern.search(target))
                                  for target in LINK_TARGET.findall(raw))
    return [] if in_link else None


# A partner's model, which only AI can be here: "powered by a partner's model", "one of the Partner Models"
_OTHERS_MODEL = CaselessPattern(r"\b(?:partner|provider|vendor)(?:['’]s|s['’])\s+(?:language\s+)?models?\b|"
                                r"\b(?-i:Partner\s+Models?)\b|\bpartner\s+models\b|"
                                r"\bexternal\s+model\s+(?:developers?|providers?)\b")


_THEY_PROCESS = CaselessPattern(rf"(?:{THIRD_PARTY_AI.pattern})\s+(?:\w+\s+){{0,2}}?"
                                r"(?:process|receive|handle|host|analy[sz]e)(?:s|d)?\s+(?:\w+\s+){0,2}?"
                                r"(?:data|content|prompts?|inputs?|requests?|messages?|files?)\b|"
                                # "summaries are produced by an external AI model"
                                r"\b(?:produced|generated|created|written)\s+by\s+(?:an?\s+)?(?:external|outside|"
                                r"third[\s-]party)\s+(?:[\w-]+\s+){0,2}?(?:AI|models?)\b")


# What an AI provider keeps of what it is given: "Acme generates a draft and does not keep your data after …"
_THEY_KEEP = CaselessPattern(r"\b(?:keep|kept|retain|store|hold|held)(?:s|ed)?\s+(?:\w+\s+){0,2}?"
                             r"(?:data|content|prompts?|inputs?|requests?|messages?|files?|information|text|drafts?)\b")


def _kept_by_a_provider(text: str, names: AINames) -> list[Span]:
    """The AI providers the document names that are said to keep (or not to keep) what they are given: a term of
    the sharing, as "the AI provider keeps your prompts for 30 days" is."""
    if names.provider_pattern is None:
        return []
    keeps = _spans(_THEY_KEEP, text)
    return [name for name in _spans(names.provider_pattern, text)
            if any(name[1] <= kept[0] and _gap(text, name, kept) <= 6 for kept in keeps)]


_GIVEN_TO = CaselessPattern(r"\b(?:provid|giv|supply|supplie)\w*\s+(?:[\w-]+\s+){0,6}?to\s+"
                            r"(?:your|their|the|our|third|other|outside|external)\b")


def _hands_over(text: str) -> bool:
    """Whether the text hands data to someone: shares, sends, sells, or provides it "to your insurer"."""
    return bool(SHARE_VERB.search(text) or _GIVEN_TO.search(text))

_RECIPIENT_TRAINS = CaselessPattern(r"\b(?:so\s+(?:that\s+)?(?:it|they)\s+can|"
                                    # "… partners who use it to build music generation models", "to help it develop"
                                    r"(?:who|that|which)\s+(?:are\s+|may\s+)?(?:us(?:e|es)\s+(?:it|them|this)\s+(?:to|in)\s+)?|"
                                    r"to\s+help\s+(?:it|them))\s*(?:train|improve|develop|build|refine)\w*\s+"
                                    r"(?:(?:its|their)\s+own\s+)?(?:[\w-]+\s+){0,4}?(?:models?|AI|algorithms?|classifiers?|"
                                    r"machine[\s-]learning\s+(?:methods|models|systems|tools)|"
                                    # (tools that only learning makes: not "new tools for shoppers")
                                    r"(?:generation|recognition|prediction|detection|learning|computer-controlled)\s+"
                                    r"(?:[\w-]+\s+)?(?:systems|tools|methods|opponents))\b|"
                                    # "… partner, which uses it in its machine-learning demand models", "for use in
                                    # their models"
                                    r"\b(?:us(?:e|es)\s+(?:them|it)|for\s+use)\s+in\s+(?:its|their)\s+(?:own\s+)?"
                                    r"(?:(?:[\w-]+\s+){0,2}models?\b|(?:AI|machine[\s-]learning)\b)")


# A row of a list of sub-processors that run AI: "| Acme Compute Ltd. | Hosting of AI models used for Zed | US |" —
# what the AI is given goes to that company
_AI_SUBPROCESSOR_ROW = re.compile(r"^\s*\|\s*(?-i:[A-Z][\w&.,-]*(?:\s+[A-Z][\w&.,-]*){0,4})\s*\|[^|]*?\b"
                                  r"(?:hosting|inference|generation|operation)\b[^|]*?\b(?:AI|models?|LLMs?)\b",
                                  re.IGNORECASE)


def _within(spans: list[Span], outer: list[Span]) -> list[Span]:
    """The spans that start inside one of the outer spans: the recipient a longer phrase names."""
    return [span for span in spans if any(start <= span[0] < end for start, end, _ in outer)]


def _sharing_reading(text: str, data: list[Span], ai_words: tuple[str, ...], prohibited: bool, protection: bool,
                     strength: float, names: AINames) -> _ClauseReading | None:
    """People's data shared with (or sent to, processed by) others for AI, or others' models trained on it."""
    third_party = _spans(THIRD_PARTY, text)
    if names.provider_pattern:
        third_party += _spans(names.provider_pattern, text)
    sharing = _near(text, _spans(SHARE_VERB, text), third_party, 14)
    handed_over = bool(sharing) and bool(_near(text, third_party, _spans(SHARED_PASSIVE, text), 14))
    others_train = _spans(OTHERS_MODELS, text)
    # "… not used to train our or third-party AI models" limits a use; it shares nothing, unless those others are
    # said to process the data ("AI Sub-processors process Customer Data … and are prohibited from training on it")
    kept_by_provider = _kept_by_a_provider(text, names)
    they_process = bool(_THEY_PROCESS.search(text)) or bool(kept_by_provider)
    third_party_ai = [] if OBLIGATION.search(text) or (protection and not sharing and not they_process) \
        else _spans(THIRD_PARTY_AI, text) + kept_by_provider
    third_party_ai += _spans(_AI_SUBPROCESSOR_ROW, text)
    # whoever receives it, people's data handed over "so it can improve the models it offers" goes to their AI
    for_their_ai = bool(_RECIPIENT_TRAINS.search(text)) and _hands_over(text)
    if (not prohibited or they_process) and (
            (sharing and (data or handed_over)) or (others_train and third_party) or third_party_ai or for_their_ai):
        return _ClauseReading("ai_data_sharing", strength, ai_words + _words_of(sharing, others_train, third_party_ai),
                              protection, _words_of(data, sharing or _within(third_party, third_party_ai)), text,
                              prohibited)
    return None


@dataclass(frozen=True, slots=True)
class _TrainingEvidence:
    """What a clause says that could make it a use of people's data for AI: its training and improving verbs, the
    AI they aim at, and its use verbs near people's data."""

    text: str
    ai: list[Span]
    strong: list[Span]
    improve: list[Span]
    uses_data: list[Span]
    protection: bool

    @classmethod
    def of(cls, text: str, ai: list[Span], data: list[Span], protection: bool) -> _TrainingEvidence:
        improve = _spans(TRAIN_IMPROVE, text) + _spans(MODEL_IMPROVED, text)
        if (label := _LABEL.match(text)) and not any(span[0] < label.end() for span in ai):
            improve = [span for span in improve if span[0] >= label.end()]  # what the label says is improved is no AI
        return cls(text, ai, _spans(TRAIN_STRONG, text), improve,
                   _near(text, _spans(USE_VERB, text) + _spans(_KEEP_VERB, text), data, 6), protection)


# The label a paragraph opens with, a purpose before its colon: "**Improving Our Website Services:** We use chatbots …"
_LABEL = re.compile(r"^\W*[A-Z][a-z]+ing\b[^:.;|]{0,80}?:(?!//)")


# Data kept is data used: "keeps samples of the text you check … for making our machine-learning systems better"
_KEEP_VERB = CaselessPattern(r"\b(?:keep|keeps|kept|retain|retains|retained|stores?|stored)\b")


# A row of a purposes table: "| Voice commands | improve our speech models | Consent |" uses that data for the purpose.
_TABLE_ROW_WITH_DATA = CaselessPattern(  # (in any of its cells, or its header's)
    r"^\s*\|(?:[^|]*\|)*?[^|]*\b(?:" + USER_DATA.pattern + r"|commands?)\b[^|]*\|")


def _trains_ai(clause: _TrainingEvidence) -> tuple[str, ...]:
    """A training or improving verb aimed at AI, said strongly, of people's data or as a limit."""
    headed = _spans(_HEADING_OF_TRAINING, clause.text) if clause.ai else []  # "## Use of your code for AI"
    trains = (_near(clause.text, clause.strong + clause.improve, clause.ai, 10, ordered=True) + headed
              + _near(clause.text, clause.strong, clause.ai, 3)  # "models are trained"
              + (_spans(_IMPROVE_IT, clause.text) + _spans(TRAINED_ON_PEOPLES, clause.text) if clause.ai else []))
    if trains and (clause.strong or clause.uses_data or clause.protection or _AS_A_PURPOSE.search(clause.text)
                   or _PURPOSE_ITEM.match(clause.text) or _DATA_ITEM_WITH_PURPOSE.match(clause.text)
                   or _HEADING_OF_TRAINING.match(clause.text)
                   or YOUR_DATA.search(clause.text) or _TABLE_ROW_WITH_DATA.search(clause.text)
                   or _SOMETHING_USED.search(clause.text)):
        return _words_of(clause.strong, clause.improve) or _words_of(headed) or _words_of(trains)
    return ()


# Improving what the clause has named: "images you create with our AI tools may be used to improve those tools".
_IMPROVE_IT = words_pattern(r"(?:improv|refin|enhanc|optimi[sz]|train|sharpen|teach)\w*(?:\s+and\s+\w+)?\s+(?:it|them|"
                            r"(?:those|these|the\s+same)\s+"
                            r"(?:[\w-]+\s+)?(?:tools?|features?|models?|systems?|assistants?))",
                            # "… to improve the bot's answers": what an AI says is the AI
                            r"(?:improv|refin|enhanc|sharpen)\w*\s+(?:the|its|our)\s+(?:[\w-]+\s+)?(?:bot|assistant|model|tool|"
                            r"companion|character|feature)['’]s?\s+(?:answers|replies|responses|suggestions|results|outputs?)",
                            # "… to improve the quality of its answers", "… to improve Zed's suggestions"
                            r"(?:improv|refin|enhanc|sharpen)\w*\s+(?:the\s+(?:quality|accuracy|relevance)\s+of\s+)?"
                            r"(?:its|their|(?-i:[A-Z][\w-]*\s+)?(?-i:[A-Z][\w-]*)['’]s)\s+(?:[\w-]+\s+)?"
                            r"(?:suggestions|answers|replies|responses|summaries|drafts|recommendations)",
                            # "… help us refine the suggestions it makes"
                            r"(?:improv|refin|enhanc|sharpen)\w*\s+the\s+(?:suggestions|answers|replies|responses|summaries|"
                            r"recommendations)\s+(?:it|they)\s+(?:makes?|gives?|offers?|writes?|provides?)",
                            # "… so that its future suggestions become more natural"
                            r"(?:its|their)\s+future\s+(?:suggestions|answers|replies|responses|summaries|drafts)\s+"
                            r"(?:become|get|are)\s+(?:more|better)",
                            # "feedback on AI suggestions, to refine future suggestions"
                            r"(?:improv|refin|enhanc|sharpen)\w*\s+(?:future|later|its|their)\s+(?:[\w-]+\s+)?"
                            r"(?:suggestions|answers|replies|responses|outputs|summaries|drafts|versions(?!\s+of\b))",
                            # "… reviewed to develop future versions of the feature"
                            r"(?:improv|develop|build)\w*\s+(?:future|new|later|next)\s+versions?\s+of\s+"
                            r"(?:the|this|its|our)\s+(?:feature|assistant|model|tool|bot|service)\b",
                            # "… so that the assistant gets better"
                            r"(?:assistant|model|bot|AI|companion|tutor)s?\s+(?:gets?|becomes?)\s+(?:better|smarter|"
                            r"more\s+accurate)\b",
                            r"make\s+(?:(?:its|their|the\s+[\w-]+['’]s)\s+(?:future\s+)?|future\s+)"
                            r"(?:answers|replies|responses|suggestions|results|outputs?|dialogue)\s+"
                            r"(?:\w+\s+)?(?:better|clearer|more\s+\w+)",
                            r"(?:improv|refin|enhanc|sharpen)\w*\s+how\s+(?:well\s+|accurately\s+)?(?:it|they|(?:the|those|these|our|its)\s+(?:[\w-]+\s+)?"
                            r"(?:characters?|assistants?|models?|bots?|companions?|tools?))\s+"
                            r"(?:respond|answer|reply|work|behave|understand|perform)\w*")
_WHAT_PEOPLE_GIVE = r"(?:data|information|content|conversations|interactions|feedback|text)\b"
# What is used to improve a model is data, whatever the sentence calls it: "flags … are used to improve the
# classifiers", "we analyse your listening habits to refine the models", "… telemetry, and use it to improve".
_SOMETHING_USED = words_pattern(r"(?:is|are|be|been|being)\s+(?:\w+\s+){0,2}?"
                                # done to first, then used: "may be annotated by our staff and used to …"
                                r"(?:[\w-]+ed\s+by\s+(?:our\s+|its\s+|the\s+)?(?:[\w-]+\s+){0,2}?and\s+(?:then\s+)?)?"
                                r"(?:used|collected|processed|analy[sz]ed|reviewed|checked|rated|graded|labell?ed|"
                                r"annotated|stored|kept|retained|paired|combined)"
                                r"(?:\s*,[^,]{1,80},)?"
                                r"(?:\s+as\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:pairs?|examples?|samples?))?"  # "… as a pair"
                                r"(?:\s+(?:by|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?\s+"
                                r"(?:to|for|so\s+that|so|in\s+the\s+(?:development|training|improvement|evaluation)\b|"
                                # "… checked by human annotators who correct our models' errors"
                                r"(?:who|that)\s+(?:correct|fix|mark|label|rate|grade)\w*\b)",
                                # "face templates are uploaded to our cloud to improve …"
                                r"uploaded\s+to\s+(?:our|the|its)\s+(?:[\w-]+\s+)?(?:cloud|servers?)\s+(?:to|for|so)",
                                r"(?:us(?:e|es|ed|ing)|analy[sz]\w*|stud(?:y|ies|ied|ying)|review\w*|process\w*)\s+"
                                # (or a part of it: "we review samples of your answers")
                                r"(?:(?:an?\s+|small\s+|random\s+)*(?:samples?|portions?|selections?|subsets?)\s+of\s+)?"
                                # (or what they do: "we study what people make to improve …")
                                r"(?:your|their|it|them|what\s+(?:you|people|users|customers|members|creators))\b",
                                # a model tested on people's data: "evaluate new versions of our model against …"
                                r"(?:evaluat|test|validat|benchmark)\w*\s+(?:[\w-]+\s+){0,8}?(?:against|on|using)\s+"
                                r"(?:[\w-]+\s+){0,3}?(?:recordings|data|content|conversations|messages|posts|photos|prompts|"
                                r"samples)\b",
                                # a set built from what people give: "evaluation sets from anonymised diffs"
                                r"(?:evaluation|test|training|benchmark)\s+(?:data\s*)?(?:sets?|datasets?)\s+"
                                r"(?:\w+\s+){0,2}?from\b",
                                # "we improve our models through … exposure to real-world problems and data"
                                r"(?:improv|train|refin)\w*\s+(?:\w+\s+){0,3}?(?:through|with|using|from)\s+"
                                r"(?:[\w-]+\s+){0,12}?" + _WHAT_PEOPLE_GIVE,
                                # "we build our language technology in part from text that users submit"
                                r"build\w*\s+(?:[\w-]+\s+){1,5}?(?:in\s+part\s+|partly\s+)?from\s+(?:[\w-]+\s+){0,6}?"
                                + _WHAT_PEOPLE_GIVE,
                                # "this data helps us …, allowing our model to become more efficient"
                                r"(?:data|information|content|feedback|activity)\s+(?:\w+\s+){0,2}?helps?\b",
                                # "your usage data contributes to research …", "instead it goes toward making …"
                                r"(?:data|information|content|feedback|activity|it|they)\s+(?:\w+\s+){0,2}?"
                                r"(?:contribut\w+|goes|go|feeds?)\s+(?:to|toward|towards|into)\b",
                                # "… which the provider may retain and use to develop future model versions"
                                r"(?:retain|keep|store|collect|process)\s+and\s+use\s+to\s+(?:help\s+)?"
                                r"(?:improve|train|refine|tune|develop|build)\b",
                                # "uses <whatever> to improve …": what a use improves a model with is data
                                r"(?:use|uses|used|using|look(?:s|ed|ing)?\s+at|examin\w+|analy[sz](?:e|es|ed|ing))\s+"
                                r"(?:[\w,'’-]+\s+){1,14}?"
                                r"(?:as\s+[\w\s]{0,30}?)?to\s+(?:help\s+)?"
                                r"(?:improve|train|refine|tune|calibrate|recalibrate|evaluate|develop|make|build)\b",
                                r"used\s+to\s+(?:help\s+(?:us\s+)?)?(?:make|teach)\b")


# Developing AI named as a purpose of processing ("… including developing artificial intelligence technology").
_PURPOSE_OPENING = (r"(?:including|such\s+as|for|purposes?\s+of)\s+(?:\w+\s+){0,2}"
                    r"(?:develop|improv|build|train|enhanc)\w*\s+")
_AI_AIMED_AT = r"(?:AI|artificial\s+intelligence|machine\s+learning|models?)"
# an example that names it: "…, including the language models", "… such as machine learning"
_AI_AS_AN_EXAMPLE = r"(?:including|such\s+as)\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,2}?" + _AI_AIMED_AT
_AS_A_PURPOSE = words_pattern(
    _PURPOSE_OPENING + r"(?:[\w'’]+\s+){0,5}" + _AI_AIMED_AT,
    # "including to improve our products and to develop new technologies such as AI"
    _PURPOSE_OPENING + r"(?:(?!we\b|you\b)[\w'’-]+\s+){0,10}?" + _AI_AS_AN_EXAMPLE)
# An item of a list of what is used and why: "* Voice clips you record, to develop our speech models"
# (its bullet already gone: what it names, its examples, then a comma and the purpose)
_DATA_ITEM_WITH_PURPOSE = re.compile(r"^\W*[^,;:]{3,120}(?:,\s+(?:such\s+as|including|like|e\.g\.)\s+[^;:]{1,160}?)?"
                                     r",\s+(?:to|(?:which|that)\s+helps?)\s+(?:help\s+(?:us\s+)?|us\s+(?:to\s+)?)?"
                                     r"(?:develop|improv|train|refin|evaluat|calibrat|build|tun|teach|make\b)",
                                     re.IGNORECASE)
# A heading over how the platform trains: "## How we improve our models"
_HEADING_OF_TRAINING = re.compile(r"^\W*(?:(?:how|why|when)\s+(?:we|[A-Z][\w-]*)\s+"
                                  r"(?:trains?|improves?|develops?|builds?|refines?)\s+(?:and\s+\w+\s+)?(?:our|the|its)\s+(?:[\w-]+\s+)?(?:models?|AI)|"
                                  # "## How we make our models better"
                                  r"(?:how|why|when)\s+(?:we|[A-Z][\w-]*)\s+make\s+(?:our|its)\s+(?:[\w-]+\s+)?"
                                  r"(?:models?|AI)\s+better|"
                                  # "## How Zed gets better", "## How our assistant learns"
                                  r"(?:how|why)\s+(?:(?-i:[A-Z][\w-]*)|our\s+(?:[\w-]+\s+)?(?:models?|AI|assistant))\s+"
                                  r"(?:gets\s+(?:better|smarter)|learns|improves)|"
                                  # "## Use of your code for AI"
                                  r"(?:the\s+)?(?:use|using)\s+(?:of\s+)?your\s+(?:[\w-]+\s+){1,3}?for\s+(?:generative\s+)?"
                                  r"(?:AI|artificial\s+intelligence|machine\s+learning)(?:\s+(?:training|development))?)\W*$",
                                  re.IGNORECASE)
# An item of a list of purposes: "* Developing new features and improving existing ones, including the models …"
_PURPOSE_ITEM = re.compile(r"^\W*(?:developing|improving|building|training|enhancing)\b[^.;:]{0,120}?\b"
                           + _AI_AS_AN_EXAMPLE + r"\b|"
                           # or an item marked as one, the AI its object: "…; and (c) improving the models that …"
                           r"^\s*(?:[*•-]\s+|(?:(?:and|or)\s+)?\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})[.)]\s+)"
                           r"(?:developing|improving|building|training|enhancing)\s+(?:the\s+|our\s+|its\s+)?"
                           r"(?:[\w-]+\s+){0,3}?" + _AI_AIMED_AT + r"\b", re.IGNORECASE)


def _names_training(clause: _TrainingEvidence) -> tuple[str, ...]:
    return _words_of(_spans(TRAINING_NOUN, clause.text))  # "model training", "for AI training"


def _uses_data_to_improve(clause: _TrainingEvidence) -> tuple[str, ...]:
    if clause.uses_data and (clause.strong or clause.improve or _near(clause.text, _spans(RESEARCH, clause.text),
                                                                      clause.ai, 6)):
        return _words_of(clause.strong, clause.improve, clause.uses_data) or ("research",)
    return ()


# "use <people's data> … for <AI>": a use verb, its data, "for", then the AI, a few words apart
_USE_DATA_FOR = re.compile(
    r"(?:\W+\w+){0,6}?\W+(?:" + USER_DATA.pattern + r")(?:\W+\w+){0,5}?\W+for\W+"
    r"(?:(?!(?:and|but)\s+(?:may|will|can|might|could|must|shall)\b)\w+\W+){0,7}?",  # (not in a clause of its own)
    re.IGNORECASE)


def _uses_data_for_ai(clause: _TrainingEvidence) -> tuple[str, ...]:
    """People's data used "for" AI a few words on, or publicly available data as a source."""
    if sources := _spans(TRAINING_SOURCE, clause.text):  # "publicly available information" trains AI
        return _words_of(clause.uses_data, sources)
    if not clause.uses_data:
        return ()
    for_ai = [ai for verb in _spans(USE_VERB, clause.text) for ai in clause.ai
              if _USE_DATA_FOR.fullmatch(clause.text, verb[1], ai[0])]  # the verb's data is used for the AI
    return _words_of(clause.uses_data) if for_ai else ()


def _ai_data_reused(clause: _TrainingEvidence) -> tuple[str, ...]:
    if evidence := _ai_data_for_ads(clause.text, clause.ai):
        return evidence
    found = (_IMPROVE_OWN_AI.search(clause.text) or _AI_DATA_KEPT_FOR.search(clause.text)
             or _KEPT_FOR_MODELS.search(clause.text))
    return (found.group(0),) if found else ()


# A licence over what people give or get from an AI ("you grant us a licence to use your AI Inputs", "retains the
# same rights to AI Outputs"): the platform may reuse it, as the guidelines count a licence that includes training.
_LICENCE_OVER = words_pattern(
    r"(?:you|the\s+user|users?|(?:the\s+)?customers?)(?:['’]ll|\s+will|\s+shall)?\s+(?:hereby\s+)?"
    r"(?:grants?|gives?|confers?)\s+(?:to\s+)?(?!you\b)\S+(?:\s+(?-i:[A-Z])\S*)?,?\s+(?:an?\s+|the\s+)?"
    r"(?:[\w,-]+\s+){0,10}?(?:licen[cs]e|rights?)\b",
    # a party that keeps rights over what people give its AI; people who keep owning theirs grant nothing
    r"(?<!you\s)(?:retains?|keeps?)\s+(?:and\s+(?:will\s+)?exercises?\s+)?(?:the\s+)?(?:same\s+)?"
    r"(?:(?!ownership\b)[\w-]+\s+){0,3}rights?\s+(?:to|in|over)")
_AI_GIVEN_OR_GOT = words_pattern(r"(?:AI\s+)?(?:inputs?|outputs?|prompts?)", r"conversations?\s+with\s+(?:\w+\s+)?AI")


# "a limited licence to process Prompts solely to provide Suggestions to you" runs the service and reuses nothing
_ONLY_TO_PROVIDE = words_pattern(r"limited\s+(?:[\w-]+\s+)?licen[cs]e",
                                 r"(?:only|solely|exclusively)\s+(?:\w+\s+){0,6}?(?:to|for)\s+(?:\w+\s+){0,3}?"
                                 r"(?:provid|operat|deliver|generat|perform|respond)\w*")


def _licence_over_ai_data(clause: _TrainingEvidence) -> tuple[str, ...]:
    if _ONLY_TO_PROVIDE.search(clause.text):
        return ()
    if (licence := _spans(_LICENCE_OVER, clause.text)) and (ai_data := _spans(_AI_GIVEN_OR_GOT, clause.text)):
        return _words_of(licence, ai_data)
    return ()


# The readings of a training clause, strongest first; the first that finds words decides.
_TRAINING_RULES = (_trains_ai, _names_training, _uses_data_to_improve, _uses_data_for_ai, _ai_data_reused,
                   _licence_over_ai_data)


def _training_reading(text: str, ai: list[Span], data: list[Span],
                      protection: bool) -> tuple[tuple[str, ...], float] | None:
    """The words that make a clause a use of people's data to train or improve AI, with a score; None if none."""
    clause = _TrainingEvidence.of(text, ai, data, protection)
    score = 0.9 if clause.uses_data or clause.strong else 0.7
    return next(((evidence, score) for rule in _TRAINING_RULES if (evidence := rule(clause))), None)


_BUILD = words_pattern(r"build\w*", r"creat\w+")
# a licence the person grants, by whatever name the terms give them: "You grant", "Licensee hereby grants"
_GRANT = words_pattern(r"you\s+(?:hereby\s+)?grant",
                       r"(?-i:[A-Z][a-z]+)\s+(?:hereby\s+)?grants\s+(?:to\s+)?(?-i:[A-Z][\w-]*)\b(?:\W+\w+){0,12}?\W+"
                       r"licen[cs]e")
_SHARED_WITH = words_pattern(r"(?:shared|disclosed|provided|sent|licen[cs]ed|transferred|supplied|sold|passed|"
                             r"transmitted|forwarded)\s+(?:by\s+[\w-]+\s+)?(?:with|to)",
                             r"shar\w*\s+(?:[\w-]+\s+){1,4}?with",
                             r"receiv\w+\s+(?:the\s+)?(?:\w+\s+){0,3}(?:you|your)\b",
                             # those the platform gives data to: "Partner universities receive de-identified data"
                             r"(?:partners?|universit(?:y|ies)|institutions?|merchants?|sellers?|providers?|vendors?|"
                             r"compan(?:y|ies)|affiliates?)\b(?:\s+[\w-]+){0,5}?\s+receiv(?:e|es|ed)\b")
# A list item that starts with a bare verb ("* scrape … to train …", "(c) use data obtained through the APIs to train
# …") is an item of a list of things someone may not do, unless the platform speaks in it ("* train our models").
_BARE_VERB_ITEM = re.compile(r"^\W*(?:[*•-]|\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})[.)])\s+(?:\W\s*)?(?i:use|scrape|crawl|"
                             r"harvest|access|copy|extract|mine|sell|resell|reverse|circumvent|distribute|employ|exploit|download)\b")
_SCRAPING = words_pattern(r"scrap(?:e|es|ed|ing|ers?)", r"crawl\w*", r"harvest\w*", r"spiders?", r"robots?",
                          r"(?:build|creat|compil)\w*\s+datasets?",
                          r"data\s+(?:obtained|collected|accessed)\s+(?:through|via|from)",
                          r"extract\w*\s+(?:[\w-]+\s+){0,3}?(?:model\s+)?(?:weights|system\s+prompts?|training\s+data)")


def _rule_item(raw: str, text: str) -> bool:
    return bool(_BARE_VERB_ITEM.match(raw) and not FIRST_PERSON.search(text)
                and (_SCRAPING.search(text) or PLATFORM_MATERIALS.search(text) or OTHERS_MODEL.search(text)))


_COMPETING = words_pattern(r"(?:models?|AI|products?|services?|tools?)\s+(?:\w+\s+){0,3}(?:that|which)\s+compete\w*",
                           r"competing\s+(?:[\w-]+\s+){0,2}(?:models?|AI|products?|services?)")


def _trains_others_model(text: str) -> bool:
    """Training or building a model that is not the platform's, on the platform's materials: a rule for others.

    "Using the Service or any Output to develop models that compete" is one; "we use your posts to train our
    models" is not (the platform acts on people's data).
    """
    if _COMPETING.search(text):
        return True
    if tables.is_row(text):
        return False  # a table of purposes is what the platform does ("| Improving the Services | … |")
    if FIRST_PERSON.search(text) or YOUR_DATA.search(text) or _GRANT.search(text) or _SHARED_WITH.search(text) \
            or _COMPANY_PROCESSES.search(text) or _INPUTS_AND_OUTPUTS.search(text) or _OTHERS_USE_IT.search(text):
        return False  # the platform acts on people's data, or gives it to the one who trains
    if not (training := _spans(TRAIN_STRONG, text) + _spans(TRAIN_IMPROVE, text) or _spans(_BUILD, text)):
        return False
    if OTHERS_MODEL.search(text):
        return True
    if _NAMED_MODEL.search(text):
        return False  # "to train Acme's models": a company names the models as its own (business terms say "Acme")
    if _USED_BY_THE_PLATFORM.search(text):
        return False  # "Transcripts may be used, in de-identified form, to improve the models": what is done with data
    # the platform's materials used to train ("using any Output to develop models"), not the purpose's object
    # ("improving the models that underpin the Services"); "Inputs and Outputs may be reviewed to improve the
    # Service": the platform improves its own service
    first_training = min(span[0] for span in training)
    return bool(PLATFORM_MATERIALS.search(text, 0, first_training)) and not _IMPROVES_THE_SERVICE.search(text)


# What others take off the platform: "anything plucked from our services", "content scraped from the site"
_TAKEN_FROM_US = CaselessPattern(r"\b(?:scrap|pluck|harvest|extract|download|copi|lift)\w*\s+from\s+(?:our|the|this)\s+"
                                 r"(?:services?|sites?|websites?|platform|apps?|pages|feeds)\b")


# Others given people's data, said before, using it: "Affiliates use it to … develop their own AI models"
_OTHERS_USE_IT = CaselessPattern(r"\b(?:affiliates|partners|(?:group|sister)\s+companies|providers|vendors)\s+"
                                 r"(?:may\s+|also\s+)?us(?:e|es)\s+(?:it|them|this|these|that|those|such)\b|"
                                 # people's public data open to all: "anyone … can access that data and may use it"
                                 r"\banyone\b[^.;]{0,80}?\b(?:can|may)\s+(?:access|see|collect|download)\b[^.;]{0,40}?"
                                 r"\b(?:may|can)\s+(?:also\s+)?use\s+(?:it|them)\b")
# Models a company names as its own: "Acme's machine learning models", "Company's artificial intelligence" (not a
# party's: "Customer's models" are the customer's own)
_NAMED_MODEL = re.compile(r"\b(?!(?:Customer|User|Developer|Licensee|Partner|Client|Subscriber|Member)['’]s)"
                          r"[A-Z][\w&.-]+['’]s\s+(?:[\w-]+\s+){0,3}?(?:models?\b|AI\b|(?i:artificial\s+intelligence|"
                          r"machine[\s-]+learning|algorithms?\b))")
# A company named as the one that processes: "Acme processes such content … to train its classifiers"
_COMPANY_PROCESSES = re.compile(r"\b(?!(?:You|Users?|Customers?|Developers?|Licensees?|Partners?)\b)"
                                r"(?-i:[A-Z][\w&.-]+)\s+(?:processes|uses|collects|analy[sz]es|reviews|retains|stores|shares|"
                                r"provides|discloses|licen[cs]es|sells|transfers|"
                                r"(?:may|does\s+not|doesn['’]t|will\s+not|won['’]t|never)\s+(?:also\s+)?"
                                r"(?:use|process|collect|analy[sz]e|review|retain|store|share|provide|disclose|"
                                r"licen[cs]e|sell|transfer))\b")
# Data said to be used, in the passive, by nobody or by someone who is not a party bound by rules: the platform's use
_USED_BY_THE_PLATFORM = CaselessPattern(
    r"\b(?:is|are|be|been)\s+(?:\w+\s+){0,2}?(?:used|stored|processed|analy[sz]ed|reviewed|added|disclosed|shared)\b"
    r"(?:\s+by\s+(?!(?:you|users?|customers?|developers?|licensees?|partners?|third|any|other|apps?|applications?)\b)"
    r"(?:the\s+)?[\w-]+|\s*,[^,]{1,80},|\s+(?:[\w-]+\s+){0,8}?(?:and|or)\s+(?:\w+\s+)?used)*"
    r"(?:\s+as\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s+(?:to|for|so\s+that)\b")  # "… used as examples to …"
# what someone gives an AI service and what it gives back are theirs, not the platform's materials
_INPUTS_AND_OUTPUTS = re.compile(r"\bInputs?\s+(?:and/or|and|or)\s+Outputs?\b")
_IMPROVES_THE_SERVICE = CaselessPattern(r"\b(?:improv|enhanc|refin|optimi[sz])\w*\s+(?:\w+\s+){0,2}?(?:the|our)\s+"
                                        r"(?:Services?|Platform|Products?)\b|"
                                        r"\bmak\w*\s+(?:the|our)\s+(?:Services?|Platform|Products?)\s+better")


# A purpose of processing that improves the platform's own AI ("Improve our products, such as our machine learning
# technology", a row of a purposes table, "to improve Acme's AI"): what is processed there trains it.
_IMPROVE_OWN_AI = CaselessPattern(
    r"\b(?:improv|develop|enhanc)\w*\b(?:\W+\w+){0,10}?\W+(?:our|its|(?-i:[A-Z][\w-]*)['’]s)\s+(?:own\s+)?"
    r"(?:A\.?I\b|artificial\s+intelligence|machine[\s-]+learning|generative\s+AI|AI\s+models?|ML)")
# What people give an AI feature, kept and used for another purpose ("we store your inputs … for purposes of
# monitoring"): a reuse of AI data, as the guidelines count it.
_AI_DATA_KEPT_FOR = CaselessPattern(
    r"\b(?:stor|retain|keep|kept|sav)\w*\s+(?:\w+\s+){0,3}(?:inputs?|prompts?|conversations?|chats?|outputs?)\b"
    r"(?:\W+\w+){0,14}?\W+(?:for\s+(?:the\s+)?purposes?\s+of|to\s+(?:monitor|detect|prevent|personali[sz]e|show|identify|"
    r"investigate|enforce))")


# Data kept so that machine-learning models keep working ("we keep reported listings to maintain the machine-learning
# systems that catch fraud", "… to keep our machine-learning models accurate"): kept for AI, as the guidelines count it.
_KEPT_FOR_MODELS = CaselessPattern(
    r"\b(?:keep|keeps|kept|retain|retains|retained|store|stores|stored)\b(?:\W+\w+){1,25}?\W+to\s+"
    r"(?:maintain|support|run|operate|keep)\s+(?:the|our|its)\s+(?:[\w-]+\s+){0,2}?(?:machine[\s-]learning|AI|ML)\b")


def _ai_data_for_ads(text: str, ai: list[Span]) -> tuple[str, ...]:
    """What people exchange with AI ("your Copilot conversations", "interactions with AIs") reused for ads."""
    ai_data = _near(text, ai, _spans(AI_DATA, text), 4)
    ads = _spans(ADS_PURPOSE, text)
    return _words_of(ai_data, ads) if ai_data and ads else ()


_GOVERNED_VERB = CaselessPattern("|".join(p.pattern for p in (USE_VERB, TRAIN_STRONG, TRAIN_IMPROVE, SHARE_VERB)))


_COORDINATED = re.compile(r"\W*(?:and|or|nor)\s+(?:\w+\s+){0,2}", re.IGNORECASE)  # "shall not, and shall not permit"


_EXCEPT_BEFORE = re.compile(r"(?:,|\bbut)\s*$")
_WHETHER_OR = re.compile(r"\bwhether\s+or\s*$", re.IGNORECASE)
_IF_YOU_DO = CaselessPattern(r"\bif\s+you\s+(?:do|did)\s*$")
_EXCEPTED_THING = re.compile(r"\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+\s*[,)]")


def _negates_use(text: str, prohibition: TextPattern) -> bool:
    """True when a negation governs a use, training or sharing verb a few words after it ("is not used to train").

    A negation inside or after a prohibition aimed at others ("you may not use … to train", "… shall not, and shall
    not permit anyone to, use …") limits them, not the platform.
    """
    prohibitions = [match.span() for match in prohibition.finditer(text)]
    for negation in NEGATION.finditer(text):
        if any(start <= negation.start() < end or _COORDINATED.fullmatch(text, end, negation.start())
               for start, end in prohibitions):
            continue
        following = text[negation.end():negation.end() + 50]
        if ONLY.match(following.strip()) or _WHETHER_OR.search(text, 0, negation.start()):
            continue  # ("whether or not they have been used" denies nothing)
        if _EXCEPT_BEFORE.search(text, 0, negation.start()) and _EXCEPTED_THING.match(following):
            continue  # "we use transcripts, but not the audio, to improve …" leaves a thing out, not the use
        if _IF_YOU_DO.search(text, 0, negation.start()) and following.lstrip().startswith(","):
            continue  # "… in Settings; if you do not, we use …": what the person does not do
        if _GOVERNED_VERB.search(following):
            return True
    return False


def _clauses(sentence: str) -> list[str]:
    return [piece for piece in CLAUSE_BREAK.split(sentence) if piece and piece.strip()]


@functools.lru_cache(maxsize=2048)  # a changed sentence is read where it stands, then again beside its kin
def read_sentence(sentence: str, lead_in: str | None = None, names: AINames = NO_NAMES) -> SentenceReading:
    """Classify one sentence with its evidence: the first category in precedence order that a clause supports.

    Two readings span clauses: a prohibition that introduces a list ("Customer will not … do any of the
    following:") governs the items after it, and an item of a list of data ("Interactions with AI at Meta") counts
    as AI data reused for ads when the sentence says the list is used to show ads. ``lead_in`` is the line that
    introduces the list the sentence is an item of ("You agree not to:"), when there is one; ``names`` are the
    names its document gives its AI (:func:`concepts.ai_names_in`).
    """
    if not tables.is_row(sentence) and sentence.count(" | ") >= 2:
        sentence = f"| {sentence.strip()} |"  # a table's row written without its outer bars
    if tables.is_row(sentence) and (header_and_row := tables.header_said_inline(sentence)):
        return _read_row(*header_and_row, names)  # "| Data | Purpose | Recipients: Chats | … |"
    if "; " in sentence and tables.is_row(sentence):  # a cell's list of purposes is one clause of its row
        sentence = _PURPOSE_AFTER_SEMICOLON.sub(", ", sentence)
    if answered_no := _LABEL_ANSWERED_NO.search(sentence):  # "Used to improve our models: No" is "Not used to …"
        sentence = f"{sentence[:answered_no.start()]}not {answered_no.group('use')}{sentence[answered_no.end():]}"
    readings: list[_ClauseReading] = []
    ai_clauses: set[str] = set()
    other_clauses: list[str] = []  # of which a choice that does not name the AI use: "you can object to this use"
    under_prohibition = bool(lead_in and (PROHIBITION.search(plain(lead_in)) or BAN_LEAD_IN.search(plain(lead_in))))
    if names.ai_service and _AMONG_PEOPLE.search(sentence):  # a conversation with other people is no AI chat
        names = replace(names, ai_service=False)
    for clause in _clauses(sentence):
        reading = _read_clause(clause, under_prohibition, names)
        if reading.category not in RELEVANT and "trained" in clause.lower() \
                and (passive := _TRAINED_ON.match(plain(clause))):
            active = _read_clause(f"We train {passive.group('model')} on {passive.group('data')}", under_prohibition,
                                  names)  # "These models are trained on …" read as "We train these models on …"
            reading = active if active.category == "ai_training" else reading
        if reading.category is None and readings and (trains_it := _TRAINS_IT.search(clause)):
            # "… uses machine learning to tidy your drawings; your drawings are not used to train it": the AI
            # named before
            reading = _read_clause(f"{clause[:trains_it.start(1)]}the AI{clause[trains_it.end(1):]}", under_prohibition,
                                   names)
        if ":" in clause and (PROHIBITION.search(lead := clause.rsplit(":", 1)[0]) or BAN_LEAD_IN.search(lead)):
            under_prohibition = True  # "You agree not to: (a) …; (b) …" governs the items after its colon
        if reading.category is not None:
            readings.append(reading)
            if reading.category in RELEVANT:
                ai_clauses.add(_clause_wording(clause))
        else:
            other_clauses.append(clause)
    if not any(r.category in RELEVANT for r in readings) and (
            choice := _choice_named_by_its_words(plain_sentence := plain(sentence))):
        readings.append(_ClauseReading("ai_opt_out", 0.5, choice + (_BY_ITS_LABEL,), text=plain_sentence))
        ai_clauses |= {_clause_wording(clause) for clause in other_clauses
                       if _choice_named_by_its_words(plain(clause))} or {_clause_wording(sentence)}
    if not readings:
        return SentenceReading(None, 0.0)
    if not any(r.category in RELEVANT for r in readings):
        text = plain(sentence)
        if evidence := _ai_data_for_ads_across(text, names):
            readings.append(_ClauseReading("ai_training", 0.6, evidence))
            ai_clauses.add(normalise_wording(sentence))
    best = min(readings, key=lambda r: (CATEGORY_TABLE[r.category or ""].precedence, -r.score))
    if best.protection and (use := next((r for r in readings if r.category == best.category and not r.protection
                                         and r.category in ("ai_training", "ai_data_sharing")), None)):
        best = use  # "We do not use your messages …, but we may use the summaries …" uses what it names second
    if best.category in ("ai_training", "ai_data_sharing") and (_ANAPHORIC_CHOICE.search(plain(sentence)) or (
            not best.protection and any(_WAY_OUT_FIRST.match(plain(clause)) for clause in other_clauses))):
        best = replace(best, category="ai_opt_out", matched=best.matched + ("a choice about it",))
    if best.category == "ai_opt_out":  # who may refuse, and how, is said beside the use it refuses
        ai_clauses |= {_clause_wording(clause) for clause in other_clauses if OPT_OUT.search(plain(clause))}
    # the terms of the use: not a way out (compared on its own), a bare "No." answering a question, nor a row's
    # cells (compared as cells)
    in_terms = best.category in RELEVANT and not tables.is_row(sentence)
    terms = frozenset(wording for clause in other_clauses if in_terms and not OPT_OUT.search(plain(clause))
                      and len((wording := normalise_wording(clause)).split()) > 2
                      and not _OF_SOMETHING_ELSE.search(clause))  # ("…; for help, call our support line …")
    if in_terms:  # a default and an age limit, wherever the sentence says them ("…, off by default and …")
        terms |= frozenset(_DEFAULT_OR_AGE.findall(normalise_wording(sentence)))
    scope = frozenset(word.lower() for r in readings if r.category in RELEVANT for word in r.scope)
    text = best.text or plain(sentence)  # a reading across clauses (AI chats used for ads) reads the whole sentence
    prohibited = best.category == "ai_features" and best.prohibited
    if prohibited and lead_in:  # who is bound is said by the lead-in: "Your app must not:"
        text = f"{plain(lead_in)} {text}"
    structure = read_structure(text, best.category, protection=best.protection, prohibited=prohibited)
    return SentenceReading(best.category, best.score, best.matched, best.protection, scope, frozenset(ai_clauses),
                           structure, terms)


# A label whose answer is no: "Used to improve wine recognition: No", "Shared with AI partners? Never"
_LABEL_ANSWERED_NO = re.compile(r"(?<![\w-])(?P<use>(?:used|shared|sold|sent|included|kept)\b[^:?|.]{0,80}?)"
                                r"(?P<no>[:?]\s*(?:no|never|none)\b\.?)(?=\s*(?:\||$))", re.IGNORECASE)


# An AI said before by a pronoun: "… to train it", "… to improve them"
_TRAINS_IT = re.compile(r"\b(?:(?:re)?train|fine-tune|improve|teach)(?:s|ed|ing)?\s+(it|them)\b", re.IGNORECASE)


# A model trained on data, said in the passive: "These models are trained on past applications and profiles" (not on
# what the company licenses or makes, nor a list of what it is not trained on)
_TRAINED_ON = re.compile(r"^\W*(?P<model>(?:[\w’'-]+\s+){0,5}?(?:models?|AI|it|they|them)"
                         r"(?:\s+(?:that|which|behind|used)(?:\s+[\w’'-]+){1,6}?)?)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+trained\s+"
                         r"(?:only\s+)?on\s+(?P<data>(?:(?!\b(?:not|licensed|in-house|synthetic)\b).)+)$",
                         re.IGNORECASE)


# What a switch is said to do when it only changes what one sees: "Turn off Zed to stop seeing its suggestions"
_DISPLAY_ONLY = CaselessPattern(r"\bto\s+(?:stop|no\s+longer)\s+(?:seeing|getting|receiving|being\s+shown)\b|"
                                r"\bto\s+hide\b")
# A clause about another matter than the use: how to reach support, where to read more
_OF_SOMETHING_ELSE = CaselessPattern(r"^\W*(?:for\s+(?:help|questions|support|more\s+information)\b|"
                                     r"(?:please\s+)?(?:call|contact|write\s+to|email|e-mail|visit|see)\s+(?:us|our)\b)")


def _clause_wording(clause: str) -> str:
    """A clause's wording, with a menu path said as what it is ("under Profile > Privacy" is "in settings", as "in
    Data Controls" and "in Settings" are)."""
    clause = _BOLD_LEAD.sub("", clause)
    wording = normalise_wording(clause)
    path = _SETTINGS_PATH.search(plain(clause)) if ">" in clause and "<" not in clause else None
    return f"{wording} in settings" if path and _MENU_WORDS.search(path.group(0)) else wording


_NUMBER_WORDS = {word: str(number) for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())} | {"thirty": "30", "sixty": "60", "ninety": "90"}
# The ages policies set limits at, in words: "members under eighteen" are "members under 18"
_AN_AGE_IN_WORDS = "|".join(word for word, number in _NUMBER_WORDS.items() if 13 <= int(number) <= 18)
# (normalised wording)
_DEFAULT_OR_AGE = re.compile(r"\b(?:(?:on|off|enabled|disabled|opted\s+(?:in|out))\s+by\s+default|"
                             r"unless\s+(?:you\s+are|(?:a|the)\s+\w+\s+is|they\s+are)\s+under\s+\d+|"
                             rf"(?:aged?\s+)?(?:\d+|{_AN_AGE_IN_WORDS})\s+(?:or|and)\s+(?:older|over|above|younger|under)|"
                             r"(?:under|over|below|above|aged?|younger\s+than|older\s+than)\s+(?:the\s+age\s+of\s+)?"
                             rf"(?:\d+|{_AN_AGE_IN_WORDS}))\b")


_INTERACTIONS_WITH = CaselessPattern(
    r"\b(?:interact(?:s|ions?)?|conversations?|chats?|info(?:rmation)?\s+(?:you\s+)?(?:share|exchange)\w*)\s+with\s+"
    r"(?:\S+\s+){0,6}|\bwhat\s+you\s+(?:tell|ask|say\s+to|share\s+with|type\s+into)\s+|"
    # "Questions you ask Zed", "Text you submit to Zed", "the topics of your questions to Zed"
    r"\b(?:questions|requests|text|prompts)\s+(?:you\s+(?:ask|put\s+to|submit\s+to|send\s+to|give)|to)\s+|"
    r"\bwhat\s+you\s+(?:search\s+for|look\s+up)\s+(?:with|in|using)\s+")
_AI_INTERACTIONS = re.compile(r"\bAI\s+(?:interactions|conversations|chats)\b")
_SAID_TO_IT = re.compile(r"\s+(?:interactions|conversations|chats|prompts|questions)\b")
_SHOW_ADS = words_pattern(r"(?:show|serve|select|personali[sz]e)\w*\s+(?:\w+\s+){0,3}ads", r"relevant\s+advertising",
                          r"(?:personali[sz]|tailor|target)\w*\s+(?:the\s+|our\s+)?advertising",
                          r"(?:tailor|personali[sz]|customi[sz])\w*\s+(?:the\s+)?(?:[\w-]+\s+(?:and\s+)?){0,2}?"
                          r"(?:offers|promotions)\b",
                          r"(?:showing|serving)\s+of\s+(?:ads|advertisements)", r"ad\s+inputs",
                          r"(?:decide|choose|determine)\s+(?:what|which)\s+(?:\w+\s+){0,2}?to\s+show\s+you",
                          # "to decide which Plus offers we show you", "to recommend add-ons to your account"
                          r"(?:decide|choose|determine|shape|influence)\s+(?:what|which)\s+(?:[\w-]+\s+(?:and\s+)?){0,3}?(?:offers|ads|"
                          r"promotions|products|deals)\s+(?:we\s+|to\s+)(?:show\s+you|feature|promote)",
                          # "to choose the newsletters and advertising we show you", "the bundles we recommend to you"
                          r"(?:choose|select|pick)\s+the\s+(?:[\w-]+\s+(?:and\s+)?){0,3}?(?:ads|advertising|offers|"
                          r"promotions)\s+(?:we\s+)?show\s+you",
                          r"\bwe\s+recommend\s+to\s+you\b",
                          # "to show you relevant cashback offers", "to suggest communities you might like"
                          r"show\s+you\s+(?:[\w-]+\s+){0,3}?(?:offers|promotions|deals)\b",
                          r"(?:suggest|recommend)\w*\s+(?:[\w-]+\s+){1,4}?you\s+(?:might|may)\s+(?:like|enjoy)\b",
                          r"sponsored\s+(?:suggestions|results|content|listings)",
                          r"recommend\w*\s+(?:[\w-]+\s+){0,3}?(?:add-ons?|upgrades?|plans|offers|purchases|"
                          r"subscriptions|products)\b",
                          r"tailor\w*\s+(?:the\s+)?(?:[\w-]+\s+(?:and\s+)?){0,3}?ads\b",
                          r"market\s+(?:[\w-]+\s+){0,3}?to\s+you\b",
                          # "to show you more relevant content and recommendations in our other services"
                          r"show\s+you\s+(?:more\s+)?relevant\s+(?:content|recommendations)\b(?:\W+\w+){0,4}?\W+"
                          r"(?:other|across)\b")


def _interactions_with_ai(text: str, names: AINames) -> str | None:
    if named_first := _AI_INTERACTIONS.search(text):  # "Acme AI interactions", "AI chats"
        return named_first.group(0)
    if names.ai_pattern:  # "your Zed conversations"
        for named in names.ai_pattern.finditer(text):
            if said := _SAID_TO_IT.match(text, named.end()):
                return text[named.start():said.end()]
    for match in _INTERACTIONS_WITH.finditer(text):
        partner = text[match.start():match.end() + 40]
        if ai := AI_TERM_CASED.search(partner) or (names.ai_pattern and names.ai_pattern.search(partner)):
            return partner[:ai.end()]
    return None


def _ai_data_for_ads_across(text: str, names: AINames) -> tuple[str, ...]:
    interactions = _interactions_with_ai(text, names)
    ads = _SHOW_ADS.search(text)
    return (interactions, ads.group(0)) if interactions and ads else ()


def classify_sentence(sentence: str, names: AINames = NO_NAMES) -> tuple[str | None, float, tuple[str, ...]]:
    """The category of one sentence (or None when it is not about AI), a confidence score and the words that matched.

    >>> classify_sentence("We may use your posts to train our artificial intelligence models.")[0]
    'ai_training'
    >>> classify_sentence("Learn more about how we train our staff.")[0] is None
    True
    """
    reading = read_sentence(sentence, names=names)
    return reading.category, reading.score, reading.matched


# -- changes ---------------------------------------------------------------------------------------------------

# Dashes and spaces outside ASCII separate words ("models—unless"); dropped with the rest, they would join them.
_WIDE_SEPARATORS = re.compile("[\u2010-\u2015\u00a0\u2009\u202f]")
_CONTRACTIONS = (("won't", "will not"), ("Won't", "Will not"), ("can't", "cannot"), ("Can't", "Cannot"),
                 ("shan't", "shall not"), ("Shan't", "Shall not"), ("n't", " not"))


@functools.lru_cache(maxsize=4096)  # a sentence is compared with its kin again and again
def normalise_wording(text: str) -> str:
    """Text reduced to its wording: no link targets, emphasis, punctuation, case or en-GB/en-US variants.

    Fast enough for a whole 100 KB policy (about a millisecond): re-flowed text is recognised by its wording.

    >>> normalise_wording("We’ll **personalise** [ads](https://a.example) that you see.")
    'we ll personalize ads you see'
    """
    text = unescape_entities(LINK_TARGETS.sub(" ", text))
    if "@" in text:  # an address, like a link's target, says where to write, not what is done
        text = _EMAIL_ADDRESS.sub(" an email address ", text)
    text = _WIDE_SEPARATORS.sub(" ", text.replace("’", "'").replace("‘", "'"))
    if "n't" in text:  # plain str.replace: a regex here costs ~10 ms on a 100 KB policy
        for contraction, expanded in _CONTRACTIONS:
            text = text.replace(contraction, expanded)
    words = text.encode("ascii", "ignore").translate(WORD_BYTES).split()
    vocabulary = {word: _normal_word(word) for word in set(words)}
    return b" ".join(filter(None, map(vocabulary.__getitem__, words))).decode().replace("such as", "like")


_EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


# Contractions typed without their apostrophe: "we dont use" says "we do not use".
_BARE_CONTRACTIONS = {b"dont": b"do not", b"doesnt": b"does not", b"didnt": b"did not", b"isnt": b"is not",
                      b"arent": b"are not", b"wasnt": b"was not", b"werent": b"were not", b"cant": b"cannot",
                      b"wouldnt": b"would not", b"shouldnt": b"should not", b"couldnt": b"could not",
                      b"havent": b"have not", b"hasnt": b"has not"}


@functools.cache
def _normal_word(word: bytes) -> bytes:
    if word in FILLER_WORDS:
        return b""
    if word in _BARE_CONTRACTIONS:
        return _BARE_CONTRACTIONS[word]
    for pattern, replacement in SPELLING:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True, slots=True)
class _Rated:
    finding: Finding
    severity: str
    summary: str
    reading: SentenceReading | None = None  # of an added or removed sentence, to tell a restatement


def _rated(finding: Finding, severity: str, summary: str, reading: SentenceReading | None = None) -> _Rated:
    """A finding with the severity it was rated, carried on it: alerts show each finding's own."""
    return _Rated(replace(finding, severity=severity), severity, summary, reading)


def _label(category: str, protection: bool) -> str:
    if protection and category in ("ai_training", "ai_data_sharing"):
        return "AI-use limit"
    return CATEGORY_LABELS[category]


def _finding(reading: SentenceReading, change: str, text: str, old_text: str | None, service: str | None) -> Finding:
    assert reading.category is not None
    return Finding(reading.category, change, text, reading.score, old_text, reading.matched, reading.protection,
                   reading.structure, say(reading.structure, service, plain(text)))


def _rate(sentence: SentenceChange, context: _Context) -> _Rated | None:
    """A finding for one changed sentence with its severity, or None when nothing about AI changed in substance."""
    if not sentence.substantive:
        return None
    service = context.service
    if sentence.kind in ("added", "removed"):
        reading = _read_in_place(sentence.text, context.new if sentence.kind == "added" else context.old, context.names)
        if reading.category is None:
            return None
        finding = _finding(reading, sentence.kind, sentence.text, None, service)
        return _rated(finding, rule_severity(finding), f"{_label(finding.category, finding.protection)} "
                      f"{sentence.kind}", reading)
    old_text = sentence.old or ""
    old_said, new_said = _as_answered(old_text), _as_answered(sentence.text)  # an FAQ's question is no claim
    if normalise_wording(old_said) == normalise_wording(new_said) or _we_named(old_said, new_said):
        return None  # en-GB/en-US spelling, "that"/"which", "such as"/"like", punctuation or case only; "we" named
    new = _read_in_place(sentence.text, context.new, context.names)
    old = _read_in_place(old_text, context.old, context.names)
    if tables.is_row(sentence.text) and tables.is_row(old_text):  # a row compared with a row
        new, old = _with_data_column(new, sentence.text, context.new), _with_data_column(old, old_text, context.old)
    if new.category is None and old.category is None:
        return None
    if (new.category is None or old.category is None) and _form_only(old_said, new_said, context.names):
        return None  # a product renamed to a name that says no AI ("Tally Assist" → "Tally Companion")
    joined_otherwise = _condition_joined_otherwise(old_said, new_said)  # "and" made "or": its words, not its meaning
    if new.ai_clauses and new.ai_clauses == old.ai_clauses and new.category == old.category and new.scope == old.scope \
            and _same_terms(new, old) and not tables.is_row(sentence.text) \
            and not joined_otherwise:  # (a row's other cells still count)
        return None  # a long block edited elsewhere: its AI clauses read word for word as before
    if tables.same_but_for_words_for_yes_and_no(sentence.text, old_text):
        return None
    if _renamed_throughout(old_said, new_said, context):
        return None  # "the Dataset Licensing Program" is "the Training Data Program" everywhere: the same programme
    if not _row_changed_in_substance(sentence.text, old_text, context.names) \
            and not _list_item_added_or_dropped(old_said, new_said, context) \
            and not _denial_narrowed_or_widened(old_said, new_said, new, old) \
            and not _everyone_no_longer_chooses(old_said, new_said, new, old) \
            and not _moved_between_denial_and_use(old_said, new_said) \
            and not joined_otherwise and (
            _reads_the_same(new, old, new_said, old_said, context.names)
            or _same_once_terms_are_read(old_said, new_said, context)):
        return None  # renumbered, re-rendered, a product renamed: who does what with whose data reads the same
    if new.category is None or (new.category not in RELEVANT and old.category in RELEVANT):  # an AI clause is gone
        assert old.category is not None
        finding = _finding(old, "removed", old_text, None, service)
        return _rated(finding, rule_severity(finding), f"{_label(old.category, old.protection)} removed")
    finding = _finding(new, "modified", sentence.text, old_text, service)
    severity, summary = _severity_modified(new, old)
    new_places, old_places = _places(new), _places(old)
    places_named, places_dropped = new_places - old_places, old_places - new_places
    if new.category == old.category == "ai_opt_out" and places_named and not places_dropped:
        severity, summary = "high", "AI opt-out limited to some places"  # "All users can …" made "Users in the EEA …"
    summary += "".join(f"; {said}: {', '.join(_place_said(place) for place in sorted(places))}"
                       for said, places in (("places named now", places_named), ("places no longer named",
                                                                                    places_dropped)) if places)
    added, dropped = _names_moved(old_text, sentence.text)
    if added and new.category in ("ai_training", "ai_data_sharing") and not new.protection:
        severity, summary = "high", f"{_label(new.category, False)} widened"  # more people's data is used
    if not (added or dropped) and summary.endswith(("widened", "narrowed")):
        added, dropped = _data_moved(new, old)
    if added or dropped:
        summary += "".join(f"; {said}: {', '.join(names)}" for said, names in (("now also covers", added),
                                                                              ("no longer covers", dropped)) if names)
    return _rated(finding, severity, summary)


# A term a version defines: '"Public Content" means the posts, photos and comments you share publicly.'
_DEFINITION = re.compile(r"[“\"]([A-Z][\w’' -]{1,40}?)[”\"]\s+means\s+([^.;\n]{3,200})")


def _same_once_terms_are_read(old: str, new: str, context: _Context) -> bool:
    """The same clause once each version's defined terms are read as what they mean ("Public Content is used to
    train …" and "We use the posts, photos and comments you share publicly to train …")."""
    terms = context.old.definitions | context.new.definitions
    if not terms or not any(term in text for term in terms for text in (old, new)):
        return False

    def expand(text: str) -> str:
        for term, meaning in terms.items():
            text = re.sub(rf"(?<![\w\"“]){re.escape(term)}(?![\w\"”])", meaning, text)
        return text
    old_expanded, new_expanded = expand(old), expand(new)
    old_reading, new_reading = (read_sentence(text, names=context.names) for text in (old_expanded, new_expanded))
    return _reads_the_same(new_reading, old_reading, new_expanded, old_expanded, context.names)


def _reads_the_same(new: SentenceReading, old: SentenceReading, new_text: str, old_text: str, names: AINames) -> bool:
    """A clause edited in place that says the same: the same reading in other form (renumbered, re-rendered, a product
    renamed), or the same substance in other words."""
    if _names_added_or_dropped(old_text, new_text) or _name_joined(old_text, new_text, names):
        return False
    same_reading = new.category == old.category and new.protection == old.protection
    return (same_reading and _form_only(old_text, new_text, names)) or _same_substance(new, old, new_text, old_text)


def _is_question(text: str) -> bool:
    return plain(text).rstrip(" *_").endswith("?")


# An FAQ entry on one line: "**Do you use my chats to train AI?** No, unless you turn on …"
_QUESTION_FIRST = re.compile(r"^\W*(?:\*\*|__)\s*([^*_?\n]{3,200}\?)\s*(?:\*\*|__)\s*(\S.*)$", re.DOTALL)


def _as_answered(text: str) -> str:
    """What an FAQ entry on one line says: its answer, the question left out."""
    entry = _QUESTION_FIRST.match(text)
    return _BARE_YES_OR_NO.sub("", entry.group(2)) if entry else text


_BARE_YES_OR_NO = re.compile(r"^(?:yes|no)[.!]\s+(?=\S)", re.IGNORECASE)  # "No. Acme does not use …" says the rest


def _answer_read(question: str, answer: str, names: AINames) -> SentenceReading:
    """An answer read alone when it names what it is about ("Yes, the text of your emails is used to train …"), and
    with its question when it leans on it ("No, unless you turn on …")."""
    reading = read_sentence(answer, names=names)
    names_its_data = reading.category in ("ai_training", "ai_data_sharing", "ai_opt_out") and reading.scope
    if names_its_data or not _SHORT_ANSWER.match(plain(answer)):
        return reading
    return read_sentence(_with_question(question, answer), names=names)


# A recipient that is no one: "| None |", "| Not shared |"
_NO_RECIPIENT = CaselessPattern(r"^\W*(?:none|no\s+one|nobody|not\s+(?:shared|disclosed)|n/?a)\b")


def _read_row(header: str, row: str, names: AINames) -> SentenceReading:
    """A table's row read with its header; a row whose data goes to an AI company under the column of recipients
    ("| Chats | Drafting replies | Acme Cloud (AI model host) |") shares that data for AI, whatever its purpose."""
    said = tables.row_as_said(header, row)
    reading = read_sentence(f"{header} {said}", names=names)
    if reading.category in ("ai_features", "ai_training") and (recipient := tables.recipient_cell(header, said)) \
            and not _NO_RECIPIENT.search(recipient := plain(recipient)) \
            and (AI_TERM_CASED.search(recipient) or AI_TERM.search(recipient)
                 or (names.provider_pattern and names.provider_pattern.search(recipient))):
        reading = replace(reading, category="ai_data_sharing", matched=reading.matched + (recipient,),
                          scope=reading.scope | {recipient.lower()})
    if reading.category is None or not data_objects(plain(said)):
        return reading
    # whose data the row uses is said by the row ("| Feedback, Chats |"), not by its header's "Type of data"
    return replace(reading, structure=read_structure(plain(said), reading.category, protection=reading.protection,
                                                     prohibited=reading.structure.modality == "may_not"))


# The column of a table that names companies, and a sentence that points at the table it introduces
_COMPANY_COLUMN = re.compile(r"\b(?:providers?|(?:sub-?)?processors?|vendors?|recipients?|compan(?:y|ies)|"
                             r"third\s+part(?:y|ies))\b", re.IGNORECASE)
_POINTS_TO_A_TABLE = CaselessPattern(r"\b(?:(?:listed|named|set\s+out|shown)\s+(?:in\s+the\s+table\s+)?below|"
                                     r"in\s+the\s+(?:following\s+)?table|the\s+following\s+(?:providers?|"
                                     r"(?:sub-?)?processors?|vendors?|compan(?:y|ies)))\b")


def _listed_recipient(header: str, row: str, side: _Text, names: AINames) -> SentenceReading | None:
    """A row of the table of companies that the sentence before the table hands data to for AI ("… is processed by
    the large language model provider listed in the table below"): that company receives it."""
    if not (company := tables.cell_under(header, row, _COMPANY_COLUMN)) \
            or not (lead := side.previous_sentence(header, across_paragraphs=True)) \
            or not _POINTS_TO_A_TABLE.search(plain(lead)):
        return None
    reading = read_sentence(lead, names=names)
    if reading.category != "ai_data_sharing" or reading.protection:
        return None
    company = plain(company)
    return replace(reading, matched=reading.matched + (company,), scope=reading.scope | {company.lower()},
                   ai_clauses=frozenset({_clause_wording(row)}))


def _with_question(question: str, answer: str) -> str:
    """An answer with its question before it, read as one sentence: "Do you use my chats to train AI: No, …"."""
    return f"{plain(question).rstrip(' *_?')}: {answer}"


# An answer that leans on its question: "**Do you use my chats to train AI?** No, unless you turn on …"
_SHORT_ANSWER = re.compile(r"^\W*(?:yes|no|only|never|not|sometimes|in\s+some\s+cases)\b", re.IGNORECASE)


def _read_in_place(text: str, side: _Text, names: AINames, chain: int = 0) -> SentenceReading:
    """A sentence read where it stands: with the lead-in of its list, an answer with its question, and, when it reads
    as nothing about AI, as a choice about (or the models of) the AI use the sentence before it describes."""
    if _SHORT_ANSWER.match(plain(text)) and (question := side.previous_sentence(text, across_paragraphs=True)) \
            and _is_question(question):
        return _answer_read(question, text, names)
    if entry := _QUESTION_FIRST.match(text):
        return _answer_read(entry.group(1), entry.group(2), names)
    if header := side.table_header(text):  # "| Used for training? |" says what "| Yes |" means
        reading = _read_row(header, text, names)
        return reading if reading.category in RELEVANT else _listed_recipient(header, text, side, names) or reading
    lead_in = side.lead_in(text)
    said = _joined(previous, text) if _DOES_SO.match(plain(text)) and (previous := side.previous_sentence(text)) \
        else _with_its_subject(text, side)
    reading = read_sentence(said, lead_in, names)
    if (reading.category in RELEVANT and _BY_ITS_LABEL not in reading.matched) or _DISPLAY_ONLY.search(text):
        return reading  # (a switch for what one sees: no choice about the use beside it)
    if lead_in and (listed := _item_of_a_use(text, lead_in, names)):
        return listed
    plain_text = plain(text)
    return (_choice_about_previous(text, plain_text, side, names, chain)
            or _limit_of_previous(text, plain_text, side, names)
            or _recipient_of_previous(text, plain_text, side, names)
            or _sent_to_the_provider_before(text, plain_text, side, names)
            or _models_of_previous(text, plain_text, side, names)
            or _data_of_previous(text, plain_text, side, names) or _use_of_previous(text, plain_text, side, names)
            or _read_in_its_section(text, plain_text, side, names) or reading)


def read_in_place(sentence: str, document: str, names: AINames = NO_NAMES) -> SentenceReading:
    """One sentence of a document read where it stands, as ``compare`` reads a changed one: an item with the lead-in
    of its list, an answer with its question, a choice or a limit with the use before it, a use that names no AI
    under the heading of its section.

    >>> policy = "# Privacy\\n\\nWe use your posts to train our AI models. You can turn this off in Settings."
    >>> read_in_place("You can turn this off in Settings.", policy).category
    'ai_opt_out'
    >>> read_sentence("You can turn this off in Settings.").category is None
    True
    """
    return _read_in_place(sentence, _text_of(document), names)


@functools.lru_cache(maxsize=8)  # the sentences of one document are read one after another
def _text_of(document: str) -> _Text:
    return _Text(document)


def _we_named(old: str, new: str) -> bool:
    """One wording says "we", "us" and "our" where the other names the company, and nothing else changed: "We may
    share your requests with our partner" made "Acme may share your requests with Acme's partner"."""
    for this, other in ((old, new), (new, old)):
        for name in set(_SELF_NAMED.findall(other)) - set(_SELF_NAMED.findall(this)):
            named = re.sub(rf"\b{re.escape(name)}(?:['’]s)?(?![\w-])", "SELF", other)
            if _SAID_AS_WE.sub("SELF", this).lower() == named.lower() and "SELF" in named:
                return True
    return False


_SELF_NAMED = re.compile(r"(?<![\w-])([A-Z][a-z][\w-]*)"
                         r"(?=['’]s\b|\s+(?:may|will|can|does|uses|shares|collects|keeps)\b)")
_SAID_AS_WE = re.compile(r"\b(?:we|us|our|ours)\b", re.IGNORECASE)


def _with_its_subject(text: str, side: _Text) -> str:
    """A rule that opens with "They", read with the subject of the sentence before it in its place: "Developers must
    follow our terms. They may not use data from the API to train AI models." is a rule for developers."""
    if not (they := _THEY.match(text)) or not (previous := side.previous_sentence(text)) \
            or not (subject := _SUBJECT.match(plain(previous))):
        return text
    return f"{subject.group(1)} {text[they.end():]}"


_THEY = re.compile(r"^\W*They\s+(?=(?:may|must|can|cannot|shall|should|will|agree)\b)")
# the subject of a sentence, up to its verb: "Extension developers must …", "Employers and recruiters who …"
_SUBJECT = re.compile(r"^\W*([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,5}?)\s+(?:who|that|which|must|may|can|should|shall|will|"
                      r"are|agree)\b")


def _with_data_column(reading: SentenceReading, row: str, side: _Text) -> SentenceReading:
    """An AI row of a table edited in place, with the items of its data column as data it names: compared with the
    row it was, not with prose (where "Chats with Orbi" in a column is the "chats" of a sentence)."""
    if reading.category not in RELEVANT or not (header := side.table_header(row)):
        return reading
    listed = tables.data_items(header, row)
    return replace(reading, scope=reading.scope | listed) if listed else reading


def _row_changed_in_substance(row: str, old_row: str, names: AINames) -> bool:
    """A row of an AI table whose AI wording reached another cell or left one ("| Improve the Services | … |
    Legitimate interests |" now also says, as its basis, why training AI is in those interests), one of whose
    yes-or-no cells turned ("| Use my chats to improve AI models | Off |" made "| On |"), or whose cells qualify the
    use otherwise."""
    if not (tables.is_row(row) and tables.is_row(old_row)):
        return False
    new_cells, old_cells = tables.cells(row), tables.cells(old_row)
    if len(new_cells) != len(old_cells) or _form_only(old_row, row, names):
        return False  # ("| Quillon Assistant chats |" made "| Quillon Companion chats |" names a product anew)
    if tables.turned(row, old_row) or not _same_qualifiers(*(_qualifiers(frozenset({normalise_wording(plain(text))}))
                                                             for text in (row, old_row))):
        return True  # every cell of an AI row qualifies its use: "| Consent |" made "| Legitimate interests |"
    return sum(_names_ai(cell, names) for cell in new_cells) != \
        sum(_names_ai(cell, names) for cell in old_cells)  # counted: columns may be reordered


def _names_ai(cell: str, names: AINames) -> bool:
    """Whether a cell says anything of AI ("train the machine-lerning models" does, by the model it trains)."""
    return bool(_ai_evidence(cell, plain(cell), names))


# A sentence that goes on naming what the sentence before it uses: "This includes your private messages."
_GOES_ON = re.compile(r"^\W*(?:(?:this|that|these|such\s+\w+)\s+(?:also\s+)?(?:(?:may|can|will|could)\s+)?"
                      r"(?:includes?|covers?|cover|means|applies\s+to)|for\s+(?:example|instance)\b|"
                      r"examples\s+include|(?:e\.g\.|i\.e\.)|"
                      # "The same applies to voice recordings", "The same is true of audio from our doorbells"
                      r"the\s+same\s+(?:also\s+)?(?:applies\s+to|goes\s+for|holds\s+for|is\s+true\s+(?:of|for))|"
                      # "For this purpose we use …"
                      r"for\s+(?:this|that|these|such)\s+purposes?)[,:]?\s", re.IGNORECASE)


_YOUR_THINGS = CaselessPattern(r"\byour\s+(?:[\w-]+\s+){0,2}?[\w-]+s\b")  # "your drafts", "your playlists"


def _data_of_previous(text: str, plain_text: str, side: _Text, names: AINames) -> SentenceReading | None:
    """A sentence that goes on naming the data of the AI use the sentence before it states, read as that use of the
    data it names ("We use the content you share to train our AI models." then "This includes your messages.")."""
    goes_on = _GOES_ON.match(plain_text)
    if not goes_on or not (data := _without_content_of(_spans(USER_DATA, plain_text), plain_text)
                           or _spans(_YOUR_THINGS, plain_text)):
        return None
    if not (previous := side.previous_sentence(text, across_paragraphs=True)):
        return None
    if read_sentence(previous, names=names).category not in _USES_AND_CHOICES:
        return None
    joined = read_sentence(_joined(previous, text), names=names)  # "… to train our AI models, including your …"
    if joined.category not in _USES_AND_CHOICES:
        return None
    named = data_objects(plain_text[goes_on.end():])
    structure = replace(joined.structure, object=named[0], also=named[1:]) if named else joined.structure
    return replace(joined, matched=joined.matched + ("goes on from the sentence before",),
                   scope=frozenset(_words_of(data, _spans(_YOUR_THINGS, plain_text))),
                   ai_clauses=frozenset({normalise_wording(text)}),
                   structure=structure)


# The use said again of what the sentence before named: "Only clips recorded after you join are used", "The avatar
# is only created if you switch it on", "The landlord decides … whether their messages are used".
_SAID_USED = words_pattern(r"(?:is|are|be|been)\s+(?:only\s+|automatically\s+|also\s+|always\s+)?"
                           r"(?:used|created|generated|"
                           r"included)", r"stop(?:s)?\s+using", r"(?:no\s+longer|only|also)\s+uses?")
# A likeness put to another use: "Your scan may also appear in trailers", "We may feature these images in promotions"
_LIKENESS_SHOWN = words_pattern(r"(?:may|will|can|could)\s+(?:also\s+|only\s+)?"
                                r"(?:appear|be\s+(?:featured|shown|licensed|sold))\b",
                                r"(?:may|will|can|could)\s+(?:also\s+)?feature\s+(?:these|those|them|it|this|that)\b")
_WHAT_AI_MAKES = CaselessPattern(r"\b(?:answers|replies|responses|suggestions|descriptions|summaries|results|"
                                 r"recommendations|highlights|outputs?)\b")
_OWN_PURPOSE = re.compile(r"\s+(?:\w+\s+){0,6}?(?:to|for|so|in\s+order)\b", re.IGNORECASE)
_DECIDED = words_pattern(r"(?:choose|chooses|decide|decides|decided)\b(?:\W+\w+){0,8}?\W+whether",
                         r"only\s+(?:if|when|after|once)", r"unless")


def _use_of_previous(text: str, plain_text: str, side: _Text, names: AINames) -> SentenceReading | None:
    """A sentence that says again, of the things the AI use before it names, that they are used (or made): that use,
    narrowed or widened, or a choice about it when it says who decides or on what condition."""
    used, shown = _SAID_USED.search(plain_text), _LIKENESS_SHOWN.search(plain_text)
    if not (said := used or shown) or not (previous := side.previous_sentence(text, across_paragraphs=True)):
        return None
    if _OWN_PURPOSE.match(plain_text, said.end()):
        return None  # "… are used to deliver your order": a use of its own, which its words say
    earlier = read_sentence(previous, names=names)
    if earlier.category not in _USES_AND_CHOICES:
        return None  # (after a way out, "Guest shoppers' chats are always used" says who has none)
    if not used and earlier.category != "ai_likeness":
        return None  # (images people generate "may appear in the community gallery": no likeness shown)
    if used and used.group(0).lower().endswith(("created", "generated")) and earlier.category != "ai_likeness" \
            and _WHAT_AI_MAKES.search(plain_text, 0, used.start()) \
            and not (YOUR_DATA.search(plain_text) or THIRD_PARTY.search(plain_text)):
        return None  # ("Answers from Penny are generated automatically": what an AI makes, not people's data used;
        # made from "your emails", or by another company, it is still the use before)
    def things(words: list[str]) -> set[str]:
        return {word.rstrip("s") for word in words if len(word) > 3} - _NOT_THINGS
    subject = _WORD.findall(plain_text[:said.start()].lower())[-8:]  # what is said to be used: the words before it,
    if said.group(0).lower().startswith(("stop", "no", "only", "also")):  # or after it in the active
        subject = _WORD.findall(plain_text[said.end():].lower())[:6]
    if not things(_WORD.findall(plain(previous).lower())) & things(subject):
        return None
    category = "ai_opt_out" if OPT_OUT.search(plain_text) or _DECIDED.search(plain_text) else earlier.category
    return replace(earlier, category=category, matched=earlier.matched + ("said again of the use before it",),
                   ai_clauses=frozenset({_clause_wording(text)}), structure=read_structure(plain_text, category))


_NOT_THINGS = frozenset({"your", "their", "with", "from", "that", "this", "these", "those", "used", "uses", "using",
                         "train", "improve", "model", "models", "only", "also", "which", "when", "where", "will",
                         "they", "them", "have", "been", "into", "each", "every", "other", "such", "about", "more",
                         # (words for any data or anyone: "how often a feature is used" is no use of Customer Data)
                         "data", "information", "content", "customer", "user", "feature", "service", "account",
                         "personal"})


_PEOPLE = words_pattern(r"you", r"your", r"users?", r"members?", r"customers?", r"people")


@functools.lru_cache(maxsize=256)  # a page has few headings, and each is asked for by every sentence under it
def _heading_category(heading: str, names: AINames) -> str | None:
    return read_sentence(heading, names=names).category


def _read_in_its_section(text: str, plain_text: str, side: _Text, names: AINames) -> SentenceReading | None:
    """A use of people's data, or a choice, that names no AI, read under the heading of its section when that
    heading names an AI use ("## Model training" … "We may use the content you provide, unless you opt out.")."""
    if not _PEOPLE.search(plain_text) or not (heading := side.section_heading(text)) or _is_question(heading):
        return None  # (an FAQ's question is read with its answer)
    if (category := _heading_category(heading, names)) not in RELEVANT:
        return None
    if category == "ai_opt_out" and _heading_category(heading, NO_NAMES) is None:
        return None  # an AI service's "Data controls" covers every control it has, ads and cookies too
    if _chooses_something_else(plain_text):
        return None  # (a choice about cookies or ads under "## Your likeness")
    said_of_data = _USE_OF_NO_DATA.sub(" ", plain_text)  # ("the storage you use" is no data used)
    if not (USE_VERB.search(said_of_data) or SHARE_VERB.search(plain_text) or OPT_OUT.search(plain_text)):
        return None  # someone's data used or shared, or a choice: "Use our online chat" is neither
    reading = read_sentence(f"{plain(heading).rstrip(' :.')}: {text}", names=names)
    return reading if reading.category in RELEVANT else None


# Use words that name nobody's data used: "the storage you use", "Lumi uses AI to understand spoken requests"
_USE_OF_NO_DATA = CaselessPattern(r"\b(?:you|they|people|users|members|customers)\s+(?:use|used)\b|"
                                  r"\b(?:uses?|using|used)\s+(?:[\w-]+\s+){0,2}?(?:AI|artificial\s+intelligence|"
                                  r"machine[\s-]learning|neural\s+networks?|(?:language\s+)?models?)\b")


# A way out named by its noun, of the use the sentence before describes: "We implement opt-outs as the Privacy
# Policy describes", "Withdrawal does not undo processing already completed" (not "opt out", which any choice says)
_A_WAY_OUT_NAMED = words_pattern(r"opt[\s-]+outs", r"opt[\s-]+out\s+requests?", r"withdrawals?", r"objections?")


# A choice that points back at the sentence before it: "You can turn this off at any time under Settings."
_CHOICE_ABOUT_IT = words_pattern(
    r"(?:turn|switch)\w*\s+(?:this|it|that|them|(?:any|some|all|each)\s+(?:or\s+all\s+)?of\s+them)\s+(?:on\s+or\s+)?"
    r"(?:off|on)", r"ask\s+us\s+to\s+stop\b",
    r"(?:turn|switch)\w*\s+the\s+same\s+(?:control|setting|toggle|switch|option)\s+(?:off|on)\b",
    r"(?:dis|en)abl\w*\s+(?:this|it|that)\b",
    r"(?:turn|switch)\w*\s+(?-i:(?:[A-Z][\w-]*\s+){1,3})(?:off|on)\b",  # the feature named: "turn Zed Insights off"
    r"(?:turn|switch)\w*\s+off\s+(?-i:[A-Z][\w-]*)\b",  # the setting named: "turn off Audio for Research"
    # ("Zed Data can be turned off")
    r"^\W*(?-i:[A-Z][\w-]*\s+[A-Z][\w-]*)\b(?:\s+[\w-]+){0,3}?\s+can\s+be\s+(?:turned|switched)\s+off\b",
    r"(?:this|it|that)\s+(?:box\s+|setting\s+|option\s+)?is\s+(?:(?:switched|turned|set)\s+)?"
    r"(?:on|off|enabled|disabled|(?:un)?ticked|(?:un)?checked|selected)\b",  # a default
    # (a default of the use or its switch, not of another setting: "Precise location is on by default")
    r"(?:this|it|that|setting|option|toggle|switch|training|sharing|use|improvement|feature|personali[sz]ation|AI|"
    r"enrol(?:l)?ment|participation|"
    r"[*”\"'’]|(?-i:[A-Z][\w-]*\s+[A-Z][\w-]*))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:is|stays|remains|will\s+(?:be|stay|remain))\s+(?:(?:switched|turned|set)\s+)?(?:on|off|enabled|disabled)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:by\s+default|unless|until|when\s+you\s+first)\b",
    r"(?:opt|object)\w*\s+(?:out\s+)?(?:of|to)\s+(?:this|it|that)\b",
    r"(?:stop|disable|pause|change|override|withdraw|revoke|prevent)\w*\s+(?:this|it|that)\b",
    # "Switching this to Off stops …", "New accounts start with this setting turned off."
    r"(?:turn|switch|set)\w*\s+(?:this|it|that)\s+to\s+\W?(?:off|on)\b",
    r"\bstarts?\s+with\s+(?:this|that|the)\s+(?:setting|option|toggle|switch)\s+(?:(?:turned|switched|set)\s+)?"
    r"(?:to\s+)?\W?(?:on|off)\b",
    r"(?:leave|quit|exit)\s+(?:the|this|that)\s+(?:program(?:me)?|study|pilot|scheme)\b",  # the use one joined
    # the leave the use before was given with, taken back: "With your permission, … You can withdraw permission …"
    r"(?:withdraw|revoke|take\s+back)\s+(?:your\s+|this\s+|that\s+|the\s+)?(?:consent|permission|agreement)\b",
    r"(?:exclude|remove)\w*\s+(?:[\w'’]+\s+){0,3}from\s+(?:this|that|these|those|such)\b",
    # "… Private Mode, which keeps their generations out of Discover and out of those datasets"
    r"\bkeeps?\s+(?:[\w'’-]+\s+){1,4}?out\s+of\s+(?:[\w'’-]+\s+){0,4}?(?:this|that|these|those)\s+"
    r"(?:datasets?|data\s+sets?|training|uses?)\b",
    # "To have your labelled clips removed sooner, fill in …"
    r"\bhave\s+(?:your|their|these|those)\s+(?:[\w-]+\s+){1,3}?(?:removed|deleted|excluded)\b",
    # "If you do not want your comments included, delete them …"
    r"\bif\s+you\s+(?:do\s+not|don['’]t|would\s+rather\s+not)\s+want\s+(?:your|them|it)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:used|included|kept|shared)(?:\s+(?:in|for|by)\s+(?:this|these|that|those|such|our)\b[^,;.]{0,40}|"
    r"\s+(?:this|that)\s+way)?(?=\s*[,;])",
    # "Members who do not want their details used for this can submit …", "If you would prefer your call not to be …"
    r"\bwho\s+(?:do\s+not|don['’]t|would\s+rather\s+not)\s+want\s+(?:their|your)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:used|included|kept|shared|stored)\b",
    r"\bwould\s+(?:prefer|rather)\s+(?:(?:your|their)\s+(?:[\w-]+\s+){0,3}?)?not\s+to\s+be\b",
    # what is kept out of the use: "to have your transcripts left out of this work", "keep their outcomes out of the
    # global model"
    r"\b(?:keep|kept|leave|left)\s+(?:(?:your|their)\s+(?:[\w-]+\s+){0,3}?)?out\s+of\s+(?:this|that|these|those|the|our|any|future|"
    r"(?:[\w-]+\s+)?(?:datasets?|data\s+sets?|samples?|models?|training))\b",
    # what a person's own act takes out of it: "Deleting a clip also removes it from the evaluation sample"
    r"^\W*(?:deleting|removing|making|marking|archiving|hiding|unpublishing)\s+(?:[\w-]+\s+){1,6}?(?:also\s+)?"
    r"(?:removes?|excludes?|withdraws?|takes?)\s+(?:it|them|(?:the|your|their|its)\s+(?:[\w-]+\s+){0,2}?[\w-]+)"
    r"\s+(?:out\s+)?(?:of|from)\b",
    # the switch that decides it: "Uploading of these clips is controlled by the **Share Clips** setting"
    r"\b(?:is|are)\s+(?:controlled|governed|decided)\s+by\s+(?:the|a|your)\s+(?:[\w*“”\"'’-]+\s+){0,5}?"
    r"(?:setting|toggle|switch|option|control)\b",
    r"(?:this|it|that)\s+can\s+be\s+(?:(?:turned|switched)\s+off|stopped|disabled|paused)\b",
    r"(?:stay|stays|kept|keep\s+(?:it|them|\w+))\s+out\s+of\s+(?:this|it|that)\b",  # "… stay out of this, switch off …"
    # a box named by its label, ticked or unticked: "after you tick *Share my CV …*", "you can untick *…*"
    r"(?:un)?tick\s+(?:the\s+)?(?:box\s+)?(?:labelled\s+|marked\s+)?(?=(?-i:[\"“'A-Z]))",
    r"change\s+your\s+(?:answer|choice|mind|decision)\b",  # "You can change your answer at any time in Account > …"
    # consent given to the handing over before: "By using the Gateway, you consent to such transfers"
    r"consent\s+to\s+(?:these|those|such|this|that)\s+(?:transfers?|sharing|disclosures?|uses?|processing)\b",
    r"make\s+the\s+same\s+(?:choice|decision)\b",  # "Walkers can make the same choice for their notes"
    r"stop\s+(?:your|their)\s+(?:[\w-]+\s+){0,3}?from\s+being\s+used\b",  # "stop your ski-day data from being used …"
    r"change\s+(?:what|how)\s+(?:your|their)\s+(?:[\w-]+\s+){0,2}?(?:is|are)\s+used(?:\s+for)?(?=\W*$)",
    r"withdraw\w*\s+(?:your|that|this|the|such)\s+(?:consent|permission|agreement)",
    # "You can ask us not to", "We also honour objections from users in Brazil"
    r"(?:ask|tell)\w*\s+(?:us|(?-i:[A-Z][\w-]*))\s+not\s+to\b",
    r"(?:honou?r|accept|respect)\w*\s+(?:\w+\s+){0,2}objections?\b",
    # a way out with nothing after it ("If you are in the EU, you can object."), where the way out is offered
    r"(?:can|may)\s+(?:opt\s+out|object)(?=\W*$)",
    r"(?:cannot|can\s+not|can['’]t|(?:are|is)\s+(?:not\s+able|unable)\s+to)\s+(?:opt\s+out|object)"
    r"(?:\s+(?:individually|themselves|separately|on\s+their\s+own))?(?=\W*$|\s*;)",
    # the way out's limit: "We will stop unless we have compelling legitimate grounds to continue."
    r"(?:will|shall)\s+stop\s+(?:\w+\s+){0,2}?unless\b",
    r"(?:this|that|the)\s+(?:setting|option|choice|control|toggle)\s+(?:is\s+)?(?:not\s+|only\s+)?available\b",
    # what a switch or a deletion covers: "The Exclude my content setting covers your photos", "deleted items are no
    # longer used"
    r"(?:setting|toggle|switch|option|control)\s+(?:only\s+|also\s+)?"
    r"(?:covers|applies\s+to|includes|affects|cover|apply\s+to|include|affect)\b",
    # "For deletion requests, contact us through the Help Center."
    r"^\W*for\s+(?:a\s+|any\s+)?(?:deletion|removal|erasure|opt[\s-]?out|objection)\s+requests?\b",
    OPT_SOMEONE_OUT,
    r"deleted\s+(?:[\w-]+\s+){0,2}?(?:are|is|will\s+be)\s+(?:(?:no\s+longer|not)\s+used\b|"
    r"(?:removed|excluded)\s+from\s+(?:the|our|any)\s+(?:[\w-]+\s+){0,2}?(?:records|data\s*sets?|samples?|training|"
    r"models?)\b)",
    # the way out taken, and what it does: "Turning off Smart Descriptions stops …", "To remove your past
    # contributions from the research set, use the form …", "mark any playlist as excluded", "disable the retention of
    # prompts"
    r"^\W*(?:turning|switching)\s+(?:off|on)\b", r"^\W*to\s+(?:remove|exclude|withdraw|delete)\s+(?:your|their)\b",
    r"\bmark\w*\s+(?:[\w-]+\s+){0,3}?as\s+excluded\b",
    # "Opting out removes your …", "Opting out does not remove what was already used"
    r"^\W*opting\s+out\s+(?:also\s+)?(?:(?:does\s+not|doesn['’]t|will\s+not|won['’]t)\s+)?"
    r"(?:removes?|excludes?|withdraws?|deletes?)\b",
    r"(?:disable|turn\s+off|switch\s+off|stop)\w*\s+the\s+(?:retention|collection|storage|upload\w*)\s+of\b",
    # the way out named by a pronoun ("You can decline this in …"), or taken ("If you opt out, your choice covers …")
    r"(?:you|users?|members?)\s+(?:can|may)\s+(?:also\s+)?(?:decline|refuse)\s+(?:this|it|that)\b",
    r"\bif\s+you\s+(?:opt\s+out|object)\b",
    # an exception by consent: "The only exception is accounts whose owner has agreed to contribute …"
    r"^\W*(?:the\s+only\s+|one\s+|an\s+)?exceptions?\s+(?:is|are)\b(?=(?:\W+\w+){0,20}?\W+(?:agreed|agrees|"
    r"consent\w*|opted\s+in|opts\s+in|joined|chose|chosen))",
    # consent asked for: "clips are only collected after the owner accepts the consent prompt"
    r"\bonly\s+(?:[\w-]+\s+)?after\s+(?:[\w-]+\s+){0,4}?(?:accepts?|agrees?|consents?)\b",
    # what follows a request to stop: "Once the request has been processed, signals already collected are deleted"
    r"^\W*once\s+(?:the|your|this|that|an?)\s+(?:request|opt[\s-]?out|objection)\s+(?:has\s+been|is)\s+"
    r"(?:processed|received|handled|completed)\b",
    r"(?:can|may)\s+(?:also\s+)?request\s+(?:(?:earlier|early|prompt|its|their|the)\s+)?(?:deletion|removal|erasure)\b",
    # "You can also wipe what the keyboard has learned about you"
    r"(?:wipe|reset|clear|delete|erase)\w*\s+what\s+(?:[\w-]+\s+){1,3}?(?:has|have)\s+learn(?:ed|t)\b")


# What saying no to the use before costs, or does not: "Declining will not affect your treatment."
_COST_OF_SAYING_NO = words_pattern(
    r"^\W*(?:declining|refusing|objecting|opting\s+out)\s+(?:(?:to\s+)?(?:this|it|that)\s+)?"
    r"(?:will\s+not|won['’]t|does\s+not|doesn['’]t|has\s+no|will\s+have\s+no)\b")


# a way out with only the means to it, after the use it refuses ("… you can object at any time using [this form]")
_MEANS_OF_A_WAY_OUT = words_pattern(r"(?:can|may|(?:are|['’]re)\s+(?:welcome|free|able)\s+to)\s+(?:opt\s+out|object)"
                                    r"(?:\s+(?:of|to)(?:\s+[\w-]+){1,3}?)?\s+"
                                    r"(?:(?:at\s+)?any\s*time\s+)?(?:online|using|via|through|with|in|under|from)\b")


def _item_of_a_use(item: str, lead_in: str, names: AINames) -> SentenceReading | None:
    """An item of a list under a lead-in that itself uses data for AI ("We use the following content to train our
    models:" … "- images attached to public posts"), or that says what decides the ads people see (… "- your
    interactions with our AI"): the item read with its lead-in."""
    if read_sentence(lead_in, names=names).category not in RELEVANT and not _SHOW_ADS.search(plain(lead_in)):
        return None  # (a list of what decides the ads someone sees can name their chats with an AI)
    reading = read_sentence(f"{lead_in.rstrip().rstrip(':')} {_LIST_ITEM.sub('', item, count=1)}", names=names)
    return reading if reading.category in RELEVANT else None


# Training or improving "them" or "it", the models the sentence before named: "What you write in messages is not
# used to train them."
_TRAIN_THEM = words_pattern(r"(?:train|improv|refin|fine[\s-]?tun)\w*\s+(?:them|it|ours)\b")


def _models_of_previous(text: str, plain_text: str, side: _Text, names: AINames) -> SentenceReading | None:
    """A sentence that trains "them" read with the AI that the sentence before it (in its paragraph or the one
    above) trains or describes; or that improves "the parser" the sentence before says works by machine learning."""
    them, improved = _TRAIN_THEM.search(plain_text), _IMPROVES_THE.search(plain_text)
    if not (them or improved) or not (previous := side.previous_sentence(text, across_paragraphs=True)):
        return None
    before = read_sentence(previous, names=names)  # a use of data to train AI, a way out of one, or the AI itself
    if before.category not in ("ai_training", "ai_features") and before.structure.purpose != "ai_training":
        return None  # ("Zed suggests which photos to show first. Your photos are used to train it …": Zed is the AI)
    if them:
        said = _TRAIN_THEM.sub(lambda match: match.group(0).rsplit(None, 1)[0] + " these AI models", text)
    elif improved and before.category == "ai_features" and \
            improved.group("thing")[:4].lower() in {word[:4] for word in _WORD.findall(plain(previous).lower())}:
        said = text.replace(improved.group("thing"), "these AI models", 1)  # ("Résumé parsing uses machine learning.")
    else:
        return None
    reading = read_sentence(said, names=names)
    return reading if reading.category in RELEVANT else None


# Improving the thing the sentence before describes: "… are used to make the parser more accurate", "to refine the
# matcher"
_IMPROVES_THE = CaselessPattern(r"\b(?:ma(?:ke|kes|king)(?=\s+the\s+[\w-]{4,}\s+(?:more\s+accurate|better|smarter|"
                                r"more\s+reliable)\b)|improv\w*|refin\w*|calibrat\w*)\s+the\s+(?P<thing>[\w-]{4,})\b(?!['’])")


_USES_AND_CHOICES = ("ai_training", "ai_data_sharing", "ai_opt_out", "ai_likeness")
_LONGEST_CHAIN = 3  # sentences read back, each in its place, to the use a run of choices is about


# A way out of a use named only by pointing back at it: "you may object to using your notes in this way".
_THAT_USE = words_pattern(r"in\s+this\s+way", r"for\s+(?:this|that|such|these|those)\s+purposes?",
                          r"(?:this|that|such)\s+(?:use|processing)",
                          r"(?:these|those|this|that|such|either|both)\s+(?:licensing\s+)?(?:arrangements?|licensing)",
                          # "if you do not want your answers used for this"
                          r"(?:used|included)\s+for\s+(?:this|that)(?=\W*(?:[,;.]|$))",
                          r"(?:these|those|this|that)\s+(?:features?|tools?|models?)")


# A limit on the use the sentence before states, said of it: "Chats from Team plans are never used for this purpose."
_LIMIT_OF_THAT_USE = CaselessPattern(r"\b(?:never|not)\s+(?:be\s+)?used\s+for\s+(?:this|that|such)\s+(?:purpose|use|"
                                     r"learning|training|improvement|evaluation|research|work)\b|"
                                     r"\b(?:never|not)\s+(?:be\s+)?used\s+(?:in\s+)?(?:this|that|the\s+same)\s+way\b|"
                                     # "Direct messages are never included in these agreements."
                                     r"\b(?:never|not)\s+(?:be\s+)?included\s+in\s+(?:this|that|these|those|such)\b|"
                                     # what is taken out before it goes: "We strip your IP address from the request
                                     # before forwarding it."
                                     r"\b(?:strip|remov|delet|mask|redact)\w*\s+(?:[\w,'’-]+\s+){1,8}?from\s+(?:[\w-]+\s+){0,3}?"
                                     r"before\s+(?:forwarding|sending|sharing|passing|transmitting)\b|"
                                     r"\b(?:not|never)\s+use\b(?:\W+\w+){1,15}?\W+for\s+(?:this|that|such|these|those)\s+"
                                     r"(?:purposes?|uses?)\b|"
                                     # "Business plan customers are excluded by default."
                                     r"\b(?:is|are)\s+(?:always\s+|automatically\s+)?"
                                     r"(?:excluded|left\s+out|not\s+included)(?:\s+by\s+default)?\s*[.;]?\s*$|"
                                     r"\b(?:is|are)\s+(?:always\s+|automatically\s+)?excluded\s+from\s+"
                                     r"(?:this|that|such)\b|"
                                     # the handing over before, denied of some data: "DMs are not licensed."
                                     r"\b(?:is|are)\s+(?:not|never)\s+(?:licensed|shared|sold|included)\s*[.;]?\s*$|"
                                     r"\b(?:is|are)\s+(?:not|never)\s+used\s+for\s+(?:this|that)\s*[.;]?\s*$|"
                                     r"\b(?:they|it|these|those)\s+(?:are|is)\s+(?:not|never)\s+used\s*[.;]?\s*$|"
                                     # "This does not include Customer Content."
                                     r"^\W*(?:this|that|it|such\s+use)\s+(?:does\s+not|doesn['’]t|never)\s+(?:include|cover|"
                                     r"apply\s+to|extend\s+to)\b")


def _recipient_of_previous(text: str, plain_text: str, side: _Text, names: AINames) -> SentenceReading | None:
    """What the one who receives people's data may do with it, said of it by pointing back ("Your prompts are sent to
    an outside AI provider." then "That provider may keep them for 30 days and may not use them to train its own
    models."): the sharing the sentence before states, with its terms."""
    if not _THAT_RECIPIENT.match(plain_text) or not _RECIPIENT_TERMS.search(plain_text) \
            or not (previous := side.previous_sentence(text, across_paragraphs=True)):
        return None  # (what it does for the service is its part of the feature: "The provider writes the summary")
    earlier = read_sentence(previous, names=names)
    if earlier.category != "ai_data_sharing":  # (it may point back itself: "… sent to these providers")
        earlier = _sent_to_the_provider_before(previous, plain(previous), side, names) or earlier
    if earlier.category != "ai_data_sharing":
        return None
    protection = bool(PROVIDERS_BOUND.search(plain_text) or _negates_use(plain_text, PROHIBITION))
    structure = read_structure(plain_text, "ai_data_sharing", protection=protection)
    return SentenceReading("ai_data_sharing", 0.6, earlier.matched + ("what the recipient before may do",),
                           protection, earlier.scope, frozenset({normalise_wording(text)}), structure)


def _sent_to_the_provider_before(text: str, plain_text: str, side: _Text, names: AINames) -> SentenceReading | None:
    """People's data handed to "the provider" that the sentence before names as another company's AI ("Tessera uses a
    third-party generative AI provider to write the answer. In that case, your request is sent to the provider.")."""
    if not (handed := _TO_THE_RECIPIENT.search(plain_text)) or not USER_DATA.search(plain_text, 0, handed.start()) \
            or not (previous := side.previous_sentence(text, across_paragraphs=True)):
        return None
    if not (THIRD_PARTY_AI.search(plain(previous))
            or (names.provider_pattern and names.provider_pattern.search(previous))):
        return None
    protection = _negates_use(plain_text, PROHIBITION)
    return SentenceReading("ai_data_sharing", 0.6, (handed.group(0), "the AI provider the sentence before names"),
                           protection, frozenset(span[2].lower() for span in _spans(USER_DATA, plain_text)),
                           frozenset({normalise_wording(text)}),
                           read_structure(plain_text, "ai_data_sharing", protection=protection))


# Handed to the one just named: "… is sent to the provider", "… are passed to that partner"
_TO_THE_RECIPIENT = CaselessPattern(r"\b(?:sent|passed|forwarded|transmitted|disclosed|shared|provided|given)\s+"
                                    r"(?:\w+\s+){0,2}?(?:to|with)\s+(?:the|that|this|these|those)\s+(?:[\w-]+\s+)?"
                                    r"(?:providers?|partners?|vendors?|compan(?:y|ies))\b")


# What a recipient may keep, and what it may not do: "may hold your messages for 30 days", "is barred from using them"
_RECIPIENT_TERMS = words_pattern(r"keeps?", r"holds?", r"retain\w*", r"stor(?:e|es|ed|ing)", r"delet\w+",
                                 r"(?:may|must|shall|will|can)\s*not", r"cannot", r"not\s+(?:allowed|permitted)",
                                 r"barred", r"prohibited", r"forbidden", r"train\w*",
                                 # what governs the data once it is theirs: "These partners have their own privacy
                                 # policies", "… are bound by confidentiality obligations"
                                 r"process(?:es|ed)?", r"privacy\s+polic(?:y|ies)", r"governed", r"obligations?")
# The recipient the sentence before names, pointed back at: "That provider …", "These partners …", "This vendor …"
_THAT_RECIPIENT = re.compile(r"^\W*(?:that|this|these|those|such)\s+(?:[\w-]+\s+)?(?:providers?|partners?|vendors?|"
                             r"(?:sub-?)?processors?|suppliers?|compan(?:y|ies)|shares|transfers|transmissions|"
                             r"disclosures)\b(?!\s+(?:of|who|that|which)\b)",
                             re.IGNORECASE)


def _the_use_before(previous: str, side: _Text, names: AINames) -> SentenceReading:
    """The sentence before a choice or a limit, read alone; one that goes on from its own ("This includes …") is
    read with the use it goes on from."""
    earlier = read_sentence(previous, names=names)
    if earlier.category not in _USES_AND_CHOICES:
        earlier = _data_of_previous(previous, plain(previous), side, names) or earlier
    return earlier


def _limit_of_previous(text: str, plain_text: str, side: _Text, names: AINames,
                       chain: int = 0) -> SentenceReading | None:
    """A limit said of the use the sentence before states ("We use public posts to train our AI models." then
    "We do not use private messages for this purpose."), or of the use that sentence goes on from ("This covers
    your prompts too.") or limits in turn ("Accounts of minors are excluded."): a protection of that use."""
    if not _LIMIT_OF_THAT_USE.search(plain_text) or not (previous := side.previous_sentence(text,
                                                                                          across_paragraphs=True)):
        return None
    earlier = _the_use_before(previous, side, names)
    if earlier.category not in _USES_AND_CHOICES and chain < _LONGEST_CHAIN:
        earlier = _limit_of_previous(previous, plain(previous), side, names, chain + 1) or earlier
    category = earlier.category
    if category == "ai_opt_out" and earlier.structure.purpose == "ai_training":
        category = "ai_training"  # "Unless you opt out, we use … to improve our models. API content is never used …"
    if category not in ("ai_training", "ai_data_sharing"):
        return None
    structure = read_structure(plain_text, category, protection=True)
    if not (named := frozenset(_words_of(_spans(USER_DATA, plain_text)))):  # "On Team plans, they are never used.":
        named = earlier.scope  # the data and the act of the use before
        structure = replace(structure, act="train" if category == "ai_training" else "share",
                            object=earlier.structure.object or structure.object)
    return SentenceReading(category, 0.6, earlier.matched + ("a limit of the use before",), True, named,
                           frozenset({normalise_wording(text)}), structure)


def _choice_about_previous(text: str, plain_text: str, side: _Text, names: AINames,
                           chain: int = 0) -> SentenceReading | None:
    about_it = bool(_CHOICE_ABOUT_IT.search(plain_text))
    costs_only = not about_it and bool(_COST_OF_SAYING_NO.search(plain_text))
    about_it = about_it or costs_only
    means_only = not about_it and bool(_MEANS_OF_A_WAY_OUT.search(plain_text))
    kept_out = None if about_it or means_only else _KEEPS_THINGS_OUT.search(plain_text)
    if not (about_it or means_only or kept_out or (_THAT_USE.search(plain_text) and OPT_OUT.search(plain_text))
            or _A_WAY_OUT_NAMED.search(plain_text)):
        return None
    if not (previous := side.previous_sentence(text, across_paragraphs=True)):
        return None
    if _chooses_something_else(plain_text):
        return None  # ("You can withdraw your consent to non-essential cookies at any time")
    if kept_out and not _thing_stems(kept_out.group("things")) & _thing_stems(plain(previous)):
        return None  # (what one keeps out is what the use before takes: "… Records you transcribe … may be used to
        # train our model. You can exclude your transcriptions in Settings.")
    earlier = _the_use_before(previous, side, names)
    if earlier.category not in _USES_AND_CHOICES and _LIMIT_OF_THAT_USE.search(plain(previous)) \
            and (before := side.previous_sentence(previous, across_paragraphs=True)):
        earlier = read_sentence(before, names=names)  # "… to train our models. Chats from Teams are never used for
        # this purpose. Anyone can turn off this use …": the use two sentences back
    if earlier.category not in _USES_AND_CHOICES and chain < _LONGEST_CHAIN:
        # one choice after another about the same use: "You can turn off Zed Research. It is off by default in the
        # EU. Deleting a clip also removes it from the sample."
        earlier = _read_in_place(previous, side, names, chain + 1)
    if earlier.category not in _USES_AND_CHOICES or means_only and earlier.category == "ai_opt_out":
        return None  # (the means to a way out said just before is no way out of its own)
    if costs_only and earlier.protection:
        return None  # (what declining costs, said after a promise not to use the data, refuses nothing)
    structure = read_structure(plain_text, "ai_opt_out")
    return SentenceReading("ai_opt_out", 0.6, earlier.matched + ("a choice about the sentence before",), False,
                           earlier.scope, frozenset({_clause_wording(text)}), structure)


# A choice that names what else it is about: "withdraw your consent to non-essential cookies", "opt out of
# personalised advertising", "unsubscribe from marketing emails"
_CHOICE_OF_ITS_OWN = CaselessPattern(r"\b(?:consent|opt\s+out|unsubscribe|withdraw\w*)\s+(?:[\w-]+\s+){0,3}?"
                                     r"(?:to|of|from)\s+(?:[\w-]+\s+){0,3}?(?:cookies|marketing|newsletters?|advertising|ads|"
                                     r"notifications)\b")


def _chooses_something_else(plain_text: str) -> bool:
    """A choice about cookies, ads or emails, or the rights a privacy law gives over all one's data ("the right to
    access, correct, delete or port your personal data, and to withdraw your consent"): no choice about an AI use
    beside it or over it."""
    return bool(_CHOICE_OF_ITS_OWN.search(plain_text) or _COOKIE_CHOICE.search(plain_text)
                or bool(_RIGHTS.search(plain_text)) and len(set(_A_RIGHT.findall(plain_text.lower()))) >= 3)


# The rights a privacy law lists, each by its verb or noun (three or more make the list; "You can view, correct or
# delete your chats" is a choice, "You have the right to access, correct or delete …" is the law's list)
_RIGHTS = CaselessPattern(r"\brights?\b")
_A_RIGHT = re.compile(r"\b(access|correct|rectif|delet|eras|port|restrict)\w*")


# Someone who can (or cannot) keep their own things out: "Volunteers cannot exclude their transcriptions."
_KEEPS_THINGS_OUT = CaselessPattern(r"\b(?:can|may|cannot|can['’]t|can\s+not)\s+(?:also\s+)?(?:exclude|remove|withdraw|"
                                    r"opt\s+out)\s+(?:(?:of|from)\s+)?(?:your|their|individual|specific|selected)\s+(?P<things>(?:[\w-]+\s+){0,2}[\w-]+)")


def _thing_stems(text: str) -> set[str]:
    """The first five letters of the longer words that name things: "transcriptions" and "transcribe" meet."""
    return {word[:5] for word in _WORD.findall(text.lower()) if len(word) > 4 and word not in _NOT_THINGS}


def _same_structure(new: Structure, old: Structure) -> bool:
    """Improving a model and training it are one act here, as the guidelines count them, and "will" is "does";
    which word names people's data ("messages", "what you write", "content") is left to the kinds of data compared
    beside it."""
    def key(structure: Structure) -> tuple[str, ...]:
        people = structure.object in _PEOPLES_DATA
        return replace(structure, act=_SAME_ACT.get(structure.act, structure.act),
                       object="people's data" if people else structure.object,
                       modality=_SAME_MODALITY.get(structure.modality, structure.modality)).key()
    return key(new) == key(old)


_PEOPLES_DATA = frozenset({"user_content", "messages", "user_data", "ai_interactions"})


# Kinds of data and of recipients, by what they are rather than how a sentence words them.
_ANY_PERSONAL_DATA = {word: "data" for word in ("information", "info", "personal data", "personal information",
                                                 "personal info")}  # one word, however a policy says it
_DATA_CLASS = tuple((re.compile(pattern), name) for pattern, name in (
    (r"messag|chat|conversation|interaction|inputs?$|prompt|question|quer|search term|what you|words|^dms?$",
     "what people say or ask"),
    (r"content|posts?$|uploads?$|photo|image|video|caption|comment|files?$|documents?$|text$|drafts?$", "content"),
    (r"profile", "profile"), (r"history|activity|way you use|usage|metric", "activity"),
    (r"voice|audio|recording|transcript", "voice and recordings"), (r"outputs?$", "outputs"),
    (r"affiliat|family of companies|group compan", "affiliates"),
    (r"third|partner|provider|vendor|supplier|compan|organi[sz]ation|processor|collaborator|external",
     "other companies"),
    (r"publicly available", "public information"),
))


def _same_data(new: frozenset[str], old: frozenset[str]) -> bool:
    """The same kinds of data, and no kind only added to (or only taken from) an otherwise unchanged list."""
    new, old = (_without_bare_outsider(frozenset(_ANY_PERSONAL_DATA.get(word, word) for word in scope))
                for scope in (new, old))
    if _described_otherwise(new, old) or _described_otherwise(old, new):
        return True
    if _data_classes(new) != _data_classes(old):
        return False
    # "what you write" describes the data rather than naming an item of a list: it may stand for "messages"
    new_words, old_words = ({re.sub(r"s$", "", word) for word in scope if not _described(word)}
                            for scope in (new, old))
    new_described, old_described = ({_data_class(word) for word in scope if _described(word)}
                                    for scope in (new, old))
    only_new = {word for word in new_words - old_words if _data_class(word) not in old_described}
    only_old = {word for word in old_words - new_words if _data_class(word) not in new_described}
    return bool(only_new) == bool(only_old)


def _without_bare_outsider(scope: frozenset[str]) -> frozenset[str]:
    """A scope less a bare "third-party" beside the company it describes ("a third-party AI model provider" is one
    recipient, as "an outside AI model provider" is)."""
    bare = {word for word in scope if _BARE_OUTSIDER.fullmatch(word)}
    others = {word for word in scope - bare if _data_class(word) == "other companies"}
    return scope - bare if bare and others else scope


_BARE_OUTSIDER = re.compile(r"third[\s-]part(?:y|ies)|external|outside")


def _described(item: str) -> bool:
    """Data described by what one does with it ("what you write") rather than named ("messages")."""
    return " you " in f" {item} "


def _described_otherwise(scope: frozenset[str], other: frozenset[str]) -> bool:
    """Data the one side describes ("what you write in reviews") that the other names by one kind the first lacks
    ("the contents of your reviews"), all else the same."""
    named = frozenset(item for item in scope if not _described(item))
    if named == scope or any(_described(item) for item in other):
        return False
    return named < other and len(other - named) == 1 and len(_data_classes(other) - _data_classes(named)) == 1


def _same_scope(new: SentenceReading, old: SentenceReading, new_scope: frozenset[str],
                old_scope: frozenset[str]) -> bool:
    """The same data; a way out read alone names none ("you can opt out in Settings"), so where one side's way out
    names no data, the other's naming it ("…; if you do not, we use your recipes") is no new scope, and a way out is
    another only where its list of data grew ("your posts" → "your posts and private messages") or, under consent,
    shrank."""
    if new.category == "ai_opt_out":
        if (not new_scope or not old_scope) and not any("the following" in clause
                                                        for clause in new.ai_clauses | old.ai_clauses):
            return True  # (a lead-in "… we may use the following …" names its data in its list, read beside it)
        # under consent the list is what is kept safe: one kind fewer ("your messages or photos" → "your messages")
        # may now be used without asking
        asks = "unless_consent" in (new.structure.modality, old.structure.modality)
        return not _more_data_named(new_scope, old_scope) and not (asks and _more_data_named(old_scope, new_scope))
    return _same_data(new_scope, old_scope)


def _more_data_named(new: frozenset[str], old: frozenset[str]) -> bool:
    """The new list of data is the old one with an item added ("posts" → "posts and photos"). Ways out are reworded
    too freely ("your data", "your information", "chats and conversations") for a shorter list to be a change."""
    new_items, old_items = ({_canonical_item(word) for word in scope} - _ANY_DATA for scope in (new, old))
    return old_items < new_items


_ANY_DATA = frozenset({"data", "personal data", "content", "user content", "personal content"})  # says no kind


def _data_moved(new: SentenceReading, old: SentenceReading) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds of data a reworded clause names that the other version does not, as each version words them:
    what a widened use now also covers, and what a narrowed limit or way out no longer does."""
    new_items, old_items = ({_canonical_item(word) for word in scope} - _ANY_DATA for scope in (new.scope, old.scope))

    def only_in(reading: SentenceReading, items: set[str], other: SentenceReading, others: set[str]) -> tuple[str, ...]:
        others = others | {_canonical_item(word) for word in other.structure.named}
        named = [word for word in reading.structure.named
                 if not {_canonical_item(word), _canonical_item(word.split()[-1])} & others]  # "posts", "public posts"
        return tuple(named) if reading.structure.named else tuple(sorted(items - others))
    return only_in(new, new_items, old, old_items), only_in(old, old_items, new, new_items)


def _data_classes(scope: frozenset[str]) -> frozenset[str]:
    return frozenset(_data_class(word) for word in scope)


def _data_class(word: str) -> str:
    """The kind of data a word names ("posts" → content), or the word itself when it names none we know."""
    return next((name for pattern, name in _DATA_CLASS if pattern.search(word)), word)


_SAME_ACT = {"improve": "train"}
_SAME_MODALITY = {"will": "does"}  # "we will use" in a notice before a date, "we use" once it has come


def _same_substance(new: SentenceReading, old: SentenceReading, new_text: str, old_text: str) -> bool:
    """Two readings of a reworded AI clause that say the same: category, limit, structure, scope, kinds of AI,
    qualifiers and named recipients alike."""
    return (new.category == old.category and new.category in RELEVANT and new.protection == old.protection
            and _same_structure(new.structure, old.structure) and _same_scope(new, old, new.scope, old.scope)
            and _same_kinds_of_ai(new, old, new_text, old_text)
            and _same_limits(new, old)
            and _same_parties(new_text, old_text)
            and not _opted_otherwise(new_text, old_text, both_ask=new.structure.modality == old.structure.modality
                                     == "unless_consent")
            and not _said_on_one_side(_REMOVED_FROM_TRAINING, new_text, old_text))


def _said_on_one_side(pattern: TextPattern, text: str, other: str) -> bool:
    """Whether the pattern is found in one wording and not in the other."""
    return bool(pattern.search(plain(text))) != bool(pattern.search(plain(other)))


def _opted_otherwise(text: str, other: str, *, both_ask: bool = False) -> bool:
    """One wording offers to opt in where the other offers to opt out, says a use or its switch is on by default where
    the other says off, or asks for consent where the other does not ("without your permission" made "without first
    telling you"): a use off until one agrees made one that goes on until one refuses, or the reverse. Where both
    read as asking first ("with your permission", "only after you agree"), a consent word on one side is wording."""
    def ways(side: str) -> tuple[frozenset[str], frozenset[str]]:
        wording = normalise_wording(plain(side))
        return (frozenset(way.lower() for way in _OPT_WAY.findall(plain(side))),
                frozenset(default for default, pattern in _DEFAULTS if pattern.search(wording)))
    if not both_ask and _said_on_one_side(_CONSENT_WORD, text, other):
        return True
    return any(these and those and these != those for these, those in zip(ways(text), ways(other), strict=True))


_CONSENT_WORD = re.compile(r"\b(?:permission|consent\w*|approv(?:al|e|es|ed))\b", re.IGNORECASE)


_OPT_WAY = re.compile(r"\bopt(?:s|ed|ing)?[\s-]+(in|out)\b", re.IGNORECASE)


def _same_kinds_of_ai(new: SentenceReading, old: SentenceReading, new_text: str, old_text: str) -> bool:
    """The same kinds of AI, the names of settings left out: "switch off 'Data for Generative AI Improvement'" names
    a switch, not generative AI."""
    if _kinds_of_ai(new.ai_clauses) == _kinds_of_ai(old.ai_clauses):
        return True
    unlabelled = (frozenset({normalise_wording(_QUOTED_LABEL.sub(" ", plain(text)))}) for text in (new_text, old_text))
    return _kinds_of_ai(next(unlabelled)) == _kinds_of_ai(next(unlabelled))


# A company named as who receives the data ("shared with Acme", "sent to Acme"): another one is another recipient.
_RECIPIENT = re.compile(r"\b(?:(?:shar\w*|disclos\w*|sen[dt]s?|provid\w*|transfer\w*|licen[cs]\w*|sell\w*|sold|"
                        r"pass(?:es|ed)|transmit\w*|forward\w*|suppl(?:y|ies|ied)|"
                        r"available)\s+(?:[\w’'-]+\s+){0,12}?(?:with|to)|"  # "shared by Acme with …": Acme gives
                        r"(?:process\w*|handled|hosted|powered|analy[sz]ed|transcribed)\s+(?:[\w’'-]+\s+){0,8}?"
                        r"(?:with|to|by)|"
                        # the company whose models do the work: "runs on large language models from Acme"
                        r"(?:models?|LLMs?)\s+(?:(?:developed|made|built|supplied|provided|licensed)\s+)?from)\s+"
                        r"([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)(?![\w&’'.-])"
                        r"(?!\s+(?:subscribers?|users?|members?|customers?|plans?|accounts?|tiers?)\b)"
                        # whose partners receive it, not the company: "disclosed to Acme's advertising partners"
                        r"(?!(?<=['’]s)\s+(?:[\w-]+\s+){0,2}?(?:partners|providers|vendors|affiliates|advertisers)\b)")


def _recipients(text: str) -> frozenset[str]:
    """Who receives the data, by name ("sent to Acme and Beta Labs" names two, "Acme, an AI company, processes"
    one); a company renamed in place ("Lumen (formerly Brightwave)") is its old name."""
    text = _RENAMED.sub(lambda match: match.group(2), plain(text))
    names = [name for match in _RECIPIENT.finditer(text)
             for name in [match.group(1), *_more_recipients(text, match.end())]]
    # "with Acme's AI features" and "with Acme's artificial intelligence features" name Acme alike
    return frozenset(_OWNERS_AI.sub("", name) for name in names + _ACTIVE_RECIPIENT.findall(text))


_OWNERS_AI = re.compile(r"(?:['’]s)?(?:\s+(?:AI|A\.I\.))?$")


# A company that does the work itself: "Acme, an outside AI company, processes the notes you type".
_ACTIVE_RECIPIENT = re.compile(r"\b([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*),\s+(?:an?|our|the)\s+[^,]{2,80},\s+"
                               r"(?:process|receiv|host|handl|analy[sz]|transcrib)\w*")


_NEXT_RECIPIENT = re.compile(r"(?:,\s+|,?\s+and\s+)([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)")


def _more_recipients(text: str, position: int) -> list[str]:
    """The names listed after the first one: "…to Acme, Beta and Gamma Labs"."""
    names = []
    while match := _NEXT_RECIPIENT.match(text, position):
        names.append(match.group(1))
        position = match.end()
    return names


_RENAMED = re.compile(r"\b([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)\s+\((?:formerly|previously|f/k/a|now)\s+([A-Z][^)]*)\)")


# Places a clause may be limited to, by name ("if you live in Brazil"); "EU", "EEA" and "UK" are qualifiers too.
_PLACE_NAMES = ("california", "canada", "brazil", "korea", "japan", "india", "china", "switzerland", "australia",
                "quebec", "texas", "illinois", "colorado", "virginia", "singapore", "turkey", "norway")
# Words that narrow or widen an AI clause: whose data, how identified, with whom, for what, and whether one can refuse.
_QUALIFIER = re.compile(
    r"\b(?:public\w*|private|anonymi\w+|de ?identified|aggregat\w+|pseudonymi\w+|licensed|affiliates?|partners?|menus?|"
    r"third|companies|(?:sub)?processors?|vendors?|providers?|suppliers?|ads?|personali\w+|tailor\w*|customi[sz]\w*|research|safety|security|consent|approv\w+|opt|object\w*|settings?|"
    # how one refuses: in the app, by e-mail, a form, a request
    r"app|e-?mail\w*|forms?|portal|requests?|contact\w*|writ(?:e|es|ing)\s+(?:to\s+)?(?:us|our|privacy)|dashboard|"
    # defaults and who can refuse where: "off by default", "on unless you switch it off", "if you live in Brazil"
    r"(?:on|off|in|out)\s+(?:by\s+default|unless)|enrolled|(?:it|this)\s+(?:on|off)|otherwise|"
    r"required\s+by\s+(?:applicable\s+)?law|except\s+in|"
    + "|".join(_PLACE_NAMES) + r"|"
    r"only|not|never|no(?!\s+longer\b)|neither|nor|nothing|none|straight\s+away|right\s+away|at\s+once|all|including|included|except|unless|children|minors|eu|eea|uk|europe\w*|outside|elsewhere|external|"
    # hedges, time and age: "not currently", "where feasible", "solely to", "for as long as", "under 18"
    r"currently|ordinarily|generally|normally|typically|usually|solely|exclusively|feasible|practicable|future|discretion|"
    r"temporar\w+|indefinitely|immediately|as\s+long\s+as|(?:under|over|below|above|aged?)\s+\d+|"
    r"us(?=\s+(?:users|residents|customers|members|persons))|usa|united|members\s+only|"
    # data from a day on only: "code you push after the date you opt out" (a use or a way out for future data)
    r"(?:after|from)\s+the\s+date\s+(?:you|on\s+which|when|of)\b|(?:after|from)\s+(?:that\s+|this\s+)?date\b(?!\s+of\s+birth)|"
    # a use widened past what it names: "our job-matching model and other AI products we build"
    r"(?:and|or)\s+other\s+(?:[\w-]+\s+)?(?:ai|products?|services?|models?|purposes?|features?|technolog\w+|tools)\b|"
    # a use that goes on after one refuses: "data shared before you opt out will continue to be used"
    r"(?:will\s+)?continu\w*\s+to\s+be\s+used|will\s+still\s+be\s+used|"
    r"(?:may|can|could|might)\s+still\s+be\s+used(?:\s+for\s+(?:this|that|it))?$|(?:we|it)\s+(?:will\s+)?continu\w*\s+to\s+use|"
    # a year that bounds who or what a clause covers ("on vehicles from model year 2025 onward", "after 2024")
    r"(?:19|20)\d\d\s+(?:onwards?|and\s+(?:later|newer|after|earlier|before|older))|model\s+years?|"
    r"(?:before|after|since|prior\s+to)\s+(?:\w+\s+){0,2}?(?:19|20)\d\d|"
    # where a switch works: "in Settings on the web" narrows "in Settings"
    r"web|human\s+review|removes\s+past|still\s+used|"
    # who decides: "if the admin turns it on"
    r"admin\w*|administrators?|"
    # who a person is, given or kept back: "and your first name, but not your other account details"
    r"(?<=your\s)(?:other\s+)?(?:(?:first|last|full|real)\s+names?|e-?mail\s+address(?:es)?|phone\s+numbers?|"
    r"ip\s+address(?:es)?|account\s+details|dates?\s+of\s+birth))\b")
# One wording for each place, spelling and way of saying a limit or a switch: "the European Union" is the EU,
# "advertising" is ads, "disable this" is "turn this off", "at our discretion" is "discretion".
_SAME_MEANING = ((re.compile(r"\beuropean union\b"), "eu"),
               # where something is done, beyond the service: "ads on other websites" are ads elsewhere
               (re.compile(r"\b(?:on|across)\s+other\s+(?:companies\s+)?(?:websites|sites|apps|platforms|services)\b"),
                " elsewhere "),
               # de-identified, said as what was done: "stripped of anything that identifies you"
               (re.compile(r"\bstripped\s+of\s+(?:(?:anything|everything|(?:any|all)(?:\s+(?:details?|information|data))?)\s+"
                           r"that\s+(?:could\s+)?identif\w+\s+(?:you|them|people)|(?:any\s+|all\s+)?identifying\s+"
                           r"(?:details?|information|data))"), " deidentified "),
               # a way out for what comes later only, and what stays: "from then on; snippets already in training
               # datasets stay there" is "going forward: … already in its training datasets is not removed"
               (re.compile(r"\b(?:from\s+then\s+on|going\s+forward|from\s+now\s+on|from\s+(?:(?:that|this)\s+)?(?:point|"
                           r"moment|time)(?:\s+on)?|new\s+(?:conversations|chats|messages|snippets|uploads|posts|content|data|prompts|recordings))\b"),
                " future "),
               (re.compile(r"\balready\s+(?:in|used\s+in|included\s+in|part\s+of)\s+(?:[\w-]+\s+){0,3}?(?:stays?\s+there|"
                           r"remains?(?:\s+there)?|(?:is|are)\s+not\s+(?:removed|deleted))\b"), " still used "),
               (re.compile(r"\b(?:remove|delete|erase)s?\s+(?:them|it|(?:your\s+)?[\w-]+)\s+from\s+(?:existing|past|earlier|"
                           r"our|any)\s+(?:[\w-]+\s+)?(?:datasets?|data\s+sets?|models?)\b"), " removes past "),
               # the platform's own leave, not the person's: "may not train on it without our permission"
               (re.compile(r"\bwith(?:out)?\s+(?:our|the\s+company\s+s)\s+(?:prior\s+)?(?:written\s+|express\s+)?"
                           r"(?:permission|authori[sz]ation|consent)\b"), " our approval "),
               # nobody reads it: "with no human review", "no person reads" deny a review
               (re.compile(r"\b(?:with\s+)?no\s+(?=(?:human|person)\s)"), " not a "),
               # people who read what is used: "read by human reviewers", "reviewed by our staff"
               (re.compile(r"\b(?:human\s+(?:reviewers?|review|annotators?|raters?|labell?ers?)|(?:read|reviewed|annotated|"
                           r"labell?ed|checked|listened\s+to)\s+by\s+(?:[\w-]+\s+){0,3}?(?:people|humans?|persons?|staff|employees|team|reviewers|"
                           r"annotators|contractors)|(?:staff|employees|reviewers|annotators|contractors|"
                           r"(?:people|members)\s+(?:on|of|in)\s+our\s+(?:\w+\s+)?team|(?:a|no|one)\s+(?:person|human))\s+"
                           r"((?:(?:may|might|will|can|could|do|does|did|not|never|ever|also|sometimes)\s+){0,3})"
                           r"(?:(?:read|review|annotate|label)s?|listens?\s+to))\b"),
                r" \1 human review "),  # (the words between stay: "staff do not review" denies)
               # a plan's people: "customers on the Team plan" and "Team plan customers" are "Team customers"
               (re.compile(r"\b(customers|users|members|accounts|subscribers|workspaces)\s+(?:on|in)\s+(?:the|our|a|an)\s+"
                           r"(\w+)\s+(?:plan|tier)\b"), r"\2 \1"),
               (re.compile(r"\b(\w+)\s+(?:plan|tier)\s+(customers|users|members|accounts|subscribers|workspaces)\b"),
                r"\1 \2"),
               (re.compile(r"\bopting\s+(in|out)\b"), r"opt \1"),
               (re.compile(r"\bunited kingdom\b"), "uk"),
               (re.compile(r"\beuropean economic area\b"), "eea"),
               # the EEA by its members
               (re.compile(r"\beu\s+iceland\s+liechtenstein\s+(?:and|or)\s+norway\b"), "eea"),
               (re.compile(r"\bin\s+(?:all\s+)?other\s+(?:countries|regions|places)\b"), "elsewhere"),
               (re.compile(r"\bunited states\b"), "usa"),
               (re.compile(r"\bde ?identified\b"), "deidentified"),
               # a way out granted only if the company agrees: "we will decide whether to honour your request"
               (re.compile(r"\b(?:decide\s+whether\s+to\s+(?:honou?r|grant|accept)|weigh\s+(?:your|the|this)\s+"
                           r"(?:objection|request)|(?:review|consider)\s+(?:your|the|this)\s+(?:objection|request)|"
                           r"at\s+our\s+(?:sole\s+)?discretion)\b"), " discretion "),
               # "used … only after personal information has been filtered out"
               (re.compile(r"\b(?:after|once)\s+(?:personal\s+(?:information|data|details)|names?|identifiers?)\s+"
                           r"(?:has|have)\s+been\s+(?:removed|stripped|filtered|redacted|masked|scrubbed)\b"),
                "deidentified"), (re.compile(r"\blicen[cs]e[sd]?\b"), "licensed"),
               (re.compile(r"\badverti[sz]\w*"), "ads"),
               (re.compile(r"\bdms?\b"), "direct messages"),
               (re.compile(r"\b(?:younger|less)\s+than\s+(\d+)\b"), r"under \1"),
               (re.compile(r"\b(under|over|above|below)\s+the\s+age\s+of\s+(\d+)\b"), r"\1 \2"),
               (re.compile(r"\bolder\s+than\s+(\d+)\b"), r"over \1"),
               (re.compile(r"\badults?\b(?!\s+(?:content|material|themes))"), "aged 18"),  # "Adults can opt out"
               (re.compile(r"\bstarts?\s+(?:(?:switched|turned)\s+)?off\b"), "off by default"),  # "starts switched off"
               # "If you agree, we use …" is "With your consent, we use …"
               (re.compile(r"\bif\s+you\s+(?:agree|consent)\b(?!\s+to\b)"), " consent "),
               # a bound said with a denial denies nothing: "no less than thirty days" is "at least 30 days"
               (re.compile(r"\b(?:no|not)\s+less\s+than\b"), "at least"),
               (re.compile(r"\b(?:no|not)\s+(?:more|longer)\s+than\b"), "up to"),
               # an age in words is that age: "members under eighteen" are "members under 18"
               (re.compile(rf"\b(under|over|aged|below|above)\s+({_AN_AGE_IN_WORDS})\b"),
                lambda match: f"{match.group(1)} {_NUMBER_WORDS[match.group(2)]}"),
               (re.compile(rf"\b({_AN_AGE_IN_WORDS})(?=\s+(?:or|and)\s+(?:older|over|above|younger|under)\b)"),
                lambda match: _NUMBER_WORDS[match.group(1)]),
               # those left out under an age are who is included from it: "unless you are under 18" is "aged 18"
               (re.compile(r"\bunless\s+(?:you\s+are|(?:a|the)\s+\w+\s+is|they\s+are)\s+under\s+(\d+)\b"), r"aged \1"),
               # "users who are not yet 18" and "younger than 18" are "under 18"
               (re.compile(r"\b(?:who\s+are\s+|that\s+are\s+)?(?:not\s+yet|younger\s+than)\s+(\d+)\b"), r"under \1"),
               # "students aged 13 or older" are "students who are 13 or older"
               (re.compile(r"\b(?:aged\s+)?(\d+)\s+(?:or|and)\s+(?:older|over|above)\b"), r"aged \1"),
               # "learners aged 15 or younger" are "learners under 16"
               (re.compile(r"\b(?:aged\s+)?(\d+)\s+(?:or|and)\s+(?:younger|under|below)\b"),
                lambda match: f"under {int(match.group(1)) + 1}"),
               (re.compile(r"\b(?:get\w*\s+in\s+touch\s+with|reach\w*\s+out\s+to)\b"), "contacting"),
               (re.compile(r"\bdefault\s+(?:is\s+|set\s+to\s+)?(on|off)\b"), r"\1 by default"),  # "Default: Off"
               # "stays disabled unless you switch it on"
               (re.compile(r"\b(?:disabled|off)\s+(?:unless|until)\s+(?:you|they)\s+(?:turn|switch)\w*\s+(?:it|them|this)\s+on\b"),
                "off by default"),
               # a switch said as a verb: "disabled by default" is "off by default", "disable this" is "turn this off"
               (re.compile(r"\b(?:disabled|deactivated)\s+by\s+default\b"), "off by default"),
               (re.compile(r"\b(?:enabled|activated)\s+by\s+default\b"), "on by default"),
               # "asks for your opt-in consent" is "asks you to opt in"
               (re.compile(r"\bopt\s?in\s+consent\b"), "opt in"),
               (re.compile(r"\b(?:disabl|deactivat)(?:e|es|ed|ing)\s+(?:it|this)\b|"
                           r"\b(?:this|it)\s+(?:can|may)\s+be\s+(?:turned|switched)\s+off\b"), "turn this off"),
               # a switch there is not: "there is no setting to stop this" says no way out, as "cannot be turned off"
               (re.compile(r"\bno\s+(?:such\s+)?(?:settings?|options?|toggles?|switch(?:es)?|controls?)\b"), "no way"),
               # a page of settings: "in Data Controls"
               (re.compile(r"\b(?:data|privacy|ai)\s+controls\b"), " settings "),
               # "outside the UK" is a place ("users elsewhere"), not an outside company
               # … and so is "except in the EU" or "but not in the EU"
               (re.compile(r"\b(?:outside|(?:except|but\s+not)\s+in)(?=\s+(?:of\s+)?(?:the\s+)?(?:uk|eu|eea|usa|us|europe\w*|"
                           r"united|your\s+country|" + "|".join(_PLACE_NAMES) + r")\b)"), "elsewhere"))
_SAME_QUALIFIER = {"menu": "settings", "menus": "settings", "solely": "only", "exclusively": "only",
                   "never": "not", "no": "not", "neither": "not", "nor": "not", "nothing": "not", "none": "not",
                   "straight away": "immediately", "right away": "immediately", "at once": "immediately",
                   "except": "unless", "otherwise": "unless", "outside": "third", "external": "third",
                   **{word: "third" for word in ("processor", "processors", "subprocessor", "subprocessors", "vendor",
                                                 "vendors", "provider", "providers", "supplier", "suppliers")},
                   **{word: "approval" for word in ("approve", "approved", "approves", "approving")},
                   "european": "eu", "europe": "eu", "included": "including",
                   "request": "form", "requests": "form", "forms": "form",
                   "portal": "form", "ad": "ads", **{word: "contact" for word in (
                       "contacting", "contacts", "contacted")},
                   **{f"{verb} {to}{whom}": "contact" for verb in ("write", "writes", "writing") for to in ("to ", "")
                      for whom in ("us", "our", "privacy")},
                   **{word: "personalize" for word in (
                       "tailor", "tailors", "tailored", "tailoring", "customize", "customizes", "customized",
                       "customizing")},
                   "emailing": "email", "e-mailing": "email",  # "opt out by emailing us" is "by email"
                   **{word: "admin" for word in ("admins", "administrator", "administrators")}}


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\byears?\b")


def _same_qualifier(word: str) -> str:
    """One name for a qualifier however it is said: "never" is "not", a bound by year ("after 2024", "model year
    2025 onward") is "year"."""
    if _A_YEAR.search(word):
        return "year"
    if "continu" in word or "still" in word:
        return "still used"
    if " other " in word:
        return "and other"
    if " date" in word:
        return "future"
    return _SAME_QUALIFIER.get(word, word)


# Whose data, said by the word before it: "business data" → "data" widens a clause, "your data" → "the data" does not.
_DATA_KIND = re.compile(r"\b(\w+)\s+(?:data|information|content|conversations|chats|messages|posts|inputs|prompts|"
                        r"users|accounts|members|customers)\b")
_NOT_A_KIND = frozenset("your our their the any all this that such like as including of other personal about from on "
                        "privacy off to with and or "
                        "for by in you we it its my settings upload uploaded deleted erased profile user purpose basis "
                        "legal category categories type types use uses used using share shares shared send sends sent "
                        "process processes processed uploading posting sharing submitting keep keeps kept store "
                        "stores stored retain retains retained collect collects collected training out plan plans tier "
                        "tiers utilise utilize utilises utilizes utilised utilized".split())


# The "not" of a way out ("if you'd rather we didn't train on your chats", "if you don't want us to") is the choice
# itself, said as a wish, and limits nothing.
_WISH_NOT_TO = re.compile(r"\b(?:if|should)\s+you(?:\s+d|\s+would)?\s+(?:rather|prefer)\s+(?:that\s+)?"
                          r"(?:we|us|your\s+(?:\w+\s+)?\w+)\s+(?:did|do|would|were|was|are|be)?\s*not\b|"
                          r"\bif\s+you\s+(?:do\s+not|no\s+longer)\s+want\b|"
                          r"\b(?:who|that)\s+(?:do\s+not|no\s+longer)\s+want\b")  # normalised


# "We use … unless you opt out", "You can opt out …; if you do not, we use …" and "You can opt out of …" offer one
# way out (normalised wording); an "unless" or "except" that names anything else still narrows the clause
# "if you do not, we use …" or "…, Acme uses …": the person's not refusing, then the platform's use
_IF_NOT_THEN = re.compile(r"\bif\s+you\s+(?:do|did)\s+not\s+(?=we\b|[a-z]+\s+(?:uses|will|may|can|shares|trains|"
                          r"processes|analy[sz]es|keeps|stores)\b)")
_UNLESS_YOU_REFUSE = re.compile(r"\bunless\s+you\s+(?:have\s+)?(?:opt(?:ed)?\s+out|object(?:ed)?)\b|"
                                # "if you haven't opted out, we use …" is "unless you opt out"
                                r"\bif\s+you\s+(?:have|had|do|did)\s+not\s+(?:yet\s+)?(?:opt(?:ed)?\s+out|object(?:ed)?)\b")


# Consent said four ways: "only if you consent", "not … without your permission", "with your consent", "if you give
# permission" gate a use alike; the "not", "only" or "unless" of the wording is the gate, not a further limit.
_CONSENT_GATE = re.compile(
    r"\b(?:only\s+(?:[\w-]+\s+){0,12}?(?:if|when|with|after|once)\s+you\s+(?:\w+\s+){0,2}?(?:consent|agree|allow|permit|"
    r"opt(?:ed)?\s+in|join|enrol|sign(?:ed)?\s+up|"  # ("… only if you join the research programme")
    r"give\s+(?:us\s+)?(?:your\s+)?(?:consent|permission))\w*|without\s+your\s+(?:\w+\s+)?(?:consent|permission)|with\s+your\s+(?:\w+\s+)?"
    r"(?:consent|permission)|with(?:out)?\s+(?:a|the|your|their)\s+(?:parent|guardian)\s+s\s+(?:\w+\s+){0,2}?"
    r"(?:permission|consent|agreement)|unless\s+(?:a|the|your|their)\s+(?:parent|guardian)\s+(?:says\s+yes|agrees|"
    r"consents|opts\s+in|allows\s+it)|if\s+you\s+(?:give|grant)\s+(?:us\s+)?(?:your\s+)?(?:consent|permission)|unless\s+you\s+"
    r"(?:have\s+)?(?:\w+ly\s+)?(?:consent|agree|opt\s+in|join\w*|enrol\w*|sign\w*\s+up|give\s+(?:us\s+)?(?:your\s+)?(?:\w+\s+)?(?:consent|permission)|"
    r"(?:choose|decide|elect)\s+to\s+(?:allow|permit|opt\s+in))|"
    r"with\s+the\s+(?:agreement|consent|permission)\s+of\s+(?:a|the|your|their)\s+(?:parent|guardian)|"
    r"(?:if|when|once)\s+you\s+(?:allow|permit)\s+(?:it|this|that|us)\b|"
    + "|".join(CONSENT_ASKED_FIRST) + ")")


def _qualifiers(clauses: frozenset[str]) -> frozenset[str]:
    clauses = frozenset(_UNLESS_YOU_REFUSE.sub(" you opt out ", _IF_NOT_THEN.sub(" ", _WISH_NOT_TO.sub(
        " if you prefer ", clause))) for clause in clauses)
    if any(_CONSENT_GATE.search(clause) for clause in clauses):  # normalised wording: lower case
        clauses = frozenset(_GATE_WORDS.sub(" ", _CONSENT_GATE.sub(" consent ", clause)) for clause in clauses)
    for pattern, name in _SAME_MEANING:
        clauses = frozenset(pattern.sub(name, clause) for clause in clauses)
    clauses = frozenset(_MEMBERS_ONLY.sub(" members only ", _SWITCH_NAMED.sub(r"\1 it \2", clause))
                        for clause in clauses)
    found = frozenset([_same_qualifier(match.group(0)) for clause in clauses for match in _QUALIFIER.finditer(clause)]
                      + [f"{match.group(1)} data" for clause in clauses for match in _DATA_KIND.finditer(clause)
                         if match.group(1) not in _NOT_A_KIND and not match.group(1).isdigit()])
    # how many things it denies: "we do not use your selfies …, and we do not share them" made "we may use your
    # selfies …, and we do not share them" still says "not" ("does not and will not use" denies once)
    if negations := sum(len(_NEGATION_WORD.findall(_DOUBLED_NOT.sub("not", clause))) for clause in clauses):
        found |= {f"not ×{negations}"}
    # "object to this by turning off X in Settings" refuses with a switch: the verb of refusing adds nothing to it
    return found - _REFUSING if found & _SWITCHES else found


# a switch named between its verb and its state is "it": "turn Recap on" is "turn it on"
_SWITCH_NAMED = re.compile(r"\b((?:turn|switch)\w*)\s+(?!it\b|this\b)(?:(?!(?:on|off|or|and)\b)[\w-]+\s+){1,3}?"
                           r"(on|off)\b"
                           r"(?!\s+(?:or|and)\s+(?:on|off)\b)")




def _same_limits(new: SentenceReading, old: SentenceReading) -> bool:
    """The same qualifiers in the AI clauses, and the same terms around them."""
    return _same_qualifiers(_qualifiers(new.ai_clauses), _qualifiers(old.ai_clauses)) and _same_terms(new, old)


def _same_terms(new: SentenceReading, old: SentenceReading) -> bool:
    """The same terms set in the sentence's other clauses ("processed only by automated systems", "off by default",
    "people under 18 are excluded"), and a use or a way out that keeps people's data as long ("kept for up to six
    months and used to train" made "… ten years …" keeps it longer; chats "deleted within 30 days" made "… 18
    months" too, in whichever clause it is said; a limit's time is detail)."""
    return _qualifiers(new.terms) == _qualifiers(old.terms) and (
        new.protection or _durations(_of_ai_data(new)) == _durations(_of_ai_data(old)))


def _of_ai_data(reading: SentenceReading) -> frozenset[str]:
    """The AI clauses, and the other clauses that speak of what is said to an AI (how long chats are kept is said
    beside the use; how long an e-mail address is kept is another matter)."""
    return reading.ai_clauses | {term for term in reading.terms if AI_DATA.search(term)}


def _durations(clauses: frozenset[str]) -> frozenset[str]:
    """How long, in normalised wording: "six months" and "6 months" are one, and so are "one year" and "12 months"."""
    def said(number: str, unit: str) -> str:
        count, unit = _NUMBER_WORDS.get(number, number), unit.rstrip("s")
        return f"{int(count) * 12} month" if unit == "year" else f"{count} {unit}"
    spelled = (_SPELLED_DURATION.sub(_as_counted, clause) for clause in clauses)
    return frozenset(said(number, unit) for clause in spelled for number, unit in _DURATION.findall(clause))


# How long, said without a number: "a year and a half" is 18 months, "for a year" is 12
_SPELLED_DURATION = re.compile(r"\b(?:(?:a|one)\s+year\s+and\s+a\s+half|(?:a|one)\s+and\s+a\s+half\s+years?|"
                               r"an?\s+(?:year|month|week|day))\b")


def _as_counted(duration: re.Match[str]) -> str:
    """A duration said in words, as a number and a unit ("a year and a half" → "18 months", "a week" → "1 week")."""
    said = duration.group(0)
    return "18 months" if "half" in said else f"1 {said.split()[-1]}"


# how long something is kept: "for up to 30 days", "a duration of maximum six months", "deleted within 30 days"
# and "deleted 30 days after they were recorded"
_DURATION = re.compile(r"\b(?:for|up\s+to|maximum|no\s+longer\s+than|at\s+most|within|"
                       r"(?:deleted|erased|purged)(?=\s+\S+\s+\S+\s+after))\s+(?:[a-z]+\s+){0,3}?"
                       r"(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(hours?|days?|weeks?|months?|years?)\b")
_DOUBLED_NOT = re.compile(r"\bnot\s+(?:and|or)\s+(?:will|shall|would|can|may|does|do|did)\s+not\b")
# ("No. Acme does not share …" answers and then denies: one denial)
_NEGATION_WORD = re.compile(r"\b(?:not|never|cannot|neither|nothing|none)\b(?!\s+(?:only|longer|later|more\s+than)\b)|"
                            r"\bno\b(?!\s+(?:longer|later|more\s+than)\b)(?!(?:\s+\w+){1,4}\s+(?:not|never)\b)")

# A right or a use for some plans or kinds of account only: "If you are a Premium member, you can turn this off"
_MEMBERS_ONLY = re.compile(r"\bif\s+you\s+(?:are|have)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:members?|subscribers?|"
                           r"subscriptions?|plans?|accounts?)\b")


def _same_qualifiers(new: frozenset[str], old: frozenset[str]) -> bool:
    """The same qualifiers; where only one side says how one refuses ("unless you opt out" made "you can opt out in
    Settings; if you do not, we …"), the way of refusing it adds is detail, not a new limit. A switch is a switch
    wherever it is (in Settings, in the app, on a dashboard), and "on the web or in the app" is anywhere."""
    new, old = _as_one_switch(new), _as_one_switch(old)
    if new == old:
        return True
    new_ways, old_ways = new & _WAYS_TO_REFUSE, old & _WAYS_TO_REFUSE
    if new_ways and old_ways and new_ways != old_ways:
        return False
    plain_new, plain_old = new - _WAYS_TO_REFUSE - _REFUSING, old - _WAYS_TO_REFUSE - _REFUSING
    return plain_new == plain_old and bool(new & (_REFUSING | {"unless"}) or new_ways) and bool(
        old & (_REFUSING | {"unless"}) or old_ways)


def _as_one_switch(qualifiers: frozenset[str]) -> frozenset[str]:
    if not qualifiers & _SWITCHES:
        return qualifiers
    anywhere = {"web"} if "app" in qualifiers else set()
    return qualifiers - _SWITCHES - anywhere | {"settings"}


_WAYS_TO_REFUSE = frozenset({"settings", "setting", "app", "dashboard", "email", "e-mail", "form", "portal", "contact"})
_SWITCHES = frozenset({"settings", "setting", "app", "dashboard"})
# Where a switch is, as a menu path ("under Account > Privacy") or a page of settings ("in Data Controls"): a
# setting's place, however its menus are named.
_MENU_PATH = re.compile(r"\b(?:under|in|at|from|via|go\s+to|open)\s+(?:the\s+|your\s+)?"
                        r"(?:[\w -]{1,30}?(?=\s*>)|[A-Z][\w&-]*(?:\s+&?\s*[A-Z][\w&-]*)*)"
                        r"(?:\s*>\s*[\w&' -]{1,30}?)*"
                        r"(?=[,.;]|\s+(?:and|or|to|then|menu|page|section|screen|tab|stops?|will|can|is|are|lets?|"
                        r"turns?|removes?|prevents?|if|when|where|you|we)\b|\s*$)")
_MENU_WORDS = re.compile(r">|\b(?:Settings|Controls|Privacy|Preferences|Account|Profile)\b")


def _in_settings(text: str) -> str:
    return _MENU_PATH.sub(lambda match: " in settings " if _MENU_WORDS.search(match.group(0)) else match.group(0),
                          text)


_GATE_WORDS = re.compile(r"\b(?:not|never|only|unless|neither|nor|nothing)\b")
_REFUSING = frozenset({"object", "objection", "objections", "objecting", "opt", "it off", "this off"})


_NUMBERING = re.compile(r"\(\s*(?:[ivxlcdm]{1,6}|[a-z]|\d{1,3})\s*\)|"
                        r"(?:^|\s)(?:\d{1,3}(?:\.\d{1,3})*|[ivxlcdm]{1,6}|[a-z])[.)](?=\s)", re.IGNORECASE)
# A name in a product position ("features like Bard", "in Copilot", "our Assistant") is form; a name that acts or
# receives ("Acme may use", "shared with Acme") is who does what, and so substance.
_PRODUCT_NAME = re.compile(r"(?<!\bwith\s)(?<!\bto\s)(?<!\bby\s)(?<!\bfrom\s)(?<![\w&’'.-])"
                           r"([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)")
# "with" before a name makes it one who receives ("shared with Acme"), unless one talks with it ("chats with Zed")
_TALKED_WITH = re.compile(r"\b(?i:conversations?|chats?|interactions?|interact|talk(?:ing)?)\s+with\s+"
                          r"([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)")
_FUNCTION_WORDS = frozenset("a an the and or of in on as at is are be such like do does has have was were".split())
_MEANINGFUL_NAME = CaselessPattern("|".join(p.pattern for p in (USER_DATA, AI_DATA, AI_TERM, THIRD_PARTY, LIKENESS,
                                                                MODEL)) + r"|\bai\b|\bml\b|\bllms?\b")


_QUOTED_LABEL = re.compile(r"[“\"'‘][^“”\"'’]{2,60}[”\"'’]")


def _list_item_added_or_dropped(old: str, new: str, context: _Context) -> bool:
    """One wording is the other with an item put into (or taken out of) one of its lists and nothing else changed
    ("your questions and itinerary details" → "your questions, itinerary details and saved payment country"), an
    item the other version never writes (not one moved to a sentence of its own) and not an example ("such as …")."""
    old_words, new_words, edits = _word_edits(old, new)
    added: list[str] = []
    dropped: list[str] = []
    for _, old_start, old_end, new_start, new_end in edits:
        within = (old_words[max(old_start - 1, 0):old_end + 1], new_words[max(new_start - 1, 0):new_end + 1])
        if not any(_LIST_JOINS.intersection(words) for words in within):
            return False  # a word changed outside a list
        added += [word for word in new_words[new_start:new_end] if word not in _LIST_JOINS]
        dropped += [word for word in old_words[old_start:old_end] if word not in _LIST_JOINS]
    moved, other = (added, context.old) if added else (dropped, context.new)
    kept = {_canonical_item(word) for word in (old_words if added else new_words)}  # "chats and conversations"
    item = " ".join(word for word in moved if word not in _FUNCTION_WORDS)  # ("application history" is not written
    # elsewhere because "applications" is: the item, not each of its words, moved to a sentence of its own)
    return (bool(added) != bool(dropped) and not _EXAMPLE_WORDS.intersection(moved)
            and any(word not in _FUNCTION_WORDS and _canonical_item(word) not in kept for word in moved)
            and not re.search(rf"\b{re.escape(item)}", other.lowered))


_LIST_JOINS = frozenset({"and", "or"})
_EXAMPLE_WORDS = frozenset({"like", "including", "example", "e", "g", "eg"})  # ("such as" is worded "like")


def _everyone_no_longer_chooses(old: str, new: str, new_reading: SentenceReading,
                                old_reading: SentenceReading) -> bool:
    """A way out offered to everyone on one side and to some on the other: "Creators on any plan can opt out" made
    "Creators on the Pro plan can opt out", "Every user can …" made "Premium subscribers can …"."""
    if not new_reading.category == old_reading.category == "ai_opt_out":
        return False
    old_chooser, new_chooser = (_CHOOSER.match(plain(text)) for text in (old, new))
    if not (old_chooser and new_chooser) or old_chooser.group(1).lower() == new_chooser.group(1).lower():
        return False
    return bool(_EVERYONE.search(old_chooser.group(1))) != bool(_EVERYONE.search(new_chooser.group(1)))


# Who may take a way out, up to their verb: "Creators on any plan can opt out", "Both owners and guests may object"
_CHOOSER = re.compile(r"^\W*((?:[\w'’-]+\s+){1,8}?)(?:can|may)\s+(?:also\s+)?(?:opt\s+out|object|turn|switch|ask|"
                      r"choose|decline|refuse|withdraw|exclude|disable)\b", re.IGNORECASE)
_EVERYONE = CaselessPattern(r"\b(?:any|every|all|both|everyone|anyone)\b(?!\s+(?:time|point|moment)\b)")


def _denial_narrowed_or_widened(old: str, new: str, new_reading: SentenceReading, old_reading: SentenceReading) -> bool:
    """A limit on an AI use that is the other wording with words of substance put in, or taken out, and nothing
    else changed: "We never use audio recordings to train …" made "… audio recordings from indoor cameras …" now
    keeps fewer recordings out of training."""
    if not (new_reading.category == old_reading.category and all(
            reading.protection or reading.category == "ai_opt_out" and _DENIES_A_USE.search(normalise_wording(text))
            for reading, text in ((new_reading, new), (old_reading, old)))):
        return False  # (a consent exception is a limit too: "We do not use … unless you have enabled …")
    old_words, new_words, edits = _word_edits(old, new)
    edits = tuple(edit for edit in edits  # ("your private messages" made "private messages from …": "your" is form)
                  if not set(old_words[edit[1]:edit[2]] + new_words[edit[3]:edit[4]])
                  <= _FUNCTION_WORDS | _POSSESSIVES | _ANY_TIME)  # ("opts out at any time" says when, not what)
    if not edits or {edit[0] for edit in edits} not in ({"insert"}, {"delete"}):
        return False
    moved = [word for _, old_start, old_end, new_start, new_end in edits
             for word in old_words[old_start:old_end] + new_words[new_start:new_end]]
    deleted = edits[0][0] == "delete"
    other, own = (new_words, old) if deleted else (old_words, new)
    # ("Vaultly" made "Vaultly Drive" names a product, and limits nothing)
    names = {word.lower() for name in _NAME.findall(own) for word in name.split()}
    return not _EXAMPLE_WORDS.intersection(moved) and any(
        len(word) > 2 and word not in _FUNCTION_WORDS and word not in _REWORDED_QUALIFIERS and word not in other
        and word not in names for word in moved)


_CONDITION = re.compile(r"\b(?:only\s+if|if|unless|provided\s+that|as\s+long\s+as|when)\b")  # normalised wording
_JOINING = frozenset({"and", "or", "also", "both", "either"})


def _condition_joined_otherwise(old: str, new: str) -> bool:
    """A condition on an AI use whose parts are now joined by "or" where they were by "and", or the other way:
    "only if you have enabled Cloud Clips and joined the Research Program" needs both, "… or …" either."""
    old_words, new_words, edits = _word_edits(old, new)
    if not edits or not _CONDITION.search(" ".join(old_words)):
        return False
    changed = [(old_words[old_start:old_end], new_words[new_start:new_end])
               for _, old_start, old_end, new_start, new_end in edits]
    return all(set(before + after) <= _JOINING for before, after in changed) and any(
        ("and" in before) != ("and" in after) or ("or" in before) != ("or" in after) for before, after in changed)


# Where one part of a sentence denies a use and another grants one: "We do not use X or Y, although Z may be used"
_CONTRAST = re.compile(r"\b(?:although|though|but|whereas|while|however|except|yet)\b")  # normalised wording
_DENIAL_WORD = re.compile(r"\b(?:not|never|no\s+longer|cannot)\b")


def _moved_between_denial_and_use(old: str, new: str) -> bool:
    """A sentence that denies one use and grants another, a word of substance moved from one part into the other:
    "… does not use private groups, direct messages or Stories …, although public posts may be" made "… does not use
    private groups or direct messages …, although public posts and Stories may be"."""
    def sides(text: str) -> dict[str, bool] | None:
        parts = _CONTRAST.split(normalise_wording(text))
        denied = [bool(_DENIAL_WORD.search(part)) for part in parts]
        if len(parts) < 2 or all(denied) or not any(denied):
            return None
        seen: dict[str, set[bool]] = {}
        for part, denies in zip(parts, denied, strict=True):
            for word in set(part.split()) - _FUNCTION_WORDS:
                seen.setdefault(word, set()).add(denies)
        return {word: next(iter(kinds)) for word, kinds in seen.items() if len(kinds) == 1 and len(word) > 2}
    old_sides, new_sides = sides(old), sides(new)
    if old_sides is None or new_sides is None:
        return False
    return any(new_sides[word] != denies for word, denies in old_sides.items() if word in new_sides)


_POSSESSIVES = frozenset({"your", "their", "its", "our", "my", "his", "her"})
_ANY_TIME = frozenset({"at", "any", "time", "anytime", "whenever"})
_DENIES_A_USE = re.compile(r"\b(?:do|does|will|shall)\s+not\s+(?:use|share|train)|\bnever\s+(?:use|share|train)")
_WordEdit = tuple[str, int, int, int, int]  # difflib's opcode: what was done, and where on each side


@functools.lru_cache(maxsize=64)  # both checks above ask it of the same clause edited in place
def _word_edits(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[_WordEdit, ...]]:
    """Two wordings' words (form left out: numbering, quoted labels, menus) and the edits between them, unchanged
    stretches left out."""
    old_words, new_words = (tuple(normalise_wording(_form_free(text)).split()) for text in (old, new))
    edits: tuple[_WordEdit, ...] = tuple(
        opcode for opcode in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
        if opcode[0] != "equal")
    return old_words, new_words, edits


def _form_only(old: str, new: str, names: AINames = NO_NAMES) -> bool:
    """True when two wordings differ only in form: numbering, punctuation, markup, case, function words, or the
    names of products (a renamed product inside an unchanged clause; first in the sentence only when the document
    introduces it as its AI)."""
    def words(text: str) -> tuple[set[str], set[str]]:
        text = _form_free(text)
        return set(normalise_wording(text).split()), {word for name in _product_names(text, names)
                                                      for word in name.split()}
    old_words, old_names = words(old)
    new_words, new_names = words(new)
    left = (old_words ^ new_words) - old_names - new_names - _FUNCTION_WORDS
    if (old_names | new_names) & names.own_words:
        left -= _SELF_WORDS  # "We do not use …" made "Acme does not use …": the company speaking of itself
    if not left:
        return _polar_words(old) == _polar_words(new)  # "off by default; switch it on" is not "on …; … off"
    # slips of the keyboard, with the same companies receiving ("sent to Acme, which provides" made "sent to Acme and
    # Beta Labs, which provide" adds a recipient)
    return (_typos_only(left & old_words, new_words, old_words) and _typos_only(left & new_words, old_words, new_words)
            and _recipients(old) == _recipients(new))


_CAPITALISED_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}")
_OPENS_A_PART = re.compile(r"(?:[.!?:;|]|^)[\s*_\"“(]*$")


def _renamed_throughout(old: str, new: str, context: _Context) -> bool:
    """A name (of a programme, a plan, a feature) that the new version writes nowhere, replaced by one the old version
    writes nowhere, and nothing else changed: renamed, not another thing. A company that receives the data is who
    does what, and renamed only when it is the maker, renamed all through its own policy."""
    def names(text: str) -> set[str]:  # (a capital that opens a sentence or a cell is no name: "All", "Off"; two
        # that open a cell are: "| Ask Zed | Your questions |")
        return {match.group(0) for match in _CAPITALISED_RUN.finditer(text)
                if text[:match.start()].strip(" \t*_#>|-") and not _OPENS_A_PART.search(text, 0, match.start())
                or " " in match.group(0) and tables.is_row(text) and text[:match.start()].rstrip(" *_").endswith("|")}
    gone, came = names(old) - names(new), names(new) - names(old)
    if len(gone) != 1 or len(came) != 1:
        return False
    (old_name,), (new_name,) = gone, came
    return (old_name not in context.new.text and new_name not in context.old.text
            and normalise_wording(old.replace(old_name, new_name)) == normalise_wording(new)
            and (_recipients(old) == _recipients(new) or _the_maker_renamed(old_name, new_name, context)
                 # its own AI product, given what people send it under its new name ("Prompts you send to Zed")
                 or {old_name, new_name} <= context.names.products))


def _the_maker_renamed(old_name: str, new_name: str, context: _Context) -> bool:
    """A name the old version writes throughout (as a document writes its maker's) and the new version writes as
    often in its place: the company renamed ("Brindle" made "Quorra"), not another company receiving the data."""
    def times(name: str, side: _Text) -> int:
        return len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", side.text))
    written = times(old_name, context.old)
    return written >= _THROUGHOUT and times(new_name, context.new) == written


_THROUGHOUT = 5  # a provider is named where it works; the maker, all through its own policy


def _name_joined(old: str, new: str, names: AINames) -> bool:
    """A name joined to a list in either wording ("and Business Accounts", "or Acme Cloud") that shares no word with
    any name of the other: not a product renamed but one more (or one fewer) thing the clause covers."""
    free_texts = (_form_free(old), _form_free(new))
    wordings = [normalise_wording(free) for free in free_texts]
    products = [_product_names(free, names) for free in free_texts]
    for this, other in ((1, 0), (0, 1)):
        other_words = {word for name in products[other] for word in name.split()} | names.own_words
        if any(not set(name.split()) & other_words and re.search(rf"\b(?:and|or)\s+{re.escape(name)}\b", wordings[this])
               and not re.search(rf"\b{re.escape(name)}\b", wordings[other])  # ("used by Acme" made "and Acme does")
               for name in products[this]):
            return True
    return False


# a name given with its former one is the former one: "the Premium (formerly Plus) plan" is the Plus plan
_FORMERLY = re.compile(r"(?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z][\w&-]*)){0,3}\s*\((?:formerly|previously)"
                       r"(?:\s+known\s+as)?\s+([^()]{1,60})\)", re.IGNORECASE)


def _as_formerly_named(text: str) -> str:
    return _FORMERLY.sub(r"\1", text) if "(" in text else text


def _form_free(text: str) -> str:
    # a setting's name is a name
    text = _NUMBERING.sub(" ", _QUOTED_LABEL.sub(" Label ", plain(_as_formerly_named(text))))
    return _in_settings(text)  # and so are the menus it is under


def _product_names(text: str, names: AINames) -> frozenset[str]:
    """The names of products and companies in a clause (``_form_free`` text), in their words that say no more than
    a name: "Pro and Business accounts" name plans, not products; defined terms and regions are words of substance;
    the first word of a sentence is a name only when the document introduces it as one."""
    first = next(iter(text.split(None, 1)), "")
    plans = [match.span() for match in _PLANS.finditer(text)]
    found = set()
    for match in itertools.chain(_PRODUCT_NAME.finditer(text), _TALKED_WITH.finditer(text)):
        if ((match.start() == 0 and match.group(1) == first and match.group(1) not in names.products
             and match.group(1) not in names.own) or any(start <= match.start() < end for start, end in plans)):
            continue
        words = normalise_wording(match.group(1)).split()
        if match.group(1) in names.products:  # a product the document introduces is a name, word for word
            found.add(" ".join(words))  # ("Zed Chat, our AI assistant": "chat" names it, not people's chats)
            continue
        plain_words = [word for word in words if not _MEANINGFUL_NAME.search(word) and not _QUALIFIER.search(word)]
        if plain_words:  # "Quill Assist", "Canvasly AI": a name with a plain word is a name, AI words and all
            found.add(" ".join(word for word in words if word in plain_words or _AI_NAME_WORD.fullmatch(word)))
    return frozenset(found)


# the words of AI a product's name ends in: the name stays a name when the product is renamed
_AI_NAME_WORD = re.compile(r"ai|assist(?:ant)?|copilot|intelligence")


_NAME_WORD = r"[A-Z](?:[\w&’'-]|\.(?=\w))*"  # ("Feedback. Customer Content" is two)
_A_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:for|of|on)\s+)?{_NAME_WORD})*"  # "Kestrine for Browsers"
_NAME = re.compile(rf"(?<![\w&’'.-]){_A_NAME}")
_NAMES_SEPARATOR = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?|,\s+")  # (", the …" names one again)
# a list ends with "and" or "or", or with its table cell: "behind Sablewing, Greymantle collects" lists nothing
_LISTED_NAMES = re.compile(rf"(?<![\w&’'.-]){_A_NAME}(?:(?:,\s+{_A_NAME})*,?\s+(?:and|or)\s+(?:the\s+)?{_A_NAME}|"
                           rf"(?:,\s+{_A_NAME})+(?=\s*\|))")


def _same_parties(new: str, old: str) -> bool:
    """The same companies receive, and the same products, plans and companies are covered (a kind of data named as
    a term, "Prompts and Creations", is compared as data: a clause said again in other words names it otherwise)."""
    new, old = _as_formerly_named(new), _as_formerly_named(old)
    return _recipients(new) == _recipients(old) and not _names_added_or_dropped(old, new, terms_for_data=False)


def _names_added_or_dropped(old: str, new: str, terms_for_data: bool = True) -> bool:
    """A product, plan, company or defined term added to (or dropped from) a list of names an AI clause covers, the
    rest kept: the clause now speaks of other people's data, not the same data under a new name ("chats in Orvalo
    Free" → "chats in Orvalo Free and Orvalo Team"; one name put for another in the list is a rename)."""
    (old_names, old_lists), (new_names, new_lists) = _names_and_lists(old), _names_and_lists(new)
    # a word capitalised only to start a sentence or an item ("- Passport and ID photos …") that the other wording
    # writes in lower case ("… passport or ID photos …") is no name
    old_lists, new_lists = _named_only(old_lists, new), _named_only(new_lists, old)

    def grown(lists: tuple[frozenset[str], ...], other_names: frozenset[str], other_lists: tuple[frozenset[str], ...],
              names: frozenset[str]) -> bool:
        for listed in lists:
            if {name for name in listed - other_names if terms_for_data or not _MEANINGFUL_NAME.search(name)} \
                    and listed & other_names:
                counterparts = [other for other in other_lists if other & listed]
                if not any(other - names for other in counterparts):
                    return True
        return False
    return grown(new_lists, old_names, old_lists, new_names) or grown(old_lists, new_names, new_lists, old_names)


def _named_only(lists: tuple[frozenset[str], ...], other: str) -> tuple[frozenset[str], ...]:
    written_lower = set(_LOWER_WORD.findall(other))
    return tuple(frozenset(name for name in listed if name not in written_lower) for listed in lists)


_LOWER_WORD = re.compile(r"\b[a-z][\w-]*")


@functools.lru_cache(maxsize=1024)  # a sentence is compared with many others when a passage is read
def _names_and_lists(text: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """Every name in a clause, and the lists of names it holds."""
    return (frozenset(normalise_wording(name) for name in _NAME.findall(_form_free(text))),
            tuple(frozenset(normalise_wording(name) for name in listed) for listed in _lists_as_written(text)))


@functools.lru_cache(maxsize=1024)
def _lists_as_written(text: str) -> tuple[tuple[str, ...], ...]:
    """The lists of names a clause holds, each name as the clause writes it."""
    return tuple(tuple(name.strip() for name in _NAMES_SEPARATOR.split(match.group(0)))
                 for match in _LISTED_NAMES.finditer(_form_free(text)))


def _names_moved(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names a clause's lists gained and lost, as the new and old versions write them, when they did (see
    ``_names_added_or_dropped``)."""
    if not _names_added_or_dropped(old, new):
        return (), ()
    (old_names, _), (new_names, _) = _names_and_lists(old), _names_and_lists(new)

    def listed_only_in(text: str, others: frozenset[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for listed in _lists_as_written(text) for name in listed
                                   if normalise_wording(name) not in others))
    return listed_only_in(new, old_names), listed_only_in(old, new_names)


_SELF_WORDS = frozenset({"we", "us", "our", "ours", "its", "it"})
# Plans and kinds of account listed by name: "from Individual, Pro and Business accounts"
_PLANS = re.compile(r"(?:[A-Z][\w-]*(?:,\s+|,?\s+(?:and|or)\s+))*[A-Z][\w-]*\s+(?:plans?|accounts?|tiers?|"
                    r"subscriptions?|users|customers|workspaces?|editions?|licen[cs]es|subscribers|members)\b")
_POLAR = re.compile(r"\b(?:on|off|in|out|enabled?|disabled?|allow\w*|block\w*|not|never|always)\b")


def _polar_words(text: str) -> list[str]:
    """The words that say which way a switch or a use goes, in their order."""
    return _POLAR.findall(normalise_wording(text))


# Words whose change is never a typo: "not" → "now" turns a limit into a use; "enabled" → "disable" a switch around.
_NEVER_TYPOS = frozenset("not now no nor never may will can must all any enable enabled disable disabled".split())


def _typos_only(words: set[str], other_side: set[str], this_side: set[str] | frozenset[str] = frozenset()) -> bool:
    """Every word only one side has is a typo of a word the other side has: a letter added, dropped, changed or two
    swapped ("you" → "your", "contents" → "content", "recieve" → "receive"). A kind of data is a slip only of a word
    this side no longer has: "chat messages" put beside "message volumes" names messages."""
    if len(words) > 4 or words & _NEVER_TYPOS:
        return False
    return all(any(_one_slip(word, other) for other in other_side if other not in _NEVER_TYPOS
                   and (other not in this_side or _data_class(word) not in _KNOWN_CLASSES)) for word in words)


def _one_slip(a: str, b: str) -> bool:
    if a[:-1] == b or b[:-1] == a:  # a last letter added or dropped: plural, verb ending
        return min(len(a), len(b)) >= 3
    if len(a) != len(b) or len(a) < 5:
        return False
    differing = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(differing) == 1 or (len(differing) == 2 and differing[1] == differing[0] + 1
                                   and a[differing[0]] == b[differing[1]] and a[differing[1]] == b[differing[0]])


_GENERIC_AI = CaselessPattern(r"\bA\.?I\b|\bML\b|\bNLP\b|\bLLMs?\b|" + AI_TERM.pattern)


def _kinds_of_ai(clauses: frozenset[str]) -> frozenset[str]:
    """The kinds of AI a clause names ("language models", "AI", "generative"), product names left out: a wider
    kind is a change of substance, a renamed product is not."""
    kinds = [re.sub(r"s$", "", match.group(0).lower()) for clause in clauses for match in _GENERIC_AI.finditer(clause)]
    kinds += ["generative" for clause in clauses if _MODELS_THAT_GENERATE.search(clause) or _GEN_AI.search(clause)]
    # models another company runs, however said ("third-party model providers", "models from several providers")
    named = frozenset("model provider" if "provider" in kind else _SAME_KIND.get(kind, kind) for kind in kinds)
    # "machine learning models that detect fraud" names machine learning: what the models do is no other kind
    return frozenset(kind for kind in named if not kind.startswith("model")) or named


_GEN_AI = re.compile(r"\bgen\s?ai\b", re.IGNORECASE)  # "gen AI models" are generative AI models
_MODELS_THAT_GENERATE = re.compile(r"\bmodels?\s+(?:(?:that|which)\s+)?(?:can\s+)?(?:generate|create|produce|make)\b")


_SAME_KIND = {"artificial intelligence": "ai", "a.i": "ai", "ml": "machine learning",
              "nlp": "natural language processing", "machine-learning": "machine learning",
              "llm": "large language model",
              # a voice or face made again is one kind however it is called ("copie": "copies" with the plural's "s"
              # taken off, as every kind is)
              "synthetic copy": "synthetic version", "synthetic copie": "synthetic version",
              "synthetic replica": "synthetic version", "synthetic imitation": "synthetic version"}


# a section's number before its title: "3.4 Improvement."
_SECTION_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})+\.?(?=\s)")
# a list item, also in a box of quoted text ("> - …")
_LIST_ITEM = re.compile(r"^\s*(?:>\s*)*(?:[-*+•●▪]|\(?[0-9ivxlcdm]{1,5}[.)]|\(?[a-z][.)])\s", re.IGNORECASE)
_SECTION_HEADING = re.compile(r"^#{1,6}[ \t]+([^\n]+)$|^\*\*([^*\n]{3,100})\*\*[ \t]*$|"
                              r"^(\w[^\n]{2,100})\n(?:=+|-+)[ \t]*$", re.MULTILINE)  # the last: setext


class _Text:
    """One whole version, asked for the line that introduces the list a sentence is an item of."""

    def __init__(self, text: str | None) -> None:
        self.text = text or ""

    def lead_in(self, sentence: str) -> str | None:
        """The nearest line above the sentence's list that ends with a colon ("You agree not to:"), if any."""
        heading = self.list_heading(sentence)
        return heading if heading and (heading.endswith(":") or heading.startswith("#")) else None

    def sentences_with(self, words: str, limit: int = 12) -> list[str]:
        """The sentences of the text that contain ``words`` (any case), the first ``limit`` of them."""
        lowered, needle = self.lowered, words.lower()
        found: list[str] = []
        position = lowered.find(needle)
        while position >= 0 and len(found) < limit:
            start, end = self.text.rfind("\n", 0, position) + 1, self.text.find("\n", position)
            end = end if end >= 0 else len(self.text)
            found += [piece for piece in split_sentences(self.text[start:end])
                      if needle in piece.lower() and piece not in found]
            position = lowered.find(needle, end)
        return found[:limit]

    @property
    def lowered(self) -> str:
        return lower_text(self.text)

    @functools.cached_property
    def definitions(self) -> dict[str, str]:
        """The terms the version defines ('"Public Content" means …'), with what they mean."""
        found: dict[str, str] = {}
        end, position = 0, self.text.find(" means ")
        while position >= 0:  # looked for only around each "means": a scan of a whole version for quotes costs 1 ms
            match = _DEFINITION.search(self.text, max(end, position - 80), position + 280)
            if match is not None and match.start() <= position:
                found[match.group(1)] = match.group(2).strip()
                end = match.end()
            position = self.text.find(" means ", position + 1)
        return found

    @functools.cached_property
    def items_with_lead_ins(self) -> list[tuple[str, str, str]]:
        """Each item of five words or more of a list under a lead-in ("We use it to:"), without its bullet: the item,
        in lower case (to look for first) and the lead-in. A short item ("your name") turns up in any sentence."""
        return [(item, item.lower(), lead_in) for lead_in, items in _lists_under_lead_ins(self.text)
                for item in (_LIST_ITEM.sub("", line, count=1).strip() for line in items) if item.count(" ") >= 4]

    def _position(self, sentence: str) -> int:
        """Where the sentence starts in the version (found by its first 60 characters), or -1."""
        probe = sentence.strip()[:60]
        return self.text.find(probe) if probe else -1

    def list_heading(self, sentence: str) -> str | None:
        """The line just above the list the sentence is an item of ("**Key points**"), if it is a list item."""
        position = self._position(sentence)
        if position < 0:
            return None
        line_start = self.text.rfind("\n", 0, position) + 1
        if not _LIST_ITEM.match(own := self.text[line_start:position] + sentence):
            return None
        depth = len(own) - len(own.lstrip())
        for line in reversed(self.text[:line_start].splitlines()[-40:]):
            if not line.strip(" \t>"):  # (a blank line of a quoted box, ">", too)
                continue
            if not _LIST_ITEM.match(line):
                return line.strip()
            if len(line) - len(line.lstrip()) < depth and line.rstrip().endswith(":"):
                return line.strip()  # an item of a list inside a list: "* You may not:" leads its items in
        return None

    def table_header(self, sentence: str) -> str | None:
        """The header of the table the sentence is a row of, if it is a row below one (:func:`tables.header_of`)."""
        return tables.header_of(self.text, sentence, self._position(sentence)) if tables.is_row(sentence) else None

    def next_sentence(self, sentence: str) -> str | None:
        """The sentence just after this one in the same paragraph, if any."""
        probe = sentence.strip()
        position = self.text.find(probe) if probe else -1
        if position < 0:
            return None
        after = self.text[position + len(probe):position + len(probe) + 800]
        paragraph = after.split("\n", 1)[0]
        later = [piece for piece in split_sentences(paragraph) if piece.strip()]
        return later[0] if later else None

    def section_heading(self, sentence: str, reach: int = 3000) -> str | None:
        """The heading of the section the sentence is in ("## Model training", "Model training" over "-----", or a
        line in bold alone), when it is at most ``reach`` characters above it."""
        position = self._position(sentence)
        if position <= 0:
            return None
        above = self.text[max(0, position - reach):self.text.rfind("\n", 0, position) + 1]
        headings = _SECTION_HEADING.findall(above)
        return next((heading for pair in reversed(headings) for heading in pair if heading), None)

    def previous_sentence(self, sentence: str, across_paragraphs: bool = False) -> str | None:
        """The sentence just before this one in the same paragraph (or, ``across_paragraphs``, in the paragraph
        above when it opens one), if any."""
        position = self._position(sentence)
        if position <= 0:
            return None
        before = self.text[max(0, position - 800):position]
        if across_paragraphs and not before.rsplit("\n", 1)[-1].strip():
            before = before.rstrip()
        paragraph = before.rsplit("\n", 1)[-1]
        earlier = [piece for piece in split_sentences(paragraph) if piece.strip()]
        return earlier[-1] if earlier else None


@dataclass(frozen=True, slots=True)
class _Context:
    old: _Text
    new: _Text
    service: str | None = None
    names: AINames = NO_NAMES

    def sides(self, finding: Finding) -> tuple[_Text, _Text]:
        """The version a finding stands in, then the other one."""
        return (self.new, self.old) if finding.change == "added" else (self.old, self.new)


def rule_severity(finding: Finding) -> str:
    """The severity of an AI clause added or removed, by its kind: a use of people's data added, or a limit or a way
    out removed, is high."""
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
        return rule_severity(Finding(new.category, "added", "", 0.0, protection=new.protection)), \
            f"{label} added"
    if new.category not in RELEVANT:
        if old.category in RELEVANT:
            return ("high" if old.protection or old.category == "ai_opt_out" else "medium"), \
                f"{_label(old.category, old.protection)} removed"
        return "low", f"{label} changed"
    if old.category == "ai_opt_out" and new.category != "ai_opt_out":
        return "high", "AI opt-out removed"
    if new.category == "ai_opt_out" and (old.structure.modality, new.structure.modality) == ("unless_consent",
                                                                                           "can_refuse"):
        return "high", "AI consent made an opt-out"  # "off by default" made "on by default": used until refused
    if new.category == "ai_opt_out" and old.structure.modality == "unless_consent" and _more_data_named(old.scope,
                                                                                                       new.scope):
        return "high", "AI consent narrowed"  # a kind of data no longer waits for consent
    if _turned_on_by_default(new, old):
        return "high", "AI use turned on by default"  # "…; this is off by default" made "…; this is on by default"
    if old.protection and not new.protection:
        return "high", f"{_label(old.category, True)} removed"
    if new.category == old.category and (new.protection or new.category == "ai_opt_out") \
            and _more_data_named(old.scope, new.scope):
        return "high", f"{label} narrowed"  # a limit or a way out that covers less: the rest is used, and for good
    if new.category in ("ai_training", "ai_data_sharing") and not new.protection:
        if old.category not in ("ai_training", "ai_data_sharing"):
            return "high", f"{label} added"
        if new.scope - old.scope:
            return "high", f"{label} widened"
        return "medium", f"{label} changed"
    if new.protection and old.protection and (old.structure.act, new.structure.act) == ("share", "sell"):
        return "high", f"{label} narrowed; now denies only selling"  # handing it over otherwise is no longer denied
    if said := _limit_now_said(new, old):
        return "high", f"{label} changed; {said}"
    if new.protection:
        return "low", f"{label} {'added' if not old.protection else 'changed'}"
    return "medium", f"{label} changed"


def _limit_now_said(new: SentenceReading, old: SentenceReading) -> str | None:
    """A limit that makes a use reach further, in words: people now read what is used, or a way out that no longer
    takes back what was used."""
    new_limits, old_limits = (_qualifiers(reading.ai_clauses | reading.terms) for reading in (new, old))
    if "human review" in new_limits - old_limits:
        return "people may now read what is used"
    if "removes past" in old_limits - new_limits or "still used" in new_limits - old_limits:
        return "what was already used is no longer taken back"
    return None


_PLACES = frozenset(_PLACE_NAMES) | {"eu", "eea", "uk"}


def _places(reading: SentenceReading) -> frozenset[str]:
    """The places an AI clause names (its qualifiers that are places: "eea", "uk", "california")."""
    return _qualifiers(reading.ai_clauses) & _PLACES


def _place_said(place: str) -> str:
    return place.upper() if len(place) <= 3 else place.title()


def _turned_on_by_default(new: SentenceReading, old: SentenceReading) -> bool:
    """The sentence said its AI use was off by default and now says it is on (its terms carry the default)."""
    off, on = {"off by default", "disabled by default"}, {"on by default", "enabled by default"}
    return bool(old.terms & off) and bool(new.terms & on) and not new.terms & off


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
    service = service or defined_self_name(new_text) or defined_self_name(old_text)  # a file compared names itself
    context = _Context(_Text(old_text), _Text(new_text), service, ai_names_in(old_text, new_text))
    rated = [result for sentence in change.sentences  # a heading names a section and a question asks: neither says
             if not is_heading(sentence.text) and not _is_question(sentence.text)  # what is done; the text does
             and (result := _rate(sentence, context)) is not None]
    rated = _drop_lists_written_out(_drop_restatements(_drop_reflows(rated, old_text, new_text, change)), context)
    rated = _drop_summaries(_drop_split_or_merged(_drop_said_elsewhere(rated, context), context, change), context)
    rated = _drop_answers_spelled_out(rated, context)
    rated = _drop_lists_made_sentences(_drop_restated_with_terms(rated, context), context)
    rated = _drop_lead_ins_written_out(rated, context)
    if rated and (reflowed := _reflowed_sentences(change)):
        rated = [r for r in rated if r.finding.text not in reflowed]
    rated = _drop_rewritten_passages(rated, change, context)
    rated += _widened_licence(change, rated, old_text, new_text)
    if not rated:
        return Assessment(summary="text changed")
    top = max(rated, key=lambda r: (SEVERITY_ORDER[r.severity], r.finding.category in RELEVANT, r.finding.score))
    findings = tuple(r.finding for r in rated)
    return Assessment(findings=findings, severity=top.severity,
                      ai_relevant=any(finding.category in RELEVANT for finding in findings), summary=top.summary)


# The definition of people's Content stretched to cover what they exchange with AI ("including any inputs, prompts,
# outputs"): under a licence that includes AI training, that widens the training.
_CONTENT_COVERS_AI_DATA = CaselessPattern(
    r"\bcontent\b(?:\W+\w+){0,40}?\W+(?:including|includes|such\s+as|means)\b(?:\W+\w+){0,6}?\W+"
    r"(?:prompts?|outputs?|inputs?)\b|"
    r"\bcontent\b(?:\W+\w+){0,3}?\W+means\b(?:\W+\w+){0,20}?\W+(?:together\s+with|as\s+well\s+as|and)\s+(?:\w+\s+){0,3}"
    r"(?:prompts?|outputs?|inputs?)\b")
_LICENCE_FOR_TRAINING = CaselessPattern(
    r"licen[cs]e\s+includes(?:\W+\w+){0,60}?\W+training\s+of\s+(?:\w+\s+){0,6}(?:models?|AI|intelligence)|"
    r"licen[cs]e\b(?:\W+\w+){0,40}?\W+train\w*(?:\W+\w+){0,12}?\W+(?:models?|AI|intelligence|machine[\s-]learning)")


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
            return [_rated(finding, "high", "AI-training licence widened")]
    return []


_SaysTheSame = Callable[[SentenceReading, SentenceReading, str, str], bool]


def _drop_restatements(rated: list[_Rated], sames: tuple[_SaysTheSame, ...] = ()) -> list[_Rated]:
    """Drop a removed AI sentence and an added one that say the same (reordered, split or merged in other words):
    the same category, limit, structure, data, kinds of AI, qualifiers and recipients; or by ``sames``, tried in
    turn."""
    read = [(r, r.reading) for r in rated if r.reading is not None and r.finding.category in RELEVANT]
    removed = [(r, reading) for r, reading in read if r.finding.change == "removed"]
    restated: set[int] = set()
    added = [(r, reading) for r, reading in read if r.finding.change == "added"]
    for same in sames or (_same_substance, _paraphrased):  # word for word first, then in other words
        for new, new_reading in added:
            for old, old_reading in removed:
                if (id(old) not in restated and id(new) not in restated
                        and same(new_reading, old_reading, new.finding.text, old.finding.text)):
                    restated |= {id(old), id(new)}
                    break
    return [r for r in rated if id(r) not in restated]


def _says_the_same(reading: SentenceReading, other: SentenceReading, text: str, other_text: str) -> bool:
    """Word for word (_same_substance) or in other words (_paraphrased)."""
    return _same_substance(reading, other, text, other_text) or _paraphrased(reading, other, text, other_text)


def _added_or_removed_ai(r: _Rated) -> SentenceReading | None:
    """The reading of an added or removed AI-relevant sentence, else None."""
    relevant = r.finding.category in RELEVANT and r.finding.change in ("added", "removed")
    return r.reading if relevant else None


def _anchor(matched: tuple[str, ...], text: str) -> str | None:
    """A word the reading matched that the text itself has (more than three letters), to find its kin elsewhere."""
    return next(iter(_anchors(matched, text)), None)


def _anchors(matched: tuple[str, ...], text: str) -> list[str]:
    """Every such word: a reworded kin may keep only some ("used to improve" made "uses … to improve")."""
    lowered = text.lower()
    return [word for word in matched if len(word) > 3 and word.lower() in lowered]


def _drop_said_elsewhere(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop a removed AI sentence that a sentence kept on both sides still says (a notice taken down once what it
    announced stands in the body), and an added one that such a sentence already said (a summary restating it)."""
    def said(r: _Rated) -> bool:
        if (reading := _added_or_removed_ai(r)) is None:
            return False
        own, other = context.sides(r.finding)
        text = r.finding.text
        anchor = _anchor(reading.matched, text)
        if anchor is None:
            return False
        kept = set(own.sentences_with(anchor))
        return any(sentence in kept and _says_the_same(reading, read_sentence(sentence, names=context.names), text,
                                                       sentence)
                   for sentence in other.sentences_with(anchor))
    return [r for r in rated if not said(r)]


# A box that sums up the text below it: "**Key points**", "## At a glance", "Summary"; or a paragraph that says it
# sums up ("**In short:** we use …")
_SUMMARY = (r"^\W*(?:key\s+(?:points|facts|takeaways)|(?:quick\s+)?summary(?:\s+of\s+(?:the\s+)?(?:main\s+)?changes)?|"
            r"at\s+a\s+glance|in\s+(?:short|brief)|highlights|the\s+short\s+version|tl;?\s*dr|overview)")
_SUMMARY_HEADING = re.compile(_SUMMARY + r"\W*$", re.IGNORECASE)
_SUMMARY_LABEL = re.compile(_SUMMARY + r"(?:\s*:|\.\W*\s)", re.IGNORECASE)  # ("**Summary of changes.** We …")


def _drop_summaries(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop an added or removed AI item of a summary box ("**Key points**") whose version says the same kind of
    thing in its body: the box restates the body, and the body's own changes are judged where they are."""
    def restated(r: _Rated) -> bool:
        if (reading := _added_or_removed_ai(r)) is None:
            return False
        side, _ = context.sides(r.finding)
        heading = side.list_heading(r.finding.text)
        if not (heading and _SUMMARY_HEADING.match(plain(heading))) and not _SUMMARY_LABEL.match(plain(r.finding.text)):
            return False
        body = [sentence for line in side.text.splitlines() for sentence in split_sentences(line)
                if sentence != r.finding.text
                and (heading is None or side.list_heading(sentence) != heading)]
        # (a box sums up several clauses at once, limits among them: the kind of clause is what it restates, or the
        # words that made it one: "… to improve its answers unless you opt out" over "We use … to improve its answers")
        phrases = [phrase.lower() for phrase in reading.matched if len(phrase.split()) > 2]
        return any(read_sentence(_as_answered(sentence), names=context.names).category == reading.category
                   or any(phrase in sentence.lower() for phrase in phrases) for sentence in body)
    return [r for r in rated if not restated(r)]


def _drop_answers_spelled_out(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop an added or removed FAQ entry answered in a word or two ("**Does the planner use an outside AI?** Yes.")
    when the next sentence of its paragraph says the same kind of thing in full, and that sentence stands unchanged
    in the other version or is AI-relevant by itself (so that its own change is judged where it stands): an FAQ
    rewritten as prose loses only its questions."""
    def spelled_out(r: _Rated) -> bool:
        if (reading := _added_or_removed_ai(r)) is None:
            return False
        entry = _QUESTION_FIRST.match(r.finding.text)
        if entry is None or not _SHORT_ANSWER.match(entry.group(2)):
            return False
        side, other_side = context.sides(r.finding)
        if (following := side.next_sentence(r.finding.text)) is None:
            return False
        if following.strip() in other_side.text:  # the full answer stands unchanged in the other version
            other = read_sentence(_with_question(entry.group(1), following), names=context.names)
        else:  # it changed too: its own reading must carry the clause, to be judged where it stands
            other = read_sentence(following, names=context.names)
        return _same_kind(other, reading)
    return [r for r in rated if not spelled_out(r)]


def _same_kind(one: SentenceReading, other: SentenceReading) -> bool:
    """The same kind of thing said: one category, and both a limit or both not."""
    return one.category == other.category and one.protection == other.protection


def _drop_restated_with_terms(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop a removed AI sentence and an added one that say the same once defined terms are read as what they mean."""
    if not (context.old.definitions or context.new.definitions):
        return rated
    return _drop_restatements(rated, (lambda _new, _old, new_text, old_text:
                                      _same_once_terms_are_read(old_text, new_text, context),))


def _drop_lists_made_sentences(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop the findings of a list that became one sentence, or a sentence that became a list: "We use the following
    to train our models: * your searches; * your bookings" and "We train our models on your searches and bookings"
    read the same once the lead-in is read with its items."""
    relevant = [r for r in rated if r.finding.category in RELEVANT and r.finding.change in ("added", "removed")]
    if not relevant:
        return rated
    texts = {r.finding.text.strip() for r in relevant}
    dropped: set[int] = set()
    for change, side, other_change in (("removed", context.old, "added"), ("added", context.new, "removed")):
        for lead_in, items in _lists_under_lead_ins(side.text):
            if lead_in not in texts:
                continue
            spoken = [_LIST_ITEM.sub("", item, count=1).strip().rstrip(";,.") for item in items]
            whole = f"{lead_in.rstrip(':').rstrip()} {', '.join(spoken)}."
            listed = {lead_in, *(item.strip() for item in items)}
            candidates = [(whole, listed)]
            # (a way out said on the line under a list, once said in the list's sentence)
            if after := _sentence_after(side.text, items[-1]):
                candidates.append((f"{whole[:-1]}, and {after}", listed | {after}))
            for said, covered in candidates:
                reading = read_sentence(said, names=context.names)
                if reading.category not in RELEVANT:
                    continue
                matches = [r for r in relevant if r.finding.change == other_change and id(r) not in dropped
                           and _same_words(said, r.finding.text, context.names.own_words)
                           and _says_the_same(reading, read_sentence(r.finding.text, names=context.names), said,
                                              r.finding.text)]
                if matches:
                    dropped |= {id(r) for r in relevant
                                if r.finding.change == change and r.finding.text.strip() in covered}
                    dropped.add(id(matches[0]))
                    break
    return [r for r in rated if id(r) not in dropped]


def _sentence_after(text: str, line: str) -> str | None:
    """The first sentence of the line after ``line`` (blank lines skipped) when that is no list item, if any."""
    position = text.find(line)
    if position < 0:
        return None
    following = next((rest for rest in text[position + len(line):].split("\n") if rest.strip()), "")
    if not following or _LIST_ITEM.match(following) or is_heading(following.strip()):
        return None
    return next((piece for piece in split_sentences(following) if piece.strip()), None)


# ("We may use the following to train our models: …" written out is "We may train our models on …")
_LIST_WORDS = frozenset({"following", "these", "this", "include", "includes", "including", "use", "uses", "to"})


def _same_words(first: str, second: str, own_words: frozenset[str]) -> bool:
    """The same words but for function words, the company's name for itself and a list's own words ("the
    following"): every item of a list is in the sentence that lists them, and nothing more."""
    left = set(normalise_wording(first).split()) ^ set(normalise_wording(second).split())
    return not left - _FUNCTION_WORDS - _SELF_WORDS - _LIST_WORDS - own_words


_SPLIT_LENGTH = 400


def _drop_split_or_merged(rated: list[_Rated], context: _Context, change: Change) -> list[_Rated]:
    """Drop an AI finding that, read together with the sentence beside it, says what a changed sentence of the other
    version says (alone or with the one beside it): a clause split in two ("…, unless you opt out." made "… . You can
    opt out; otherwise …") or two merged into one. A split or a merge changes both versions."""
    changed = {"old": {s.old or s.text for s in change.sentences if s.kind in ("removed", "modified")},
               "new": {s.text for s in change.sentences if s.kind in ("added", "modified")}}
    readings: dict[str, SentenceReading] = {}

    def read(text: str) -> SentenceReading:
        if text not in readings:
            readings[text] = read_sentence(_as_answered(text), names=context.names)
        return readings[text]

    def beside(sentence: str, side: _Text) -> list[tuple[str, str]]:
        """The sentence read with the one before it and with the one after it, each with that neighbour; one that
        goes on naming data ("This includes your photos.") is read into the one before it ("…, including …")."""
        before, after = side.previous_sentence(sentence), side.next_sentence(sentence)
        return ([(_joined(before, sentence), before)] if before else []) + ([(_joined(sentence, after), after)] if after
                                                                            else [])

    def explained(r: _Rated) -> bool:
        finding = r.finding
        if finding.category not in RELEVANT or len(finding.text) > _SPLIT_LENGTH:
            return False  # splits and merges are of sentences, not of the long blocks a page may hold
        if finding.change == "modified" and finding.old_text is not None and _list_item_added_or_dropped(
                _as_answered(finding.old_text), _as_answered(finding.text), context):
            return False  # an item taken out of its list, the rest as it was, is no split
        own, other = (context.old, context.new) if finding.change == "removed" else (context.new, context.old)
        other_changed = changed["new" if finding.change == "removed" else "old"]
        composed = beside(finding.text, own)
        anchors = _anchors(finding.matched, " ".join([finding.text] + [text for text, _ in composed])) + [
            item.removesuffix("y") for item in _items_named(finding.text)]  # the things it names ("diar" of
        # "diaries"): "With your consent" may be "If you consent" there
        found = {sentence: beside(sentence, other) for anchor in anchors
                 for sentence in other.sentences_with(anchor, limit=6) if sentence in other_changed}
        others = [text for sentence, neighbours in found.items() if len(sentence) <= _SPLIT_LENGTH
                  for text in [sentence, *(together for together, _ in neighbours)]]
        if not others:
            return False
        if finding.change == "modified" and any(
                _says_the_same(read(finding.text), read(together), finding.text, together)
                for neighbours in found.values() for together, neighbour in neighbours
                if neighbour in other_changed and _GOES_ON.match(plain(neighbour))):
            return True  # its old version and the sentence that went on naming its data merged into it
        if finding.change == "modified" and finding.old_text is not None and read(finding.old_text).category is None \
                and read(finding.text).category in RELEVANT:
            return False  # a sentence that now says an AI use it did not: no split or merge of one that did
        edited_alike = finding.change == "modified" and finding.old_text is not None and (
            (new_own := read(finding.text)).category == (old_own := read(finding.old_text)).category)
        own_data_changed = edited_alike and not _same_data(new_own.scope, old_own.scope)
        own_changed = changed["old" if finding.change == "removed" else "new"]
        said_before, said_now = _as_answered(finding.old_text or ""), _as_answered(finding.text)
        own_structure_changed = edited_alike and (
            not _same_structure(new_own.structure, old_own.structure)
            or _everyone_no_longer_chooses(said_before, said_now, new_own, old_own)
            or _denial_narrowed_or_widened(said_before, said_now, new_own, old_own))
        for text, neighbour in composed:
            reading = read(text)
            if (own_structure_changed or finding.change == "modified" and finding.category != "ai_opt_out"
                    and reading.category != finding.category) and neighbour not in own_changed:
                continue  # ("may use" made "will use" beside the same "You can opt out": no merge, however the two
                # read together)
            # a use and its way out merged ("… to train our AI. You can opt out." made "…; you can opt out") read
            # as a way out: the same only where both name the same data
            recategorised = reading.category != finding.category and finding.change != "modified"
            if recategorised and not _items_named(text) or reading.category != finding.category and own_data_changed:
                continue  # (a limit that drops a kind of data is no merge with the way out beside it)
            if (any(_says_the_same(reading, read(other_text), text, other_text)
                    and (not recategorised or _same_items(other_text, text)) for other_text in others)
                    and not any(_says_the_same(reading, read(part), text, part)  # neither says it alone
                                and (not recategorised or _same_items(part, text))
                                for part in (finding.text, neighbour))):
                return True
        return merged_from(finding, read(finding.text), found, other_changed)

    def merged_from(finding: Finding, reading: SentenceReading, found: dict[str, list[tuple[str, str]]],
                    other_changed: set[str]) -> bool:
        """The sentence says what two changed sentences of the other version say together, and neither alone."""
        def says(other_text: str) -> bool:  # (a way out that names no data says the same only as a modified one)
            other = read(other_text)
            return _says_the_same(reading, other, finding.text, other_text) and (
                _same_items(other_text, finding.text)
                or finding.change == "modified" and other.category == reading.category)
        return any(neighbour in other_changed and says(together) and not says(sentence) and not says(neighbour)
                   for sentence, neighbours in found.items() for together, neighbour in neighbours)
    return [r for r in rated if not explained(r)]


# -- a passage rewritten as a whole: split, merged, reordered ---------------------------------------------------

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = "|".join(word for word in _NUMBER_WORDS if word not in _TENS)
# "36 months", "three years", "forty-eight hours", "ten messages"
_COUNT = re.compile(r"\b(\d+|(?:(?:" + "|".join(_TENS) + r")[\s-])?(?:" + _UNITS + r")|" + "|".join(_TENS) + r")"
                    r"(?:[\s-]+(hours?|days?|weeks?|months?|years?))?\b")
_WORD = re.compile(r"[A-Za-z][\w-]*")
# The ways a person goes: agreeing or switching a use on, refusing or switching it off.
_SWITCHED = r"(?:turn|switch)\w*\s+(?:[\w\"'-]+\s+){0,3}?"  # "turn it", "switch 'Share clips'"
# (never "not allowed", "never permits": a ban)
_DIRECTIONS = (("in", re.compile(r"\b(?:consent\w*|agree\w*|permission|(?<!not\s)(?<!never\s)permit\w*|"
                                 r"(?<=you\s)(?:join|enrol)\w*|(?:join|enrol)\w*\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,5}?program|"
                                 rf"opt(?:s|ed|ing)?[\s-]in|activat\w+|enabl\w+|{_SWITCHED}on\b|"
                                 r"(?<!not\s)(?<!never\s)allow\w*)")),
               ("out", re.compile(r"\b(?:refus\w+|object\w*|opt(?:s|ed|ing)?[\s-]out|deactivat\w+|disabl\w+|"
                                  rf"{_SWITCHED}off\b|withdraw\w*|untick\w*|leav(?:e|es|ing)\s+(?:the\s+)?(?:[\w-]+\s+){{0,5}}?"
                                  r"program(?:me)?)|\b(?:to|can|cannot|can\s+not)\s+stop\b")))
# a switch named with both its ways, or a choice of whether to turn it on, goes neither way ("turned on or off by
# channel owners", "owners decide whether to turn it on")
_EITHER_WAY = re.compile(r"\b(?:on\s+or\s+off|off\s+or\s+on|in\s+or\s+out|out\s+or\s+in)\b|"
                         rf"\bwhether\s+(?:or\s+not\s+)?to\s+{_SWITCHED}(?:on|off)\b")
# a state by default is no way a person goes: "Energy Saver is switched on by default"
_STATE_BY_DEFAULT = re.compile(r"\b(?:switched|turned|set)\s+(?:on|off)\s+(?=by\s+default\b)")
# How a use stands until one chooses, in normalised wording: on ("on by default", "unless you switch it off") or off
# ("off by default", "only if you switch it on", "unless you opt in")
_DEFAULTS = (("on", re.compile(r"\b(?:on|enabled)\s+(?:by\s+default|when\s+you\s+first)\b|"
                               r"\bdefault\s+(?:is\s+|setting\s+is\s+)?on\b|"
                               rf"\b(?:unless|if)\s+(?:you|they)\s+(?:do\s+not\s+)?(?:opt\s+out|object|{_SWITCHED}off\b)")),
             ("off", re.compile(r"\b(?:off|disabled)\s+(?:by\s+default|when\s+you\s+first)\b|"
                                r"\bdefault\s+(?:is\s+|setting\s+is\s+)?off\b|"
                                rf"\bunless\s+(?:you|they)\s+(?:opt\s+in|consent|agree|{_SWITCHED}on\b)|"
                                rf"\bonly\s+(?:if|when|after|once)\s+(?:you|they)\s+(?:have\s+)?(?:opt\w*\s+in|"
                                rf"consent\w*|agree\w*|join\w*|enrol\w*|{_SWITCHED}on\b)")))
_DENIAL = re.compile(_NEGATION_WORD.pattern +  # and "stay excluded", "barred by contract from", "we stop using"
                     r"|\b(?:exclud\w*|barred|bars|prohibit\w*|forbid\w*|stop(?:s|ped)?\s+us(?:e|es|ing)\b|"
                     r"stop(?:s|ped)?\s+(?:[\w-]+\s+){1,2}?from\s+us(?:e|es|ing)\b)")
_CLAUSE_OF_A_DENIAL = re.compile(r"[;:]\s|,\s+(?:and|but|or|while|whereas|although|nor)\s+|(?<=[.!?])\s+|"
                                 r"\s+(?:and|but)\s+(?=(?:we|it|they|you)\b)")
# "not … unless you agree" is "only if you agree": a denial with its gate is no denial
_GATED = re.compile(r"\b(?:unless|except|without|only\s+(?:if|when|with|after|once|where))\b")
# words a rewrite adds or drops freely: "only", "solely", "including", "generally"
_REWORDED_QUALIFIERS = frozenset({"only", "including", "all", "unless", "not", "solely", "exclusively", "otherwise",
                                  "generally", "normally", "usually", "typically"})
_ANY_DATA = frozenset({"data", "content", "information", "personal data", "personal information"})


_ITEM_LABEL = re.compile(r"^(\s*(?:[-*+•]|\d{1,2}[.)])\s+)(?:\*\*|__)[^*_\n]{1,40}?"
                         r"(?:[:.](?:\*\*|__)|(?:\*\*|__)[:.])\s*")
_NAMED_HERE = re.compile(r"\s*\((?:(?:your|the|our|its|their)\s+)?[“\"][^”\"]{1,40}[”\"]\)")


# a product named with "AI" ("Notably AI"): a name, not a kind of AI, unless the passage writes its word in lower case
_AI_PRODUCT = re.compile(r"\b(?!(?:No|Any|All|Our|The|This|That|These|Those|Your|Its|Their|Each|Every|Some|Other|Such|"
                         r"Which|What|Whose|How|Why|When|Where|With|About|Using|Use)\b)([A-Z][a-z][\w-]*)\s+AI\b")


@dataclass(frozen=True, slots=True)
class _PassageClaims:
    """What a run of changed sentences says, read as one passage, in its words: compared with the run it replaced."""
    denies: bool  # anything denied outright ("we do not share …")
    kinds_of_ai: frozenset[str]
    periods: frozenset[str]  # "36 month", "72 hour", and other counts above three ("10")
    directions: frozenset[str]  # "in" (agree, switch on), "out" (refuse, switch off)
    defaults: frozenset[str]  # how a use stands until one chooses: "on" (unless you switch it off), "off"
    qualifiers: frozenset[str]
    data: frozenset[str]  # the kinds of people's data a use takes
    mentioned: frozenset[str]  # every kind of people's data named, examples too
    recipients: frozenset[str]
    names: frozenset[str]
    speakers: frozenset[str] = frozenset()  # the words of names that act as "we" do ("Acme collects …")
    says_we: bool = False

    @classmethod
    def of(cls, sentences: list[str], names: AINames, vocabulary: frozenset[str]) -> _PassageClaims:
        # not a list's bare "4.", nor a name given to what was just listed ('… and reviews (your "Contributions")')
        # nor the label of a list item ("- **Location:** …"): a heading of the item, not data it names
        sentences = [_ITEM_LABEL.sub(r"\1", _NAMED_HERE.sub("", sentence)) for sentence in sentences
                     if _WORD.search(sentence)]
        said = [plain(_as_answered(sentence)) for sentence in sentences]  # an FAQ entry's answer
        # a heading names a topic; "a tutor that comments on drafts" names no comments
        said_of_data = [_DATA_WORD_AS_VERB.sub(r"\1does", sentence) for sentence in sentences
                        if not is_heading(sentence) and not _TABLE_HEADER.search(sentence)]
        wordings = frozenset(map(normalise_wording, said))
        return cls(
            denies=any(_DENIAL.search(clause) and not _GATED.search(clause) for text in said
                       for clause in map(normalise_wording, _CLAUSE_OF_A_DENIAL.split(text))),
            kinds_of_ai=_kinds_of_ai(frozenset(normalise_wording(_without_ai_products(text, vocabulary))
                                               for text in said)),
            periods=frozenset(period for text in said for period in _periods(normalise_wording(
                _NUMBERING.sub(" ", _LIST_ITEM.sub("", _SECTION_NUMBER.sub("", text, count=1), count=1))))),
            directions=frozenset(way for wording in wordings for way, pattern in _DIRECTIONS if pattern.search(
                _EITHER_WAY.sub(" either way ", _STATE_BY_DEFAULT.sub(" ", wording)))),
            defaults=frozenset(default for wording in wordings for default, pattern in _DEFAULTS
                               if pattern.search(wording)),
            qualifiers=frozenset("refuse" if qualifier in _REFUSING else qualifier.removesuffix("s")
                                 if qualifier in ("settings", "forms") else qualifier
                                 for qualifier in _qualifiers(wordings)
                                 if not qualifier.startswith("not ×") and not qualifier.endswith(" data")
                                 and qualifier not in _REWORDED_QUALIFIERS and not _SWITCH_STATE.fullmatch(qualifier)),
            data=frozenset(item for sentence in said_of_data for item in _items_named(sentence)) - _ANY_DATA,
            mentioned=frozenset(_canonical_item(span[2]) for sentence in said_of_data  # examples: "posts, including …"
                                for span in _spans(USER_DATA, plain(sentence))) - _ANY_DATA,
            recipients=frozenset(name.rstrip(".") for sentence in sentences for name in _recipients(sentence)),
            names=_names_written([sentence for sentence in sentences if not is_heading(sentence)], vocabulary)
            - names.own_words,
            speakers=frozenset(word.lower() for sentence in said for match in _SPEAKER.finditer(sentence)
                               for word in match.group(1).split()),
            says_we=any(_WE.search(sentence) for sentence in said))

    def differences(self, new: _PassageClaims, words: frozenset[str], new_words: frozenset[str],
                    document: _Text, new_document: _Text, names: AINames = NO_NAMES) -> list[str]:
        """What the new passage claims otherwise than this one, in words ("kept 30 days → 90 days", "+ Ardent").
        A qualifier, kind of data or recipient that one side reads and the other does not counts only when the other
        side's run lacks its words; a name, only when the other version never writes it."""
        stems, new_stems = _stems(words), _stems(new_words)
        said = []
        if self.denies != new.denies:
            said.append("a denial added" if new.denies else "a denial dropped")
        if self.defaults and new.defaults and self.defaults != new.defaults:
            said.append(f"{_listed_defaults(self.defaults)} → {_listed_defaults(new.defaults)}")
        # where both say a use is on until one refuses, agreeing to it is that default said again ("By uploading,
        # you allow us to …, unless you turn off …")
        granted = frozenset({"in"}) if self.defaults == new.defaults == frozenset({"on"}) else frozenset()
        for old_claim, new_claim in ((self.periods, new.periods), _beyond_plain_ai(self.kinds_of_ai, new.kinds_of_ai),
                                     (self.directions - granted, new.directions - granted)):
            if _inflected_alike(old_claim) != _inflected_alike(new_claim):
                said.append(f"{_listed(old_claim - new_claim)} → {_listed(new_claim - old_claim)}")
        # (a kind of data named as an example counts only where the other side writes it in none of its spellings:
        # "videos, including their audio" made "videos, including … audio" is no recording dropped)
        claims = ((_switches_as_one(self.qualifiers), _switches_as_one(new.qualifiers), lambda x: x, _unwritten),
                  (self.recipients, new.recipients, lambda x: x, _unwritten), (self.data, new.data, _heads, _unwritten),
                  (self.mentioned, new.mentioned, _heads, _unwritten_in_any_spelling))
        for old_claim, new_claim, entries, unwritten in claims:
            dropped = [entry for entry in entries(old_claim - new_claim) if unwritten(entry, new_stems)]
            added = [entry for entry in entries(new_claim - old_claim) if unwritten(entry, stems)]
            said += [f"− {entry}" for entry in sorted(dropped)] + [f"+ {entry}" for entry in sorted(added)]
        named = " ".join(said).lower()  # a name a recipient already says ("+ Ardent Labs") is not said again
        renamed = _renamed_products(names, document, new_document) if self.names ^ new.names else frozenset()
        # the company naming itself on one side and saying "we" on the other ("Acme collects …" made "We collect …")
        renamed |= (self.speakers if new.says_we else frozenset()) | (new.speakers if self.says_we else frozenset())
        # ("Penny" made "Ferrow Assistant"); a single word put for a single word, each written nowhere in the other
        # version, is the thing renamed throughout ("Ephemeral chats" made "Ghost chats")
        dropped = [name for name in sorted(self.names - new.names - renamed)
                   if _unnamed(frozenset([name]), new_document) and name not in named]
        added = [name for name in sorted(new.names - self.names - renamed)
                 if _unnamed(frozenset([name]), document) and name not in named]
        if len(dropped) != 1 or len(added) != 1:
            said += [f"− {name}" for name in dropped] + [f"+ {name}" for name in added]
        return list(dict.fromkeys(said))


def _beyond_plain_ai(kinds: frozenset[str], new_kinds: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Two passages' kinds of AI, plain "AI" left out where both name a kind of it ("Your AI choices:" above "… to
    train our recommendation models" says no other kind than the models)."""
    if kinds - {"ai"} and new_kinds - {"ai"}:
        return kinds - {"ai"}, new_kinds - {"ai"}
    return kinds, new_kinds


# a table's header with the line under it ("| Question | Answer | |---|---|"): the columns' names, no data
_TABLE_HEADER = re.compile(r"\|\s*:?-{3,}")


# A word for people's things used as a verb: after its subject ("a tutor that comments on drafts", "users who post a
# photo", "you upload at least …") and before what it acts on
_DATA_WORD_AS_VERB = re.compile(r"(\b(?:that|who|which|you|we|they|to|can|may|will|must|or|and)\s+)"
                                r"(?:comments?|posts?|uploads?|messages?|shares?|searches?|texts?|chats?)"
                                r"(?=\s+(?:on|at|a|an|the|your|their|its|it|them|this|that|these|those|about|up|with)\b)")


def _switches_as_one(qualifiers: frozenset[str]) -> frozenset[str]:
    """A passage's qualifiers with every switch one: "in Settings", "in the app", "with the setting off"."""
    return frozenset("setting" if qualifier in _SWITCHES else qualifier for qualifier in qualifiers)


def _without_ai_products(text: str, vocabulary: frozenset[str]) -> str:
    return _AI_PRODUCT.sub(lambda match: match.group(0) if match.group(1).lower() in vocabulary else " ", text)


def _renamed_products(names: AINames, document: _Text, new_document: _Text) -> frozenset[str]:
    """The words of the AI products one version names and the other does not, when each names one the other does
    not: a product renamed."""
    dropped = {name for name in names.products if name.lower() in document.lowered
               and name.lower() not in new_document.lowered}
    added = {name for name in names.products if name.lower() in new_document.lowered
             and name.lower() not in document.lowered}
    if not dropped or not added:
        return frozenset()
    return frozenset(word.lower().rstrip("s") for name in dropped | added for word in _WORD.findall(name))


def _listed_defaults(defaults: frozenset[str]) -> str:
    return " and ".join(f"{default} by default" for default in sorted(defaults))


def _inflected_alike(claims: frozenset[str]) -> frozenset[str]:
    """Claims with each word's ending dropped: "generate portraits of you" and "generating portraits of you" are
    one kind of AI."""
    return frozenset(" ".join(map(_stem, claim.split())) for claim in claims)


_INFLECTION = re.compile(r"(?<=\w{3})(?:ations?|ing|ed|es|e|s|ly)$")


def _listed(claims: frozenset[str]) -> str:
    """Claims as a reader says them: "36 month" is "36 months", "in" is agreeing or switching on."""
    said = [_DIRECTION_SAID.get(claim) or _COUNTED.sub(r"\1 \2s", claim) for claim in sorted(claims)]
    return ", ".join(said) or "nothing"


_COUNTED = re.compile(r"^(\d*[02-9]|\d+\d) (\w+)$")  # "36 month" → "36 months", not "1 month"


_DIRECTION_SAID = {"in": "agreeing or switching on", "out": "refusing or switching off"}


def _what_ai_is_said(sentences: list[str], names: AINames) -> tuple[bool, bool]:
    """Whether a passage says anything of AI, and anything of likeness (read last: reading costs most)."""
    categories = {read_sentence(_as_answered(sentence), names=names).category for sentence in sentences}
    return bool(categories & set(RELEVANT)), "ai_likeness" in categories


# "off by default", "turn it on": which way a switch stands, said by the ways a person goes (``directions``) in a
# passage, where "only after you switch it on" is "off by default"
_SWITCH_STATE = re.compile(r"(?:it|this)\s+(?:on|off)|(?:on|off|in|out)\s+(?:by\s+default|unless)")


def _heads(things: frozenset[str]) -> frozenset[str]:
    """The word a kind of data is named by, its last ("temperature reading" → "reading"), where a list was read
    whole ("the place of your date of birth"); never a word that only joins ("together with")."""
    return frozenset(" ".join(words[-2:]) if words[-1] in _GENERIC_HEADS else words[-1] for thing in things
                     if (words := _WORD.findall(thing)) and words[-1] not in _CONNECTIVES | _MANNER)


_GENERIC_HEADS = frozenset({"data", "information", "info", "details", "content"})  # "sleep data" is named by "sleep"


# "patterns in how you use your devices" names a manner, not a thing people give ("what you share" is one)
_MANNER = frozenset({"how", "why", "when", "where", "which", "who", "whom"})
_CONNECTIVES = frozenset({"together", "along", "alongside", "also", "well", "so"})


def _unwritten(entry: str, stems: frozenset[str]) -> bool:
    """Whether the entry has a word the text does not write, in any inflection ("personalizing" writes
    "personalize")."""
    return any(_stem(word) not in stems for word in _WORD.findall(entry.lower()))


def _unwritten_in_any_spelling(entry: str, stems: frozenset[str]) -> bool:
    """Whether the entry is unwritten in each of the spellings one kind of data is read in ("chat" is also written
    as "conversation", "file" as "document")."""
    return all(_unwritten(spelling, stems) for spelling in _SPELLINGS.get(entry, (entry,)))


# each kind of data with the words it is read in (_SAME_ITEM, _SAME_HEAD)
_SPELLINGS: dict[str, tuple[str, ...]] = {}
for _spelling, _kind in (*_SAME_ITEM.items(), *_SAME_HEAD.items()):
    _SPELLINGS[_kind] = (*_SPELLINGS.get(_kind, (_kind,)), _spelling)


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(map(_stem, words))


def _stem(word: str) -> str:
    return _INFLECTION.sub("", word)


def _unnamed(names: frozenset[str], document: _Text) -> bool:
    """Whether the version never writes one of the names (lower case, a plural "s" taken off)."""
    return any(not re.search(rf"\b{re.escape(name)}", document.lowered) for name in names)


# "a year and a half", "one and a half years", "half a year": said in months, as the other side may say them
_HALF_YEARS = re.compile(r"\b(?:(a|one|two|three|four|five|\d+)\s+years?\s+and\s+a\s+half|"
                         r"(a|one|two|three|four|five|\d+)\s+and\s+a\s+half\s+years?|(half)\s+a\s+year)\b",
                         re.IGNORECASE)


def _in_months(match: re.Match[str]) -> str:
    count = match.group(1) or match.group(2)
    if not count:
        return "6 months"
    whole = 1 if count.lower() in ("a", "one") else int(_NUMBER_WORDS.get(count.lower(), count))
    return f"{whole * 12 + 6} months"


def _periods(wording: str) -> frozenset[str]:
    """Durations in one unit ("three years" and "36 months" are "36 month") and other counts above three."""
    found = set()
    for number, unit in _COUNT.findall(_HALF_YEARS.sub(_in_months, wording)):
        value = int(number) if number.isdigit() else sum(
            _TENS.get(part) or int(_NUMBER_WORDS.get(part, "0")) for part in re.split(r"[\s-]", number))
        unit = unit.rstrip("s")
        if unit == "year":
            value, unit = value * 12, "month"
        if unit or value > 3:  # "one of", "two purposes" count nothing
            found.add(f"{value} {unit}".strip())
    return frozenset(found)


def _written_words(sentences: list[str]) -> frozenset[str]:
    """The words of a text in lower case, each also without a plural "s" and in the singular a kind of data is
    read in (:func:`_singular`: "selfies" is also "selfie" and "selfy"), and without "'s"."""
    words = [word.lower() for sentence in sentences for word in _WORD.findall(_POSSESSIVE.sub("", plain(sentence)))]
    return frozenset(words) | frozenset(word.rstrip("s") for word in words) | frozenset(map(_singular, words))


_POSSESSIVE = re.compile(r"['’]s\b")


def _names_written(sentences: list[str], vocabulary: frozenset[str]) -> frozenset[str]:
    """The names a passage writes: capitalised words, not a sentence's first (nor a table cell's), that neither side
    writes in lower case."""
    pieces = [piece for sentence in sentences for piece in (
        tables.cells(sentence) if tables.is_row(sentence) else [_LIST_ITEM.sub("", sentence, count=1)])]
    return frozenset(word.lower().rstrip("s") for piece in pieces
                     for word in _WORD.findall(_POSSESSIVE.sub("", plain(piece)))[1:]
                     if word[0].isupper() and word.lower() not in vocabulary and word.lower() not in _ANSWERS
                     and word.lower().split("-")[0] not in _ROLES and word.lower() not in _LEGAL_REFERENCES)


# The parts of a law or a contract a passage cites ("Article 6(1)(a) GDPR", "Art. 6"): no party, however spelt
_LEGAL_REFERENCES = frozenset({"article", "art", "section", "sec", "clause", "recital", "paragraph", "para", "annex",
                               "schedule", "appendix"})


# A name that acts as a company speaking of itself does: "Acme collects …", "Acme Auto may use …"
_SPEAKER = re.compile(r"(?<![\w’'-])(?!(?:You|We|They|It|This|That|These|Those|He|She|I)\b)"
                      r"((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)\s+(?:may|might|will|shall|can|could|does|uses|"
                      r"collects|transmits|shares|sends|processes|keeps|stores|retains|reserves|trains|analy[sz]es|"
                      r"offers|provides)\b")
_WE = re.compile(r"\b(?:[Ww]e|[Uu]s|[Oo]ur)\b")
# Roles a document's terms capitalise, not names: "User-submitted reviews", "a Customer's data"
_ROLES = frozenset({"user", "users", "customer", "customers", "member", "members", "subscriber", "subscribers",
                    "licensee", "licensees", "client", "clients"})


# "**Can I turn it off?** Yes, …", and a table's header ("| What we share | With whom | Why |")
_ANSWERS = frozenset({"i", "yes", "no", "ok", "what", "who", "whom", "where", "why", "when", "how", "which"})


def _replaced_runs(change: Change) -> list[tuple[list[str], list[str]]]:
    """Each run of sentences a hunk replaces: the removed ones and the added ones in their place."""
    runs = []
    for hunk in change.hunks:
        old: list[str] = []
        new: list[str] = []
        for mark, sentence in (*hunk.lines, (" ", "")):
            if mark == "-":
                old.append(sentence)
            elif mark == "+":
                new.append(sentence)
            elif old or new:
                runs.append((old, new))
                old, new = [], []
    return runs


def _drop_rewritten_passages(rated: list[_Rated], change: Change, context: _Context) -> list[_Rated]:
    """Drop the findings of a run of AI sentences split, merged or rewritten in other words (more sentences on one
    side than the other, or several a side none of which was edited in place) whose claims read the same as one
    passage (_PassageClaims), both or neither saying anything of AI, and of likeness. A run where one side only adds
    to the other (an item appended to a list) is no rewrite. The AI sentences of the runs left over, read as one
    passage a side, are a passage moved elsewhere (sections reordered) and rewritten on the way, when they read the
    same."""
    if not rated:
        return rated
    rewritten: set[str] = set()
    changed_in: dict[str, str] = {}  # a sentence of a rewritten run that changed: what changed
    edited = {sentence.old: sentence.text for sentence in change.sentences
              if sentence.kind == "modified" and sentence.old is not None}
    left_old: list[str] = []
    left_new: list[str] = []
    for old, new in _replaced_runs(change):
        old, new = _without_plain_edits(old, new, edited, context.names)
        if not old or not new:  # (a passage added or taken away, or one half of a passage moved)
            left_old += old
            left_new += new
            continue
        if len(old) == len(new) and not _read_as_a_passage(old, new, edited, context):
            continue  # (a sentence edited in place, or replaced by one that says another thing, is judged alone)
        run = set(old) | set(new)
        if not any(r.finding.category in RELEVANT and (r.finding.text in run or r.finding.old_text in run)
                   for r in rated):
            continue
        if not _says_anything_of_ai(old, context.old, context.names) \
                or not _says_anything_of_ai(new, context.new, context.names):
            left_old += old
            left_new += new
            continue  # an AI passage beside a section that took its place: moved, not rewritten here
        differences = _passage_differences(old, new, context)
        if differences is None:
            continue
        if not differences and _what_ai_is_said(old, context.names) == _what_ai_is_said(new, context.names):
            rewritten |= run
        elif differences:  # a rewrite that changed: its findings say what changed ("30 days → 90 days")
            for sentence in run:
                changed_in[sentence] = "; ".join(differences)
    left = set(left_old) | set(left_new)
    if not left_old or not left_new or not any(r.finding.category in RELEVANT and (
            r.finding.text in left or r.finding.old_text in left) and r.finding.text not in rewritten for r in rated):
        return _with_passages_said(rated, rewritten, changed_in)
    moved_old, moved_new = (_of_ai(side, context.names) for side in (left_old, left_new))
    if not moved_old or not moved_new:
        return _with_passages_said(rated, rewritten, changed_in)
    differences = _passage_differences(moved_old, moved_new, context, (left_old, left_new))
    if differences == [] and _what_ai_is_said(moved_old, context.names) == _what_ai_is_said(moved_new, context.names):
        rewritten |= set(moved_old) | set(moved_new)
    elif differences and _mostly_the_same_words(moved_old, moved_new):  # moved, and changed on the way
        for sentence in moved_old + moved_new:
            changed_in.setdefault(sentence, "; ".join(differences))
    return _with_passages_said(rated, rewritten, changed_in)


def _read_as_a_passage(old: list[str], new: list[str], edited: dict[str, str], context: _Context) -> bool:
    """Whether a run with as many sentences a side is read as one passage, by what it claims: one sentence replaced by
    another (too reworded to be an edit in place) that reads alike, or several around sentences edited in place that
    say the same as before."""
    if len(old) == 1:
        return old[0] not in edited and _reads_alike(old[0], new[0], context)
    return _edited_alike(old, edited, context)


def _reads_alike(before: str, after: str, context: _Context) -> bool:
    """Whether a sentence and the one that replaced it read as the same kind of clause, with the same structure, data,
    parties, list items and bounds ("only", "all", "including", "unless")."""
    was = read_sentence(_as_answered(before), context.old.lead_in(before), context.names)
    now = read_sentence(_as_answered(after), context.new.lead_in(after), context.names)
    return (was.category == now.category and was.protection == now.protection
            and _same_structure(now.structure, was.structure)
            and _same_scope(now, was, _known_data(now.scope), _known_data(was.scope))
            and _same_parties(after, before) and not _list_item_added_or_dropped(before, after, context)
            and _qualifiers(was.ai_clauses) & _BOUNDING == _qualifiers(now.ai_clauses) & _BOUNDING)


# The qualifiers that bound what a clause covers, which a passage's claims do not weigh: "only on this device"
_BOUNDING = frozenset({"only", "all", "including", "unless"})


def _edited_alike(old: list[str], edited: dict[str, str], context: _Context) -> bool:
    """Whether every sentence of a run that was edited in place reads alike after as before, or none was: then the
    rest of the run, sentences moved, split or rewritten around it, can be read as one passage."""
    return all(_reads_alike(before, edited[before], context) for before in old if before in edited)


def _mostly_the_same_words(old: list[str], new: list[str]) -> bool:
    """Whether two passages share most of their words of content: one passage moved, not two unrelated ones."""
    old_content, new_content = (_content_words(_written_words(side)) for side in (old, new))
    return len(old_content & new_content) >= 0.5 * min(len(old_content), len(new_content))


def _with_passages_said(rated: list[_Rated], rewritten: set[str], changed_in: dict[str, str]) -> list[_Rated]:
    """The findings without those of passages rewritten, each of a passage that changed saying what changed."""
    return [replace(r, summary=f"AI passage rewritten: {said}")
            if (said := changed_in.get(r.finding.text) or changed_in.get(r.finding.old_text or "")) else r
            for r in rated if r.finding.text not in rewritten and r.finding.old_text not in rewritten]


def _passage_differences(old: list[str], new: list[str], context: _Context,
                         around: tuple[list[str], list[str]] | None = None) -> list[str] | None:
    """What two runs of sentences, each read as one passage, claim otherwise; None when one only adds words to the
    other. A claim counts only where the other side does not write its words: the other run, or the sentences
    ``around`` it (a passage's AI sentences with the rest of the passage)."""
    old_words, new_words = (_written_words(side) for side in (around or (old, new)))
    old_content, new_content = _content_words(old_words), _content_words(new_words)
    if old_content < new_content or new_content < old_content:
        return None  # (the same words a side are the same passage re-laid: its claims are compared)
    vocabulary = frozenset(word for sentence in old + new for word in _WORD.findall(plain(sentence))
                           if word.islower()) | _FUNCTION_WORDS | _SELF_WORDS
    old_claims, new_claims = (_PassageClaims.of(_without_new_feature_text(side, other_words, context.names),
                                                context.names, vocabulary)
                              for side, other_words in ((old, new_content), (new, old_content)))
    return old_claims.differences(new_claims, old_words, new_words, context.old, context.new, context.names)


def _without_new_feature_text(sentences: list[str], other_words: frozenset[str], names: AINames) -> list[str]:
    """The sentences less AI feature text on a topic the other side does not speak of ("We also use machine
    learning to spot fake profiles" put beside an AI passage claims nothing of its uses of people's data)."""
    def new_topic(sentence: str) -> bool:
        words = _content_words(_written_words([sentence]))
        return bool(words) and len(words & other_words) < 0.4 * len(words)
    return [sentence for sentence in sentences if not new_topic(sentence)
            or read_sentence(_as_answered(sentence), names=names).category != "ai_features"]


def _of_ai(sentences: list[str], names: AINames) -> list[str]:
    """The sentences that say anything of AI, features too."""
    return [sentence for sentence in sentences if read_sentence(_as_answered(sentence), names=names).category]


def _says_anything_of_ai(sentences: list[str], side: _Text, names: AINames) -> bool:
    """Whether a sentence says anything of AI, features too, read as ``_rate`` read it (with its list's lead-in: a
    reading remembered); a heading names a topic and is not read."""
    return any(read_sentence(sentence, side.lead_in(sentence), names).category for sentence in sentences
               if not is_heading(sentence))


def _without_plain_edits(old: list[str], new: list[str], edited: dict[str, str],
                         names: AINames) -> tuple[list[str], list[str]]:
    """A run that only adds (or only drops) sentences between sentences edited in place that say nothing of AI on
    either side (a date updated above a summary added beneath it) is that addition: not a rewritten AI passage."""
    def plain_edit(before: str, after: str) -> bool:
        return edited.get(before) == after and all(
            read_sentence(_as_answered(text), names=names).category is None for text in (before, after))
    trimmed_old, trimmed_new = old, new
    while trimmed_old and trimmed_new and plain_edit(trimmed_old[0], trimmed_new[0]):
        trimmed_old, trimmed_new = trimmed_old[1:], trimmed_new[1:]
    while trimmed_old and trimmed_new and plain_edit(trimmed_old[-1], trimmed_new[-1]):
        trimmed_old, trimmed_new = trimmed_old[:-1], trimmed_new[:-1]
    return (trimmed_old, trimmed_new) if not trimmed_old or not trimmed_new else (old, new)


def _content_words(words: frozenset[str]) -> frozenset[str]:
    """The words that carry content: what tells a rewrite (each side has words the other lacks) from an addition."""
    return frozenset(word for word in words if len(word) > 2) - _FUNCTION_WORDS - _JOINING_WORDS - _REFERRING_WORDS


# Words a sentence split in two or two merged add to point back at what was said: no content of their own
_REFERRING_WORDS = frozenset("option setting".split())


@functools.lru_cache(maxsize=512)
def _items_named(text: str) -> tuple[str, ...]:
    """The people's things a text names, one spelling each, sorted: what tells a use merged with its way out
    ("… your saved searches …; you can opt out") from a way out alone."""
    text = plain(text)
    return tuple(sorted(_data_kept_out(_without_content_of(_spans(USER_DATA, text), text), text)))


def _same_items(text: str, other: str) -> bool:
    """Both name people's things, and neither names more than the other, or both name the same kinds (the spellings
    of a list vary: "photos of dishes" and "dish photos" are both content)."""
    items, others = frozenset(_items_named(text)), frozenset(_items_named(other))
    return bool(items) and bool(others) and (not (items < others or others < items)
                                             or _data_classes(items) == _data_classes(others))


def _joined(first: str, second: str) -> str:
    """Two neighbouring sentences read as one: the second read into the first when it goes on naming its data, or
    when it says the first's act again by a pronoun ("It does so only with a parent's consent")."""
    if goes_on := _GOES_ON.match(plain(second)):
        return f"{plain(first).rstrip(' .;:')}, including {plain(second)[goes_on.end():]}"
    if does_so := _DOES_SO.match(plain(second)):
        return f"{plain(first).rstrip(' .;:')} {plain(second)[does_so.end():]}"
    return f"{first} {second}"


# The act of the sentence before said again, to qualify it: "It does so only with …", "We will only do this if …",
# "This happens only when you have turned on …"
_DOES_SO = re.compile(r"^\W*(?:(?:it|we|they)\s+(?:(?:will|may|would|can)\s+)?(?:only\s+)?(?:does|do)\s+"
                      r"(?:so|this|that)|(?:this|that)\s+(?:only\s+)?(?:happens|applies|takes\s+place|is\s+done))"
                      r"(?=\s+(?:only|solely|just|never|if|when|with|after|once|unless|until|where)\b)",
                      re.IGNORECASE)


def _drop_lists_written_out(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop an added AI sentence that writes out an item of a list the old version had ("We use it to: … - train the
    models behind Replies" made "We also use your information to train the models behind Replies"), and a removed one
    that the new version made a list item: the item read with its lead-in says the same."""
    def written_out(r: _Rated) -> bool:
        if (reading := _added_or_removed_ai(r)) is None:
            return False
        _, other = context.sides(r.finding)
        text = r.finding.text
        lowered, wording = text.lower(), normalise_wording(text)
        for item, lowered_item, lead_in in other.items_with_lead_ins:
            if lowered_item in lowered and normalise_wording(item) in wording:
                composed = f"{lead_in.rstrip().rstrip(':')} {item}"
                if _says_the_same(reading, read_sentence(composed, names=context.names), text, composed):
                    return True
        return False
    return [r for r in rated if not written_out(r)]


def _drop_lead_ins_written_out(rated: list[_Rated], context: _Context) -> list[_Rated]:
    """Drop a list's lead-in made one sentence that writes its whole list out, or the other way ("If you opt out, we
    stop using the following: - your voice chat - your clips" made "If you opt out, we stop using your voice chat and
    your clips"): the lead-in read with its items says the same."""
    @functools.cache  # each version's lists, read once for all the findings
    def lists_in(side: _Text) -> dict[str, tuple[str, ...]]:
        return {normalise_wording(line): items for line, items in _lists_under_lead_ins(side.text)}

    def composed(lead_in: str, side: _Text) -> str | None:
        if not (items := lists_in(side).get(normalise_wording(lead_in))):
            return None
        listed = [_LIST_ITEM.sub("", line, count=1).strip().rstrip(";.,") for line in items]
        listed = [re.sub(r"^(?:and|or)\s+", "", item) for item in listed if item]
        if not listed:
            return None
        written = in_a_series(listed)
        said = lead_in.rstrip().rstrip(":")
        # (the items as they are: a replacement string would read a "\\" in them as an escape)
        return _THE_FOLLOWING.sub(lambda _: written, said, count=1) if _THE_FOLLOWING.search(said) \
            else f"{said} {written}"

    def written_out(r: _Rated) -> bool:
        finding = r.finding
        if finding.change != "modified" or not finding.old_text:
            return False
        for lead_in, prose, side in ((finding.old_text, finding.text, context.old),
                                     (finding.text, finding.old_text, context.new)):
            if (whole := composed(lead_in, side)) is not None:
                prose_reading, whole_reading = (read_sentence(said, names=context.names) for said in (prose, whole))
                return _same_data(prose_reading.scope, whole_reading.scope) and _says_the_same(
                    prose_reading, whole_reading, prose, whole)  # (each item, for a way out's leniency)
        return False
    return [r for r in rated if not written_out(r)]


def _paraphrased(new: SentenceReading, old: SentenceReading, new_text: str, old_text: str) -> bool:
    """The same clause in plain words: the same reading, qualifiers and recipients; the kinds of data named the same
    where both name a known kind; an unnamed kind of AI ("the models") may stand for a named one."""
    if not (new.category == old.category and new.protection == old.protection
            and _same_structure(new.structure, old.structure)
            and _same_limits(new, old)
            and _same_parties(new_text, old_text)):
        return False
    new_kinds, old_kinds = _kinds_of_ai(new.ai_clauses), _kinds_of_ai(old.ai_clauses)
    return (_same_scope(new, old, _known_data(new.scope), _known_data(old.scope))
            and (new_kinds == old_kinds or not new_kinds or not old_kinds))


_KNOWN_CLASSES = frozenset(name for _, name in _DATA_CLASS)


def _known_data(scope: frozenset[str]) -> frozenset[str]:
    """The words of a scope that name a kind of data we know ("posts", not "CVs")."""
    return frozenset(word for word in scope if _data_class(word) in _KNOWN_CLASSES)


def _drop_reflows(rated: list[_Rated], old_text: str | None, new_text: str | None, change: Change) -> list[_Rated]:
    """Drop findings whose wording survives on the other side of the change (re-flowed, split, merged, or shown
    twice as with an upcoming version beside the current one): an added or removed sentence found on the other
    side, a modified one whose new wording was in the old text and old wording is in the new (paragraphs merged)."""
    if not rated:
        return rated
    if old_text is None:
        old_text = " | ".join(s.old or s.text for s in change.sentences if s.kind in ("removed", "modified"))
    if new_text is None:
        new_text = " | ".join(s.text for s in change.sentences if s.kind in ("added", "modified"))
    texts = {"added": new_text, "removed": old_text}  # where a finding's wording was
    other_side = {"added": _Side(old_text), "removed": _Side(new_text)}  # where it would survive
    placed: dict[str, list[str]] = {}  # a side's lead-ins "… the following:" with their lists read into them

    def lead_ins(change: str) -> list[str]:
        if change not in placed:
            placed[change] = _placed_lead_ins(texts[change]) if _LEAD_IN_TO_A_LIST.search(texts[change]) else []
        return placed[change]

    def found(side: _Side, text: str) -> bool:
        wording = normalise_wording(_SECTION_NUMBER.sub("", text))  # "2.1 We use …" renumbered "3.1 We use …"
        loose = _without_joining_words(wording)
        return side.contains(wording, loose if loose.count(" ") >= _LOOSE_MINIMUM else None)

    def survives(finding: Finding) -> bool:
        if finding.change == "modified":
            if _condition_joined_otherwise(finding.old_text or "", finding.text):
                return False  # "and" made "or" in a condition: the words survive, the condition does not
            return found(other_side["added"], finding.text) and found(other_side["removed"], finding.old_text or "")
        if found(other_side[finding.change], finding.text):
            return True
        other = "removed" if finding.change == "added" else "added"
        if own := _with_its_list(finding.text, lead_ins(finding.change)):  # a lead-in: its list read in
            return found(other_side[finding.change], own)
        return any(found(_Side(lead_in), finding.text) for lead_in in lead_ins(other))  # an inline list made items

    return [r for r in rated if not survives(r.finding)]


_SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,3}\.)+\d{0,3}\s+")


# Words that join or split clauses without changing what they say: a paragraph split at "and", a list made prose.
_JOINING_WORDS = frozenset("and or but to the a an of this these it its also then so as is are be however therefore "
                           "moreover furthermore additionally thus hence nevertheless nonetheless consequently".split())
# A wording found again without its joining words counts only when it is this long (in words, less one): a short
# one ("you can opt out") turns up inside other sentences by chance.
_LOOSE_MINIMUM = 7


def _without_joining_words(wording: str) -> str:
    return " ".join(word for word in wording.split() if word not in _JOINING_WORDS)


def _wording_sequence(sentences: list[str]) -> list[str]:
    text = _NUMBERING.sub(" ", " ".join(plain(sentence) for sentence in _items_in_place(sentences)) + " ")
    return _without_joining_words(normalise_wording(text)).split()


_THE_FOLLOWING = CaselessPattern(r"\bthe\s+following\b")
_LEAD_IN_TO_A_LIST = CaselessPattern(r"following\b[^\n]*:[ \t]*\n")


def _with_its_list(lead_in: str, placed_lead_ins: list[str]) -> str | None:
    """A "… the following:" lead-in with its list read in (from its side's placed lead-ins), when it is one."""
    if not lead_in.rstrip().endswith(":") or not (following := _THE_FOLLOWING.search(lead_in)):
        return None
    prefix = lead_in.strip()[:following.start()].strip()
    return next((placed for placed in placed_lead_ins if prefix and placed.startswith(prefix)), None)


def _placed_lead_ins(text: str) -> list[str]:
    """Each "… the following:" lead-in of a whole text with the list under it read in (see _items_in_place)."""
    return [_items_in_place([lead_in, *items])[0] for lead_in, items in _lists_under_lead_ins(text)
            if _THE_FOLLOWING.search(lead_in)]


@functools.lru_cache(maxsize=8)  # a version's lists are asked for by several readings of one change
def _lists_under_lead_ins(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each line that ends with a colon and has list items under it (blank lines between them allowed), with those
    items, stripped: "We use it to:", ("- deliver your messages", "- train …")."""
    lists: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if _LIST_ITEM.match(line):
            if lists and lists[-1][0]:
                lists[-1][1].append(line.strip())
        elif line.strip():
            lists.append((line.strip() if line.rstrip().endswith(":") else "", []))
    return tuple((lead_in, tuple(items)) for lead_in, items in lists if lead_in and items)


def _items_in_place(sentences: list[str]) -> list[str]:
    """A lead-in's "the following" replaced by the list items under it: "We do not use the following to train AI:"
    with "* your messages", "* your location" reads as the sentence that list was made from."""
    placed: list[str] = []
    index = 0
    while index < len(sentences):
        sentence = sentences[index]
        items = list(itertools.takewhile(_LIST_ITEM.match, sentences[index + 1:]))
        if items and sentence.rstrip().endswith(":") and _THE_FOLLOWING.search(sentence):
            joined = " ".join(items).replace("\\", "\\\\")  # a replacement string, read for escapes
            placed.append(_THE_FOLLOWING.sub(joined, sentence, count=1))
            index += 1 + len(items)
        else:
            placed.append(sentence)
            index += 1
    return placed


def _reflowed_sentences(change: Change) -> frozenset[str]:
    """The sentences of each run of changes whose removed and added sentences, read one after another, say the same
    words in the same order: a sentence split in two, two merged, a list turned into prose, steps numbered."""
    reflowed: set[str] = set()
    for hunk in change.hunks:
        old = [sentence for mark, sentence in hunk.lines if mark == "-"]
        new = [sentence for mark, sentence in hunk.lines if mark == "+"]
        if old and new and _wording_sequence(old) == _wording_sequence(new) \
                and not (len(old) == len(new) == 1 and _condition_joined_otherwise(old[0], new[0])):
            reflowed.update(old + new)
    return frozenset(reflowed)


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

    @property
    def lowered(self) -> str:
        return lower_text(self.text)

    def contains(self, wording: str, loose: str | None = None) -> bool:
        """Whether the wording is in the text, or ``loose`` (the wording without its joining words) is in the text
        without its joining words; both are looked for in the same windows."""
        if not wording:
            return False
        anchors = {word for word in wording.split() if len(word) >= 5 and not _VARIANT_FORM.search(word)}

        def found_in(text: str) -> bool:
            normal = normalise_wording(text)
            return wording in normal or (loose is not None and loose in _without_joining_words(normal))

        if not anchors:
            return found_in(self.text)
        lowered = self.lowered
        anchor, fewest = "", len(lowered)
        for word in sorted(anchors, key=lambda word: (-len(word), word)):  # a long word is likely a rare one
            if (count := lowered.count(word)) < fewest:
                anchor, fewest = word, count
            if count <= 2:  # few enough windows: counting every other anchor over 100 KB costs more
                break
        if fewest == 0:
            return False
        reach = 2 * len(wording) + 1000  # link targets in the raw text make it longer than its wording
        position = lowered.find(anchor)
        while position >= 0:
            if found_in(self.text[max(0, position - reach):position + reach]):
                return True
            position = lowered.find(anchor, position + reach // 2)  # windows overlap: no sentence falls between
        return False


def clear_caches() -> None:
    """Forget what reading earlier texts remembered (their AI names, paragraphs' sentences, lists and headings), so
    that the next pair is read as a first one: for benchmarks that time a first reading."""
    for cached in (ai_names_in, lower_text, _lists_under_lead_ins, _heading_category, _items_named, cached_sentences_of,
                   _word_edits, read_sentence, plain, normalise_wording):
        cached.cache_clear()


def assess_texts(old: str, new: str, service: str | None = None) -> tuple[Change, Assessment]:
    change = diff_texts(old, new)
    return change, assess(change, old, new, service)
