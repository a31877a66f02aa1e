"""What a Factur-X PDF needs beyond its XML to come close to PDF/A-3B.

`generate_from_binary` (factur-x) attaches the XML, writes the PDF/A-3B and Factur-X
XMP metadata and updates the document information. This module then:

* adds an sRGB output intent (the page is drawn in DeviceRGB and DeviceGray; PDF/A
  needs an ICC profile saying what those colours are). reportlab does not write
  output intents (its catalog drops unknown entries), so it is added here with
  pypdf, the library factur-x itself writes with;
* makes the document information and the XMP metadata say the same thing, as PDF/A
  asks: the creator stays Seat Desk (factur-x writes its own name), the producer,
  keywords and dates agree, and `/Trapped`, which the XMP does not carry, is dropped;
* writes a PDF 1.7 header (PDF/A-3 is based on PDF 1.7).

The sRGB profile is an ICC v2 display profile made here from the IEC 61966-2-1
primaries (adapted to D50) and tone curve, so no colour file has to be shipped.
"""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime
from functools import cache
from io import BytesIO

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

SRGB = "sRGB IEC61966-2.1"
XMP = "http://ns.adobe.com/xap/1.0/"
PDF = "http://ns.adobe.com/pdf/1.3/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# D50-adapted sRGB colorants and the D50 white, as in the usual sRGB profiles.
_WHITE = (0.9642, 1.0, 0.8249)
_RED = (0.4361, 0.2225, 0.0139)
_GREEN = (0.3851, 0.7169, 0.0971)
_BLUE = (0.1431, 0.0606, 0.7141)
_CURVE_POINTS = 1024


def _s15fixed16(values: tuple[float, ...]) -> bytes:
    return b"".join(struct.pack(">i", round(v * 65536)) for v in values)


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ \0\0\0\0" + _s15fixed16(values)


def _srgb_curve() -> bytes:
    """The sRGB tone curve (linear near black, then a 2.4 power), 1024 points."""
    points = []
    for n in range(_CURVE_POINTS):
        x = n / (_CURVE_POINTS - 1)
        y = x / 12.92 if x <= 0.04045 else math.pow((x + 0.055) / 1.055, 2.4)
        points.append(round(y * 65535))
    return b"curv\0\0\0\0" + struct.pack(f">I{_CURVE_POINTS}H", _CURVE_POINTS, *points)


def _description(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + struct.pack(">II", 0, 0)  # no Unicode description
        + struct.pack(">HB", 0, 0)
        + b"\0" * 67  # no Macintosh description
    )


@cache
def srgb_profile() -> bytes:
    """An ICC v2.1 sRGB display profile (RGB to XYZ, matrix and tone curves)."""
    curve = _srgb_curve()
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", _description(SRGB)),
        (b"cprt", b"text\0\0\0\0No copyright, use freely\0"),
        (b"wtpt", _xyz(_WHITE)),
        (b"rXYZ", _xyz(_RED)),
        (b"gXYZ", _xyz(_GREEN)),
        (b"bXYZ", _xyz(_BLUE)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = [], b""
    shared: dict[bytes, int] = {}
    for signature, content in tags:
        if content not in shared:  # the three curves are one block of data
            shared[content] = offset + len(data)
            data += content + b"\0" * (-len(content) % 4)
        table.append(struct.pack(">4sII", signature, shared[content], len(content)))
    body = struct.pack(">I", len(tags)) + b"".join(table) + data
    size = 128 + len(body)
    header = (
        struct.pack(">I4sI", size, b"\0\0\0\0", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24  # platform, flags, manufacturer, model, attributes
        + struct.pack(">I", 0)  # perceptual
        + _s15fixed16(_WHITE)
        + b"\0" * 48  # creator, profile id, reserved
    )
    assert len(header) == 128
    return header + body


def _output_intent(writer: PdfWriter) -> DictionaryObject:
    plain = DecodedStreamObject()
    plain.set_data(srgb_profile())
    profile = plain.flate_encode()
    profile[NameObject("/N")] = NumberObject(3)
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(SRGB),
            NameObject("/Info"): TextStringObject(SRGB),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )


def _xmp_property(packet: etree._Element, namespace: str, name: str, value: str) -> None:
    """Set `namespace:name` to `value`: where the packet has it, else beside the other
    properties of its namespace, else in a description of its own."""
    tag = f"{{{namespace}}}{name}"
    found = packet.find(f".//{tag}")
    if found is None:
        descriptions = list(packet.iter(f"{{{RDF}}}Description"))
        home = next(
            (d for d in descriptions if any(etree.QName(c).namespace == namespace for c in d)),
            None,
        )
        if home is None:
            rdf = packet.find(f".//{{{RDF}}}RDF")
            if rdf is None:
                raise ValueError("the XMP metadata has no rdf:RDF")
            home = etree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        found = etree.SubElement(home, tag)
    found.text = value


def _aligned_xmp(xmp: bytes, creator: str, producer: str, keywords: str, when: datetime) -> bytes:
    """The XMP packet with the creator tool, producer, keywords and dates of the
    document information."""
    packet = etree.fromstring(xmp)
    for node in packet.iter(f"{{{RDF}}}Description"):
        node.set(f"{{{RDF}}}about", node.get(f"{{{RDF}}}about", ""))  # XMP wants it
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    _xmp_property(packet, XMP, "CreatorTool", creator)
    _xmp_property(packet, XMP, "CreateDate", stamp)
    _xmp_property(packet, XMP, "ModifyDate", stamp)
    _xmp_property(packet, XMP, "MetadataDate", stamp)
    _xmp_property(packet, PDF, "Producer", producer)
    if keywords:
        _xmp_property(packet, PDF, "Keywords", keywords)
    body = etree.tostring(packet, encoding="unicode")
    return (
        f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n<?xpacket end="w"?>'
    ).encode()


def archival(content: bytes, creator: str, when: datetime | None = None) -> bytes:
    """The Factur-X PDF `content` with an sRGB output intent and its document
    information and XMP metadata in agreement (creator `creator`), dated `when`
    (now by default)."""
    when = (when or datetime.now(UTC)).astimezone(UTC)
    writer = PdfWriter(clone_from=PdfReader(BytesIO(content)))
    writer.pdf_header = "%PDF-1.7"
    root = writer.root_object
    root[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(_output_intent(writer))])
    # factur-x opens the attachments pane; a reader expects the page first.
    root[NameObject("/PageMode")] = NameObject("/UseNone")
    info = writer._info
    if info is None:
        raise ValueError("the PDF has no document information")
    producer = str(info.get("/Producer", "ReportLab PDF Library")) + "; factur-x; pypdf"
    keywords = str(info.get("/Keywords", ""))
    info.pop(NameObject("/Trapped"), None)
    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata(
        {"/Creator": creator, "/Producer": producer, "/CreationDate": stamp, "/ModDate": stamp}
    )
    metadata = root["/Metadata"].get_object()
    if not isinstance(metadata, StreamObject):
        raise ValueError("the PDF has no XMP metadata stream")
    metadata.set_data(_aligned_xmp(metadata.get_data(), creator, producer, keywords, when))
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
