"""A process of `make run` that says when the whole stack answers, then stays out of the way
(scripts/supervise.py does not start it again)."""

import os
import signal
import time

import httpx

api = os.environ.get("API_URL", "http://127.0.0.1:8000")
deadline = time.monotonic() + 300
while time.monotonic() < deadline:
    try:
        if httpx.get(f"{api}/health", timeout=2).status_code == 200:
            print(f"Ready: open {api}/ to chat, {api}/docs for the API.", flush=True)
            break
    except httpx.HTTPError:
        pass
    time.sleep(1)
else:
    print("Not ready after 5 minutes: see the rasa, actions and api lines above.", flush=True)
signal.pause()
