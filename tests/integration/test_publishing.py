"""Publishing against the real stack and the real training worker: a changed answer is given
in the chat at once, and a new example question is understood once the worker has trained,
checked and swapped the model in (a minute or two: Rasa's training cache and the embedding
cache of the repository are used; the stack's own copy of data/faq is written)."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from publisher.fingerprint import fingerprint
from tests.support.publishing import FAQ, edit, editor, publish, wait
from tests.support.stack import REPO, Stack

pytestmark = pytest.mark.integration

# As the worker's CLINC_DIR; where it is not (a clone that is not beside shared/), the check's
# English out-of-domain set is our own tests/ood/en.txt, as in a deployment.
CLINC = Path(os.environ.get("CLINC_DIR") or REPO.parent / "shared" / "eval" / "clinc150-oos")
QUESTION = "is the zorblax desk where I enrol as unemployed"


@pytest.fixture(scope="module")
def publishing_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own (its content and model change), with the worker."""
    model = REPO / "models" / f"{fingerprint()}.tar.gz"
    if not model.is_file():
        raise FileNotFoundError(f"{model} is missing: run `make model`")
    workdir = tmp_path_factory.mktemp("publishing")
    faq = workdir / "faq"
    shutil.copytree(REPO / "data" / "faq", faq)
    stack = Stack(workdir, settings={"FAQ_DIR": str(faq), "CLINC_DIR": str(CLINC)})
    try:
        stack.start_all(model)
        stack.start_publisher()
        yield stack
    finally:
        stack.stop()


def reply_text(stack: Stack, text: str) -> str:
    replies = stack.say(f"publish-{uuid.uuid4().hex[:8]}", text, {"language": "en"})
    return " ".join(str(r.get("text") or "") for r in replies)


def eventually(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not seen in the chat in time"
        time.sleep(0.2)


def answer(stack: Stack, topic: str) -> str:
    reply = httpx.get(f"{stack.api_url}{FAQ}/{topic}", params={"language": "en"})
    reply.raise_for_status()
    text: str = reply.json()["text"]
    return text


def test_a_text_and_a_new_example_reach_the_chat(publishing_stack: Stack) -> None:
    stack = publishing_stack
    client = editor(stack)  # logged in: a client already used, so closed by hand
    try:
        text_and_example(stack, client)
    finally:
        client.close()


def text_and_example(stack: Stack, client: httpx.Client) -> None:
    assert reply_text(stack, QUESTION) != answer(stack, "register")  # not understood yet

    marker = f"(Checked {uuid.uuid4().hex[:6]}.)"

    def new_answer(document: dict[str, Any]) -> None:
        document["variants"][-1]["answer"]["en"] += f" {marker}"

    edit(client, "register", new_answer)
    text_job = publish(client)
    assert client.get(f"{FAQ}/publish/{text_job}").json()["state"] == "live"
    eventually(lambda: marker in reply_text(stack, "how do I register as a jobseeker"), 10)
    register = answer(stack, "register")

    edit(client, "register", lambda d: d["examples"]["en"].append(QUESTION))
    job = publish(client)
    status = wait(client, job, timeout=600)
    assert status["state"] == "live", status
    assert status["kind"] == "finetune"
    listed = {j["job"]: j for j in client.get(f"{FAQ}/publish").json()}
    model = listed[job]["model"]
    assert (stack.workdir / "models" / model).is_file()
    status_reply = httpx.get(f"{stack.rasa_url}/status", params={"token": "test-rasa-token"})
    assert status_reply.json()["model_file"] == model
    eventually(lambda: reply_text(stack, QUESTION) == register, 30)
    assert QUESTION in (stack.workdir / "faq" / "register.yml").read_text()
