"""A Presidio recogniser of street addresses as Finns and Swedes write them.

Presidio has no address recogniser for Finland; these patterns look for a street word plus a
house number, so that words such as "Hämeenkatu" or "Työmarkkinatori" alone are left as they
are. The patterns are matched case-insensitively except where `(?-i:...)` asks for a capital.
"""

from presidio_analyzer import Pattern, PatternRecognizer

ADDRESS = "ADDRESS"

_STREET_ENDINGS = (
    # Finnish, in the basic form and in the "at/from/to" cases of where one lives
    "katu",
    "kadulla",
    "kadulta",
    "kadulle",
    "tie",
    "tiellä",
    "tieltä",
    "tielle",
    "kuja",
    "kujalla",
    "kujalta",
    "kujalle",
    "polku",
    "polulla",
    "polulta",
    "polulle",
    # not sektori, moottori, operaattori, kuraattori
    "(?<![kt])tori",
    "(?<![kt])torilla",
    "(?<![kt])torilta",
    "(?<![kt])torille",
    "väylä",
    "väylällä",
    "väylältä",
    "väylälle",
    "kaari",
    "kaarella",
    "kaarelta",
    "kaarelle",
    "rinne",
    "ranta",
    "raitti",
    "aukio",
    "puistikko",
    "esplanadi",
    "bulevardi",
    # Swedish
    "gatan",
    "vägen",
    "gränd",
    "gränden",
    "torget",
    "stigen",
    "backen",
    "allén",
    "esplanaden",
)
_ENGLISH_STREET_WORDS = (
    r"street|st\.?|road|rd\.?|avenue|ave\.?|lane|drive|boulevard|square|court|crescent|close"
)

_LETTER = r"[^\W\d_]"
# Compounds with a street ending that clients say with a number but are no streets.
_NOT_STREETS = ("työmarkkinatori", "monitori")
# The ending must close a compound ("Hämeen|katu"): a bare "tie 3" or "ranta 2" is no address.
_STREET = (
    rf"\b(?!(?:{'|'.join(_NOT_STREETS)}))"
    rf"{_LETTER}{{2,}}(?:{'|'.join(_STREET_ENDINGS)})\b"
)
_NAME = rf"\b(?-i:[A-ZÅÄÖ]){_LETTER}+"
_HOUSE = r"\d{1,4}(?!\d)(?:\s?[-–]\s?\d{1,4}(?!\d))?"
# A staircase: a capital letter ("12 B"), or a small one written onto the number ("12b").
_STAIRCASE = rf"(?:\s?(?-i:[A-Z])|(?-i:[a-z]))(?!{_LETTER})"
_MARKER = r"(?:as|asunto|lgh|bst|apt|flat)\.?"
_FLAT = rf"\s?{_MARKER}\s?\d{{1,4}}(?!\d)"
_UNIT = rf"(?:{_STAIRCASE}(?:\s?(?:{_MARKER}\s?)?\d{{1,4}}(?!\d))?|{_FLAT})?"
_CITY = rf"\s+(?-i:[A-ZÅÄÖ]){_LETTER}+(?:-{_LETTER}+)?"
_POSTAL = r",?\s?\d{5}(?!\d)"
_PLACE = rf"(?:{_POSTAL}(?:{_CITY})?)?"

PATTERNS = [
    # Mannerheimintie 12 B 34, Storgatan 3, Hämeenkatu 5 A, 33100 Tampere
    Pattern("street word and number", rf"{_STREET}\s+{_HOUSE}{_UNIT}{_PLACE}", 0.6),
    # Esplanadi 1 as. 4: any street name is an address with a flat number
    Pattern("name, number and flat", rf"{_NAME}\s+{_HOUSE}{_FLAT}{_PLACE}", 0.6),
    # Esplanadi 1 A 2, 00100 Helsinki: any street name is an address with a postal code
    Pattern("name, number and postal code", rf"{_NAME}\s+{_HOUSE}{_UNIT}{_POSTAL}{_CITY}", 0.6),
    # 221B Baker Street, 10 Downing Street
    Pattern(
        "English street",
        rf"\b\d{{1,4}}(?-i:[A-Z])?\s+(?:(?-i:[A-Z]){_LETTER}+\s+){{1,3}}"
        rf"(?:{_ENGLISH_STREET_WORDS})(?!{_LETTER})",
        0.5,
    ),
]


class StreetAddressRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity=ADDRESS,
            name=f"StreetAddressRecognizer_{supported_language}",
            supported_language=supported_language,
            patterns=PATTERNS,
        )
