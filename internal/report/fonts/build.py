#!/usr/bin/env python3
"""Builds the report's fallback fonts from their upstream files.

fpdf reads only a TrueType font's format-4 (Basic Multilingual Plane) cmap,
so Noto Emoji's emoji (U+1F000-U+1FAFF) are moved to the private use code
points U+E000 + (code point - U+1F000); internal/report maps them the same
way. Every fallback keeps only what the Go fonts lack, without hinting.

Needs Debian's python3-fonttools and fonts-noto-core, and the npm package
@expo-google-fonts/noto-emoji (npm pack, then tar xzf): run as
  python3 build.py GO_FONTS_DIR NOTO_EMOJI_TTF
from this directory, with GO_FONTS_DIR golang.org/x/image/font/gofont/ttfs.
"""
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4
from fontTools import subset

NOTO = "/usr/share/fonts/truetype/noto/"
EMOJI_FIRST, EMOJI_LAST, PUA = 0x1F000, 0x1FAFF, 0xE000

go_dir, emoji_src = sys.argv[1], sys.argv[2]
go = None
for style in ("Regular", "Bold", "Italic"):
    cmap = set(TTFont(f"{go_dir}/Go-{style}.ttf").getBestCmap())
    go = cmap if go is None else go & cmap


def write_subset(font, keep, out):
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(keep))
    sub.subset(font)
    font.save(out)
    print(out, len(keep), "code points")


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


emoji = TTFont(emoji_src)
write_subset(emoji, remap_emoji(emoji) - go, "NotoEmoji-Regular.ttf")
covered = set(go)
for name in ("NotoSans-Regular", "NotoSansSymbols2-Regular", "NotoSansArmenian-Regular", "NotoSansGeorgian-Regular"):
    font = TTFont(NOTO + name + ".ttf")
    keep = set(font.getBestCmap()) - covered
    covered |= keep
    write_subset(font, keep, name + ".ttf")
