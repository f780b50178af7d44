"""What the bridge itself says to clients (everything else comes from Rasa), in fi, sv, en.

When the client's language is not known yet, short notices are given in all three.
"""

from vocabulary.languages import LANGUAGES, Language, as_language, is_language

TEXTS: dict[str, dict[Language, str]] = {
    "unavailable": {
        "fi": "Avustaja ei ole juuri nyt käytettävissä, yritä hetken päästä uudelleen. "
        "Viestisi on tallessa: vastaan siihen heti, kun avustaja on taas käytettävissä.",
        "sv": "Assistenten är inte tillgänglig just nu, försök igen om en stund. "
        "Ditt meddelande är sparat: jag svarar på det så snart assistenten är tillbaka.",
        "en": "The assistant is not available right now, try again in a moment. "
        "Your message is kept: I will answer it as soon as the assistant is back.",
    },
    "text_only": {
        "fi": "Ymmärrän vain tekstiä. Kirjoita asiasi viestinä, kiitos.",
        "sv": "Jag förstår bara text. Skriv ditt ärende som ett meddelande, tack.",
        "en": "I understand text only. Please write your message as text.",
    },
    "button_expired": {
        "fi": "Tämä painike ei ole enää käytössä. Kirjoita vastauksesi viestinä.",
        "sv": "Den här knappen fungerar inte längre. Skriv ditt svar som ett meddelande.",
        "en": "This button no longer works. Please type your answer instead.",
    },
    "unknown_command": {
        "fi": "En tunne tätä komentoa. Komennot:",
        "sv": "Jag känner inte till det kommandot. Kommandon:",
        "en": "I don't know that command. Commands:",
    },
    # {days}: the API's answer retention (GET /api/v1/retention), the period that is enforced.
    "privacy": {
        "fi": "Tietosuoja lyhyesti: avustaja ei näe Telegram-tunnustasi, vain siitä lasketun "
        "avaimen. Tämä Telegram-yhteys pitää omassa tiedostossaan vain tiedon, mihin "
        "keskusteluun viestit lähetetään. Viestisi tallennetaan henkilötiedot (kuten "
        "henkilötunnus, puhelinnumero ja sähköposti) poistettuina. Tapaamista varten kertomasi "
        "asiat tallennetaan vain luvallasi ja poistetaan {days} päivän kuluttua tapaamisesta; "
        "voit poistaa ne itse milloin tahansa. Lisätietoa: {url}",
        "sv": "Dataskydd i korthet: assistenten ser inte ditt Telegram-id, bara en nyckel som "
        "räknats fram ur det. Den här Telegram-kopplingen sparar i en egen fil bara vilken "
        "chatt meddelandena ska skickas till. Dina meddelanden sparas utan personuppgifter "
        "(som personbeteckning, telefonnummer och e-post). Det du berättar inför ett möte "
        "sparas bara med ditt samtycke och raderas {days} dagar efter mötet; du kan själv "
        "radera det när som helst. Mer information: {url}",
        "en": "Privacy in short: the assistant never sees your Telegram id, only a key computed "
        "from it. This Telegram connection keeps, in a file of its own, only which chat to send "
        "messages to. Your messages are stored with personal data (such as identity codes, "
        "phone numbers and email addresses) removed. What you tell for a meeting is stored only "
        "with your consent and deleted {days} days after the meeting; you can delete it "
        "yourself at any time. More: {url}",
    },
    # The same when the API cannot say the period: the privacy notice it links to does.
    "privacy_without_period": {
        "fi": "Tietosuoja lyhyesti: avustaja ei näe Telegram-tunnustasi, vain siitä lasketun "
        "avaimen. Tämä Telegram-yhteys pitää omassa tiedostossaan vain tiedon, mihin "
        "keskusteluun viestit lähetetään. Viestisi tallennetaan henkilötiedot (kuten "
        "henkilötunnus, puhelinnumero ja sähköposti) poistettuina. Tapaamista varten kertomasi "
        "asiat tallennetaan vain luvallasi ja poistetaan tietosuojaselosteessa kerrotun ajan "
        "kuluttua tapaamisesta; voit poistaa ne itse milloin tahansa. Tietosuojaseloste: {url}",
        "sv": "Dataskydd i korthet: assistenten ser inte ditt Telegram-id, bara en nyckel som "
        "räknats fram ur det. Den här Telegram-kopplingen sparar i en egen fil bara vilken "
        "chatt meddelandena ska skickas till. Dina meddelanden sparas utan personuppgifter "
        "(som personbeteckning, telefonnummer och e-post). Det du berättar inför ett möte "
        "sparas bara med ditt samtycke och raderas efter den tid som anges i "
        "dataskyddsbeskrivningen, räknat från mötet; du kan själv radera det när som helst. "
        "Dataskyddsbeskrivningen: {url}",
        "en": "Privacy in short: the assistant never sees your Telegram id, only a key computed "
        "from it. This Telegram connection keeps, in a file of its own, only which chat to send "
        "messages to. Your messages are stored with personal data (such as identity codes, "
        "phone numbers and email addresses) removed. What you tell for a meeting is stored only "
        "with your consent and deleted after the period given in the privacy notice, counted "
        "from the meeting; you can delete it yourself at any time. The privacy notice: {url}",
    },
}


def text(key: str, language: Language | None, **values: str) -> str:
    """The text in `language`, or in all three (Finnish first) when it is not known."""
    variants = TEXTS[key]
    if language is not None:
        return variants[language].format(**values)
    return "\n\n".join(variants[each].format(**values) for each in LANGUAGES)


def known_language(value: object) -> Language | None:
    """fi, sv or en from Rasa's `language` slot or Telegram's language_code ('fi', 'sv-FI',
    'en-GB'); None for anything else (the bridge then speaks all three)."""
    base = value.split("-", 1)[0].lower() if isinstance(value, str) else None
    return as_language(base) if is_language(base) else None
