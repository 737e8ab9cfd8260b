"""The page in a real browser: headless Chromium loads it, runs whatever scripts it would run,
and prints the DOM; both sides are there, and no script from an article or a question ran."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.web.conftest import HARBOUR_QUESTION, LiveDesk
from tests.web.test_page import Elements

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary on PATH (.ci/run installs Debian's chromium package)",
)


def dom_after_scripts(url: str, profile: Path) -> Elements:
    """The page's DOM as Chromium has it once the page loaded and its scripts (if any) ran."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return Elements(done.stdout)


def page_url(live: LiveDesk, question: str) -> str:
    return f"{live.url}/?{urlencode({'q': question})}"


def untouched(page: Elements, title: str) -> None:
    """Nothing a script would do happened: the title, the body and the elements are ours."""
    assert page.title == title
    assert all("data-pwned" not in attrs for _, attrs in page.tags)
    assert not page.named("script") and not page.named("img")


class TestInChromium:
    def test_both_sides_in_the_dom(self, harbour_desk: LiveDesk, tmp_path: Path) -> None:
        page = dom_after_scripts(page_url(harbour_desk, "Did Xi refuse?"), tmp_path)
        stances = {(s["class"] or "").split()[-1] for s in page.with_class("side")}
        assert {"asserts", "denies"} <= stances
        assert len(page.named("blockquote")) >= 3
        untouched(page, "Did Xi refuse? · storybot")

    def test_a_script_in_an_article_never_runs(
        self, harbour_desk: LiveDesk, tmp_path: Path
    ) -> None:
        page = dom_after_scripts(page_url(harbour_desk, HARBOUR_QUESTION), tmp_path)
        assert page.named("blockquote"), "the harbour passage is on the page"
        untouched(page, f"{HARBOUR_QUESTION} · storybot")

    @pytest.mark.parametrize(
        "question",
        [
            "<script>document.title='pwned'</script>",
            "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','yes')\">",
        ],
    )
    def test_markup_in_a_question_never_runs(
        self, harbour_desk: LiveDesk, tmp_path: Path, question: str
    ) -> None:
        page = dom_after_scripts(page_url(harbour_desk, question), tmp_path)
        assert page.with_class("bad")
        untouched(page, f"{question} · storybot")
