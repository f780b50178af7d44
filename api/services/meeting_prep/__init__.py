"""Meeting preparation: invite codes, the client's side of a meeting (client_flow), the
advisor's side (advisor_view), the advisor's summary and reminders."""
