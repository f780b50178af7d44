"""The strings of the staff pages' shared layout (skip link, menu, language switch, account),
one dictionary per staff language; each UI adds its own (api/web/<ui>/strings.py)."""

from vocabulary.languages import StaffLanguage

FI: dict[str, str] = {
    "skip_link": "Siirry pääsisältöön",
    "nav_label": "Päävalikko",
    "nav_meetings": "Tapaamiset",
    "nav_new_meeting": "Uusi tapaaminen",
    "nav_dashboard": "Palaute ja ehdotukset",
    "nav_we_did": "Kirjaa, mitä teimme",
    "nav_panel": "Kehittäjäasiakkaat",
    "nav_pilots": "Kokeilukutsut",
    "switch_language": "In English",
    "logged_in_as": "Kirjautuneena:",
    "logout": "Kirjaudu ulos",
}

EN: dict[str, str] = {
    "skip_link": "Skip to main content",
    "nav_label": "Main menu",
    "nav_meetings": "Meetings",
    "nav_new_meeting": "New meeting",
    "nav_dashboard": "Feedback and proposals",
    "nav_we_did": "Record what we did",
    "nav_panel": "Developer clients",
    "nav_pilots": "Pilot invitations",
    "switch_language": "Suomeksi",
    "logged_in_as": "Logged in as",
    "logout": "Log out",
}

STRINGS: dict[StaffLanguage, dict[str, str]] = {"fi": FI, "en": EN}
