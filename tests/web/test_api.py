"""The desk's JSON API through a real uvicorn: the same answers as the command line."""

from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner

from storybot.cli import cli
from tests.conftest import SeedDirs
from tests.helpers.answers import check_answer_dict, cleaned_articles, passage_texts
from tests.helpers.files import SEED_REPUBLIC
from tests.web.conftest import HARBOUR_QUESTION, LiveDesk

REFUSED = "refused to come to Russia"


def cli_output(dirs: SeedDirs, *args: str) -> str:
    """What the command line prints on stdout for ARGS over the same folders."""
    where = ["--corpus", str(dirs.corpus), "--index", str(dirs.index)]
    result = CliRunner().invoke(cli, [*args, *where], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


class TestAsk:
    @pytest.mark.parametrize("question", ["Did Xi refuse?", HARBOUR_QUESTION])
    def test_same_bytes_as_ask_json(
        self,
        harbour_desk: LiveDesk,
        harbour_dirs: SeedDirs,
        shared_model: object,
        question: str,
    ) -> None:
        reply = harbour_desk.get("/api/ask", q=question)
        assert reply.status == 200
        assert reply.headers["content-type"] == "application/json"
        assert reply.text + "\n" == cli_output(harbour_dirs, "ask", "--json", question)
        data = reply.json()
        check_answer_dict(data, cleaned_articles(harbour_dirs.corpus))
        assert data["answered"] is True

    def test_both_sides_of_the_refusal(self, harbour_desk: LiveDesk) -> None:
        data = harbour_desk.get("/api/ask", q="Did Xi refuse?").json()
        stances = {side["stance"] for side in data["sides"]}
        assert {"asserts", "denies"} <= stances
        assert any(REFUSED in text for text in passage_texts(data))

    def test_k_is_passed_on(
        self, harbour_desk: LiveDesk, harbour_dirs: SeedDirs, shared_model: object
    ) -> None:
        two = harbour_desk.get("/api/ask", q="Did Xi refuse?", k=2).text
        assert two + "\n" == cli_output(harbour_dirs, "ask", "--json", "-k", "2", "Did Xi refuse?")
        assert two != harbour_desk.get("/api/ask", q="Did Xi refuse?", k=6).text

    def test_unanswerable_is_200_with_a_message(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/api/ask", q="What is the weather in Paris today?")
        assert reply.status == 200
        data = reply.json()
        assert data["answered"] is False and data["sides"] == [] and data["context"] == []
        assert "do not answer" in data["message"]

    @pytest.mark.parametrize(
        "params, says",
        [
            ({"q": ""}, "empty"),
            ({"q": "   "}, "empty"),
            ({"q": "x" * 600}, "too long"),
            ({"q": "<b>Did Xi refuse?</b>"}, "markup"),
            ({"q": "What did <script>alert(1)</script> Peskov say?"}, "markup"),
            ({"q": "Did Xi&nbsp;refuse?"}, "markup"),
            ({}, "q: Field required"),
            ({"q": "Did Xi refuse?", "k": 0}, "k: "),
            ({"q": "Did Xi refuse?", "k": 51}, "k: "),
            ({"q": "Did Xi refuse?", "k": "many"}, "k: "),
        ],
    )
    def test_bad_input_is_400_with_one_error_line(
        self, harbour_desk: LiveDesk, params: dict, says: str
    ) -> None:
        reply = harbour_desk.get("/api/ask", **params)
        assert reply.status == 400
        body = reply.json()
        assert set(body) == {"error"}
        assert says in body["error"] and "\n" not in body["error"]


class TestSourcesAndQuotes:
    def test_sources_is_sources_json_as_a_list(
        self, harbour_desk: LiveDesk, harbour_dirs: SeedDirs, shared_model: object
    ) -> None:
        reply = harbour_desk.get("/api/sources")
        assert reply.status == 200
        lines = cli_output(harbour_dirs, "sources", "--json").splitlines()
        assert reply.json() == [json.loads(line) for line in lines]
        assert len(reply.json()) == 3 and all(row["passages"] > 0 for row in reply.json())

    def test_quotes_of_one_article_is_quotes_json_as_a_list(
        self, harbour_desk: LiveDesk, harbour_dirs: SeedDirs
    ) -> None:
        reply = harbour_desk.get("/api/quotes", article=SEED_REPUBLIC)
        assert reply.status == 200
        lines = cli_output(harbour_dirs, "quotes", "--json", SEED_REPUBLIC).splitlines()
        assert reply.json() == [json.loads(line) for line in lines]
        assert {row["article_id"] for row in reply.json()} == {SEED_REPUBLIC}
        assert any(row["speaker"] and "Peskov" in row["speaker"] for row in reply.json())

    def test_quotes_of_every_article(self, harbour_desk: LiveDesk) -> None:
        rows = harbour_desk.get("/api/quotes").json()
        assert {row["article_id"] for row in rows} == {
            SEED_REPUBLIC,
            "000_48b3ab6b06832608",
            "harbour_tunnel",
        }

    def test_speakers_is_speakers_json_as_a_list(
        self, harbour_desk: LiveDesk, harbour_dirs: SeedDirs
    ) -> None:
        reply = harbour_desk.get("/api/speakers")
        assert reply.status == 200
        lines = cli_output(harbour_dirs, "speakers", "--json").splitlines()
        assert reply.json() == [json.loads(line) for line in lines]
        assert any("Peskov" in row["name"] for row in reply.json())

    def test_timeline_is_timeline_json_as_a_list(
        self, harbour_desk: LiveDesk, harbour_dirs: SeedDirs
    ) -> None:
        reply = harbour_desk.get("/api/timeline")
        assert reply.status == 200
        lines = cli_output(harbour_dirs, "timeline", "--json").splitlines()
        assert reply.json() == [json.loads(line) for line in lines]
        dated = [row["date"] for row in reply.json() if row["date"]]
        assert dated == sorted(dated) and len(reply.json()) == 3

    def test_unknown_article_is_404(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/api/quotes", article="no_such_article")
        assert reply.status == 404
        assert "no_such_article" in reply.json()["error"]


class TestSchemaAndLog:
    def test_openapi_lists_the_endpoints_and_their_400(self, harbour_desk: LiveDesk) -> None:
        schema = harbour_desk.get("/openapi.json").json()
        paths = {"/api/ask", "/api/sources", "/api/quotes", "/api/speakers", "/api/timeline", "/"}
        assert paths <= set(schema["paths"])
        ask = schema["paths"]["/api/ask"]["get"]
        assert {p["name"] for p in ask["parameters"]} == {"q", "k"}
        assert "400" in ask["responses"] and "422" not in ask["responses"]

    def test_docs_need_no_cdn(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/docs")
        assert reply.status == 200
        assert "/api/ask" in reply.text and "/openapi.json" in reply.text
        assert "cdn" not in reply.text.lower() and "<script" not in reply.text

    def test_one_log_line_per_request(
        self, harbour_desk: LiveDesk, caplog: pytest.LogCaptureFixture
    ) -> None:
        with caplog.at_level(logging.INFO, logger="storybot.web"):
            harbour_desk.get("/api/sources")
            harbour_desk.get("/api/ask", q="<b>bold</b>")
        lines = [r.getMessage() for r in caplog.records if r.name == "storybot.web"]
        assert len(lines) == 2, lines
        assert re.fullmatch(r"GET /api/sources 200 \d+\.\d ms", lines[0])
        assert re.fullmatch(r"GET /api/ask 400 \d+\.\d ms", lines[1])
