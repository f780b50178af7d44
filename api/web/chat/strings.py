"""Every string of the client's chat page and privacy notice, one dictionary per language.

The server renders the page in one language; the page carries all three (a data attribute,
not an inline script) so that the language selector switches every string at once.
"""

from vocabulary.languages import Language

FI: dict[str, str] = {
    "title": "Kohtaamo – työllisyyspalvelujen chat-avustaja",
    "heading": "Kohtaamo",
    "tagline": "Työllisyyspalvelujen digitaalinen avustaja",
    "skip_link": "Siirry keskusteluun",
    "language_label": "Kieli",
    "clear": "Tyhjennä keskustelu",
    "cleared": "Keskustelu tyhjennettiin tästä selaimesta.",
    "privacy_link": "Tietosuojaseloste",
    "intro": "Olen digitaalinen avustaja, en ihminen. Kysy palveluprosessista, oikeuksistasi "
    "ja velvollisuuksistasi tai valmistaudu tapaamiseen. Älä kirjoita henkilötunnustasi "
    "tai muita henkilötietojasi.",
    "log_label": "Keskustelu",
    "message_label": "Viestisi",
    "placeholder": "Kirjoita viesti…",
    "send": "Lähetä",
    "typing": "Avustaja kirjoittaa…",
    "error": "Avustaja ei vastaa juuri nyt. Yritä hetken päästä uudelleen.",
    "you": "Sinä:",
    "assistant": "Avustaja:",
    "choices": "Vastausvaihtoehdot",
    "chosen": "(valittu)",
    "hello": "hei",
    "noscript": "Keskustelu tarvitsee JavaScriptin. Tietosuojaselosteen voit lukea ilman sitä.",
    "skip_link_notice": "Siirry pääsisältöön",
    "privacy_title": "Tietosuojaseloste: Kohtaamo-chat",
    "back_to_chat": "Takaisin keskusteluun",
    "other_languages": "Muilla kielillä",
}

SV: dict[str, str] = {
    "title": "Kohtaamo – chattassistent för sysselsättningstjänsterna",
    "heading": "Kohtaamo",
    "tagline": "Digital assistent för sysselsättningstjänsterna",
    "skip_link": "Gå till samtalet",
    "language_label": "Språk",
    "clear": "Töm samtalet",
    "cleared": "Samtalet tömdes från den här webbläsaren.",
    "privacy_link": "Dataskyddsbeskrivning",
    "intro": "Jag är en digital assistent, inte en människa. Fråga om serviceprocessen, dina "
    "rättigheter och skyldigheter eller förbered ett möte. Skriv inte din personbeteckning "
    "eller andra personuppgifter.",
    "log_label": "Samtal",
    "message_label": "Ditt meddelande",
    "placeholder": "Skriv ett meddelande…",
    "send": "Skicka",
    "typing": "Assistenten skriver…",
    "error": "Assistenten svarar inte just nu. Försök igen om en stund.",
    "you": "Du:",
    "assistant": "Assistenten:",
    "choices": "Svarsalternativ",
    "chosen": "(vald)",
    "hello": "hej",
    "noscript": "Samtalet behöver JavaScript. Dataskyddsbeskrivningen kan du läsa utan det.",
    "skip_link_notice": "Gå till huvudinnehållet",
    "privacy_title": "Dataskyddsbeskrivning: Kohtaamo-chatten",
    "back_to_chat": "Tillbaka till samtalet",
    "other_languages": "På andra språk",
}

EN: dict[str, str] = {
    "title": "Kohtaamo – chat assistant of the employment services",
    "heading": "Kohtaamo",
    "tagline": "Digital assistant of the public employment services",
    "skip_link": "Skip to the conversation",
    "language_label": "Language",
    "clear": "Clear conversation",
    "cleared": "The conversation was cleared from this browser.",
    "privacy_link": "Privacy notice",
    "intro": "I am a digital assistant, not a person. Ask about the service process, your "
    "rights and obligations, or prepare a meeting. Please do not type your personal "
    "identity code or other personal data.",
    "log_label": "Conversation",
    "message_label": "Your message",
    "placeholder": "Type a message…",
    "send": "Send",
    "typing": "The assistant is typing…",
    "error": "The assistant is not answering right now. Please try again in a moment.",
    "you": "You:",
    "assistant": "Assistant:",
    "choices": "Choices",
    "chosen": "(chosen)",
    "hello": "hello",
    "noscript": "The chat needs JavaScript. You can read the privacy notice without it.",
    "skip_link_notice": "Skip to main content",
    "privacy_title": "Privacy notice: the Kohtaamo chat",
    "back_to_chat": "Back to the conversation",
    "other_languages": "In other languages",
}

STRINGS: dict[Language, dict[str, str]] = {"fi": FI, "sv": SV, "en": EN}
