"""Any other XML: refused with one line rather than mapped as if its tags were prose.

TEI and JATS have their own readers and HTML (XHTML too) its own; an XML file that is none of them
(a feed, an office format's part, a dataset) holds no record this tool can read faithfully, and
reading its markup as words would make claims of attribute values. ``--format text`` still reads it
as plain text for whoever wants that.
"""

from __future__ import annotations

from rapporteur.errors import InputError
from rapporteur.ingest._xml import check_prolog, parse, root_name
from rapporteur.ingest.reader import Extracted

FORMAT = "xml"
SUFFIXES: tuple[str, ...] = ()  # never by extension: a ".xml" TEI sitting must reach the TEI reader
PRIORITY = 950  # after every reader that knows an XML dialect (TEI, JATS, XHTML), before plain text
BINARY = False
SNIFF_NEEDS = (b"<?xml",)  # sniff claims only bytes holding one of these: the XML declaration


def sniff(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") and root_name(data) is not None


def read(data: bytes, source: str) -> Extracted:
    check_prolog(data, source)
    root = parse(data, source)  # malformed XML is refused as such, before the dialect is
    name = root_name(data) or str(root.tag)
    raise InputError(
        source,
        f"is XML with root <{name}>, not a dialect rapporteur reads (TEI, JATS, XHTML); "
        "--format text reads it as plain text",
    )
