"""The stance cues and sentence vectors of bench/speed.py's archive passages, as ingest would
store them, made when a question first needs them and cached in ``bench/.cache/speed/``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np


class Stance(Mapping[str, dict[str, Any]]):
    """Stance cues by passage id: a real passage's read off the parse of its whole article, as
    ingest reads them (every real passage at once when the first is asked for: the answers
    touch them all; cached on disk), a grown one's the cues of its two parts together."""

    def __init__(self, chunks: list[tuple[str, str]], pairs: np.ndarray, cache: Path) -> None:
        self.chunks, self.pairs = chunks, pairs
        self.path = cache / "analyses-by-article.jsonl"  # not the per-passage parses of old
        self.known: dict[int, dict[str, Any]] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                self.known[int(record.pop("i"))] = record
        self.fresh: list[int] = []

    def _real(self, i: int) -> dict[str, Any]:
        if i not in self.known:
            self._fill()
        return self.known[i]

    def _fill(self, batch: int = 64) -> None:
        """Every real passage's analysis: each article's blocks parsed once, ``batch``
        articles to a ``nlp.pipe`` (as ingest does), the cues read off their sentences."""
        from large_article import _bodies

        from retrieval.attribution import _blocks, _for_parser, _nlp
        from retrieval.stance.store import analyse_parsed, analyse_passages

        print("stance cues of every real passage once (cached)", file=sys.stderr, flush=True)
        of_article: dict[str, list[int]] = {}
        for i, (name, _) in enumerate(self.chunks):
            of_article.setdefault(name, []).append(i)
        bodies = list(_bodies())
        names = list(of_article)
        for start in range(0, len(names), batch):
            group = names[start : start + batch]
            texts = [bodies[int(name.split("-")[1])] for name in group]
            blocks = [_blocks(text) for text in texts]
            pieces = zip(texts, blocks, strict=True)
            docs = iter(_nlp().pipe(_for_parser(t[a:b]) for t, each in pieces for a, b in each))
            for name, text, each in zip(group, texts, blocks, strict=True):
                sentences = [(a, s) for a, _ in each for s in next(docs).sents if s.text.strip()]
                mine = of_article[name]
                spans = _spans(text, [self.chunks[i][1] for i in mine])
                if spans is None:  # cut by an older chunker (an old cache): each parsed alone
                    read = analyse_passages([self.chunks[i][1] for i in mine])
                else:
                    read = analyse_parsed(text, spans, sentences)
                for i, analysis in zip(mine, read, strict=True):
                    self.known[i] = analysis.to_dict()
                    self.fresh.append(i)
        # on disk at once: the index built from cold caches is read back (another ``Stance``)
        # before any answer saves them, and that one parsed every article again (3 minutes)
        self.save()

    def __getitem__(self, pid: str) -> dict[str, Any]:
        number = int(pid[1:])
        if pid[0] == "r":
            return self._real(number)
        a, b = (self._real(int(x)) for x in self.pairs[number])
        return {k: a[k] + b[k] for k in ("sentences", "quotable")}

    def __contains__(self, pid: object) -> bool:
        return isinstance(pid, str) and pid[:1] in ("r", "g")

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return len(self.chunks) + len(self.pairs)

    def save(self) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            for i in self.fresh:
                handle.write(json.dumps({"i": i, **self.known[i]}) + "\n")
        self.fresh = []


class Sentences:
    """The stance judge's sentence vectors of archive passages, as ingest would store them:
    embedded (ONNX) when a question first needs them, then cached on disk."""

    def __init__(self, cache: Path) -> None:
        self.keys_path, self.vectors_path = cache / "sentences.json", cache / "sentences.npy"
        self.known: dict[str, np.ndarray] = {}
        if self.keys_path.exists():
            keys = json.loads(self.keys_path.read_text(encoding="utf-8"))
            self.known = dict(zip(keys, np.load(self.vectors_path), strict=True))
        self.fresh = 0
        self.embedder: Any = None

    def vectors(self, keys: list[str]) -> np.ndarray:
        missing = [k for k in dict.fromkeys(keys) if k not in self.known]
        if missing:
            from retrieval.onnx_embed import OnnxEmbedder

            self.embedder = self.embedder or OnnxEmbedder(batch_size=16)
            missing.sort(key=len)  # runs of like length: less padding (as ingest embeds them)
            self.known.update(zip(missing, self.embedder.encode(missing), strict=True))
            self.fresh += len(missing)
        return np.stack([self.known[k] for k in keys])

    def save(self) -> None:
        if self.fresh:
            keys = list(self.known)
            np.save(self.vectors_path, np.stack([self.known[k] for k in keys]))
            self.keys_path.write_text(json.dumps(keys), encoding="utf-8")
            self.fresh = 0


def _spans(text: str, passages: list[str]) -> list[tuple[int, int]] | None:
    """Where each passage lies in its article's text, in order (None when one is not there)."""
    spans, at = [], 0
    for passage in passages:
        start = text.find(passage, at)
        if start < 0:
            return None
        spans.append((start, start + len(passage)))
        at = start + len(passage)
    return spans
