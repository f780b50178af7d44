"""Every string of the analyst UI, one dictionary per staff language (Finnish is the default).

`{n}` in a string is filled with MIN_GROUP (or another number) from the settings, never
written here. The names of the vocabulary's values (steps, drivers, themes...) are every staff
UI's (api.web.staff.strings.NAMES).
"""

from vocabulary.languages import StaffLanguage

FI: dict[str, str] = {
    "app_name": "Kohtaamo – palvelujen kehittäjän näkymä",
    "dashboard_title": "Palaute ja ehdotukset",
    "range_legend": "Viikot",
    "range_from": "Ensimmäisen viikon päivä",
    "range_to": "Viimeinen päivä",
    "range_show": "Näytä",
    "range_error": "Tarkista päivät: alku ennen loppua, enintään {n} viikkoa.",
    "range_shown": "Viikot {first}–{last}.",
    "protection_note": "Pienten ryhmien suoja: lukua, teemaa tai lainausta, jonka takana on "
    "alle {n} vastausta, ei näytetä. Joskus piilotetaan myös toinen luku, jotta piilotettua "
    "ei voi laskea muista.",
    "hidden": "alle {n} vastausta",
    "hidden_short": "piilotettu",
    "none": "–",
    "export_csv": "Lataa luvut CSV-tiedostona",
    "summary_title": "Yhteenveto",
    "offered": "Kysely tarjottu",
    "answered": "Vastauksia",
    "response_rate": "Vastausosuus",
    "mean": "Arvosanojen keskiarvo (1–5)",
    "completion_title": "Saiko asiakas hoidettua asiansa?",
    "outcome_yes": "Kyllä",
    "outcome_partly": "Osittain",
    "outcome_no": "Ei",
    "outcome_skipped": "Ei vastannut",
    "weeks_title": "Viikoittain",
    "chart_mean_title": "Arvosanojen keskiarvo viikoittain",
    "chart_mean_desc": "Viivakaavio: viikon arvosanojen keskiarvo asteikolla 1–5. "
    "Viikot, joiden luku on piilotettu, puuttuvat. Samat luvut ovat taulukossa.",
    "chart_completion_title": "Saiko asiakas hoidettua asiansa, viikoittain",
    "chart_completion_desc": "Pinottu pylväskaavio: viikon vastaukset kyllä, osittain, ei ja "
    "ei vastannut. Samat luvut ovat taulukossa.",
    "col_week": "Viikko",
    "col_count": "Vastauksia",
    "col_mean": "Keskiarvo",
    "drivers_title": "Mikä onnistui ja mikä pitäisi tehdä paremmin",
    "drivers_note": "Samat vaihtoehdot molemmissa kysymyksissä; asiakas voi valita monta.",
    "chart_drivers_title": "Onnistui ja parannettavaa, samat tekijät rinnakkain",
    "chart_drivers_desc": "Vaakapylväät: kuinka moni valitsi tekijän onnistuneeksi ja kuinka "
    "moni parannettavaksi. Samat luvut ovat taulukossa.",
    "col_driver": "Tekijä",
    "went_well": "Onnistui",
    "to_improve": "Parannettavaa",
    "groups_title": "Palvelun vaihe, kanava ja kieli",
    "chart_steps_title": "Arvosanojen keskiarvo palvelun vaiheittain",
    "chart_steps_desc": "Pylväskaavio: kunkin palvelun vaiheen arvosanojen keskiarvo. "
    "Samat luvut ovat taulukossa.",
    "col_step": "Palvelun vaihe",
    "col_channel": "Kanava",
    "col_language": "Kieli",
    "offers_title": "Tarjotut ja vastatut kyselyt",
    "chart_offers_title": "Tarjotut ja vastatut kyselyt tarjoamistavoittain",
    "chart_offers_desc": "Pylväskaavio: kuinka monelle kysely tarjottiin ja kuinka moni "
    "vastasi, tavoittain. Samat luvut ovat taulukossa.",
    "col_offer_kind": "Milloin tarjottiin",
    "col_offered": "Tarjottu",
    "col_answered": "Vastattu",
    "col_rate": "Vastausosuus",
    "themes_title": "Teemat vapaissa vastauksissa",
    "themes_method": "Menetelmä: monikieliset lauseupotukset. Kukin teksti on verrattu "
    "tallennettaessa kunkin teeman kuvauslauseisiin (suomeksi, ruotsiksi ja englanniksi) ja "
    "saanut lähimmän teeman, jos se on riittävän lähellä ja selvästi seuraavaa lähempänä "
    "(avainsanat ratkaisevat tasatilanteita); muut ovat luokittelematta. Avainsanat ovat "
    "teeman tekstien yleisimmät sanat (viisi ensimmäistä kirjainta), ja avainsanat ja "
    "esimerkit näytetään vain teemoista, joissa on vähintään {n} tekstiä. Analysoidaan "
    "enintään {limit} uusinta tekstiä kieltä ja kysymystä kohden.",
    "themes_side_went_well": "Mikä onnistui",
    "themes_side_to_improve": "Mitä pitäisi tehdä paremmin",
    "themes_texts": "Tekstejä {texts}, analysoitu {analysed}, luokittelematta {unclassified}.",
    "themes_none": "Ei teemoja.",
    "theme_keywords": "Avainsanat",
    "theme_no_keywords": "ei näytetä (alle {n} tekstiä)",
    "theme_count": "Tekstejä",
    "theme_quotes": "Esimerkkejä (henkilötiedot poistettu)",
    "proposals_title": "Ehdotukset teemoittain ja mitä niille on tehty",
    "col_theme": "Teema",
    "col_proposals": "Ehdotuksia",
    "col_we_did": "Mitä teimme",
    "we_did_none": "Ei vielä kirjattu.",
    "proposals_total": "Ehdotuksia yhteensä: {total}.",
    "we_did_title": "Kirjaa, mitä teimme",
    "we_did_intro": "Kerro lyhyesti, mitä ehdotusten pohjalta tehtiin. Asiakas, joka antaa "
    "ehdotuksen samassa teemassa tai kysyy, mitä ehdotuksista on seurannut, kuulee tämän "
    "omalla kielellään.",
    "field_theme": "Teema",
    "field_text_fi": "Teksti suomeksi",
    "field_text_sv": "Teksti ruotsiksi",
    "field_text_en": "Teksti englanniksi",
    "field_text_hint": "Enintään 500 merkkiä.",
    "field_done_on": "Päivä, jona tehtiin",
    "save": "Tallenna",
    "saved": "Tallennettu.",
    "error_summary": "Korjaa nämä kohdat:",
    "error_theme": "Valitse teema.",
    "error_text": "Kirjoita teksti (1–500 merkkiä).",
    "error_done_on": "Anna päivä, joka ei ole tulevaisuudessa.",
    "we_did_list_title": "Kirjatut",
    "forbidden_title": "Ei käyttöoikeutta",
    "forbidden_text": "Tämä näkymä on vain palvelujen kehittäjille (analyytikoille) ja "
    "ylläpitäjille.",
    "date_format": "d.M.y",
    "week_label": "vk {week} ({monday})",
    "week_short": "vk {week}",
    "week_short_year": "vk {week}/{year}",
    "themes_no_texts": "Ei tekstejä.",
    "percent_format": "#,##0 %",
}

EN: dict[str, str] = {
    "app_name": "Kohtaamo – service developer view",
    "dashboard_title": "Feedback and proposals",
    "range_legend": "Weeks",
    "range_from": "A day of the first week",
    "range_to": "Last day",
    "range_show": "Show",
    "range_error": "Check the dates: the start before the end, at most {n} weeks.",
    "range_shown": "Weeks {first} to {last}.",
    "protection_note": "Small-group protection: no figure, theme or quote that rests on fewer "
    "than {n} answers is shown. Sometimes another figure is hidden too, so that a hidden one "
    "cannot be worked out from the others.",
    "hidden": "fewer than {n} answers",
    "hidden_short": "hidden",
    "none": "–",
    "export_csv": "Download the figures as CSV",
    "summary_title": "Summary",
    "offered": "Survey offered",
    "answered": "Answers",
    "response_rate": "Response rate",
    "mean": "Mean rating (1–5)",
    "completion_title": "Did the client get done what they came for?",
    "outcome_yes": "Yes",
    "outcome_partly": "Partly",
    "outcome_no": "No",
    "outcome_skipped": "Did not answer",
    "weeks_title": "By week",
    "chart_mean_title": "Mean rating by week",
    "chart_mean_desc": "Line chart: the week's mean rating on a scale of 1 to 5. Weeks whose "
    "figure is hidden are left out. The table has the same figures.",
    "chart_completion_title": "Did the client get done what they came for, by week",
    "chart_completion_desc": "Stacked bar chart: the week's answers yes, partly, no and did "
    "not answer. The table has the same figures.",
    "col_week": "Week",
    "col_count": "Answers",
    "col_mean": "Mean",
    "drivers_title": "What went well and what should be better",
    "drivers_note": "The same choices in both questions; a client may pick several.",
    "chart_drivers_title": "Went well and to improve, the same drivers side by side",
    "chart_drivers_desc": "Horizontal bars: how many picked each driver as having gone well "
    "and how many as to be improved. The table has the same figures.",
    "col_driver": "Driver",
    "went_well": "Went well",
    "to_improve": "To improve",
    "groups_title": "Service step, channel and language",
    "chart_steps_title": "Mean rating by service step",
    "chart_steps_desc": "Bar chart: the mean rating of each service step. The table has the "
    "same figures.",
    "col_step": "Service step",
    "col_channel": "Channel",
    "col_language": "Language",
    "offers_title": "Surveys offered and answered",
    "chart_offers_title": "Surveys offered and answered, by when offered",
    "chart_offers_desc": "Bar chart: how many were offered the survey and how many answered, "
    "by when it was offered. The table has the same figures.",
    "col_offer_kind": "When offered",
    "col_offered": "Offered",
    "col_answered": "Answered",
    "col_rate": "Response rate",
    "themes_title": "Themes in the free texts",
    "themes_method": "Method: multilingual sentence embeddings. When it was stored, each text "
    "was compared with each theme's describing sentences (in Finnish, Swedish and English) "
    "and got the nearest theme if that was near enough and clearly nearer than the next "
    "(keywords break near ties); the others are unclassified. A theme's keywords are its "
    "texts' most used words (first five letters); keywords and examples are shown only for "
    "themes of at least {n} texts. At most the {limit} newest texts per language and "
    "question are analysed.",
    "themes_side_went_well": "What went well",
    "themes_side_to_improve": "What should be better",
    "themes_texts": "{texts} texts, {analysed} analysed, {unclassified} unclassified.",
    "themes_none": "No themes.",
    "theme_keywords": "Keywords",
    "theme_no_keywords": "not shown (fewer than {n} texts)",
    "theme_count": "Texts",
    "theme_quotes": "Examples (personal data removed)",
    "proposals_title": "Proposals by theme and what was done about them",
    "col_theme": "Theme",
    "col_proposals": "Proposals",
    "col_we_did": "What we did",
    "we_did_none": "Nothing recorded yet.",
    "proposals_total": "Proposals in all: {total}.",
    "we_did_title": "Record what we did",
    "we_did_intro": "Tell briefly what was done because of the proposals. A client who gives "
    "a proposal in the same theme, or asks what has come of the proposals, is told this in "
    "their language.",
    "field_theme": "Theme",
    "field_text_fi": "Text in Finnish",
    "field_text_sv": "Text in Swedish",
    "field_text_en": "Text in English",
    "field_text_hint": "At most 500 characters.",
    "field_done_on": "Day it was done",
    "save": "Save",
    "saved": "Saved.",
    "error_summary": "Please fix these:",
    "error_theme": "Choose a theme.",
    "error_text": "Write the text (1–500 characters).",
    "error_done_on": "Give a day that is not in the future.",
    "we_did_list_title": "Recorded",
    "forbidden_title": "No access",
    "forbidden_text": "This view is for service developers (analysts) and admins only.",
    "date_format": "d MMM y",
    "week_label": "W{week} ({monday})",
    "week_short": "W{week}",
    "week_short_year": "W{week}/{year}",
    "themes_no_texts": "No texts.",
    "percent_format": "#,##0%",
}

STRINGS: dict[StaffLanguage, dict[str, str]] = {"fi": FI, "en": EN}
