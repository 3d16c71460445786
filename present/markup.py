"""Text from files, shown as text wherever it meets markup: the one place that escapes it.

A structure file, an uploaded CSV or a council's own document can put anything in a title, a
label, a holder's name or a note. Where the page renders markdown (Streamlit's `st.markdown`,
`st.caption`, `st.header`, `st.error`/`st.warning`/`st.info`, expander and widget labels, `st.table`
cells), a title like `![x](http://host/t.png)` would make every viewer's browser fetch that
address, `[link](javascript:…)` would be a link, `:red[x]` a colour and `$x$` LaTeX. Streamlit has
no escape helper, so:

- `md_escape(text)` escapes every CommonMark punctuation character with a backslash, and the colon as the
  entity `&#58;` (a backslash does not stop Streamlit's `:material/icon:` and `:emoji:` shortcodes;
  the entity does). Newlines become markdown line breaks, so a note keeps its lines. What remains
  of markdown is Streamlit's typographic replacement (`->` shown as an arrow), which no escape
  stops; it changes how two characters look, never what the page does.
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

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=&^\"'])")


def md_escape(value: Any) -> str:
    """`value` as text inside markdown: shown exactly, never as a link, image, colour or formula."""
    text = "" if value is None else str(value)
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return _MARKDOWN.sub(r"\\\1", text).replace(":", "&#58;").replace("\n", "  \n")


def html_escape(value: Any) -> str:
    """`value` as text inside HTML or SVG (quotes escaped too, so it is safe in an attribute);
    control characters, which XML forbids even as entities, shown as their escapes."""
    return html.escape(visible("" if value is None else str(value)), quote=True)
