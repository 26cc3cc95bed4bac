"""Where each element of an XML file lies in its text, so that a change can be spliced into the
file and every other byte kept.

lxml parses and serializes, but re-serializing a whole file changes bytes nobody changed
(quotes, the spacing inside tags, character references). :func:`element_spans` scans the
decoded text once and returns, for every element in document order (the order of
``[e for e in root.iter() if isinstance(e.tag, str)]``), the span from the ``<`` of its start
tag to the ``>`` of its end tag. Comments, processing instructions, CDATA sections and the
document type declaration are skipped.

>>> text = '<?xml version="1.0"?><!-- c --><a x=">"><b/><c>t<![CDATA[<d>]]></c></a>'
>>> [text[s:e] for s, e in element_spans(text)]
['<a x=">"><b/><c>t<![CDATA[<d>]]></c></a>', '<b/>', '<c>t<![CDATA[<d>]]></c>']
"""
from __future__ import annotations

import re

_START = re.compile(r"""<([^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_END = re.compile(r"</([^\s>]+)\s*>")


def element_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every element of the XML document ``text``, in document order."""
    spans: list[list[int]] = []
    open_: list[tuple[str, int]] = []
    i = text.find("<")
    while i != -1:
        if text.startswith("<!--", i):
            i = _after(text, "-->", i)
        elif text.startswith("<![CDATA[", i):
            i = _after(text, "]]>", i)
        elif text.startswith("<?", i):
            i = _after(text, "?>", i)
        elif text.startswith("<!", i):
            i = _after_doctype(text, i)
        elif text.startswith("</", i):
            m = _END.match(text, i)
            if not m or not open_ or open_[-1][0] != m.group(1):
                raise ValueError(f"unbalanced end tag at character {i}")
            _, index = open_.pop()
            spans[index][1] = m.end()
            i = m.end()
        else:
            m = _START.match(text, i)
            if not m:
                raise ValueError(f"cannot read the tag at character {i}")
            spans.append([i, m.end()])
            if not m.group(2):
                open_.append((m.group(1), len(spans) - 1))
            i = m.end()
        i = text.find("<", i)
    if open_:
        raise ValueError(f"element <{open_[-1][0]}> is not closed")
    return [(s, e) for s, e in spans]


def _after(text: str, end: str, i: int) -> int:
    j = text.find(end, i)
    if j == -1:
        raise ValueError(f"unterminated markup at character {i}")
    return j + len(end)


def _after_doctype(text: str, i: int) -> int:
    """The end of ``<!DOCTYPE ...>``, an internal subset in brackets included."""
    depth, quote = 0, ""
    for j in range(i + 2, len(text)):
        ch = text[j]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == ">" and depth == 0:
            return j + 1
    raise ValueError(f"unterminated declaration at character {i}")


def splice(text: str, changes: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced; the spans must not overlap.

    >>> splice("abcdef", [(4, 5, "E"), (0, 1, "")])
    'bcdEf'
    """
    out, last = [], len(text)
    for start, end, new in sorted(changes, reverse=True):
        if end > last:
            raise ValueError(f"overlapping changes at {start}..{end}")
        out.append(text[end:last])
        out.append(new)
        last = start
    out.append(text[:last])
    return "".join(reversed(out))
