"""The concepts the AI-clause detector reads, as patterns: AI terms, training and use verbs, people's data, third
parties, opt-outs, likeness, negations and bans, and the wording normal form.

Each is one regular expression with a comment where the boundary is not obvious ("model" is AI only as the object of
training). ``classify`` combines them into readings of clauses; this module only names them, so a new wording is one
line here and one case in ``tests/data/classify.yaml``.
"""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass


def word_alternatives(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def words_pattern(*alternatives: str) -> CaselessPattern:
    return CaselessPattern(word_alternatives(*alternatives))


@functools.lru_cache(maxsize=256)  # one clause is searched for many concepts in turn
def _lowered(text: str) -> str | None:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None  # "İ" lower-cases to two characters: positions would move


@functools.lru_cache(maxsize=8)  # a version is looked through in lower case by several readings of one change
def lower_text(text: str) -> str:
    """A whole text in lower case, made once however many readings ask."""
    return text.lower()


def _lowered_source(source: str) -> str:
    """A pattern's source with its literal letters in lower case, escapes kept ("\\S" stays "not a space"), and a
    part that keeps its case (``(?-i:[A-Z]\\w+)``) made a plain group: in lower-cased text it can only be looser."""
    out, index = [], 0
    while index < len(source):
        if source[index] == "\\":
            out.append(source[index:index + 2])
            index += 2
        elif source.startswith("(?-i:", index):
            out.append("(?:")
            index += 5
        elif source.startswith(("(?P<", "(?P="), index):  # a group's name as written
            end = source.index(">" if source[index + 3] == "<" else ")", index)
            out.append(source[index:end + 1])
            index = end + 1
        else:
            out.append(source[index].lower())
            index += 1
    return "".join(out)


def _may_loosen(source: str) -> bool:
    """Whether a source can be matched on lower-cased text first: it sets no case of its own but ``(?-i:…)``, and
    none inside a negative lookaround, where a looser part would refuse more, not less."""
    if re.search(r"\(\?i|\(\?[a-zA-Z]+-?[a-zA-Z]*[:)]|\\N", source):
        return False
    groups: list[bool] = []  # for each open group: whether it is, or is inside, a negative lookaround
    index, in_class = 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":  # a class: "(" and ")" in it are characters; a "]" first in it is one too
            in_class = True
            index += 1
            index += source.startswith("^", index)
            index += source.startswith("]", index)
            continue
        elif char == "(":
            negative = source.startswith(("(?!", "(?<!"), index)
            if source.startswith("(?-i:", index) and groups and groups[-1]:
                return False
            groups.append(negative or bool(groups and groups[-1]))
        elif char == ")" and groups:
            groups.pop()
        index += 1
    return True


class CaselessPattern:
    """A case-insensitive pattern, compiled when first used, with the API of ``re.Pattern`` it is used through.

    Python's ``re`` compares each character without case, which makes a long list of alternatives 2-4 times slower
    than the same list matched with case. So a match is looked for in the lower-cased text, with the pattern's
    letters lower-cased, and taken from the original text where it starts: the same ``re.Match`` objects as
    ``re.compile(source, re.IGNORECASE)`` gives. A part that keeps its case (``(?-i:[A-Z]\\w+)``) is looser in the
    lower-cased text, so each place found there is tried with the pattern itself; a source that sets other flags is
    matched as is.

    >>> pattern = CaselessPattern(r"\\bmachine\\s+learning\\b")
    >>> pattern.search("We use Machine Learning.").group(0)
    'Machine Learning'
    """

    __slots__ = ("pattern", "_original", "_fast")

    def __init__(self, source: str) -> None:
        self.pattern = source
        self._original: re.Pattern[str] | None = None
        self._fast: re.Pattern[str] | None = None

    def _compiled(self) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
        if self._original is None:
            self._original = re.compile(self.pattern, re.IGNORECASE)
            if _may_loosen(self.pattern):
                self._fast = re.compile(_lowered_source(self.pattern))
        return self._original, self._fast

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        original, fast = self._compiled()
        lowered = _lowered(string) if fast is not None else None
        if fast is None or lowered is None:
            return original.search(string, pos, endpos)
        while (found := fast.search(lowered, pos, endpos)) is not None:
            # the loose match starts wherever the pattern could: the first place the pattern itself matches is it
            if (match := original.match(string, found.start(), endpos)) is not None:
                return match
            pos = found.start() + 1
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        while (match := self.search(string, pos, endpos)) is not None:
            if match.end() == match.start():  # an empty match: re's own rules for what may follow
                yield from self._compiled()[0].finditer(string, match.start(), endpos)
                return
            yield match
            pos = match.end()

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compiled()[0].match(string, pos, endpos)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self._compiled()[0].sub(replacement, string, count)

    def __repr__(self) -> str:
        return f"CaselessPattern({self.pattern[:60]!r}…)"


TextPattern = re.Pattern[str] | CaselessPattern  # what the readings search a text with


# Case-sensitive: "AI" must be a capitalised word of its own (never the letters of "email" or "maintain", nor a
# company's name written in one word, "AcmeAI"); no product is named here: a document names its own (see AINames).
AI_TERM_CASED = re.compile(r"\bA\.?I\.?s?\b(?!,?\s+(?:Inc|Ltd|LLC|GmbH|Limited|Corp|S\.A|B\.V|plc|SAS)\b)|"
                           r"\bML\b|\bLLMs?\b|\bNLP\b|\bGenAI\b|\bGPTs?\b|\bGPT-\w+")
# Models someone else runs for the platform ("models provided by third-party providers") are AI, and shared with.
OTHERS_RUN_MODELS = (r"models?\s+licensed\s+from\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:third[\s-]+part(?:y|ies)|partners?|providers?)|"
                     r"models?\s+(?:provided|operated|hosted|developed|supplied|run)\s+by\s+(?!us\b|our\b|we\b)"
                     r"(?-i:[A-Z][\w&.-]+)|"
                     r"models?\s+(?:(?:[\w-]+\s+){0,5}?(?:are\s+|is\s+)?(?:provided|operated|hosted|developed|supplied|run)"
                     r"\s+by|from)\s+"
                     r"(?:[\w-]+\s+){0,3}?(?:third[\s-]+part(?:y|ies)|external|outside|partners?|vendors?|providers?|other\s+"
                     r"compan(?:y|ies)|"
                     r"sub-?processors?|suppliers?|compan(?:y|ies))|"
                     # a company whose AI does the work: "a partner whose AI model generates your plan"
                     r"(?:partners?|providers?|vendors?|compan(?:y|ies)|sub-?processors?|suppliers?),?\s+whose\s+"
                     r"(?:[\w-]+\s+){0,2}?(?:AI|artificial\s+intelligence|(?:language\s+)?models?|LLMs?|"
                     r"machine[\s-]learning)")
AI_TERM = words_pattern(
    r"artificial[\s-]+intelligence", r"machine[\s-]+learn(?:ing|ed)", r"deep[\s-]+learning", r"generative",
    r"large[\s-]+language[\s-]+models?", r"large\s+models?",
    r"(?:foundation|frontier|language|neural|diffusion)\s+models?", r"language\s+technolog(?:y|ies)",
    # what makes new text, images or music is generative: "tools that generate music and sound effects"
    r"(?:image|video|audio|voice|music|speech|text|code|art)[\s-]+generat(?:ion|ors?)\s+(?:tools?|systems?|"
    r"features?|technolog(?:y|ies)|services?|engines?)",
    r"(?:systems?|tools?|technolog(?:y|ies)|engines?)\s+(?:that|which)\s+(?:automatically\s+)?(?:generate|produce|"
    r"compose)s?\s+(?:new\s+)?(?:text|images?|music|audio|video|speech|code|voices?|artwork|responses|answers|"
    r"replies|highlight\s+reels?|playlists?|sound\s+effects)\b",
    r"(?:image|video|audio|voice|music|embedding|translation|transcription|summari[sz]ation)[\s-]+(?:generation\s+)?"
    r"models?",
    r"neural\s+networks?", r"neural\s+(?:machine[\s-]+)?translation", r"chat\s?bots?",
    r"natural\s+language\s+processing", r"computer[\s-]+vision",
    r"neural\s+(?:[\w-]+\s+)?(?:engines?|systems?)",
    r"(?:recognition|recommendation|speech|predictive|vision)\s+models?",
    r"(?:image|photo|video|audio)[\s-]+analysis\s+models?", r"(?:image|video|music|art|voice)[\s-]+generators?",
    r"deep\s?fakes?", r"speech[\s-]recognition", r"(?:image|handwriting|object|species)[\s-]recognition",
    r"predictive\s+(?:[\w-]+\s+)?(?:models?|analytics)",
    r"digital\s+(?:voice\s+)?(?:likeness|twins?|doubles?|replicas?|clones?)",
    # a voice made again from a person's: "a copy of your own voice, created from a short recording"
    r"cop(?:y|ies)\s+of\s+(?:your|their|his|her)\s+(?:own\s+)?voices?",
    r"synthetic\s+(?:or\s+\w+\s+)?(?:media|images?|videos?|content)",
    # a model at work on people's data is machine learning: "whose models score candidates' answers"
    r"models?\s+(?:that\s+|which\s+|from\s+)?(?:scores?|predicts?|assess(?:es)?|classif(?:y|ies)|ranks?|estimates?|detects?|"
    r"scan(?:s|ning)?|analy[sz](?:e|es|ing)|respond|answer|generate|"
    r"recogni[sz]es?)\b",
    # what generates an answer, a text or a picture: "answer-generation systems", "image generation tools"
    r"(?:answer|text|image|video|music|speech|voice|response|reply|code|playlist|content)[\s-]generation\s+"
    r"(?:systems?|technolog(?:y|ies)|tools?|models?|features?)",
    r"model\s+(?:inference\s+|hosting\s+|service\s+)?(?:providers?|partners?|vendors?)",
    r"model\s+(?:outputs?|responses?|completions?)",
    r"inference\s+(?:providers?|partners?|vendors?)", r"models?['’]s?\s+providers?",
    # running a trained model ("model inference", "the inference infrastructure for our models"), never an inference
    # drawn about a person
    r"model\s+inference", r"inference\s+(?:infrastructure|servers?|hosting|endpoints?|compute|platforms?)",
    r"(?:neural\s+)?machine\s+translation", r"(?:automated|machine)\s+classifiers?",
    r"digital\s+avatars?",
    r"(?:speech|audio)\s+in\s+your\s+(?:own\s+)?voice",
    r"(?:speech|handwriting|image|voice|text|species|face|object|music|sound)[\s-]+recogni[sz]ers?",
    r"synthetic\s+(?:voices?|media|images?|videos?|speech|audio)", r"synthetic\s+[\w-]+\s+voices?",
    r"natural\s+language\s+understanding",
    r"text[\s-]to[\s-]speech", r"speech[\s-]to[\s-]text", r"speech[\s-]synthesis", r"voice\s+models?",
    r"synthesi[sz](?:e|es|ing)\s+(?:[\w-]+\s+)?speech", r"reinforcement\s+learning",
    # text made into vectors for semantic search: "a third-party embedding API"
    r"embedding\s+(?:models?|APIs?)", r"(?:text|vector|semantic|document)\s+embeddings", r"embeddings\s+for\b",
    r"answer\s+engines?", r"(?:speech|language)\s+(?:(?:and|or)\s+(?:speech|language)\s+)?technolog(?:y|ies)",
    r"(?<!user-)(?<!user\s)generated\s+(?:images?|videos?|media|avatars?|portraits?)",
    OTHERS_RUN_MODELS, r"voice\s+clon\w+", r"digital\s+replicas?",
    r"(?:images?|videos?|avatars?|portraits?|pictures?|stickers?)\s+generated\s+from",
    r"synthetic\s+(?:versions?|cop(?:y|ies)|replicas?|imitations?)",
    # making images of a person from their face: "generate your 3D avatar", "generate stickers that look like you"
    r"generat\w*\s+your\s+(?:[\w-]+\s+){0,2}(?:avatars?|stickers?|portraits?|headshots?|replicas?)",
    r"(?:generat|creat)\w*\s+(?:[\w-]+\s+){0,3}(?:avatars?|stickers?|portraits?|headshots?|replicas?)\s+(?:\w+\s+){0,3}?"
    r"(?:of\s+you|of\s+your\s+(?:face|body|voice|likeness)|from\s+your|(?:that\s+)?looks?\s+like\s+you)\b",
    r"generat\w*\s+(?:[\w-]+\s+){0,2}(?:videos?|images?|photos?|pictures?)\s+of\s+(?:your|their)\s+(?:[\w'’]+\s+)?"
    r"(?:faces?|voices?|likeness)",
)
# An assistant is an AI product ("the Shopping Assistant", "Assistant history"), never a person in a role.
# Named with a determiner ("the trip-planning assistant", "our assistant"): a bare "Assistant" in a list of products
# ("Search, Assistant, and Maps") is a product name like its neighbours.
ASSISTANT = CaselessPattern(r"\b(?-i:[A-Z][\w-]+\s+Assist(?:ant)?)\b|"  # a product: "Lumora Assistant", "Lumora Assist"
    r"(?:\b(?:the|your|our|an?|this|that|its|their)|\b[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<role>(?:administrative|executive|teaching|medical|legal|dental|sales|shop|store|service|care|"
    r"research|nursing|physician|lab|office|program|marketing|support|human|flight|personal\s+shopping)\s+)?"
    r"[Aa]ssistants?(?:['’]s)?(?![\w-])(?!\s+(?:managers?|professors?|directors?|editors?|coaches?))")
# What only an AI is given or gives: "your prompts", "prompts and responses", "the prompts you have sent".
AI_PROMPTS = words_pattern(
    r"(?:your|their|(?:users|customers|members)[’']?)\s+prompts?",
    r"prompts?,?\s+(?:and|or)\s+(?:\w+\s+)?(?:outputs?|responses?|completions?|answers?)",
    r"prompts?\s+(?:that\s+)?you\s+(?:have\s+)?(?:\w+\s+)?(?:send|sent|enter\w*|submit\w*|provid\w+|type\w*|writ\w+|"
    r"wrote|give|gave)", r"completions",
    # what others type in: "Prompts that recruiters enter into Scout"
    r"prompts?\s+(?:that|which)\s+(?:[\w-]+\s+){1,2}?(?:send|enter|submit|type|write)s?\b")
# "model" and "algorithm" are AI only as the object of training: never "business model" or "device model".
# the models a business or a device has: "our business model", "device models" (a phone's, not "on-device models")
_WHAT_IT_GETS_WRONG = r"(?:errors?|mistakes|error\s+rates?)\b"  # what is mended when a model is improved
_NO_MACHINE_MODEL = r"(?<!business\s)(?<!(?<!on-)device\s)(?<!pricing\s)(?<!revenue\s)(?<!operating\s)"
MODEL_IMPROVED = words_pattern(
    r"(?:improv\w+|develop\w*|train\w*|enhanc\w+|refin\w+|optimi[sz]\w*|(?:re)?calibrat\w+|build(?:s|ing)?)"
    r"(?:\s+and\s+\w+)?\s+(?:the|our|its|their|(?-i:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s)\s+"
    r"(?:[\w-]+['’]s\s+own\s+)?(?:[\w-]+\s+){0,4}?" + _NO_MACHINE_MODEL + r"(?:models?|classifiers?)",
    # "improve our services, including our models": the models are among what is improved
    r"(?:improv(?:e|es|ed|ing)|develop(?:s|ed|ing)?|train(?:s|ed|ing)?|enhanc(?:e|es|ed|ing)|refin(?:e|es|ed|ing))"
    r"(?:\s+and\s+\w+)?\s+(?:(?:the|our|its|their)\s+)?(?:[\w-]+\s+){0,3}?[\w-]+,?\s+"
    r"(?:including|such\s+as|like)\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}?" + _NO_MACHINE_MODEL + r"models?",
    # what a model gets wrong, mended: "correct our models' errors"
    r"(?:correct|fix|reduc)\w*\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,3}?models?['’]\s+" + _WHAT_IT_GETS_WRONG,
    # people's data made part of a model: "not incorporated into our baseline translation models"
    r"incorporat\w+\s+into\s+(?:the|our|its|their|any|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}?models?",
    # the act named as a noun: "the further development of our models", "model optimisation"
    r"(?:development|improvement|enhancement|training)\s+(?:(?:and|or)\s+\w+\s+)?of\s+(?:[\w'’-]+\s+){0,2}AI\b",
    r"(?:development|improvement|optimi[sz]ation|refinement|enhancement|training)\s+(?:(?:and|or)\s+\w+\s+)?of\s+"
    r"(?:the|our|its|their|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,3}models?",
    r"models?\s+optimi[sz]ation", r"train\w*\s+(?:future|new|later|next)\s+versions?\s+of",
    r"(?:evaluat|test|validat)\w*\s+(?:future|new|later|next|upcoming)\s+versions?\s+of",
    # "improve the quality of our models", "optimise the performance of the underlying large model"
    r"(?:improv|optimi[sz]|enhanc|refin|evaluat|assess)\w*\s+the\s+(?:\w+\s+){1,4}?of\s+(?:the|our|its|their|"
    r"[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}models?",
    r"(?:evaluat|assess|measur|check)\w*\s+how\s+(?:accurate(?:ly)?|well|reliabl[ey])\s+(?:the|our|its|their|"
    r"[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}(?:models?|systems?|classifiers?)",
    r"(?:our|the|its|future|new|next|[\w-]+['’]s)\s+(?:[\w-]+\s+)?models?\s+(?:\w+\s+){0,8}?(?:more|better)\s+"
    r"(?:helpful\w*|accurate\w*|useful\w*|safe\w*|capabl\w+|reliabl\w+|intelligent\w*|resistant|robust)",
    r"mak\w+\s+(?:the|our|its|their|that|this|these|future|new|next|[\w-]+['’]s)\s+(?:[\w'’-]+\s+){0,3}(?:models?|recognition|"
    r"classifiers?)\s+(?:[\w'’-]+\s+){0,5}?better",
    # "in the next generation of our models"
    r"(?:next|future|new|later)\s+generations?\s+of\s+(?:(?:our|the|its|[\w-]+['’]s)\s+)?(?:[\w-]+\s+){0,2}?models?",
    r"learn\w*\s+(?:from\s+)?(?:your|the\s+user['’]s|their)\s+(?:writing|typing|speaking|voice)",
    # a keyboard or dictation model fitted to a person: "learns how you write", "picks up your typing habits"
    r"(?:learn\w*|pick\w*\s+up)\s+(?:how\s+(?:you|users?|people)\s+(?:write|type|speak|talk)|"
    r"(?:your|the|their)\s+(?:writing|typing|speaking)\s+(?:style|habits|patterns))",
    r"learn(?:s|ing|ed)?\s+from\s+(?:your|people['’]s|users['’]?|what\s+you)\s",
    r"learn(?:s|ing|ed)?\s+from\s+how\s+(?:you|people|users|customers|members|players|drivers)\s+"
    r"(?:use|interact|write|type|respond|play|drive|speak|search|browse|listen|shop)",
    # "used to tune our models", "… tune these detection models"
    r"(?:re)?tun(?:e|es|ed|ing)\s+(?:the|our|its|their|these|those)\s+(?:[\w-]+\s+){0,2}?models?\b",
    # models named, then kept accurate by what is used: "Fraud models …, so … being used to keep them accurate"
    r"models\b(?=[^.;]{0,160}?\b(?:keep|kept|keeping|make|made|making)\s+them\s+(?:more\s+)?accurate\b)",
    # a model fitted to someone: "adapt the suggestion model to your individual style"
    r"adapt(?:s|ed|ing)?\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}?models?\s+to\b",
    r"learn\w*\s+from\s+(?:the\s+)?(?:[\w-]+\s+){1,2}?(?:that\s+)?you\s+(?:type|write|enter|say|speak|make|give|"
    r"provide|submit|share|upload)\b",
    r"speech\s+recognition\s+models?",
    # training a system or tool is machine learning; training people is not (see PEOPLE_TRAINING)
    r"(?:train|teach)(?:es|s|ed|ing)?(?:,?\s+(?:and|or)\s+\w+)?\s+(?:our|its|their|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:tools|systems?|technolog\w+|engines?|software|bots|features)\b",
    r"help\w*\s+(?:to\s+)?train\s+(?:[\w-]+\s+){0,2}?(?:tools|systems|technolog\w+|engines|software|bots|products|"
    r"features)\b",
    # "train our products to recognise objects": what learns to recognise or predict is a learning system
    r"(?:train|teach)\w*\s+(?:our|its|their|the|these|those)\s+(?:[\w-]+\s+){0,2}(?:products?|features?|services?|apps?|"
    r"filters?|detectors?)\s+to\s+"
    r"(?:recogni[sz]e|identify|detect|understand|predict|classify|translate|transcribe|spot)",
    # the same taught to a system by its name: "… so our engineers can label them and teach Zed to recognise"
    r"(?:teach|train)(?:es|s|ing)?\s+(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+to\s+"
    r"(?:recogni[sz]e|identify|detect|understand|predict|classify|spot)\b",
    # a model that learns is machine learning: "help our matching algorithms learn what you like"
    r"(?:models?|algorithms?|networks?|classifiers?)\s+(?:to\s+|can\s+|will\s+)?learn(?:s|ed|ing)?\b",
    r"(?:technolog\w+|systems?|engines?|keyboards?)\s+learns?\s+(?:and\s+\w+\s+)?(?:from\s+)?your\b",
    r"models?\s+draws?\s+(?:\w+\s+)?from", r"drawn\s+(?:up)?on\s+by\s+(?:the|our|its)\s+(?:[\w-]+\s+)?models?",
    r"(?:data|information|content)\s+(?:that\s+)?(?:our|the|its)\s+models?\s+(?:are|were|is|was)\s+trained\s+on",
    r"on\s+which\s+(?:our|the|its|[\w-]+['’]s)\s+(?:[\w'’-]+\s+){0,2}models?\s+(?:are|were|is|was)\s+trained",
    r"(?:computer|computational|software)\s+systems?\s+(?:that|which)\s+learn",
    r"(?:our|the|its|their)\s+(?:[\w-]+\s+)?(?<!business\s)(?<!pricing\s)(?<!revenue\s)(?<!operating\s)models?\s+"
    r"(?:are|were|is|was|have\s+been)\s+(?:\w+\s+)?"
    r"(?:developed|built|improved|refined|created|trained)\s+(?:using|with|on|from)\b",
    r"(?:models?|algorithms?|systems?|recognition)\s+(?:\w+\s+){0,3}?(?:gets?|becomes?|grows?)\s+(?:better|smarter|more\s+(?:accurate|"
    r"efficient|useful|helpful|capable|reliable|relevant|precise|robust|intelligent))",
    # keeping a model working is developing it: "we keep logs where needed to keep our machine-learning models working"
    r"keep\w*\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,4}?(?:models?|systems?|algorithms?)\s+(?:working|running|"
    r"accurate|up\s+to\s+date)",
    r"(?:models?|systems?|algorithms?)\s+(?:\w+\s+)?(?:work|working|function\w*)\s+properly",
    r"models?\s+(?:trained\s+on\s+(?:it|them|this|that)\s+)?(?:can\s+|could\s+|will\s+)?(?:continue\s+to|keep)\s+"
    r"(?:operat|work|function|run)\w*",
    # people's data put into the sets models are trained or tested on: "added to our internal evaluation datasets"
    r"(?:add|includ|incorporat|put)\w*\s+(?:\w+\s+){0,2}?(?:to|in|into)\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:evaluation|training|benchmark|test)\s+(?:data\s*sets?|datasets?|sets?|collections?)",
    r"(?:improv|train)\w*\s+(?:(?:AI|ML)\s+)?(?:models|classifiers?)\b",
    # a kind of model named before it: "improve safety models", "to refine ranking and fraud models"
    # (up to five words between, none of them a verb of being: "The models we build … are general-purpose models")
    r"(?:improv|train|refin|enhanc|optimi[sz]|develop|build|(?:re)?calibrat)\w*\s+"
    r"(?:(?!(?:are|is|was|were)\s)[\w-]+,?\s+){1,5}?(?<!business\s)"
    r"(?<!device\s)(?<!pricing\s)"
    r"(?<!revenue\s)(?<!operating\s)(?<!role\s)(?<!data\s)(?<!3d\s)(?<!3D\s)(?<!phone\s)(?<!car\s)(?<!new\s)"
    r"(?:models?|classifiers?)\b",
    r"(?:improv|develop|train|enhanc|build)\w*\s+(?:[\w-]+\s+){0,4}[\w-]*\s*recognition\b",
    r"improv\w*\s+(?-i:(?:[A-Z][\w-]*\s+){1,3})models?",
    # the models among what is improved: "improve answer quality and our models"
    r"(?:improv|develop|refin|enhanc)\w*\s+(?:[\w-]+\s+){1,3}?(?:and|or)\s+(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}?"
    + _NO_MACHINE_MODEL + r"models?\b",
    # models built to do what only a learned model does: "develop new models, such as those that detect tone",
    # "build models that summarise reviews" (not "new models of our phones")
    r"(?:develop|build|creat)\w*\s+(?:new\s+|better\s+)?models?,?\s+(?:that|which|to|such\s+as\s+(?:those|ones)\s+"
    r"that)\s+(?:\w+\s+)?(?:detects?|recogni[sz]e|summari[sz]e|generates?|rewrites?|translates?|transcribes?|"
    r"recommends?|predicts?|classif(?:y|ies)|answers?|suggests?|ranks?|draft|compose|estimates?|score)\b",
    # "evaluating and improving model quality"
    r"(?:improv|evaluat|enhanc|assess|measur)\w*\s+(?:and\s+\w+\s+)?model\s+(?:quality|performance|accuracy|safety|"
    r"behaviou?r|outputs?)",
    r"(?:train|test|develop|build|evaluat)\w*\s+(?:and\s+\w+\s+)?(?:future|new|later|next)\s+(?:model\s+versions|"
    r"versions?\s+of\s+(?:the|our|its)\s+(?:[\w-]+\s+)?models?)",
    # a system that learns, named by what it does: "improve our image understanding technology", "refine the
    # automated feedback engine", "calibrate the adaptive algorithm", "improve future translations"
    r"(?:improv|develop|train|enhanc|refin|calibrat|tun|optimi[sz]|evaluat)\w*\s+(?:and\s+\w+\s+)?"
    r"(?:(?:the|our|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?:automated|adaptive|intelligent|self-learning|autonomy|autonomous)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:systems?|engines?|algorithms?|classifiers?|agents?|technolog(?:y|ies))|"
    r"(?:understanding|recognition|generation|transcription|translation)\s+(?:technolog(?:y|ies)|systems?|engines?)|"
    r"speech\s+(?:services?|technolog(?:y|ies)|engines?)|virtual\s+(?:agents?|assistants?))\b",
    r"improv\w*\s+(?:the\s+|our\s+)?(?:future|later|next)\s+translations",
    # a system that is trained is machine learning: "so that the systems behind Answers can continue to be trained"
    r"(?:systems?|engines?|models?)\s+(?:[\w-]+\s+){0,4}?(?:can|will|may|to)\s+(?:continue\s+to\s+)?be\s+(?:kept\s+)?"
    r"(?:re)?(?:trained|calibrated|tuned)\b",
    # "the models behind it", "the models that power our answers"
    r"models?\s+(?:behind|that\s+powers?|powering)\s+(?:it|them|the|our|this|these|(?-i:[A-Z]))\b")
MODEL = words_pattern(r"(?<!role\s)models?", r"algorithms?", r"classifiers?", r"recogni[sz]ers?",
                      # systems taught a skill: "teach our systems to recognise objects"
                      r"systems?\s+to\s+(?:recogni[sz]e|identify|understand|detect|predict|transcribe|translate)")
# "/ai/", "ai-features", "?topic=ai"; never a domain's ".ai" ending ("https://acme.ai/privacy" is a company's site)
AI_IN_URL = CaselessPattern(r"(?:[/=_-])(?:gen)?ai(?:[-_/?#.]|$)|artificial-intelligence|genai")
LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)")

# "we may train on the prompts you submit": training on people's data is machine learning
_TRAINED_ON_THINGS = (r"(?:prompts?|inputs?|outputs?|conversations?|chats?|content|data|messages|posts|completions|"
                      r"files|images|recordings|interactions|e-?mails|photos|videos|documents|code|voice|queries|"
                      r"questions|comments|reviews|signals|activity|behaviou?r|feedback|ratings|clicks|likes|"
                      r"transcripts|history)")
TRAIN_ON_DATA = words_pattern(r"train(?:s|ing)?\s+on\s+(?:[\w'’-]+\s+){0,3}?" + _TRAINED_ON_THINGS +
                              r"(?!\s+(?:protection|security|privacy|handling|governance))",
                              # the data the subject: "None of your code will ever be trained on by us"
                              _TRAINED_ON_THINGS + r"\s+(?:(?:will|may|can|would|shall|is|are|was|were|has|have)\s+)?"
                              r"(?:(?:not|never|ever|also|only)\s+){0,2}(?:been\s+|be\s+|being\s+)?trained\s+on\b"
                              # (not those who handle it: "employees who handle data are trained on our practices")
                              r"(?!\s+(?:(?:our|the|its|their|your|how|data)\s+)?(?:[\w-]+\s+)?(?:privacy|security|"
                              r"confidential\w*|protection|practices|polic(?:y|ies)|procedures|compliance|handling)\b)",
                              # "training or product improvement with voice chat recordings"
                              r"training\s+(?:(?:and|or)\s+(?:[\w-]+\s+){1,2})?(?:with|using)\s+(?:[\w-]+\s+){0,5}?"
                              r"(?:recordings|prompts|conversations|chats|messages|posts|photos|videos|transcripts)\b")
# Models "trained on public posts": people's posts, chats or recordings train it, said in the passive.
TRAINED_ON_PEOPLES = words_pattern(r"trained\s+(?:only\s+)?on\s+(?:[\w-]+\s+){0,3}?(?:prompts?|conversations?|chats?|"
                                   r"messages|posts|photos|videos|clips|recordings|interactions|e-?mails|comments|reviews|"
                                   r"queries|profiles)\b",
                                   # "trained on résumés, applications and hiring outcomes from people who use Zed"
                                   r"trained\s+(?:only\s+)?on\s+(?:[\w,'’-]+\s+){1,8}?(?:from|of)\s+(?:the\s+)?(?:people|users|"
                                   r"members|customers|players|learners|students|patients|drivers)\b")
# "trained on large datasets" / "trained by looking at" describe what a model is, not whose data trains it.
TRAIN_STRONG = re.compile(
    word_alternatives(r"train(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?(?:on|with|using)\s+(?:\w+\s+)?"
                      r"(?:your|users?|people|members|customers?)",
                      # (not the train one rides: "train schedules", "Train Travel")
                      r"train(?:s|ed|ing)?(?!\s+(?:on|by|schedules?|stations?|tickets?|travel|times|timetables?|"
                      r"journeys?|routes?|lines?|rides?|trips?|operators?|fares?|delays?)\b)",
                      TRAIN_ON_DATA.pattern, TRAINED_ON_PEOPLES.pattern,
                      r"re-?train\w*", r"fine[\s-]?tun\w+",
                      # "We develop our detection model from de-identified images"
                      r"(?:develop|build|derive)(?:s|ed|ing)?\s+(?:our|the|its|their)\s+(?:[\w-]+\s+){0,3}?models?\s+"
                      r"(?:from|on|using)\s+(?!scratch\b)",
                      r"teach(?:es|ing)?(?!\w)(?!\s+(?:models?|methods?|styles?|materials?|staff|assistants?)\b)",
                      r"learn(?:s|ing)?\s+(?:from|your)",
    r"help\w*\s+(?:[\w'’-]+\s+){0,3}(?:models?|algorithms?)(?:\s+(?:on|at|of|in|behind)\s+[\w-]+)?\s+"
    r"(?:learn|get\s+better|become|improve)",
    # "each time you dismiss a suggestion, Acme's models learn to offer fewer like it"
    r"models\s+learn\s+(?:to|from|what|how|which)\b",
    # "… we record that signal so Zed can get better at understanding what writers want"
    r"(?:can|will|to)\s+(?:get|become)\s+better\s+at\b",
    # "added to the examples from which our detection models learn"
    r"(?:from|on)\s+which\s+(?:our|the|its|their)\s+(?:[\w-]+\s+){0,2}models?\s+(?:learn|are\s+trained)",
                      r"learn(?:s|ing)?\s+(?:[\w-]+\s+){0,3}?(?:about|from)\s+(?:how|what)\s+(?:you|people|users|customers|members)\b",
                      r"help\w*\s+us\s+(?:to\s+)?make\s+(?:[\w'’-]+\s+){0,4}?(?:more\s+(?:accurate|helpful|useful|relevant|"
                      r"reliable)|better|smarter|safer)",
                      # "… help us fulfil your order and improve the assistant"
                      r"help(?:s|ed)?\s+us\s+(?:to\s+)?(?:[\w'’-]+\s+){1,6}?and\s+(?:to\s+)?(?:improve|train|develop|refine)\b",
                      r"helps?\s+(?:us|(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*))?)\s+(?:to\s+)?"
                      r"(?:(?:evaluate|understand|test|measure|review)\s+(?:and|or)\s+)?"
                      r"(?:improve|develop|train|build|refine|teach|(?:re)?calibrate|tune|fine-tune|evaluate)\b",
                      r"help(?:s|ing)?\s+(?:to\s+)?improve",
                      # "… reviewed by our staff to help Zed understand speech better"
                      r"help\w*\s+(?:us|it|(?-i:[A-Z][\w-]*)|(?:our|the|its)\s+(?:[\w-]+\s+)?(?:assistant|model|AI|bot|"
                      r"agent)s?)\s+(?:to\s+)?(?:understand|recogni[sz]e|hear|transcribe|"
                      r"detect|predict)\s+(?:[\w'’-]+\s+){0,4}?(?:better|more\s+accurately)\b",
                      # "… to help Zed give clearer and more accurate answers": what an AI gives, made better
                      r"helps?\s+(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*))?\s+(?:to\s+)?(?:give|provide|write|offer)\s+"
                      r"(?:[\w-]+\s+){0,3}?(?:better|clearer|more\s+\w+)\s+(?:\w+\s+){0,2}?"
                      r"(?:answers|replies|responses|suggestions|results)",
                      # a model kept learning, or made over, on what is kept: "so that our models can be recalibrated"
                      r"(?:models?|classifiers?|systems?)\s+(?:(?:behind|that\s+power|powering)\s+(?:[\w-]+\s+){1,3}?)?"
                      r"(?:can|could|may|will)\s+(?:be\s+(?:\w+\s+(?:and|or)\s+)?"
                      r"(?:retrained|recalibrated|improved|refined|validated|tested|evaluated|kept\s+accurate)\b|"
                      r"keep\s+learning|"
                      r"continue\s+to\s+(?:learn|improve|recogni[sz]e|detect))",
                      r"(?:develop|build)(?:s|ed|ing)?,?\s+(?:and|or)\s+(?:improv|enhanc|refin)\w+",
                      r"(?:development|building)\s+and\s+(?:improvement|enhancement)\s+of",
                      r"used,?\s+(?:[\w,]+\s+){0,5}?to\s+(?:help\s+)?(?:\w+\s+and\s+)?(?:improve|develop|build)",
                      r"(?:fed|feeds?|feeding)\s+(?:back\s+)?into",  # "fed back into our machine-learning systems"
                      r"(?:fed|feeds?|feeding)\s+back\s+(?:to|so)\s+(?:\w+\s+){0,3}?(?:improve|make|train|teach|refine)\b",
                      # "patterns in how patients use the app feed the machine-learning models that …"
                      r"(?:fed|feeds?|feeding)\s+(?:the|our|its)\s+(?:[\w-]+\s+){0,2}?models?\b"),
    re.IGNORECASE,
)
# An AI said to improve from what it is given: "so that its suggestions get better over time"
GETS_BETTER = r"(?:get|gets|getting|become|becomes)\s+(?:better|smarter|more\s+accurate)"
TRAIN_IMPROVE = words_pattern(r"improv(?:e|es|ed|ing|ement)", r"advancement", r"betterment",
                              r"perfect(?:s|ed|ing)?(?=\s+(?:the|our|its|their)\s)",
                              r"advanc(?:e|es|ing)(?=\s+(?:the|our|its|their|[\w-]+['’]s)\s)",
                              r"develop(?:s|ed|ing|ment)?(?!\s+by\b)",
                              r"refin(?:e|es|ed|ing)", r"(?:re)?calibrat(?:e|es|ed|ing)",
                              r"(?<!stay\s)(?<!fine-)(?<!fine\s)tun(?:e|es|ed|ing)(?!\s+(?:in|into|out)\b)",
                              r"build(?:s|ing)?(?=\s+(?:\w+\s+){0,3}(?:AI\b|artificial|machine|generative|language\s+"
                              r"technolog)|"
                              r"\s+(?:[\w-]+\s+){1,5}?(?:such\s+as|including)\s+(?:AI\b|artificial|machine|generative))",
                              r"(?:maintain|keep)\w*\s+(?:\w+\s+){0,2}accura\w+",
                              # checking how good an AI's answers are is evaluating it
                              r"(?:check|evaluat|assess|measur)\w*\s+(?:the\s+(?:quality|accuracy)\s+of|how\s+well|"
                              r"(?:the\s+|our\s+)?(?:assistant|model|bot|chatbot|AI|agent)['’]s\s+(?:accuracy|quality)\b)",
                              # trying models out on people's data: "used to evaluate new voice models before release"
                              r"(?:evaluat|benchmark)(?:e|es|ed|ing)?\s+(?:the\s+|our\s+|its\s+|new\s+|future\s+)+"
                              r"(?:[\w-]+\s+){0,2}?models?\b",
                              r"ma(?:ke|kes|de|king)\s+(?:[\w'’-]+\s+){0,7}?(?:more\s+(?:accurate|helpful|reliable|useful|"
                              r"natural|engaging)|"
                              r"smarter|better|safer|more\s+(?:robust|resistant|capable))",
                              GETS_BETTER,
                              # mending what a model gets wrong: "annotators who correct our models' errors"
                              r"(?:correct|fix|reduc)\w*\s+(?:the\s+|our\s+|its\s+|(?-i:[A-Z][\w-]*)['’]s\s+)"
                              r"(?:[\w-]+\s+)?(?:models?['’]\s+)?" + _WHAT_IT_GETS_WRONG,
                              r"optimi[sz](?:e|es|ed|ing|ation)")
RESEARCH = words_pattern(r"research")
TRAINING_SOURCE = words_pattern(r"publicly\s+(?:available|accessible)\s+(?:(?:and|or)\s+licensed\s+)?(?:[\w-]+\s+)?"
                                r"(?:information|sources|data|code|content|text)",
                                r"public(?:ly)?\s+(?:available\s+)?(?:and|or|\+)\s+licensed\s+(?:sources|data|information|"
                                r"content)", r"sources\s+(?:available\s+)?publicly\s+and\s+under\s+licen[cs]e",
                                r"(?:sources|data|content|information)\s+(?:that|which)\s+(?:are|is)\s+licensed\s+or\s+"
                                r"publicly\s+(?:available|accessible)",
                                r"(?:sources|content|data|information)\s+(?:that|which)\s+(?:are|is)\s+public\s+or\s+"
                                r"(?:that\s+we['’]ve\s+|that\s+we\s+have\s+)?licensed",
                                r"(?:content|data|information)\s+(?:that\s+)?(?:\w+\s+){0,2}(?:can\s+)?freely\s+"
                                r"(?:and\s+openly\s+)?(?:reach|access|available|accessible)",
                                r"(?:information|data|content|sources)\s+(?:that|which)\s+(?:is|are)\s+publicly\s+"
                                r"(?:available|accessible)")
TRAINING_NOUN = words_pattern(r"model\s+(?:training|improvement|development|building)", r"training\s+data(?:sets?)?",
                              r"training\s+(?:sets|corpus|corpora|examples|samples)\b",
                              # (not "a set of training missions": training that names a kind of thing)
                              r"(?:for|of)\s+(?:AI\s+)?training(?!\s+(?:missions?|courses?|sessions?|modules?|"
                              r"programs?|programmes?|camps?|exercises?|levels?|videos?|materials?|classes?|grounds?|"
                              r"plans?|runs?)\b)",
                              r"(?:exclud\w+|remov\w+|withh[eo]ld\w*)\s+(?:[\w-]+\s+){0,4}from\s+(?:\w+\s+){0,2}training",
                              r"for\s+(?:AI|machine[\s-]+learning|ML)\s+(?:purposes|training|development)",
                              # data "used for machine learning" is data learned from
                              r"used\s+(?:only\s+)?for\s+(?:machine[\s-]+learning|ML)(?![\s-]+(?:features?|tools?|"
                              r"models?|systems?|based|powered|products?|services?))",
                              # a purpose in a table's cell: "| Chat logs | 13 months | Debugging and machine-learning
                              # purposes |"
                              r"(?:and|or)\s+(?:AI|machine[\s-]+learning|ML)\s+purposes",
                              r"training\s+(?:controls?|settings?|toggles?|preferences?)",
                              # "the dataset on which our classifier is developed"
                              r"data\s?sets?\s+(?:on|from)\s+which\s+(?:[\w-]+\s+){1,4}?(?:is|are)\s+(?:developed|trained|"
                              r"built|evaluated|tested|improved)",
                              # "the datasets we use to build our AI"
                              r"datasets?\s+(?:(?:that|which)\s+)?(?:we\s+)?(?:are\s+)?us(?:e|ed)\s+(?:to|for)\s+"
                              r"(?:build|train|develop|improv|creat)\w*")
# How a model is trained, described without anyone's data ("training involves two stages", "so it learns the
# patterns of language"): a description of an AI product, not a use of people's data.
HOW_MODELS_ARE_TRAINED = words_pattern(
    r"(?:stages?|steps?|phases?)\s+of\s+(?:\w+\s+)?training", r"training\s+(?:stages|steps|phases)\b",
    r"(?:trained|training|learns?)\s+(?:\w+\s+){0,3}(?:on|from)\s+billions\b",
    r"(?:is|are)\s+trained\s+in\s+(?:\w+\s+)?(?:steps?|stages?|phases?)",
    r"training\s+(?:\w+\s+){0,3}(?:can\s+)?involves?", r"trains?\s+(?:its|our|their|the)\s+models?\s+in\s+(?:\w+\s+)?"
    r"(?:steps|stages|phases)", r"so\s+(?:that\s+)?(?:it|they)\s+learns?\s+(?:the\s+)?(?:patterns?|how)")
# Training people: staff, support teams, moderators; calls recorded "for training and quality purposes".
_STAFF = (r"staff|employees|personnel|teams?|agents|moderators|reviewers|representatives|volunteers|contractors|"
          r"managers|supervisors|workers|teachers|tutors|instructors")
# people whose own training is said ("Our vets are trained to …"), not as the trainers of anything
_PROFESSIONS = r"technicians|engineers|specialists|nurses|clinicians|couriers|drivers|vets|veterinarians|doctors|" \
               r"physicians|pharmacists|therapists|counsell?ors|pilots|dispatchers"
_PEOPLE_AT_WORK = _STAFF + r"|" + _PROFESSIONS
PEOPLE_TRAINING = words_pattern(
    # (not "our AI agents", "virtual tutors": AI, whatever it is called)
    r"train\w*\s+(?:\w+\s+){0,3}(?<!\bAI\s)(?<!\bvirtual\s)(?<!\bdigital\s)(?:creators|workforce|" + _STAFF + r")\b",
    r"(?:" + _PEOPLE_AT_WORK + r")\s+(?:\w+\s+){0,2}(?:are|is|were|get|receive)\s+(?:\w+\s+)?trained",
    # "Our service technicians receive regular training on handling customer data"
    r"(?:" + _PEOPLE_AT_WORK + r")\s+(?:\w+\s+){0,2}"
    r"(?:receive|get|undergo|attend|complete)s?\s+(?:\w+\s+){0,2}?training\b",
    r"(?:for|of)\s+(?:internal\s+)?training(?:\s+(?:and|or)\s+[\w-]+(?:\s+assurance)?)?\s+purposes",
    r"training\s+(?:and|or)\s+quality", r"quality\s+(?:assurance|control)\s+(?:and|or)\s+training",
    r"(?:staff|employee|safety|security|compliance|safeguarding|annual|mandatory|privacy)\s+training",
    r"complet\w*\s+(?:\w+\s+){0,3}training", r"role\s+models?",
    r"(?:staff|employees|personnel|workforce|contractors)\s+(?:\w+\s+){0,3}training",
    r"training\s+(?:courses?|programs?|programmes?|materials?|certificates?|videos?|workshops?)",
    r"(?:hours?|days?|sessions?)\s+of\s+(?:[\w-]+\s+)?training",
    r"training\s+for\s+(?:[\w'’-]+\s+){0,2}(?:administrators|admins|staff|employees|managers|instructors|trainers)\b")
# An athlete's training: "training data such as the workouts you completed" is not training data for a model.
ATHLETIC = words_pattern(r"workouts?", r"heart[\s-]rate", r"fitness", r"athlet\w+", r"coach(?:es|ing)?",
                         r"training\s+(?:plans?|sessions?|zones?|load)")
ADS_PURPOSE = words_pattern(r"ads", r"advertis\w+", r"marketing", r"sponsored",
                            r"(?:personali[sz]\w+|targeted)\s+offers",
                            # offers as a thing shown, not the verb: "tailor the product offers you see"
                            r"(?:the|our|product|special|relevant|and|or)\s+offers",
                            r"promotions", r"deals", r"(?:partner|sponsor)\s+offers",
                            # products sold on what was said: "used to recommend over-the-counter products in our store"
                            r"recommend\w*\s+(?:[\w-]+\s+){0,4}?(?:products|templates|courses|upgrades|plans)",
                            r"suggest\w*\s+(?:[\w-]+\s+)?(?:products|templates|courses|upgrades|plans|integrations|add-ons)")
USER_DATA = words_pattern(
    r"(?:personal\s+)?(?:information|data|info)", r"contents?", r"texts", r"posts|(?<!you\s)post", r"photos?",
    r"images?", r"videos?", r"clips",
    r"messages?", r"DMs", r"conversations?", r"chats?", r"prompts?", r"inputs?", r"outputs?", r"interactions?",
    r"(?:health|medical|patient|call|financial|purchase|transaction|academic|school|de-?identified|anonymi[sz]ed|"
    r"pseudonymi[sz]ed|customer|member|student)\s+records",
    r"activity", r"profiles?", r"text", r"voice\s+recordings?", r"captions?", r"comments?", r"queries",
    r"publicly\s+available", r"uploads?", r"files", r"questions", r"requests", r"(?:the\s+)?way\s+you\s+use",
    r"what\s+you\s+do\b", r"how\s+(?:you|people|users|customers|members)\s+(?:use|interact)\b",
    r"words\s+you", r"feedback", r"excerpts", r"snippets", r"scans",
    r"(?:voice|audio|speech|sound|handwriting|writing)\s+samples?",
    r"(?:usage|listening|viewing|engagement|behaviou?ral|interaction)\s+signals", r"(?:\w+\s+)?history",
    r"(?:audio|voice|video|call)?\s*recordings?", r"audio",
    r"documents?", r"drafts", r"questions?", r"transcripts?", r"(?:usage\s+)?metrics", r"query", r"search\s+terms",
    r"voice\s+commands",
    r"metadata",
    r"e-?mails", r"logs", r"(?:precise\s+)?location(?:\s+(?:data|information|history))?", r"contacts",
    # what people make, named by the making: "the reviews you write", "the designs you upload", "what you submit"
    # ("if you give", "when you share", "helps you write" name no thing)
    r"(?:(?!(?:if|when|unless|once|before|after|as|so|because|that|which|and|or|where|while|until|helps?|lets?|"
    r"allows?|enables?|asks?|invites?)\s)\w+|what)\s+"
    r"you\s+(?:write|wrote|post|submit|upload|create|share|add|enter|type|record|send|give|gave|rate)\b",
)
# Examples of a kind already named are that kind: "public content, like posts, photos or audio" is public content.
# The examples run to the end of the phrase: a new clause, the purpose ("… to train") or another noun of the person's.
_DATA_EXAMPLES = CaselessPattern(r"\b(?:like|such\s+as|including(?:\s+things\s+like)?|e\.g\.)\s+[^.;:()]*?"
                                 r"(?=,\s+and\b|\s+and\s+(?:your|their|the)\b|\s+(?:to|for)\s|[.;:()]|$)")
_PHRASE_START = re.compile(r"[.;:()]|,\s+and\b")
AI_DATA = words_pattern(r"interactions?", r"conversations?", r"chats?", r"prompts?", r"activity", r"history",
                        r"threads", r"sessions",
                        r"(?:preferences|requests|questions|details|things|topics|what|places|destinations|products)\s+"
                        r"you\s+(?:express|say|tell|type|ask|share|enter|give|discuss|make|send|raise|mention|talk|chat)\w*",
                        r"inputs?", r"outputs?", r"info(?:rmation)?\s+(?:you\s+)?shared", r"messages?",
                        r"what\s+you\s+(?:tell|say\s+to|ask|type\s+(?:in|into)|write\s+to)\b")
USE_VERB = words_pattern(r"us(?:e|es|ed|ing)", r"process\w*", r"listen\w*\s+to", r"draw\w*\s+(?:from|on)",
                         r"rel(?:y|ies)\s+on", r"analy[sz]\w*",
                         r"employ(?:s|ed|ing)?", r"make\s+use\s+of", r"combin(?:e|es|ed|ing)",
                         r"aggregat(?:e|es|ed|ing)",
                         # "… may serve to perfect our models", "… served for the betterment of …"
                         r"serv(?:e|es|ed|ing)\s+(?:also\s+)?(?:to|for)(?=\s+(?:the\s+)?(?:improv|better|perfect|train|"
                         r"develop))",
                         r"leverag\w+", r"keep", r"retain\w*", r"collect(?!ive)\w*", r"licen[cs]e\s+includes",
                         r"review\w*", r"stor(?:e|es|ed|ing)", r"kept",
                         r"read", r"annotat\w+", r"stud(?:y|ies|ied|ying)", r"look(?:s|ed|ing)?\s+at")
SHARE_VERB = words_pattern(
    r"(?<!screen\s)shar(?:e|es|ed|ing)", r"disclos(?:e|es|ed|ing)", r"licen[cs](?:e|es|ed|ing)\s+(?:[\w,-]+\s+){0,8}to",
    r"sell\w*", r"sold", r"transfer\w*", r"sen[dt]s?\s+to", r"sublicen[cs]\w*\s+(?:[\w,-]+\s+){0,8}to",
    r"ma(?:ke|kes|de|king)\s+(?:[\w-]+\s+){0,4}?(?:available|accessible)\s+to",
    r"provid(?:e|es|ing)\s+(?:[\w-]+\s+){0,6}to\s+(?:(?:our|the|an?|these|its|their)\s+)?"
    r"(?:(?!you\b)[\w-]+,?\s+){0,5}?(?:third|partners?|"
    r"vendors?|providers?|AI|compan\w+|affiliat\w+|researchers?|universit(?:y|ies))",
    r"sen[dt]s?,?\s+(?:[\w,-]+\s+){1,16}?to\b", r"transmit\w*\s+(?:[\w,-]+\s+){0,8}?to\b",
    # handed on to whoever runs the AI: "we pass your query, stripped of your IP address, … to model providers"
    r"(?:pass|passes)\s+(?:[\w,'’-]+\s+){1,12}?to\s+(?:[\w-]+\s+){0,3}?"
    r"(?:AI|LLMs?|(?:language\s+)?models?|model\s+providers?|third[\s-]part(?:y|ies))\b",
    r"(?:goes|go|went)\s+to(?=\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:AI|LLM|model|third|outside|external))",
    r"authori[sz]e\s+us", r"prox(?:ies|ied|ying)",
    r"proxy\s+(?:your|the|it|them|this|these|those|requests?|queries|questions?)\b",
    r"(?:sent|passed|routed|forwarded|disclosed|supplied)\s+to",  # ("transmitted to": "transmit… to" above)
    # a company that is given it: "Axiomly, an AI company that receives the document text"
    r"(?:compan(?:y|ies)|providers?|partners?|vendors?|sub-?processors?|services?)\s*,?\s+(?:that|which|who)\s+"
    r"receives?\b",
    # "Acme, a third-party AI provider, receives your questions"
    r"(?:AI|model)\s+(?:compan(?:y|ies)|providers?|partners?|vendors?),\s+(?:also\s+)?receives?\b",
    # "… become accessible to that app's developer"
    r"(?:become|becomes|became)\s+(?:available|accessible|visible)\s+to",
    # "provided to partners", never "what a third party provided to us"
    r"(?:provided|given|supplied)\s+to\s+(?:\w+\s+){0,2}(?:third[\s-]+part\w+|partners?|vendors?|compan\w+|providers?|"
    r"affiliat\w+)",
    r"(?:processed|handled|analy[sz]ed|powered|hosted|indexed|crawled|performed|carried\s+out)"
    r"(?:\s+and\s+(?:processed|handled|analy[sz]ed|stored|transcribed|summari[sz]ed))?\s+"
    r"(?:on\s+(?:our|your|its|their)\s+behalf\s+)?by",
    # "processed on our hosting partner's AI infrastructure"
    r"(?:processed|handled|hosted|run)\s+on\s+(?:(?:an?|the|our|its|their)\s+)?(?:[\w-]+\s+)?"
    r"(?:partners?|providers?|vendors?|suppliers?)['’]",
    r"to\s+(?:which|whom)\s+(?:we|you)\s+(?:\w+\s+)?(?:send|transmit|pass|forward|provide|disclose|give)\w*",
    r"receiv\w*\s+(?:[\w-]+\s+){0,4}?from\s+us\b",
    # "give approved researchers access to …"
    r"(?:give|grant)\w*\s+(?:(?:approved|academic|qualified|selected|independent)\s+)*(?:researchers|partners|"
    r"third\s+parties|companies)\s+access\s+to\b",
    r"(?:provided|given|supplied|fed)\s+to\s+(?:[\w'’-]+\s+){0,3}(?:AI|models?)\b",  # "provided to an AI tool"
    r"(?:disclosure|transfer|sharing)\s+of\s+(?:[\w-]+\s+){0,3}(?:to|with)\b",
    r"(?:partners?|providers?|vendors?|third\s+part\w+|developers?|publishers?|labs?|researchers|universit(?:y|ies)|"
    r"institutions?|affiliates?)\s+(?:(?!(?:we|you|us|from|whom|to)\b)[\w-]+\s+){0,3}?(?:may\s+|will\s+|can\s+|also\s+)?"
    r"receiv\w*",
    r"(?:which|who)\s+(?:also\s+)?receiv(?:e|es|ed)\b",  # "Acme, which receives your prompts"
    # others who get to see it: "the app's developer receives your prompts", "creators … can see the conversations"
    r"(?:developers?|publishers?|creators?|builders?|makers?|extensions|plugins|apps?|integrations?)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:receives?|(?:can|may|will)\s+"
    r"(?:see|access|view|read))\s+(?:the\s+|your\s+|any\s+)?(?:[\w-]+\s+){0,3}?(?:messages|prompts|conversations?|"
    r"chats?|requests?|questions|files|content|data|information|audio|recordings?|transcripts?)\b",
    r"(?:transmit|pass)\w*\s+(?:[\w,'’-]+\s+){1,9}?to\s+(?:the\s+|our\s+|these\s+)?(?:[\w-]+\s+){0,3}?(?:partners?|"
    r"providers?|third\s+part\w+|compan\w+)",
    r"(?:go|goes|went)\s+to\s+(?:the\s+|our\s+|these\s+)?(?:[\w-]+\s+){0,2}(?:partners?|providers?|third\s+part\w+|"
    r"compan\w+)", r"uploaded\s+to", r"(?:transcribed|summari[sz]ed|translated)(?:\s+and\s+\w+)?\s+by",
    # "before your prompts reach the model providers"
    r"reach(?:es|ed)?\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:providers?|partners?|vendors?|sub-?processors?)\b",
    # a provider that does the work: "providers who process your inputs", "providers … to host our models"
    r"(?:providers?|partners?|vendors?|sub-?processors?),?\s+(?:who|which|that)\s+(?:\w+\s+)?(?:process|host|handle|"
    r"receive|store|transcribe)\w*",
    r"(?:providers?|partners?|vendors?|sub-?processors?)\s+(?:[\w-]+\s+){0,6}?to\s+(?:host|process|handle|"
    r"store)\b",
)
# Something handed to someone, said in the passive: what "is sent to" or "processed by" a company is people's data,
# whatever the sentence calls it ("workout summaries", "submissions").
SHARED_PASSIVE = words_pattern(r"(?:is|are|be|been|being|gets?)\s+(?:\w+\s+){0,2}?(?:sent|passed|transmitted|forwarded|"
                               r"routed|disclosed|shared|made\s+(?:available|accessible)|processed|handled|provided|"
                               r"analy[sz]ed|"
                               r"supplied)\s+(?:to|by|with)")
THIRD_PARTY = words_pattern(r"third[\s-]+part(?:y|ies)(?:'s?)?", r"partners?", r"(?:service|model)\s+providers?",
                            r"providers?\s+of\s+(?:[\w-]+\s+){0,3}?(?:services?|tools?|models?|technolog(?:y|ies))",
                            r"(?:external|outside)\s+(?:[\w-]+\s+)?(?:providers?|vendors?)",
                            r"(?:providers?|developers?|vendors?)['’]s?\s+(?:servers?|systems?|infrastructure)",
                            # "processed on our hosting partner's AI infrastructure", "by that carmaker's AI"
                            r"(?:partners?|suppliers?|carmakers?|manufacturers?|providers?|vendors?)['’]s?"
                            r"\s+(?:AI|LLMs?|machine[\s-]learning)\b",
                            r"(?:an?|third[\s-]+party|external|outside)\s+cloud\s+AI\s+(?:services?|providers?)",
                            r"[\w-]+['’]s?\s+providers?", r"another\s+company", r"(?:separate|independent)\s+compan\w+",
                            r"suppliers?", r"(?:parent|sister|subsidiary)\s+compan(?:y|ies)",
                            r"(?:academic|research)\s+institutions?", r"universities",
                            r"(?:research\s+)?consorti(?:um|a)",
                            r"(?:academic\s+|approved\s+)+researchers",
                            r"employers?", r"recruiters?", r"organi[sz]ers", r"retailers", r"insurers", r"brokers",
                            r"(?:cloud|hosting|infrastructure|inference|search|index|speech[\w-]*|transcription|translation|chat\s?bot|"
                            r"artificial\s+intelligence|"
                            r"AI|LLM)\s+(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?)?(?:providers?|partners?|vendors?)",
                            r"(?:AI|artificial\s+intelligence|LLM|model)\s+(?:developers|labs?|firms?|makers|builders)",
                            r"(?:external|independent)\s+(?:[\w-]+\s+){0,3}(?:services?|providers?|compan\w+|models?|AI)\b",
                            r"(?:developers?|builders?|makers?)\s+of\s+(?:that|the|this|an?)\s+(?:[\w-]+\s+)?"
                            r"(?:plugins?|apps?|actions?|integrations?|extensions?)",
                            r"(?:app|plugin|action|extension)['’]s\s+(?:builder|developer|maker|publisher)s?",
                            # those who build on the platform, and what they build, as they receive people's data
                            r"(?:developers?|publishers?|creators?)\s+(?:who|that)\s+(?:build|make|create|publish|develop)\w*",
                            r"(?:extensions|plugins|connected\s+apps)(?=\s+(?:[\w-]+\s+){0,5}?(?:receive|get|can\s+see|"
                            r"can\s+access))",
                            r"vendors?", r"companies", r"organi[sz]ations", r"collaborators",
                            # a company named with the models that do the work: "Acme Labs, whose models generate …"
                            r"(?-i:[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2}),\s+whose\s+(?:[\w-]+\s+)?"
                            r"(?:models?|AI|systems?)\b",
                            r"sub-?processors?", r"affiliat\w+", r"group\s+companies", r"family\s+of\s+companies",
                            # "an AI company that receives …", "an outside annotation company that labels them"
                            r"(?:AI|artificial\s+intelligence|annotation|labell?ing|data[\s-]labell?ing)\s+"
                            r"(?:compan(?:y|ies)|firms?)",
                            # a company named with the AI that does the work: "sent to Lexora so its AI can …"
                            r"(?-i:[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2})\s+so\s+(?:that\s+)?(?:its|their)\s+(?:[\w-]+\s+)?"
                            r"(?:AI|models?)\b")
# A company named after the verb that hands it data: "sent to Acme Labs, which …", "supplied to Acme, a partner …"
_COMPANY_NAMED = r"(?-i:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
THIRD_PARTY_AI = words_pattern(
    # a model the service licenses or gets from another company: what it is given goes there
    r"(?:models?|AI|LLMs?)\s+(?:licensed|obtained|supplied|provided)\s+(?:to\s+us\s+)?(?:from|by)\s+"
    r"(?:another|an\s+outside|an\s+external|a\s+third|third)",
    # "model providers that run the language models behind our assistant"
    r"(?:providers?|partners?|vendors?|compan(?:y|ies)|services)\s+(?:that|which|who)\s+(?:\w+\s+and\s+)?(?:(?:run|host|operate|"
    r"provide|power)s?|supply|supplies)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:AI|artificial\s+intelligence|models?|LLMs?|"
    r"machine[\s-]learning)\b",
    r"third[\s-]+part(?:y|ies)(?:[\s-]+provided(?!\s+to\b))?\s+(?!provided\s+to\b)(?:[\w-]+\s+){0,2}"
    r"(?:AI|artificial\s+intelligence|LLMs?|chat\s?bots?|"
    r"(?:language\s+)?models?|model\s+providers?)",
    r"(?:AI|LLMs?)\s+(?:model\s+|service\s+|technology\s+)?(?:providers?|partners?|vendors?|sub-?processors?)",
    # the same said from the AI's side: "an AI speech service that our technology partner operates"
    r"(?:AI|artificial\s+intelligence|machine[\s-]learning|LLM)\s+(?:[\w-]+\s+){0,2}?(?:services?|models?|systems?|"
    r"engines?)\s+(?:that|which)\s+(?:our|an?|the|its)\s+(?:[\w-]+\s+){0,2}?(?:partners?|providers?|vendors?)\s+"
    r"(?:operates?|runs?|hosts?|provides?|supplies)\b",
    r"LLM\s+(?:providers?|partners?|vendors?)",
    r"(?:image|speech|voice|text|handwriting|face|object|species)[\s-]recognition\s+(?:providers?|vendors?|partners?|"
    r"compan(?:y|ies))",
    # a company data is sent to, named with what it does: "sent to Acme Labs, which hosts the language model that …"
    r"(?:(?:sent|passed|forwarded|transmitted|disclosed|provided|sends|passes|forwards)\s+(?:[\w'’-]+\s+){0,3}?to|"
    r"(?:processed|handled|analy[sz]ed|transcribed|translated)\s+by)\s+"
    + _COMPANY_NAMED + r",?\s+(?:which|who)\s+"
    r"(?:(?:runs?|hosts?|operates?|provides?|powers?)\s+"
    r"(?:the\s+|an?\s+|its\s+)?(?:[\w'’-]+\s+){0,2}(?:AI|artificial\s+intelligence|models?|LLMs?)\b)",
    # a recipient given data for its own models: "Hospitals receive fall records so they can develop risk models"
    r"(?:receive|get|obtain)s?\s+(?:[\w-]+\s+){1,5}?so\s+(?:that\s+)?they\s+can\s+(?:develop|train|build|improve)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:AI|models?)\b",
    # … or named by what it is: "sent to Acme, the generative AI service that writes …", "supplied to Acme, a partner
    # that builds image-generation models"
    r"(?:sent|passed|forwarded|transmitted|disclosed|provided|supplied|supply|supplies|sends|passes|forwards)\s+"
    r"(?:[\w'’-]+\s+){0,3}?to\s+" + _COMPANY_NAMED + r",?\s+(?:the|an?|our)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?:AI|artificial\s+intelligence|machine[\s-]learning|LLM)\s+(?:[\w-]+\s+)?(?:services?|providers?|"
    r"compan(?:y|ies)|vendors?|partners?|labs?)|(?:partners?|compan(?:y|ies)|providers?|vendors?|labs?)\s+(?:that|which|"
    r"who)\s+(?:builds?|develops?|trains?|makes?)\s+(?:[\w-]+\s+){0,2}models?)",
    r"(?:vendors?|providers?|compan\w+)\s+(?:\w+\s+){0,3}rel(?:y|ies)\s+on\s+to\s+(?:run|power|provide|operate)\s+"
    r"(?:our\s+|the\s+)?AI",
    r"AI\s+(?:[\w-]+\s+){0,2}(?:features?|functionality|functions)\s+(?:rel(?:y|ies)|run|depend)\s+on\s+(?:\w+\s+){0,3}"
    r"(?:services?|providers?|models?)\s+(?:furnished|supplied|provided|offered|run)\s+by\s+(?:third|outside|external|"
    r"other)",
    r"AI\s+(?:[\w-]+\s+){0,2}(?:services?|tools?|assistants?|models?|detectors?|systems?|chatbots?|bots?|writers?)\s+"
    r"(?:(?:is|are)\s+)?(?:from|provided\s+by|"
    r"operated\s+by|run\s+by|supplied\s+by)\s+(?:an?\s+)?(?:third[\s-]+part\w*|external|outside|other\s+compan\w*|"
    r"(?:our|an?)\s+(?:[\w-]+\s+)?(?:providers?|vendors?|partners?|suppliers?)\b)",
    r"(?:sub-?processors?|providers?|vendors?)\s+(?:(?:used|engaged)\s+)?(?:for|of)\s+(?:\w+\s+){0,2}AI\b",
    r"AI\s+features?\s+sub-?processors?",
    r"(?:other|another|those|these)\s+compan(?:y|ies)['’]?s?\s+(?:[\w-]+\s+)?(?:AI|models?)\b",
    r"(?:external|outside)\s+(?:[\w-]+\s+){0,3}(?:AI|models?)\b",
    r"(?:(?:which|who|that)\s+|(?<=[–—:]\s))provides?\s+(?:the|our|its)\s+(?:[\w-]+\s+){0,2}(?:language\s+)?models?",
    # a sub-processor listed for the AI it runs: "Sub-processor: Acme – Purpose: large language model inference"
    r"sub-?processors?\b[^;\n]{0,80}?\b(?:AI|LLMs?|models?)\s+(?:inference|hosting|serving)\b",
    r"providers?\s+of\s+(?:[\w-]+\s+){0,2}(?:AI|artificial\s+intelligence|machine[\s-]learning|language)\s+(?:[\w-]+\s+)?models?",
    r"(?:external|third[\s-]+party)\s+(?:[\w-]+\s+){0,3}(?:services?|providers?|tools?)\s+(?:that|which)\s+"
    r"(?:uses?|relies\s+on)\s+(?:\w+\s+){0,2}(?:AI|artificial\s+intelligence|machine[\s-]learning)",
    OTHERS_RUN_MODELS,
    r"(?:third[\s-]+party|trusted|external|outside)(?:[\s-]+provided)?\s+services\s+(?:used\s+)?"
    r"(?:for|to\s+provide|providing)\s+(?:\w+\s+){0,2}AI",
    r"AI\s+(?:[\w-]+\s+){0,2}(?:utiliz\w+|us(?:e|es|ing)|rel(?:y|ies)\s+on|(?:are\s+|is\s+)?powered\s+by)\s+"
    r"(?:[\w-]+\s+){0,2}third[\s-]+part(?:y|ies)",
    # another company's models: "powered by a partner's model", "generated by partner models", "the partner's AI
    # systems analyse the images you submit"
    r"(?:partner|provider|vendor|supplier)(?:['’]s|s['’])?\s+(?:AI\s+|language\s+|machine[\s-]learning\s+)?models?\b",
    r"(?:partner|provider|vendor|supplier)(?:['’]s|s['’])\s+(?:AI|machine[\s-]learning)\s+(?:systems?|tools?|services?)\b",
    # who runs the models: "Our models run on infrastructure operated by Corvane Cloud"
    r"(?:models?|AI|responses|answers|outputs|(?-i:[A-Z][\w-]*)['’]s\s+\w+)\s+(?:run|runs|(?:are|is)\s+(?:hosted|generated|run|"
    r"produced))\s+on\s+(?:[\w-]+\s+){0,3}?(?:operated|run|provided|owned|hosted)\s+by\s+(?-i:[A-Z][\w&-]+)",
    # an AI service of a named company: "a speech-recognition service run by Auralith", "an image model from Halcyon"
    r"(?:speech[\s-]recognition|transcription|translation|AI|machine[\s-]learning|language|image|vision|voice)\s+"
    r"(?:services?|models?|engines?)\s+(?:(?:provided|operated|hosted|run|supplied|developed)\s+by|from)\s+"
    r"(?!us\b|our\b|we\b)(?-i:[A-Z][\w&-]+)",
    r"(?:AI|model|LLM)\s+developer\b",
    # the AI of those the platform serves: "supplied to sellers' AI tools"
    r"(?:sellers|merchants|advertisers|businesses|hosts|creators)['’]\s+(?:own\s+)?(?:[\w-]+\s+)?(?:AI|models?)\b",
    # "an outside company that supplies our AI model"
    r"(?:compan(?:y|ies)|providers?|vendors?|partners?)\s+(?:that|which|who)\s+(?:supplies|supply|provides?|runs?|hosts?)\s+"
    r"(?:our|the|its)\s+(?:[\w-]+\s+)?(?:AI|(?:language\s+)?models?|LLMs?)\b",
    # a recipient that runs what it is given through its AI: "forwarded to its publisher, who may run them through
    # its own AI models"
    r"(?:who|which|that)\s+(?:may\s+|will\s+|can\s+)?(?:run|process|analy[sz]e|feed)s?\s+(?:them|it|this|these)\s+"
    r"(?:through|with|using|into)\s+(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:AI|models?|LLMs?)\b")
OTHERS_MODELS = words_pattern(
    r"(?:train|develop|improve|build)\w*(?:\s+and\s+\w+)?\s+(?:their|its)\s+(?:own\s+)?(?:[\w-]+\s+){0,3}models?",
    r"(?:use|improve|develop|build|train)\w*\s+(?:\w+\s+){0,3}(?:their|its)\s+own\s+(?:[\w-]+\s+){0,3}"
    r"(?:AI|models?|machine[\s-]learning)",
    r"(?:build|develop|improv|train|refin)\w*(?:\s+and\s+\w+)?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}models?\s+(?:\w+\s+){0,3}"
    r"(?:their|its)\s+own\b")
# Consent got before the use: "Acme will get your consent first before it uses …"
_CONSENT_GOT_FIRST = (r"(?:get|gets|obtain|obtains|seek|seeks)\s+your\s+(?:\w+\s+)?(?:consent|permission)\s+"
                      r"(?:first\s+)?before")
# A yes that gates the use: "unless you say yes in Rewards > Partners"
_SAID_YES = r"(?:unless|only\s+(?:if|when|where|after|once))\s+you\s+say\s+yes"
# Consent asked for after the use it gates is named: "Before we use your photos …, we will ask for your consent"
_ASKED_AFTER_THE_USE = (r"^\W*before\s+(?:we|it|they|(?-i:[A-Z][\w-]*))\s+(?:[\w,'’-]+\s+){1,16}?"
                        r"(?:ask|get|obtain|seek)\w*\s+(?:for\s+)?(?:your\s+|their\s+)?(?:\w+\s+)?(?:consent|permission)")
# Consent asked for before a use, however a policy words who gives it: written in plain lower-case words, so that
# the raw text (case ignored) and its normalised wording (lower case, no apostrophes) are read alike.
CONSENT_ASKED_FIRST = (
    r"ask\w*\s+(?:for\s+)?(?:your\s+)?(?:\w+\s+)?(?:consent|permission)\s+before",
    _CONSENT_GOT_FIRST,
    r"(?:needs?|requires?|must\s+(?:get|obtain|have))\s+your\s+(?:\w+\s+)?(?:consent|permission)\s+before",
    r"your\s+(?:\w+\s+)?(?:consent|permission)\s+(?:is|are)\s+(?:required|needed)\s+before",
    # a parent's agreement gates a child's data: "only if a parent or guardian has agreed"
    r"only\s+if\s+(?:a|the|your|their)\s+(?:parent|guardian)(?:\s+or\s+guardian)?\s+(?:has\s+|have\s+)?"
    r"(?:agreed|consented|allowed|approved)",
    r"without\s+the\s+(?:agreement|consent|permission)\s+of\s+(?:a|the|your|their)\s+(?:parent|guardian)",
    r"without\s+(?:that|this|such)\s+(?:\w+\s+)?(?:consent|permission)",
    # the question put first: "Zed asks whether we may use your symptom descriptions to train …"
    r"ask\w*\s+(?:you\s+)?(?:whether|if)\s+(?!you\b)[\w-]+\s+(?:may|can|could)\s+(?:use|train|share)",
    _SAID_YES, _ASKED_AFTER_THE_USE)
# A decision about a suggestion or an application, not about one's data: "you decide whether to send it", "a model
# helps decide whether to approve your application"
_NOT_ABOUT_DATA = (r"(?!\s+to\s+(?:send|post|publish|accept|use|edit|keep|try|insert|reply|approve|grant|offer|lend|"
                   r"reject|decline|extend|issue|contact)\b)")
# Opting someone or something out: "Admins can opt the organisation out"
OPT_SOMEONE_OUT = r"opt(?:s|ed|ing)?\s+(?:the|their|your|its|an?)\s+(?:[\w-]+\s+){0,2}?out\b"
OPT_OUT = words_pattern(
    r"opt(?:s|ed|ing)?[\s-]*(?:out|in(?:to)?)", r"to\s+object",
    OPT_SOMEONE_OUT,
    # a mode the person switches on or off: "If you enable private mode, your chats are not used to train …"
    r"if\s+you\s+(?:enable|disable|activate|deactivate|turn\s+(?:on|off)|switch\s+(?:on|off)|select|choose)\b"
    r"(?!\s+to\s+(?:use|try|access|interact))",  # choosing to use a feature is no choice about data
    # a switch already set: "if you have turned it off", "if “Zed improvement” is on"
    r"if\s+you\s+(?:have\s+|had\s+)?(?:turned|switched)\s+(?:it|this|that|them)\s+(?:off|on)\b",
    r"(?:if|where|when)\s+[“\"][^”\"]{1,60}[”\"]\s+is\s+(?:(?:turned|switched)\s+)?(?:on|off|enabled|disabled)\b",
    r"(?:have|has)\s+objected", r"objecting",
    # (not the objections a sales call raises: "AI highlights objections and next steps")
    r"(?<!highlight\s)(?<!highlights\s)(?<!flag\s)(?<!flags\s)(?<!surface\s)(?<!surfaces\s)(?<!handle\s)"
    r"(?<!handling\s)(?<!spot\s)(?<!detect\s)(?<!identify\s)(?<!customer\s)(?<!sales\s)objections?",
    # a programme the person joined to let their data be used: "You can leave the AI Data Licensing program"
    r"(?:leave|leaving|quit|exit|withdraw\s+from)\s+(?:the\s+)?(?:[\w*-]+\s+){0,5}?program(?:me)?\b",
    r"object\s+(?:at\s+any\s*time\s+)?to", r"right\s+to\s+object",
    # a choice the person makes ("you can turn off …", "Turn off …"), not "we might turn off some features"
    r"(?:you\s+(?:can\s+|may\s+|could\s+)?|to\s+|please\s+|,\s+|^\W*)(?:turn|switch)\s+(?:[\w&]+\s+){0,4}(?:off|on)",
    r"stop\s+us\s+(?:from\s+)?us\w+",
    r"(?:turning|switching)\s+(?:\w+\s+){0,3}(?:off|on)",
    r"stop\s+(?:your\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:from\s+)?being\s+used",
    # a wish that is a way out: "If you would rather we did not use your typing to improve …, email …"
    r"if\s+you\s+(?:would|['’]d)\s+rather\s+(?:that\s+)?(?:we|us|(?:your|their)\s+(?:[\w-]+\s+){0,3}?)\s*"
    r"(?:did|do|were|was|are|is)\s*(?:not|n['’]t)\b",
    # consent by those who join or agree: "only from people who join the Ink Lab beta and agree", "… for customers
    # who have agreed to it in writing", "unless a parent gives consent", "unless you submit them through …"
    r"(?:people|users|customers|members|participants|those|learners|students|developers|creators|hosts|drivers|"
    r"riders|sellers|accounts)\s+(?:[\w-]+\s+){0,6}?who\s+"
    r"(?:[\w-]+\s+){0,6}?(?:agreed|consented|opted\s+in|agree|consent|opt\s+in|(?:have|has)\s+(?:joined|enrolled))\b",
    # a switch set by someone, said in the passive: "unless it has been turned off by you"
    r"(?:turned|switched|enabled|disabled)\s+(?:(?:off|on)\s+)?by\s+(?:you|your|the\s+(?:user|member|customer|host|owner|"
    r"admin\w*))\b",
    # consent given to a handing over: "If you agree to share in-ride audio for model improvement, …"
    r"(?:if|should|once|when)\s+you\s+(?:agree|consent|choose|opt)\s+to\s+(?:share|let|allow|contribute|send|provide|"
    r"donate)\b",
    r"unless\s+(?:a|the|your|their)\s+(?:parent|guardian)(?:\s+or\s+guardian)?\s+(?:gives|provides|grants)\s+"
    r"(?:\w+\s+)?(?:consent|permission)",
    r"unless\s+you\s+(?:submit|send|share|upload|contribute)\s+(?:them|it|those|these)\b",
    r"switch(?:es|ed)?\s+off", r"turns\s+(?:\S+\s+){0,4}?off",  # "unless a parent turns off …"
    r"(?:withdraw|revok)\w*\s+(?:your\s+|that\s+|this\s+|the\s+)?(?:consent|authori[sz]ation|permission)",
    # a use someone can (or cannot) switch off: "you can turn off the use of your chats for model improvement"
    r"(?:turn|switch)\s+off\s+(?:the\s+)?(?:use|sharing|collection|processing|saving|storing)\s+of",
    # "remove your last request from your assistant history"
    r"(?:delete|erase|clear|remove)\s+(?:[\w'’-]+\s+){0,6}?from\s+(?:your|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:history|chats?|conversations?|memor(?:y|ies))\b",
    r"(?:withdraw|revok)\w*\s+(?:its|their|your|the|any)\s+(?:[\w-]+\s+){0,3}?(?:election|opt[\s-]?in)",
    # a retention the person sets: "customers can configure how long conversation data is kept"
    r"(?:configur|choos|set|decid)\w*\s+how\s+long\s+(?:[\w-]+\s+){0,5}?(?:is|are)\s+(?:kept|retained|stored)",
    r"with\s+the\s+(?:\w+\s+)?consent\s+of\s+the\s+(?:user|data\s+subject|customer)",
    r"(?:manage|edit|review)\s+(?:your\s+|my\s+)?consents?\b",
    r"(?:through|via|using)\s+the\s+settings\s+of", r"(?:privacy|data)\s+(?:&|and)\s+controls",
    r"controls?\s+(?:of\s+the\s+user\s+)?over\s+(?:the|your)\b", r"choices\s+of\s+the\s+user",
    r"(?:do|does)\s+not\s+have\s+(?:the|an?|any)\s+(?:option|choice|way|setting)\s+to",
    r"privacy\s+dashboard", r"(?:un-?tick|uncheck|deselect)(?:s|ed|ing)?\s+(?:the\s+)?[“\"]\w+",  # a box by its label
    r"submit\s+requests?", r"exercise\s+(?:\w+\s+){0,2}rights?", r"depending\s+on\s+(?:[\w'’]+\s+){0,2}settings",
    # deleting is a choice about data; viewing or exporting it alone is not
    # (the company's own deleting, "we delete the prompts … after 30 days", is how long it keeps them: no choice)
    r"(?:(?:view|access|export|review|download|see)(?:,\s+|\s+))*(?:(?:and|or)\s+)?(?<!\bwe\s)(?<!\bwe\swill\s)"
    r"(?:delete|erase|clear)"
    r"\s+(?:your|their|the|that|this|those|these|any|all|an?)\s+(?:[\w'’,]+\s+){0,4}?(?:chats?|conversations?|history|"
    r"threads?|selfies?|data|information|memor(?:y|ies)|prompts?|questions|transcripts?|summar(?:y|ies)|recordings?|"
    r"activity|interactions)",
    r"(?<!\bwe\s)(?<!\bwe\swill\s)(?:delet|eras|clear|remov)(?:e|es|ed|ing)?\s+(?:one\s+of\s+)?(?:\w+\s+){0,3}(?:chats?|conversations?|"
    r"history|threads?|selfies?|"
    r"memor(?:y|ies)|prompts?|activity|exchanges)",
    # "Deleting your account stops any further use of your content to improve …"
    r"stops?\s+(?:any\s+)?(?:further\s+)?(?:use|using|processing)\s+of\b",
    # no way to stop it: "you can't stop other members from sending …"
    r"(?:can['’]?t|cannot|can\s+not|unable\s+to)\s+(?:stop|prevent)\b",
    r"(?:deleting|erasing|clearing)\s+(?:your|the|this|that|any|an?)\s+(?:[\w-]+\s+){0,3}(?:history|chats?|"
    r"conversations?|prompts?|threads?|drafts?|summar(?:y|ies)|transcripts?|recordings?)",
    # a use that waits for someone to switch it on: "stays off until an administrator turns it on"
    r"(?:stays?|remains?)\s+off\s+until\s+(?:you|(?:an?|the|your)\s+(?:[\w-]+\s+)?[\w-]+)\s+(?:turns?|switch(?:es)?|"
    r"enables?|opts?)\b",
    r"(?:delete|erase|clear)\s+(?:everything|anything|what)\s+(?:[\w-]+\s+){0,3}(?:remembers|knows|has\s+saved|keeps)",
    r"(?:delete|erase)\s+(?:the\s+|all\s+|any\s+)?(?:Inputs?|Outputs?|prompts?)\s+(?:and|or)\s+(?:Inputs?|Outputs?|responses?)",
    r"(?:remov|exclud|delet)\w*\s+(?:\w+\s+){0,8}?from\s+(?:any|the|our|future)\s+(?:\w+\s+)?(?:datasets?|training\s+data|"
    r"dataset\s+releases?)",
    r"exclud\w*\s+(?:[\w'’-]+\s+){0,6}?from\s+(?:the\s+|our\s+)?(?:AI|artificial\s+intelligence|models?|"
    r"machine[\s-]learning)\s+(?:development|training|improvement)",
    # consent to an AI's processing: "available to players who consent to the processing of their Zed conversations"
    r"consent\s+to\s+(?:the\s+)?(?:processing|use|analysis)\s+of\s+(?:their|your)\b",
    # "By enabling Memory you consent to Acme storing your drafts and using them to …"
    r"(?:you|users?)\s+(?:hereby\s+)?consent\s+to\s+(?:us\s+|(?-i:[A-Z][\w-]*)\s+)?(?:storing|using|processing|"
    r"analy[sz]ing|collecting|keeping|retaining)\b",
    # "rights holders may choose in Acme for Artists whether …"
    r"(?:choose|decide)\s+(?:in|from|on|under|via|through)\s+(?:[\w-]+\s+){1,4}?whether\b",
    # the state a switch is in: "Forecasts keep working when model improvement is off"
    r"(?:when|while|if)\s+(?:[\w-]+\s+){1,3}?(?:is|are)\s+(?:turned\s+|switched\s+)?(?:off|disabled|paused)\b",
    r"(?:chats?|conversations?|history|threads?|prompts?|memor(?:y|ies)),?\s+(?:[\w'’,-]+\s+){0,6}?(?:can|may)\s+be\s+"
    r"(?:deleted|erased|cleared)",
    r"(?:can|may)\s+be\s+(?:turned|switched)\s+(?:on\s+(?:or|and)\s+)?(?:on|off)\b",
    # "choose to have your prompts deleted after 3 months", "set them to be removed automatically after 30 days"
    r"(?:choose|chose|opt|elect)\s+to\s+have\s+(?:[\w'’-]+\s+){0,8}?(?:deleted|erased|removed)\b",
    r"set\s+(?:them|it|(?:the|your)\s+(?:[\w-]+\s+){0,2}?(?:chats?|conversations?|history|prompts?|transcripts?|"
    r"recordings?|summaries))\s+to\s+be\s+(?:deleted|erased|removed)\s+automatically",
    # a toggle named by its label: 'Turn "Use my activity to improve …" on or off'
    r"turn\s+(?:\"[^\"]{1,80}\"|“[^”]{1,80}”|‘[^’]{1,80}’)\s+(?:on|off)\b",
    r"(?:deleted|erased|archived)\s+(?:chats?|conversations?|threads?|prompts?)",
    r"(?:you|admins?|administrators?|owners?|users|members)\s+(?:can|may)\s+(?:[\w,]+\s+){0,8}?(?:delete|erase|clear)\s+"
    r"(?:them|it)\b", r"set\s+(?:a\s+|the\s+)?(?:custom\s+)?retention\s+periods?",
    r"request\w*\s+zero[\s-](?:data[\s-])?retention",
    r"(?:make|ask|tell)\s+(?:\w+\s+){0,2}forget", r"(?:or|and)\s+turn\s+(?:\w+\s+){0,3}(?:off|on)\b",
    r"manage\s+(?:\w+\s+){0,4}(?:choices|settings|data|preferences)",
    r"(?:manage|control|see|review|view|edit|delete)\s+what\s+(?:\w+\s+){0,2}(?:has\s+)?(?:remembers|remembered|knows\s+about\s+you|"
    r"keeps)",
    r"in\s+(?:[\w'’]+\s+){0,2}(?:settings|preferences)",
    # (not "you decide whether to send it": a choice about a suggestion, not about one's data)
    r"(?:choose|decide)\s+(?:whether" + _NOT_ABOUT_DATA + "|"
    r"to\s+(?:allow|share|let|give|opt|turn|stop|permit|grant))",
    r"whether\s+you\s+(?:consent|agree|want|wish)\b",
    # "may request that their chat transcripts with the assistant be deleted"
    r"request\w*\s+that\s+(?:[\w'’-]+\s+){1,12}?be\s+(?:deleted|erased|removed)\b",
    r"(?:privacy|AI|data)\s+settings",
    r"settings\s+(?:in|within|for|on)\b", r"in-product\s+controls", r"controls\s+(?:we\s+offer|in|for)",
    r"(?:your|about\s+your)\s+choices?", r"data\s+controls?",
    r"(?:choices|controls|options)\s+(?:(?:available|open)\s+(?:to\s+(?:you|users?)|in)|(?:\w+\s+){0,2}(?:gives?|offers?|provides?)\s+"
    r"(?:you|users?)|provided\s+(?:in|by|with))",
    r"(?:is|are)\s+(?:entirely\s+)?(?:voluntary|optional)", r"no\s+longer\s+want",
    # a box left unticked, consent asked for: "obtain consent … before"
    r"(?:leave|leaving)\s+(?:this|the)\s+(?:\w+\s+)?box\s+(?:un)?(?:ticked|checked)",
    r"(?:un)?(?:tick|check)\s+(?:this|the)\s+box",
    r"obtain\w*\s+(?:any\s+|the\s+|all\s+)?(?:\w+\s+)?consents?\s+(?:[\w-]+\s+){0,8}?before",
    r"exclud\w*\s+(?:[\w-]+\s+){0,6}?from\s+being\s+(?:used|processed|sent|shared|included|analy[sz]ed)",
    # a consent dialog's question: "Allow Acme to use your emails to personalise the assistant?"
    r"^\W*(?:allow|let)\s+[\w&’'-]+\s+(?:to\s+)?(?:use|access|analy[sz]e|process|read|learn\s+from)\s+your\b"
    r"(?=[^?]{0,200}\?)",
    r"stop\s+(?:[\w.-]+\s+){1,6}?from\s+being\s+(?:used|processed|sent|shared|included|kept|stored|reviewed)",
    r"chang\w*\s+(?:the|this|that)\s+default",
    r"(?:you\s+can|to)\s+pause", r"keep\s+(?:\w+\s+){0,3}out\s+of", r"you\s+object\b",
    # consent as a precondition: "Acme needs your explicit consent before it will use …"
    _CONSENT_GOT_FIRST,
    r"(?:needs?|requires?|must\s+(?:get|obtain|have))\s+(?:your|the\s+user['’]s|their)\s+(?:explicit\s+|express\s+|"
    r"prior\s+|written\s+)?(?:permission|consent)\s+(?:before|to)\b",
    r"(?:your|the\s+user['’]s|their)\s+(?:explicit\s+|express\s+|prior\s+|written\s+)?(?:permission|consent)\s+"
    r"(?:is|are)\s+(?:required|needed)\s+before\b",
    r"ask\w*\s+(?:for\s+)?(?:your\s+)?(?:explicit\s+|express\s+|prior\s+|written\s+)?(?:permission|consent)\s+"
    r"(?:in\s+(?:the\s+)?[\w-]+\s+)?(?:before|to)\s+"
    r"(?:we\b|us|train|shar|process|(?-i:[A-Z][\w-]*)\s+(?:analy[sz]|process|review))\w*",
    r"settings?\s+(?:determine|decide|control)s?\s+whether",
    # the passive of "your admin decides whether …": "Whether … is decided by your workspace admin"
    r"whether\s+(?:[\w'’,-]+\s+){1,20}?(?:is|are)\s+(?:decided|chosen|controlled)\s+by\s+(?:you|your|the|each|an?)\b",
    # "Whether your transcripts can be used … is up to your admin", "the choice of whether … is yours"
    r"whether\s+(?:[\w'’,-]+\s+){1,20}?(?:is|are)\s+(?:up\s+to\s+(?:you|your|the|each|an?)\b|yours\b)",
    r"(?:choice|decision)\s+(?:of\s+|about\s+)?whether\b",
    r"(?:on|off|enabled|disabled|turned\s+on|turned\s+off)\s+by\s+default", r"setting\s+[“\"]",
    # a use that is only the default, which someone can change: "are used for training by default"; a use denied by
    # default ("are not used for training by default") is a limit, as the guidelines read it, unless a choice follows
    r"(?<!not\s)(?<!n't\s)(?<!n’t\s)(?<!never\s)(?<!not\sbe\s)(?<!n't\sbe\s)(?<!n’t\sbe\s)"
    r"(?:used|shared|included|collected|processed|stored|saved|retained|kept)\s+(?:[\w-]+\s+){0,8}?by\s+default",
    r"change\s+(?:this|that|the|your)\s+(?:\w+\s+)?settings?",
    r"rights?\s+(?:with\s+respect\s+to|regarding|over|in\s+relation\s+to)",
    r"requests?\s+regarding", r"(?:mechanism|option|way|setting)\s+to\s+(?:exclude|opt|object|remove|prevent|stop)",
    r"(?:creators|users|people|their|members)['’]?\s+(?:choices|decisions)", r"stop\s+using",
    r"request\s+(?:that\s+)?(?:[\w'’-]+\s+){0,5}(?:stop|not|restrict|delete|exclud\w*|be\s+(?:excluded|removed|deleted))",
    r"controls?\s+(?:to|that\s+let|which\s+let)",
    r"(?:manage|control|decide|choose)\s+whether" + _NOT_ABOUT_DATA,
    # said of the people who choose, not of the company: "each member of your team controls whether …"
    r"(?:users?|members?|administrators?|admins?|owners?|parents?)(?:\s+[\w'’]+){0,3}?\s+(?:manages|controls|decides|"
    r"chooses)(?:,[^,]{1,60},)?\s+whether",
    r"(?:settings?|controls?|toggles?|options?|activity)\s+controls\s+whether",
    r"ask\s+us\s+to\s+(?:delete|erase|remove|stop)", r"decline\s+to\s+(?:have|let|allow)\b",
    r"request\s+(?:the\s+)?(?:deletion|erasure|removal)\s+of",
    r"(?:when|while)\s+(?:it's|it’s|it\s+is|(?:this|the)\s+(?:setting\s+)?is)\s+(?:off|on|turned\s+off|paused)",
    r"(?:do\s+not|does\s+not|don't|don’t|doesn't|doesn’t)\s+(?:want|wish)\s+(?:us\s+to|(?:your|their)\s+(?:\w+\s+)?"
    r"(?:to\s+be\s+)?(?:used|processed|analy[sz]ed|transcribed))",
    r"(?:submit\w*|complet\w*|fill\w*\s+(?:in|out))\s+(?:this|the|our|a)\s+(?:[\w-]+\s+)?form",
    r"disabl\w+", r"unless\s+you\s+(?:disable|opt|object|turn|choose)",
    r"(?:allow|let|permit)\s+us\s+to\s+use",
    r"training\s+(?:controls?|settings?|toggles?|options?|preferences?)",
    r"(?:signal|indicate|express|set)\s+(?:\w+\s+){0,2}(?:whether|preferences?|intents?)\b",
    r"(?:only|solely)\s+(?:[\w-]+\s+){0,12}?(?:if|when|where|with|after|once)\s+(?:both\s+)?"
    r"(?:you|the\s+\w+|they|users?|members?)\s+"
    r"(?:and\s+(?:your\s+)?\w+\s+)?"
    r"(?:has\s+|have\s+)?(?:explicitly\s+|expressly\s+)?(?:agree\w*|consent\w*|opt\w*|choose|chosen|allow\w*|turn\w*|switch\w*|enabl\w*|"
    r"join\w*|enrol\w*|sign\w*\s+up|"
    r"given\s+(?:\w+\s+)?consent|giv\w*\s+(?:us\s+)?(?:your\s+)?(?:\w+\s+)?(?:consent|permission))",
    # "without your explicit consent", "without Customer's prior written consent", "with the User's permission"
    r"with(?:out)?\s+(?:your|(?:the\s+)?(?:customer|user|member|subscriber|account\s+holder)['’]s)\s+(?:\w+\s+){0,2}?"
    r"(?:permission|consent)",
    # someone who decides for the person: "unless a parent says yes", "without a guardian's agreement"
    r"with(?:out)?\s+(?:a|the|your|their)\s+(?:parent|guardian)['’]s\s+(?:\w+\s+){0,2}?(?:permission|consent|agreement)",
    r"(?:unless|until)\s+(?:a|the|your|their)\s+(?:parent|guardian)\s+(?:says\s+yes|agrees|consents|opts\s+in|allows\s+it)",
    r"if\s+you\s+(?:agree|consent)(?=\s*,)",  # "If you agree, we use …": the use is gated on consent
    r"(?:if|when|once)\s+you\s+(?:allow|permit)\s+(?:it|this|that|us)(?=\s*,)",  # "When you allow it, we use …"
    r"if\s+you\s+giv\w*\s+(?:us\s+)?(?:your\s+)?(?:\w+\s+)?(?:consent|permission)",
    r"(?:is|are)\s+(?:enabled|disabled|turned\s+(?:on|off))",
    r"exclude\s+(?:[\w-]+\s+){0,5}from\s+(?:\w+\s+)?training",
    r"you\s+(?:can|may)\s+choose", r"control\s+over\s+your", r"(?:can|may)\s+(?:also\s+)?elect\s+to",
    r"(?:able\s+to|can|may)\s+let\s+(?:[\w'’,-]+\s+){1,6}?(?:view|see|read|access)\b",
    r"(?:control|manage)\s+your\s+data", r"your\s+(?:[\w-]+\s+){1,3}choices", r"your\s+controls?\s+over",
    r"(?:choices|decisions)\s+of\s+(?:the\s+)?(?:creators|users|artists|members)",
    r"(?:before|prior\s+to)\s+(?:you\s+)?(?:agree\w*\s+to\s+let|consent\w*|(?:provid|grant)\w+\s+(?:your\s+)?consent)",
    r"(?:where|if|as)\s+(?:[\w'’]+\s+)?settings\s+(?:allow|permit)", r"subject\s+to\s+(?:[\w'’]+\s+)?settings",
    r"(?:access|view)\w*\s+(?:and|or)\s+(?:eras|delet)\w*\s+(?:your\s+)?personal\s+(?:data|info\w*)",
    r"rights?\s+you\s+(?:hold|have)\s+over",
    r"(?:actively\s+|affirmatively\s+|expressly\s+)?(?:consented|agreed)\s+(?:to|that)\s+(?:[\w-]+\s+){0,4}(?:use|used|"
    r"processing|purposes)",
    r"(?:providing|provide|give|giving)\s+(?:your\s+)?consent",
    r"consent\s+(?:for|to)\s+(?:\w+\s+){0,4}(?:collect|process|use|purposes)",
    # a consent exception said by the platform: "… unless you give us permission", "except where you have opted in"
    r"(?:unless|except\s+(?:where|when|if)|until)\s+you(?:['’]ve)?\s+(?:have\s+)?(?:explicitly\s+|expressly\s+)?"
    r"(?:give|gave|given|grant\w*|provide\w*|allow\w*|consent\w*|agree\w*|enable\w*|share\w*|opt\w*|"
    r"(?:choose|chosen|chose)(?=\s+(?:to|not|otherwise)\b)|delete|remove|clear|tick|check|select|turn\w*|switch\w*|direct\w*|tell\s+us|ask\s+us|"
    r"join\w*|enrol\w*|sign\w*\s+up)",
    _SAID_YES, _ASKED_AFTER_THE_USE,
    # an option chosen by its label: 'choosing “Don't use my audio” keeps your voice out of the training …'
    r"(?:choos|select|pick|tick)\w*\s+[“\"‘][^”\"’\n]{1,60}[”\"’]\s+(?:keeps|stops|prevents|excludes|means)\b",
    # "Workspace admins can stop Acme from using the following to train AI models"
    r"(?:can|may)\s+stop\s+(?:us|(?-i:[A-Z][\w-]*))\s+from\s+(?:using|training|sharing)\b",
    r"direct\s+us\s+(?:not\s+)?to", r"ask\s+(?:your\s+\w+|us|(?-i:[A-Z][\w-]*))\s+(?:not\s+to|to\s+exclude|to\s+stop)",
    r"without\s+(?:the\s+use\s+of\s+)?(?:AI|automated|machine)",
    r"zero[\s-]data[\s-]retention", r"request\s+(?:a\s+)?human\s+review", r"ask\s+for\s+a\s+human\s+(?:to\s+)?review",
    r"(?<!we\s)can\s+turn\s+(?:[\w-]+\s+){1,3}(?:off|on)\b", r"(?<!we\s)can\s+(?:turn|switch)\s+off\b",
    # the customer directs what is left out: "may instruct the Processor … to exclude specified folders from …"
    r"(?:instruct|ask|request|direct)\w*\s+(?:[\w,-]+\s+){0,12}?to\s+exclude\b",
    r"ask\s+for\s+(?:it|the\s+decision)\s+to\s+be\s+reviewed",
    r"unless\s+(?:your\s+\w+|the\s+\w+|they)\s+(?:has|have)\s+(?:disabled|opted|turned|chosen|switched)",
    r"(?:you\s+)?tell\s+us\s+not\s+to", r"ask\w*\s+us\s+(?:in\s+writing\s+|by\s+e-?mail\s+)not\s+to",
    # a mode the person chooses, whose chats are kept out of training: "Temporary Chats", "Incognito mode"
    r"temporary\s+chats?", r"incognito", r"(?:private|guest|ephemeral|off[\s-]the[\s-]record)\s+mode",
    r"pausing", r"(?:is|are)\s+paused",
    r"(?:is|are)\s+switched\s+(?:on|off)", r"\bif\s+(?:[\w-]+\s+){1,4}(?:is|are)\s+(?:turned\s+)?(?:on|off)\b",
    r"(?:has|have)\s+turned\s+(?:\w+\s+){0,3}(?:on|off)",
    r"if\s+you\s+(?:decline|refuse|reject)\b",  # "If you decline the … Terms during setup, none of your data is used"
    r"(?:admins?|administrators?|owners?|you|members|users|creators|customers|people)\s+(?:[\w-]+\s+){0,4}?(?:can|may)\s+"
    r"(?:also\s+)?(?:choose\s+to\s+)?"
    r"(?:turn|switch|enable|disable|opt|allow|exclude)\b",
    r"choose\s+to\s+(?:enable|disable|exclude|allow)",
    r"no\s+(?:setting|option|way|mechanism|control|toggle)s?\s+(?:that|to|which|for)",
    r"submit\w*\s+(?:a\s+|an\s+)?requests?", r"to\s+be\s+(?:excluded|opted\s+out)",
    r"(?:do\s+not|don't|don’t|doesn't|doesn’t)\s+(?:want|wish)\s+(?:[\w'’]+\s+){1,4}(?:used|stored|included|kept|shared|"
    r"to\s+(?:use|train|be|process|record|"
    r"access|analy[sz]e|store|keep))",
    # a mark the person puts on their work: "You can tag your projects “NoAI” so that they are not used …"
    r"(?:you|users?|creators?|artists?|members?|owners?)\s+(?:can|may|(?:is|are)\s+able\s+to)\s+(?:also\s+)?"
    r"(?:tag|mark|label|flag)\s+(?:[\w'’“”\"-]+\s+){1,8}?(?:so\s+that\s+(?:[\w'’-]+\s+){0,4}?(?:(?:is|are|will\s+be)\s+"
    r"(?:not|never|excluded|kept\s+out|left\s+out)|(?:cannot|can['’]t|won['’]t|will\s+not)\b)|if\s+(?:you|they)\s+(?:would|['’]d)\s+"
    r"(?:like|prefer))",
    r"if\s+you\s+(?:would|['’]d)\s+(?:like|prefer)\s+(?:[\w'’-]+\s+){1,4}?(?:to\s+be\s+)?(?:prohibited|excluded|kept\s+out|"
    r"left\s+out|barred)\s+from",
    # "If you do not wish to share data with a chatbot, write to us"
    r"(?:do\s+not|don't|don’t)\s+(?:want|wish)\s+to\s+(?:share|send|give|provide)\s+(?:[\w'’-]+\s+){1,4}?(?:with|to)\b",
)
# Checking that a face or selfie matches an ID is verification, not a likeness in AI-made content.
IDENTITY_CHECK = words_pattern(r"(?:verif\w+|match\w*|compar\w+|confirm\w*)\s+(?:\w+\s+){0,3}(?:ID|identity|"
                                                                                r"identification|age|documents?)",
                               r"estimat\w+\s+(?:\w+\s+){0,2}age\b", r"age\s+(?:estimation|assurance|verification)",
                               r"(?:photo|identity|ID)\s+verification", r"(?:show|is|are)\s+the\s+same\s+person",
                               r"the\s+same\s+person\s+appears", r"similarit(?:y|ies)\s+between\s+faces")
# Faces recognised to sort a library ("Faces in your library are grouped by machine learning"): nothing is made of them
FACE_GROUPING = words_pattern(r"group\w*\s+(?:together\s+)?(?:[\w-]+\s+){0,4}?(?:with\s+)?similar\s+(?:facial|face)",
                              r"faces?\s+(?:[\w-]+\s+){0,4}?(?:are\s+|is\s+)?(?:automatically\s+)?(?:grouped|sorted|"
                              r"clustered|organi[sz]ed)",
                              r"(?:group|sort|cluster|organi[sz])\w*\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?(?:faces?|"
                              r"people\s+in\s+them)")
# (not the template a face check makes: "… to generate biometric facial data")
GENERATION = words_pattern(r"generat\w+(?!\s+(?:biometric\s+)?(?:facial|face|biometric)\s+(?:data|templates?|maps?|"
                           r"geometry|scans?|signatures?|vectors?|identifiers?))(?!\s+(?:[\w-]+\s+)?(?:predictions?|scores?|"
                           r"probabilit(?:y|ies)|likelihoods?|matches)\b)",
                           r"creat\w+", r"synthe\w+", r"avatars?", r"deep\s?fakes?", r"replicas?",
                           r"modell?ed\s+on",  # a voice or a presenter "modelled on" someone is made from them
                           r"alter\w*", r"edit\w*", r"ads?", r"sponsored")
LIKENESS = words_pattern(
    r"(?:your|their|his|her|its|someone's|people's|person's|individual's|user's|own)\s+(?:[\w-]+,?\s+){0,2}"
    r"likeness", r"likeness(?:es)?\s+of",
    r"(?:your|their|his|her|someone's|people's|person's|own)\s+(?:[\w'’]+\s+)?faces?",
    r"facial", r"voice\s+(?:or|and)\s+likeness", r"voice\s+characteristics", r"data\s+about\s+your\s+voice",
    r"voice\s?prints?", r"(?:translat|dubb?)\w*\s+(?:\w+\s+){0,6}(?:your|their)\s+(?:own\s+)?voice",
    r"(?:copy|clone|mimic\w*|imitat\w*)\s+(?:[\w'’]+\s+){0,3}voice",
    r"(?:change|alter|edit|modif|swap)\w*\s+(?:your|their|someone's|a\s+person's)\s+(?:facial\s+)?(?:expressions?|"
    r"appearance|age|hairstyles?|faces?|bod(?:y|ies))", r"['’]s\s+likeness",
    r"voice\s+(?:may\s+be\s+|is\s+|will\s+be\s+|can\s+be\s+)?(?:clon|replicat|synthes)\w*",
    r"(?:your|their|his|her|a\s+person's|someone's|(?:an?|the)\s+[\w-]+['’]s)\s+(?:voice|appearance)\s+(?:\w+\s+){0,4}"
    r"(?:generat|creat|synthes|clon|replicat|mimic|imitat)\w*",
    r"(?:generat|creat|synthes|clon|replicat|mimic|imitat)\w*\s+(?:\w+\s+){0,3}(?:your|their|his|her|someone's)\s+"
    r"(?:voice|face|appearance)", r"digital\s+(?:voice\s+)?(?:twin|clone|double)s?", r"look-?alikes?",
    r"AI\s+version\s+of\s+(?:\w+\s+){0,2}voice", r"self-?(?:images?|portraits?)",
    r"(?:images?|photos?|pictures?|videos?)\s+(?:depicting|of)\s+(?:yourself|themselves|oneself|himself|herself)",
    r"voices?\s+(?:model(?:l)?ed|based)\s+on\s+(?:yours|your\s+own|theirs)",
    # "clips made with your Zed voice model"
    r"(?:your|their|his|her)\s+(?:[\w-]+\s+){0,2}?voice\s+(?:models?|clones?)\b",
    # (not a voice "chosen from a preset list")
    r"synthetic\s+(?:[\w-]+\s+)?voices?\s+(?:(?!not\b)\w+,?\s+){0,5}(?:from|based\s+on)\b"
    r"(?!\s+(?:a|the|our)\s+(?:[\w-]+\s+)?(?:list|set|selection|library|range|catalog(?:ue)?|menu)\b)",
    r"faces?\s+(?:generated\s+)?from\s+(?:a|the|your)\s+(?:photo|selfie|image|picture)s?",
    r"face\s+swap\w*", r"swap\w*\s+(?:in\s+)?(?:\w+\s+)?faces?\b",
    r"(?:images?|pictures?|photos?|videos?|avatars?|portraits?),?\s+(?:\w+\s+){0,4}(?:based\s+on|from|using)\s+"
    r"(?:your|the)\s+"
    r"(?:[\w-]+\s+)?(?:photos?|selfies?|pictures?|face|likeness|portraits?|headshots?)",
    r"resembl\w+\s+(?:you|yourself)\b", r"(?:voices?|faces?)\s+(?:that\s+)?resembl\w+\s+yours\b",
    r"(?:look|fit)\w*\s+on\s+(?:you|your\s+body)\b",
    r"clon\w+\s+(?:your|their|his|her|a|the)\s+(?:own\s+)?voices?",
    r"(?:voices?|faces?)\s+(?:that|which)\s+(?:imitates?|mimics?|copies|clones?|sounds?\s+like)\s+(?:yours|you)\b",
    # a copy of people made by AI: "unauthorised clones of narrators", "deepfakes of other creators"
    r"(?:clones?|deepfakes?|replicas?)\s+of\s+(?:(?:our|the|a|an|any|other|real)\s+)?(?:[\w-]+\s+)?(?:narrators?|"
    r"creators?|artists?|actors?|performers?|presenters?|speakers?|hosts?|musicians?|singers?|people|persons?|"
    r"individuals?|users?|members?|customers?)\b",
    r"selfies?", r"avatars?", r"digital\s+replicas?", r"biometric\w*",
    # a real person's face or voice: "the face or voice of a real person", "a creator's face"
    r"(?:faces?|voices?)\s+(?:(?:or|and)\s+(?:faces?|voices?)\s+)?of\s+(?:an?\s+|any\s+)?"
    r"(?:real|identifiable|actual|living)\b",
    r"an?\s+[\w-]+['’]s\s+(?:own\s+)?(?:face|voice)\b", r"real,?\s+identifiable\s+(?:person|people|individuals?)",
    r"depictions?\s+of\s+real\s+(?:people|persons?|individuals)\b",
    r"(?:images?|photos?|videos?|pictures?)\s+(?:or\s+\w+\s+)?of\s+(?:yourself|themselves)",
    r"(?:photos?|images?|videos?|headshots?|portraits?|pictures?)\s+(?:\w+\s+){0,4}(?:yourself|of\s+you\b)",
    r"of\s+yourself",
    r"look\s+(?:or\s+sound\s+)?similar\s+to\s+you", r"(?:looks?|sounds?)\s+like\s+(?:you|yours|them)\b",
    r"(?:versions?|depictions?|portraits?|replicas?|stickers?|cartoons?|caricatures?|animations?|illustrations?)\s+of\s+"
    r"(?:you|yourself)\b",
    r"(?:your|their|his|her|a\s+person's|someone's)\s+(?:image|appearance|voice)\s+(?:and|or)\s+(?:image|appearance|voice)",
    r"generated\s+from\s+your\s+(?:own\s+)?(?:photos?|selfies?|images?|pictures?|face|voice)",
    r"(?:name|image|likeness),\s+(?:image|voice|likeness),?\s+(?:and|or)\s+(?:voice|likeness|image)",
    r"your\s+(?:lips|mouth|body|facial\s+expressions?)\b", r"look\s+on\s+you\b",
    r"(?:full[\s-])?body\s+(?:photos?|images?)",
    r"(?:synthetic|digital|AI|cloned)\s+(?:versions?|cop(?:y|ies)|replicas?|imitations?)\s+of\s+(?:your|their|his|her|"
    r"any\s+[\w-]+['’]s|(?:an?|the)\s+(?:[\w-]+\s+)?[\w-]+['’]s|[\w-]+['’]s)\s+(?:own\s+)?(?:[\w-]+\s+)?"
    r"(?:voice|face|likeness)",
    r"(?:AI|computer|machine)[\s-]generated\s+likeness(?:es)?",
    r"cop(?:y|ies)\s+of\s+(?:your|their|his|her)\s+(?:own\s+)?(?:voices?|faces?|likeness)",
    r"digital\s+(?:voice\s+)?(?:replicas?|clones?)",
    r"based\s+on\s+(?:your|their|his|her)\s+(?:own\s+)?(?:appearance|face|likeness)",
    r"your\s+(?:own\s+)?voice\b(?:\W+\w+){0,8}?\W+(?:voice\s+models?|text[\s-]to[\s-]speech|synthetic)",
    r"voice\s+models?\s+(?:\w+\s+){0,3}(?:recordings?|samples?)\s+of\s+your\s+(?:own\s+)?voice",
    r"your\s+(?:own\s+)?(?:personali[sz]ed\s+)?synthetic\s+voice",
    r"(?:modell?ed|based)\s+on\s+(?:a\s+|the\s+)?(?:recordings?|samples?|voice)\s+of",
    r"your\s+(?:\w+\s+(?:and|or)\s+)?voice\s+models?",
    r"voice\s+models?\s+(?:of|from|based\s+on)\s+(?:your|you)\b",
    r"images?\s+(?:\w+\s+){0,2}(?:showing|depicting)\s+(?:you|the\s+(?:seller|user|member|person|customer|creator))\b",
    r"how\s+you\s+(?:might|would|will|could)\s+look", r"models?\s+of\s+(?:your|their|his|her)\s+(?:own\s+)?voices?",
    # photos of people turned into something else: "turns a photo of your child into a cartoon", "featuring you"
    r"photo(?:graph)?s?\s+of\s+(?:your\s+|a\s+|the\s+)?(?:child|children|relatives?|family|friends?|person|people|"
    r"parents?)\b",
    # (not "photos from accounts of people")
    r"(?:photo(?:graph)?s?|pictures?|images?)\s+(?:(?!from\b|by\b|in\b)\w+\s+){0,2}of\s+people",
    r"(?:your|their)\s+own\s+(?:photo|selfie|picture)s?",
    r"featuring\s+you\b", r"faces?\s+in\s+(?:the\s+|an?\s+)?(?:photos?|videos?|images?|pictures?|clips?)",
    r"likenesses",
    r"(?:modell?ed|based)\s+on\s+your\s+(?:own\s+)?voice",
    r"modell?ed\s+on\s+(?:the|a|an)\s+[\w-]+['’]s\s+(?:own\s+)?(?:face|voice|likeness)", r"voice\s+replicas?",
    r"synthetic\s+(?:audio|video|images?|voices?|cop(?:y|ies))(?:\s+or\s+\w+)?\s+of\b",
    r"(?:created|built|made),?\s+(?:[\w,]+\s+){0,5}from\s+recordings\s+of",
    r"versions?\s+of\s+your\s+(?:[\w-]+\s+){0,2}(?:photos?|selfies?|images?|pictures?|face|voice)",
    # a person's picture turned into something else, or the person put into a picture
    r"people\s+in\s+(?:your|their|the)\s+(?:[\w-]+\s+)?(?:photos?|pictures?|videos?)",
    r"(?:turns?|transforms?|converts?)\s+(?:your|the|a)\s+(?:(?:few|couple|handful)\s+of\s+your\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:photos?|selfies?|pictures?)\s+"
    r"(?:[\w-]+\s+){0,3}into\s+(?:[\w-]+\s+){0,3}(?:portraits?|headshots?|avatars?|videos?|cartoons?|stickers?|"
    r"animations?|clips?)",
    r"(?:places?|puts?|inserts?)\s+you\b(?!\s+(?:[\w-]+\s+)?(?:visit|go|went|chat|talk|search|travel|stay|like|love|save|book|"
    r"mention|ask|look|asked|searched|visited|saved|booked|liked|mentioned|talked|chatted)\w*)",
    r"recreations?\s+of\s+(?:\w+\s+){0,3}(?:people|persons?|members|users|"
    r"relatives|you)\b", r"voice\s+models?\s+(?:built|made|created|trained)\s+(?:\w+\s+)?(?:from|on)\s+your",
    r"(?:imitat|mimic|replicat|cop)\w*\s+your\s+own\b",
    r"voices?\s+(?:\w+\s+){0,2}from\s+your\s+(?:[\w-]+\s+)?(?:recordings?|samples?)",
    r"famous\s+person", r"(?:generated|created)\s+by\s+"
    r"(?:\w+\s+){0,2}AI\s+by\s+yourself",
)
# Rules about what people may make or post: deepfakes, impersonation, other people's likeness without consent.
CONTENT_RULE = words_pattern(
    r"deep\s?fakes?", r"impersonat\w+", r"without\s+(?:their|his|her|the\s+person's)\s+consent",
    r"real,?\s+(?:identifiable\s+)?(?:person|people|individuals?)", r"non-?consensual",
    r"(?:must|should)\s+(?:be\s+)?(?:label\w*|disclos\w*|tag\w*)",
    # "you must turn on the \"Made with AI\" label when you upload it"
    r"(?:must|should|(?:are|is)\s+required\s+to)\s+(?:[\w\"“”'-]+\s+){1,6}?(?:label|disclosure|tag)\b",
    r"(?:do\s+not|don['’]t|does\s+not|doesn['’]t)\s+allow", r"(?:is|are)\s+not\s+allowed")
NEGATION = words_pattern(r"not", r"never", r"neither", r"nor", r"no\s+longer", r"under\s+no\s+circumstances", r"cannot",
                         r"none\s+of",  # "None of your chats will be used to train …"
                         r"(?:at|in)\s+no\s+(?:time|event|case)",
                         r"can[’']t",
                         r"won[’']t", r"don[’']?t",  # "we dont use": the apostrophe is often left out
                         r"doesn[’']?t", r"isn[’']?t", r"aren[’']?t", r"didn[’']?t")
# A prohibition addressed to others ("you may not use the Services to train …") is an AI-feature rule, not a use.
PROHIBITION = CaselessPattern(
    # the subject of the ban, not an object ("… as a processor to you …, and will not use …" binds the platform); each
    # lookbehind only at a word's start, where it can matter: tried at every character, they cost more than the rest
    r"\b(?<!\bto\s)(?<!\bfor\s)(?<!\bwith\s)(?<!\bfrom\s)(?<!\bby\s)(?<!\bof\s)(?<!\babout\s)(?<!\blike\s)"
    r"(?<!\bdepicts\s)(?<!\bdepict\s)(?<!\bshows\s)(?<!\bshow\s)(?<!\bfeatures\s)(?<!\bportrays\s)"  # "… depicts you"
    r"(?<!\bof\sthe\s)(?<!\bto\sthe\s)(?<!\bfor\sthe\s)(?<!\bby\sthe\s)(?<!\bwith\sthe\s)(?<!\bfrom\sthe\s)"
    # nor the subject of a condition ("If you are under 18, your chats will not be used …" binds the platform)
    r"(?<!\bif\s)(?<!\bwhen\s)(?<!\bwhere\s)(?<!\bunless\s)(?<!\bonce\s)(?<!\bbefore\s)(?<!\bafter\s)(?<!\buntil\s)"
    r"(?<!notwithstanding\sthat\s)(?<!\beven\sif\s)(?<!\balthough\s)(?<!\bthough\s)"
    r"(?:you|customers?|developers?|users?|end\s+users|third[\s-]+parties|anyone|licensees?|apps?|applications|researchers|"
    r"partners?|"
    r"integrations?|integrators?|clients?|listeners|viewers|readers|players|members|subscribers|creators|sellers|"
    r"buyers|hosts|streamers|visitors|participants|students|advertisers|publishers|merchants|contributors|guests|"
    r"recruiters|employers|bots|crawlers|scrapers|spiders|charities|businesses|schools|brands|agencies|landlords|"
    r"tutors|teachers|instructors|venues|shops|stores|extensions|plugins|plug-ins|add-ons|themes|people|persons|"
    r"individuals|companies|organi[sz]ations|entities|clinics|practices|hospitals|institutions|employers|retailers|"
    r"operators|administrators|admins|owners)(?![\s,]+(?:data|content|information|inputs?|outputs?|files|materials|records)\b)"
    r"(?!,\s+(?:and|but|or)\s)[\s,]+"  # ("… depicts you, and will not allow …": an object, then the next clause)
    r"(?:(?:(?:that|who)\s+use|using)\s+(?:[\w'’-]+\s+){1,3}?)?"  # ("Charities that use Palmgate agree not to …")
    r"(?:(?!that\b|which\b|if\b|when\b|whether\b|understand\b|acknowledge\b)[\w'’]+[\s,]+){0,10}?"
    r"(?:may|must|will|shall|should|agrees?|can)\s*(?:not|n't)\b|"
    # (not "prohibited content", nor "where prohibited by law")
    r"\bprohibit\w*+(?!\s+(?:content|materials?|conduct|items?|activit(?:y|ies)|behaviou?r|goods|products)|"
    r"\s+by\s+(?:\w+\s+)?law)|\bforbid\w*|"
    # a ban with no subject, unless the platform is the subject ("we do not allow partners to use your data" is a
    # limit on sharing, not a rule for users)
    r"\b(?<!\bwe\s)(?<!\bwe\sdo\s)(?<!\bwe\swill\s)(?<!\bwe\sshall\s)(?<!\bwe\swould\s)"
    r"not\s+(?:(?:be\s+)?permitted|allowed)\b|"
    # "Acme will not allow advertisers to …", "…, and will not allow other users to do so": whoever the subject, one
    # who allows is the platform (a user's ban has its own subject: "you will not allow others to …")
    r"\b(?<!\bwill\s)(?<!\bdoes\s)(?<!\bdo\s)(?<!\bshall\s)(?<!\bwould\s)not\s+allow\b|"
    # an imperative ban addressed to the reader: "* Do not use bots … to train AI"
    r"(?:not|n[’']t)\s+(?:let|allow|permit)\s+(?:anyone|any\s+(?:third\s+part\w+|developers?|users?|one))\s+(?:to\s+)?"
    r"(?:use|scrape|crawl|harvest)\b|"
    r"(?:^|[*•]\s|\.\s)\W*(?:do\s+not|don[’']t)\s+(?:use|scrape|crawl|copy|access|attempt|try|create|upload|sell|"
    r"download)\b|"
    # the platform's own work kept from everyone: "No part of our journalism may be copied or used to train …"
    r"\bno\s+part\s+of\s+(?:our|the|this|these)\s+(?:[\w-]+\s+){1,4}?may\s+be\b",
)
# A ban the platform lays on its own providers about people's data ("our agreements prohibit them from using your
# prompts to train their models", "a partner, which is contractually prohibited from retaining it"): a limit on
# sharing, not a rule for users.
PROVIDERS_BOUND = words_pattern(
    r"(?:(?:our|these|those|that|such|this|the)\s+(?:[\w-]+\s+){0,2}?|service\s+|third[\s-]+party\s+(?:[\w-]+\s+){0,2}?)"
    r"(?:providers?|partners?|vendors?|(?:sub-?)?processors?|suppliers?|recipients?)(?:['’]s\s+(?:[\w-]+\s+)?(?:models?|AI|"
    r"services?|tools?))?,?\s+(?:[\w'’]+,?\s+){0,16}?(?:(?:are|is)\s+)?(?:contractually\s+)?"
    r"(?:prohibited|forbidden|not\s+(?:permitted|allowed)|(?:may|must|will|shall|can)\s*(?:not|n't))",
    r"(?:which|who)\s+(?:is|are)\s+(?:contractually\s+)?(?:prohibited|forbidden|not\s+(?:permitted|allowed))",
    r"(?:providers?|partners?|vendors?|processors?|compan(?:y|ies))\s+that\s+(?:is|are)\s+(?:contractually\s+)?"
    r"(?:prohibited|forbidden|not\s+(?:permitted|allowed))",
    r"(?:prohibit|forbid)\w*\s+(?:it|them|these\s+\w+|those\s+\w+|(?:our|the)\s+(?:[\w-]+\s+)?(?:providers?|partners?|"
    r"vendors?))\s+from",
    r"(?:agreements?|contracts?|terms)\s+(?:that\s+|which\s+)?(?:prohibit|forbid)\w*",
    # "Our agreements with these providers require them to process …, and they are not permitted to use …"
    r"(?:agreements?|contracts?)\s+with\s+(?:our|these|those|the|such)\s+(?:[\w-]+\s+){0,2}?(?:providers?|partners?|"
    r"vendors?|(?:sub-?)?processors?)\b(?:\W+\w+){0,30}?\W+(?:not\s+(?:permitted|allowed)|prohibited|forbidden|"
    r"(?:may|must|shall)\s+not)\b")
YOUR_DATA = re.compile(r"\byour\s+(?:[\w-]+\s+){0,2}?(?:" + USER_DATA.pattern + r")|"
                       r"\b(?:content|data|information|photos|posts|messages|files)\s+(?:that\s+)?you\s+(?:post|upload|submit|"
                       r"share|provide|create|send)|"
                       r"\b(?:Customer|User|End[\s-]User|Member|Personal)\s+(?:Data|Content|Information)\b",
                       re.IGNORECASE)
ONLY = words_pattern(r"only", r"just", r"solely")
# A list introduced as a ban without a subject: "Do not:", "Never:", "### Restrictions", "Prohibited uses".
BAN_LEAD_IN = re.compile(r"^\W*(?:do\s+not|don[’']t|never)\b|\b(?:restrictions|prohibited|prohibitions|"
                         r"unacceptable\s+uses?|acceptable\s+use|what\s+you\s+(?:can't|cannot|may\s+not)\s+do)\b",
                         re.IGNORECASE)
# Duties laid on users or developers ("you remain responsible for", "developers must") are rules for others too.
OBLIGATION = words_pattern(r"(?:applications?|apps?|developers?|integrations?)\s+(?:\w+\s+){0,8}?must\s+not",
                           r"(?:you|customers?|developers?|licensees?)\s+(?:remains?\s+|are\s+|is\s+)?(?:solely\s+)?"
                           r"responsible", r"(?:you|developers?|apps?)\s+must",
                           r"(?:these|the\s+following)\s+requirements")
FIRST_PERSON = words_pattern(r"we", r"us", r"our", r"we'll", r"we’ll", r"we've", r"we’ve")
# The platform's own materials ("the Services", "any Output") or someone's model ("any AI model", "a model that
# competes"): training on them is what others are forbidden, never a use of people's data.
PLATFORM_MATERIALS = re.compile(
    # "questions entered in the Service" are people's data where they were given, not the platform's materials
    r"(?<!\bin\s)(?<!\bon\s)(?<!\bthrough\s)(?<!\bvia\s)(?<!\bwithin\s)\b(?:the|our)\s+(?:Services?|Platform|Site|Software|APIs?|Materials|Outputs?|Products?)\b(?!['’]s)|"
    r"\bany\s+(?:Outputs?|Materials|Content|data\s+(?:from|obtained))\b|\bOutputs?\b")
OTHERS_MODEL = words_pattern(
    r"compet(?:es?|ed|ing|itors?|itive|ition)",  # (not "competency")
    # (not "any feedback you give about AI": what someone gives is data)
    r"(?:any|another|competing)\s+(?!of\b|its\b|our\b)(?:(?!you\b|we\b)[\w,-]+\s+){0,6}(?:models?|AI|tools?|systems?)",
    r"(?:their|its)\s+own\s+(?:[\w-]+\s+){0,3}(?:models?|AI|tools?|systems?)")

# Clauses end at list bullets, rules, semicolons, sentence ends inside long blocks, footnote and section numbers.
# (The lookahead first names every break's first character: elsewhere none of the nine is tried, three times faster.)
CLAUSE_BREAK = re.compile(
    r"(?=[\s=;<,])(?:\s[*•]\s|\s-{3,}\s?|={3,}|;\s|<br>|,?\s+(?:but|while|whereas|although)\s+(?=we\b)|(?<=[.!?])\s+(?=[A-Z\[*])|\s\d+(?:\.\d+)+\.?\s|\s\d+\.?\s+(?=[A-Z]))"
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


# -- the names a document itself gives its AI -----------------------------------------------------------------------
# No product or company is named here: a document says which of its names are AI ("Zed, our AI assistant", "AI
# providers such as Acme Labs"), and that document's sentences are then read with those names as AI terms.
# Why, and what it costs: docs/decisions/ai-names.md.
_NAME = r"(?<![\w’'-])[A-Z][\w.-]*[\w](?!\w)(?![’']s)(?:[ \t]+[A-Z][\w.-]*[\w](?!\w)(?![’']s))?"
_NAMES = rf"(?P<names>{_NAME}(?:,\s+{_NAME})*(?:,?\s+(?:and|or)\s+{_NAME})?)"
_FEATURE_NAME = r"(?<![\w’'-])[A-Z][\w.-]*[\w](?!\w)[ \t]+[A-Z][\w.-]*[\w](?!\w)(?![’']s)"
_AI_WORD = r"(?:AI|A\.I\.|artificial\s+intelligence|generative|conversational|machine[\s-]learning)"
_PRODUCT_NOUN = (r"(?:assistants?|companions?|chat\s?bots?|models?|agents?|tools?|features?|products?|"
                 r"experiences?|capabilit(?:y|ies)|functionalit(?:y|ies)|services?|solutions?|apps?|applications?)")
# An assistant that is a product, not a person's job: "Orrie, our shopping assistant", "Muse is an optional assistant".
_ASSISTANT_ROLES = ("administrative", "executive", "teaching", "medical", "legal", "dental", "sales", "research",
                    "care", "office", "personal shopping", "physician", "nursing", "lab", "personal", "virtual")
_PRODUCT_ASSISTANT = r"(?=assistants?\b)" + "".join(rf"(?<!{role}\s)" for role in _ASSISTANT_ROLES) + r"assistants?\b"
_AI_THING = (rf"(?:{_AI_WORD}[\s-]+(?:[\w-]+\s+){{0,3}}?{_PRODUCT_NOUN}|(?:large\s+)?language\s+models?|LLMs?|"
             rf"{_PRODUCT_ASSISTANT}|"
             r"(?:virtual|digital|personal|chat|voice)\s+assistants?|chat\s?bots?)")
_RELATION = r"(?:of|with|to|for|from|about|on|in|by)\b(?!-)"
_MAKER = r"(?:compan(?:y|ies)|provider|developer|lab|research|safety|firm|startup|organi[sz]ation)"
_ANY_INTRODUCTION = ("called", "named", "known as", "such as", "like", "including", "e.g.")
_INTRODUCES_PRODUCT = (
    # "Zed, your personal AI companion" / "“Zed,” a conversational generative AI" (not "Acme, our range of AI …")
    (re.compile(rf"[“\"]?(?P<names>{_NAME})[,”\"]{{1,2}}\s+(?:your|our|an?|the)\s+(?:(?!{_RELATION})[\w-]+\s+){{0,3}}?"
                rf"(?:{_AI_WORD}\b(?!\s+(?:[\w-]+\s+)?(?:and\s+)?{_MAKER})|{_PRODUCT_ASSISTANT}|chat\s?bots?\b)"),
     (", your ", ", our ", ", a", ", the ", "” your", "” our", "” a", "” the", "\" a", "\" the")),
    # "Zed, Acme's generative AI assistant" (not "Zed, Acme's AI-powered search engine": a product that uses AI)
    (re.compile(rf"(?P<names>{_NAME}),\s+[A-Z][\w-]*[’']s\s+(?:(?!{_RELATION})[\w-]+\s+){{0,3}}?"
                rf"(?:{_AI_WORD}(?![\w-])(?!\s+(?:[\w-]+\s+)?(?:and\s+)?{_MAKER})|{_PRODUCT_ASSISTANT})"),
     ("’s ", "'s ")),
    # "Zed is powered by a third-party AI model" (not "Acme uses AI to …": a company that uses AI is no AI)
    (re.compile(rf"(?!(?:[A-Z]\w*\s+)?(?:Users?|Customers?|Providers?|Developers?|Company|Licensees?|Admins?|Administrators?|"
                rf"Members?|Partners?|Clients?)\b)(?P<names>{_NAME})\s+(?:is|are)\s+(?:powered|driven|built)\s+(?:by|on|with)"
                rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{_AI_WORD}|(?:large\s+)?language\s+models?|LLMs?)\b"
                rf"(?!\s+(?:[\w-]+\s+)?(?:and\s+)?{_MAKER})"),
     (" powered by", " built on", " driven by")),
    # a named feature that uses AI ("Zed Screen uses AI to answer calls", "Zed Studio uses your selfies to generate AI
    # avatars"): two words, as features are named (a company that uses AI, "Acme uses AI to …", is no AI)
    (re.compile(rf"(?P<names>{_FEATURE_NAME})\s+uses\s+(?:(?:[\w-]+\s+){{0,3}}?(?:{_AI_WORD}|machine\s+learning)\s+to\b|"
                rf"(?:[\w-]+\s+){{1,4}}?to\s+(?:generate|create|produce|make)\s+(?:[\w-]+\s+)?{_AI_WORD}[\s-])"),
     (" uses ",)),
    # a product of ours that uses AI, one word or two: "Our Zed scan uses computer-vision machine learning to …"
    (re.compile(rf"\b(?:Our|our)\s+(?P<names>{_NAME})\s+(?:[a-z][\w-]*\s+)?uses\s+(?:[\w-]+\s+){{0,3}}?"
                rf"(?:{_AI_WORD}|machine\s+learning)\b"),
     (" uses ",)),
    # a name in bold, as a feature is titled, that uses AI: "**Zed** uses generative AI to draft replies"
    (re.compile(rf"\*\*(?P<names>{_NAME})\*\*\s+uses\s+(?:[\w-]+\s+){{0,3}}?(?:{_AI_WORD}|machine\s+learning)\s+to\b"),
     (" uses ",)),
    # a definitions list: '**"Zed"** — our AI coding assistant', '"Zed": Acme's generative AI tool'
    (re.compile(rf"[“\"](?P<names>{_NAME})[”\"]\**:?\s+(?:[—–-]+\s+)?(?:[A-Z][\w-]*[’']s|your|our|an?|the)\s+"
                rf"(?:(?!{_RELATION})[\w-]+\s+){{0,3}}?{_AI_WORD}\b(?!\s+(?:[\w-]+\s+)?(?:and\s+)?{_MAKER})"),
     ("” —", "\" —", "”** —", "\"** —", "”:", "\":", "”**:", "\"**:")),
    # "Zed is our AI assistant" / "Zed is a family of tools that use generative AI" (not "Acme is an AI company")
    (re.compile(rf"(?:[“\"]|\*\*)?(?P<names>{_NAME})(?:[”\"]|\*\*)?\s+is\s+(?:your|our|an?|the|[A-Z]\w+[’']s)\s+"
                rf"(?!(?:[\w-]+\s+){{0,4}}?(?:and\s+)?{_MAKER})(?:[^.;:\n]{{0,80}}?\s)?"
                rf"(?:{_AI_THING}|{_AI_WORD}\b(?![\s-]+(?:[\w-]+\s+)?(?:and\s+)?{_MAKER}))"),
     (" is ",)),
    # "Zed helps managers draft reviews using generative AI": a feature named for what it does with AI
    (re.compile(rf"(?P<names>{_NAME})\s+(?:helps?|lets?)\s+(?:[\w-]+\s+){{1,8}}?(?:using|with)\s+(?:[\w-]+\s+)?"
                rf"{_AI_WORD}\b"),
     (" helps ", " lets ", " help ", " let ")),
    # "Zed lets you generate pictures of yourself": a feature named for what it generates
    (re.compile(rf"(?P<names>{_NAME})\s+(?:lets?|helps?)\s+(?:you|users|people|members|creators)\s+(?:[\w-]+\s+)?"
                rf"generate\b"), (" generate",)),
    # "Zed produces AI summaries of busy channels", "Zed generates AI images from your prompts"
    (re.compile(rf"(?P<names>{_NAME})\s+(?:produces|generates|writes|creates|drafts|makes)\s+(?:[\w-]+\s+){{0,2}}?"
                rf"{_AI_WORD}[\s-]+(?:generated\s+)?(?:summar|images?|pictures?|photos?|videos?|drafts?|replies|answers|"
                rf"text|captions?|voices?|audio)"), (" AI ", " AI-")),
    # "Zed, an automated system that uses machine learning, …"; "Zed, Acme's reading buddy, uses speech recognition
    # powered by machine learning": a name described, then said to use AI
    # (not "Acme, our parent company, uses machine learning to …": a company that uses AI is no AI)
    (re.compile(rf"(?P<names>{_NAME}),\s+(?:your|our|an?|the|[A-Z][\w-]*[’']s)\s+(?![^,;.:\n]{{0,60}}?\b{_MAKER})"
                rf"(?:[^,;.:\n]{{0,60}}?\b(?:that|which)\s+uses?|[^,;.:\n]{{1,60}},\s+uses)\s+"
                rf"(?:[\w-]+\s+){{0,4}}?(?:(?:powered\s+by|based\s+on)\s+)?"
                rf"{_AI_WORD}\b(?!\s+(?:[\w-]+\s+)?(?:and\s+)?{_MAKER})"), (" use", ", ")),
    # "Zed creates short stories from a few words you choose, using generative AI"; a feature's name (two words, or
    # joined by a hyphen) with whatever it does ("Zed Replies suggests answers using a small language model")
    (re.compile(rf"(?P<names>{_NAME})\s+(?:creates|generates|writes|drafts|makes|produces|suggests|answers|"
                rf"summari[sz]es|transcribes|translates)\s+[^.;\n]{{0,100}}?\busing\s+(?:[\w-]+\s+)?{_AI_WORD}\b"),
     (" using ",)),
    (re.compile(rf"(?P<names>{_FEATURE_NAME}|[A-Z]\w*-[A-Z][\w-]*)\s+(?!is\b|was\b|has\b|does\b)[a-z]+s\s+"
                rf"[^.;\n]{{0,100}}?\busing\s+(?:[\w-]+\s+){{0,2}}?(?:{_AI_WORD}\b|(?:large\s+|small\s+)?"
                rf"language\s+models?|LLMs?)"), (" using ",)),
    # a feature under its bold title, then said to work with AI: "**Acme Assist.** Assist can draft tasks using
    # generative AI" (a company's name is no title of a paragraph about one feature)
    (re.compile(rf"\*\*[A-Z][\w-]*\s+(?P<names>[A-Z][\w-]*[\w])[.:]?\*\*[.:]?\s+(?P=names)\s+"
                rf"(?:can\s+|will\s+|may\s+|also\s+)?[a-z]+\s+[^.;\n]{{0,100}}?\b(?:using|with)\s+(?:[\w-]+\s+)?"
                rf"{_AI_WORD}\b"), ("**",)),
    # "With Zed, riders can book a trip by talking to an AI assistant"
    (re.compile(rf"\b[Ww]ith\s+(?P<names>{_NAME}),\s+[^.;\n]{{0,100}}?\b(?:to|with)\s+(?:an?|our|the)\s+{_AI_THING}"),
     ("ith ",)),
    # "When you use Zed, the text you are working on is processed by a language model"
    (re.compile(rf"\b[Ww]hen\s+you\s+use\s+(?P<names>{_NAME}),\s+[^.;\n]{{0,100}}?\s(?:processed|generated|handled|"
                rf"written|answered)\s+by\s+(?:an?|our|the)\s+(?:[\w-]+\s+){{0,3}}?(?:language\s+models?|LLMs?|"
                rf"{_AI_WORD}\s+models?)\b"), ("hen you use ",)),
    # "When you use Zed, we create new AI-generated portraits from your selfies"
    (re.compile(rf"\b[Ww]hen\s+you\s+use\s+(?P<names>{_NAME}),\s+[^.;\n]{{0,100}}?\b(?:{_AI_WORD}[\s-]generated|"
                rf"(?:using|with)\s+(?:[\w-]+\s+)?{_AI_WORD})\b"), ("hen you use ",)),
    # "Zed Recaps are short summaries written by AI": a feature (two words, as features are named) said to be made
    # by AI; (one word could be any noun that opens a sentence: "Summaries are written by AI")
    (re.compile(rf"(?P<names>{_FEATURE_NAME})\s+(?:is|are)\s+(?:[^.;:\n]{{0,60}}?\s)?(?:written|generated|produced|"
                rf"created|drafted|composed)\s+(?:automatically\s+)?(?:by|with|using)\s+(?:our\s+|an?\s+)?"
                rf"(?:{_AI_WORD}|(?:large\s+)?language\s+models?)\b"), (" is ", " are ")),
    # "Acme's virtual agent, Zed, uses generative AI to …": a helper named in apposition, then said to use AI
    (re.compile(rf"(?:[A-Z][\w-]*[’']s|[Oo]ur|[Yy]our)\s+(?:[\w-]+\s+){{0,2}}?(?:agent|assistant|companion|helper|bot|"
                rf"concierge|coach|tutor|guide),\s+(?P<names>{_NAME}),\s+(?:uses|is\s+powered\s+by|runs\s+on|"
                rf"relies\s+on)\s+(?:[\w-]+\s+){{0,3}}?{_AI_WORD}\b"), (", ",)),
    # "the models that power Zed", "AI technology that powers Zed and Zed Studio"
    (re.compile(rf"(?:models?|{_AI_WORD}|LLMs?|technolog(?:y|ies))\s+that\s+(?:powers?|runs?)\s+[“\"]?{_NAMES}"),
     ("that power", "that run")),
    # "our AI assistant, Zed" / "an AI model called Zed" / "AI features such as Zed and Zed Studio"
    (re.compile(rf"(?:[Yy]our|[Oo]ur|[Aa]n?|[Tt]he)\s+{_AI_THING},\s+[“\"]?(?P<names>{_NAME})[”\"]?(?=\s*[,.)(])"),
     ("our ", "Our ", "a ", "an ", "the ", "A ", "An ", "The ")),
    (re.compile(rf"(?:(?:your|our|an?|the|its)\s+{_AI_THING}\s+(?:called|named|known\s+as)|"
                rf"{_AI_THING},?\s+\(?(?:such\s+as|like|including|e\.g\.,?))\s+[“\"]?{_NAMES}"), _ANY_INTRODUCTION),
    # "Zed models", "Zed 2 large language models"
    (re.compile(rf"(?P<names>{_NAME})(?:\s+\d[\w.]*)?\s+(?:large\s+)?language\s+models?"), ("language model",)),
)
_INTRODUCES_PROVIDER = (
    # "AI providers such as Acme and Beta Labs", "third-party model providers (e.g., Acme)"
    (re.compile(rf"(?:{_AI_WORD}|model|LLM)\s+(?:[\w-]+\s+){{0,2}}?(?:providers?|partners?|vendors?|companies|"
                rf"developers|(?:sub-?)?processors?|suppliers?)(?:,?\s+\(?(?:such\s+as|like|including|e\.g\.,?)|,)\s+{_NAMES}"),
     ("provider", "partner", "vendor", "companies", "developer", "processor", "supplier")),
    # "Acme, an AI company" / "Acme, a third-party AI provider"
    (re.compile(rf"(?P<names>{_NAME}),\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?{_AI_WORD}\s+(?:[\w-]+\s+)?"
                rf"(?:and\s+[\w-]+\s+)?{_MAKER}"), (", a", ", the ")),
    # "… are generated by Acme Intelligence, which receives your messages"
    (re.compile(rf"(?:generated|drafted|written|produced|powered)\s+by\s+(?P<names>{_NAME}),\s+which\s+(?:also\s+)?"
                rf"receives?\b"), (", which receive",)),
    # "Zed is powered by a model from Acme", "the large language model behind Zed, which is provided by Acme"
    (re.compile(rf"powered\s+by\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?models?\s+(?:from|(?:made|developed|built|provided)"
                rf"\s+by)\s+{_NAMES}"), (" from ", " by ")),
    (re.compile(rf"(?:language\s+models?|LLMs?)\s+(?:[\w-]+\s+){{0,4}}?[\w-]+,\s+which\s+(?:is|are)\s+"
                rf"(?:provided|made|developed|built|operated|run)\s+by\s+{_NAMES}"), (" by ",)),
    # "runs on a large language model from Acme", "language models developed by Acme and Beta Labs"
    (re.compile(rf"(?:language\s+models?|LLMs?)\s+(?:from|(?:built|made|developed|trained|provided)\s+by)\s+{_NAMES}"),
     (" from ", " by ")),
)
# The document's own maker, "Acme Inc. (“Acme”, “we”)", is the one who acts, not an AI term or another party.
_SELF_REFERENCES = tuple(f"{left}{word}{right}" for word in ("we", "us", "our") for left, right in ("“”", '""'))
_SELF_NAME = re.compile(rf"(?<!\bin )(?P<names>{_NAME})(?:,?\s+(?:Inc|LLC|Ltd|Limited|GmbH|S\.A|B\.V|Corp)\.?)?,?\s+\(|"
                        rf"[“\"](?P<term>{_NAME})[”\"]")
# Where a document names its AI: near an AI word. Patterns run in windows around these, not over a whole 100 KB;
# the words are found with str.find, many times faster here than one alternation over the text.
_ANCHORS_CASED = ("AI", "A.I.", "LLM")
_ANCHORS_LOWER = ("artificial intelligence", "generative", "conversational", "machine learning", "machine-learning",
                  "language model", "assistant", "lets you generate")
_NOT_A_NAME = frozenset({"a", "an", "the", "our", "your", "we", "you", "this", "these", "that", "it", "its", "ai",
                         "terms", "services", "service", "privacy", "policy", "i", "if", "and", "or", "for", "in",
                         "large", "language", "generative", "model", "models", "tools", "features", "learn", "more",
                         "see", "meet", "welcome", "use", "using", "with", "to", "by", "all", "any", "some"})
# A sentence that opens with a clause, not a name: "Before Acme makes an AI voice …" names no "Before Acme"
_CLAUSE_OPENERS = frozenset({"before", "after", "when", "whenever", "once", "while", "unless", "until", "because",
                             "since", "although", "where", "as"})
_NAME_SPLIT = re.compile(r",\s+|,?\s+(?:and|or)\s+")
# A company's legal form: "Acme Ireland Limited" names a company (perhaps an AI provider), never an AI product
_LEGAL_FORMS = frozenset({"limited", "ltd", "inc", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv",
                          "corp", "corporation", "company", "co"})


def data_examples(text: str, *, through_brackets: bool = False) -> Iterator[tuple[re.Match[str], int]]:
    """Each run of examples in a text ("such as posts and photos") with where the phrase before it starts: examples of
    a kind that phrase names are that kind, for the caller to leave out. ``through_brackets`` reads that phrase
    across an opening bracket ("your videos (including their captions)").

    >>> [(example.group(0), text[head:example.start()]) for text in ["We use your content, such as posts, to train."]
    ...  for example, head in data_examples(text)]
    [('such as posts,', 'We use your content, ')]
    """
    for example in _DATA_EXAMPLES.finditer(text):
        before = text[:example.start()].rstrip(" (") if through_brackets else text[:example.start()]
        yield example, len(before) - len(_PHRASE_START.split(before)[-1])


def blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with each span written over in spaces: what is left out keeps the rest in place."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


@dataclass(frozen=True)
class AINames:
    """The names a document introduces as its AI products and as the AI providers it works with."""

    products: frozenset[str] = frozenset()
    providers: frozenset[str] = frozenset()
    # The document's own service is an AI ("Acme (“we”) … Acme is an AI assistant", "the Services … use large
    # language models"): there, "the Services", Inputs and Outputs, and conversations are what an AI is given.
    ai_service: bool = False
    # The names the document gives itself ("Acme Labs, Inc. (“we”)"): "Acme does not" says "we do not".
    own: frozenset[str] = frozenset()

    @functools.cached_property
    def own_words(self) -> frozenset[str]:
        """The words of the document's names for itself, in lower case: "Acme Labs" gives "acme" and "labs"."""
        return frozenset(word.lower() for name in self.own for word in name.split())

    @functools.cached_property
    def ai_pattern(self) -> re.Pattern[str] | None:
        """Products and providers alike are AI terms: "prompts sent to Acme", "your Zed conversations"."""
        return _names_pattern(self.products | self.providers)

    @functools.cached_property
    def provider_pattern(self) -> re.Pattern[str] | None:
        return _names_pattern(self.providers)

    @functools.cached_property
    def url_pattern(self) -> re.Pattern[str] | None:
        """The names as a link target writes them: "/zed-studio-privacy"."""
        names = self.products | self.providers
        if not names:
            return None
        alternatives = "|".join(re.escape(name.lower()).replace(r"\ ", "[-_]?") for name in names)
        return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])", re.IGNORECASE)


def _names_pattern(names: frozenset[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    def written(name: str) -> str:  # "Zed Chat" is also written "Zed chat": the first word keeps its capital
        first, _, rest = name.partition(" ")
        return re.escape(first) + (rf"\ (?i:{re.escape(rest)})" if rest else "")
    alternatives = "|".join(written(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _positions(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + len(word))


_SENTENCE_END = re.compile(r"[.!?;\n]")
_WORD_END = re.compile(r"\W|$")


def _window_end(text: str, end: int, reach: int = 100) -> int:
    found = _SENTENCE_END.search(text, end, end + reach) or _WORD_END.search(text, end)
    return found.start() if found else len(text)


def _windows(text: str, lowered: str, reach: int = 160) -> list[str]:
    starts = sorted([*(p for word in _ANCHORS_CASED for p in _positions(text, word)),
                     *(p for word in _ANCHORS_LOWER for p in _positions(lowered, word))])
    spans: list[list[int]] = []
    for position in starts:
        start, end = max(0, position - reach), position + reach
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    # a window ends where its sentence does, or at least at a word's end: "… that power Zed" is not "… that power Z"
    return list(dict.fromkeys(text[start:_window_end(text, end)] for start, end in spans))  # versions share most


def _found_names(introductions: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...],
                 windows: list[str], not_names: frozenset[str] = frozenset()) -> Counter[str]:
    """Names introduced in the windows, with how often; a pattern runs only in a window that has one of its cue
    words. A name with a word of ``not_names`` is none."""
    names: Counter[str] = Counter()
    for window in windows:
        for pattern, cues in introductions:
            if not any(cue in window for cue in cues):
                continue
            for match in pattern.finditer(window):
                for name in _NAME_SPLIT.split(match.group("names")):
                    words = name.strip(" “”\"'’.").split()
                    if words and words[0].lower() in _CLAUSE_OPENERS:
                        continue
                    while words and words[0].lower() in _NOT_A_NAME:  # "Meet Zed", "Learn Zed"
                        words = words[1:]
                    if words and not any(word.lower() in _NOT_A_NAME or word.lower().replace(".", "") in not_names
                                         for word in words):
                        names[" ".join(words)] += 1
                        if len(words) > 1:
                            names[words[-1]] += 1  # "Acme Zed" is also called "Zed"
    return names


def _own_names(text: str, lowered: str) -> set[str]:
    """The maker's own names: those just before a “we” or “us”."""
    own: set[str] = set()
    for reference in _SELF_REFERENCES:
        for position in _positions(lowered, reference):
            for match in _SELF_NAME.finditer(text[max(0, position - 120):position]):
                own.update(word for word in (match.group("names") or match.group("term")).split()
                           if word.lower() not in _NOT_OWN_NAME)
    return own


# The name a document defines for its maker beside "we": 'OpenCo, Inc. ("OpenCo", "we" or "us")'.
_DEFINED_SELF_NAME = re.compile(r"\(\s*[“\"](?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2})[”\"]\s*"
                                r"(?:,|;|or|and)?\s*(?:,\s*)?[“\"](?:we|us|our)[”\"]")


_ROLE_NAMES = frozenset({"provider", "licensor", "operator", "controller", "owner", "seller", "vendor", "supplier"})


def defined_self_name(text: str | None, reach: int = 20_000) -> str | None:
    """The name a document gives its maker where it says who "we" are, if it gives one in quotes (only the start of
    the text is read: a policy introduces itself early).

    >>> defined_self_name('Chirpy, Inc. (“Chirpy”, “we” or “us”) makes an app.')
    'Chirpy'
    >>> defined_self_name('Acme Co., Ltd., registered in Ruritania (“we” or “us”).') is None
    True
    >>> defined_self_name('Acme Labs ("Company", "we")') is None
    True
    """
    match = _DEFINED_SELF_NAME.search(text[:reach]) if text else None
    if match is None or match.group("name").lower() in _NOT_OWN_NAME | _ROLE_NAMES:
        return None  # '("Company", "we")' defines a role, not a name
    return match.group("name")


# Words of a company's legal name that are no name of its own ("Acme Platforms Ireland Limited", "this Agreement")
_NOT_OWN_NAME = _NOT_A_NAME | _LEGAL_FORMS | frozenset({
    "inc.", "ltd.", "corp.", "platform", "platforms", "agreement", "ireland", "visitors", "publisher", "user", "users",
    "customer", "customers", "members", "content", "website", "site", "software", "materials", "data"})


def _ordinary_words(names: set[str], text: str) -> set[str]:
    """The one-word names the text also writes in lower case, as ordinary words ("Search", "Chat")."""
    words = set(text.split())  # one C-level pass
    return {name for name in names
            if " " not in name and any(name.lower() + end in words for end in ("", ",", ";", ":", "."))}


@functools.lru_cache(maxsize=16)  # a change's texts are read for names by assess and again by the stance of each side
def ai_names_in(*texts: str | None) -> AINames:
    """The names the texts introduce as AI, for reading their sentences.

    >>> names = ai_names_in("Zed, your personal AI companion, answers. We work with AI providers such as Acme.")
    >>> sorted(names.products), sorted(names.providers)
    (['Zed'], ['Acme'])
    >>> sorted(ai_names_in("AI providers, like Acme and Beta Labs, process prompts.").providers)
    ['Acme', 'Beta Labs', 'Labs']
    >>> ai_names_in("Acme Inc. (“we”) is an AI company. Acme, an AI research company, ...").providers
    frozenset()
    """
    text = "\n".join(t for t in texts if t)
    lowered = "\n".join(lower_text(t) for t in texts if t)
    windows = _windows(text, lowered)
    products = _most_introduced(_found_names(_INTRODUCES_PRODUCT, windows, _LEGAL_FORMS))  # a company is no product
    providers = _most_introduced(_found_names(_INTRODUCES_PROVIDER, windows))
    own = _own_names(text, lowered)
    ai_service = (bool(products & own) or _titled_by(text, products) or _speaks_as_ai_service(text, lowered)
                  or any(SERVICE_IS_AI.search(window) for window in windows if "Service" in window))
    if not products and not providers:
        return AINames(ai_service=ai_service, own=frozenset(own)) if ai_service or own else NO_NAMES
    names = own | _ordinary_words(products | providers, text)
    return AINames(frozenset(products - names), frozenset(providers - names - products), ai_service, frozenset(own))


# A document's title: its first heading ("# Zed Terms of Use", or "Zed Terms of Use" over a line of "=")
_TITLE = re.compile(r"^(?:#[ \t]+(?P<atx>[^\n]+)|(?P<setext>[^\n]+)\n=+[ \t]*$)", re.MULTILINE)


def _titled_by(text: str, products: set[str]) -> bool:
    """Whether the document's title names one of its AI products: "Zed Terms of Use" are an AI service's own."""
    if not products or not (title := _TITLE.search(text[:5000])):
        return False
    words = set(re.findall(r"[\w.-]+", title.group("atx") or title.group("setext")))
    return any(set(product.split()) <= words for product in products)


# The service itself described as AI: "“Services” means our AI assistant …", "our Services use large language models".
SERVICE_IS_AI = re.compile(
    r"(?:[“\"]Services?[”\"]\s+(?:means|refers\s+to)|\b(?:the|our)\s+Services?\s+(?:is|are|includes?|provides?|uses?|"
    r"rel(?:y|ies)\s+on|(?:is|are)\s+powered\s+by))[^.;]{0,120}?"
    r"\b(?:AI|artificial\s+intelligence|large\s+language\s+models?|generative|machine\s+learning|chat\s?bots?)\b")
def _speaks_as_ai_service(text: str, lowered: str) -> bool:
    """The marks of an AI provider's own terms: what people get back as a defined term ("Outputs"), or the provider
    speaking of its models again and again (counted with str.count: a 100 KB page in well under a millisecond)."""
    return text.count("Output") >= 6 or lowered.count("our models") + lowered.count("our ai models") >= 5


# What an AI service's sentences call what it is given and gives, and the service itself.
# An AI service's own "data controls" page or settings (not a step of a menu path: "Settings > Data controls > Export")
AI_SERVICE_CONTROLS = CaselessPattern(r"(?<!>\s)\bdata\s+controls?\b(?!\s*>)")
AI_SERVICE_TERMS = re.compile(r"\b(?:Inputs?|Outputs?)\b|"
                              # what people give it, as its terms define it: "your Content", "Customer Content"
                              r"\b(?:(?i:your)|Customer|User)\s+Content\b|\bContent\s+(?:you|submitted)\b|\bPrompts?\b|"
                              r"\b(?i:conversations?|chat\s+history|threads?|chats|(?:the|this|each|any|your)\s+chat)\b")


# A page that introduces thousands of names (a hostile or generated one) keeps its most introduced few: a policy
# names a handful, and every name is one more alternative in each sentence's search.
MAX_NAMES = 40


def _most_introduced(names: Counter[str]) -> set[str]:
    return {name for name, _ in names.most_common(MAX_NAMES)}


NO_NAMES = AINames()
