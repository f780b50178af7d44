"""The client's own data: what is stored for the conversation, a copy (a one-time link on
the web, the text itself for Telegram) and "delete my data" (the action server, service
token); the copy behind its link (public: the random token is the key, usable once)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import JSONResponse, PlainTextResponse

from api.deps import NowDep, ServiceAuth, SessionDep, SettingsDep
from api.schemas.my_data import Erased, MyData, MyDataLinkIn, MyDataLinkOut
from api.services.my_data import erasure, links, summary, text
from vocabulary.languages import Language, as_language

# A copy of someone's data stays out of every cache, and out of other pages' reach.
PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}

client = APIRouter(
    prefix="/conversations/{conversation_key}/my-data",
    tags=["my data (client)"],
    dependencies=[ServiceAuth],
)
public = APIRouter(prefix="/my-data", tags=["my data (client)"])


@client.get("", response_model=MyData)
def my_data(
    conversation_key: str, session: SessionDep, settings: SettingsDep, now: NowDep
) -> MyData:
    """Everything stored under the conversation's key, and how long each part is kept."""
    return summary.collect(session, conversation_key, settings, now=now)


@client.get("/text", response_class=PlainTextResponse)
def my_data_text(
    conversation_key: str,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    language: Annotated[Language, Query()] = "fi",
) -> PlainTextResponse:
    """The copy as text in the client's language (the Telegram chat sends it as it is)."""
    data = summary.collect(session, conversation_key, settings, now=now)
    return PlainTextResponse(text.render(data, language, now=now), headers=PRIVATE)


@client.post("/link", response_model=MyDataLinkOut, status_code=status.HTTP_201_CREATED)
def my_data_link(
    conversation_key: str,
    body: MyDataLinkIn,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> MyDataLinkOut:
    """A link that opens the copy once, within MY_DATA_LINK_VALIDITY."""
    link = links.create(session, conversation_key, body.language, settings, now=now)
    return MyDataLinkOut(
        url=link.url, expires_at=link.expires_at, valid_minutes=settings.my_data_link_minutes
    )


@client.delete("", response_model=Erased)
def erase_my_data(
    conversation_key: str, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Erased:
    """Deletes everything stored under the key, in one transaction; anonymous pulse answers
    and proposals stay. (The conversation log goes in Rasa's tracker store, same turn.)"""
    return erasure.erase(session, conversation_key, settings, now=now)


@public.get(
    "/{token}",
    response_model=MyData,
    responses={404: {"description": "unknown_link"}, 410: {"description": "link_gone"}},
)
def download(
    token: str,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    format: Annotated[Literal["json", "txt"], Query()] = "json",
) -> Response:
    """The copy, once: JSON, or `?format=txt` readable text in the conversation's language.
    404 `unknown_link`; 410 `link_gone` (used, or MY_DATA_LINK_VALIDITY is over)."""
    opened = links.open_once(session, token, now=now)
    data = summary.collect(session, opened.conversation_key, settings, now=now)
    if format == "txt":
        rendered = text.render(data, as_language(opened.language), now=now)
        return PlainTextResponse(
            rendered,
            headers={**PRIVATE, "Content-Disposition": 'attachment; filename="my-data.txt"'},
        )
    return JSONResponse(
        data.model_dump(mode="json"),
        headers={**PRIVATE, "Content-Disposition": 'attachment; filename="my-data.json"'},
    )


router = APIRouter()
router.include_router(client)
router.include_router(public)
