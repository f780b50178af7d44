"""A Presidio recogniser of people's names in Finnish, Swedish and English: <PERSON>.

No named-entity model: name lists, Finnish morphology, capitalisation and cues. A word is
looked at only when it is capitalised ("Matti", "Anna-Liisa", "O'Brien"), or written in lower
case right after a cue ("nimeni on matti"). Such a word is

- a *name* when the lists know it, in Finnish also as an inflected form ("Virtaselle");
- *ambiguous* when it is also an ordinary word ("Usko", "Toivo", "Mark", "Rose") or a place
  ("Lahti", "Salo", "Florence"): alone at the start of a sentence, or a place anywhere, it
  stays; capitalised inside a sentence, an ordinary word is taken as the name;
- *unknown* when it is neither a name nor an ordinary word ("Zorbek").

A run of capitalised words side by side is redacted as one <PERSON> when it holds a name that
is not ambiguous where it stands, or two names ("Toivo Virtanen", "Onni Lahti"), or it follows
a strong cue ("nimeni on", "jag heter", "my advisor", "neuvojani", "handläggare"); unknown
words are taken along with the names next to them, ordinary words and places end the run.

The text is read once, word by word (one regular expression with no nested repetition, and a
cache of each word's readings), so the time is linear in the text's length.
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from api.services.redaction.lexicon import (
    CONNECTORS,
    STRONG_CUE_STEMS,
    STRONG_CUE_WORDS,
    WEAK_CUE_WORDS,
    Lexicon,
)
from api.services.redaction.morphology import MAX_WORD_LENGTH, Morphology, SuffixMorphology
from vocabulary.redaction import NAMING_CUE_WORDS

PERSON = "PERSON"
SCORE = 0.85

# A word: letters, joined by hyphens or apostrophes ("Anna-Liisa", "O'Brien", "Mark's"). Each
# repetition starts with a character the one before cannot match: no backtracking.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_JOINERS = re.compile(r"[-'’]")
_SENTENCE_END = frozenset(".!?…\n")
_POSSESSIVES = ("'s", "’s", "'", "’")
# "Matti Virtanen", not "Matti,\nVirtanen": the gap inside one name.
_NAME_GAP = frozenset(" \u00a0")
_MAX_NAME_WORDS = 4
_MAX_CONNECTORS = 2
_CACHE_SIZE = 20_000


class Kind(Enum):
    NAME = "name"  # a name, not ambiguous where it stands
    AMBIGUOUS = "ambiguous"  # a name, but also an ordinary word or a place there
    UNKNOWN = "unknown"  # capitalised, neither a name nor an ordinary word
    OTHER = "other"  # an ordinary word or a place


@dataclass(frozen=True)
class WordInfo:
    person: bool
    ordinary: bool
    place: bool


@dataclass
class _Word:
    text: str
    start: int
    end: int  # without a possessive ending: "Mark's" -> "Mark"
    capitalised: bool
    sentence_start: bool
    # Only spaces between this word and the one before: both may be parts of one name.
    joined_to_previous: bool


def _capitalised(word: str) -> bool:
    """ "Matti", "Anna-Liisa", "O'Brien"; not "TE-toimisto", "KELA" or "iPhone"."""
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False
    return all(part[:1].isupper() for part in _JOINERS.split(word) if len(part) > 1)


class PersonRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str, lexicon: Lexicon, morphology: Morphology) -> None:
        self.lexicon = lexicon
        self.morphology = morphology
        self._cache: OrderedDict[str, WordInfo] = OrderedDict()
        self._lock = threading.Lock()
        # Voikko knows Finnish words: one it does not know is no ordinary word.
        self._knows_the_words = supported_language == "fi" and morphology.name == "voikko"
        self._suffixes = SuffixMorphology()
        super().__init__(
            supported_entities=[PERSON],
            name=f"PersonRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """The lexicon and the morphology come built."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [RecognizerResult(PERSON, start, end, SCORE) for start, end in self.find_names(text)]

    def find_names(self, text: str) -> list[tuple[int, int]]:
        words = list(self._words(text))
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            run_end = self._run_end(words, i)
            spans.extend(self._names_in_run(words, i, run_end))
            i = run_end
        return spans

    def _words(self, text: str) -> Iterator[_Word]:
        previous_end = 0
        first = True
        for match in _WORD.finditer(text):
            word, start, end = match.group(), match.start(), match.end()
            gap = text[previous_end:start]
            for possessive in _POSSESSIVES:
                if word.endswith(possessive) and len(word) > len(possessive) + 1:
                    word, end = word[: -len(possessive)], end - len(possessive)
                    break
            yield _Word(
                text=word,
                start=start,
                end=end,
                capitalised=_capitalised(word),
                sentence_start=first or any(c in _SENTENCE_END for c in gap),
                joined_to_previous=not first and 0 < len(gap) <= 2 and set(gap) <= _NAME_GAP,
            )
            previous_end, first = match.end(), False

    def _run_end(self, words: list[_Word], start: int) -> int:
        """The end of the run of capitalised words (or of a single word) that starts here."""
        end = start + 1
        if not words[start].capitalised:
            return end
        while end < len(words) and words[end].capitalised and words[end].joined_to_previous:
            end += 1
        return end

    def _cue_before(self, words: list[_Word], index: int) -> tuple[str | None, bool]:
        """'strong', 'weak' or None: the cue before words[index], over a few connectors; and
        whether it is one that names the name ("nimeni on", "jag heter", "I am")."""
        j = index - 1
        connectors = 0
        while j >= 0:
            lower = words[j].text.lower()
            naming = lower in NAMING_CUE_WORDS
            if lower in STRONG_CUE_WORDS or lower.startswith(STRONG_CUE_STEMS):
                return "strong", naming
            if lower in WEAK_CUE_WORDS:
                return "weak", naming
            if lower not in CONNECTORS or connectors == _MAX_CONNECTORS:
                return None, False
            connectors += 1
            j -= 1
        return None, False

    def _names_in_run(self, words: list[_Word], start: int, end: int) -> list[tuple[int, int]]:
        cue, naming = self._cue_before(words, start)
        if not words[start].capitalised:
            return self._lower_case_names(words, start, cue, naming)
        kinds = [self._kind(words[k]) for k in range(start, end)]
        if cue == "strong":
            # "my name is Zorbek Blorf", "Nimeni on Usko Kettunen": the capitalised words up
            # to the first place or organisation ("neuvojani Kelassa")
            taken = 0
            while taken < min(len(kinds), _MAX_NAME_WORDS):
                info = self.info(words[start + taken].text)
                if info.place and not info.person:
                    break
                taken += 1
            return [(words[start].start, words[start + taken - 1].end)] if taken else []
        spans = []
        # Sub-runs between ordinary words: "Kävin Kelassa Mikon kanssa" -> "Mikon"
        k = 0
        while k < len(kinds):
            if kinds[k] == Kind.OTHER:
                k += 1
                continue
            sub_end = k
            while sub_end < len(kinds) and kinds[sub_end] != Kind.OTHER:
                sub_end += 1
            sub = kinds[k:sub_end]
            names = sum(kind in (Kind.NAME, Kind.AMBIGUOUS) for kind in sub)
            if Kind.NAME in sub or names >= 2:
                spans.append((words[start + k].start, words[start + sub_end - 1].end))
            k = sub_end
        return spans

    def _lower_case_names(
        self, words: list[_Word], index: int, cue: str | None, naming: bool
    ) -> list[tuple[int, int]]:
        """ "nimeni on matti virtanen", "jag heter anna": only known names after a cue that
        names them (not "my advisor said", "i said no": Said is a name too)."""
        if not naming:
            return []
        end = index
        while (
            end < len(words)
            and end - index < _MAX_NAME_WORDS
            and (end == index or words[end].joined_to_previous)
            and not words[end].capitalised
        ):
            info = self.info(words[end].text)
            # After "nimeni on" even "matti" (also a word) is the name; after "olen" it is not.
            if not info.person or ((info.ordinary or info.place) and cue != "strong"):
                break
            end += 1
        return [(words[index].start, words[end - 1].end)] if end > index else []

    def _kind(self, word: _Word) -> Kind:
        info = self.info(word.text)
        if info.person:
            if info.place or (info.ordinary and word.sentence_start):
                return Kind.AMBIGUOUS
            return Kind.NAME
        if info.ordinary or info.place:
            return Kind.OTHER
        if word.sentence_start and not self._knows_the_words:
            # Every sentence starts with a capital: an unknown word there is most likely an
            # ordinary one, unless Voikko, which knows Finnish words, does not know it.
            return Kind.OTHER
        return Kind.UNKNOWN

    def info(self, word: str) -> WordInfo:
        """What the lexicon and the morphology say of a word (cached, in any case of letters)."""
        with self._lock:
            cached = self._cache.get(word)
            if cached is not None:
                self._cache.move_to_end(word)
                return cached
        info = self._look_up(word)
        with self._lock:
            self._cache[word] = info
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return info

    def _look_up(self, word: str) -> WordInfo:
        if len(word) > MAX_WORD_LENGTH:
            return WordInfo(person=False, ordinary=True, place=False)
        lexicon, language = self.lexicon, self.supported_language
        lower = word.lower()
        parts = [p for p in _JOINERS.split(lower) if p]
        person = lower in lexicon.person_names or (
            len(parts) > 1 and all(p in lexicon.person_names for p in parts)
        )
        ordinary = lexicon.is_ordinary(lower, language)
        place = lower in lexicon.places
        if language == "sv" and not person and lower.endswith("s"):
            # Swedish genitive: Annas, Virtanens
            person = lower[:-1] in lexicon.person_names
        if language == "fi":
            person, ordinary, place = self._finnish(word, person, ordinary, place)
        return WordInfo(person=person, ordinary=ordinary, place=place)

    def _finnish(
        self, word: str, person: bool, ordinary: bool, place: bool
    ) -> tuple[bool, bool, bool]:
        lower, names, places = word.lower(), self.lexicon.person_names, self.lexicon.places
        readings = self.morphology.readings(word)
        if not readings or self.morphology.name != "voikko":
            # Guessed base forms ("Virtaselle" -> "virtanen"; a foreign name in a Finnish
            # case when Voikko does not know the word): only the lists can tell what they are.
            surface_ordinary = ordinary
            for reading in readings or self._suffixes.readings(word):
                base = reading.base_form.lower()
                # "Olen" (I am) is no form of Ole: an ordinary word as it stands is not read
                # as a name's inflection; only the lists can make it a name ("Usko").
                person = person or (base in names and not surface_ordinary)
                place = place or base in places
                ordinary = ordinary or self.lexicon.is_ordinary(base, "fi")
            return person, ordinary, place
        for reading in readings:
            if reading.person:
                person = True
            elif reading.place or reading.base_form.lower() in places:
                place = True
            else:
                # "Annan" (antaa), "Usko", "Toivon": the word is also an ordinary one
                ordinary = True
        if not any(reading.person for reading in readings):
            # Voikko knows the word, as no name: it is one only if the lists have it as it
            # stands ("Usko", "Mäkelä"), not through a base form ("Kelassa").
            person = lower in names
        return person, ordinary, place
