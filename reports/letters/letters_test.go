package letters_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func TestSource_Letter_ContentModel(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, 3, 4, nil)
	s := f.source(t)
	if got := len(s.Recipients()); got != 3 {
		t.Fatalf("recipients = %d, want 3", got)
	}
	l, err := s.Letter("u002", letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Subject != "Oppdragsbrev 2027 – helseutjevning" {
		t.Errorf("subject = %q", l.Subject)
	}
	// Section 3 equals the workspace's figures, measure by measure.
	if len(l.Budget.Keys) != 2 || l.Budget.Keys[0] != (budget.Key{Year: 2027, Version: budget.Vedtatt}) {
		t.Fatalf("keys = %v, want 2027 and 2028 vedtatt", l.Budget.Keys)
	}
	for k, key := range l.Budget.Keys {
		totals, err := f.db.MeasureTotals(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, r := range l.Budget.Rows {
			if got, want := r.Ore[k], totals[r.Nr]; got != want {
				t.Errorf("%s measure %s = %d øre, want %d", key, r.Nr, got, want)
			}
			sum += totals[r.Nr]
		}
		if l.Budget.Total[k] != sum {
			t.Errorf("%s total = %d, want %d", key, l.Budget.Total[k], sum)
		}
	}
	if len(l.Budget.Rows) != 4 || l.Budget.Rows[0].Nr != "2.1" || l.Budget.Rows[0].Ore[0] != 200750 {
		t.Errorf("rows = %+v, want 4 measures, 2.1 with 2 007,50 kr", l.Budget.Rows)
	}
	// Section 4: the måltall.
	if len(l.Goals) != 4 || l.Goals[0].Indicators[0].Target != "9,5"+pdf.NBSP+"% i 2030" || !l.Goals[0].Reports {
		t.Errorf("goals = %+v", l.Goals)
	}
	// Section 2: the municipality's target path.
	if len(l.Challenges) != 1 || l.Challenges[0].TargetYear != 2030 || l.Challenges[0].Target.Text != "11"+pdf.NBSP+"%" {
		t.Errorf("challenges = %+v", l.Challenges)
	}
	// Section 5: the wheel's deadlines for virksomhetsledere, working-day adjusted.
	var want []string
	w, _ := wheel.Parse("w", mustRead(t, "../../templates/arshjul.yaml"))
	// The reporting cycle of 2027: from the 2027 letters (4 January) to
	// the 2028 letters, so the year report on 2027 is in, 2026's is not.
	for _, o := range w.Occurrences(time.Date(2027, 1, 4, 8, 0, 0, 0, wheel.Oslo()), time.Date(2028, 1, 4, 8, 0, 0, 0, wheel.Oslo())) {
		for _, r := range o.Task.Responsible {
			if r == "virksomhetsledere" && o.Due != nil {
				want = append(want, o.Task.ID+" "+wheel.FormatDate(o.Due.Date))
			}
		}
	}
	var got []string
	for _, d := range l.Reporting.Deadlines {
		got = append(got, d.Task+" "+wheel.FormatDate(d.Date))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") || len(got) != 4 || got[3] != "arsrapport-innspill 25.01.2028" {
		t.Errorf("deadlines = %v, want %v", got, want)
	}
	if l.Reporting.Deadlines[0].Note != "flyttet fra søndag 28.02.2027" || l.Reporting.Deadlines[1].Note != "flyttet fra 17.05.2027 (17. mai)" {
		t.Errorf("moved notes = %q, %q", l.Reporting.Deadlines[0].Note, l.Reporting.Deadlines[1].Note)
	}
	if len(l.Reporting.ReportsNr) != 4 {
		t.Errorf("reports on %v, want the unit's 4 measures", l.Reporting.ReportsNr)
	}
	if !l.Date.Equal(time.Date(2027, 1, 4, 0, 0, 0, 0, wheel.Oslo())) {
		t.Errorf("date = %v, want the wheel's letters task, 4 January 2027", l.Date)
	}
	if !l.Signature.Electronic && l.Signature.Title != "kommunedirektør" {
		t.Errorf("signature = %+v", l.Signature)
	}
	if _, err := s.Letter("nope", letters.Options{}); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("unknown unit: %v, want ENOTFOUND", err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRenderPDF_Text(t *testing.T) {
	f := newFixture(t, 2, 3, nil)
	s := f.source(t)
	l, err := s.Letter("u001", letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, pages, err := letters.RenderPDF(l)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || pages < 1 {
		t.Fatalf("not a PDF, %d pages", pages)
	}
	text := pdfText(t, data)
	for _, want := range []string{"Oppdragsbrev 2027 – helseutjevning", "1 Innledning", "2 Utfordringer", "3 Budsjett",
		"4 Mål og resultatkrav", "5 Rapportering", "Vår ref.", "Saksbehandler", "Arkivkode", "Med hilsen",
		"Dokumentet er godkjent elektronisk og har derfor ingen signatur.", "Side 1 av", unitName(1),
		"v/ virksomhetsleder Kari Nordmann", "01.03.2027", "18.05.2027", "15.09.2027", "flyttet fra 17.05.2027 (17. mai)"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter text lacks %q", want)
		}
	}
	for _, r := range l.Budget.Rows {
		if !strings.Contains(text, r.Nr) {
			t.Errorf("letter text lacks measure %s", r.Nr)
		}
		for _, ore := range r.Ore {
			if a := plain(letters.Kroner(ore)); !strings.Contains(text, a) {
				t.Errorf("letter text lacks amount %q of measure %s", a, r.Nr)
			}
		}
	}
	for _, ore := range l.Budget.Total {
		if a := plain(letters.Kroner(ore)); !strings.Contains(text, a) {
			t.Errorf("letter text lacks the total %q", a)
		}
	}
}

func TestRenderPDF_SixtyMeasures(t *testing.T) {
	f := newFixture(t, 1, 60, nil)
	l, err := f.source(t).Letter("u001", letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Budget.Rows) != 60 {
		t.Fatalf("%d budget rows, want 60", len(l.Budget.Rows))
	}
	data, pages, err := letters.RenderPDF(l)
	if err != nil {
		t.Fatal(err)
	}
	if pages < 3 {
		t.Errorf("%d pages, want a letter of several pages", pages)
	}
	text := pdfText(t, data)
	pageTexts := strings.Split(text, "\f")
	headers := 0
	for _, p := range pageTexts {
		for _, line := range strings.Split(p, "\n") {
			if fs := strings.Fields(line); len(fs) == 4 && fs[0] == "Nr" && fs[1] == "Tiltak" && fs[2] == "2027" && fs[3] == "2028" {
				headers++
			}
		}
	}
	if headers < 2 {
		t.Errorf("the budget table's header appears %d times, want it repeated on every page the table runs onto", headers)
	}
	if !strings.Contains(text, "Side 1 av "+itoa(pages)) || !strings.Contains(text, "Side "+itoa(pages)+" av "+itoa(pages)) {
		t.Errorf("page numbers are not 'Side n av %d'", pages)
	}
	for _, r := range l.Budget.Rows {
		if !strings.Contains(text, r.Nr+" ") {
			t.Errorf("measure %s missing", r.Nr)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestGenerate_HostileUnitName(t *testing.T) {
	hostile := "../../x/..//Skole 😀 Nordbyen/Øst"
	f := newFixture(t, 2, 1, map[int]string{0: hostile, 1: hostile})
	dir := filepath.Join(t.TempDir(), "ut")
	res, err := f.source(t).Generate(context.Background(), letters.GenerateOptions{Dir: dir, Options: letters.Options{Config: sampleConfig(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Letters) != 2 || res.Letters[0].Path == res.Letters[1].Path {
		t.Fatalf("letters = %+v, want two files with different names", res.Letters)
	}
	for _, l := range res.Letters {
		if filepath.Dir(l.Path) != dir {
			t.Errorf("%s escapes %s", l.Path, dir)
		}
		base := filepath.Base(l.Path)
		if strings.Contains(base, "..") || strings.ContainsAny(base, "/\\ 😀") || !strings.Contains(base, "skole-nordbyen-øst") {
			t.Errorf("file name %q is not safe and readable", base)
		}
		data, err := os.ReadFile(l.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("%%EOF")) {
			t.Errorf("%s is not a whole PDF", base)
		}
		if bin, err := exec.LookPath("pdfinfo"); err == nil {
			if out, err := exec.Command(bin, l.Path).CombinedOutput(); err != nil || bytes.Contains(out, []byte("Error")) {
				t.Errorf("pdfinfo %s: %v\n%s", base, err, out)
			}
		}
		text := pdfText(t, data)
		if !strings.Contains(text, "Skole \uFFFD Nordbyen/Øst") {
			t.Errorf("the emoji is not replaced in the text:\n%s", text[:min(len(text), 600)])
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("files outside the output folder: %v", entries)
	}
}

// TestRenderPDF_Golden keeps one letter as its text (testdata/letter.txt,
// reviewable in a diff) and the sha256 of its bytes
// (testdata/letter.sha256): rendering is deterministic, and a change of
// either is looked at and accepted with -update.
func TestRenderPDF_Golden(t *testing.T) {
	f := newFixture(t, 2, 2, nil)
	l, err := f.source(t).Letter("u001", letters.Options{Config: sampleConfig(t), Date: time.Date(2027, 1, 4, 0, 0, 0, 0, wheel.Oslo())})
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := letters.RenderPDF(l)
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := letters.RenderPDF(l)
	if !bytes.Equal(data, again) {
		t.Fatal("the same letter renders to different bytes")
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:]) + "\n"
	text := pdfText(t, data)
	txtFile, hashFile := filepath.Join("testdata", "letter.txt"), filepath.Join("testdata", "letter.sha256")
	if *update {
		if err := os.WriteFile(txtFile, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(hashFile, []byte(hash), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantText, err := os.ReadFile(txtFile)
	if err != nil {
		t.Fatalf("%v: run go test ./reports/letters -run Golden -update", err)
	}
	if text != string(wantText) {
		t.Errorf("the letter's text differs from %s: run the test with -update and review the diff\n%s", txtFile, text)
	}
	if wantHash := mustRead(t, hashFile); hash != string(wantHash) {
		t.Errorf("the letter's bytes differ from %s (the text is as before: fonts, layout or metadata changed); run -update if meant", hashFile)
	}
}

func TestRenderPDF_FontsEmbedded(t *testing.T) {
	bin, err := exec.LookPath("pdffonts")
	if err != nil {
		t.Skip("pdffonts (poppler-utils) not installed")
	}
	f := newFixture(t, 1, 2, nil)
	l, err := f.source(t).Letter("u001", letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := letters.RenderPDF(l)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(p, data, 0o644)
	out, err := exec.Command(bin, p).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, line := range lines[2:] {
		fs := strings.Fields(line)
		if len(fs) < 5 || !strings.Contains(line, "dejavu") || fs[len(fs)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
}

func TestLetter_Nynorsk(t *testing.T) {
	f := newFixture(t, 1, 2, nil)
	l, err := f.source(t).Letter("u001", letters.Options{Lang: indicators.Nynorsk})
	if err != nil {
		t.Fatal(err)
	}
	if l.Subject != "Oppdragsbrev 2027 – helseutjamning" || l.Titles.Intro != "1 Innleiing" || l.Titles.Challenges != "2 Utfordringar" {
		t.Errorf("nynorsk subject and titles: %q %+v", l.Subject, l.Titles)
	}
	if !strings.Contains(strings.Join(l.Intro, " "), "eininga") || l.Reporting.Deadlines[0].Note != "flytta frå sundag 28.02.2027" {
		t.Errorf("nynorsk texts: %q / %q", l.Intro, l.Reporting.Deadlines[0].Note)
	}
	data, _, err := letters.RenderPDF(l)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("/Lang (nn-NO)")) {
		t.Error("the PDF does not say it is nynorsk (nn-NO)")
	}
	text := pdfText(t, data)
	for _, want := range []string{"Med helsing", "Dykkar ref.", "Sakshandsamar", "Måltal", "Oppgåve", "har difor inga underskrift"} {
		if !strings.Contains(text, want) {
			t.Errorf("nynorsk letter lacks %q", want)
		}
	}
}

func TestGenerate_ForceAndManifest(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, 3, 2, nil)
	s := f.source(t)
	dir := t.TempDir()
	cfg := sampleConfig(t)
	res, err := s.Generate(ctx, letters.GenerateOptions{Dir: dir, Combined: true, Options: letters.Options{Config: cfg}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Letters) != 3 || res.Combined == nil || res.Combined.Pages < 3 {
		t.Fatalf("result = %+v", res)
	}
	// The manifest lists every file with its sha256.
	rows := readManifest(t, res.Manifest)
	if len(rows) != 4 {
		t.Fatalf("manifest has %d rows, want 4", len(rows))
	}
	for _, r := range rows {
		data, err := os.ReadFile(filepath.Join(dir, r[0]))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if r[7] != hex.EncodeToString(sum[:]) {
			t.Errorf("manifest sha256 of %s is wrong", r[0])
		}
	}
	// The same letters again: unchanged, no --force needed.
	res, err = s.Generate(ctx, letters.GenerateOptions{Dir: dir, Options: letters.Options{Config: cfg}})
	if err != nil || res.Letters[0].Status != "unchanged" {
		t.Fatalf("second run: %v %+v", err, res)
	}
	// Another date changes the letters: refused without Force, nothing written.
	before := mustRead(t, res.Letters[0].Path)
	other := letters.Options{Config: cfg, Date: time.Date(2027, 1, 11, 0, 0, 0, 0, wheel.Oslo())}
	_, err = s.Generate(ctx, letters.GenerateOptions{Options: other, Dir: dir})
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("without force: %v, want EINVALID mentioning --force", err)
	}
	if !bytes.Equal(before, mustRead(t, res.Letters[0].Path)) {
		t.Error("a refused run changed a letter")
	}
	res, err = s.Generate(ctx, letters.GenerateOptions{Options: other, Dir: dir, Force: true, Units: []string{"u002"}})
	if err != nil || len(res.Letters) != 1 || res.Letters[0].Status != "replaced" || !strings.HasSuffix(res.Letters[0].Path, "oppdragsbrev-2027-enhet-002-for-oppvekst-og-levekår.pdf") {
		t.Fatalf("with force: %v %+v", err, res)
	}
	if rows := readManifest(t, res.Manifest); len(rows) != 4 {
		t.Errorf("after writing one unit the manifest has %d rows, want the 4 files in the folder", len(rows))
	}
	if _, err := s.Generate(ctx, letters.GenerateOptions{Dir: dir, Units: []string{"zzz"}, Options: letters.Options{Config: cfg}}); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("unknown unit: %v", err)
	}
}

func readManifest(t *testing.T, p string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(mustRead(t, p))).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != "file,unit,unit_name,year,lang,pages,bytes,sha256" {
		t.Fatalf("manifest: %v %v", err, rows)
	}
	return rows[1:]
}

func TestParseConfig(t *testing.T) {
	c, err := letters.ParseConfig("brev.yaml", mustRead(t, "../../templates/sample/brev.yaml"), "../../templates/sample")
	if err != nil {
		t.Fatal(err)
	}
	if c.Municipality.Name != "Fjordvik kommune (fiktiv)" || c.Signature.Name != "Per Olav Strand" || !c.Signature.Electronic {
		t.Errorf("config = %+v", c)
	}
	for name, yaml := range map[string]string{
		"unknown key":  "municipality: {name: X}\nsignatur: {navn: Y}\n",
		"no name":      "subject: {nb: x}\n",
		"bad template": "municipality: {name: X}\nreferences: {our_ref: \"{{.Year\"}\n",
		"missing logo": "municipality: {name: X, logo: nope.png}\n",
	} {
		if _, err := letters.ParseConfig("b.yaml", []byte(yaml), t.TempDir()); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
}

func TestLoadTexts_Override(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "nb"), 0o755)
	os.WriteFile(filepath.Join(dir, "nb", "innledning.tmpl"), []byte("Eget innledningsavsnitt for {{.Unit.Name}}.\n\nAndre avsnitt."), 0o644)
	tx, err := letters.LoadTexts(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, 1, 1, nil)
	l, err := f.source(t).Letter("u001", letters.Options{Texts: tx})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Intro) != 2 || l.Intro[0] != "Eget innledningsavsnitt for "+unitName(1)+"." {
		t.Errorf("intro = %q", l.Intro)
	}
	if len(l.Closing) == 0 {
		t.Error("the parts not overridden are gone")
	}
	os.WriteFile(filepath.Join(dir, "nb", "innleding.tmpl"), []byte("x"), 0o644)
	if _, err := letters.LoadTexts(dir); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("misspelt template: %v, want EINVALID", err)
	}
}

// TestGenerate_NamesNeverCollide: a unit named like the combined letter,
// names that differ only in case, and a name Excel would run as a formula
// each get their own file and their own, safe, row in the manifest.
func TestGenerate_NamesNeverCollide(t *testing.T) {
	names := map[int]string{0: "Alle enheter", 1: "Skole", 2: "skole", 3: `=HYPERLINK("http://x","klikk")`, 4: "-1+2"}
	f := newFixture(t, 5, 1, names)
	dir := filepath.Join(t.TempDir(), "ut")
	res, err := f.source(t).Generate(context.Background(), letters.GenerateOptions{Dir: dir, Combined: true, Options: letters.Options{Config: sampleConfig(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Letters) != 5 || res.Combined == nil {
		t.Fatalf("letters %d, combined %v; want 5 and one", len(res.Letters), res.Combined)
	}
	seen := map[string]string{strings.ToLower(filepath.Base(res.Combined.Path)): "the combined letter"}
	for _, l := range res.Letters {
		k := strings.ToLower(filepath.Base(l.Path))
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s share the file name %s", l.UnitName, other, k)
		}
		seen[k] = l.UnitName
	}
	rows := readManifest(t, res.Manifest)
	if len(rows) != 6 {
		t.Errorf("manifest has %d rows, want a row per letter and the combined one (6)", len(rows))
	}
	byUnit := map[string][]string{}
	for _, r := range rows {
		byUnit[r[1]] = r
	}
	for i := 0; i < 5; i++ {
		r, ok := byUnit[f.units[i].Code]
		if !ok {
			t.Errorf("no manifest row for %s", f.units[i].Name)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, r[0])); err != nil {
			t.Errorf("manifest row %v: %v", r, err)
		}
	}
	if got, want := byUnit[f.units[3].Code][2], `'=HYPERLINK("http://x","klikk")`; got != want {
		t.Errorf("unit_name cell %q, want %q (escaped for Excel)", got, want)
	}
	if got, want := byUnit[f.units[4].Code][2], "'-1+2"; got != want {
		t.Errorf("unit_name cell %q, want %q", got, want)
	}
	for _, r := range rows {
		if _, err := strconv.Atoi(r[6]); err != nil || strings.HasPrefix(r[6], "'") {
			t.Errorf("bytes cell %q is not a number", r[6])
		}
	}
}
