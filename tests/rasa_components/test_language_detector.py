import pytest
from rasa.shared.nlu.training_data.message import Message

from rasa_components.language_detector import LanguageDetector
from rasa_components.language_names import named_language


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector(LanguageDetector.get_default_config())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Miten ilmoittaudun työnhakijaksi?", "fi"),
        ("Hur anmäler jag mig som arbetssökande?", "sv"),
        ("How do I register as a jobseeker?", "en"),
        ("kiitos paljon avusta", "fi"),
        ("tack så mycket för hjälpen", "sv"),
        ("hi", "en"),
        ("hej", "sv"),
        ("hei", "fi"),
        ("kanske", "sv"),
        ("1234", None),  # nothing to tell: the conversation keeps its language
    ],
)
def test_detect(detector: LanguageDetector, text: str, expected: str | None) -> None:
    assert detector.detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("på svenska tack", "sv"),
        ("in English please", "en"),
        ("voidaanko puhua suomeksi", "fi"),
        ("not Finnish, English please", "en"),
        ("ruotsiksi kiitos", "sv"),
        ("kan vi ta det på engelska", "en"),
        ("hello there", None),
    ],
)
def test_named_language(text: str, expected: str | None) -> None:
    assert named_language(text) == expected


def test_process_adds_entities_and_leaves_payloads_alone(detector: LanguageDetector) -> None:
    message = Message(data={"text": "Voisitko vaihtaa kielen ruotsiksi, kiitos?"})
    payload = Message(data={"text": '/change_language{"language": "en"}'})
    detector.process([message, payload])
    found = {(e["entity"], e["value"]) for e in message.get("entities")}
    assert found == {("detected_language", "fi"), ("language", "sv")}
    assert payload.get("entities") is None
