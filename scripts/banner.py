"""Printed by `make run` before the processes start."""

import os

api = os.environ.get("API_URL", "http://127.0.0.1:8000")
rasa = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
telegram = "on" if os.environ.get("TELEGRAM_BOT_TOKEN") else "off (set TELEGRAM_BOT_TOKEN)"
print(
    f"""
Kohtaamo is starting (Rasa needs about half a minute to load its model).
  Chat page ........ {api}/
  Advisor UI ....... {api}/advisor
  Analytics ........ {api}/analyst
  Panel (admins) ... {api}/admin/panel
  API docs ......... {api}/docs
  Health ........... {api}/health
  Rasa REST channel  {rasa}/webhooks/rest/webhook
  Telegram bridge .. {telegram}
Ctrl-C stops every process.
"""
)
