"""The client's web chat: the chat page at `/`, its privacy notice at `/privacy` and `/embed.js`,
the one-line snippet that puts the chat on the employment area's own site (an iframe).

Their security headers (the CSP, with the sites that may frame the chat) are set by
api.core.middleware.SecurityHeaders, as every response's."""

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.deps import SettingsDep
from api.web.chat.strings import STRINGS
from api.web.jinja import STATIC_DIR, templates
from vocabulary.languages import LANGUAGES, NATIVE_NAMES, as_language
from vocabulary.messages import MAX_MESSAGE_LENGTH
from vocabulary.participation import LEAVE_PANEL_PHRASES

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, settings: SettingsDep, lang: str | None = None) -> Response:
    language = as_language(lang)
    response = templates.TemplateResponse(
        request,
        "chat.html",
        {
            "lang": language,
            "t": STRINGS[language],
            "strings": STRINGS,
            # Each language named in itself: the selector does not change with the page.
            "languages": NATIVE_NAMES,
            "rasa_url": settings.public_rasa_url,
            # The limit every channel keeps (longer ones are answered with it by Rasa's door).
            "max_message_length": MAX_MESSAGE_LENGTH,
        },
    )
    return response


@router.get("/privacy", response_class=HTMLResponse)
def privacy_notice(request: Request, settings: SettingsDep, lang: str | None = None) -> Response:
    """The periods and the smallest group it states are the settings that enforce them."""
    language = as_language(lang)
    response = templates.TemplateResponse(
        request,
        "privacy.html",
        {
            "lang": language,
            "t": STRINGS[language],
            "others": {code: NATIVE_NAMES[code] for code in LANGUAGES if code != language},
            "answer_retention_days": settings.answer_retention_days,
            "faq_topic_retention_days": settings.faq_topic_retention_days,
            "conversation_retention_days": settings.conversation_retention_days,
            "my_data_link_minutes": settings.my_data_link_minutes,
            "pulse_min_interval_days": settings.pulse_min_interval_days,
            "pulse_pending_minutes": settings.pulse_pending_minutes,
            "min_group": settings.min_group,
            "leave_panel_phrases": LEAVE_PANEL_PHRASES,
        },
    )
    return response


@router.get("/embed.js")
def embed_script() -> Response:
    """Served from the site root so that the snippet's address is short and stable."""
    response = FileResponse(STATIC_DIR / "embed.js", media_type="text/javascript")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
