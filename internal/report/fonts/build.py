#!/usr/bin/env python3
"""Builds the report's fonts from their upstream files.

The body faces are Noto Sans Regular, Bold and Italic with every character
of the Basic Multilingual Plane they have (Latin, Greek, Cyrillic), without
hinting or OpenType layout tables (fpdf uses neither). Noto Sans 2.0 has no
minus sign (U+2212), which the report's changes use, so each face gets one
drawn as its plus sign's bar, as wide as the plus and the figures (tabular);
nor the arrows the report's own text uses (U+2190-U+2193), so each face gets
Noto Sans Math's, which spares every report a fallback font.

fpdf reads only a TrueType font's format-4 (Basic Multilingual Plane) cmap,
so Noto Emoji's emoji (U+1F000-U+1FAFF) are moved to the private use code
points U+E000 + (code point - U+1F000); internal/report maps them the same
way. Every fallback keeps only what the Go fonts and Noto Sans lack (the Go
regular face is itself the last fallback), without hinting.

Needs Debian's python3-fonttools and fonts-noto-core, and the npm package
@expo-google-fonts/noto-emoji (npm pack, then tar xzf): run as
  python3 build.py GO_FONTS_DIR NOTO_EMOJI_TTF
from this directory, with GO_FONTS_DIR golang.org/x/image/font/gofont/ttfs;
  python3 build.py body
builds the body faces only.
"""
import copy
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset

NOTO = "/usr/share/fonts/truetype/noto/"
BODY = ("NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic")
EMOJI_FIRST, EMOJI_LAST, PUA = 0x1F000, 0x1FAFF, 0xE000
MINUS = 0x2212
ARROWS = range(0x2190, 0x2194)


def write_subset(font, keep, out):
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(keep))
    sub.subset(font)
    for tag in ("GDEF", "GPOS", "GSUB"):
        if tag in font:
            del font[tag]
    font.save(out)
    print(out, len(keep), "code points")


def add_minus(font):
    """Adds U+2212 as the plus sign's horizontal bar, with the plus's width."""
    cmap = font.getBestCmap()
    glyf, hmtx = font["glyf"], font["hmtx"]
    plus = glyf[cmap[ord("+")]]
    coords, _, _ = plus.getCoordinates(glyf)
    left, right = min(x for x, _ in coords), max(x for x, _ in coords)
    bar = sorted({y for x, y in coords if x == left})
    pen = TTGlyphPen(None)
    pen.moveTo((left, bar[0]))
    pen.lineTo((left, bar[-1]))
    pen.lineTo((right, bar[-1]))
    pen.lineTo((right, bar[0]))
    pen.closePath()
    glyph = pen.glyph()
    glyph.recalcBounds(glyf)
    font.setGlyphOrder(font.getGlyphOrder() + ["minus"])
    glyf["minus"] = glyph
    hmtx["minus"] = (hmtx[cmap[ord("+")]][0], left)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[MINUS] = "minus"


def add_from(font, source, code_points):
    """Copies the glyphs of code_points (simple outlines, the same units per
    em) from source into font."""
    src_cmap, dst_glyf, dst_hmtx = source.getBestCmap(), font["glyf"], font["hmtx"]
    assert source["head"].unitsPerEm == font["head"].unitsPerEm
    order = font.getGlyphOrder()
    for cp in code_points:
        name = src_cmap[cp]
        glyph = copy.deepcopy(source["glyf"][name])
        assert not glyph.isComposite()
        new = f"uni{cp:04X}"
        order.append(new)
        font.setGlyphOrder(order)
        dst_glyf[new] = glyph
        dst_hmtx[new] = source["hmtx"][name]
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[cp] = new


def build_body():
    """Writes the three body faces, each with the characters all three have."""
    fonts = [TTFont(NOTO + name + ".ttf") for name in BODY]
    common = set.intersection(*(set(f.getBestCmap()) for f in fonts))
    keep = {cp for cp in common if cp <= 0xFFFF} | {MINUS} | set(ARROWS)
    math = TTFont(NOTO + "NotoSansMath-Regular.ttf")
    for name, font in zip(BODY, fonts):
        if MINUS not in font.getBestCmap():
            add_minus(font)
        add_from(font, math, [cp for cp in ARROWS if cp not in font.getBestCmap()])
        write_subset(font, keep, name + ".ttf")
    return keep


def remap_emoji(font):
    best = font.getBestCmap()
    mapping = {}
    for cp, glyph in best.items():
        if cp <= 0xFFFF and not (0xE000 <= cp <= 0xF8FF):
            mapping[cp] = glyph
        elif EMOJI_FIRST <= cp <= EMOJI_LAST:
            mapping[PUA + cp - EMOJI_FIRST] = glyph
    tables = []
    for platform, encoding in ((0, 3), (3, 1)):
        t = cmap_format_4(4)
        t.platformID, t.platEncID, t.language, t.cmap = platform, encoding, 0, dict(mapping)
        tables.append(t)
    font["cmap"].tables = tables
    for tag in ("GSUB", "vhea", "vmtx", "STAT"):
        if tag in font:
            del font[tag]
    return set(mapping)


def build_fallbacks(go_dir, emoji_src):
    go = None
    for style in ("Regular", "Bold", "Italic"):
        cmap = set(TTFont(f"{go_dir}/Go-{style}.ttf").getBestCmap())
        go = cmap if go is None else go & cmap
    emoji = TTFont(emoji_src)
    write_subset(emoji, remap_emoji(emoji) - go, "NotoEmoji-Regular.ttf")
    covered = set(go) | set(TTFont(NOTO + "NotoSans-Regular.ttf").getBestCmap())
    for name in ("NotoSansSymbols2-Regular", "NotoSansArmenian-Regular", "NotoSansGeorgian-Regular"):
        font = TTFont(NOTO + name + ".ttf")
        keep = set(font.getBestCmap()) - covered
        covered |= keep
        write_subset(font, keep, name + ".ttf")


if __name__ == "__main__":
    build_body()
    if sys.argv[1:] != ["body"]:
        build_fallbacks(sys.argv[1], sys.argv[2])
