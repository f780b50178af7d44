"""The strings of the staff pages' shared layout (skip link, menu, language switch, account),
one dictionary per staff language, and the names of the vocabulary's values; each UI adds its
own strings (api/web/<ui>/strings.py)."""

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

# The names of the vocabulary's values (steps, drivers, channels, themes and interests...),
# by staff language.
NAMES: dict[StaffLanguage, dict[str, str]] = {
    "fi": {
        "initial_interview": "Alkuhaastattelu",
        "job_search_discussion": "Työnhakukeskustelu",
        "other_meeting": "Muu tapaaminen",
        "assistant": "Tämä avustaja",
        "other_service": "Muu palvelu",
        "clear_information": "Selkeä tieto",
        "easy_to_do": "Helppo hoitaa",
        "quick": "Nopea",
        "listened_to": "Minua kuunneltiin",
        "staff": "Henkilöstö",
        "right_service": "Minulle sopiva palvelu",
        "other": "Muu",
        "web": "Verkkosivu",
        "telegram": "Telegram",
        "email": "Sähköposti",
        "after_meeting": "Tapaamisen jälkeen",
        "end_of_conversation": "Keskustelun lopussa",
        "on_request": "Asiakkaan pyynnöstä",
        "digital_services": "Digitaaliset palvelut",
        "meetings_guidance": "Tapaamiset ja ohjaus",
        "training": "Koulutus",
        "job_search": "Työnhaku",
        "wellbeing_work_ability": "Hyvinvointi ja työkyky",
        "immigrant_services": "Maahanmuuttajien palvelut",
    },
    "en": {
        "initial_interview": "Initial interview",
        "job_search_discussion": "Job search discussion",
        "other_meeting": "Other meeting",
        "assistant": "This assistant",
        "other_service": "Other service",
        "clear_information": "Clear information",
        "easy_to_do": "Easy to do",
        "quick": "Quick",
        "listened_to": "I was listened to",
        "staff": "The staff",
        "right_service": "The right service for me",
        "other": "Other",
        "web": "Web page",
        "telegram": "Telegram",
        "email": "E-mail",
        "after_meeting": "After a meeting",
        "end_of_conversation": "At the end of a conversation",
        "on_request": "At the client's request",
        "digital_services": "Digital services",
        "meetings_guidance": "Meetings and guidance",
        "training": "Training",
        "job_search": "Job search",
        "wellbeing_work_ability": "Wellbeing and work ability",
        "immigrant_services": "Services for immigrants",
    },
}
