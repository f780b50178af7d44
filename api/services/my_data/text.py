"""The copy of a client's data as plain text, in their language: the download's `?format=txt`
and the Telegram chat's copy. Every period comes from the settings (MyData.retention)."""

from datetime import date, datetime

from api.core.clock import in_finland
from api.schemas.my_data import MyData
from vocabulary.languages import Language
from vocabulary.section_labels import SECTION_LABELS

STRINGS: dict[Language, dict[str, str]] = {
    "fi": {
        "title": "Tiedot, jotka Kohtaamo on tallentanut sinusta ({now})",
        "conversation": "Keskustelu: alkoi {started}, kanava {channel}, kieli {language}.",
        "log": "Keskustelusi loki (viestit tietosuojatiedot poistettuina) poistetaan {days} "
        "päivän kuluttua.",
        "meeting": "Tapaaminen: {advisor}, {time}",
        "consent_given": "  Suostumus vastausten tallentamiseen: annettu {at}",
        "consent_refused": "  Suostumus vastausten tallentamiseen: ei annettu",
        "consent_none": "  Suostumusta ei ole kysytty",
        "answer": "  - {section}: {text}",
        "no_answers": "  Ei tallennettuja vastauksia.",
        "answers_deleted": "  Vastaukset poistetaan viimeistään {day}.",
        "no_meetings": "Ei tapaamisen valmistelua.",
        "panel": "Kehittäjäasiakaspaneeli: liittynyt {joined}, suostumusteksti versio {version}",
        "interests": "  Kiinnostuksen kohteet: {items}",
        "languages": "  Kielet: {items}",
        "contact": "  Yhteydenotto: {contact}",
        "no_panel": "Et ole kehittäjäasiakaspaneelissa.",
        "topics": "Kysymäsi aiheet (säilytetään {days} päivää): {items}",
        "pulse_open": "Kesken oleva palautekysely: vastaukset tähän asti, kunnes kysely päättyy.",
        "anonymous": "Palautekyselyn vastaukset ja ehdotukset tallennetaan nimettöminä: niitä ei "
        "voi yhdistää sinuun, joten niitä ei ole tässä eikä niitä voi poistaa.",
        "telegram": "tämä Telegram-keskustelu",
        "email": "sähköposti {email}",
    },
    "sv": {
        "title": "Uppgifter som Kohtaamo har sparat om dig ({now})",
        "conversation": "Samtal: började {started}, kanal {channel}, språk {language}.",
        "log": "Loggen av ditt samtal (meddelandena utan personuppgifter) raderas efter {days} "
        "dagar.",
        "meeting": "Möte: {advisor}, {time}",
        "consent_given": "  Samtycke till att spara svaren: givet {at}",
        "consent_refused": "  Samtycke till att spara svaren: inte givet",
        "consent_none": "  Samtycke har inte frågats",
        "answer": "  - {section}: {text}",
        "no_answers": "  Inga sparade svar.",
        "answers_deleted": "  Svaren raderas senast {day}.",
        "no_meetings": "Ingen förberedelse av möte.",
        "panel": "Utvecklarkundspanelen: gick med {joined}, samtyckestext version {version}",
        "interests": "  Intressen: {items}",
        "languages": "  Språk: {items}",
        "contact": "  Kontakt: {contact}",
        "no_panel": "Du är inte med i utvecklarkundspanelen.",
        "topics": "Ämnen du frågat om (sparas {days} dagar): {items}",
        "pulse_open": "En pågående responsenkät: svaren hittills, tills enkäten slutar.",
        "anonymous": "Svaren på responsenkäten och förslagen sparas anonymt: de kan inte kopplas "
        "till dig, så de finns inte här och kan inte raderas.",
        "telegram": "det här Telegram-samtalet",
        "email": "e-post {email}",
    },
    "en": {
        "title": "What Kohtaamo has stored about you ({now})",
        "conversation": "Conversation: started {started}, channel {channel}, language {language}.",
        "log": "The log of your conversation (the messages with personal data removed) is "
        "deleted after {days} days.",
        "meeting": "Meeting: {advisor}, {time}",
        "consent_given": "  Consent to store your answers: given {at}",
        "consent_refused": "  Consent to store your answers: not given",
        "consent_none": "  Consent not asked",
        "answer": "  - {section}: {text}",
        "no_answers": "  No answers stored.",
        "answers_deleted": "  The answers are deleted by {day} at the latest.",
        "no_meetings": "No meeting preparation.",
        "panel": "Developer-client panel: joined {joined}, consent text version {version}",
        "interests": "  Interests: {items}",
        "languages": "  Languages: {items}",
        "contact": "  Contact: {contact}",
        "no_panel": "You are not in the developer-client panel.",
        "topics": "Topics you asked about (kept {days} days): {items}",
        "pulse_open": "A feedback survey in progress: your answers so far, until it ends.",
        "anonymous": "Feedback survey answers and proposals are stored anonymously: they cannot "
        "be linked to you, so they are not here and cannot be deleted.",
        "telegram": "this Telegram chat",
        "email": "e-mail {email}",
    },
}
THEMES: dict[Language, dict[str, str]] = {
    "fi": {
        "digital_services": "digitaaliset palvelut",
        "meetings_guidance": "tapaamiset ja ohjaus",
        "training": "koulutus",
        "job_search": "työnhaku",
        "wellbeing_work_ability": "hyvinvointi ja työkyky",
        "immigrant_services": "maahanmuuttajien palvelut",
        "other": "muu",
    },
    "sv": {
        "digital_services": "digitala tjänster",
        "meetings_guidance": "möten och vägledning",
        "training": "utbildning",
        "job_search": "jobbsökning",
        "wellbeing_work_ability": "välmående och arbetsförmåga",
        "immigrant_services": "tjänster för invandrare",
        "other": "annat",
    },
    "en": {
        "digital_services": "digital services",
        "meetings_guidance": "meetings and guidance",
        "training": "training",
        "job_search": "job search",
        "wellbeing_work_ability": "wellbeing and work ability",
        "immigrant_services": "services for immigrants",
        "other": "other",
    },
}


def _when(moment: datetime) -> str:
    return in_finland(moment).strftime("%d.%m.%Y %H.%M")


def _day(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def render(data: MyData, language: Language, *, now: datetime) -> str:
    s = STRINGS[language]
    days = data.retention
    lines = [s["title"].format(now=_when(now)), ""]
    if data.conversation is not None:
        c = data.conversation
        lines.append(
            s["conversation"].format(
                started=_when(c.started_at), channel=c.channel or "-", language=c.language or "-"
            )
        )
    lines += [s["log"].format(days=days.conversation_retention_days), ""]
    for meeting in data.meetings:
        lines.append(
            s["meeting"].format(advisor=meeting.advisor_name, time=_when(meeting.starts_at))
        )
        if meeting.consent and meeting.consent_at is not None:
            lines.append(s["consent_given"].format(at=_when(meeting.consent_at)))
        else:
            lines.append(s["consent_none" if meeting.consent is None else "consent_refused"])
        for answer in meeting.answers:
            label = SECTION_LABELS[language][answer.section]
            lines.append(s["answer"].format(section=label, text=answer.text))
        if not meeting.answers:
            lines.append(s["no_answers"])
        lines += [s["answers_deleted"].format(day=_day(meeting.answers_deleted_by.date())), ""]
    if not data.meetings:
        lines += [s["no_meetings"], ""]
    if data.panel is not None:
        p = data.panel
        lines.append(s["panel"].format(joined=_day(p.joined_on), version=p.consent_version))
        lines.append(
            s["interests"].format(items=", ".join(THEMES[language][i] for i in p.interests))
        )
        lines.append(s["languages"].format(items=", ".join(p.languages)))
        contact = (
            s["email"].format(email=p.email or "")
            if p.contact_channel == "email"
            else s["telegram"]
        )
        lines += [s["contact"].format(contact=contact), ""]
    else:
        lines += [s["no_panel"], ""]
    if data.faq_topics:
        topics = ", ".join(t.topic for t in data.faq_topics)
        lines += [s["topics"].format(days=days.faq_topic_retention_days, items=topics), ""]
    if data.pulse_survey_open:
        lines += [s["pulse_open"], ""]
    lines.append(s["anonymous"])
    return "\n".join(lines) + "\n"
