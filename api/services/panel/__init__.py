"""The developer-client panel: joining and leaving in the chat (membership), pilots and the
members' invitations and answers (pilots), and what staff see (roster: the admin's members
and CSV, the analysts' counts per interest)."""
