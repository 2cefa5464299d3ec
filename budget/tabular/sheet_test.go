package tabular_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

const (
	nsMain = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	nsRel  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
)

// sheetXML wraps rows in a worksheet, as Excel writes it.
func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="9"/></cols><sheetData>` +
		rows + `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>A1&lt;&gt;""</formula></cfRule></conditionalFormatting><pageMargins left="0.7" right="0.7"/><extLst><ext uri="{x}"><x14:foo xmlns:x14="urn:x"/></ext></extLst></worksheet>`
}

// rawWorkbook writes a workbook of the parts given over a minimal one with
// one sheet "S" at xl/worksheets/sheet1.xml, and returns its path.
func rawWorkbook(t testing.TB, parts map[string]string) string {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId9" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheetXML(""),
	}
	for name, data := range parts {
		if data == "" {
			delete(all, name)
		} else {
			all[name] = data
		}
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		writePart(t, zw, name, all[name])
		delete(all, name)
	}
	for name, data := range all {
		writePart(t, zw, name, data)
	}
	must(t, zw.Close())
	return writeFile(t, "raw.xlsx", out.Bytes())
}

func writePart(t testing.TB, zw *zip.Writer, name, data string) {
	w, err := zw.Create(name)
	must(t, err)
	_, err = w.Write([]byte(data))
	must(t, err)
}

func scan(t *testing.T, rows string, shared ...string) []tabular.Row {
	t.Helper()
	got, err := tabular.ScanSheet([]byte(sheetXML(rows)), shared)
	if err != nil {
		t.Fatalf("ScanSheet: %v", err)
	}
	return got
}

func TestSheetCells(t *testing.T) {
	t.Run("types raw as stored", func(t *testing.T) {
		got := scan(t, `<row r="1" spans="1:9">`+
			`<c r="A1" t="s"><v>1</v></c><c r="B1"><v>1234.5</v></c><c r="C1" s="3"><v>1.2E-3</v></c>`+
			`<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="str"><f>A1&amp;"x"</f><v>ax</v></c>`+
			`<c r="G1" t="d"><v>2024-03-01T12:30:00Z</v></c><c r="H1" t="n"><v>-7</v></c><c r="I1" t="s"><v> 0 </v></c></row>`,
			"null", "en")
		checkRows(t, got, want{1, []string{"en", "1234.5", "1.2E-3", "1", "#N/A", "ax", "2024-03-01T12:30:00Z", "-7", "null"}})
	})
	t.Run("error cells are marked as errors, never text", func(t *testing.T) {
		got := scan(t, `<row r="1"><c r="A1" t="e"><v>#I/T</v></c><c r="B1" t="str"><v>#N/A</v></c><c r="C1" t="e"><v>#REF!</v></c>`+
			`<c r="D1"><v>0</v></c><c r="E1" t="e"/></row><row r="2"><c r="A2"><v>1</v></c></row>`)
		if len(got) != 2 {
			t.Fatalf("got %d rows, want 2", len(got))
		}
		if e := got[0].Errors; len(e) != 2 || e[0] != 0 || e[1] != 2 {
			t.Errorf("row 1 errors = %v, want [0 2] (B1 is text that looks like an error)", e)
		}
		if !got[0].IsError(2) || got[0].IsError(1) || got[0].IsError(3) {
			t.Errorf("IsError wrong on row 1: %v", got[0].Errors)
		}
		if len(got[1].Errors) != 0 {
			t.Errorf("row 2 errors = %v, want none: a row's errors must not leak into the next", got[1].Errors)
		}
		got = scan(t, `<row r="3"><c r="C3" t="e"><v>#N/A</v></c><c r="A3" t="e"><v>#REF!</v></c><c r="B3" t="e"><v>#I/T</v></c><c r="B3"><v>7</v></c></row>`)
		if e := got[0].Errors; len(e) != 2 || e[0] != 0 || e[1] != 2 {
			t.Errorf("cells out of order: errors = %v, want [0 2] (B3 was written again as a number)", e)
		}
	})
	t.Run("inline strings with rich runs", func(t *testing.T) {
		got := scan(t, `<row r="2"><c r="A2" t="inlineStr"><is><t>plain</t></is></c>`+
			`<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">bold </t></r><r><t>run</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></is></c>`+
			`<c r="C2" t="inlineStr"><is><t>a</t><r><t>b</t></r></is></c>`+
			`<c r="D2" t="inlineStr"><v>from v</v></c><c r="E2" t="inlineStr"><is/></c><c r="F2" t="inlineStr"><is><t>x_x000D_y _x005F_x0041_</t></is></c></row>`)
		checkRows(t, got, want{2, []string{"plain", "bold run", "ab", "from v", "", "x\ry _x0041_"}})
	})
	t.Run("entities, CDATA, comments and line ends", func(t *testing.T) {
		got := scan(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#xe6;</t></is></c>`+
			`<c r="B1" t="str"><v><![CDATA[<raw> & ]]>x<!-- note --><?pi x?>y</v></c>`+
			`<c r="C1" t="inlineStr"><is><t>a`+"\r\n"+`b`+"\r"+`c&#13;</t></is></c>`+
			`<c r='D1' t='str'><v>quote'&quot;s</v></c></row>`)
		checkRows(t, got, want{1, []string{`&<>"'ABæ`, "<raw> & xy", "a\nb\nc\r", `quote'"s`}})
	})
	t.Run("rows and cells without r", func(t *testing.T) {
		got := scan(t, `<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>`+
			`<row><c r="B2"><v>b</v></c></row><row r="5"><c><v>x</v></c></row><row><c r="C6" t="str"><v/></c><c t="str"><v>d</v></c></row>`)
		checkRows(t, got,
			want{1, []string{"1", "2", "", "", "5", "6"}},
			want{2, []string{"", "b"}},
			want{5, []string{"x"}},
			want{6, []string{"", "", "", "d"}})
	})
	t.Run("self-closing rows and cells, empty rows", func(t *testing.T) {
		got := scan(t, `<row r="1"/><row r="2" spans="1:3"><c r="A2"/><c r="B2" s="1"/></row>`+
			`<row r="3"><c r="A3" s="2"/><c r="B3"><v>b</v></c><c r="C3" s="1"/><c r="D3" t="str"><v></v></c></row><row r="4"></row>`+
			`<row><c><v>next</v></c></row>`)
		checkRows(t, got, want{3, []string{"", "b"}}, want{5, []string{"next"}})
	})
	t.Run("namespace prefixes", func(t *testing.T) {
		got, err := tabular.ScanSheet([]byte(`<?xml version="1.0"?><x:worksheet xmlns:x="`+nsMain+`"><x:sheetPr/><x:sheetData>`+
			`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>`+
			`</x:sheetData></x:worksheet>`), nil)
		must(t, err)
		checkRows(t, got, want{1, []string{"a", "2"}})
	})
	t.Run("no sheetData", func(t *testing.T) {
		got, err := tabular.ScanSheet([]byte(`<chartsheet xmlns="`+nsMain+`"><sheetPr/><drawing r:id="x" xmlns:r="r"/></chartsheet>`), nil)
		must(t, err)
		checkRows(t, got)
	})
}

func TestSheetDamage(t *testing.T) {
	cases := []struct{ name, xml, msg string }{
		{"mismatched", sheetXML(`<row r="1"><c r="A1"><v>1</c></v></row>`), "closed by"},
		{"mismatched prefix", `<x:worksheet xmlns:x="u"><x:sheetData></sheetData></x:worksheet>`, "closed by"},
		{"unclosed root", `<worksheet><sheetData/>`, "end of file"},
		{"two roots", `<worksheet/><worksheet/>`, "second root"},
		{"text after root", `<worksheet/>junk`, "outside the root"},
		{"bad entity", sheetXML(`<row r="1"><c r="A1"><v>&nbsp;</v></c></row>`), "entity"},
		{"bad entity skipped", `<worksheet><cols a="&x;"/><sheetData/></worksheet>`, "entity"},
		{"bare ampersand", sheetXML(`<row r="1"><c r="A1" t="str"><v>a & b</v></c></row>`), "entity"},
		{"bad char ref", sheetXML(`<row r="1"><c r="A1" t="str"><v>&#0;</v></c></row>`), "character reference"},
		{"control character", sheetXML(`<row r="1"><c r="A1" t="str"><v>a` + "\x01" + `</v></c></row>`), "character"},
		{"invalid UTF-8", sheetXML(`<row r="1"><c r="A1" t="str"><v>a` + "\xff" + `</v></c></row>`), "UTF-8"},
		{"unquoted attribute", sheetXML(`<row r=1></row>`), "not quoted"},
		{"lt in attribute", sheetXML(`<row r="<"></row>`), "holds <"},
		{"garbage", "this is <<< not xml", "outside the root"},
		{"bad name", `<worksheet><1a/></worksheet>`, "element name"},
		{"row number", sheetXML(`<row r="x"/>`), "row number"},
		{"row zero", sheetXML(`<row r="0"/>`), "row number"},
		{"too many rows", sheetXML(`<row r="1048577"/>`), "last row"},
		{"cell reference", sheetXML(`<row r="1"><c r="1A"><v>1</v></c></row>`), "cell reference"},
		{"too many columns", sheetXML(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), "cell reference"},
		{"too many columns without r", sheetXML(`<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`), "last column"},
		{"encoding", `<?xml version="1.0" encoding="UTF-16"?><worksheet/>`, "encoding"},
		{"empty", ``, "no XML element"},
		{"deep", strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300), "nested"},
		{"shared string out of range", sheetXML(`<row r="4"><c r="B4" t="s"><v>2</v></c></row>`), `row 4 column B: shared string "2" does not exist: the workbook has 2`},
		{"shared string not a number", sheetXML(`<row r="4"><c r="C4" t="s"><v>-1</v></c></row>`), `row 4 column C: shared string "-1"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := tabular.ScanSheet([]byte(c.xml), []string{"a", "b"})
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %v, want an error with %q", err, c.msg)
			}
		})
	}
}

// Every cut of a sheet short of its end tag is an error, never a shorter
// sheet.
func TestSheetTruncated(t *testing.T) {
	full := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><r><t>a&amp;b</t></r></is></c><c r="B1" s="1"><v>12.5</v></c></row>` +
		`<row r="2"/><row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="str"><f>1+1</f><v><![CDATA[2]]></v></c></row>`)
	rows, err := tabular.ScanSheet([]byte(full), []string{"s"})
	must(t, err)
	checkRows(t, rows, want{1, []string{"a&b", "12.5"}}, want{3, []string{"s", "", "2"}})
	end := strings.LastIndex(full, "</worksheet>") + len("</worksheet>")
	for cut := 0; cut < end; cut++ {
		if _, err := tabular.ScanSheet([]byte(full[:cut]), []string{"s"}); err == nil {
			t.Errorf("cut at %d (...%q) read without error", cut, full[max(0, cut-20):cut])
		}
	}
	if _, err := tabular.ScanSheet([]byte(full[:end]+"\r\n <!-- end -->\n"), []string{"s"}); err != nil {
		t.Errorf("trailing white space and comment: %v", err)
	}
}

// Cut points through a whole workbook: the table must fail, in Next at the
// latest, and never end in io.EOF.
func TestXLSXTruncatedSheet(t *testing.T) {
	var rows strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d.5</v></c></row>`, i, i, i%2, i, i)
	}
	full := sheetXML(rows.String())
	for _, cut := range []int{1, 100, len(full) / 3, len(full) / 2, len(full) - 2000, len(full) - 200, len(full) - 13, len(full) - 1} {
		path := rawWorkbook(t, map[string]string{
			"xl/worksheets/sheet1.xml": full[:cut],
			"xl/sharedStrings.xml":     `<sst xmlns="` + nsMain + `"><si><t>even</t></si><si><t>odd</t></si></sst>`,
		})
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			wantInvalid(t, openErr(path, tabular.Options{Sheet: "S"}), "raw.xlsx is not a readable xlsx file", `sheet "S"`, "xl/worksheets/sheet1.xml is damaged near line")
		})
	}
	path := rawWorkbook(t, map[string]string{
		"xl/worksheets/sheet1.xml": full,
		"xl/sharedStrings.xml":     `<sst xmlns="` + nsMain + `"><si><t>even</t></si><si><t>odd</t></si></sst>`,
	})
	_, got := readAll(t, path, tabular.Options{})
	if len(got) != 3000 || got[2999].Number != 3000 || got[2999].Cells[0] != "even" || got[2998].Cells[1] != "2999.5" {
		t.Errorf("%d rows, last %v", len(got), got[len(got)-1])
	}
}

func TestXLSXWorkbookParts(t *testing.T) {
	t.Run("prefixed workbook, states and targets", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{
			"xl/workbook.xml": `<?xml version="1.0"?><x:workbook xmlns:x="` + nsMain + `" xmlns:r="` + nsRel + `"><x:sheets>` +
				`<x:sheet name="Skjult" sheetId="1" state="hidden" r:id="rId1"/><x:sheet name="Veldig" sheetId="2" state="veryHidden" r:id="rId2"/>` +
				`<x:sheet name="Tom" sheetId="3" state="visible" r:id="rId3"/><x:sheet name="Data" sheetId="4" r:id="rId4"/></x:sheets></x:workbook>`,
			"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="` + nsRel + `/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
				`<Relationship Id="rId3" Type="` + nsRel + `/worksheet" Target="./worksheets/../worksheets/sheet3.xml"/>` +
				`<Relationship Id="rId4" Type="` + nsRel + `/worksheet" Target="data\sheet4.xml"/>` +
				`<Relationship Id="rId5" Type="` + nsRel + `/sharedStrings" Target="/xl/strings.xml"/></Relationships>`,
			"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row>`),
			"xl/worksheets/sheet2.xml": sheetXML(`<row r="2"><c r="A2" t="s"><v>1</v></c></row>`),
			"xl/worksheets/sheet3.xml": sheetXML(`<row r="7"/>`),
			"xl/data/sheet4.xml":       sheetXML(`<row r="3"><c r="B3" t="s"><v>0</v></c></row>`),
			"xl/strings.xml": `<?xml version="1.0"?><sst xmlns="` + nsMain + `" count="2" uniqueCount="2">` +
				`<si><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve">ch </t></r><rPh><t>X</t></rPh></si><si><t>very_x000D_</t></si></sst>`,
		})
		tab, rows := readAll(t, path, tabular.Options{})
		if tab.Sheet() != "Data" {
			t.Errorf("sheet %q", tab.Sheet())
		}
		checkRows(t, rows, want{3, []string{"", "rich "}})
		_, rows = readAll(t, path, tabular.Options{Sheet: "veldig"})
		checkRows(t, rows, want{2, []string{"very\r"}})
		_, rows = readAll(t, path, tabular.Options{Sheet: "Skjult"})
		checkRows(t, rows, want{1, []string{"hidden"}})
	})
	t.Run("shared string out of range", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{
			"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>1</v></c></row>`),
			"xl/sharedStrings.xml":     `<sst xmlns="` + nsMain + `"><si><t>only</t></si></sst>`,
		})
		tab, err := tabularOpen(path)
		must(t, err)
		defer tab.Close()
		rows, err := drain(tab)
		checkRows(t, rows, want{1, []string{"only"}})
		wantInvalid(t, err, "raw.xlsx is not a readable xlsx file", `sheet "S" row 2 column B cannot be read`, `shared string "1" does not exist`)
	})
	t.Run("no shared strings part", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)})
		wantInvalid(t, openErr(path, tabular.Options{}), `sheet "S" row 1 column A cannot be read`, "the workbook has 0")
	})
	t.Run("damaged shared strings", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>a</si></sst>`})
		wantInvalid(t, openErr(path, tabular.Options{}), "its part xl/sharedStrings.xml is damaged near line 1")
	})
	t.Run("missing sheet part", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{"xl/worksheets/sheet1.xml": ""})
		wantInvalid(t, openErr(path, tabular.Options{}), `sheet "S" cannot be read: the workbook names no part for it`)
	})
	t.Run("damaged workbook part", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{"xl/workbook.xml": `<workbook><sheets>`})
		wantInvalid(t, openErr(path, tabular.Options{}), "its part xl/workbook.xml is damaged")
	})
	t.Run("huge cell", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>` +
			`<row r="2"><c r="A2"><v>1</v></c><c r="C2" t="str"><v>` + strings.Repeat("x", 1<<20+1) + `</v></c></row>`)})
		tab, err := tabularOpen(path)
		must(t, err)
		defer tab.Close()
		_, err = drain(tab)
		wantInvalid(t, err, `raw.xlsx sheet "S" row 2 column C: cell too large (more than 1 MiB)`)
	})
	t.Run("checksum", func(t *testing.T) {
		path := rawWorkbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)})
		path = badChecksum(t, path)
		wantInvalid(t, openErr(path, tabular.Options{}), "raw.xlsx is not a readable xlsx file", "xl/worksheets/sheet1.xml cannot be unpacked", "checksum")
	})
}

// badChecksum rewrites the zip at path with a wrong CRC-32 for the sheet.
func badChecksum(t *testing.T, path string) string {
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		h := zf.FileHeader
		if zf.Name == sheetPart {
			h.CRC32 ^= crc32.ChecksumIEEE([]byte("x")) | 1
		}
		raw, err := zf.OpenRaw()
		must(t, err)
		w, err := zw.CreateRaw(&h)
		must(t, err)
		var buf bytes.Buffer
		_, err = buf.ReadFrom(raw)
		must(t, err)
		_, err = w.Write(buf.Bytes())
		must(t, err)
	}
	must(t, zw.Close())
	return writeFile(t, "raw.xlsx", out.Bytes())
}

func TestReadShared(t *testing.T) {
	got, err := tabular.ReadShared([]byte(`<?xml version="1.0"?><x:sst xmlns:x="` + nsMain + `"><x:si><x:t>a&amp;b</x:t></x:si><x:si/>` +
		`<x:si><x:r><x:t>c</x:t></x:r><x:r><x:rPr/><x:t>d</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:si><x:si><x:t><![CDATA[<e>]]></x:t></x:si></x:sst>`))
	must(t, err)
	if want := []string{"a&b", "", "cd", "<e>"}; fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, bad := range []string{`<sst><si><t>a</t></si>`, `<sst><si><t>&bad;</t></si></sst>`, `<sst></si></sst>`} {
		if _, err := tabular.ReadShared([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
