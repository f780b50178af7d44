"""A FAKE sentence embedder for tests: loading and running the real one takes time.

Each word is a fixed random direction (seeded by its hash), a text the normalised sum of its
words': texts that share words are close, as they would be with the real model.
"""

import hashlib
from collections.abc import Sequence

import numpy as np

from embeddings import Vectors

DIMENSION = 64


class FakeEmbedder:
    def __init__(self) -> None:
        self.embedded: list[str] = []

    @property
    def dimension(self) -> int:
        return DIMENSION

    @property
    def identity(self) -> str:
        return "fake-bag-of-words"

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += texts
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "big")
                rows[row] += np.random.default_rng(seed).standard_normal(DIMENSION)
            rows[row] /= max(float(np.linalg.norm(rows[row])), 1e-9)
        return rows
