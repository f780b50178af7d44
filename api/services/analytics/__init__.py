"""Analytics for the service developers (role analyst, and admins): the pulse survey's
aggregates, the themes of its free texts and the proposals by theme with their "we did",
all protected below MIN_GROUP answers (suppression.py)."""
