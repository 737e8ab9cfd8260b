"""Index bookkeeping: freshness, incremental refresh, corruption, interrupted builds, search limits.

These tests use the deterministic fake embedder: they check what is embedded and
stored, never what an answer says.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import retrieval.index
from retrieval.chunk import Chunker
from retrieval.corpus import Corpus
from retrieval.errors import IndexMismatch, IndexNotFound
from retrieval.index import MANIFEST, Manifest, PassageIndex, read_manifest
from retrieval.ingest import read_article
from retrieval.pipeline import build_index, index_status
from retrieval.service import ensure_index
from retrieval.stance.cues import normalise
from retrieval.stance.store import quotable_sentences
from retrieval.types import Article, Passage, Source
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import TINY_ARTICLES, write_article

FIRST_THREE = ("bridge", "strike", "flood")


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """Three tiny invented articles."""
    folder = tmp_path / "corpus"
    for name in FIRST_THREE:
        write_article(folder, name, TINY_ARTICLES[name])
    return Corpus(folder)


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def built(corpus: Corpus, index_dir: Path) -> PassageIndex:
    """The index of the three articles, built with the fake embedder."""
    return build_index(corpus, index_dir, FakeEmbedder(), progress=False)


def _passages_of(corpus: Corpus, article_id: str) -> list[str]:
    stored = next(f for f in corpus.files() if f.article_id == article_id)
    return [p.text for p in Chunker().split(read_article(stored))]


def _all_passages(corpus: Corpus) -> list[str]:
    return [t for f in corpus.files() for t in _passages_of(corpus, f.article_id)]


def _manifest_json(index_dir: Path) -> dict:
    return json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))


def _generation_files(index_dir: Path) -> list[str]:
    return sorted(
        p.name for p in index_dir.iterdir() if p.name.startswith(("vectors.", "passages."))
    )


def _embedded_passages(fake: FakeEmbedder, index: PassageIndex) -> list[str]:
    """The passages the fake embedded; the rest it embedded must be the sentences the stance
    judge reads of the index's passages (stored beside them at ingest)."""
    from retrieval.index import sentence_keys

    passages = {p.text for p in index.passages}
    keys = {k for p in index.passages for k in sentence_keys(p.text, index.stance[p.id])}
    assert set(fake.encoded) <= passages | keys
    return [t for t in fake.encoded if t in passages]


class TestFreshness:
    def test_missing_then_fresh(self, corpus: Corpus, index_dir: Path) -> None:
        assert index_status(corpus, index_dir, FakeEmbedder().name).state == "missing"
        fake = FakeEmbedder()
        index = build_index(corpus, index_dir, fake, progress=False)
        assert index_status(corpus, index_dir, fake.name).state == "fresh"
        assert sorted(_embedded_passages(fake, index)) == sorted(_all_passages(corpus))
        assert index.manifest.count == len(index.passages) == len(_embedded_passages(fake, index))
        assert sorted(index.sources) == sorted(FIRST_THREE)

    def test_load_gives_back_what_was_saved(self, built: PassageIndex, index_dir: Path) -> None:
        loaded = PassageIndex.load(index_dir)
        assert loaded.passages == built.passages
        assert loaded.sources == built.sources
        fake = FakeEmbedder()
        expected = np.vstack([fake.vector(p.text) for p in built.passages])
        np.testing.assert_allclose(loaded.vectors(), expected, atol=1e-6)
        assert loaded.faiss_index.ntotal == len(loaded.passages)
        # the denials found at ingest come back as stored, not built again
        assert built.denials is not None and loaded.denials is not None
        np.testing.assert_array_equal(loaded.denials.positions, built.denials.positions)
        np.testing.assert_allclose(loaded.denials.contexts, built.denials.contexts)

    def test_fresh_index_is_loaded_without_embedding(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        fake, messages = FakeEmbedder(), []
        index = ensure_index(corpus, index_dir, fake, notify=messages.append)
        assert fake.encoded == [] and messages == []
        assert index.passages == built.passages

    def test_adding_an_article_embeds_only_its_passages(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        write_article(corpus.root, "school", TINY_ARTICLES["school"])
        status = index_status(corpus, index_dir, FakeEmbedder().name)
        assert (status.state, "1 added" in status.reason) == ("stale", True)

        fake, messages = FakeEmbedder(), []
        index = ensure_index(corpus, index_dir, fake, notify=messages.append)
        new = _passages_of(corpus, "school")
        assert sorted(_embedded_passages(fake, index)) == sorted(new)
        assert any("rebuilding" in m for m in messages)
        assert len(index.passages) == len(built.passages) + len(new)
        assert index_status(corpus, index_dir, fake.name).state == "fresh"
        # the vectors reused for the old passages are the ones stored before
        old = {p.text: v for p, v in zip(built.passages, built.vectors(), strict=True)}
        for passage, vector in zip(index.passages, index.vectors(), strict=True):
            if passage.text in old:
                np.testing.assert_allclose(vector, old[passage.text], atol=1e-6)

    def test_editing_an_article_embeds_only_changed_passages(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        edited = TINY_ARTICLES["bridge"].replace("the cost had doubled", "the cost had tripled")
        (corpus.root / "bridge.txt").write_text(edited, encoding="utf-8")
        assert index_status(corpus, index_dir, FakeEmbedder().name).reason.endswith(
            "(0 added, 1 changed, 0 removed)"
        )
        fake = FakeEmbedder()
        index = ensure_index(corpus, index_dir, fake)
        old_texts = {p.text for p in built.passages}
        changed = [t for t in _passages_of(corpus, "bridge") if t not in old_texts]
        assert changed and sorted(_embedded_passages(fake, index)) == sorted(changed)
        assert any("tripled" in p.text for p in index.passages)
        assert not any("doubled" in p.text for p in index.passages)

    def test_removing_an_article(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        (corpus.root / "flood.txt").unlink()
        (corpus.root / "flood.meta.json").unlink()
        assert "1 removed" in index_status(corpus, index_dir, FakeEmbedder().name).reason
        fake = FakeEmbedder()
        index = ensure_index(corpus, index_dir, fake)
        assert fake.encoded == []
        assert {p.article_id for p in index.passages} == {"bridge", "strike"}
        assert "flood" not in index.sources

    def test_new_outlet_name_is_a_change_without_embedding(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        meta_path = corpus.root / "strike.meta.json"
        meta = json.loads(meta_path.read_text())
        meta_path.write_text(json.dumps({**meta, "outlet": "Port Weekly"}))
        assert index_status(corpus, index_dir, FakeEmbedder().name).state == "stale"
        fake = FakeEmbedder()
        index = ensure_index(corpus, index_dir, fake)
        assert fake.encoded == []
        assert index.sources["strike"].outlet == "Port Weekly"

    def test_changed_model_makes_it_stale_and_rebuilds(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        other = FakeEmbedder(name="test/another-model")
        status = index_status(corpus, index_dir, other.name)
        assert status.state == "stale"
        assert FakeEmbedder().name in status.reason and other.name in status.reason
        index = ensure_index(corpus, index_dir, other)
        assert sorted(_embedded_passages(other, index)) == sorted(p.text for p in built.passages)
        assert read_manifest(index_dir).model == other.name
        assert index.manifest.model == other.name
        assert index_status(corpus, index_dir, other.name).state == "fresh"

    def test_changed_pipeline_code_makes_it_stale(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("retrieval.pipeline.pipeline_version", lambda: "something-else")
        status = index_status(corpus, index_dir, FakeEmbedder().name)
        assert status.state == "stale" and "code changed" in status.reason

    def test_force_rebuilds_a_fresh_index_from_stored_vectors(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        before = read_manifest(index_dir)
        fake = FakeEmbedder()
        index = ensure_index(corpus, index_dir, fake, force=True)
        assert fake.encoded == []
        assert read_manifest(index_dir).vectors_file != before.vectors_file
        assert index.passages == built.passages

    def test_unreadable_article_is_skipped_and_not_stale(
        self, corpus: Corpus, index_dir: Path
    ) -> None:
        (corpus.root / "junk.txt").write_text("Advertisement\n\nShare on Facebook\n")
        fake = FakeEmbedder()
        index = build_index(corpus, index_dir, fake, progress=False)
        assert "junk" not in index.sources
        assert index_status(corpus, index_dir, fake.name).state == "fresh"

    def test_old_generations_are_removed(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path
    ) -> None:
        first = _generation_files(index_dir)
        write_article(corpus.root, "school", TINY_ARTICLES["school"])
        ensure_index(corpus, index_dir, FakeEmbedder())
        manifest = read_manifest(index_dir)
        assert _generation_files(index_dir) == sorted(
            [
                manifest.passages_file,
                manifest.vectors_file,
                manifest.stance_file,
                manifest.sentences_file,
                manifest.bm25_file,
                manifest.denials_file,
            ]
        )
        assert not set(first) & set(_generation_files(index_dir))


def _update_checksum(index_dir: Path, name: str) -> None:
    manifest = _manifest_json(index_dir)
    manifest["files_sha256"][name] = retrieval.index._sha256_file(index_dir / name)
    (index_dir / MANIFEST).write_text(json.dumps(manifest))


def _corrupt(index_dir: Path, how: str) -> None:
    manifest = _manifest_json(index_dir)
    vectors = index_dir / manifest["vectors_file"]
    passages = index_dir / manifest["passages_file"]
    if how == "truncated vectors":
        vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 2])
    elif how == "truncated vectors, checksum updated":
        vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 2])
        _update_checksum(index_dir, vectors.name)
    elif how == "garbage vectors":
        vectors.write_bytes(os.urandom(vectors.stat().st_size))
    elif how == "garbage vectors, checksum updated":
        vectors.write_bytes(b"\x0d\xa0\x04&" + os.urandom(300))
        _update_checksum(index_dir, vectors.name)
    elif how == "missing vectors":
        vectors.unlink()
    elif how == "missing passages":
        passages.unlink()
    elif how == "garbage passages, checksum updated":
        passages.write_text("this is not json\n")
        _update_checksum(index_dir, passages.name)
    elif how == "one passage fewer, checksum updated":
        lines = passages.read_text().splitlines()
        passages.write_text("\n".join(lines[:-1]) + "\n")
        _update_checksum(index_dir, passages.name)
    elif how == "garbage stance analyses":
        (index_dir / manifest["stance_file"]).write_text("not json\n")
    elif how == "missing stance analyses":
        (index_dir / manifest["stance_file"]).unlink()
    elif how == "missing denials":
        (index_dir / manifest["denials_file"]).unlink()
    elif how == "garbage denials, checksum updated":
        (index_dir / manifest["denials_file"]).write_bytes(b"not numpy at all" * 8)
        _update_checksum(index_dir, manifest["denials_file"])
    elif how == "garbage manifest":
        (index_dir / MANIFEST).write_bytes(b"\x00\xff{ not json")
    elif how == "manifest is a list":
        (index_dir / MANIFEST).write_text("[]")
    elif how == "manifest without keys":
        (index_dir / MANIFEST).write_text("{}")
    elif how == "manifest of another format":
        (index_dir / MANIFEST).write_text(json.dumps({**manifest, "format": 99}))
    elif how == "manifest dimension differs":
        (index_dir / MANIFEST).write_text(json.dumps({**manifest, "dimension": 32}))
    elif how == "no manifest":
        (index_dir / MANIFEST).unlink()
    else:
        raise AssertionError(how)


CORRUPTIONS = [
    "truncated vectors",
    "truncated vectors, checksum updated",
    "garbage vectors",
    "garbage vectors, checksum updated",
    "missing vectors",
    "missing passages",
    "garbage passages, checksum updated",
    "one passage fewer, checksum updated",
    "garbage stance analyses",
    "missing stance analyses",
    "missing denials",
    "garbage denials, checksum updated",
    "garbage manifest",
    "manifest is a list",
    "manifest without keys",
    "manifest of another format",
    "manifest dimension differs",
    "no manifest",
]


class TestCorruption:
    @pytest.mark.parametrize("how", CORRUPTIONS)
    def test_load_refuses_with_a_clear_message(
        self, built: PassageIndex, index_dir: Path, how: str
    ) -> None:
        _corrupt(index_dir, how)
        expected = IndexNotFound if how == "no manifest" else IndexMismatch
        with pytest.raises(expected) as err:
            PassageIndex.load(index_dir)
        message = str(err.value)
        assert "\n" not in message
        assert "index" in message

    @pytest.mark.parametrize("how", CORRUPTIONS)
    def test_ensure_index_rebuilds(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path, how: str
    ) -> None:
        _corrupt(index_dir, how)
        fake, messages = FakeEmbedder(), []
        index = ensure_index(corpus, index_dir, fake, notify=messages.append)
        assert any("building" in m for m in messages), messages
        assert sorted(_embedded_passages(fake, index)) == sorted(p.text for p in built.passages)
        assert [p.text for p in index.passages] == [p.text for p in built.passages]
        reloaded = PassageIndex.load(index_dir)
        assert reloaded.passages == index.passages
        assert index_status(corpus, index_dir, fake.name).state == "fresh"


def _fail_writing(name_prefix: str) -> Callable[..., Path]:
    real = retrieval.index._write_aside

    def write_aside(folder: Path, name: str, write: Callable[[str], None]) -> Path:
        if name.startswith(name_prefix):
            raise OSError(28, "No space left on device")
        return real(folder, name, write)

    return write_aside


def _half_written_faiss(index: object, path: str) -> None:
    with open(path, "wb") as handle:
        handle.write(b"IxM2" + b"\x00" * 40)
    raise RuntimeError("write error: killed half-way")


class TestInterruptedBuild:
    @pytest.mark.parametrize("failing", ["passages writer", "manifest writer", "faiss.write_index"])
    def test_previous_index_stays_loadable(
        self,
        built: PassageIndex,
        corpus: Corpus,
        index_dir: Path,
        monkeypatch: pytest.MonkeyPatch,
        failing: str,
    ) -> None:
        import faiss

        before = PassageIndex.load(index_dir)
        write_article(corpus.root, "school", TINY_ARTICLES["school"])
        with monkeypatch.context() as patch:
            if failing == "passages writer":
                patch.setattr(retrieval.index, "_write_aside", _fail_writing("passages."))
            elif failing == "manifest writer":
                patch.setattr(retrieval.index, "_write_aside", _fail_writing(MANIFEST))
            else:
                patch.setattr(faiss, "write_index", _half_written_faiss)
            with pytest.raises((OSError, RuntimeError)):
                build_index(corpus, index_dir, FakeEmbedder(), progress=False)

        after = PassageIndex.load(index_dir)
        assert after.passages == before.passages
        assert after.manifest.to_dict() == before.manifest.to_dict()
        np.testing.assert_array_equal(after.vectors(), before.vectors())
        query = FakeEmbedder().vector(before.passages[2].text)
        assert after.search(query, 3) == before.search(query, 3)
        assert not [p for p in index_dir.iterdir() if p.name.endswith(".tmp")]
        assert index_status(corpus, index_dir, FakeEmbedder().name).state == "stale"

        index = ensure_index(corpus, index_dir, FakeEmbedder())
        assert "school" in index.sources
        manifest = read_manifest(index_dir)
        assert _generation_files(index_dir) == sorted(
            [
                manifest.passages_file,
                manifest.vectors_file,
                manifest.stance_file,
                manifest.sentences_file,
                manifest.bm25_file,
                manifest.denials_file,
            ]
        )


class _PaddedFaiss:
    """A FAISS stand-in that pads its answer with -1 labels, as FAISS does when short."""

    def __init__(self, ntotal: int) -> None:
        self.ntotal = ntotal
        self.d = 16
        self.asked: list[int] = []

    def search(self, xq: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        self.asked.append(k)
        labels = np.full((1, k), -1, dtype=np.int64)
        scores = np.full((1, k), -3.4e38, dtype=np.float32)
        labels[0, :2] = [2, 0]
        scores[0, :2] = [0.9, 0.4]
        return scores, labels


def _manifest(dimension: int = 16) -> Manifest:
    return Manifest(
        model="test/fake",
        dimension=dimension,
        pipeline="p",
        articles={},
        sources={"a": Source("a", "Test Gazette")},
    )


def _passages(n: int) -> list[Passage]:
    return [Passage(f"p{i}", "a", f"Passage number {i}.", i * 20, i * 20 + 18) for i in range(n)]


class TestSearch:
    def test_k_is_clamped_and_best_comes_first(self, built: PassageIndex) -> None:
        fake = FakeEmbedder()
        target = built.passages[3]
        results = built.search(fake.vector(target.text), k=1000)
        assert len(results) == len(built.passages)
        assert results[0][0] == 3 and results[0][1] == pytest.approx(1.0, abs=1e-5)
        assert len({position for position, _ in results}) == len(results)
        scores = [score for _, score in results]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= position < len(built.passages) for position, _ in results)

    @pytest.mark.parametrize("k", [0, -1])
    def test_no_results_for_k_below_one(self, built: PassageIndex, k: int) -> None:
        assert built.search(FakeEmbedder().vector("x"), k=k) == []

    def test_padding_labels_are_dropped(self) -> None:
        padded = _PaddedFaiss(ntotal=3)
        index = PassageIndex(padded, _passages(3), _manifest())
        results = index.search(np.ones(16, dtype=np.float32), k=10)
        assert results == [(2, pytest.approx(0.9)), (0, pytest.approx(0.4))]
        assert padded.asked == [3]

    def test_empty_index(self, tmp_path: Path) -> None:
        index = PassageIndex.build([], np.zeros((0, 16), dtype=np.float32), _manifest())
        assert index.search(np.ones(16, dtype=np.float32), k=5) == []
        index.save(tmp_path / "empty")
        loaded = PassageIndex.load(tmp_path / "empty")
        assert loaded.passages == [] and loaded.vectors().shape == (0, 16)

    def test_vectors_are_stored_unit_length(self) -> None:
        raw = np.random.default_rng(0).standard_normal((3, 16)).astype(np.float32) * 5
        index = PassageIndex.build(_passages(3), raw, _manifest())
        np.testing.assert_allclose(np.linalg.norm(index.vectors(), axis=1), 1.0, rtol=1e-5)

    @pytest.mark.parametrize("shape", [(2, 16), (3, 8), (3,)])
    def test_wrong_vector_shape(self, shape: tuple[int, ...]) -> None:
        with pytest.raises(ValueError, match="vectors of shape"):
            PassageIndex.build(_passages(3), np.zeros(shape, dtype=np.float32), _manifest())

    def test_vector_count_must_match_passages(self) -> None:
        with pytest.raises(IndexMismatch, match="holds 3 vectors for 2 passages"):
            PassageIndex(_PaddedFaiss(ntotal=3), _passages(2), _manifest())


def test_manifest_round_trip(built: PassageIndex) -> None:
    manifest = built.manifest
    assert Manifest.from_dict(manifest.to_dict()) == manifest
    assert Manifest.from_dict(json.loads(json.dumps(manifest.to_dict()))) == manifest


class TestStanceSidecar:
    """Each passage's stance analysis is made at ingest and stored beside the passages."""

    def test_every_passage_is_analysed_and_read_back(
        self, built: PassageIndex, index_dir: Path, corpus: Corpus
    ) -> None:
        from retrieval.stance import PassageAnalysis

        assert sorted(built.stance) == sorted(p.id for p in built.passages)
        loaded = PassageIndex.load(index_dir)
        assert loaded.stance == built.stance
        for passage in built.passages:
            stored = PassageAnalysis.from_dict(loaded.stance[passage.id])
            # read off the article's parse: its sentences are the passage's, word for word
            assert " ".join(s.text for s in stored.sentences) == normalise(passage.text)
            assert [s for s, _ in stored.quotable] == quotable_sentences(passage.text)

    def test_the_passage_store_is_unchanged(self, built: PassageIndex, index_dir: Path) -> None:
        lines = (index_dir / built.manifest.passages_file).read_text(encoding="utf-8")
        assert [json.loads(line) for line in lines.splitlines()] == [
            p.to_dict() for p in built.passages
        ]

    def test_unchanged_passages_are_not_parsed_again(
        self, built: PassageIndex, corpus: Corpus, index_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import retrieval.pipeline
        import retrieval.stance

        parsed: list[str] = []
        real = retrieval.stance.analyse_passages
        real_article = retrieval.pipeline.parse_passages

        def recording(texts: list[str], **options: object) -> list:
            parsed.extend(texts)
            return real(texts, **options)

        def article(article: Article, chunker: Chunker, *parse: object) -> tuple:
            found = real_article(article, chunker, *parse)
            parsed.extend(p.text for p in found[0])
            return found

        monkeypatch.setattr(retrieval.stance, "analyse_passages", recording)
        monkeypatch.setattr(retrieval.pipeline, "parse_passages", article)
        write_article(corpus.root, "school", TINY_ARTICLES["school"])
        index = build_index(corpus, index_dir, FakeEmbedder(), progress=False)
        assert sorted(parsed) == sorted(_passages_of(corpus, "school"))
        assert sorted(index.stance) == sorted(p.id for p in index.passages)


class TestApproximateIndex:
    """Above ``approximate_from`` passages the vectors go into HNSW; below, a flat index."""

    @staticmethod
    def _index(count: int, approximate_from: int) -> tuple[PassageIndex, np.ndarray]:
        from retrieval.index import Manifest
        from retrieval.types import Passage

        rng = np.random.default_rng(3)
        vectors = rng.standard_normal((count, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        passages = [Passage(f"p{i}", "a1", f"Passage number {i}.", 0, 10) for i in range(count)]
        manifest = Manifest("m", 384, "p", {}, {})
        index = PassageIndex.build(passages, vectors, manifest, approximate_from=approximate_from)
        return index, vectors

    def test_small_stays_flat_and_large_goes_to_hnsw(self) -> None:
        assert self._index(300, approximate_from=301)[0].kind == "flat"
        assert self._index(300, approximate_from=300)[0].kind == "hnsw"

    def test_hnsw_survives_a_round_trip_and_finds_each_vector(self, tmp_path: Path) -> None:
        index, vectors = self._index(2000, approximate_from=1000)
        index.save(tmp_path / "ix")
        loaded = PassageIndex.load(tmp_path / "ix")
        assert loaded.kind == "hnsw"
        stored = loaded.vectors()
        assert np.allclose(stored, vectors, atol=1e-6) and not stored.flags.writeable
        found = [loaded.search(vectors[i], 10)[0][0] for i in range(0, 2000, 20)]
        assert found == list(range(0, 2000, 20))
