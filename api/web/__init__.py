"""The HTML side, for people: the client's chat page, its privacy notice and embed snippet
(`chat/`), the advisor UI (`advisor/`), the service developers' analytics (`analyst/`), the
content team's FAQ editor (`editor/`) and the admins' developer-client panel (`admin/`), the
staff UIs in one layout (`staff/`). Templates
and static files are shared."""

from fastapi import APIRouter

from api.web.admin import pages as admin_pages
from api.web.advisor import login, pages
from api.web.analyst import pages as analyst_pages
from api.web.chat import pages as chat_pages
from api.web.editor import pages as editor_pages

web_router = APIRouter(include_in_schema=False)
web_router.include_router(chat_pages.router)
web_router.include_router(login.router)
web_router.include_router(pages.router)
web_router.include_router(analyst_pages.router)
web_router.include_router(editor_pages.router)
web_router.include_router(admin_pages.router)
