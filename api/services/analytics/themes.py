"""The themes of the pulse survey's free texts, as the dashboard shows them.

Each text got its theme once, when it was stored (api/services/themes: the nearest theme by
multilingual sentence embeddings, with keyword stems; "other" when none was near enough).
Here the analysed texts of one language and question are grouped by those stored themes, and
each theme of at least `min_group` texts is labelled with its keywords and quoted:

1. A text's words are its runs of letters, in lower case, without the redactor's
   placeholders (<PHONE>), words shorter than three letters and the language's common words
   (STOP_WORDS: function words and words that only say "good" or "thanks"). Words are
   compared by their first five letters ("truncation stemming": palvelu, palvelut and
   palveluun are one keyword), each written as the form the texts use most.
2. A theme's keywords are the stems used by the most of its texts (at least two, and at
   least a fifth of them) that its texts use at least as often as the analysed texts on the
   whole (a word rarer in the theme than elsewhere is another theme's word).
3. Its quotes are the texts that use most of its keywords (then the shortest, then the
   newest), each different.

Texts of "other" are the unclassified; a theme of fewer than `min_group` texts gets no
keywords and no quotes (its count is protected by the caller).
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from vocabulary.languages import Language
from vocabulary.participation import THEMES, Theme

UNCLASSIFIED: Theme = "other"


@dataclass(frozen=True)
class FoundTheme:
    theme: Theme
    keywords: tuple[str, ...]
    members: tuple[int, ...]  # indices of the texts in the theme
    quotes: tuple[int, ...]  # indices of its representative texts


@dataclass(frozen=True)
class FoundThemes:
    themes: tuple[FoundTheme, ...]  # most texts first; only themes with texts
    unclassified: int


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
MAX_KEYWORDS = 5
MAX_QUOTES = 3
MIN_KEYWORD_TEXTS = 2
MIN_KEYWORD_SHARE = 0.2


def words(text: str, language: Language) -> list[tuple[str, str]]:
    """(stem, word) of each keyword candidate in `text`."""
    stop = STOP_WORDS[language]
    found = []
    for word in WORD.findall(PLACEHOLDER.sub(" ", text).casefold()):
        if len(word) >= 3 and word not in stop:
            found.append((word[:STEM_LENGTH], word))
    return found


def group(
    texts: Sequence[str], themes: Sequence[Theme], language: Language, min_group: int
) -> FoundThemes:
    """`texts` (newest first) with their stored `themes`, grouped and labelled."""
    # The same texts give the same themes: a dashboard reloaded before new texts arrive
    # costs no second labelling (the cache is keyed by the texts and themes themselves).
    return _group(tuple(texts), tuple(themes), language, min_group)


@lru_cache(maxsize=32)
def _group(
    texts: tuple[str, ...], themes: tuple[Theme, ...], language: Language, min_group: int
) -> FoundThemes:
    found_words = [words(text, language) for text in texts]
    stems = [{stem for stem, _ in found} for found in found_words]
    forms: dict[str, Counter[str]] = {}
    for found in found_words:
        for stem, word in found:
            forms.setdefault(stem, Counter())[word] += 1
    # Each stem is written as its most used form (of equally used ones, the first in
    # alphabetical order).
    label = {
        stem: min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
        for stem, counts in forms.items()
    }
    overall = Counter(stem for found in stems for stem in found)

    members: dict[Theme, list[int]] = {}
    for index, theme in enumerate(themes):
        members.setdefault(theme, []).append(index)
    result = []
    for theme in sorted(
        (theme for theme in members if theme != UNCLASSIFIED),
        key=lambda theme: (-len(members[theme]), THEMES.index(theme)),
    ):
        inside = members[theme]
        keywords: list[str] = []
        quotes: list[int] = []
        if len(inside) >= min_group:
            used = Counter(stem for index in inside for stem in stems[index])
            keywords = [
                stem
                for stem, count in sorted(used.items(), key=lambda i: (-i[1], label[i[0]]))
                if count >= max(MIN_KEYWORD_TEXTS, MIN_KEYWORD_SHARE * len(inside))
                and count / len(inside) >= overall[stem] / len(texts)
            ][:MAX_KEYWORDS]
            ranked = sorted(
                inside,
                key=lambda index: (-len(stems[index] & set(keywords)), len(texts[index]), index),
            )
            for index in ranked:  # the same words twice show nothing new
                if len(quotes) < MAX_QUOTES and texts[index] not in {texts[q] for q in quotes}:
                    quotes.append(index)
        result.append(
            FoundTheme(
                theme=theme,
                keywords=tuple(label[stem] for stem in keywords),
                members=tuple(inside),
                quotes=tuple(quotes),
            )
        )
    return FoundThemes(themes=tuple(result), unclassified=len(members.get(UNCLASSIFIED, [])))
