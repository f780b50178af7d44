"""What each theme (vocabulary.participation.THEMES) is about, in a few short sentences per
language: the one place that describes them. A client's free text is compared with these by
multilingual sentence embeddings (classifier.py) to suggest a proposal's theme and to group the
pulse survey's texts. "other" has none: it is what a text gets when no theme is near enough.

Broad descriptions, not examples of clients' texts: the labelled texts of tests/themes_labelled
measure them (`make bench-themes`). Kept here, not in vocabulary/, since only the API reads
them (and vocabulary/ is part of the Rasa model's fingerprint: a new wording would retrain it).
"""

from vocabulary.languages import Language
from vocabulary.participation import Theme

THEME_REFERENCES: dict[Theme, dict[Language, tuple[str, ...]]] = {
    "digital_services": {
        "fi": (
            "Verkkopalvelu ja sähköinen asiointi",
            "Kirjautuminen ja lomakkeet netissä",
            "Mobiilisovellus ja chat-avustaja",
            "Verkkosivujen käytettävyys",
        ),
        "sv": (
            "Webbtjänster och e-tjänster",
            "Inloggning och blanketter på nätet",
            "Mobilappen och chatten",
            "Webbplatsens användbarhet",
        ),
        "en": (
            "Online services and e-services",
            "Logging in and forms on the web",
            "The mobile app and the chat assistant",
            "How easy the website is to use",
        ),
    },
    "meetings_guidance": {
        "fi": (
            "Tapaamiset ja keskustelut asiantuntijan kanssa",
            "Neuvonta ja ohjaus",
            "Ajanvaraus ja puhelinpalvelu",
            "Henkilökunnan palvelu ja kohtelu",
        ),
        "sv": (
            "Möten och samtal med en sakkunnig",
            "Rådgivning och vägledning",
            "Tidsbokning och telefonservice",
            "Personalens bemötande och service",
        ),
        "en": (
            "Meetings and conversations with an expert",
            "Advice and guidance",
            "Booking appointments and the phone service",
            "How the staff served and treated me",
        ),
    },
    "training": {
        "fi": (
            "Koulutukset ja kurssit",
            "Opiskelu ja ammatillinen koulutus",
            "Työvoimakoulutus ja oppisopimus",
            "Uuden ammatin oppiminen",
        ),
        "sv": (
            "Utbildningar och kurser",
            "Studier och yrkesutbildning",
            "Arbetskraftsutbildning och läroavtal",
            "Att lära sig ett nytt yrke",
        ),
        "en": (
            "Training and courses",
            "Studying and vocational education",
            "Labour market training and apprenticeships",
            "Learning a new profession",
        ),
    },
    "job_search": {
        "fi": (
            "Työnhaku ja avoimet työpaikat",
            "Ansioluettelo ja työhakemus",
            "Työnantajat ja rekrytointi",
            "Työhaastattelu ja töihin pääseminen",
        ),
        "sv": (
            "Jobbsökning och lediga jobb",
            "CV och arbetsansökan",
            "Arbetsgivare och rekrytering",
            "Anställningsintervju och att få jobb",
        ),
        "en": (
            "Looking for work and job vacancies",
            "CV and job applications",
            "Employers and recruitment",
            "Job interviews and getting hired",
        ),
    },
    "wellbeing_work_ability": {
        "fi": (
            "Jaksaminen ja hyvinvointi",
            "Terveys ja työkyky",
            "Mielenterveys ja stressi",
            "Kuntoutus ja sairausloma",
        ),
        "sv": (
            "Att orka och välmående",
            "Hälsa och arbetsförmåga",
            "Psykisk hälsa och stress",
            "Rehabilitering och sjukledighet",
        ),
        "en": (
            "Coping and wellbeing",
            "Health and work ability",
            "Mental health and stress",
            "Rehabilitation and sick leave",
        ),
    },
    "immigrant_services": {
        "fi": (
            "Maahanmuuttajien palvelut ja kotoutuminen",
            "Suomen kielen opiskelu maahanmuuttajana",
            "Tulkkaus ja ohjeet omalla kielellä",
            "Oleskelulupa ja Suomeen muuttaminen",
        ),
        "sv": (
            "Tjänster för invandrare och integration",
            "Att lära sig finska som invandrare",
            "Tolkning och anvisningar på eget språk",
            "Uppehållstillstånd och att flytta till Finland",
        ),
        "en": (
            "Services for immigrants and integration",
            "Learning Finnish as an immigrant",
            "Interpreting and instructions in my own language",
            "Residence permits and moving to Finland",
        ),
    },
    "other": {"fi": (), "sv": (), "en": ()},
}
