"""The HTML side, for people: the client's chat page, its privacy notice and embed snippet
(`chat/`), and the advisor UI (`advisor/`). Templates and static files are shared."""

from fastapi import APIRouter

from api.web.advisor import login, pages
from api.web.chat import pages as chat_pages

web_router = APIRouter(include_in_schema=False)
web_router.include_router(chat_pages.router)
web_router.include_router(login.router)
web_router.include_router(pages.router)
