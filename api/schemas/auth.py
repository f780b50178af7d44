"""Request and response bodies of /api/v1/auth."""

from pydantic import BaseModel, Field

from api.core.security import MAX_PASSWORD_LENGTH


class LoginIn(BaseModel):
    email: str = Field(max_length=254, examples=["advisor@example.org"])
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class AccountOut(BaseModel):
    """Who is logged in, and the token unsafe requests send back as `X-CSRF-Token`."""

    email: str
    role: str
    display_name: str
    csrf_token: str
