"""The desk's page: an answer as HTML, the sides side by side, rendered on the server.

Everything that comes from an article, its metadata or the question goes through
``html.escape``; a link is made only of an http(s) URL. The page has no script at all,
so it works without JavaScript, and ``/?q=...`` is an address to share for every answer.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode, urlsplit

from retrieval.types import Answer, Hit
from storybot.render import claim_lines, shown_speaker

# Wide screens get the sides in columns; under ~42rem (a phone) the grid stacks them.
_STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink);
       background: #fafaf7; }
header, main, body > footer { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.25rem; }
h1 { font: 700 1.4rem/1.2 system-ui, sans-serif; margin: 0 0 .25rem; }
h1 a { color: inherit; text-decoration: none; }
.story { margin: 0 0 1rem; color: var(--muted); font-style: italic; }
form { display: flex; gap: .5rem; margin-bottom: 1.25rem; }
form label { position: absolute; left: -9999px; }
input[type=search] { flex: 1; min-width: 0; font: inherit; padding: .55rem .75rem;
       border: 1px solid #9aa0a6; border-radius: .4rem; background: #fff; }
button { font: 600 1rem system-ui, sans-serif; padding: .55rem 1.1rem; border: 0;
       border-radius: .4rem; background: #1d1d1f; color: #fff; cursor: pointer; }
.message { font-family: system-ui, sans-serif; color: var(--muted); margin: 0 0 1rem; }
.message.bad { color: #a50e0e; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
       gap: 1.5rem; align-items: start; }
.side { border-top: 4px solid #9aa0a6; background: #fff; padding: .75rem 1rem;
       border-radius: 0 0 .4rem .4rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.side.asserts { border-top-color: #1a5fb4; }
.side.denies { border-top-color: #c01c28; }
.side h2, .context h2 { font: 600 1.05rem/1.35 system-ui, sans-serif; margin: 0 0 .5rem; }
blockquote { margin: 0 0 1rem; padding: 0 0 0 .8rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0 0 .3rem; }
blockquote footer { font: .85rem/1.4 system-ui, sans-serif; color: var(--muted); }
.speaker { color: var(--ink); font-weight: 600; }
.claims { font: .85rem/1.4 system-ui, sans-serif; margin: 0 0 .3rem; padding-left: 1.1rem; }
.context { margin-top: 1.5rem; }
.context .hits { columns: 2 24rem; column-gap: 1.5rem; }
.context blockquote { break-inside: avoid; }
body > footer { font: .85rem system-ui, sans-serif; color: var(--muted); padding-top: 1rem;
       padding-bottom: 2rem; }
@media (max-width: 42rem) { .sides { grid-template-columns: 1fr; } form { flex-wrap: wrap; } }
"""


def _link(url: str | None) -> str:
    """An anchor to the article, only for http(s) URLs (never ``javascript:`` and the like)."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return ""
    return f' · <a href="{escape(url)}" rel="noopener noreferrer nofollow">article</a>'


def render_hit(hit: Hit) -> str:
    """One passage, word for word, with speaker, outlet, date and a link to the article."""
    source = hit.source
    speaker = shown_speaker(hit) or f"{source.outlet}'s own reporting"
    date = (
        f' · <time datetime="{escape(source.published)}">{escape(source.published)}</time>'
        if source.published
        else " · undated"
    )
    title = f' title="{escape(source.title)}"' if source.title else ""
    if source.language and source.language != "en":
        date += f' · <span class="lang">{escape(source.language)}</span>'
    claims = "".join(f"<li>{escape(line)}</li>" for line in claim_lines(hit.passage))
    return (
        f"<blockquote{_lang(hit)}><p>“{escape(hit.passage.text)}”</p>"
        + (f'<ul class="claims">{claims}</ul>' if claims else "")
        + f'<footer>— <span class="speaker">{escape(speaker)}</span>'
        f' · <cite class="outlet"{title}>{escape(source.outlet)}</cite>{date}{_link(source.url)}'
        f"{_carried_by(hit)}</footer></blockquote>"
    )


def _lang(hit: Hit) -> str:
    """The passage's language for the browser (hyphenation, voices) and for the reader."""
    language = hit.source.language
    return f' lang="{escape(language)}" data-lang="{escape(language)}"' if language else ""


def _carried_by(hit: Hit) -> str:
    """Which other articles carry the passage's words, the first appearance first."""
    if len(hit.carried_by) < 2:
        return ""
    names = []
    for s in hit.carried_by:
        name = escape(s.outlet) + (f" ({escape(s.published)})" if s.published else "")
        names.append(name)
    return f'<div class="carried">carried by {len(names)} articles: ' + " · ".join(names) + "</div>"


def _answer_html(answer: Answer) -> str:
    parts = [f'<p class="message">{escape(answer.message)}</p>']
    if answer.sides:
        parts.append('<div class="sides">')
        for side in answer.sides:
            parts.append(
                f'<section class="side {escape(side.stance)}">'
                f"<h2>{escape(side.label)}</h2>"
                + (
                    f'<p class="outlets">{len(side.outlets)} outlets</p>'
                    if len(side.outlets) > 1
                    else ""
                )
                + "".join(render_hit(hit) for hit in side.hits)
                + "</section>"
            )
        parts.append("</div>")
    if answer.context:
        parts.append(
            '<section class="context"><h2>Context</h2><div class="hits">'
            + "".join(render_hit(hit) for hit in answer.context)
            + "</div></section>"
        )
    return "".join(parts)


def render_page(
    question: str = "",
    answer: Answer | None = None,
    error: str | None = None,
    story: str = "",
) -> str:
    """The whole page: the ask box, then the answer, the error or nothing yet.

    Args:
        question: what was asked, as typed (shown back in the box, escaped).
        error: one line saying why the question cannot be answered (a bad question).
        story: the story the corpus covers, shown under the name.
    """
    if error:
        body = f'<p class="message bad" role="alert">{escape(error)}</p>'
    elif answer is not None:
        body = _answer_html(answer)
    else:
        body = '<p class="message">Ask a question about the story; the answer shows every side.</p>'
    title = f"{question} · storybot" if question else "storybot"
    json_link = (
        f' · <a href="/api/ask?{escape(urlencode({"q": question}))}">this answer as JSON</a>'
        if answer is not None
        else ""
    )
    story_line = f'<p class="story">{escape(story)}</p>' if story else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1><a href="/">storybot</a></h1>
{story_line}
<form method="get" action="/" role="search">
<label for="q">Question</label>
<input type="search" id="q" name="q" value="{escape(question)}" maxlength="500"
 placeholder="Did Xi refuse Putin's invitation?"{"" if question else " autofocus"}>
<button type="submit">Ask</button>
</form>
</header>
<main>
{body}
</main>
<footer>Every passage is quoted word for word from its article{json_link}
 · <a href="/docs">API</a></footer>
</body>
</html>
"""
