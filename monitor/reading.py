"""Who does what with whose data: the structure of one AI clause, and the plain sentence that says it.

``classify`` decides a clause's category; this module reads, from the same clause, the fields a reader checks in a
second: the **actor** (the platform and its affiliates, the user, a developer or customer, a third party), the
**act** (train, improve, share, keep, generate, use, opt out), the **object** (people's content, their chats with
AI, their data, their likeness, or the platform's own materials; ``also`` the other kinds of people's data it
names), the **purpose** (AI training, AI features) and
the **modality** (will, may, does, does not, may not, unless you consent). Two clauses with the same fields say the
same thing, however the page words or renders them.

>>> structure = read_structure("We may use your public posts to train our AI models.", "ai_training")
>>> (structure.actor, structure.act, structure.object, structure.modality)
('platform', 'train', 'user_content', 'may')
>>> say(structure, "X")
'X may use your public posts to train its AI models'
>>> say(read_structure("You may not use the Services to train any AI model.", "ai_features", prohibited=True), "X")
"Users may not use X's content or services to train AI models"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.concepts import CONSENT_ASKED_FIRST, GETS_BETTER, data_examples


@dataclass(frozen=True, slots=True)
class Structure:
    """The fields of one AI clause; an empty string where the clause does not say."""

    actor: str = ""  # platform | user | developer | third_party
    act: str = ""  # train | improve | share | sell | license | keep | generate | use | opt_out
    object: str = ""  # user_content | messages | ai_interactions | user_data | likeness | platform_materials | outputs
    purpose: str = ""  # ai_training | ai_features | other
    modality: str = ""  # will | may | does | does_not | may_not | unless_consent | can_refuse | no_choice
    # of a way out: how surely the platform uses the data for AI meanwhile ("may use … unless you opt out": may)
    use_modality: str = ""
    also: tuple[str, ...] = ()  # other kinds of people's data the clause names after ``object`` ("… and messages")
    named: tuple[str, ...] = ()  # people's data as the clause words it ("voice recordings", "notes"), for the reading

    def key(self) -> tuple[str, ...]:
        return (self.actor, self.act, self.object, self.purpose, self.modality)


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_DEVELOPER = _pattern(r"developers?", r"apps?", r"licensees?", r"API\s+users?", r"integrators?",
                      r"(?:us(?:e|es|ing)|access(?:es|ing)?)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}?APIs?")
_USER = _pattern(r"you", r"your", r"users?", r"customers?", r"end\s+users", r"members", r"anyone")
_THIRD_PARTY = _pattern(r"third[\s-]+part(?:y|ies)", r"partners?", r"providers?", r"vendors?", r"companies",
                        r"sub-?processors?")
# "unless you opt in" gates a use on consent; "unless you opt out" (or object, turn it off) is a way out of it
# (nor is who one is: "unless you are under 18", "unless you live in the EU")
_CONSENT = _pattern(r"unless\s+you(?!\s+(?:\w+\s+)?(?:opt(?:ed)?\s+out|object|"
                    r"(?:turn|switch)\w*\s+(?!(?:[\w-]+\s+){0,3}?on\b)|disable|"
                    r"tell\s+us\s+not|ask\s+us\s+not)|\s+(?:are|live|reside)\b|['’]re\b)",
                    # switched on by the person: "only if you turn on Share recordings", "if you consent"
                    r"(?:if|once|when|after)\s+you\s+(?:(?:turn|switch)\w*\s+(?:[\w-]+\s+){0,3}?on|(?:enable|activate)\b)",
                    # "only after you have opted in"
                    r"(?:if|once|when|after)\s+you(?:['’]ve|\s+have)\s+opted\s+in\b",
                    r"if\s+you\s+consent",
                    r"without\s+your\s+(?:\w+\s+)?(?:consent|permission)",
                    r"with\s+your\s+(?:\w+\s+)?(?:consent|permission)",
                    r"(?:if|should)\s+you\s+(?:opt(?![\s-]*out)|choose|allow|agree)",
                    r"(?:when|once)\s+you\s+(?:allow|permit)\s+(?:it|this|that|us)\b",
                    r"if\s+you\s+(?:give|grant)\s+(?:us\s+)?(?:your\s+)?(?:\w+\s+)?(?:consent|permission)",
                    r"you\s+(?:opt|choose)\s+in", r"^\W*opting\s+in\b", r"only\s+(?:if|when|with|after|once)\s+you",
                    *CONSENT_ASKED_FIRST,
                    # off until switched on: "will stay off until you turn them on"
                    r"until\s+you\s+(?:switch|turn)\w*\s+(?:\w+\s+){0,2}?on", r"off\s+until\s+you\s+(?:enable|allow)",
                    r"off\s+by\s+default", r"(?:disabled|not\s+enabled)\s+by\s+default")
_NO_CHOICE = _pattern(r"(?:no|not\s+(?:\w+\s+)?(?:offer|provide|have)\s+(?:a|any))\s+"
                      r"(?:way|mechanism|option|setting)\s+to",
                      r"(?:cannot|can\s+not|can[’']t|not\s+able\s+to|unable\s+to)\s+"
                      r"(?:opt|object|delete|remove|turn\s+off|switch\s+off|disable|withdraw|refuse|stop)")
_NEGATED = _pattern(r"(?:do|does|will|shall|would)\s*(?:not|n[’']t)", r"never", r"no\s+longer", r"won[’']t",
                    r"none\s+of",
                    r"stop\s+using",  # "…, and we will stop using them": as "they will no longer be used"
                    r"(?:is|are)\s*(?:not|n[’']t)\s+used")
_WILL = _pattern(r"will", r"shall", r"we'll", r"we’ll")
_MAY = _pattern(r"may", r"might", r"can", r"could")

_ACTS = (
    ("opt_out", _pattern(r"opt(?:s|ed|ing)?[\s-]*out", r"object\w*", r"turn\w*\s+(?:\w+\s+){0,3}off", r"withdraw\w*",
                         r"delete\w*", r"settings?", r"controls?", r"choose", r"choice")),
    ("license", _pattern(r"licen[cs]\w*", r"grant\w*")),
    ("share", _pattern(r"shar\w+", r"disclos\w+", r"sell\w*", r"sold", r"transfer\w*", r"sen[dt]s?", r"provid\w+\s+to",
                       r"powered\s+by", r"processed\s+by")),
    ("train", _pattern(r"train\w*", r"fine[\s-]?tun\w+", r"learn\w*", r"teach\w*")),
    ("improve", _pattern(r"improv\w+", r"develop\w*", r"enhanc\w+", r"build\w*",
                         # "to make its matching AI better", "so its answers get better"
                         r"ma(?:ke|kes|de|king)\s+(?:[\w'’-]+\s+){0,7}?(?:better|smarter|more\s+accurate)",
                         GETS_BETTER)),
    ("generate", _pattern(r"generat\w+", r"creat\w+", r"mak\w+")),
    ("keep", _pattern(r"keep\w*", r"retain\w*", r"stor\w+")),
    ("use", _pattern(r"us(?:e|es|ed|ing)", r"process\w*", r"analy[sz]\w+")),
)
_OBJECTS = (
    # a voice, not what is said with it: "voice memos" and "voice recordings" are people's content
    ("likeness", _pattern(r"likeness", r"faces?", r"facial", r"voice(?![\s-]+(?:chats?|calls?|messages?|memos?|notes?|"
                          r"recordings?|commands?|searche?s?|inputs?|clips?|snippets?|queries|requests?|"
                          r"assistants?|features?|mode|data))", r"selfies?",
                          r"avatars?", r"biometric\w*")),
    ("ai_interactions", _pattern(r"prompts?", r"chats?", r"conversations?", r"interactions?\s+with", r"inputs?",
                                 r"queries", r"messages?\s+(?:that\s+)?you\s+(?:send|write|give)\s+(?:to|with)\s+"
                                             r"(?:our|the|its|an?)\s+(?:\w+\s+)?(?:AI|assistants?|chatbots?|bots?|models?)")),
    # private and direct messages between people, not what they post for others to see
    ("messages", _pattern(r"(?:private|direct|personal)\s+messages?", r"DMs?", r"messages?")),
    # "the content of your messages" names the messages
    ("user_content", _pattern(r"posts?", r"content(?!\s+of\b)", r"photos?", r"images?", r"videos?", r"comments?",
                              r"captions?", r"uploads?", r"works?", r"notes", r"memos?", r"recordings?", r"files",
                              r"documents?", r"drafts?")),
    ("outputs", _pattern(r"outputs?")),
    ("user_data", _pattern(r"(?:personal\s+)?(?:information|data|info)", r"activity", r"profiles?", r"usage")),
)
_PLATFORM_MATERIALS = re.compile(r"\b(?:the|our)\s+(?:Services?|Platform|Site|Software|APIs?|Materials|Outputs?)\b|"
                                 r"\bany\s+(?:Outputs?|Materials|Content)\b")
# A use of the data for AI stated beside the way out of it: "Acme may use your messages to train its models unless …"
_USE_FOR_AI = re.compile(r"\b(?:uses?|using|used)\s+(?:[\w'’,-]+\s+){1,12}?to\s+(?:\w+\s+(?:and|or)\s+)?"
                         r"(?:train|improve|develop|fine[\s-]?tune)\b", re.IGNORECASE)
_AI_TRAINING_PURPOSE = _pattern(r"train\w*", r"fine[\s-]?tun\w+", r"improv\w+", r"develop\w*", r"learn\w*",
                                r"machine[\s-]+learning\s+purposes")

# What each object reads as in a sentence addressed to the user.
_OBJECT_WORDS = {"user_content": "your posts and content", "messages": "your messages",
                 "ai_interactions": "your chats and prompts with its AI",
                 "user_data": "your data", "likeness": "your face, voice or likeness", "outputs": "what its AI "
                 "generates for you", "platform_materials": "its content or services", "": "your data"}


def _first(table: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> str:
    """The name of the entry whose pattern matches earliest in the text (ties: the table's order)."""
    found = [(match.start(), index, name) for index, (name, pattern) in enumerate(table)
             if (match := pattern.search(text))]
    return min(found)[2] if found else ""


def data_object(text: str) -> str:
    """The kind of people's data a text names first ("messages", "user_content" …), or "" when it names none.

    >>> data_object("your private messages and photos")
    'messages'
    """
    return _first(_OBJECTS, text)


def data_objects(text: str) -> tuple[str, ...]:
    """Every kind of people's data a text names, first named first; examples of a kind already named are that kind.

    >>> data_objects("your public posts and private messages")
    ('user_content', 'messages')
    >>> data_objects("your information, such as your posts")
    ('user_data',)
    """
    first = data_object(text)
    for example, head in reversed(list(data_examples(text))):  # from the last: the earlier heads stay in place
        if data_object(text[head:example.start()]):
            text = text[:example.start()] + text[example.end():]
    found = sorted((match.start(), index, name) for index, (name, pattern) in enumerate(_OBJECTS)
                   if name in _PEOPLES_KINDS for match in pattern.finditer(text))
    return tuple(dict.fromkeys([first] * bool(first) + [name for _, _, name in found]))


_PEOPLES_KINDS = frozenset({"ai_interactions", "messages", "user_content", "user_data"})


def _also(text: str, target: str) -> tuple[str, ...]:
    return tuple(kind for kind in data_objects(text) if kind != target) if target in _PEOPLES_KINDS else ()


# People's data named as theirs: "your voice recordings", "the notes you write", "users' public posts". One plain
# word may stand before the noun ("voice", "public"); what follows a pronoun is a verb ("it notes", "you upload").
_DATA_NOUNS = (r"posts?|photos?|images?|videos?|comments?|captions?|notes|memos?|recordings?|files|documents?|drafts?|"
               r"messages?|DMs|prompts?|chats?|conversations?|inputs?|queries|outputs?|activity|profiles?")
_DATA_ITEM = rf"(?:([a-z][a-z-]+)\s+)?({_DATA_NOUNS})\b(?!\s+of\b)"  # a plain word, then the noun
_NAMED_DATA = re.compile(r"\b(?:your|the|their|users[’']|people[’']s|members[’'])\s+" + _DATA_ITEM)
_NEXT_NAMED = re.compile(r"(?:,\s*|,?\s+(?:and|or)\s+)(?:(?:your|the|their)\s+)?" + _DATA_ITEM)
_NOT_A_MODIFIER = frozenset({"same", "other", "such", "following", "above", "below", "relevant", "whole", "entire",
                             "own", "new", "first", "last", "any", "all", "these", "those", "most", "many", "full"})


def data_named(text: str) -> tuple[str, ...]:
    """People's data as a clause words it, in its order and plural as written: what a reading names.

    >>> data_named("We use the notes you write, and your voice recordings, to train our AI.")
    ('notes', 'voice recordings')
    >>> data_named("Deleting a note stops any use of your notes, photos and voice memos.")
    ('notes', 'photos', 'voice memos')
    """
    named = []
    for first in _NAMED_DATA.finditer(text):
        match: re.Match[str] | None = first
        while match:
            named.append(" ".join(word for word in match.groups() if word and word.lower() not in _NOT_A_MODIFIER))
            match = _NEXT_NAMED.match(text, match.end())  # the list goes on: "your notes, photos and voice memos"
    return tuple(dict.fromkeys(word.lower() for word in named))


def in_a_series(items: list[str] | tuple[str, ...]) -> str:
    """Items as a sentence lists them.

    >>> in_a_series(["notes", "photos", "voice memos"])
    'notes, photos and voice memos'
    """
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else items[0]


# Who makes a choice for others: "Your workspace admin decides whether …", "The landlord decides for all tenants …"
_CHOOSER = re.compile(r"\b(?:your|the|an?|each|their)\s+((?:workspace\s+|account\s+|team\s+|organi[sz]ation['’]s\s+)?"
                      r"(?:admin(?:istrator)?|employer|landlord|parent|guardian|school|organi[sz]ation|account\s+owner|host))"
                      r"s?\s+(?:alone\s+)?(?:decides?|chooses?|controls?|determines?)\b", re.IGNORECASE)


def read_structure(text: str, category: str | None, *, protection: bool = False, prohibited: bool = False) -> Structure:
    """The fields of one clause that ``classify`` put in ``category`` (plain text, without Markdown)."""
    if category is None:
        return Structure()
    if prohibited:
        return _rule_for_others(text)
    if category == "ai_opt_out":
        modality = "no_choice" if _NO_CHOICE.search(text) else ("unless_consent" if _CONSENT.search(text)
                                                                else "can_refuse")
        used = _modality(text, protection) if modality == "can_refuse" and _USE_FOR_AI.search(text) else ""
        target = _first(_OBJECTS, text) or "user_data"
        return Structure("user", "opt_out", target, "ai_training", modality, used if used in ("will", "may", "does")
                         else "", _also(text, target), data_named(text))
    if category == "ai_features":
        return Structure("platform", _first(_ACTS[1:], text) or "use", _first(_OBJECTS, text), "ai_features",
                         _modality(text, protection))
    act = {"ai_data_sharing": "sell" if _ONLY_SOLD.search(text) else "share",
           "ai_likeness": "generate"}.get(category) or _training_act(text)
    target = "likeness" if category == "ai_likeness" else (_first(_OBJECTS, text) or "user_data")
    purpose = "ai_training" if category == "ai_training" or _AI_TRAINING_PURPOSE.search(text) else "ai_features"
    return Structure("platform", act, target, purpose, _modality(text, protection), also=_also(text, target),
                     named=data_named(text) if target in _PEOPLES_KINDS else ())


def _rule_for_others(text: str) -> Structure:
    """A ban on users, developers or third parties: who it binds, what it forbids, on what."""
    if _DEVELOPER.search(text):
        actor = "developer"
    else:
        actor = "third_party" if _THIRD_PARTY.search(text) and not _USER.search(text) else "user"
    target = "platform_materials" if _PLATFORM_MATERIALS.search(text) else (_first(_OBJECTS, text) or "")
    purpose = "ai_training" if _AI_TRAINING_PURPOSE.search(text) else "ai_features"
    return Structure(actor, _first(_ACTS[1:], text) or "use", target, purpose, "may_not")


# Selling, and no other way of handing data over: "does not sell your trip plans to outside AI companies" still lets
# it share them
_ONLY_SOLD = re.compile(r"^(?!.*\b(?:shar|disclos|sen[dt]|transfer|provid|pass|give|giving|gave))"
                        r".*\b(?:sell\w*|sold)\b", re.IGNORECASE | re.DOTALL)


def _training_act(text: str) -> str:
    """What is done to the data, the strongest act named first: training before improving, keeping or using."""
    acts = dict(_ACTS)
    return next((name for name in ("license", "train", "improve", "keep") if acts[name].search(text)), "use")


def _modality(text: str, protection: bool) -> str:
    if _CONSENT.search(text):
        return "unless_consent"
    if protection or _NEGATED.search(text):
        return "does_not"
    if _WILL.search(text):
        return "will"
    return "may" if _MAY.search(_PURPOSE_CLAUSE.sub(" ", text)) else "does"


# "… so it can train its models" says what for, not how sure the platform is.
# (of whatever it names: "so that hints can be generated", "so the autocorrect model can be improved")
_PURPOSE_CLAUSE = _pattern(r"so\s+(?:that\s+)?(?:it|they|we|you|(?:the|its|our|their|an?)?\s*(?:[\w'’-]+\s+){1,3}?)"
                           r"\s*(?:can|could|may|might)")


_MODAL = {"will": "will", "may": "may", "does_not": "does not", "unless_consent": "may, with your consent,"}


def _verb(modality: str, base: str) -> str:
    """``base`` conjugated for the modality: "may use", "does not use", "uses"."""
    if modality in _MODAL:
        return f"{_MODAL[modality]} {base}"
    head, _, rest = base.partition(" ")
    return " ".join(filter(None, (head + ("es" if head.endswith(("sh", "ch", "s")) else "s"), rest)))


def say(structure: Structure, service: str | None = None, text: str = "") -> str:
    """The clause in one plain sentence: who may do what with whose data (``text``, the clause itself, says who
    makes a choice someone other than you makes: "The landlord decides … whether their messages are used").

    >>> say(Structure("platform", "share", "ai_interactions", "ai_training", "will"), "Acme")
    'Acme will share your chats and prompts with its AI with other companies for their AI'
    >>> say(Structure("user", "opt_out", "messages", "ai_training", "can_refuse"))
    "You can refuse or turn off the platform's use of your messages for AI"
    >>> say(Structure("user", "opt_out", "messages", "ai_training", "can_refuse", use_modality="may"), "Acme")
    'Acme may use your messages to train its AI models; you can refuse'
    """
    name = service or "The platform"
    owner = service or "the platform"  # inside the sentence: lower case when unnamed
    what = "your " + in_a_series(structure.named) if structure.named else \
        " as well as ".join(_OBJECT_WORDS.get(kind, "your data") for kind in (structure.object, *structure.also))
    if structure.modality == "may_not":
        who = {"developer": "Developers", "third_party": "Third parties"}.get(structure.actor, "Users")
        if structure.object == "platform_materials" or not structure.object:
            whose = f"{owner}'s content or services"
        else:
            whose = _OBJECT_WORDS[structure.object].replace("your ", f"{owner}'s users' ").replace(" with its AI", "")
        aim = "to train AI models" if structure.purpose == "ai_training" else "with AI in ways the terms forbid"
        return f"{who} may not use {whose} {aim}"
    if structure.act == "opt_out":
        if structure.modality == "no_choice":
            return f"No way is offered to stop {owner} using {what} for AI"
        if structure.modality == "unless_consent":
            return f"{name} asks for your consent before using {what} for AI"
        if chooser := _CHOOSER.search(text):
            return f"The {chooser.group(1).lower()} decides whether {owner} uses {what} for AI"
        if structure.use_modality:
            return f"{name} {_verb(structure.use_modality, f'use {what} to train its AI models')}; you can refuse"
        return f"You can refuse or turn off {owner}'s use of {what} for AI"
    if structure.purpose == "ai_features" and structure.act not in ("share", "sell", "generate"):
        return f"{name} describes its AI features or rules for AI content; no use of your data for AI is stated"
    doing = "to improve its AI" if structure.act == "improve" else "to train its AI models"
    phrase = {"share": f"share {what} with other companies for their AI",
              "sell": f"sell {what} to other companies for their AI",
              "generate": f"use {what} in AI-generated content",
              "license": f"take a licence to {what} that covers training its AI models",
              "keep": f"keep {what} for machine learning"}.get(structure.act, f"use {what} {doing}")
    return f"{name} {_verb(structure.modality, phrase)}"
