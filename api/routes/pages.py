"""The web chat page at `/` (a small first version; the full channel is its own feature)."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import SettingsDep

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    response = templates.TemplateResponse(
        request, "chat.html", {"rasa_url": settings.public_rasa_url}
    )
    # No inline scripts or styles; the page talks only to itself and to the Rasa server.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"connect-src 'self' {settings.public_rasa_url}; frame-ancestors 'none'"
    )
    return response
