"""The Presidio recognisers the redactor runs, one set per language.

Entity names are the placeholders the client's text gets: <HETU>, <PHONE>, <EMAIL>, <IBAN>,
<ADDRESS>, <PERSON>. Finnish street names, codes and numbers appear whatever language the client
writes, so every language gets every recogniser.
"""

import tldextract
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    FiPersonalIdentityCodeRecognizer,
    IbanRecognizer,
    PhoneRecognizer,
)

from api.services.redaction.addresses import StreetAddressRecognizer
from api.services.redaction.lexicon import Lexicon
from api.services.redaction.morphology import Morphology
from api.services.redaction.persons import PersonRecognizer

HETU = "HETU"
PHONE = "PHONE"
EMAIL = "EMAIL"
IBAN = "IBAN"


def offline_suffix_list() -> tldextract.TLDExtract:
    """The public suffix list bundled with tldextract: never fetched, never cached on disk.

    Presidio's own e-mail check calls `tldextract.extract`, which downloads the list first.
    """
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    def __init__(self, supported_language: str, suffixes: tldextract.TLDExtract) -> None:
        super().__init__(
            supported_language=supported_language,
            supported_entity=EMAIL,
            name=f"OfflineEmailRecognizer_{supported_language}",
        )
        self.suffixes = suffixes

    def validate_result(self, pattern_text: str) -> bool | None:
        # A known public suffix makes the match certain. An unknown one (an intranet or a
        # typo'd domain) keeps the pattern's score, still above the threshold: better a
        # needless <EMAIL> than a stored address.
        return True if self.suffixes(pattern_text).fqdn else None


def recognizers_for(
    language: str, suffixes: tldextract.TLDExtract, lexicon: Lexicon, morphology: Morphology
) -> list[EntityRecognizer]:
    return [
        # Validates the date and the check character (dvv.fi), so a mistyped code stays.
        FiPersonalIdentityCodeRecognizer(supported_language=language, supported_entity=HETU),
        # libphonenumber: Finnish numbers in national form, any number in international form.
        PhoneRecognizer(
            supported_language=language, supported_entity=PHONE, supported_regions=("FI",)
        ),
        OfflineEmailRecognizer(language, suffixes),
        # Validates the country format and the check digits.
        IbanRecognizer(supported_language=language, supported_entity=IBAN),
        StreetAddressRecognizer(language),
        # Name lists, Finnish morphology, capitalisation and cues ("nimeni on", "my advisor").
        PersonRecognizer(language, lexicon, morphology),
    ]
