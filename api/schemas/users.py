"""Request and response bodies of /api/v1/users (admins manage staff accounts)."""

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from api.core.security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from api.orm import Role

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("not an email address")
    return value


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_check_email)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class UserCreate(BaseModel):
    email: Email
    display_name: DisplayName
    role: Role
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)


class UserUpdate(BaseModel):
    role: Role | None = None
    is_active: bool | None = Field(default=None, description="false logs the user out at once")


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    role: Role
    is_active: bool
    created_at: datetime


class UsersPage(BaseModel):
    items: list[UserOut]
    page: int
    page_size: int
    total: int
