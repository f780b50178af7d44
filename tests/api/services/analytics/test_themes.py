"""The dashboard's themes: texts grouped by their stored themes, each theme of at least
min_group texts labelled with its keywords and quoted, the rest ("other") unclassified."""

from api.services.analytics.themes import group, words
from vocabulary.participation import Theme


def of(theme: Theme, count: int) -> list[Theme]:
    return [theme] * count


QUEUE = [
    "Jonotus kesti liian kauan",
    "Jonotin puhelimessa tunnin",
    "Jonotus on aina pitkä",
    "Jonotuksen aikana ei kerrottu mitään",
    "Jonotus puhelimessa kesti",
]


def test_texts_are_grouped_by_their_stored_theme_and_labelled_by_their_words() -> None:
    texts = [*QUEUE, "Sivuilta ei löytynyt tietoa", "En osaa sanoa"]
    themes: list[Theme] = [*of("meetings_guidance", 5), "digital_services", "other"]
    found = group(texts, themes, "fi", 3)
    assert [theme.theme for theme in found.themes] == ["meetings_guidance", "digital_services"]
    queue, pages = found.themes
    assert pages.members == (5,) and pages.keywords == ()  # fewer than 3 texts
    assert queue.members == (0, 1, 2, 3, 4)
    assert queue.keywords[0] == "jonotus"  # "jonot…" in all five, written as its most used form
    assert "puhelimessa" in queue.keywords and "kesti" in queue.keywords  # two texts each
    assert "tunnin" not in queue.keywords  # one text only
    assert len(queue.quotes) == 3 and set(queue.quotes) <= set(queue.members)
    assert queue.quotes[0] == 4  # uses the most keywords, and is short
    assert found.unclassified == 1


def test_a_theme_of_fewer_than_min_group_texts_has_no_keywords_or_quotes() -> None:
    texts = ["Sivuilta ei löytynyt tietoa", "Sivuilta ei löytynyt mitään", *QUEUE]
    themes: list[Theme] = [*of("digital_services", 2), *of("meetings_guidance", 5)]
    small = group(texts, themes, "fi", 5).themes[1]
    assert (small.theme, small.members) == ("digital_services", (0, 1))
    assert small.keywords == () and small.quotes == ()


def test_a_word_rarer_in_the_theme_than_elsewhere_does_not_name_it() -> None:
    texts = [
        "Kurssin jälkeen jonotus",
        "Kurssin aikana jonotus",
        "Kurssi auttoi",
        "Kurssi oli pitkä",
        "Kurssi kannatti",
        "Kurssi loppui",
        "Jonotus kesti",
        "Jonotus oli pitkä",
        "Jonotus puhelimessa",
    ]
    themes: list[Theme] = [*of("training", 6), *of("meetings_guidance", 3)]
    found = {theme.theme: theme for theme in group(texts, themes, "fi", 3).themes}
    # "jonotus": in 2 of the 6 training texts, but in 5 of all 9.
    assert found["training"].keywords == ("kurssi",)
    assert found["meetings_guidance"].keywords == ("jonotus",)


def test_the_same_text_is_quoted_once() -> None:
    texts = ["Kurssi auttoi"] * 4 + ["Kurssi oli hyödyllinen"]
    found = group(texts, of("training", 5), "fi", 5)
    assert [texts[index] for index in found.themes[0].quotes] == [
        "Kurssi auttoi",
        "Kurssi oli hyödyllinen",
    ]


def test_common_words_and_the_redactors_placeholders_are_no_keywords() -> None:
    assert {word for _, word in words("Ring mig på <PHONE> och det var bra", "sv")} == {"ring"}
