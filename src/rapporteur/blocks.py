"""Blocks and headings: a record's text cut at blank lines (fenced code kept whole), and the blocks
that read as headings, with their numbering scheme. The first step of ``rapporteur.structure``, kept
apart because everything here is a pure function of the text and its offsets.
"""

from __future__ import annotations

from rapporteur import _regex as re
from rapporteur.lexicon import words

# ---------------------------------------------------------------------------------------------- blocks

_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*\s*$")
_NUMBERED = re.compile(
    r"^(?:(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?|(?:(?P<roman>[IVXLC]{1,6})|(?P<arabic>\d{1,2})|(?P<letter>[A-Z])"
    r"|(?P<lroman>[ivx]{1,5}))[.)])[ \t]+\S"
)
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,}|(?:\* ){2,}\*)\s*$")
_NOTE_MARK = re.compile(r"^(?:\\?\*+|†|‡|\[\^?\d+\]:?|\d{1,2}[.)]?\s)")
_FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?(?:^\1[ \t]*$|\Z)", re.M | re.S)
_TURN_START = re.compile(
    r"(?:\*\*[^*\n]{1,60}(?::\*\*|\*\*:)|\[[^\]\n]{1,40}\][ \t]|<[^>\n]{1,40}>[ \t]"
    r"|\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+[^\n:]{1,40}:[ \t]"
    r"|[A-Z][\w.'’\- ]{0,40}:[ \t]+\S[^\n]*[.!?]"
    r"|[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,3}[ \t]+[\[(]?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t]?[AaPp]\.?[Mm]\.?)?[\])]?[ \t]*\n)"
)
_TERMINATED = re.compile(r"""[.!?:;]["'”’)\]*_]*$|[.!?]\s*\([^()]{1,80}\)$""")
_CLOSERS = frozenset("\"'”’)]*_")
_TAIL_ASIDE = re.compile(r"\([^()]{1,80}\)$")


def _terminated(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends a sentence: ``_TERMINATED.search(text[start:end].rstrip())``,
    read back from the end instead of tried at every position of a block (a stop before closing
    quotes and brackets, or a stop, spaces and one short aside "(...)")."""
    while end > start and text[end - 1].isspace():
        end -= 1
    k = end
    while k > start and text[k - 1] in _CLOSERS:
        k -= 1
    if k > start and text[k - 1] in ".!?:;":
        return True
    m = _TAIL_ASIDE.search(text, max(start, end - 82), end)  # the aside is at most 82 characters
    if m is None:
        return False
    k = m.start()
    while k > start and text[k - 1].isspace():
        k -= 1
    return k > start and text[k - 1] in ".!?"


class Block:
    """A run of non-blank lines; ``start:end`` excludes surrounding whitespace."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("_source", "end", "start")

    def __init__(self, start: int, end: int, source: str) -> None:
        self.start = start
        self.end = end
        # The text is cut from the source when read, not kept: the blocks of a record would otherwise
        # hold a second copy of it, most of what laying out a large record held at its peak. Readers
        # of a block's text read it once (``text`` makes a new string each time).
        self._source = source

    @property
    def text(self) -> str:
        return self._source[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Fenced code in Markdown: never prose, never headings ("# comment"), never attributions."""
    if "```" not in text and "~~~" not in text:
        return []
    return [(m.start(), m.end()) for m in _FENCE.finditer(text)]


def blocks(text: str) -> list[Block]:
    """Blank-line separated blocks, with fenced code left out."""
    code = code_spans(text)
    out = _blocks(text)
    if code:
        out = [b for b in out if not any(s < b.end and b.start < e for s, e in code)]
    return out


def _blocks(text: str) -> list[Block]:
    out: list[Block] = []
    pos = 0
    for m in _BLOCK_SPLIT.finditer(text):
        _add_block(out, text, pos, m.start())
        pos = m.end()
    _add_block(out, text, pos, len(text))
    return out


def _add_block(out: list[Block], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Block(start, end, text))


# -------------------------------------------------------------------------------------------- headings


class Heading:
    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("block", "end", "markup_level", "scheme", "start", "title")

    def __init__(
        self, start: int, end: int, title: str, markup_level: int, scheme: str | None, block: int
    ) -> None:
        self.start = start  # the title's characters, without markup
        self.end = end
        self.title = title
        self.markup_level = markup_level  # 1-6 for '#' headings, 7 for bold or plain lines
        self.scheme = scheme  # numbering scheme: roman, arabic, dotted2, letter, lroman
        self.block = block


def _strip_markup(block: Block) -> tuple[int, int, int] | None:
    """(title start, title end, markup level) if the block is a one-line heading candidate."""
    if len(block) > 160:
        return None
    bt = block.text
    if "\n" in bt:
        return None
    m = _MD_HEADING.match(bt)
    if m:
        return block.start + m.start(2), block.start + m.end(2), len(m.group(1))
    m = _BOLD_LINE.match(bt)
    if m:
        return block.start + m.start(1), block.start + m.end(1), 7
    return block.start, block.end, 7


def _scheme(title: str) -> str | None:
    m = _NUMBERED.match(title)
    if not m:
        return None
    for name in ("roman", "dotted", "arabic", "letter", "lroman"):
        if m.group(name):
            return f"dotted{m.group('dotted').count('.') + 1}" if name == "dotted" else name
    return None


_BULLETED = re.compile(r"[-*+•][ \t]")
_BOLD_TURN = re.compile(r"\*\*[^*\n]{1,60}(?::\*\*|\*\*[ \t]*:)[ \t]*\S")
_STOP = re.compile(r"[.!?]")
_PROSE_WORD = re.compile(r"[a-z]{3,}[,.;:]? ")


def _is_plain_title(title: str) -> bool:
    """A short line that reads as a title, not a sentence: capitalised, no final period, few words."""
    if _BULLETED.match(title) or _BOLD_TURN.match(title):
        return False  # a list item, or a speaker's turn ("**Name:** Okay."), is no title
    head, colon, rest = title.partition(": ")
    if colon and len(head.split()) <= 3 and _STOP.search(rest):
        return False  # "Name: Okay, let's do it!" is a turn, not a title
    if colon and head.strip(" *_#").lower() in words("structure", "roster_headers"):
        return False  # "Present: Ana, Ben" lists people; it heads nothing
    t = title.strip("*_ ")
    if not t or not (t[0].isupper() or t[0].isdigit()) or len(t) > 120:
        return False
    if t.endswith((".", ",", ";", ":")) and not _NUMBERED.match(t):
        return False
    n_words = len(t.split())
    if n_words > 14:
        return False
    caps = sum(1 for w in t.split() if w[:1].isupper() or not w[:1].isalpha())
    return caps / n_words >= 0.5


def find_headings(text: str, blks: list[Block]) -> list[Heading]:
    """Headings are one-line blocks followed by prose; '#' lines always count."""
    out: list[Heading] = []
    for i, b in enumerate(blks):
        stripped = _strip_markup(b)
        if stripped is None:
            continue
        s, e, level = stripped
        title = text[s:e]
        scheme = _scheme(title)
        if level > 6:
            nxt = blks[i + 1] if i + 1 < len(blks) else None
            # a numbered title may head a subsection directly ("2. Cycling" then "2.1 Safety")
            nt = nxt.text if nxt is not None else ""
            follows = nxt is not None and (_is_prose(nt) or (scheme is not None and "\n" not in nt))
            if not follows or not _is_plain_title(title):
                continue
        out.append(Heading(s, e, title, level, scheme, i))
    return out


def _is_prose(text: str) -> bool:
    # twelve words are counted without splitting the whole block: split(None, 12) gives min(words, 13)
    return len(text) >= 80 and len(text.split(None, 12)) >= 12 and bool(_PROSE_WORD.search(text))
