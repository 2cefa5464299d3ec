package documents_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
)

// The store answers every interface the documents declare.
var (
	_ documents.Source        = (*sqlite.DB)(nil)
	_ documents.LinesStore    = (*sqlite.DB)(nil)
	_ documents.OpenDataStore = (*sqlite.DB)(nil)
	_ model.DocumentStore     = (*sqlite.DB)(nil)
)

// budgetShape is one budget file to import: its name, version and text.
type budgetShape struct {
	name    string
	version budget.Version
	text    string
}

// shapes are two differently shaped budgets: the small one of the wheel's
// tests (one year, three lines), and an økonomiplan with four years,
// texts and a bydel per line, a konto and negative amounts.
var shapes = []budgetShape{
	{"vedtatt-2027.csv", budget.Vedtatt, "Ansvar;Funksjon;Art;Budsjett 2027\n" +
		"110;232;010;1 000 000\n210;202;010;2 000 000\n900;880;870;-3 400 000\n"},
	{"okonomiplan-2027-2030.csv", budget.Vedtatt, "Ansvar;Ansvar tekst;Funksjon;Art;Konto;Bydel;Budsjett 2027;Budsjett 2028;Budsjett 2029;Budsjett 2030\n" +
		"1100;Helsestasjon;232;010;101000;Sentrum;1 234 567,89;1 250 000,00;1 260 000,00;1 270 000,00\n" +
		"1100;Helsestasjon;232;120;112000;Sentrum;45 000,50;46 000,00;47 000,00;48 000,00\n" +
		"2100;Skole;202;010;101000;Nord;3 000 000,00;3 100 000,00;3 200 000,00;3 300 000,00\n" +
		"2100;Skole;202;160;116000;Nord;-12 345,67;-12 000,00;-11 000,00;-10 000,00\n" +
		"3100;Barnevern;251;010;101000;Sør;800 000,01;810 000,00;820 000,00;830 000,00\n" +
		"9000;Finans;880;870;187000;;-5 000 000,00;-5 194 000,00;-5 316 000,00;-5 438 000,00\n"},
}

// newWorkspace is a workspace with the budget of shape imported as a
// command imports it (the file recorded as an input); it returns the
// store and the imported file.
func newWorkspace(t *testing.T, s budgetShape) (*sqlite.DB, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	file := filepath.Join(dir, s.name)
	if err := os.WriteFile(file, []byte(s.text), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := importer.Import(ctx, db, file, importer.FileOptions{Options: importer.Options{Options: budgetfile.Options{Version: s.version}}})
	if err != nil || rep.Status != importer.Imported {
		t.Fatalf("import %s: %v %+v", s.name, err, rep)
	}
	return db, file
}

// unchanged fails unless the file at path holds want and its folder
// holds nothing but names (no temporary file left by a refused write).
func unchanged(t *testing.T, path string, want []byte, names ...string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s changed", path)
	}
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), "ws.db") {
			have = append(have, e.Name())
		}
	}
	if !reflect.DeepEqual(have, names) {
		t.Errorf("the folder holds %v, want %v", have, names)
	}
}

// refusedBeforeReading is a WorkspaceFunc that fails the test: a refused
// path must be refused before the workspace is read.
func refusedBeforeReading(t *testing.T) documents.WorkspaceFunc {
	return func(context.Context) (documents.Workspace, error) {
		t.Helper()
		t.Error("the workspace was read before the path was refused")
		return documents.Workspace{}, budget.Errorf(budget.EINTERNAL, "read")
	}
}

func TestExportWorkbook(t *testing.T) {
	ctx := context.Background()
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			db, input := newWorkspace(t, s)
			key := budget.Key{Year: 2027, Version: s.version}
			inputBytes, _ := os.ReadFile(input)
			t.Run("written", func(t *testing.T) {
				path := filepath.Join(t.TempDir(), documents.WorkbookFileName(2027))
				res, err := documents.ExportWorkbook(ctx, db, documents.WorkbookOptions{Key: key, Path: path, Lang: "nb"})
				if err != nil {
					t.Fatal(err)
				}
				if res.Path != path || res.Budget.Key != key {
					t.Errorf("got %s %s, want %s %s", res.Path, res.Budget.Key, path, key)
				}
				sum, err := model.BudgetSummary(ctx, db, key, "funksjon")
				if err != nil {
					t.Fatal(err)
				}
				if y := res.Budget.Years[0]; y.Net != sum.TotalOre || y.Expenses+y.Outside != y.Net {
					t.Errorf("the workbook shows net %s (expenses %s, outside %s), the dataset totals %s",
						budget.FormatOre(y.Net), budget.FormatOre(y.Expenses), budget.FormatOre(y.Outside), sum.Total)
				}
				f, err := excelize.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if got := f.GetSheetList(); !reflect.DeepEqual(got, workbook.Sheets) {
					t.Errorf("sheets %v, want %v", got, workbook.Sheets)
				}
			})
			t.Run("an imported file is refused and unchanged", func(t *testing.T) {
				_, err := documents.WriteWorkbook(ctx, db, refusedBeforeReading(t), documents.WorkbookOptions{Key: key, Path: input, Overwrite: true})
				if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "imported") {
					t.Fatalf("got %v, want EINVALID naming the imported file", err)
				}
				unchanged(t, input, inputBytes, s.name)
			})
			t.Run("an existing file needs Overwrite", func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "mine.xlsx")
				if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
					t.Fatal(err)
				}
				_, err := documents.WriteWorkbook(ctx, db, refusedBeforeReading(t), documents.WorkbookOptions{Key: key, Path: path})
				if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "--force") {
					t.Fatalf("got %v, want EINVALID asking for --force", err)
				}
				unchanged(t, path, []byte("mine"), "mine.xlsx")
			})
		})
	}
}

// readCSV parses the lines CSV.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// oreOf parses a CSV amount ("-12345.67") to øre.
func oreOf(t *testing.T, s string) int64 {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	ore, err := budget.ToOre(d)
	if err != nil {
		t.Fatal(err)
	}
	return ore
}

func TestWriteLines(t *testing.T) {
	ctx := context.Background()
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			db, input := newWorkspace(t, s)
			key := budget.Key{Year: 2027, Version: s.version}
			path := filepath.Join(t.TempDir(), "linjer.csv")
			res, err := documents.WriteLines(ctx, db, documents.LinesOptions{Key: key, Path: path})
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, data)
			if got := len(recs) - 1; got != res.Rows {
				t.Errorf("the file has %d rows, the result says %d", got, res.Rows)
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			names, err := db.AttributeNames(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			if got := recs[0][len(recs[0])-len(names):]; len(names) > 0 && !reflect.DeepEqual(got, names) {
				t.Errorf("attribute columns %v, want %v", got, names)
			}
			// The amounts sum to the dataset's total, line by line.
			totals := map[budget.Key]int64{}
			lines := map[budget.Key]int{}
			for _, r := range recs[1:] {
				y, err := strconv.Atoi(r[col["year"]])
				if err != nil {
					t.Fatal(err)
				}
				k := budget.Key{Year: y, Version: budget.Version(r[col["version"]])}
				totals[k] += oreOf(t, r[col["amount"]])
				lines[k]++
			}
			if _, ok := totals[key]; !ok || len(totals) != 1 {
				t.Errorf("the CSV has amounts of %v, want %s's only", totals, key)
			}
			for k, got := range totals {
				sum, err := model.BudgetSummary(ctx, db, k, "funksjon")
				if err != nil {
					t.Fatal(err)
				}
				if got != sum.TotalOre || lines[k] != sum.Lines {
					t.Errorf("%s: the CSV sums to %s on %d lines, the dataset to %s on %d", k, budget.FormatOre(got), lines[k], sum.Total, sum.Lines)
				}
			}
			t.Run("to a writer, the same bytes", func(t *testing.T) {
				var buf bytes.Buffer
				res, err := documents.WriteLines(ctx, db, documents.LinesOptions{Key: key, Out: &buf})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf.Bytes(), data) || res.Path != "" || res.Rows != len(recs)-1 {
					t.Errorf("the CSV to a writer differs from the file's (%d rows)", res.Rows)
				}
			})
			t.Run("an imported file is refused and unchanged", func(t *testing.T) {
				before, _ := os.ReadFile(input)
				_, err := documents.WriteLines(ctx, db, documents.LinesOptions{Key: key, Path: input, Overwrite: true})
				if budget.ErrorCode(err) != budget.EINVALID {
					t.Fatalf("got %v, want EINVALID", err)
				}
				unchanged(t, input, before, s.name)
			})
			t.Run("no dataset for the key", func(t *testing.T) {
				_, err := documents.WriteLines(ctx, db, documents.LinesOptions{Key: budget.Key{Year: 2031, Version: budget.Vedtatt}, Out: &bytes.Buffer{}})
				if budget.ErrorCode(err) != budget.ENOTFOUND {
					t.Errorf("got %v, want ENOTFOUND", err)
				}
			})
		})
	}
}

func TestExportOpenData(t *testing.T) {
	ctx := context.Background()
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			db, input := newWorkspace(t, s)
			dir := filepath.Join(t.TempDir(), "apne-data")
			res, err := documents.ExportOpenData(ctx, db, documents.OpenDataOptions{Year: 2027, Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if want := (budget.Key{Year: 2027, Version: budget.Vedtatt}); res.Key != want {
				t.Errorf("published %s, want %s", res.Key, want)
			}
			p, err := opendata.Read(dir)
			if err != nil {
				t.Fatal(err)
			}
			rows := p.Tables["budsjettlinjer"].Rows
			var total int64
			for _, r := range rows {
				total += oreOf(t, r["amount"])
			}
			sum, err := model.BudgetSummary(ctx, db, res.Key, "funksjon")
			if err != nil {
				t.Fatal(err)
			}
			if total != sum.TotalOre || len(rows) != sum.Lines || len(res.Package.Lines) != sum.Lines {
				t.Errorf("the package's lines sum to %s on %d rows, the budget to %s on %d", budget.FormatOre(total), len(rows), sum.Total, sum.Lines)
			}
			t.Run("never into an existing folder", func(t *testing.T) {
				_, err := documents.ExportOpenData(ctx, db, documents.OpenDataOptions{Year: 2027, Dir: dir})
				if budget.ErrorCode(err) != budget.EINVALID {
					t.Errorf("got %v, want EINVALID", err)
				}
			})
			t.Run("never over an imported file", func(t *testing.T) {
				if err := os.Remove(input); err != nil {
					t.Fatal(err)
				}
				_, err := documents.ExportOpenData(ctx, db, documents.OpenDataOptions{Year: 2027, Dir: input})
				if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "imported") {
					t.Errorf("got %v, want EINVALID naming the imported file", err)
				}
				if _, err := os.Lstat(input); err == nil {
					t.Errorf("%s was written", input)
				}
			})
			t.Run("only a vedtatt budget", func(t *testing.T) {
				_, err := documents.ExportOpenData(ctx, db, documents.OpenDataOptions{Year: 2031, Dir: filepath.Join(t.TempDir(), "x")})
				if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "2027 vedtatt") {
					t.Errorf("got %v, want EINVALID naming the budgets there are", err)
				}
			})
		})
	}
}

func TestReport(t *testing.T) {
	ctx := context.Background()
	db, input := newWorkspace(t, shapes[1])
	opt := annual.Options{Year: 2027}
	loaded, err := documents.Report(ctx, db, documents.ReportOptions{Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Path != "" || loaded.Size != 0 || loaded.Report.Year != 2027 || loaded.Report.Budget != (budget.Key{Year: 2027, Version: budget.Vedtatt}) {
		t.Errorf("without a path: got %q %d, report of %d on %s", loaded.Path, loaded.Size, loaded.Report.Year, loaded.Report.Budget)
	}
	t.Run("pdf", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), documents.ReportFileName(opt))
		res, err := documents.Report(ctx, db, documents.ReportOptions{Options: opt, Path: path})
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || res.Size != len(data) || res.Path != path {
			t.Errorf("wrote %d bytes to %s, the result says %d to %s", len(data), path, res.Size, res.Path)
		}
		if res.Report.Title != loaded.Report.Title || res.Report.Money.Expenses != loaded.Report.Money.Expenses {
			t.Errorf("the written report differs from the loaded one")
		}
	})
	t.Run("html", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "side")
		o := documents.ReportOptions{Options: opt, Format: documents.HTML, Path: dir}
		res, err := documents.Report(ctx, db, o)
		if err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if res.Size != len(page) || !bytes.Contains(page, []byte(res.Report.Title)) {
			t.Errorf("index.html has %d bytes, the result says %d", len(page), res.Size)
		}
		if _, err := documents.WriteReport(ctx, db, refusedBeforeReading(t), o); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("an existing folder without Overwrite: got %v, want EINVALID", err)
		}
		o.Overwrite = true
		if _, err := documents.Report(ctx, db, o); err != nil {
			t.Errorf("replacing an earlier page: %v", err)
		}
	})
	t.Run("an imported file is refused and unchanged", func(t *testing.T) {
		before, _ := os.ReadFile(input)
		for _, o := range []documents.ReportOptions{
			{Options: opt, Format: documents.PDF, Path: input, Overwrite: true},
			{Options: opt, Format: documents.HTML, Path: input},
		} {
			_, err := documents.WriteReport(ctx, db, refusedBeforeReading(t), o)
			if budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("%s: got %v, want EINVALID", o.Format, err)
			}
		}
		// With Overwrite the web page replaces only a folder holding an
		// earlier page: a file is refused when the page is written.
		o := documents.ReportOptions{Options: opt, Format: documents.HTML, Path: input, Overwrite: true}
		if _, err := documents.Report(ctx, db, o); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("html over a file with Overwrite: got %v, want EINVALID", err)
		}
		unchanged(t, input, before, shapes[1].name)
	})
}
