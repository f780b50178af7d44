"""The pulse survey: when it is offered (offers), its anonymous answers (answers), the survey
waiting after a held meeting (invitations) and the drivers' bit masks (drivers)."""
