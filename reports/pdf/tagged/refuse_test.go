package tagged_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/pdftest"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// small returns an fpdf document with one page and its tagger.
func small() (*fpdf.Fpdf, *tagged.Tagger) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 10)
	tg := tagged.New(f)
	f.AddPage()
	return f, tg
}

func TestTagger_refuses(t *testing.T) {
	cases := []struct {
		name, want string
		draw       func(f *fpdf.Fpdf, tg *tagged.Tagger)
		opt        tagged.Options
	}{
		{"figure without alt", "no alternative text", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			tg.Mark(tg.Root().Add(tagged.Figure), func() { f.Rect(10, 10, 20, 20, "F") })
		}, tagged.Options{Lang: "nb-NO"}},
		{"header cell without scope", "scope", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			tg.Mark(tg.Root().Add(tagged.Table).Add(tagged.TR).Add(tagged.TH), func() { f.Cell(20, 5, "A") })
		}, tagged.Options{Lang: "nb-NO"}},
		{"nested marked content", "does not nest", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			p := tg.Root().Add(tagged.P)
			tg.Mark(p, func() { tg.Artifact(func() { f.Cell(20, 5, "A") }) })
		}, tagged.Options{Lang: "nb-NO"}},
		{"unknown type", "unknown structure type", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			tg.Mark(tg.Root().Add("Paragraph"), func() { f.Cell(20, 5, "A") })
		}, tagged.Options{Lang: "nb-NO"}},
		{"no language", "Lang is required", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			tg.Mark(tg.Root().Add(tagged.P), func() { f.Cell(20, 5, "A") })
		}, tagged.Options{}},
		{"a link left out of the structure", "annotation 2 of 2 is not claimed", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			lk := tg.Root().Add(tagged.Link)
			tg.Mark(lk, func() { f.CellFormat(20, 5, "A", "", 0, "L", false, 0, "https://a.example") })
			tg.Annotation(lk, "A")
			f.CellFormat(20, 5, "B", "", 0, "L", false, 0, "https://b.example")
		}, tagged.Options{Lang: "nb-NO"}},
		{"a link claimed twice", "more annotations claimed", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			lk := tg.Root().Add(tagged.Link)
			tg.Mark(lk, func() { f.CellFormat(20, 5, "A", "", 0, "L", false, 0, "https://a.example") })
			tg.Annotation(lk, "A")
			tg.Annotation(lk, "A")
		}, tagged.Options{Lang: "nb-NO"}},
		{"PDF/A without date", "creation date", func(f *fpdf.Fpdf, tg *tagged.Tagger) {
			tg.Mark(tg.Root().Add(tagged.P), func() { f.Cell(20, 5, "A") })
		}, tagged.Options{Lang: "nb-NO", PDFA: &tagged.PDFA{Conformance: "B"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, tg := small()
			c.draw(f, tg)
			var out bytes.Buffer
			err := tg.Output(&out, c.opt)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got error %v, want one saying %q", err, c.want)
			}
			if out.Len() != 0 {
				t.Error("output written despite the error")
			}
		})
	}
}

// TestICCsRGB checks the profile's own bookkeeping: the size in the
// header, the signature, and every tag inside the profile.
func TestICCsRGB(t *testing.T) {
	p := tagged.ICCsRGB()
	if got := binary.BigEndian.Uint32(p); int(got) != len(p) {
		t.Errorf("header size %d, profile is %d bytes", got, len(p))
	}
	if string(p[36:40]) != "acsp" || string(p[12:16]) != "mntr" || string(p[16:20]) != "RGB " {
		t.Errorf("header: %q %q %q", p[36:40], p[12:16], p[16:20])
	}
	n := int(binary.BigEndian.Uint32(p[128:]))
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		e := p[132+12*i:]
		sig, off, size := string(e[:4]), binary.BigEndian.Uint32(e[4:]), binary.BigEndian.Uint32(e[8:])
		if off%4 != 0 || int(off+size) > len(p) {
			t.Errorf("tag %s at %d+%d outside the profile or unaligned", sig, off, size)
		}
		seen[sig] = true
	}
	for _, sig := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if !seen[sig] {
			t.Errorf("required tag %s missing", sig)
		}
	}
}

// FuzzFinish feeds Finish damaged fpdf output: it must refuse, not panic.
func FuzzFinish(f *testing.F) {
	doc, tg := small()
	tg.Mark(tg.Root().Add(tagged.P), func() { doc.Cell(20, 5, "A") })
	var seed bytes.Buffer
	if err := doc.Output(&seed); err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Bytes())
	f.Add([]byte("%PDF-1.3\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1 /Root 1 0 R>>\nstartxref\n9\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, tg := small()
		_, _ = tg.Finish(b, tagged.Options{Lang: "nb-NO", PDFA: &tagged.PDFA{Conformance: "A", Created: testDate}})
	})
}

// TestTagger_links checks that claimed links are annotations of their own
// in the structure tree: a Link element holds the text and the annotation
// (an OBJR), the annotation points back with /StructParent, is printed
// (/F 4) and says where it goes (/Contents).
func TestTagger_links(t *testing.T) {
	f, tg := small()
	toc := tg.Root().Add(tagged.TOC)
	for i, name := range []string{"Sammendrag", "Indikatorer"} {
		lk := toc.Add(tagged.TOCI).Add(tagged.Link)
		tg.Mark(lk, func() { f.CellFormat(40, 5, name, "", 1, "L", false, 0, "https://example.org/"+name) })
		tg.Annotation(lk, fmt.Sprintf("%d %s", i+1, name))
	}
	var out bytes.Buffer
	if err := tg.Output(&out, tagged.Options{Lang: "nb-NO"}); err != nil {
		t.Fatal(err)
	}
	b := out.String()
	for _, want := range []string{"/StructParent 1 /Contents (1 Sammendrag)", "/StructParent 2 /Contents (2 Indikatorer)", "/ParentTreeNextKey 3", "/Type /OBJR"} {
		if !strings.Contains(b, want) {
			t.Errorf("the PDF has no %q", want)
		}
	}
	if strings.Count(b, "/F 4 /StructParent") != 2 {
		t.Errorf("want 2 printed annotations with a parent, got %d", strings.Count(b, "/F 4 /StructParent"))
	}
	st := pdftest.Run(t, out.Bytes(), "pdfinfo", "-struct-text")
	if got := strings.Count(st, "Link"); got != 2 || strings.Count(st, "Object ") != 2 {
		t.Errorf("pdfinfo -struct-text: want 2 Links each with its annotation object:\n%s", st)
	}
}
