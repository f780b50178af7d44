"""Themes in the pulse survey's free texts, by a method simple enough to explain.

`KeywordThemes` (the method used today), per language:

1. A text's words are its runs of letters, in lower case, without the redactor's
   placeholders (<PHONE>), words shorter than three letters and the language's common words
   (STOP_WORDS: function words and words that only say "good" or "thanks").
2. Words are compared by their first five letters ("truncation stemming": palvelu, palvelut
   and palveluun are one keyword; it suits Finnish's endings and is crude for English).
3. The keyword that most texts use becomes a theme of all the texts that use it, if they are
   at least `min_group`; then the next keyword among the texts still left, and so on. So each
   text is in one theme at most, and every theme has at least `min_group` texts.
4. A theme is labelled with its keyword and the ones most used with it, each written as the
   word form the texts use most. Texts with no keyword shared by `min_group` texts are
   "unclassified"; their share is shown.

A theme's representative quotes are the texts that use most of its keywords (then the
shortest, then the newest), each different. Only themes of at least `min_group` texts exist,
so quotes come only from such groups. Another method (for example multilingual sentence
embeddings, issue 10) can replace this one behind `ThemeFinder`.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from vocabulary.languages import Language


@dataclass(frozen=True)
class FoundTheme:
    keywords: tuple[str, ...]
    members: tuple[int, ...]  # indices of the texts in the theme
    quotes: tuple[int, ...]  # indices of its representative texts


@dataclass(frozen=True)
class FoundThemes:
    themes: tuple[FoundTheme, ...]
    unclassified: int


class ThemeFinder(Protocol):
    method: str  # how the dashboard and the JSON name the method

    def find(self, texts: Sequence[str], language: Language, min_group: int) -> FoundThemes:
        """Themes of `texts` (newest first), each of at least `min_group` texts."""
        ...


def _word_list(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOP_WORDS: dict[Language, frozenset[str]] = {
    "fi": _word_list(
        """ja tai mutta että kun jos niin kuin myös vaan vain sekä eli ole oli olen olin ollut
        olla ovat olivat on ei en et emme eivät se sen sitä siitä siinä sille ne niitä niiden
        tämä tätä tässä tämän nämä minä mä mun minun minua minulle mulle sinä sä sinun hän
        he me meidän te mikä mitä miten missä mistä milloin kuka joka jota jotka joita
        paljon vähän aika aina vielä jo nyt sitten koska kanssa ilman kaikki kaikkea mitään
        jotain todella tosi erittäin hyvin hyvä hyvää hyvät kiitos kiva oikein aivan ihan
        asia asiat asiaa voi voin voisi pitäisi saa sain sai"""
    ),
    "sv": _word_list(
        """och eller men att när om som också bara samt det den de detta dessa är var vara
        varit har hade ha inte jag mig min mitt mina du dig din han hon vi oss vår ni er
        man vad hur var vem vilken mycket lite alltid redan nu sedan eftersom med utan
        alla allt något några väldigt mycket bra tack fint jättebra kan kunde skulle ska
        fick får för till från på av över under"""
    ),
    "en": _word_list(
        """and or but that when if so than also only just the this these those there their
        they them is was are were be been being have has had not no yes you your our we
        me my mine it its what how where who which very much little always already now
        then because with without all any some really good great nice thanks thank well
        can could would should will get got for from into onto about of on in at by"""
    ),
}

PLACEHOLDER = re.compile(r"<[A-Z_]+>")
WORD = re.compile(r"[^\W\d_]+")
STEM_LENGTH = 5
MAX_THEMES = 8
MAX_KEYWORDS = 5
MAX_QUOTES = 3


class KeywordThemes:
    method = "keywords"

    def find(self, texts: Sequence[str], language: Language, min_group: int) -> FoundThemes:
        # The same texts give the same themes: a dashboard reloaded before new texts arrive
        # costs no second grouping (the cache is keyed by the texts themselves).
        return _find(tuple(texts), language, min_group)

    @staticmethod
    def words(text: str, language: Language) -> list[tuple[str, str]]:
        """(stem, word) of each keyword candidate in `text`."""
        stop = STOP_WORDS[language]
        found = []
        for word in WORD.findall(PLACEHOLDER.sub(" ", text).casefold()):
            if len(word) >= 3 and word not in stop:
                found.append((word[:STEM_LENGTH], word))
        return found


@lru_cache(maxsize=32)
def _find(texts: tuple[str, ...], language: Language, min_group: int) -> FoundThemes:
    words = [KeywordThemes.words(text, language) for text in texts]
    stems = [{stem for stem, _ in found} for found in words]
    forms: dict[str, Counter[str]] = {}
    for found in words:
        for stem, word in found:
            forms.setdefault(stem, Counter())[word] += 1

    # Each stem is written as its most used form (of equally used ones, the first in
    # alphabetical order).
    label = {
        stem: min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
        for stem, counts in forms.items()
    }
    usage = Counter(stem for found in stems for stem in found)
    left = set(range(len(texts)))
    themes: list[FoundTheme] = []
    while len(themes) < MAX_THEMES and usage:
        stem, used = min(usage.items(), key=lambda item: (-item[1], label[item[0]]))
        if used < min_group:
            break
        members = tuple(sorted(index for index in left if stem in stems[index]))
        left -= set(members)
        for index in members:
            usage.subtract(stems[index])
        usage = +usage  # drops the stems no text left uses
        inside = Counter(other for index in members for other in stems[index] - {stem})
        # Keywords used with it by at least a third of the theme's texts (and two texts).
        company = [
            other
            for other, count in sorted(inside.items(), key=lambda i: (-i[1], label[i[0]]))
            if count >= max(2, len(members) / 3)
        ]
        keywords = (stem, *company[: MAX_KEYWORDS - 1])
        ranked_quotes = sorted(
            members,
            key=lambda index: (
                -len(stems[index] & set(keywords)),
                len(texts[index]),
                index,
            ),
        )
        quotes: list[int] = []
        for index in ranked_quotes:  # the same words twice show nothing new
            if len(quotes) < MAX_QUOTES and texts[index] not in {texts[q] for q in quotes}:
                quotes.append(index)
        themes.append(
            FoundTheme(
                keywords=tuple(label[keyword] for keyword in keywords),
                members=members,
                quotes=tuple(quotes),
            )
        )
    return FoundThemes(themes=tuple(themes), unclassified=len(left))


def default_finder() -> ThemeFinder:
    """The method in use (the one place to change when another replaces it)."""
    return KeywordThemes()
