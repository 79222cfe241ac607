"""XML parsed as untrusted data: no entity declared by the document is ever expanded, no DTD or
external entity is loaded, nothing is fetched.

A record that declares entities in its DOCTYPE is refused before parsing: that is where entity bombs
("billion laughs") and external entities (``<!ENTITY x SYSTEM "file:///etc/passwd">``) live, and no
record of a debate needs them. The parser is configured the same way as a second line of defence
(lxml with ``resolve_entities=False``, ``load_dtd=False``, ``no_network=True``, ``huge_tree=False``).
Entity references the document uses but never declares (``&nbsp;`` from an unloaded JATS DTD) stay
unexpanded in the tree; ``entity_text`` reads the HTML ones by name and drops the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapporteur import _regex as re
from rapporteur.errors import InputError

if TYPE_CHECKING:
    from lxml import etree

_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_PROLOG_LIMIT = 1 << 20  # a DOCTYPE's internal subset longer than this is no record's


_PROLOG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?[^>]{0,500}\?>|<!--(?:[^-]|-(?!->)){0,4000}-->"
    rb"|<!DOCTYPE[^>\[]{0,1000}(?:\[[^\]]{0,20000}\])?\s*>)*"
)
_ROOT_NAME = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)[\s>/]")


def root_name(data: bytes) -> str | None:
    """The local name of the first element after the prolog (declaration, comments, DOCTYPE), from
    the first bytes only: what a sniffer may ask without parsing."""
    head = data[:32768]
    m = _PROLOG.match(head)
    r = _ROOT_NAME.match(head, m.end() if m else 0)
    return r.group(1).decode("ascii", "replace") if r else None


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or ["unknown error"])[0][:200]


def check_prolog(data: bytes, source: str) -> None:
    """Refuse entity declarations in the DOCTYPE (expansion bombs, external entities)."""
    head = data[:_PROLOG_LIMIT]
    m = _DOCTYPE.search(head)
    if m is None:
        return
    # The internal subset runs from the first "[" before the DOCTYPE's ">" to "]>"; a declaration
    # anywhere in it is refused, so no expansion is ever attempted.
    rest = head[m.end() :]
    gt, br = rest.find(b">"), rest.find(b"[")
    if br != -1 and (gt == -1 or br < gt):
        close = re.search(rb"\]\s*>", rest)
        subset = rest[br : close.start()] if close else rest[br:]
        if b"<!ENTITY" in subset.upper():
            raise InputError(
                source,
                "declares XML entities in its DOCTYPE; refused (entity expansion is off: "
                "an entity bomb or an external entity is never read)",
            )
        if close is None:
            raise InputError(source, "is not well-formed XML (unterminated DOCTYPE)")


def parse(data: bytes, source: str) -> etree._Element:
    """The root element of ``data``, or one line saying why it is refused."""
    from lxml import etree

    check_prolog(data, source)
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        why = _first_line(exc)
        if "XML_PARSE_HUGE" in why:  # libxml2's bounds on depth and text size, kept on purpose
            raise InputError(source, f"is over the XML parser's bounds ({why}); refused") from None
        raise InputError(source, f"is not well-formed XML ({why})") from None
    except ValueError as exc:
        raise InputError(source, f"cannot be parsed as XML ({_first_line(exc)})") from None
    if root is None:
        raise InputError(source, "is not well-formed XML (no root element)")
    return root


def local(tag: object) -> str:
    """An element's tag without its namespace ("{http://www.tei-c.org/ns/1.0}u" -> "u"); "" for
    comments, processing instructions and entity references."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def entity_text(node: etree._Element) -> str:
    """The text of an undeclared entity reference: an HTML entity by name, else nothing."""
    import html.entities  # here, not at import: the table is built for an entity reference only

    name = str(node.text or "").strip("&;")
    return html.entities.html5.get(name + ";", "")


def attr(el: etree._Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (``xml:id``, ``xlink:href``)."""
    for k, v in el.attrib.items():
        if local(k) == name:
            return str(v)
    return None


def events(root: etree._Element, skip=lambda el: False):
    """``("start", el)``, ``("text", str)``, ``("end", el)`` in document order, without recursion (a
    record nested ten thousand deep is still read); a subtree ``skip`` refuses is left out, its tail
    kept. Comments and processing instructions give only their tails; undeclared entity references
    their HTML meaning (see ``entity_text``)."""
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        if done:
            yield "end", el
            if el.tail and el is not root:
                yield "text", el.tail
            continue
        if not isinstance(el.tag, str):
            if _is_entity(el):
                yield "text", entity_text(el)
            if el.tail and el is not root:
                yield "text", el.tail
            continue
        if skip(el):
            if el.tail and el is not root:
                yield "text", el.tail
            continue
        yield "start", el
        if el.text:
            yield "text", el.text
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def _is_entity(el: etree._Element) -> bool:
    from lxml import etree

    return isinstance(el, etree._Entity)


__all__ = ["attr", "check_prolog", "entity_text", "events", "local", "parse", "root_name"]
