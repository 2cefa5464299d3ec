package pdf

import (
	_ "embed" // the fonts
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// The fonts: DejaVu Sans (regular, bold, oblique) from Debian's
// fonts-dejavu-core 2.37, under the Bitstream Vera licence with the DejaVu
// changes in the public domain (fonts/LICENSE). They cover Latin with æ ø å
// and every other letter a Norwegian text meets (Sami included), the
// non-breaking space, the en dash and the typographic quotes.
var (
	//go:embed fonts/DejaVuSans.ttf
	sansRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	sansBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	sansOblique []byte
)

// family is the font family name used inside the documents.
const family = "DejaVuSans"

// Replacement is what a character the fonts lack (an emoji pasted from a
// spreadsheet) is shown as: U+FFFD, the Unicode replacement character.
const Replacement = '\uFFFD'

var (
	coverOnce sync.Once
	cover     []uint64 // bit r set: every embedded face has a glyph for rune r (r < 0x10000)
)

// coverage computes, once, the runes all three faces draw. The PDF writer
// handles the Basic Multilingual Plane only, so runes above U+FFFF are
// never covered.
func coverage() []uint64 {
	coverOnce.Do(func() {
		bits := make([]uint64, 0x10000/64)
		for i := range bits {
			bits[i] = ^uint64(0)
		}
		var buf sfnt.Buffer
		for _, data := range [][]byte{sansRegular, sansBold, sansOblique} {
			f, err := sfnt.Parse(data)
			if err != nil {
				panic("pdf: embedded font does not parse: " + err.Error()) // tested
			}
			for r := 0; r < 0x10000; r++ {
				if bits[r/64]&(1<<(r%64)) == 0 {
					continue
				}
				if gi, err := f.GlyphIndex(&buf, rune(r)); err != nil || gi == 0 {
					bits[r/64] &^= 1 << (r % 64)
				}
			}
		}
		cover = bits
	})
	return cover
}

// Covered reports whether the embedded fonts draw r.
func Covered(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	return coverage()[r/64]&(1<<(r%64)) != 0
}

// Clean returns s as the documents print it: tabs as spaces, carriage
// returns and other control characters (except line feeds) dropped,
// zero-width joiners and variation selectors (parts of emoji sequences)
// dropped, and every other character the fonts lack replaced by
// Replacement (a run of them by one). It never fails, so no text can break a document.
func Clean(s string) string {
	ok := true
	for _, r := range s {
		if r == '\t' || r == '\r' || r >= 0x80 || r < 0x20 && r != '\n' {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			out = append(out, r)
		case r == '\t':
			out = append(out, ' ')
		case r == '\u200d' || r == '\u200b' || r >= '\ufe00' && r <= '\ufe0f' || r >= 0xe0100 && r <= 0xe01ef,
			r >= 0x1f3fb && r <= 0x1f3ff: // joiners, variation selectors, skin tones
		case unicode.IsControl(r) || r == unicode.ReplacementChar && !Covered(r):
		case Covered(r):
			out = append(out, r)
		case len(out) > 0 && out[len(out)-1] == Replacement:
			// one mark for a run of them: a family emoji is one sign
		default:
			out = append(out, Replacement)
		}
	}
	return string(out)
}
