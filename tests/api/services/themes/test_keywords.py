"""The theme suggested for a proposal, by keywords in each language (the client confirms it)."""

import pytest

from api.services.themes.keywords import KEYWORDS, suggest
from vocabulary.languages import LANGUAGES, Language
from vocabulary.participation import THEMES, Theme

# Made-up proposals, as clients might write them.
EXAMPLES: list[tuple[Language, str, Theme]] = [
    ("fi", "Verkkopalveluun pitäisi voida kirjautua helpommin", "digital_services"),
    ("fi", "Tapaamisia neuvojan kanssa voisi olla useammin", "meetings_guidance"),
    ("fi", "Lisää ammatillista koulutusta ja kursseja iltaisin", "training"),
    ("fi", "Työnhakuun apua: miten kirjoitan hyvän työhakemuksen", "job_search"),
    ("fi", "Jaksamiseen ja mielenterveyteen tukea", "wellbeing_work_ability"),
    ("fi", "Maahanmuuttajille selkeämpää tietoa kotoutumisesta", "immigrant_services"),
    ("fi", "Iltakursseja useammin", "training"),
    ("fi", "Kahvia odotustilaan", "other"),
    ("sv", "Det borde vara lättare att logga in i e-tjänsten", "digital_services"),
    ("sv", "Fler möten med min handledare", "meetings_guidance"),
    ("sv", "Mer yrkesutbildning och kurser på svenska", "training"),
    ("sv", "Hjälp med jobbsökning och CV", "job_search"),
    ("sv", "Stöd för arbetsförmåga och psykisk hälsa", "wellbeing_work_ability"),
    ("sv", "Tolk för invandrare", "immigrant_services"),
    ("en", "The website should work on my phone app", "digital_services"),
    ("en", "I would like more meetings with my advisor", "meetings_guidance"),
    ("en", "More training courses in English", "training"),
    ("en", "Help with my CV and job applications", "job_search"),
    ("en", "Support for mental health and stress", "wellbeing_work_ability"),
    ("en", "Interpreters for immigrants and help with the residence permit", "immigrant_services"),
    ("en", "Nothing to add", "other"),
]


@pytest.mark.parametrize(("language", "text", "theme"), EXAMPLES)
def test_a_theme_is_suggested_by_its_keywords(language: Language, text: str, theme: Theme) -> None:
    assert suggest(text, language) == theme


def test_english_keywords_match_at_the_start_of_a_word_only() -> None:
    assert suggest("a jobless period", "en") == "job_search"
    assert suggest("happy", "en") == "other"  # no "app" inside a word


def test_finnish_keywords_match_inside_compounds() -> None:
    assert suggest("ammattikoulutus", "fi") == "training"


def test_every_theme_has_keywords_in_every_language_but_other() -> None:
    assert set(KEYWORDS) == set(THEMES)
    for theme in THEMES:
        assert set(KEYWORDS[theme]) == set(LANGUAGES)
        if theme != "other":
            assert all(KEYWORDS[theme][language] for language in LANGUAGES), theme
            for language in LANGUAGES:
                keywords = KEYWORDS[theme][language]
                assert all(k == k.casefold() for k in keywords), (theme, language)
