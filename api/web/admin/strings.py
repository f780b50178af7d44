"""Every string of the admin UI, one dictionary per staff language (Finnish is the default).

The names of interests, languages and contact channels are every staff UI's
(api.web.staff.strings.NAMES, Babel's language names); dates come from Babel.
"""

from vocabulary.languages import StaffLanguage

FI: dict[str, str] = {
    "app_name": "Kohtaamo – ylläpitäjän näkymä",
    "panel_title": "Kehittäjäasiakkaat",
    "panel_intro": "Kehittäjäasiakaspaneelin jäsenet ovat antaneet luvan kutsua heidät "
    "suunnittelemaan, testaamaan ja arvioimaan palvelukokeiluja. Jäsen voi erota milloin "
    "tahansa, jolloin hänen tietonsa poistetaan heti.",
    "audit_note": "Jokainen tämän sivun avaaminen ja jokainen CSV-lataus kirjataan lokiin.",
    "export_csv": "Lataa jäsenet CSV-tiedostona (sisältää sähköpostiosoitteet)",
    "counts_title": "Lukumäärät",
    "members_count": "Jäseniä",
    "col_interest": "Kiinnostuksen kohde",
    "col_language": "Kieli",
    "col_contact": "Yhteystapa",
    "col_members": "Jäseniä",
    "interests_note": "Jäsen voi valita monta kiinnostuksen kohdetta ja kieltä.",
    "roster_title": "Jäsenet",
    "col_member": "Jäsen",
    "col_joined": "Liittyi",
    "col_interests": "Kiinnostuksen kohteet",
    "col_languages": "Kielet",
    "col_consent": "Suostumuksen versio",
    "member_number": "nro {id}",
    "no_members": "Paneelissa ei ole vielä jäseniä.",
    "contact_email_note": "Sähköpostiosoitteet ovat vain CSV-tiedostossa.",
    "pilots_title": "Kokeilukutsut",
    "pilots_intro": "Kutsu lähtee jäsenille, jotka ovat valinneet jonkin valituista "
    "kiinnostuksen kohteista, heidän omalla kielellään. Telegramin valinneille se lähetetään "
    "keskusteluun, ja he vastaavat siihen kyllä tai ei. Sähköpostin valinneiden kutsut jäävät "
    "jonoon, koska sähköpostia ei vielä lähetetä.",
    "new_pilot_title": "Uusi kokeilukutsu",
    "field_title_fi": "Otsikko suomeksi",
    "field_title_sv": "Otsikko ruotsiksi",
    "field_title_en": "Otsikko englanniksi",
    "field_text_fi": "Kutsun teksti suomeksi",
    "field_text_sv": "Kutsun teksti ruotsiksi",
    "field_text_en": "Kutsun teksti englanniksi",
    "title_hint": "Enintään {n} merkkiä.",
    "text_hint": "Enintään {n} merkkiä. Kutsun loppuun lisätään, mihin päivään mennessä vastataan.",
    "field_answer_by": "Vastattava viimeistään",
    "field_interests": "Kenelle: jäsenet, joiden kiinnostuksen kohteissa on jokin näistä",
    "send_pilot": "Lähetä kutsu",
    "error_summary": "Korjaa nämä kohdat:",
    "error_title": "Kirjoita otsikko (1–{n} merkkiä).",
    "error_text": "Kirjoita teksti (1–{n} merkkiä).",
    "error_answer_by": "Anna päivä, joka ei ole menneisyydessä.",
    "error_interests": "Valitse ainakin yksi kiinnostuksen kohde.",
    "created": "Kutsu ”{title}” tallennettiin: kutsuttuja {invited}, joista {queued} odottaa "
    "sähköpostia.",
    "pilots_list_title": "Lähetetyt kutsut",
    "no_pilots": "Kutsuja ei ole vielä lähetetty.",
    "col_pilot": "Kokeilu",
    "col_answer_by": "Vastattava",
    "col_invited": "Kutsuttuja",
    "col_yes": "Kyllä",
    "col_no": "Ei",
    "col_unanswered": "Ei vastannut",
    "col_email_queue": "Odottaa sähköpostia",
    "email_queued_mark": "{n} ei lähetetty: sähköpostia ei vielä lähetetä",
    "email_queue_note": "Sähköpostin valinneet eivät saa kutsua ennen kuin sähköpostin "
    "lähetys on rakennettu; ota heihin yhteyttä itse (osoitteet CSV-tiedostossa). Jonossa "
    "olevat viestit poistetaan {days} päivän kuluttua, kuten muutkin lähtevät viestit.",
    "forbidden_title": "Ei käyttöoikeutta",
    "forbidden_text": "Tämä näkymä on vain ylläpitäjille.",
    "date_format": "d.M.y",
}

EN: dict[str, str] = {
    "app_name": "Kohtaamo – admin view",
    "panel_title": "Developer clients",
    "panel_intro": "The members of the developer-client panel have agreed to be invited to "
    "plan, test and evaluate service pilots. A member may leave at any time; their data is "
    "then deleted at once.",
    "audit_note": "Every opening of this page and every CSV download is in the audit log.",
    "export_csv": "Download the members as CSV (with the e-mail addresses)",
    "counts_title": "Counts",
    "members_count": "Members",
    "col_interest": "Interest",
    "col_language": "Language",
    "col_contact": "Contact",
    "col_members": "Members",
    "interests_note": "A member may choose several interests and languages.",
    "roster_title": "Members",
    "col_member": "Member",
    "col_joined": "Joined",
    "col_interests": "Interests",
    "col_languages": "Languages",
    "col_consent": "Consent version",
    "member_number": "no. {id}",
    "no_members": "The panel has no members yet.",
    "contact_email_note": "The e-mail addresses are in the CSV file only.",
    "pilots_title": "Pilot invitations",
    "pilots_intro": "An invitation goes to the members who chose one of its interests, in "
    "their own language. Those who chose Telegram get it in the chat and answer yes or no. "
    "The invitations of those who chose e-mail stay queued: e-mail is not sent yet.",
    "new_pilot_title": "New pilot invitation",
    "field_title_fi": "Title in Finnish",
    "field_title_sv": "Title in Swedish",
    "field_title_en": "Title in English",
    "field_text_fi": "Invitation text in Finnish",
    "field_text_sv": "Invitation text in Swedish",
    "field_text_en": "Invitation text in English",
    "title_hint": "At most {n} characters.",
    "text_hint": "At most {n} characters. The day to answer by is added at the end.",
    "field_answer_by": "Answer by",
    "field_interests": "To whom: the members with any of these interests",
    "send_pilot": "Send the invitation",
    "error_summary": "Please fix these:",
    "error_title": "Write the title (1–{n} characters).",
    "error_text": "Write the text (1–{n} characters).",
    "error_answer_by": "Give a day that is not in the past.",
    "error_interests": "Choose at least one interest.",
    "created": "The invitation “{title}” was saved: {invited} invited, of whom {queued} wait "
    "for e-mail.",
    "pilots_list_title": "Invitations sent",
    "no_pilots": "No invitations have been sent yet.",
    "col_pilot": "Pilot",
    "col_answer_by": "Answer by",
    "col_invited": "Invited",
    "col_yes": "Yes",
    "col_no": "No",
    "col_unanswered": "Not answered",
    "col_email_queue": "Waiting for e-mail",
    "email_queued_mark": "{n} not sent: e-mail is not sent yet",
    "email_queue_note": "Members who chose e-mail do not get the invitation until e-mail "
    "sending is built; contact them yourself (the addresses are in the CSV file). Queued "
    "messages are deleted after {days} days, as every outgoing message is.",
    "forbidden_title": "No access",
    "forbidden_text": "This view is for admins only.",
    "date_format": "d MMM y",
}

STRINGS: dict[StaffLanguage, dict[str, str]] = {"fi": FI, "en": EN}
