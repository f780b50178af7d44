"""Proposals and the developer-client panel: the themes a proposal is about, which are also
the interests a panel member chooses, and how a member is contacted."""

from typing import Literal, get_args

from vocabulary.languages import Language

Theme = Literal[
    "digital_services",
    "meetings_guidance",
    "training",
    "job_search",
    "wellbeing_work_ability",
    "immigrant_services",
    "other",
]
THEMES: tuple[Theme, ...] = get_args(Theme)

# What each theme is about, in a few short sentences per language: the API compares a client's
# free text with these by multilingual sentence embeddings (api/services/themes) to suggest a
# proposal's theme and to group the pulse survey's texts. "other" has none: it is what a text
# gets when no theme is near enough. Broad descriptions, not examples of clients' texts (the
# labelled texts of tests/themes_labelled measure them).
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

# Where a proposal came from: the client gave it to the assistant, or in a meeting's
# preparation with consent.
ProposalSource = Literal["chat", "meeting_preparation"]
PROPOSAL_SOURCES: tuple[ProposalSource, ...] = get_args(ProposalSource)

ContactChannel = Literal["telegram", "email"]
CONTACT_CHANNELS: tuple[ContactChannel, ...] = get_args(ContactChannel)

# A panel member's answer to a pilot invitation.
PilotAnswer = Literal["yes", "no"]
PILOT_ANSWERS: tuple[PilotAnswer, ...] = get_args(PilotAnswer)

# What a panel member types to leave the panel: the assistant's texts quote it, and Rasa's NLU
# data must contain it (a test checks).
LEAVE_PANEL_PHRASES: dict[Language, str] = {
    "fi": "eroa paneelista",
    "sv": "lämna panelen",
    "en": "leave the panel",
}

# The slot of Rasa's tracker that holds a proposal's text: the tracker store redacts it.
PROPOSAL_TEXT_SLOTS: tuple[str, ...] = ("proposal_text",)
