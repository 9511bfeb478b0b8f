"""HTML and Markdown articles reduced to the text a reader sees; report offsets then index that text.

HTML is parsed by lexbor (through selectolax), a parser that follows the HTML5 specification, so the
tree is the one a browser builds: a stray `<head>` in the body, a missing `</head>`, unclosed tags or
`<object>` fallback content land where a browser puts them and are scored, instead of being skipped
by a tag-soup parser's guess. Markdown is rendered by markdown-it (CommonMark) and then reduced the
same way; nesting deeper than its renderer can follow is read as plain text rather than dropped.
"""

from __future__ import annotations

import re

_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section",
    "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul",
}
_UNSEEN = {"head", "script", "style", "noscript", "template", "iframe", "-comment", "-doctype"}
"""Elements whose content a browser does not show as page text (an iframe's content is its fallback
markup, shown only by browsers without frames; `<object>` fallback is shown when the object fails)."""


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line; scripts, styles and the head dropped."""
    from selectolax.lexbor import LexborHTMLParser

    parts: list[str] = []
    stack = [(LexborHTMLParser(html).root, False)]
    while stack:  # depth-first without recursion: pages can nest thousands of elements deep
        node, leaving = stack.pop()
        if node is None:
            continue
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
            continue
        if leaving:
            parts.append("\n" if tag in _BLOCK else "")
            continue
        if tag in _BLOCK:
            parts.append("\n- " if tag == "li" else "\n")  # a list item keeps its marker
        if tag in _UNSEEN:
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def markdown_to_text(markdown: str) -> str:
    """Markdown rendered by markdown-it (CommonMark) and then reduced like HTML."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"maxNesting": 1_000_000})  # the default of 20 drops deeper text
    try:
        html = renderer.render(markdown)
    except RecursionError:
        return _plain(markdown)
    return html_to_text(html)


def _plain(markdown: str) -> str:
    """Markdown nested beyond what can be rendered, read as text: quote and list markers dropped."""
    lines = (re.sub(r"^(?:[ \t]*(?:>|[-*+]\s|\d{1,9}[.)]\s))+[ \t]*", "", line) for line in markdown.splitlines())
    return "\n".join(line.strip() for line in lines if line.strip())
