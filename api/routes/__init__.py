"""The JSON API: one module per resource, all under `api_router`'s /api/v1 prefix.

(/health is outside it, for load balancers; the HTML pages are in `api.web`.)
"""

from fastapi import APIRouter

from api.routes import (
    analytics,
    audit_log,
    auth,
    client_meetings,
    conversations,
    faq,
    faq_missed,
    faq_publish,
    faq_topics,
    meetings,
    my_data,
    outbox,
    panel,
    proposals,
    pulse,
    redactions,
    retention,
    theme_actions,
    users,
)

api_router = APIRouter(prefix="/api/v1")
for module in (
    conversations,
    client_meetings,
    # Before faq: /faq/topics and /faq/publish are not topics of /faq/{topic}.
    faq_topics,
    faq_publish,
    faq,
    faq_missed,
    retention,
    redactions,
    auth,
    users,
    meetings,
    my_data,
    outbox,
    panel,
    audit_log,
    pulse,
    proposals,
    theme_actions,
    analytics,
):
    api_router.include_router(module.router)
