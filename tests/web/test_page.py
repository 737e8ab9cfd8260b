"""The desk's page: sides side by side, rendered on the server, everything escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from retrieval.types import Answer, Hit, Passage, Side, Source
from storybot.page import render_page
from tests.web.conftest import HARBOUR_QUESTION, SCRIPT, LiveDesk


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its <title>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def with_class(self, cls: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]


class TestPage:
    def test_sides_side_by_side_with_who_where_when(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/", q="Did Xi refuse?")
        assert reply.status == 200
        assert reply.headers["content-type"].startswith("text/html")
        page = Elements(reply.text)
        sides = page.with_class("side")
        assert {"asserts", "denies"} <= {s["class"].split()[1] for s in sides if s["class"]}
        assert "refused to come to Russia" in reply.text
        assert "Dmitry Peskov" in reply.text and "Republic World" in reply.text
        assert '<time datetime="2022-07-05">' in reply.text
        assert page.named("form")[0]["method"] == "get"
        assert page.named("input")[0]["value"] == "Did Xi refuse?"
        assert page.title == "Did Xi refuse? · storybot"
        assert "grid-template-columns" in reply.text and "@media (max-width" in reply.text

    def test_the_page_has_no_script_and_forbids_any(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/", q="Did Xi refuse?")
        assert not Elements(reply.text).named("script")
        assert "default-src 'none'" in reply.headers["content-security-policy"]

    def test_script_in_an_article_is_shown_as_text(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/", q=HARBOUR_QUESTION)
        assert reply.status == 200
        page = Elements(reply.text)
        assert "Councillor Mara Lind" in reply.text
        assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in reply.text
        assert SCRIPT not in reply.text and not page.named("script")
        # the outlet's markup is text too, and its javascript: URL is never a link
        assert "Harbour &lt;b&gt;Gazette&lt;/b&gt;" in reply.text and not page.named("b")
        assert all("javascript" not in (a["href"] or "") for a in page.named("a"))

    @pytest.mark.parametrize(
        "question",
        [
            "<script>document.title='pwned'</script>",
            '"><img src=x onerror=alert(1)>',
            "Did Xi&nbsp;refuse?",
        ],
    )
    def test_markup_in_the_question_is_a_400_page(
        self, harbour_desk: LiveDesk, question: str
    ) -> None:
        reply = harbour_desk.get("/", q=question)
        assert reply.status == 400
        page = Elements(reply.text)
        assert page.with_class("bad") and "markup" in reply.text
        assert not page.named("script") and not page.named("img")
        assert page.named("input")[0]["value"] == question  # shown back as typed, as text
        assert page.title == f"{question} · storybot"

    def test_unanswerable_says_so(self, harbour_desk: LiveDesk) -> None:
        reply = harbour_desk.get("/", q="What is the weather in Paris today?")
        assert reply.status == 200
        assert "do not answer this question" in reply.text
        assert not Elements(reply.text).with_class("side")

    @pytest.mark.parametrize("params", [{}, {"q": ""}])
    def test_no_question_is_the_ask_box(self, harbour_desk: LiveDesk, params: dict) -> None:
        reply = harbour_desk.get("/", **params)
        assert reply.status == 200
        page = Elements(reply.text)
        assert page.named("input")[0]["name"] == "q" and not page.with_class("side")

    @pytest.mark.parametrize("params", [{"q": "x" * 600}, {"q": "   "}, {"q": "Xi?", "k": 0}])
    def test_other_bad_input_is_a_400_page(self, harbour_desk: LiveDesk, params: dict) -> None:
        reply = harbour_desk.get("/", **params)
        assert reply.status == 400
        assert Elements(reply.text).with_class("bad")


class TestRenderPage:
    def hit(self, url: str | None) -> Hit:
        source = Source("a1", "Gazette", url=url, published="2024-03-01")
        return Hit(Passage("p1", "a1", "The mayor said yes.", 0, 19, speaker="Mayor"), source, 0.5)

    @pytest.mark.parametrize(
        "url, linked",
        [
            ("https://example.org/a?x=1&y=2", True),
            ("http://example.org/a", True),
            ("javascript:alert(1)", False),
            (" JavaScript:alert(1)", False),
            ("data:text/html,<script>alert(1)</script>", False),
            (None, False),
        ],
    )
    def test_only_http_urls_become_links(self, url: str | None, linked: bool) -> None:
        answer = Answer("Did the mayor agree?", True, (Side("Yes", (self.hit(url),)),))
        links = [a["href"] for a in Elements(render_page("q", answer)).named("a")]
        assert (url in links) is linked
        assert all(
            not (href or "").lower().strip().startswith(("javascript", "data")) for href in links
        )

    def test_own_reporting_when_no_speaker(self) -> None:
        source = Source("a1", "Gazette")
        hit = Hit(Passage("p1", "a1", "Rain fell.", 0, 10), source, 0.5)
        html = render_page("q", Answer("q", True, context=(hit,)))
        assert "Gazette&#x27;s own reporting" in html and "undated" in html
