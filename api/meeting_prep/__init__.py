"""Meeting preparation: invite codes, the client's side of a meeting and the advisor's summary."""
