"""Text from files, shown as text wherever it meets markup: the one place that escapes it.

A structure file, an uploaded CSV or a council's own document can put anything in a title, a
label, a holder's name or a note. Where the page renders markdown (Streamlit's `st.markdown`,
`st.caption`, `st.header`, `st.error`/`st.warning`/`st.info`, expander and widget labels, `st.table`
cells), a title like `![x](http://host/t.png)` would make every viewer's browser fetch that
address, `[link](javascript:…)` would be a link, `:red[x]` a colour and `$x$` LaTeX. Streamlit has
no escape helper, so:

- `md_escape(text)` escapes with a backslash every character that starts inline markup anywhere
  (backslash, backtick, `* _ [ ] < > # ~ $ & | !`), and, at the start of the text and of each line, what starts a
  block there (`-`, `+`, `=`, `1.`, leading spaces). The colon becomes the entity `&#58;`: a
  backslash does not stop Streamlit's `:material/icon:`, `:emoji:` and `:red[…]`; the entity does.
  GitHub's "autolink literals" (`http://…`, `www.…`, `a@b.org`) are found in the text after escapes
  are resolved, so no escape stops them: an invisible WORD JOINER (U+2060) after `http`/`www` and
  before `@` does. Newlines become markdown line breaks, so a note keeps its lines. What remains is
  Streamlit's typographic replacement (`->` shown as an arrow), which nothing but an invisible
  character stops; it changes how two characters look, never what the page does.
- `html_escape(text)` is `html.escape` for text inside our own HTML and SVG (the report, the chart's
  legend).

Both show control characters as their escapes (`loader.text.visible`: ESC as `\\u001b`).
Everything the pages show from data goes through one of these, or through a widget that shows
plain text (`st.text`, `st.code`, `st.dataframe` cells, the chart's canvas).
"""

from __future__ import annotations

import html
import re
from typing import Any

from remit.loader.text import visible

_INLINE = re.compile(r"([\\`*_\[\]<>#~$&|!])")
_LINE_START = re.compile(r"(?m)^([ \t]*)([-+=]|\d+(?=[.)]))")
_LEADING_SPACE = re.compile(r"(?m)^[ \t]+")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp)(?=:)|(www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def md_escape(value: Any) -> str:
    """`value` as text inside markdown: shown exactly, never as a link, image, colour or formula."""
    text = "" if value is None else str(value)
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2) or "") + WORD_JOINER, text)
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(
        lambda m: m.group(1) + (f"{m.group(2)}\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text
    )
    text = _LEADING_SPACE.sub(lambda m: "&#32;" * len(m.group().expandtabs(4)), text)
    return text.replace(":", "&#58;").replace("\n", "  \n")


def html_escape(value: Any) -> str:
    """`value` as text inside HTML or SVG (quotes escaped too, so it is safe in an attribute);
    control characters, which XML forbids even as entities, shown as their escapes."""
    return html.escape(visible("" if value is None else str(value)), quote=True)
