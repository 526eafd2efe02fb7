"""What a visible signature shows (its pyHanko stamp): lines of text in the report's font, and optionally a
handwritten signature image above them.

pyHanko embeds a TrueType font in the stamp with its glyph widths as they are; a PDF reads them per 1000 units,
so the font is first cut down to the characters of the lines and scaled to 1000 units per em (DejaVu Sans has
2048: its letters would stand twice as far apart).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont, TTLibError
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko import stamp
from pyhanko.pdf_utils import images, layout, text
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from inspector_app.crypto import CryptoError


@dataclass(frozen=True)
class Appearance:
    """What a visible signature shows: ``lines`` of text (already worded in the report's language), and
    optionally a handwritten signature ``image`` (PNG or JPEG bytes) above them; ``font`` a TrueType file."""

    lines: tuple[str, ...]
    font: Path
    image: bytes | None = None


@contextmanager
def stamp_style(appearance: Appearance | None) -> Iterator[stamp.BaseStampStyle | None]:
    """The pyHanko stamp style drawing ``appearance`` (pyHanko's default when None), with its image in a
    scratch folder (pyHanko opens images by path), removed afterwards."""
    if appearance is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="inspector-stamp-") as scratch:
        box_style = text.TextBoxStyle(font=font_factory(appearance.font, "".join(appearance.lines)), font_size=7,
                                      leading=8)
        template = "\n".join(line.replace("%", "%%") for line in appearance.lines)
        below = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                           y_align=layout.AxisAlignment.ALIGN_MIN,
                                           margins=layout.Margins(left=2, right=2, top=2, bottom=2))
        if appearance.image is None:
            yield stamp.TextStampStyle(stamp_text=template, text_box_style=box_style, border_width=0,
                                       inner_content_layout=below)
            return
        picture = Path(scratch) / "signature.img"
        picture.write_bytes(appearance.image)
        # the image in the upper part of the field, above the lines of text
        above = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                           y_align=layout.AxisAlignment.ALIGN_MAX,
                                           margins=layout.Margins(left=2, right=2, top=1,
                                                                  bottom=9 * len(appearance.lines) + 4))
        yield stamp.TextStampStyle(stamp_text=template, text_box_style=box_style, border_width=0,
                                   inner_content_layout=below, background=images.PdfImage(str(picture)),
                                   background_layout=above, background_opacity=1.0)


class _FontFactory(FontEngineFactory):
    """pyHanko's font engine (``GlyphAccumulatorFactory``) on font bytes: that one opens a file, left open."""

    def __init__(self, font: bytes) -> None:
        self.font = font

    def create_font_engine(self, writer: BasePdfFileWriter, obj_stream: object = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()  # type: ignore[no-untyped-call]
        return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(self.font), font_size=10,
                                obj_stream=obj_stream)


def font_factory(path: Path, chars: str) -> FontEngineFactory:
    """pyHanko's font engine for the TrueType file at ``path``, drawing ``chars`` only (see ``_font``)."""
    return _FontFactory(_font(path, chars))


def _font(path: Path, chars: str) -> bytes:
    """The font at ``path`` cut down to the glyphs of ``chars`` and scaled to 1000 units per em: pyHanko writes
    the font's glyph widths as they are into the PDF, which reads them per 1000 units
    (DejaVu Sans has 2048: its letters would stand twice as far apart). Subsetting first keeps it fast."""
    try:
        font = TTFont(str(path))
        options = subset.Options()
        options.layout_features = ["*"]
        options.drop_tables = [*options.drop_tables, "FFTM"]
        cutter = subset.Subsetter(options)
        cutter.populate(text=chars)
        cutter.subset(font)
        scale_upem(font, 1000)
        out = io.BytesIO()
        font.save(out)
    except (OSError, TTLibError) as exc:
        raise CryptoError(f"the font {path.name} could not be read: {exc}") from exc
    return out.getvalue()
