"""The HTML side, for people: the client's chat page, its privacy notice and embed snippet
(`chat/`), the advisor UI (`advisor/`) and the service developers' analytics (`analyst/`).
Templates and static files are shared."""

from fastapi import APIRouter

from api.web.advisor import login, pages
from api.web.analyst import pages as analyst_pages
from api.web.chat import pages as chat_pages

web_router = APIRouter(include_in_schema=False)
web_router.include_router(chat_pages.router)
web_router.include_router(login.router)
web_router.include_router(pages.router)
web_router.include_router(analyst_pages.router)
