"""Keyword themes: texts that share a keyword stem group together, each theme has at least
min_group texts and its keywords, the rest is unclassified."""

from api.services.analytics.themes import KeywordThemes

FINDER = KeywordThemes()


def test_texts_sharing_a_keyword_form_a_theme_labelled_by_its_words() -> None:
    texts = [
        "Jonotus kesti liian kauan",
        "Jonotin puhelimessa tunnin",
        "Puhelinjono oli pitkä",  # another word: not in the theme
        "Jonotus on aina pitkä",
        "Jonotuksen aikana ei kerrottu mitään",
        "Jonotus puhelimessa kesti",
        "Sivuilta ei löytynyt tietoa",
    ]
    found = FINDER.find(texts, "fi", 3)
    assert len(found.themes) == 1
    theme = found.themes[0]
    assert theme.keywords[0] == "jonotus"  # "jonot…" written as its most used form
    assert set(theme.members) == {0, 1, 3, 4, 5}
    assert "puhelimessa" in theme.keywords  # used with it by two of its texts
    assert found.unclassified == 2
    assert len(theme.quotes) == 3 and set(theme.quotes) <= set(theme.members)


def test_no_theme_has_fewer_than_min_group_texts() -> None:
    texts = ["Koulutus oli hyvä", "Koulutus auttoi", "Ajanvaraus oli helppo", "Ajanvaraus toimi"]
    found = FINDER.find(texts, "fi", 3)
    assert found.themes == ()
    assert found.unclassified == 4


def test_each_text_is_in_one_theme_at_most() -> None:
    texts = ["quick answer from staff"] * 4 + ["staff were friendly"] * 3 + ["answer was quick"]
    found = FINDER.find(texts, "en", 3)
    members = [index for theme in found.themes for index in theme.members]
    assert len(members) == len(set(members))
    assert all(len(theme.members) >= 3 for theme in found.themes)
    assert len(members) + found.unclassified == len(texts)


def test_common_words_and_the_redactors_placeholders_are_no_keywords() -> None:
    texts = ["Ring mig på <PHONE> och det var bra"] * 5
    words = {word for _, word in FINDER.words(texts[0], "sv")}
    assert words == {"ring"}
    assert FINDER.find(texts, "sv", 5).themes[0].keywords == ("ring",)
