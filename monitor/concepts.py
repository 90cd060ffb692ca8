"""The concepts the AI-clause detector reads, as patterns: AI terms, training and use verbs, people's data, third
parties, opt-outs, likeness, negations and bans, and the wording normal form.

Each is one regular expression with a comment where the boundary is not obvious ("model" is AI only as the object of
training). ``classify`` combines them into readings of clauses; this module only names them, so a new wording is one
line here and one case in ``tests/data/classify.yaml``.
"""

from __future__ import annotations

import re


def word_alternatives(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def words_pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(word_alternatives(*alternatives), re.IGNORECASE)


# Case-sensitive: "AI" must be a capitalised word of its own (never the letters of "email" or "maintain"),
# product names are proper nouns.
AI_TERM_CASED = re.compile(
    r"\bA\.?I\.?s?\b|\bML\b|\bLLMs?\b|\bGenAI\b|"
    r"\b(?:Grok|Llama|Gemini|Bard|Copilot|ChatGPT|OpenAI|Claude|Cortana|My Selfie)\b"
)
AI_TERM = words_pattern(
    r"artificial[\s-]+intelligence", r"machine[\s-]+learn(?:ing|ed)", r"deep[\s-]+learning", r"generative",
    r"large[\s-]+language[\s-]+models?", r"(?:foundation|frontier|language|neural|diffusion)\s+models?",
    r"neural\s+networks?", r"chat\s?bots?", r"natural\s+language\s+processing", r"computer\s+vision",
    r"(?:recognition|recommendation)\s+models?", r"deep\s?fakes?",
)
# "model" and "algorithm" are AI only as the object of training: never "business model" or "device model".
MODEL_IMPROVED = words_pattern(
    r"(?:improv\w+|develop\w*|train\w*|enhanc\w+)\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}?(?<!business\s)"
    r"(?<!device\s)(?<!pricing\s)(?<!revenue\s)(?<!operating\s)models?",
    r"(?:our|the)\s+models?\s+(?:\w+\s+){0,2}(?:more|better)\s+(?:helpful|accurate|useful|safe)",
    r"learn\s+(?:from\s+)?your\s+(?:writing|typing|speaking|voice)", r"speech\s+recognition\s+(?:technolog\w+|models?)",
    # training a system or tool is machine learning; training people is not (see PEOPLE_TRAINING)
    r"train(?:s|ed|ing)?(?:,?\s+(?:and|or)\s+\w+)?\s+(?:our|its|their|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:tools|systems?|technolog\w+|engines?|software)")
MODEL = words_pattern(r"models?", r"algorithms?")
AI_IN_URL = re.compile(r"(?:[/=_.-])(?:gen)?ai(?:[-_/?#.]|$)|artificial-intelligence|copilot|genai", re.IGNORECASE)
LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)")

# "trained on large datasets" / "trained by looking at" describe what a model is, not whose data trains it.
TRAIN_STRONG = re.compile(
    word_alternatives(r"train(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?(?:on|with|using)\s+(?:\w+\s+)?"
                      r"(?:your|users?|people|members|customers?)",
                      r"train(?:s|ed|ing)?(?!\s+(?:on|by)\b)", r"re-?train\w*", r"fine[\s-]?tun\w+", r"teach\w*",
                      r"learns?\s+(?:from|your)", r"develop(?:s|ed|ing)?,?\s+(?:and|or)\s+improv\w+",
                      r"used\s+(?:\w+\s+){0,2}to\s+(?:help\s+)?(?:improve|develop|build)"),
    re.IGNORECASE,
)
TRAIN_IMPROVE = words_pattern(r"improv(?:e|es|ed|ing|ement)", r"advancement", r"develop(?:s|ed|ing|ment)?",
                              r"optimi[sz](?:e|es|ed|ing|ation)")
RESEARCH = words_pattern(r"research")
TRAINING_SOURCE = words_pattern(r"publicly\s+available\s+(?:and\s+licensed\s+)?(?:information|sources|data)")
TRAINING_NOUN = words_pattern(r"model\s+training", r"training\s+data", r"(?:for|of)\s+(?:AI\s+)?training",
                              r"for\s+(?:AI|machine[\s-]+learning|ML)\s+(?:purposes|training|development)",
                              r"training\s+(?:controls?|settings?|toggles?|preferences?)")
# Training people: staff, support teams, moderators; calls recorded "for training and quality purposes".
PEOPLE_TRAINING = words_pattern(
    r"train\w*\s+(?:\w+\s+){0,3}(?:staff|employees|personnel|teams?|agents|moderators|reviewers|creators|"
    r"representatives|workforce|volunteers|contractors)",
    r"(?:for|of)\s+(?:internal\s+)?training(?:\s+(?:and|or)\s+[\w-]+(?:\s+assurance)?)?\s+purposes",
    r"training\s+(?:and|or)\s+quality", r"quality\s+(?:assurance|control)\s+(?:and|or)\s+training",
    r"(?:staff|employee|safety|security|compliance)\s+training")
ADS_PURPOSE = words_pattern(r"ads", r"advertis\w+", r"marketing", r"sponsored")
USER_DATA = words_pattern(
    r"(?:personal\s+)?(?:information|data|info)", r"content", r"posts?", r"photos?", r"images?", r"videos?",
    r"messages?", r"conversations?", r"chats?", r"prompts?", r"inputs?", r"outputs?", r"interactions?",
    r"activity", r"profiles?", r"text", r"voice\s+recordings?", r"captions?", r"comments?", r"queries",
    r"publicly\s+available", r"uploads?", r"files", r"questions", r"requests", r"(?:the\s+)?way\s+you\s+use",
    r"words\s+you",
)
AI_DATA = words_pattern(r"interactions?", r"conversations?", r"chats?", r"prompts?", r"activity", r"history",
                        r"inputs?", r"outputs?", r"info(?:rmation)?\s+(?:you\s+)?shared", r"messages?")
USE_VERB = words_pattern(r"us(?:e|es|ed|ing)", r"process\w*", r"draw\w*\s+from", r"rel(?:y|ies)\s+on", r"analy[sz]\w*",
                         r"leverag\w+", r"keep", r"retain\w*", r"collect\w*", r"licen[cs]e\s+includes",
                         r"review\w*", r"stor(?:e|es|ed|ing)")
SHARE_VERB = words_pattern(
    r"shar(?:e|es|ed|ing)", r"disclos(?:e|es|ed|ing)", r"licen[cs](?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,4}to", r"sell\w*",
    r"sold", r"transfer\w*", r"sen[dt]s?\s+to", r"make\s+(?:\w+\s+)?available\s+to", r"authori[sz]e\s+us",
    r"(?:sent|transmitted|passed|routed|forwarded|disclosed)\s+to",
    r"(?:processed|handled|analy[sz]ed|powered|hosted)\s+by",
)
THIRD_PARTY = words_pattern(r"third[\s-]+part(?:y|ies)(?:'s?)?", r"partners?", r"(?:service|model)\s+providers?",
                            r"vendors?", r"companies", r"organi[sz]ations", r"collaborators", r"OpenAI", r"Anthropic",
                            r"sub-?processors?", r"affiliat\w+", r"group\s+companies", r"family\s+of\s+companies")
THIRD_PARTY_AI = words_pattern(
    r"third[\s-]+part(?:y|ies)(?:[\s-]+provided)?\s+(?:[\w-]+\s+){0,2}"
    r"(?:AI|artificial\s+intelligence|LLMs?|chat\s?bots?|"
    r"(?:language\s+)?models?|model\s+providers?)", r"AI\s+(?:model\s+)?(?:providers?|partners?|vendors?)",
    r"third[\s-]+party(?:[\s-]+provided)?\s+services\s+(?:used\s+)?(?:for|to\s+provide|providing)\s+(?:\w+\s+){0,2}AI")
OTHERS_MODELS = words_pattern(r"(?:train|develop|improve)\w*\s+their\s+(?:own\s+)?(?:\w+\s+){0,3}models?")
OPT_OUT = words_pattern(
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
LIKENESS = words_pattern(
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
CONTENT_RULE = words_pattern(
    r"deep\s?fakes?", r"impersonat\w+", r"without\s+(?:their|his|her|the\s+person's)\s+consent",
    r"real,?\s+(?:identifiable\s+)?(?:person|people|individuals?)", r"non-?consensual",
    r"(?:must|should)\s+(?:be\s+)?(?:label\w*|disclos\w*|tag\w*)")
NEGATION = words_pattern(r"not", r"never", r"no\s+longer", r"cannot", r"can[’']t", r"won[’']t", r"don[’']t",
                         r"doesn[’']t", r"isn[’']t", r"aren[’']t")
# A prohibition addressed to others ("you may not use the Services to train …") is an AI-feature rule, not a use.
PROHIBITION = re.compile(
    r"\b(?:you|customers?|developers?|users?|end\s+users|third[\s-]+parties|anyone|licensees?|apps?)[\s,]+"
    r"(?:(?!that\b|which\b|if\b|when\b|whether\b|understand\b|acknowledge\b)[\w'’]+[\s,]+){0,10}?"
    r"(?:may|must|will|shall|should|agree|can)\s*(?:not|n't)\b|\bprohibit\w*|\bforbid\w*|"
    r"\bnot\s+(?:be\s+)?permitted\b|\bnot\s+allow(?:ed)?\b",
    re.IGNORECASE,
)
ONLY = words_pattern(r"only", r"just", r"solely")
# A list introduced as a ban without a subject: "Do not:", "Never:", "### Restrictions", "Prohibited uses".
BAN_LEAD_IN = re.compile(r"^\W*(?:do\s+not|don[’']t|never)\b|\b(?:restrictions|prohibited|prohibitions|"
                         r"unacceptable\s+uses?|acceptable\s+use|what\s+you\s+(?:can't|cannot|may\s+not)\s+do)\b",
                         re.IGNORECASE)
# Duties laid on users or developers ("you remain responsible for", "developers must") are rules for others too.
OBLIGATION = words_pattern(r"you\s+(?:remain\s+|are\s+)?(?:solely\s+)?responsible", r"(?:you|developers?|apps?)\s+must",
                           r"(?:these|the\s+following)\s+requirements")
FIRST_PERSON = words_pattern(r"we", r"us", r"our", r"we'll", r"we’ll", r"we've", r"we’ve")
# The platform's own materials ("the Services", "any Output") or someone's model ("any AI model", "a model that
# competes"): training on them is what others are forbidden, never a use of people's data.
PLATFORM_MATERIALS = re.compile(
    r"\b(?:the|our)\s+(?:Services?|Platform|Site|Software|APIs?|Materials|Outputs?|Products?)\b|"
    r"\bany\s+(?:Outputs?|Materials|Content|data\s+(?:from|obtained))\b|\bOutputs?\b")
OTHERS_MODEL = words_pattern(
    r"compet\w+", r"(?:any|another|competing)\s+(?!of\b|its\b|our\b)(?:[\w-]+\s+){0,4}(?:models?|AI|tools?|systems?)",
    r"their\s+own\s+(?:[\w-]+\s+){0,3}(?:models?|AI|tools?|systems?)")

# Clauses end at list bullets, rules, semicolons, sentence ends inside long blocks, footnote and section numbers.
CLAUSE_BREAK = re.compile(
    r"\s[*•]\s|\s-{3,}\s?|={3,}|;\s|<br>|(?<=[.!?])\s+(?=[A-Z\[*])|\s\d+(?:\.\d+)+\.?\s|\s\d+\.?\s+(?=[A-Z])"
)
WORD_TOKEN = re.compile(r"\w+")

# en-GB → en-US and other wording that does not change the meaning, applied word by word.
SPELLING = (
    (re.compile(rb"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations)$"), rb"iz\1"),
    (re.compile(rb"(?<=[a-z])ys(e|es|ed|ing)$"), rb"yz\1"),
    (re.compile(rb"(?<=[a-z]{3})our(s|ed|ing|able)?$"), rb"or\1"),
    (re.compile(rb"(?<=[a-z]{2}[^aeiou])re$"), rb"er"),
    (re.compile(rb"programme"), b"program"),
    (re.compile(rb"licence"), b"license"),
    (re.compile(rb"(?<=[aeiou])ll(ed|ing|er)$"), rb"l\1"),
)
FILLER_WORDS = frozenset({b"that", b"which"})
LINK_TARGETS = re.compile(r"\]\([^)]*\)|\((?:https?://|mailto:)[^)\s]*\)")
# Lower-case ASCII letters and digits stay, everything else becomes a space: words in one C-level pass.
WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256)).lower()
