package tagged

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// PDFA makes Finish declare PDF/A-2: an XMP metadata packet, an sRGB
// output intent with an ICC profile built by this package (ICCsRGB), and a
// new Info dictionary whose entries equal the XMP's. The rest of PDF/A
// (embedded fonts, no transparency in images, no encryption) is the
// caller's: fpdf embeds its UTF-8 fonts, and the images must be opaque.
type PDFA struct {
	// Conformance is "A" (the tagging is complete) or "B".
	Conformance string
	Title       string
	Author      string // dc:creator, /Author
	Subject     string
	Keywords    string
	Creator     string // the program: xmp:CreatorTool, /Creator
	Producer    string
	Created     time.Time // required; also the metadata date
	Modified    time.Time // Created when zero
}

// pdfa writes the metadata stream, the ICC profile and the Info
// dictionary (object infoN again), and returns the catalog entries that
// point to them.
func (w *writer) pdfa(opt Options, infoN int) (string, error) {
	a := *opt.PDFA
	if a.Conformance != "A" && a.Conformance != "B" {
		return "", fmt.Errorf("PDF/A conformance %q (want A or B)", a.Conformance)
	}
	if a.Created.IsZero() {
		return "", errors.New("PDF/A needs a creation date")
	}
	if a.Modified.IsZero() {
		a.Modified = a.Created
	}
	xmpN, iccN := w.alloc(), w.alloc()
	w.stream(xmpN, "/Type /Metadata /Subtype /XML", []byte(XMP(a, opt.Lang)))
	w.stream(iccN, "/N 3 /Alternate /DeviceRGB", ICCsRGB())

	var info strings.Builder
	info.WriteString("<<")
	for _, kv := range [][2]string{{"Title", a.Title}, {"Author", a.Author}, {"Subject", a.Subject},
		{"Keywords", a.Keywords}, {"Creator", a.Creator}, {"Producer", a.Producer}} {
		if kv[1] != "" {
			fmt.Fprintf(&info, "/%s %s\n", kv[0], textString(kv[1]))
		}
	}
	fmt.Fprintf(&info, "/CreationDate (%s)\n/ModDate (%s)>>", pdfDate(a.Created), pdfDate(a.Modified))
	w.obj(infoN, info.String())

	return fmt.Sprintf("/Metadata %d 0 R\n/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 "+
		"/OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) "+
		"/Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>]\n", xmpN, iccN), nil
}

// pdfDate is t as a PDF date with its UTC offset: D:20260131120000+01'00'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}

// xmpDate is t as an XMP date, the same instant as pdfDate(t).
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }

// XMP returns the metadata packet for a, in language lang.
func XMP(a PDFA, lang string) string {
	if a.Modified.IsZero() {
		a.Modified = a.Created
	}
	esc := func(s string) string {
		return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
	}
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	fmt.Fprintf(&b, "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>%s</pdfaid:conformance>\n", esc(a.Conformance))
	if a.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(a.Title))
	}
	if a.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(a.Author))
	}
	if a.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(a.Subject))
	}
	if lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(lang))
	}
	fmt.Fprintf(&b, "<dc:format>application/pdf</dc:format>\n")
	if a.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(a.Keywords))
	}
	if a.Producer != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(a.Producer))
	}
	if a.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(a.Creator))
	}
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n",
		xmpDate(a.Created), xmpDate(a.Modified), xmpDate(a.Modified))
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.String()
}
