"""/api/v1/users: admins manage staff accounts (the first admin comes from `api.cli`)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from api.core.security import hash_password
from api.deps import AdminUser, NowDep, RowId, SessionDep
from api.repositories import user_sessions, users
from api.schemas.users import UserCreate, UserOut, UsersPage, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=UsersPage)
def list_users(
    admin: AdminUser,
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> UsersPage:
    rows, total = users.page(session, offset=(page - 1) * page_size, limit=page_size)
    items = [UserOut.model_validate(user) for user in rows]
    return UsersPage(items=items, page=page, page_size=page_size, total=total)


@router.post("", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, admin: AdminUser, session: SessionDep, now: NowDep) -> UserOut:
    try:
        user = users.create(
            session,
            email=body.email,
            display_name=body.display_name,
            role=body.role,
            password_hash=hash_password(body.password),
            now=now,
        )
    except users.DuplicateEmailError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="a user has that email") from None
    return UserOut.model_validate(user)


@router.patch("/{user_id}", response_model=UserOut)
def update_user(user_id: RowId, body: UserUpdate, admin: AdminUser, session: SessionDep) -> UserOut:
    """Deactivating a user ends their sessions at once."""
    user = users.get(session, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such user")
    if user.id == admin.id and (body.is_active is False or body.role not in (None, "admin")):
        # Otherwise the last admin could lock everyone out of user management.
        raise HTTPException(status.HTTP_409_CONFLICT, detail="not on your own account")
    users.update(session, user, role=body.role, is_active=body.is_active)
    if body.is_active is False:
        user_sessions.revoke_all_of(session, user.id)
    return UserOut.model_validate(user)
