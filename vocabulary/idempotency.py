"""The idempotency key a write carries from the action server to the API.

The action server sends `Idempotency-Key` with every write it makes, the same key whenever it
tries the same write again (actions/idempotency.py makes it); the API answers a key it has
stored with the stored answer instead of writing again (api/core/idempotency.py) and marks
that answer with `Idempotent-Replayed: true`.
"""

import re

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# The action server sends 64 hex digits; the API takes any short token of these characters.
KEY_FORMAT = re.compile(r"[A-Za-z0-9._:-]{8,128}")
