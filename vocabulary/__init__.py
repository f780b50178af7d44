"""The facts that every Kohtaamo process shares, defined once.

Both environments (Rasa's and the API's) import this package, so it depends on nothing but
the standard library. Periods, limits and counts that clients are told are not here: they are
settings of the component that enforces them (the API) and reach the texts from there.
"""
