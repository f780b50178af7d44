"""`make bench-names`: how well the redactor finds people's names, and what it costs.

Reads the made-up labelled sentences of tests/names_labelled/ (fi, sv, en): the part the rules
were adjusted on, with the FAQ's example questions (data/faq/) as further ordinary text, and
the held-out part written after that; and the FAQ's answers, sentence by sentence. Per
language and Finnish morphology (Voikko, and the suffix stripper the redactor falls back to
without it): recall (names replaced whole by <PERSON>), the false-positive rate (ordinary
messages in which anything was taken for a name) and the share of words outside names that
were. Then the time of a whole
redaction (every recogniser) per message, and on texts of 1,000 and 5,000 characters (the
API's limit), to show it grows linearly. `--errors` lists the misses and false positives.
A benchmark, not a test.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial

from api.core.settings import ApiSettings
from api.services.redaction import Redactor, build_redactor
from api.services.redaction.morphology import SuffixMorphology, load_morphology
from api.services.redaction.persons import PersonRecognizer
from tests.api.services.redaction.names_labelled import (
    PARTS,
    faq_answer_sentences,
    load,
    person_spans,
    score,
)
from vocabulary.languages import LANGUAGES


def quality(redactor: Redactor, label: str, errors: bool) -> None:
    print(f"\n{label}")
    print(
        f"{'lang':<5}{'set':<10}{'names':>6}{'recall':>8}{'partly':>8}{'ordinary':>10}"
        f"{'FP rate':>9}{'wrong words':>13}"
    )
    for language in LANGUAGES:
        for part in PARTS:
            s = score(redactor, language, part)
            print(
                f"{language:<5}{part:<10}{s.names:>6}{s.recall:>8.1%}{s.partly:>8}"
                f"{s.ordinary:>10}{s.false_positive_rate:>9.2%}{s.wrong_words:>6}/{s.words}"
            )
            if errors:
                for miss in s.misses:
                    print(f"    miss {miss}")
                for wrong in s.false_positives:
                    print(f"    false positive {wrong}")


def answers(redactor: Redactor, errors: bool) -> None:
    print("\nthe FAQ's answers, as further ordinary text (not client text: prose with places)")
    for language in LANGUAGES:
        sentences = faq_answer_sentences(language)
        found = [(t, person_spans(redactor, t, language)) for t in sentences]
        changed = [(t, spans) for t, spans in found if spans]
        print(f"{language:<5}{len(sentences):>5} sentences, {len(changed)} with a <PERSON>")
        if errors:
            for text, spans in changed:
                print(f"    false positive {text!r}: {[text[s:e] for s, e in spans]}")


def _milliseconds(function: Callable[[], object], repeats: int = 5) -> float:
    """The median of a few runs: the machine is shared, single runs jump."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def speed(redactor: Redactor) -> None:
    print("\nper message: the whole redaction (every recogniser), and the names' part of it")
    for language in LANGUAGES:
        named, ordinary = load(language)
        texts = [s.text for s in named] + ordinary
        person = next(
            r
            for r in redactor.analyzer.registry.recognizers
            if isinstance(r, PersonRecognizer) and r.supported_language == language
        )
        for text in texts:  # warm the word cache, as a running API has it
            redactor.redact(text, language)
        whole = sorted(_milliseconds(partial(redactor.redact, t, language)) for t in texts)
        names = [_milliseconds(partial(person.find_names, t)) for t in texts]
        print(
            f"{language:<5}{len(texts):>6} messages  mean {statistics.fmean(whole):.2f} ms  "
            f"p95 {whole[int(len(whole) * 0.95)]:.2f} ms  max {whole[-1]:.2f} ms  "
            f"(names: mean {statistics.fmean(names):.3f} ms)"
        )
    unit = "Soitin Virtaselle ja Onni Lahtinen vastasi, Usko on tärkeää Helsingissä. "
    for label, pattern in (("sentences", unit), ("one hyphenated word", "Aa-")):
        for length in (1000, 5000):
            text = (pattern * (length // len(pattern) + 1))[:length]
            redactor.redact(text, "fi")  # the cache, as above
            elapsed = _milliseconds(partial(redactor.redact, text, "fi"))
            print(f"fi, {length:>5} characters of {label}: {elapsed:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    settings = ApiSettings()
    morphology = load_morphology()
    started = time.perf_counter()
    redactor = build_redactor(settings, morphology)
    print(f"redactor built in {time.perf_counter() - started:.2f} s")
    if morphology.name != "voikko":
        print("Voikko is missing ('make voikko'): only the suffix stripper is measured")
    else:
        quality(redactor, "Finnish morphology: Voikko", args.errors)
        answers(redactor, args.errors)
    quality(
        build_redactor(settings, SuffixMorphology()),
        "Finnish morphology: the suffix stripper (no Voikko)",
        args.errors,
    )
    speed(redactor)


if __name__ == "__main__":
    main()
