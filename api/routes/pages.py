"""The client's web chat: the chat page at `/`, its privacy notice at `/privacy` and `/embed.js`,
the one-line snippet that puts the chat on the employment area's own site (an iframe)."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from api.chat_ui import CHAT_LANGUAGES, LANGUAGE_NAMES, STRINGS, chat_language
from api.deps import SettingsDep
from api.settings import ApiSettings

router = APIRouter(include_in_schema=False)
API_DIR = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=API_DIR / "templates")


def content_security_policy(settings: ApiSettings, *, scripts: bool) -> str:
    """No inline scripts or styles anywhere; the chat page talks only to itself and to the Rasa
    server; only this site and the configured employment-area sites may frame it."""
    framers = " ".join(["'self'", *settings.embed_origins.split()])
    script = "script-src 'self'" if scripts else "script-src 'none'"
    connect = f"connect-src 'self' {settings.public_rasa_url}" if scripts else "connect-src 'none'"
    return (
        f"default-src 'self'; {script}; style-src 'self'; img-src 'self'; {connect}; "
        f"form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {framers}"
    )


def secure(response: Response, settings: ApiSettings, *, scripts: bool) -> Response:
    response.headers["Content-Security-Policy"] = content_security_policy(settings, scripts=scripts)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, settings: SettingsDep, lang: str | None = None) -> Response:
    language = chat_language(lang)
    response = templates.TemplateResponse(
        request,
        "chat.html",
        {
            "lang": language,
            "t": STRINGS[language],
            "strings": STRINGS,
            "languages": LANGUAGE_NAMES,
            "rasa_url": settings.public_rasa_url,
        },
    )
    return secure(response, settings, scripts=True)


@router.get("/privacy", response_class=HTMLResponse)
def privacy_notice(request: Request, settings: SettingsDep, lang: str | None = None) -> Response:
    language = chat_language(lang)
    response = templates.TemplateResponse(
        request,
        "privacy.html",
        {
            "lang": language,
            "t": STRINGS[language],
            "others": {code: LANGUAGE_NAMES[code] for code in CHAT_LANGUAGES if code != language},
        },
    )
    return secure(response, settings, scripts=False)


@router.get("/embed.js")
def embed_script() -> Response:
    """Served from the site root so that the snippet's address is short and stable."""
    response = FileResponse(API_DIR / "static" / "embed.js", media_type="text/javascript")
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
