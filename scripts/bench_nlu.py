"""`make bench-nlu`: NLU quality per language on data the model was never trained on.

In-domain: the held-out FAQ questions in tests/faq_heldout/ (3+ per topic and language) and
the user turns of the test stories in tests/stories/. Out-of-domain: the CLINC150
out-of-scope queries in ../shared/eval/clinc150-oos (English; `oos_test.txt` is reported,
`oos_val.txt` alone may tune the fallback threshold: `--tune`) and our own Finnish and Swedish
sets in tests/ood/. Prints, per language: topic accuracy, intent macro-F1, the share of
in-domain questions that fell back, and out-of-scope recall. A benchmark, not a test.

Runs in the rasa environment: `.venvs/rasa/bin/python scripts/bench_nlu.py --model M`.
The training worker runs it with `--json --faq-dir DIR` (the held-out questions of the topics
in DIR only: a retired topic's are not asked) and refuses a model that misses a floor.
"""

import argparse
import asyncio
import json
import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

import structlog
import yaml
from rasa.core.agent import Agent
from sklearn.metrics import f1_score

from embeddings import CachedEmbedder
from vocabulary.languages import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
CLINC = REPO.parent / "shared" / "eval" / "clinc150-oos"
FALLBACK = {"nlu_fallback", "out_of_scope"}
# actions/faq.py: below this topic confidence the answer is a "did you mean" with buttons.
SUGGEST_BELOW = 0.4
FLOORS = {"topic accuracy": 0.96, "small-intent macro-F1": 0.85, "in-domain fallback": 0.03}
# Out-of-scope recall per set, by its language: CLINC150 (en) and our own fi and sv sets.
OOD_FLOORS = {"en": 0.92, "fi": 0.95, "sv": 0.95}
SMALL_EXCLUDED = {"faq", "out_of_scope"}


def heldout(topics: set[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(language, text, intent, topic) for every held-out FAQ question (of `topics` only, if
    given) and story turn."""
    items: list[tuple[str, str, str, str]] = []
    for path in sorted((REPO / "tests" / "faq_heldout").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if topics is not None and data["topic"] not in topics:
            continue
        for language in LANGUAGES:
            items += [(language, q, "faq", data["topic"]) for q in data[language]]
    for path in sorted((REPO / "tests" / "stories").glob("test_basics_*.yml")):
        story_language = path.stem.rsplit("_", 1)[1]
        for story in yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]:
            for step in story["steps"]:
                if "user" in step:
                    items.append((story_language, step["user"].strip(), step["intent"], ""))
    return items


def out_of_domain(split: str, clinc: Path = CLINC) -> dict[str, list[str]]:
    """The out-of-domain sets; English is CLINC150's where it is (this workplace's evaluation
    data, beside the repository), else our own tests/ood/en.txt: a deployment's training
    worker checks each model without CLINC150."""
    sets = {"en (CLINC150 oos_" + split + ")": (clinc / f"oos_{split}.txt")}
    if not sets["en (CLINC150 oos_" + split + ")"].is_file():
        if split != "test":
            raise FileNotFoundError(f"{clinc / f'oos_{split}.txt'}: tuning needs CLINC150")
        sets = {"en (tests/ood; CLINC150 not found)": REPO / "tests/ood/en.txt"}
    if split == "test":
        sets |= {
            "fi (tests/ood)": REPO / "tests/ood/fi.txt",
            "sv (tests/ood)": REPO / "tests/ood/sv.txt",
        }
    return {
        name: [
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        for name, path in sets.items()
    }


async def parse_all(agent: Agent, texts: list[str]) -> list[dict[str, Any]]:
    return [await agent.parse_message(text) for text in texts]


def predicted(
    parse: dict[str, Any],
    threshold: float | None = None,
    gate: float | None = None,
    similarity: float = 0.0,
) -> tuple[str, str]:
    """(intent, topic) as the model gives them, or re-decided with other fallback thresholds
    (`--tune`): the intent threshold of FallbackClassifier, the topic threshold of
    FaqConfidenceGate and the similarity threshold of NearestExampleGate."""
    selector = (parse.get("response_selector") or {}).get("faq", {}).get("response", {})
    topic = (selector.get("intent_response_key") or "/").split("/", 1)[1]
    if threshold is None or gate is None:
        return parse["intent"]["name"], topic
    ranking = [r for r in parse.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
    intent, confidence = ranking[0]["name"], ranking[0]["confidence"]
    unsure_topic = intent == "faq" and selector.get("confidence", 0) < gate
    unlike = intent != "out_of_scope" and parse.get("in_domain_similarity", 1.0) < similarity
    if confidence < threshold or unsure_topic or unlike:
        intent = "nlu_fallback"
    return intent, topic


def topic_confidence(parse: dict[str, Any]) -> float:
    selector = (parse.get("response_selector") or {}).get("faq", {}).get("response", {})
    return float(selector.get("confidence") or 0.0)


def report(
    agent: Agent, clinc: Path = CLINC, topics: set[str] | None = None, as_json: bool = False
) -> bool:
    items = heldout(topics)
    parses = asyncio.run(parse_all(agent, [text for _, text, _, _ in items]))
    by_language: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for (language, _text, intent, topic), parse in zip(items, parses, strict=True):
        got_intent, got_topic = predicted(parse)
        row = by_language[language]
        row["true"].append(intent)
        row["pred"].append("out_of_scope" if got_intent in FALLBACK else got_intent)
        if intent == "faq":
            row["topic_ok"].append(got_intent == "faq" and got_topic == topic)
            row["fell_back"].append(got_intent in FALLBACK)
            unsure = topic_confidence(parse) < SUGGEST_BELOW
            row["suggested"].append(got_intent == "faq" and unsure)

    ood = out_of_domain("test", clinc)
    ood_parses = {name: asyncio.run(parse_all(agent, texts)) for name, texts in ood.items()}
    recall = {
        name: sum(predicted(p)[0] in FALLBACK for p in parses) / len(parses)
        for name, parses in ood_parses.items()
    }
    for name, parses in ood_parses.items():
        language = name[:2]
        by_language[language]["true"] += ["out_of_scope"] * len(parses)
        by_language[language]["pred"] += [
            "out_of_scope" if predicted(p)[0] in FALLBACK else predicted(p)[0] for p in parses
        ]

    ok = True
    figures: dict[str, Any] = {"languages": {}, "out_of_scope_recall": {}, "missed": []}
    lines = [
        f"\n{'language':10}{'questions':>10}{'topic acc':>11}{'macro-F1':>10}{'small F1':>10}"
        f"{'fallback':>10}{'did you mean':>14}"
    ]
    for language in LANGUAGES:
        row = by_language[language]
        accuracy = sum(row["topic_ok"]) / len(row["topic_ok"])
        fallback = sum(row["fell_back"]) / len(row["fell_back"])
        macro = f1_score(row["true"], row["pred"], average="macro", zero_division=0)
        small_intents = sorted(set(row["true"]) - SMALL_EXCLUDED)
        small = f1_score(
            row["true"], row["pred"], labels=small_intents, average="macro", zero_division=0
        )
        suggested = sum(row["suggested"]) / len(row["suggested"])
        measured = {
            "topic accuracy": accuracy,
            "small-intent macro-F1": small,
            "in-domain fallback": fallback,
        }
        figures["languages"][language] = {**measured, "intent macro-F1": macro}
        for name, value in measured.items():
            below = value > FLOORS[name] if "fallback" in name else value < FLOORS[name]
            if below:
                ok = False
                figures["missed"].append(f"{language} {name} {value:.3f} (floor {FLOORS[name]})")
        lines.append(
            f"{language:10}{len(row['topic_ok']):>10}{accuracy:>11.3f}{macro:>10.3f}"
            f"{small:>10.3f}{fallback:>10.3f}{suggested:>14.3f}"
        )
    lines.append(f"\n{'out-of-domain set':28}{'queries':>8}{'recall':>8}")
    for name, value in recall.items():
        floor = OOD_FLOORS[name[:2]]
        figures["out_of_scope_recall"][name] = value
        if value < floor:
            ok = False
            figures["missed"].append(f"out-of-scope recall {name} {value:.3f} (floor {floor})")
        lines.append(f"{name:28}{len(ood[name]):>8}{value:>8.3f}")
    figures["ok"] = ok
    if as_json:
        print(json.dumps(figures))
        return ok
    print(*lines, sep="\n")
    print(
        "\ntopic acc: the top topic is right; small F1: macro-F1 over the small intents"
        " (all but faq and out_of_scope); fallback: out of scope or nlu_fallback; did you"
        f" mean: right or wrong, the topic confidence was under {SUGGEST_BELOW}, so the"
        " assistant offered the closest topics as buttons instead of answering"
    )
    floors = ", ".join(f"{k} {'≥' if 'fallback' not in k else '≤'} {v}" for k, v in FLOORS.items())
    floors += ", out-of-scope recall " + ", ".join(f"{k} ≥ {v}" for k, v in OOD_FLOORS.items())
    print(f"\nFloors ({floors}): {'met' if ok else 'NOT met'}")
    return ok


def errors(agent: Agent) -> None:
    """Every held-out FAQ question the model got wrong: for the content team's next round."""
    items = [item for item in heldout() if item[2] == "faq"]
    parses = asyncio.run(parse_all(agent, [text for _, text, _, _ in items]))
    for (language, text, _, topic), parse in zip(items, parses, strict=True):
        got_intent, got_topic = predicted(parse)
        if got_intent != "faq" or got_topic != topic:
            print(
                f"{language}  {topic:28} -> {got_intent}/{got_topic:28}"
                f" {topic_confidence(parse):.2f}  {text}"
            )


def tune(agent: Agent, clinc: Path = CLINC) -> None:
    """Out-of-scope recall on oos_val.txt only, for candidate fallback thresholds."""
    [(name, texts)] = out_of_domain("val", clinc).items()
    parses = asyncio.run(parse_all(agent, texts))
    gates = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
    print(f"Tuning on {name} ({len(texts)} queries): out-of-scope recall")
    for similarity in (0.0, 0.88, 0.89, 0.9, 0.91):
        print(f"\nnearest-example similarity threshold {similarity}")
        print("intent threshold \\ topic gate " + "".join(f"{g:>7}" for g in gates))
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
            recalls = [
                sum(predicted(p, threshold, g, similarity)[0] in FALLBACK for p in parses)
                / len(parses)
                for g in gates
            ]
            print(f"{threshold:>28.1f} " + "".join(f"{r:>7.2f}" for r in recalls))


def cache_embeddings(agent: Agent, folder: Path) -> list[CachedEmbedder]:
    """Keeps the sentence embeddings of the questions asked in `folder`: they do not depend on
    the trained model, so the next check (the training worker's, after each publish) reads
    them instead of embedding the same 1,640 questions again, and gets the same vectors."""
    from rasa_components.sentence_embeddings import SentenceEmbeddingFeaturizer

    runner = agent.processor.graph_runner if agent.processor else None
    nodes = getattr(runner, "_instantiated_nodes", {})
    cached = []
    for node in nodes.values():
        component = getattr(node, "_component", None)
        if isinstance(component, SentenceEmbeddingFeaturizer):
            component.embedder = CachedEmbedder(component.embedder, folder)
            cached.append(component.embedder)
    return cached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--tune", action="store_true", help="threshold table on oos_val.txt")
    parser.add_argument("--errors", action="store_true", help="list the held-out misses")
    parser.add_argument(
        "--clinc", type=Path, default=CLINC, help=f"the CLINC150 folder (default {CLINC})"
    )
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    parser.add_argument(
        "--faq-dir", type=Path, help="ask the held-out questions of the topics in this folder only"
    )
    parser.add_argument(
        "--embedding-cache", type=Path, help="keep the questions' sentence embeddings here"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    # Rasa's structlog output (every parsed message at debug level) is not the benchmark's.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(args.model)
    cached = cache_embeddings(agent, args.embedding_cache) if args.embedding_cache else []
    if args.tune:
        tune(agent, args.clinc)
    elif args.errors:
        errors(agent)
    else:
        topics = None if args.faq_dir is None else {p.stem for p in args.faq_dir.glob("*.yml")}
        report(agent, args.clinc, topics, as_json=args.json)
    for embedder in cached:
        embedder.save()


if __name__ == "__main__":
    main()
