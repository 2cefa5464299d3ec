package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
	"github.com/xuri/excelize/v2"
)

const goodCSV = "Ansvar;Funksjon;Art;Tekst;Budsjett 2027\r\n" +
	"3100;202;010;Lønn;1 234 567,89\r\n" +
	"3100;202;700;Refusjon;-234 567,89\r\n" +
	"3200;232;010;Helsestasjon;500 000\r\n"

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func fixedNow() time.Time { return time.Date(2026, 12, 15, 10, 0, 0, 0, time.UTC) }

// state is what a user can see of a workspace; an import that fails must
// leave it as it was.
func state(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	sets, err := db.Datasets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range sets {
		b.WriteString(d.SHA256 + " " + d.Source + "\n")
		for _, k := range d.Current {
			b.WriteString("  current " + k.String() + "\n")
		}
	}
	return b.String()
}

func TestRun_Imports(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	p := writeFile(t, "budsjett.csv", []byte(goodCSV))
	rep, err := importer.Run(ctx, db, p, importer.Options{Part: budget.Begge, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != importer.Imported {
		t.Fatalf("status = %s, errors %+v", rep.Status, rep.Result.Errors)
	}
	if got, want := rep.Result.Lines, 3; got != want {
		t.Errorf("lines = %d, want %d", got, want)
	}
	want := []budget.Total{{Key: budget.Key{Year: 2027, Version: budget.Vedtatt}, Ore: 150000000}}
	if len(rep.Result.Totals) != 1 || rep.Result.Totals[0] != want[0] {
		t.Errorf("totals = %+v, want %+v", rep.Result.Totals, want)
	}
	rows, err := db.Summary(ctx, want[0].Key, "funksjon")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Value != "202" || rows[0].Ore != 100000000 || rows[1].Ore != 50000000 {
		t.Errorf("summary = %+v", rows)
	}

	again, err := importer.Run(ctx, db, p, importer.Options{Part: budget.Begge, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if again.Status != importer.Unchanged || again.Dataset.ID != rep.Dataset.ID {
		t.Errorf("second import: status %s, dataset %+v; want unchanged, dataset %d", again.Status, again.Dataset, rep.Dataset.ID)
	}
}

func TestRun_NewFileBecomesCurrent(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	first := writeFile(t, "a.csv", []byte(goodCSV))
	second := writeFile(t, "b.csv", []byte(strings.Replace(goodCSV, "500 000", "600 000", 1)))
	var reps []*importer.Report
	for _, p := range []string{first, second} {
		rep, err := importer.Run(ctx, db, p, importer.Options{Part: budget.Begge, Now: fixedNow})
		if err != nil || rep.Status != importer.Imported {
			t.Fatalf("import %s: %v %+v", p, err, rep)
		}
		reps = append(reps, rep)
	}
	if len(reps[0].Replaced) != 0 {
		t.Errorf("the first import replaced %+v", reps[0].Replaced)
	}
	if r := reps[1].Replaced; len(r) != 1 || r[0].Dataset != reps[0].Dataset.ID || r[0].Key != (budget.Key{Year: 2027, Version: budget.Vedtatt}) {
		t.Errorf("second import: Replaced = %+v, want 2027 vedtatt from dataset %d", r, reps[0].Dataset.ID)
	}
	sets, err := db.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 2 || len(sets[0].Current) != 0 || len(sets[1].Current) != 1 {
		t.Fatalf("datasets = %+v; want the first replaced and the second current", sets)
	}
	rows, err := db.Summary(ctx, budget.Key{Year: 2027, Version: budget.Vedtatt}, "funksjon")
	if err != nil {
		t.Fatal(err)
	}
	if rows[1].Ore != 60000000 {
		t.Errorf("232 = %d øre, want the second file's 60000000", rows[1].Ore)
	}
}

func TestRun_DryRunStoresNothing(t *testing.T) {
	db := openDB(t)
	p := writeFile(t, "budsjett.csv", []byte(goodCSV))
	rep, err := importer.Run(context.Background(), db, p, importer.Options{Part: budget.Begge, DryRun: true})
	if err != nil || rep.Status != importer.DryRun {
		t.Fatalf("dry run: %v %+v", err, rep)
	}
	if s := state(t, db); s != "" {
		t.Errorf("workspace after dry run:\n%s", s)
	}
}

func TestRun_CancelledLeavesWorkspace(t *testing.T) {
	db := openDB(t)
	var b strings.Builder
	b.WriteString("Ansvar;Funksjon;Art;Beløp\n")
	for i := 0; i < 50000; i++ {
		b.WriteString("3100;202;010;1 000\n")
	}
	p := writeFile(t, "big.csv", []byte(b.String()))
	ctx, cancel := context.WithCancel(context.Background())
	opts := importer.Options{Part: budget.Begge}
	opts.Year = 2027
	calls := 0
	opts.Progress = func(done, total int64) {
		if calls++; done > 0 {
			cancel()
		}
	}
	cancel() // cancelled before it starts is the harshest case; progress may never be called
	if _, err := importer.Run(ctx, db, p, opts); err == nil {
		t.Fatal("cancelled import succeeded")
	}
	if s := state(t, db); s != "" {
		t.Errorf("workspace after cancelled import:\n%s", s)
	}
}

// TestRun_BadInput feeds each kind of bad file to an import into a workspace
// that already holds a dataset, and checks that the import fails with a
// message naming the file and that the workspace is unchanged.
func TestRun_BadInput(t *testing.T) {
	cases := []struct {
		name, file string
		data       func(t *testing.T) []byte
		want       string // in the error or in the first row error
		year       int
	}{
		{"not an xlsx", "budsjett.xlsx", func(*testing.T) []byte { return []byte("this is text, not a workbook\n") }, "budsjett.xlsx", 0},
		{"truncated xlsx", "budsjett.xlsx", func(t *testing.T) []byte { b := xlsxBytes(t); return b[:len(b)/2] }, "budsjett.xlsx", 0},
		{"zip bomb", "bomb.xlsx", zipBomb, "bomb.xlsx", 0},
		{"broken sheet XML", "broken.xlsx", brokenSheet, "broken.xlsx", 0},
		{"encrypted xlsx", "secret.xlsx", encrypted, "password", 0},
		{"old xls", "old.xls", oldXLS, ".xlsx", 0},
		{"empty file", "empty.csv", func(*testing.T) []byte { return nil }, "empty", 0},
		{"header with no rows", "header.csv", func(*testing.T) []byte { return []byte("Ansvar;Funksjon;Art;Budsjett 2027\n") }, "header.csv", 0},
		{"unknown encoding", "binary.csv", func(*testing.T) []byte { return []byte("\x00\x01\x02\x03\xff\xfe\xfd\x00\x00\x10binary\x00\x00") }, "binary.csv", 0},
		{"unparseable amount", "bad.csv", func(*testing.T) []byte {
			return []byte(strings.Replace(goodCSV, "500 000", "5OO 000", 1))
		}, "5OO 000", 0},
		{"missing required column", "nocode.csv", func(*testing.T) []byte { return []byte("Tekst;Budsjett 2027\nLønn;100\n") }, "nocode.csv", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := openDB(t)
			ctx := context.Background()
			seed := writeFile(t, "seed.csv", []byte(goodCSV))
			if _, err := importer.Run(ctx, db, seed, importer.Options{Part: budget.Begge, Now: fixedNow}); err != nil {
				t.Fatal(err)
			}
			before := state(t, db)
			p := writeFile(t, tc.file, tc.data(t))
			opts := importer.Options{Part: budget.Begge, Now: fixedNow}
			opts.Year = tc.year
			start := time.Now()
			rep, err := importer.Run(ctx, db, p, opts)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v; bad files must fail fast", d)
			}
			var msg string
			switch {
			case err != nil:
				msg = err.Error()
				if budget.ErrorCode(err) != budget.EINVALID {
					t.Errorf("error code = %q, want %q (%v)", budget.ErrorCode(err), budget.EINVALID, err)
				}
			case rep.Status == importer.Rejected && len(rep.Result.Errors) > 0:
				e := rep.Result.Errors[0]
				msg = e.Value + " " + e.Message
				if e.Row == 0 || e.Column == "" || e.Field == "" {
					t.Errorf("row error lacks row, column or field: %+v", e)
				}
			default:
				t.Fatalf("import of %s: status %s, want an error", tc.name, rep.Status)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("message %q does not mention %q", msg, tc.want)
			}
			if after := state(t, db); after != before {
				t.Errorf("workspace changed:\nbefore\n%s\nafter\n%s", before, after)
			}
		})
	}
}

func xlsxBytes(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"Ansvar", "Funksjon", "Art", "Budsjett 2027"}, {"3100", "202", "010", 1234.5}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rezip copies a zip, replacing the named entries.
func rezip(t *testing.T, src []byte, replace map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if data, ok := replace[f.Name]; ok {
			w.Write(data)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		w.Write(b.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func brokenSheet(t *testing.T) []byte {
	return rezip(t, xlsxBytes(t), map[string][]byte{"xl/worksheets/sheet1.xml": []byte("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c")})
}

// zipBomb is an xlsx whose sheet inflates to 1 GiB of zeros from 1 MB.
// It is kept in testdata because deflating a gigabyte under the race
// detector takes minutes; budget/tabular builds its bombs afresh.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/bomb.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oldXLS has the OLE2 signature of a binary Excel 97-2003 file.
func oldXLS(*testing.T) []byte {
	b := append([]byte{}, ole2Magic...)
	b = append(b, make([]byte, 4096)...)
	copy(b[1024:], utf16le("Workbook"))
	return b
}

// encrypted is a real password-protected workbook, as Excel's "Encrypt with
// Password" makes it.
func encrypted(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "Ansvar")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "secret.xlsx")
	g, err := excelize.OpenReader(buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SaveAs(p, excelize.Options{Password: "hemmelig"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// generatedProposal writes a generated budget proposal of 200 lines with
// one more row whose art is the failed lookup #I/T and whose amount is
// amount, and returns its path and that row's number.
func generatedProposal(t *testing.T, amount string) (string, int) {
	t.Helper()
	var b bytes.Buffer
	if err := sample.WriteCSV(&b, sample.Spec{Lines: 200, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	rows := strings.Count(b.String(), "\n")
	b.WriteString("3100;Helse;232;#I/T;;Oppslag feilet;" + amount + "\n")
	return writeFile(t, "forslag-2027.csv", b.Bytes()), rows + 1
}

func TestRun_lookupErrorRow(t *testing.T) {
	ctx := context.Background()
	t.Run("at zero: skipped with a warning", func(t *testing.T) {
		db := openDB(t)
		p, row := generatedProposal(t, "0")
		rep, err := importer.Run(ctx, db, p, importer.Options{Part: budget.Begge, Options: budgetfile.Options{Year: 2027, Version: budget.Forslag}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Status != importer.Imported || rep.Result.Lines != 200 {
			t.Fatalf("status %s, %d lines, errors %+v", rep.Status, rep.Result.Lines, rep.Result.Errors)
		}
		if got := rep.Result.Skipped["lookup_error"]; got != 1 {
			t.Errorf("lookup_error skips = %d, want 1", got)
		}
		if w := strings.Join(rep.Result.Warnings, "\n"); !strings.Contains(w, fmt.Sprintf("row %d: skipped as lookup_error", row)) {
			t.Errorf("warnings %q do not name row %d", w, row)
		}
	})
	t.Run("at 100 kr: rejected naming row and column", func(t *testing.T) {
		db := openDB(t)
		p, row := generatedProposal(t, "100")
		rep, err := importer.Run(ctx, db, p, importer.Options{Part: budget.Begge, Options: budgetfile.Options{Year: 2027, Version: budget.Forslag}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Status != importer.Rejected || rep.Result.ErrorCount != 1 {
			t.Fatalf("status %s, errors %+v", rep.Status, rep.Result.Errors)
		}
		if e := rep.Result.Errors[0]; e.Row != row || e.Column != "D" || e.Value != "#I/T" {
			t.Errorf("error %+v, want row %d column D value #I/T", e, row)
		}
		if s := state(t, db); s != "" {
			t.Errorf("a rejected import stored %q", s)
		}
	})
}
