"""Response body of /health."""

from typing import Literal

from pydantic import BaseModel

Status = Literal["ok", "unavailable"]


class HealthOut(BaseModel):
    status: Status
    database: Status
    rasa: Status
