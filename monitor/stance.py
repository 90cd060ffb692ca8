"""Where a policy stands on AI: does the platform train AI on people's data, which data, can they opt out, does it
share data with others for AI, does it use their likeness.

The stance is read from a whole text, sentence by sentence, on top of :func:`classify.read_sentence`: only
sentences the detector finds AI-relevant can decide a field, and each field keeps the sentences that decided it.

* ``trains``: ``yes`` when the platform says it trains (or develops and improves) AI on data; ``with_consent``
  when every such clause is gated by consent or an opt-in; ``no`` when it only says it does not; else
  ``not_stated``. A ban on others training ("you may not … to train", a list under "You agree not to:") and
  others' training ("their models", "by third parties") are not the platform's training.
* ``data``: the kinds of data the training clauses are about: named in the clause, in the terms it uses that the
  text defines, in the items of the list it introduces; else in the sentence it points back at ("this data"), the
  example after it, its table row's data column; else ``all`` for a purpose among the uses of the information
  collected. ``all`` gives way to a narrower kind unless a clause uses the person's data as a whole.
* ``opt_out``: ``setting`` or ``form`` (an objection, a request) when a clause ties a way out to the AI use,
  ``none_stated`` when the platform trains and names none, ``not_applicable`` when it does not train;
  ``region_limited`` when that way out is for some regions only (the clause or its section heading says so).
* ``shares_for_ai``: ``yes`` when data goes to third parties for AI (theirs or for AI features), ``no`` when the
  text says it does not, else ``not_stated``; ``shared_with`` names the recipients where the text does.
* ``likeness``: ``yes`` when the text uses people's face, voice or images of themselves with AI.

>>> stance = stance_of_text("We may use your public posts to train our AI models. You can turn this off in Settings.")
>>> stance.trains.value, stance.data.value, stance.opt_out.value
('yes', 'public_posts', 'setting')
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from monitor import clock
from monitor.classify import RELEVANT, SentenceReading, read_sentence
from monitor.concepts import ai_names_in, blanked, data_examples
from monitor.diff import plain, split_blocks, split_sentences

# Values of each field, the most permissive (for the platform) first: a roll-up keeps the first one found.
TRAINS = ("yes", "with_consent", "no", "not_stated")
OPT_OUT = ("setting", "form", "none_stated", "not_applicable")
SHARES = ("yes", "no", "not_stated")
LIKENESS = ("yes", "not_stated")
DATA_KINDS = ("public_posts", "private_messages", "photos_videos", "voice", "ai_chats", "profile", "activity", "all")
FIELDS = ("trains", "data", "opt_out", "shares_for_ai", "likeness")

# Plain-language names for a headline ("X: trains on your posts — not stated → yes").
FIELD_LABELS = {"trains": "trains AI on your data", "data": "data used for AI", "opt_out": "opt-out from AI use",
                "shares_for_ai": "shares your data for AI", "likeness": "uses your likeness with AI"}


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_AI_OBJECT = r"(?:AIs?|A\.I\.|artificial\s+intelligence|machine\s+learning|models?|LLMs?|algorithms?)"
# Training *of AI*: "product development" or "improve our services" is not training a model.
_TRAINING = _pattern(
    r"(?:re-?)?train(?:s|ed|ing)?", r"teach\w*\s+(?:\w+\s+){0,2}models?",
    r"fine[\s-]?tun\w*(?!\s+(?:which|how|what|whether)\b)",  # not "fine-tune which apps can access …"
    r"(?:develop|improv|build|enhanc)\w*(?:,?\s+\w+){0,4}\s+" + _AI_OBJECT,
    # people's data used to improve an AI product ("use Your Content to operate Copilot and improve it")
    r"us(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}(?:content|data|information|inputs?|prompts?|conversations?|chats?)\s+to\s+"
    r"(?:\w+\s+){0,6}improve",
)
# Typographic apostrophes too: "isn’t used to train" is as much a negation as "isn't".
_NEGATION = r"(?:not|never|no\s+longer|cannot|(?:can|won|don|doesn|isn|aren|wasn|weren|shan)['’]t)"
# A negation governs the training a few words on, unless a new clause starts between: "we don't own Your Content,
# but we may use Your Content to … improve it" is a use.
_NEGATED_TRAINING = re.compile(r"\b" + _NEGATION + r"\b(?:\W+(?!but\b|however\b|we\b|although\b)\w+){0,14}?\W+"
                               r"(?:(?:re-?)?train|fine[\s-]?tun|"
                               r"develop|improv|build)", re.IGNORECASE)
_TRAINING_YES = re.compile(r"\b(?:may|will|can)\s+(?:also\s+)?(?:use|train)", re.IGNORECASE)
# The negation holds only under a condition the person sets: "once you opt out, … will not be used to train".
# Only a choice the person makes: "when you use our AI features, we do not use your prompts to train" is a "no".
_CONDITION = re.compile(
    r"\b(?:unless|if|once|when|after|(?:users?|people|members)\s+who)\s+(?:you\s+)?(?:\w+\s+){0,2}?"
    r"(?:opt(?:s|ed)?|turn(?:s|ed)?|switch(?:es|ed)?|disable[sd]?|enable[sd]?|choose|chooses|select(?:s|ed)?|"
    r"object(?:s|ed)?|require[sd]?|ask(?:s|ed)?|request(?:s|ed)?|uncheck(?:s|ed)?|delete[sd]?)\b", re.IGNORECASE)
_CONSENT_EXCEPTION = re.compile(r"\bunless\s+(?:\w+\s+){0,8}?(?:choose|chooses|share|shares|consent|consents|agree|"
                                r"agrees|allow|allows|ask|asks|opt(?:s)?[\s-]+in)\b", re.IGNORECASE)
_CONSENT = _pattern(r"(?:with|without|upon|based\s+on|subject\s+to)\s+your\s+(?:\w+\s+){0,2}(?:consent|permission)",
                    r"only\s+if\s+you\s+(?:\w+\s+){0,3}(?:opt|agree|allow|choose|consent)",
                    r"opt(?:ed|s)?[\s-]+in(?:to)?",
                    r"if\s+you\s+(?:choose|agree|allow|consent)", r"where\s+you\s+have\s+(?:consented|agreed)")
# Others training (a ban on them, or their own models): not the platform's training.
_OTHERS_TRAIN = re.compile(
    r"\btheir\s+(?:own\s+)?(?:\w+\s+){0,3}" + _AI_OBJECT + r"|\byour\s+own\s+(?:\w+\s+)?(?:training|models?)\b|"
    r"\bby\s+(?:\w+\s+){0,2}third[\s-]part|"
    r"\bthird[\s-]part(?:y|ies)\s+(?:may|can|to|will|could)\b|\brecipients\b|\bother\s+users\b|^\W*they\b",
    re.IGNORECASE)
_BAN = re.compile(
    r"^\W*(?:do\s+not|don['’]t|never)\b|"
    r"\byou\s+do\s+not\s+(?:use|train|scrape|copy)\b|"  # a licensee's condition: "provided that … you do not use"
    r"\b(?:you|users?|customers?|developers?|anyone|licensees?)\s+(?:\w+\s+)?(?:may|must|will|shall|should|agree|"
    r"can)\s*(?:not|n['’]t)\b|\bagree\s+not\s+to\b|\bprohibit\w*|\bforbid\w*|\bnot\s+(?:be\s+)?permitted\b",
    re.IGNORECASE)
# The platform or the person is a party to the training clause: "we", "our models", "your content". A clause with
# neither ("any modification of the Services, including fine-tuning, other than by …") is not about their data.
_PARTY = _pattern(r"we", r"us", r"our", r"your?", r"users?['’]?", r"members?['’]?", r"people['’]s")
# A definition says what a word means, not what anyone does: '"Dataset" refers to … data used to train models'.
_DEFINITION = re.compile(r"^\W*[\"“'‘]([^\"”’]{1,60})[\"”'’]\s*(?:\([^)]*\)\s*)?(?:means|refers\s+to|shall\s+mean|"
                         r"is\s+defined|includes)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|\([a-z0-9]+\))\s")

# "object to", an objection: never "object code"; a form to fill in: never "in any form".
_OBJECT = r"object(?:s|ed|ing)?\s+to|(?:right|able)\s+to\s+object|(?:have|has)\s+objected|objections?"
_A_FORM = (r"(?:objection|request|opt[\s-]*out|web|online|privacy|contact|this|our|the)\s+forms?|"
           r"forms?\s+(?:to|at|on|here)")
_OPT_WAY = _pattern(r"privacy\s+options", r"give\s+you\s+control", r"control\s+over",
                    r"opt(?:s|ed|ing)?[\s-]*out", _OBJECT, r"turn(?:ing)?\s+(?:\w+\s+){0,3}off",
                    r"switch\w*\s+off", r"settings?", r"(?:privacy|data|AI|account|in-product)\s+controls?",
                    r"uncheck\w*", r"withdraw\w*\s+(?:your\s+)?consent", _A_FORM, r"submit\s+(?:a\s+)?requests?")
_SETTING = _pattern(r"privacy\s+options", r"settings?", r"turn(?:ing)?\s+(?:\w+\s+){0,3}off", r"switch\w*\s+off",
                    r"toggle\w*", r"uncheck\w*",
                    r"(?:data|privacy|AI|account|in-product)\s+(?:controls?|dashboard|portal)")
_FORM = _pattern(_OBJECT, _A_FORM, r"submit\s+(?:a\s+)?requests?", r"contact\s+us",
                 r"withdraw\w*\s+(?:your\s+)?consent")
# A way out for some regions only: "if you live in the EEA", a section "for individuals in Europe". "In some
# markets, this data can help train" limits where the training happens, not the way out.
_REGION = re.compile(
    r"\b(?:if\s+you\s+(?:are|live|reside)\s+(?:located\s+)?in|(?:individuals|users|people|residents|members)\s+"
    r"(?:located\s+)?(?:in|of)|residents\s+of|depending\s+on)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:Europe\w*|EEA|EU|UK|United\s+Kingdom|Switzerland|Swiss|California\w*|Brazil\w*|Korea\w*|Canada|"
    r"where\s+you\s+live|your\s+(?:location|region|country))",
    re.IGNORECASE)

_SHARE = _pattern(r"shar(?:e|es|ed|ing)", r"disclos\w+", r"provid(?:e|es|ed|ing)\s+(?:\w+\s+){0,4}to",
                  r"sen[dt]s?\s+(?:\w+\s+){0,4}to", r"transfer\w*", r"sell\w*", r"sold", r"licen[cs]\w+",
                  r"make\s+(?:\w+\s+){0,8}available", r"utili[sz]e\s+third")
_RECIPIENT = re.compile(
    r"\b(?:(?:selected|trusted|our|other)\s+)?(?:third[\s-]+part(?:y|ies)(?:\s+(?:AI\s+)?(?:providers?|services?|"
    r"collaborators|partners))?|(?:AI\s+|model\s+|service\s+)?(?:partners|providers|collaborators|vendors)|"
    r"recipients|(?:other\s+)?companies)\b", re.IGNORECASE)
_NAMED_RECIPIENT = re.compile(r"\bwith\s+((?:[A-Z][\w.&-]*\s?){1,3}(?:,?\s+Inc\.?)?)")
_AI_WORD = _pattern(r"AI", r"artificial\s+intelligence", r"machine\s+learning", r"models?", r"LLMs?",
                    r"generative", r"train\w*")

_DATA_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("public_posts", _pattern(r"public(?:ly)?\s+(?:available\s+)?(?:\w+\s+)?(?:information|content|data|posts|"
                              r"sources|profile)", r"posts?(?![-‐])", r"captions?", r"comments?")),
    ("private_messages", _pattern(r"private\s+messages?", r"direct\s+messages?", r"DMs?")),
    ("photos_videos", _pattern(r"photos?", r"videos?", r"images?", r"pictures?")),
    ("voice", _pattern(r"voice", r"audio", r"speech", r"recordings?")),
    ("ai_chats", _pattern(r"prompts?", r"inputs?", r"outputs?", r"conversations?", r"chats?",
                          r"questions?\s+(?:that\s+)?(?:you\s+|people\s+|users?\s+)?(?:enter|ask|type|submit)\w*",
                          r"(?:interactions?|info(?:rmation)?\s+(?:you\s+)?shared)\s+with\s+(?:\w+\s+){0,6}AIs?")),
    ("profile", _pattern(r"profile\s+(?:information|data|details)")),
    ("activity", _pattern(r"activity", r"usage\s+data", r"(?:how|the\s+way)\s+you\s+use",
                          r"interactions?(?!\s+with\s+(?:\w+\s+){0,6}AI)")),
    ("all", _pattern(r"(?:your|the)\s+(?:personal\s+)?(?:data|information)", r"personal\s+(?:data|information)",
                     r"information\s+(?:we\s+collect|you\s+provide)", r"data\s+(?:we\s+collect|you\s+provide)")),
)
_EFFECTIVE = re.compile(
    r"(?:effective|last\s+(?:updated|modified|revised)|updated)(?:\s+(?:date|on|as\s+of))?\W{0,6}"
    r"((?:[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4})|\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %B, %Y", "%d %b %Y", "%Y-%m-%d")


@dataclass(frozen=True, slots=True)
class Answer:
    """One field of a stance: its value, the sentences that decided it (quoted), a confidence from 0 to 1, and in a
    roll-up the document it comes from."""

    value: str
    clauses: tuple[str, ...] = ()
    confidence: float = 0.5
    document: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "confidence": round(self.confidence, 2),
                                "clauses": list(self.clauses)}
        if self.document is not None:
            data["document"] = self.document
        return data


@dataclass(frozen=True, slots=True)
class Stance:
    trains: Answer
    data: Answer  # value: the kinds of DATA_KINDS joined by "," ("" when none is named)
    opt_out: Answer
    region_limited: bool
    shares_for_ai: Answer
    shared_with: tuple[str, ...]
    likeness: Answer
    effective: str | None = None  # the date the text says it takes effect (ISO), when it says one

    @property
    def data_kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in self.data.value.split(",") if kind)

    def answer(self, name: str) -> Answer:
        if name not in FIELDS:
            raise KeyError(name)
        answer: Answer = getattr(self, name)
        return answer

    def value(self, name: str) -> str:
        """A field as the corpus writes it: ``opt_out`` with ",region_limited" where the way out is limited."""
        if name == "opt_out" and self.region_limited:
            return f"{self.opt_out.value},region_limited"
        return self.answer(name).value

    def summary(self) -> dict[str, Any]:
        """The answers alone (no quotes): what an alert and ``changes --json`` carry."""
        return {"trains": self.trains.value, "data": list(self.data_kinds), "opt_out": self.opt_out.value,
                "region_limited": self.region_limited, "shares_for_ai": self.shares_for_ai.value,
                "shared_with": list(self.shared_with), "likeness": self.likeness.value, "effective": self.effective}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: self.answer(name).to_dict() for name in FIELDS}
        data["opt_out"]["region_limited"] = self.region_limited
        data["shares_for_ai"]["with"] = list(self.shared_with)
        data["effective"] = self.effective
        return data


@dataclass(frozen=True, slots=True)
class _Sentence:
    raw: str
    text: str  # plain: what a reader reads
    reading: SentenceReading
    headings: tuple[str, ...]
    banned: bool  # a ban on others ("you may not …"), or an item of a list it introduces ("You agree not to:")
    block: int
    lead_in: str = ""  # the sentence ending with ":" that introduces this paragraph or list ("How we use …:")
    lead_in_block: int = -1  # the paragraph of that sentence
    item: bool = False  # the sentence is in a list item

    @property
    def relevant(self) -> bool:
        return self.reading.category in RELEVANT

    def says(self, *patterns: re.Pattern[str]) -> bool:
        """True when one clause of the sentence matches every pattern (a long sentence joins unrelated clauses)."""
        return any(all(pattern.search(clause) for pattern in patterns) for clause in _CLAUSE.split(self.text))


# Clauses of a long sentence: semicolons, list markers "(ii)", a colon before a new part.
_CLAUSE = re.compile(r";\s|\s\((?:[ivx]+|[a-h])\)\s|:\s(?=[A-Z(])")
_POINTER = re.compile(r"^\W*(?:for\s+)?more\s+(?:information|details)\b|^\W*learn\s+more\b", re.IGNORECASE)


def _sentences(text: str) -> Iterator[_Sentence]:
    """Every sentence of a text, read, with the headings it sits under and whether a ban governs it."""
    headings: dict[int, str] = {}
    ban_open = False
    lead_in, last, last_was_item = "", "", False
    lead_in_block, last_block = -1, -1
    names = ai_names_in(text)
    for number, block in enumerate(split_blocks(text)):
        heading = re.match(r"^(#{1,6})\s+(.*)", block)
        if heading:
            level = len(heading.group(1))
            headings = {lvl: title for lvl, title in headings.items() if lvl < level}
            headings[level] = plain(heading.group(2))
            ban_open = False
            continue
        list_item = bool(_LIST_ITEM.match(block))
        if not list_item:
            ban_open = False
        if last.rstrip().endswith(":"):
            lead_in, lead_in_block = last, last_block
        elif not (list_item and last_was_item):
            lead_in, lead_in_block = "", -1
        for raw in split_sentences(block):
            text_plain = plain(raw)
            banned = ban_open or bool(_BAN.search(text_plain))
            if text_plain.rstrip().endswith(":") and _BAN.search(text_plain):
                ban_open = True
            yield _Sentence(raw, text_plain, read_sentence(raw, names=names),
                            tuple(headings[lvl] for lvl in sorted(headings)), banned, number, lead_in,
                            lead_in_block, list_item)
            last, last_block = text_plain, number
        last_was_item = list_item


def _confidence(sentences: Iterable[_Sentence], default: float) -> float:
    # a sentence read only for its place (the paragraph of a training clause) counts as weak evidence
    return max((sentence.reading.score or 0.5 for sentence in sentences), default=default)


def _quotes(sentences: Iterable[_Sentence], limit: int = 3) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sentence.text for sentence in sentences))[:limit]


def stance_of_text(text: str) -> Stance:
    """The AI stance of one document version's text (see the module docstring)."""
    everything = list(_sentences(text))
    sentences = [sentence for sentence in everything if sentence.relevant]
    training = _Training.of(sentences)
    using = training.using
    data = _data(_Text.of(everything), using)
    opt_out, region_limited = _opt_out(everything, using, training.conditional_no)
    shares, shared_with = _shares(everything)
    return Stance(training.answer(no_sentences=not sentences), data, opt_out, region_limited, shares, shared_with,
                  _likeness(sentences), effective_date(text))


def _platform_trains(sentence: _Sentence) -> bool:
    """The sentence speaks of the platform's (or the person's data's) training: not a ban on others, not others'
    own training, not a definition."""
    party = sentence.says(_TRAINING, _PARTY) or (_PARTY.search(sentence.lead_in) and sentence.says(_TRAINING))
    return bool(party) and not (sentence.banned or sentence.says(_TRAINING, _OTHERS_TRAIN)
                                or _DEFINITION.match(sentence.text))


def _training_kind(sentence: _Sentence) -> str:
    """How a training clause of the platform's reads: "yes", "consent", "no", or "conditional_no" (the negation
    holds only once the person acts: "once you opt out, … not used to train")."""
    negated = sentence.says(_NEGATED_TRAINING) or (sentence.reading.protection and not sentence.says(_TRAINING_YES))
    if not negated:
        return "consent" if sentence.says(_TRAINING, _CONSENT) else "yes"
    if _CONSENT_EXCEPTION.search(sentence.text) or _CONSENT.search(sentence.text):
        return "consent"  # "we do not …, unless you choose to share …": by consent
    if _CONDITION.search(sentence.text):
        return "conditional_no"  # "once you opt out, … not used to train": on until turned off
    return "no"


@dataclass(frozen=True, slots=True)
class _Training:
    """The platform's training clauses of a text, by how they read (see :func:`_training_kind`)."""

    yes: tuple[_Sentence, ...]  # the conditional "no"s included, "More information about …" last
    consent: tuple[_Sentence, ...]
    no: tuple[_Sentence, ...]
    conditional_no: tuple[_Sentence, ...]

    @classmethod
    def of(cls, sentences: Iterable[_Sentence]) -> _Training:
        kinds: dict[str, list[_Sentence]] = {"yes": [], "consent": [], "no": [], "conditional_no": []}
        for sentence in sentences:
            if _platform_trains(sentence):
                kinds[_training_kind(sentence)].append(sentence)
        yes = sorted(kinds["yes"] + kinds["conditional_no"], key=lambda s: bool(_POINTER.search(s.text)))
        return cls(tuple(yes), tuple(kinds["consent"]), tuple(kinds["no"]), tuple(kinds["conditional_no"]))

    @property
    def using(self) -> list[_Sentence]:
        """The clauses where the platform uses data for training (outright or by consent)."""
        return list(self.yes or self.consent)

    def answer(self, no_sentences: bool) -> Answer:
        deciding = self.yes or self.consent or self.no
        value = "yes" if self.yes else "with_consent" if self.consent else "no" if self.no else "not_stated"
        return Answer(value, _quotes(deciding), _confidence(deciding, 0.7 if no_sentences else 0.5))


# Speech turned into text uses what was said, not the person's likeness; a voice or face made or recognised is one.
_SPEECH_TO_TEXT = _pattern(r"transcri\w+", r"speech\s+recognition", r"dictat\w+", r"voice\s+typing",
                           r"speech[\s-]+to[\s-]+text")
_LIKENESS_USE = _pattern(r"fac(?:e|es|ial)", r"likeness", r"selfies?", r"avatars?", r"clon\w+", r"imitat\w+",
                         r"sounds?\s+like", r"looks?\s+like", r"biometric\w*", r"(?:images?|photos?|videos?)\s+of\s+"
                         r"(?:you|yourself)", r"(?:synthetic|AI|cloned|digital)\s+voices?", r"recogni[sz]\w*\s+you")


def _likeness(sentences: list[_Sentence]) -> Answer:
    clauses = [s for s in sentences if s.reading.category == "ai_likeness" and not s.reading.protection
               and not s.banned and not (s.says(_SPEECH_TO_TEXT) and not s.says(_LIKENESS_USE))]
    return Answer("yes" if clauses else "not_stated", _quotes(clauses), _confidence(clauses, 0.6))


# The platform uses the person's data as a whole ("we may use your data to train"): "all", even where another
# clause names a narrower kind. "Personal information in our training datasets" is no such use.
_WHOLE_DATA = _pattern(r"(?:use|uses|using|process|processes|processing)\s+(?:all\s+(?:of\s+)?)?(?:your|the)\s+"
                       r"(?:personal\s+)?(?:data|information)(?!\s+(?:about|from|of|in|related|associated|that\s+is))")
# A defined term for data or content ("Your Content", "User Data"), never one for a product ("Services").
_DATA_TERM = _pattern(r"content", r"data", r"information", r"inputs?", r"outputs?", r"materials?", r"submissions?",
                      r"prompts?", r"posts?", r"messages?", r"conversations?", r"uploads?")
# A clause that points back at the data of the sentence before: "this data can help train our models".
_DATA_BACK_REFERENCE = _pattern(r"(?:this|that|such|these|those)\s+(?:data|information|content)")
_EXAMPLE_SENTENCE = re.compile(r"^\W*(?:for\s+(?:example|instance)|e\.g\.)\b", re.IGNORECASE)
# The data column of a table row flattened into paragraphs: "Information categories we use: …".
_DATA_COLUMN = _pattern(r"(?:information|data)\s+(?:categories|types)", r"categories\s+of\s+(?:personal\s+)?"
                        r"(?:information|data)", r"(?:information|data)\s+(?:that\s+)?we\s+(?:use|process)")
_DATA_COLUMN_REACH = 4  # paragraphs between a purpose and its data column (separators, a label)
# A section or list about the uses of the information the text covers: a purpose in it uses all of it.
_USES_OF_INFORMATION = _pattern(r"(?:use|uses|process|do\s+with)\s+(?:the\s+|your\s+)?(?:personal\s+)?"
                                r"(?:information|data)", r"(?:information|data)\s+(?:that\s+)?we\s+collect")


def _matched_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _DATA_WORDS if pattern.search(text)}


def _kinds_in(text: str) -> set[str]:
    """The kinds of data a text names, examples of a kind it already names counted as that kind."""
    return _matched_kinds(blanked(text, [example.span() for example, head in data_examples(text)
                                         if _matched_kinds(text[head:example.start()]) - {"all"}]))


def _clause_kinds(text: str) -> set[str]:
    """The kinds a clause names; in a table row, those of its training cells when they name any (a purpose that
    names its data), else those of the whole row (the purpose's data column)."""
    cells = text.split(" | ")
    training = set().union(*(_kinds_in(cell) for cell in cells if _TRAINING.search(cell))) if len(cells) > 1 else set()
    return training or _kinds_in(text)


@dataclass(frozen=True, slots=True)
class _Data:
    """The kinds of data one training clause is about, the sentences that say so, and whether it uses the
    person's data as a whole."""

    kinds: frozenset[str]
    sources: tuple[_Sentence, ...]
    whole: bool = False


@dataclass(frozen=True, slots=True)
class _Text:
    """A text's sentences by paragraph, and its defined terms with the data they name ('"Your Content" means the
    prompts …'): what a training clause that names no data of its own points at."""

    sentences: tuple[_Sentence, ...]
    blocks: Mapping[int, tuple[_Sentence, ...]]
    definitions: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, sentences: Iterable[_Sentence]) -> _Text:
        everything = tuple(sentences)
        blocks: dict[int, list[_Sentence]] = {}
        definitions: dict[str, frozenset[str]] = {}
        for sentence in everything:
            blocks.setdefault(sentence.block, []).append(sentence)
            definition = _DEFINITION.match(sentence.text)
            if definition and definition.group(1)[:1].isupper() and _DATA_TERM.search(definition.group(1)):
                kinds = frozenset(_kinds_in(sentence.text[definition.end():]))
                if kinds:
                    definitions[definition.group(1)] = kinds
        return cls(everything, {block: tuple(group) for block, group in blocks.items()}, definitions)

    def data_of(self, clause: _Sentence) -> _Data:
        """What the clause names, its defined terms and the items of the list it introduces; failing those, in
        turn: the sentence it points back at, the example after it, its table row's data column, and "all" for
        a purpose among the uses of the information collected."""
        kinds = _clause_kinds(clause.text) | self._defined_in(clause.text)
        sources = [clause]
        if clause.text.rstrip().endswith(":"):
            for item in self._items_of(clause):
                sources += [item] if _kinds_in(item.text) else []
                kinds |= _kinds_in(item.text)
        for fallback in (self._referred_to, self._example_after, self._data_column):
            if kinds:
                break
            found = fallback(clause)
            kinds = set().union(*(_kinds_in(s.text) for s in found))
            sources += found
        if not kinds and not _POINTER.search(clause.text) and self._among_uses_of_information(clause):
            kinds = {"all"}
        if kinds - {"all", "public_posts"}:
            kinds.discard("all")  # "your information, like your prompts": those
        return _Data(frozenset(kinds), tuple(sources), "all" in kinds and bool(_WHOLE_DATA.search(clause.text)))

    def _defined_in(self, text: str) -> set[str]:
        return {kind for term, kinds in self.definitions.items()
                if re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text) for kind in kinds}

    def _paragraph(self, block: int) -> tuple[_Sentence, ...]:
        return self.blocks.get(block, ())

    def _items_of(self, lead_in: _Sentence) -> list[_Sentence]:
        """The first sentence of each paragraph or item the lead-in introduces."""
        return [s for s in self.sentences if s.lead_in_block == lead_in.block and s is self.blocks[s.block][0]]

    def _referred_to(self, clause: _Sentence) -> list[_Sentence]:
        paragraph = self._paragraph(clause.block)
        at = paragraph.index(clause)
        return [paragraph[at - 1]] if at and clause.says(_DATA_BACK_REFERENCE) else []

    def _example_after(self, clause: _Sentence) -> list[_Sentence]:
        paragraph = self._paragraph(clause.block)
        at = paragraph.index(clause)
        following = paragraph[at + 1:at + 2]
        return [s for s in following if _EXAMPLE_SENTENCE.match(s.text)]

    def _data_column(self, clause: _Sentence) -> list[_Sentence]:
        """A purpose standing alone, then (past separators) a paragraph naming the data used for it, then the
        list items naming that data, with their group labels ("Your activity:"), up to the next other paragraph."""
        if len(self._paragraph(clause.block)) != 1:
            return []
        block = clause.block + 1
        while block <= clause.block + _DATA_COLUMN_REACH and block in self.blocks:
            if any(_DATA_COLUMN.search(s.text) for s in self.blocks[block]):
                return self._column_items(block + 1)
            block += 1
        return []

    def _column_items(self, block: int) -> list[_Sentence]:
        items: list[_Sentence] = []
        while block in self.blocks:
            first = self.blocks[block][0]
            if first.item:
                items.append(first)
            elif not self.blocks[block][-1].text.rstrip().endswith(":"):
                break
            block += 1
        return items

    def _among_uses_of_information(self, clause: _Sentence) -> bool:
        context = [*clause.headings, *(s.text for s in self._paragraph(clause.lead_in_block))]
        return any(_USES_OF_INFORMATION.search(text) for text in context)


def _training_lead_ins(everything: Iterable[_Sentence]) -> list[_Sentence]:
    """Lead-ins about training with no party named ("sources are used for training, including:"): in a text where
    the platform trains, their items are the data it trains on."""
    return [s for s in everything if s.text.rstrip().endswith(":") and s.says(_TRAINING) and not s.banned
            and not _DEFINITION.match(s.text) and not s.says(_TRAINING, _OTHERS_TRAIN)]


def _data(text: _Text, using: list[_Sentence]) -> Answer:
    """The kinds of data the training clauses name, with the sentences that name them. "all" (the person's data,
    no kind named) gives way to a narrower kind named elsewhere, unless a clause uses the person's data as a whole;
    "publicly available information" beside "the information we collect" is all of it."""
    if not using:
        return Answer("", (), 0.5)
    readings = [text.data_of(clause) for clause in dict.fromkeys([*using, *_training_lead_ins(text.sentences)])]
    found = set().union(*(reading.kinds for reading in readings))
    if found - {"all", "public_posts"} and not any(reading.whole for reading in readings):
        found.discard("all")
    elif "all" in found and not found - {"all", "public_posts"}:
        found.discard("public_posts")
    deciding = [source for reading in readings if reading.kinds for source in reading.sources]
    return Answer(",".join(kind for kind in DATA_KINDS if kind in found), _quotes(deciding),
                  _confidence(using, 0.5))


_YOU = _pattern(r"you", r"your")
# The next paragraph pointing back at the use: "You can turn this off", "… control over those uses".
_BACK_REFERENCE = _pattern(r"this", r"it", r"that", r"these\s+uses", r"those\s+uses", r"such\s+use")


def _opt_out(everything: list[_Sentence], using: list[_Sentence],
             conditional_no: Iterable[_Sentence]) -> tuple[Answer, bool]:
    """The platform's own way out of its AI use: a clause that ties a way out to the training, or one in the same
    paragraph as a training clause; "once you opt out, … not used to train" is one too. Others' training ("if you
    do not opt out, recipients may … train their models") is about sharing, not this."""
    if not using:
        return Answer("not_applicable", (), 0.6), False
    ways = _ways_out(everything, {sentence.block for sentence in using}, conditional_no)
    if not ways:
        return Answer("none_stated", (), 0.6), False
    value, chosen = _kind_of_way(ways)
    region_limited = all(_REGION.search(" ".join((*s.headings, s.text))) for s in chosen)
    return Answer(value, _quotes(chosen), _confidence(chosen, 0.6)), region_limited


def _names_way_out(sentence: _Sentence, use_blocks: set[int]) -> bool:
    """A way out tied to the training: in the clause itself, in a training clause's paragraph, or in the next
    paragraph pointing back at it ("You can turn this off")."""
    if sentence.banned or _POINTER.search(sentence.text) or _OTHERS_TRAIN.search(sentence.text):
        return False
    in_use_paragraph = sentence.block in use_blocks and bool(_OPT_WAY.search(sentence.text))
    return (sentence.says(_OPT_WAY, _TRAINING) or in_use_paragraph
            or (sentence.block - 1 in use_blocks and sentence.says(_OPT_WAY, _BACK_REFERENCE)))


def _unnamed_way_out(sentence: _Sentence) -> bool:
    """ "if you require that Content not be used for training, use …" names no AI term, but in a text that trains
    AI it is the way out of that training."""
    return (not sentence.relevant and not sentence.banned and sentence.says(_NEGATED_TRAINING)
            and bool(_CONDITION.search(sentence.text)))


def _ways_out(everything: list[_Sentence], use_blocks: set[int],
              conditional_no: Iterable[_Sentence]) -> list[_Sentence]:
    """The sentences offering a way out of the training, the clearest first: one tied to the training and addressed
    to the person ("you can object to …")."""
    ways = [s for s in everything if _names_way_out(s, use_blocks)]
    ways += [s for s in conditional_no if s not in ways]
    ways += [s for s in everything if _unnamed_way_out(s) and s not in ways]
    ways.sort(key=lambda s: -(2 * s.says(_OPT_WAY, _TRAINING) + bool(_YOU.search(s.text))))
    return ways


def _kind_of_way(ways: list[_Sentence]) -> tuple[str, list[_Sentence]]:
    """ "setting" when any way out is one (or names no kind: "unless you opt out"), else "form"; with the sentences
    of that kind."""
    settings = [s for s in ways if _SETTING.search(s.text)]
    forms = [s for s in ways if _FORM.search(s.text) and s not in settings]
    generic = [s for s in ways if s not in settings and s not in forms]
    if settings or generic:
        return "setting", settings or generic
    return "form", forms


# Sharing *for AI*: to a recipient, for training or AI ("share … with partners to train their models").
# The purpose runs on until a new clause: "to run the service, and we use AI to …" shares for no AI.
_FOR_AI = re.compile(r"\b(?:for|to)\s+(?:(?!we\b|but\b|while\b|although\b|whereas\b)\w+\W+){0,12}?"
                     r"(?:train\w*|AIs?|artificial|machine\s+learning|models?|generative)\b", re.IGNORECASE)
# A section about AI ("## AI integrations"), below the document's title: "models" alone names no AI there.
_AI_HEADING = _pattern(r"AI", r"artificial\s+intelligence", r"machine\s+learning", r"generative")
_TRAINING_OF_OURS = re.compile(r"\btraining\s+of\s+(?:our|its)\b|\b(?:we|us)\s+(?:\w+\s+){0,3}to\s+train\b",
                               re.IGNORECASE)
_THEIR_MODELS = re.compile(r"\btheir\s+(?:own\s+)?(?:\w+\s+){0,3}" + _AI_OBJECT, re.IGNORECASE)
_NEGATED_SHARING = re.compile(r"\b" + _NEGATION + r"\b(?:\W+\w+){0,6}?\W+(?:shar|disclos|sell|sold|provid|licen)",
                              re.IGNORECASE)


def _shared_for_ai(sentence: _Sentence) -> bool:
    """Data goes to others for AI: their training, sharing for AI in one clause, a licence that both trains AI and
    passes content on ("(i) training of our models; and (ii) to make Content available to other companies"), or
    sharing under a heading about AI ("## AI features") though the sentence names no AI."""
    if sentence.relevant:
        return sentence.says(_THEIR_MODELS, _TRAINING) or sentence.says(_SHARE, _RECIPIENT, _FOR_AI) or (
            sentence.says(_SHARE, _RECIPIENT) and sentence.says(_TRAINING_OF_OURS))
    return (len(sentence.headings) > 1 and bool(_AI_HEADING.search(sentence.headings[-1]))
            and sentence.says(_SHARE, _RECIPIENT))


def _shares(sentences: list[_Sentence]) -> tuple[Answer, tuple[str, ...]]:
    yes: list[_Sentence] = []
    no: list[_Sentence] = []
    for sentence in sentences:
        if sentence.banned or not _shared_for_ai(sentence):
            continue
        (no if sentence.says(_NEGATED_SHARING) else yes).append(sentence)
    deciding = yes or no
    names: list[str] = []
    for sentence in deciding:
        names += [m.group(0).strip() for m in _RECIPIENT.finditer(sentence.text)]
        names += [m.group(1).strip(" ,") for m in _NAMED_RECIPIENT.finditer(sentence.text)]
    value = "yes" if yes else "no" if no else "not_stated"
    shared_with = tuple(dict.fromkeys(name[0].lower() + name[1:] if name.split()[0].islower() or
                                      name.split()[0] in ("Third", "Our", "Other") else name for name in names))[:5]
    return Answer(value, _quotes(deciding), _confidence(deciding, 0.6)), shared_with


def effective_date(text: str) -> str | None:
    """The date a text says it takes effect ("Effective: November 15, 2024"), as an ISO date, or None."""
    for match in _EFFECTIVE.finditer(text[:20_000]):
        words = re.sub(r"\s+", " ", match.group(1)).strip()
        for pattern in _DATE_FORMATS:
            try:
                return datetime.strptime(words, pattern).date().isoformat()
            except ValueError:
                continue
    return None


# -- a change of stance ---------------------------------------------------------------------------------------

# The fields a headline reports, in the order it reports them (data only matters while the platform trains).
HEADLINE_FIELDS = ("trains", "opt_out", "shares_for_ai", "likeness", "data")


@dataclass(frozen=True, slots=True)
class StanceChange:
    field: str
    before: str
    after: str
    detail: str = ""  # for trains: the data it now names

    def headline(self, service: str, since: str | None = None) -> str:
        """ "X: trains AI on your data — not stated → yes (since 15 Nov 2024)" """
        detail = f": {pretty(self.detail)}" if self.detail else ""
        when = f" (since {clock.day(since)})" if since else ""
        return f"{service}: {FIELD_LABELS[self.field]} — {pretty(self.before)} → {pretty(self.after)}{detail}{when}"

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "before": self.before, "after": self.after}


# Changes that only follow from a change of ``trains``: not worth a line of their own.
_IMPLIED = {("opt_out", "not_applicable", "none_stated"), ("opt_out", "none_stated", "not_applicable")}


def stance_changes(before: Stance, after: Stance) -> list[StanceChange]:
    """The fields whose answer differs between two stances, in headline order; the data rides on a change of
    ``trains`` ("not stated → yes: public posts") rather than having a line of its own."""
    changes: list[StanceChange] = []
    for name in HEADLINE_FIELDS:
        old, new = before.value(name), after.value(name)
        if old == new or (name, old, new) in _IMPLIED:
            continue
        if name == "data" and any(change.field == "trains" for change in changes):
            continue
        detail = after.data.value if name == "trains" and after.trains.value in ("yes", "with_consent") else ""
        changes.append(StanceChange(name, old, new, detail))
    return changes


_VALUE_LABELS = {"all": "all your data", "ai_chats": "AI chats and prompts", "photos_videos": "photos and videos",
                 "with_consent": "only with consent"}


def pretty(value: str) -> str:
    """A field's value for people: "not_stated" → "not stated", "setting,region_limited" → "setting (some regions)"."""
    if not value:
        return "none named"
    words = [word for word in value.split(",") if word != "region_limited"]
    text = ", ".join(_VALUE_LABELS.get(word, word.replace("_", " ")) for word in words)
    return f"{text} (some regions)" if "region_limited" in value.split(",") else text


def alert_fields(service: str, old_text: str, new_text: str, detected_at: str) -> dict[str, Any]:
    """What an alert about a change carries of the stance: both versions' answers and a headline for each answer
    that changed, dated by the day the new text says it takes effect (else the day it was detected)."""
    before, after = stance_of_text(old_text), stance_of_text(new_text)
    since = after.effective or detected_at[:10]
    return {"stance_before": before.summary(), "stance_after": after.summary(),
            "stance_headlines": [change.headline(service, since) for change in stance_changes(before, after)]}


# -- roll-up over a service's documents ---------------------------------------------------------------------------

def _rank(order: tuple[str, ...], answer: Answer) -> int:
    return order.index(answer.value) if answer.value in order else len(order)


def roll_up(stances: Mapping[str, Stance]) -> Stance:
    """One stance for a service from its documents' stances (document name → stance): for each field the most
    permissive reading wins ("yes" over "no", a way out over none), naming the document it comes from; the data
    is every kind any training document names."""
    if not stances:
        raise ValueError("no documents to roll up")
    named = {document: _named(stance, document) for document, stance in stances.items()}
    items = list(named.values())
    trains = min((s.trains for s in items), key=lambda a: _rank(TRAINS, a))
    opt_source = min(items, key=lambda s: _rank(OPT_OUT, s.opt_out))
    shares_source = min(items, key=lambda s: _rank(SHARES, s.shares_for_ai))
    likeness = min((s.likeness for s in items), key=lambda a: _rank(LIKENESS, a))
    using = [s for s in items if s.trains.value in ("yes", "with_consent") and s.data.value]
    kinds = {kind for s in using for kind in s.data_kinds}
    data = Answer(",".join(k for k in DATA_KINDS if k in kinds), tuple(c for s in using for c in s.data.clauses),
                  max((s.data.confidence for s in using), default=0.5),
                  ", ".join(dict.fromkeys(s.data.document or "" for s in using)) or None)
    return Stance(trains, data, opt_source.opt_out, opt_source.region_limited, shares_source.shares_for_ai,
                  shares_source.shared_with, likeness, max((s.effective for s in items if s.effective), default=None))


def _named(stance: Stance, document: str) -> Stance:
    def named(answer: Answer) -> Answer:
        return replace(answer, document=document)

    return replace(stance, trains=named(stance.trains), data=named(stance.data), opt_out=named(stance.opt_out),
                   shares_for_ai=named(stance.shares_for_ai), likeness=named(stance.likeness))


# -- measured on the corpus --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StanceRow:
    """One labelled document of ``stance.tsv``: what the label says and what was read."""

    service: str
    document: str
    split: str  # dev | test
    expected: dict[str, str]
    got: dict[str, str]

    def right(self, name: str) -> bool:
        if name == "data":
            return set(filter(None, self.expected[name].split(","))) == set(filter(None, self.got[name].split(",")))
        if name == "opt_out":
            return set(self.expected[name].split(",")) == set(self.got[name].split(","))
        return self.expected[name] == self.got[name]


@dataclass(frozen=True, slots=True)
class StanceReport:
    corpus: str
    rows: tuple[StanceRow, ...] = ()
    missing: tuple[str, ...] = field(default=())  # files named in stance.tsv that are not in versions/

    def accuracy(self, name: str, split: str) -> tuple[int, int]:
        """(right, total) for one field on one split's documents."""
        rows = [row for row in self.rows if row.split == split]
        return sum(row.right(name) for row in rows), len(rows)

    def yes_where_no(self, split: str) -> int:
        """Documents read as training where the label says the document rules it out: must stay 0."""
        return sum(1 for row in self.rows if row.split == split and row.expected["trains"] == "no"
                   and row.got["trains"] == "yes")


def evaluate_stance(corpus_dir: str | os.PathLike[str]) -> StanceReport:
    """Read every document of ``stance.tsv`` (its text under ``versions/``) and compare each field with its label."""
    corpus = Path(corpus_dir)
    splits: dict[str, str] = {}
    if (corpus / "splits.tsv").is_file():
        with (corpus / "splits.tsv").open(encoding="utf-8", newline="") as handle:
            splits = {row["service"]: row["split"] for row in csv.DictReader(handle, delimiter="\t")}
    rows: list[StanceRow] = []
    missing: list[str] = []
    with (corpus / "stance.tsv").open(encoding="utf-8", newline="") as handle:
        for label in csv.DictReader(handle, delimiter="\t"):
            path = corpus / "versions" / label["file"]
            if not path.is_file():
                missing.append(label["file"])
                continue
            stance = stance_of_text(path.read_text(encoding="utf-8"))
            rows.append(StanceRow(label["service"], label["document"], splits.get(label["service"], "dev"),
                                  {name: (label[name] or "").strip() for name in FIELDS},
                                  {name: stance.value(name) for name in FIELDS}))
    return StanceReport(str(corpus), tuple(rows), tuple(missing))


def format_stance_report(report: StanceReport, *, show_mistakes: bool = True) -> str:
    """Per-field accuracy on dev and test documents; the wrong answers are listed for dev documents only (test
    documents stand for policies nobody has read: only their figures are shown)."""
    out = [f"Stance ({len(report.rows)} documents of {report.corpus}/stance.tsv): per-field accuracy"]
    for split in ("dev", "test"):
        documents = sum(1 for row in report.rows if row.split == split)
        if not documents:
            out.append(f"  {split:<5} no labelled documents")
            continue
        figures = []
        for name in FIELDS:
            right, total = report.accuracy(name, split)
            figures.append(f"{name} {right}/{total} ({right / total:.0%})")
        out.append(f"  {split:<5} " + "  ".join(figures) + f"  yes-where-no {report.yes_where_no(split)}")
    if report.missing:
        out.append(f"  missing files: {', '.join(report.missing)}")
    if show_mistakes:
        wrong = [(row, name) for row in report.rows if row.split == "dev" for name in FIELDS if not row.right(name)]
        out.append(f"  dev mistakes: {len(wrong)}")
        out.extend(f"    {row.service}/{row.document} {name}: expected {row.expected[name] or '-'}, "
                   f"got {row.got[name] or '-'}" for row, name in wrong)
    return "\n".join(out)
