"""One-line YAML values of the corrections file, read and written without a YAML library.

The tool writes every entry of a corrections file in one fixed layout: a ``key: value`` line per
field, each value a plain, single-quoted or double-quoted scalar, a whole number, a decimal, or a
one-line flow list of scalars (``readings: [Stalin, 'St. alin']``). Parsing 23,000 such entries
with a general YAML library takes 40 s (ruamel.yaml) or 5 s (libyaml); reading them line by line
takes a fraction of a second. This module is that reader and its writer:

- :func:`encode` / :func:`decode` — a string as a one-line scalar, and back;
- :func:`encode_list` / :func:`decode_list` — a list of strings as a flow list, and back;
- :func:`decode_int` / :func:`decode_number` — ``start``, ``end`` and ``confidence``.

A decoder returns None for any text outside the layout (a comment, an anchor, a multi-line or
unusual scalar, a value YAML would read as another type): the caller then hands that entry to
ruamel.yaml, which reads everything. So the fast reader never guesses: what it accepts it reads
exactly as YAML does (checked against ruamel.yaml by property tests), and the rest is read by
the full parser.

>>> encode("V1adimir"), encode("it's"), encode("a: b"), encode("tab\\there"), encode("yes")
('V1adimir', "it's", "'a: b'", '"tab\\\\there"', "'yes'")
>>> decode("'a: b'"), decode('"tab\\\\there"'), decode("a #comment")
('a: b', 'tab\\there', None)
>>> encode_list(["Stalin", "St, alin"]), decode_list("[Stalin, 'St, alin']")
("[Stalin, 'St, alin']", ['Stalin', 'St, alin'])
"""
from __future__ import annotations

import functools
import re

# YAML 1.2 "c-printable" minus the characters YAML treats as line breaks (\x85, \u2028, \u2029,
# folded away inside single quotes) and the byte-order mark: a string made only of these can
# be written between single quotes, on one line.
_QUOTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                       "\U00010000-\U0010ffff]*")

# A plain scalar's first character may not be an indicator; '-', '?' and ':' may start one
# only when a non-space follows (``-street`` is plain, ``- x`` would open a list item).
#: Any character outside :data:`_QUOTABLE` but the line break: a text without one can be read
#: value by value with :func:`decode_matched`.
UNPRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                         "\U00010000-\U0010ffff]")
_PLAIN_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BAD = re.compile(r"[,\[\]{}]")

# Everything YAML 1.2 (ruamel.yaml, the reference reader here) resolves to a type other than a
# string: null, booleans, integers, floats, timestamps, merge and value keys. A plain value of
# this form is left to the full parser.
_RESOLVED = r"""
    ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
  | [-+]? [0-9][0-9_]* (?: \.[0-9_]* )? (?: [eE][-+]?[0-9]+ )?
  | [-+]? \.[0-9][0-9_]* (?: [eE][-+]?[0-9]+ )?
  | [-+]? \.(?: inf | Inf | INF ) | \.(?: nan | NaN | NAN )
  | [-+]? 0[bB][01_]+ | [-+]? 0[oO]?[0-7_]+ | [-+]? 0[xX][0-9a-fA-F_]+
  | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}
    (?: (?:[Tt]|[ \t]+) [0-9]{1,2}:[0-9]{2}:[0-9]{2} (?:\.[0-9]*)?
        (?: [ \t]* (?: Z | [-+][0-9]{1,2}(?::[0-9]{2})? ) )? )?
  | << | =
"""
_READ_SPECIAL = re.compile(rf"(?x)^(?:{_RESOLVED})$")
# When writing, also quote what YAML 1.1 readers (PyYAML, older tools) take for booleans or
# sexagesimal numbers: yes/no/on/off, y/n, 12:30.
_WRITE_SPECIAL = re.compile(rf"""(?x)^(?:{_RESOLVED}
  | [yYnN] | yes | Yes | YES | no | No | NO | on | On | ON | off | Off | OFF
  | [-+]? [0-9][0-9_]* (?: :[0-5]?[0-9] )+ (?: \.[0-9_]* )?
)$""")

_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_UNESCAPE_ONE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
                 "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
                 "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_ESCAPE_ONE = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
               "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\",
               "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_INT = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def is_plain(s: str, flow: bool = False, *, reading: bool = False) -> bool:
    """True when ``s`` can stand unquoted as a one-line YAML value and reads back as itself
    (``flow``: inside a flow list, where ``,[]{}`` are structure; ``reading``: as YAML 1.2
    reads it, else as every YAML reader does).

    >>> is_plain("-street"), is_plain("- x"), is_plain("1st"), is_plain("12"), is_plain("a,b", flow=True)
    (True, False, True, False, False)
    """
    if not s or s[0] == " " or s[-1] == " " or s[-1] == ":":
        return False
    first = s[0]
    if first in _PLAIN_FIRST_BAD and (first not in "-?:" or len(s) == 1 or s[1] == " "):
        return False
    if ": " in s or " #" in s or _QUOTABLE.fullmatch(s) is None:
        return False
    if flow and (_FLOW_BAD.search(s) or first in "?:"):  # `[?x]` opens a mapping key
        return False
    return (_READ_SPECIAL if reading else _WRITE_SPECIAL).match(s) is None


@functools.lru_cache(maxsize=1 << 16)
def encode(s: str, flow: bool = False) -> str:
    """``s`` as a one-line YAML scalar: plain if it can be, else single-quoted, else
    double-quoted with escapes (for tabs, line breaks, control characters)."""
    if is_plain(s, flow):
        return s
    if _QUOTABLE.fullmatch(s):
        return "'" + s.replace("'", "''") + "'"
    out = []
    for ch in s:
        if ch in _ESCAPE_ONE:
            out.append(_ESCAPE_ONE[ch])
        elif _QUOTABLE.fullmatch(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else
                       f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def _unescape(m: re.Match[str]) -> str:
    esc = m.group(1)
    if len(esc) > 1:
        return chr(int(esc[1:], 16))
    return _UNESCAPE_ONE[esc]  # KeyError: an escape YAML does not know (caught by decode)


def decode(raw: str, flow: bool = False) -> str | None:
    """The string a one-line scalar stands for, or None when ``raw`` is outside the layout."""
    if not raw:
        return None
    first = raw[0]
    if first == "'":
        m = _SINGLE.fullmatch(raw)
        if m is None or not _QUOTABLE.fullmatch(m.group(1)):
            return None
        return m.group(1).replace("''", "'")
    if first == '"':
        m = _DOUBLE.fullmatch(raw)
        if m is None:
            return None
        body = m.group(1)
        if "\\" not in body:
            return body if _QUOTABLE.fullmatch(body) else None
        try:
            value = _ESCAPE.sub(_unescape, body)
        except KeyError:
            return None
        return value if all(_QUOTABLE.fullmatch(p) for p in _ESCAPE.split(body)[::2]) else None
    return raw if is_plain(raw, flow, reading=True) else None


#: The first characters of the plain scalars that YAML 1.2 reads as other types.
_SPECIAL_FIRST = frozenset("~nNtTfF+-.0123456789<=")


def decode_matched(raw: str) -> str | None:
    """:func:`decode` for a value already matched as a plain or quoted scalar by the entry
    pattern of :mod:`edition.store.layout`, in a text known to hold only printable characters:
    only what that pattern cannot tell is checked (escapes, and plain values YAML reads as
    numbers, booleans, dates or null)."""
    first = raw[0]
    if first == "'":
        return raw[1:-1].replace("''", "'")
    if first == '"':
        return decode(raw)
    if first in _SPECIAL_FIRST and _READ_SPECIAL.match(raw):
        return None
    return raw


# The one-line forms, as regular expressions (the entry pattern of edition.store.layout is
# built from them): a plain scalar (no indicator first, no ": " or " #" inside, no tab, no
# trailing space), in a flow list also without ,[]{}; a single- or double-quoted scalar.
PLAIN = (r"""(?:[^ \t\r\n\-?:,\[\]{}#&*!|>'"%@`]|[-?:](?=[^ \t\r\n]))"""
         r"""[^\n\t:#]*(?:(?::(?![ \n])|(?<! )\#)[^\n\t:#]*)*(?<! )""")
FLOW_PLAIN = (r"""(?:[^ \t\r\n\-?:,\[\]{}#&*!|>'"%@`]|-(?=[^ \t\r\n,\[\]{}]))"""
              r"""[^\n\t:#,\[\]{}]*(?:(?::(?![ \n,\[\]{}])|(?<! )\#)[^\n\t:#,\[\]{}]*)*(?<! )""")
QUOTED = r"'[^'\n\t]*(?:''[^'\n\t]*)*'" + r'|"[^"\\\n\t]*(?:\\[^\n][^"\\\n\t]*)*"'
FLOW_ITEM = rf"(?:{QUOTED}|{FLOW_PLAIN})"
_FLOW_ITEMS = re.compile(FLOW_ITEM)


def decode_list_matched(raw: str) -> list[str] | None:
    """:func:`decode_list` for a flow list matched by the entry pattern of
    :mod:`edition.store.layout`, in a text known to hold only printable characters."""
    out = []
    for m in _FLOW_ITEMS.finditer(raw, 1, len(raw) - 1):
        value = decode_matched(m.group(0))
        if value is None:
            return None
        out.append(value)
    return out


def encode_list(items: list[str] | tuple[str, ...]) -> str:
    """A flow list of scalars on one line: ``[a, 'b, c']`` (``[]`` when empty)."""
    return "[" + ", ".join(encode(s, flow=True) for s in items) + "]"


_ITEM = re.compile(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^,\[\]{}'"][^,\[\]{}]*""")


def decode_list(raw: str) -> list[str] | None:
    """The strings of a one-line flow list, or None when ``raw`` is outside the layout."""
    if len(raw) < 2 or raw[0] != "[" or raw[-1] != "]":
        return None
    body = raw[1:-1]
    if not body:
        return []
    out: list[str] = []
    pos = 0
    while True:
        m = _ITEM.match(body, pos)
        if m is None:
            return None
        value = decode(m.group(0), flow=True)
        if value is None:
            return None
        out.append(value)
        pos = m.end()
        if pos == len(body):
            return out
        if not body.startswith(", ", pos):
            return None
        pos += 2


def decode_int(raw: str) -> int | None:
    """A whole number written in decimal digits, or None."""
    return int(raw) if _INT.fullmatch(raw) else None


def decode_number(raw: str) -> float | None:
    """A decimal number (``0.97``, ``1``), or None."""
    return float(raw) if _NUMBER.fullmatch(raw) else None


def encode_number(x: int | float) -> str:
    """A number as the layout writes it (``repr``, as YAML libraries do)."""
    return repr(x)
