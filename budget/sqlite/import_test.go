package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/shopspring/decimal"
)

var (
	v2025 = budget.Key{Year: 2025, Version: budget.Vedtatt}
	f2026 = budget.Key{Year: 2026, Version: budget.Forslag}
)

func line(row int, ansvar, funksjon, art string, attrs map[string]string, amounts ...budget.Amount) budget.Line {
	l := budget.Line{Row: row, Ansvar: ansvar, Funksjon: funksjon, Art: art, Amounts: amounts}
	for _, name := range []string{"Ansvar tekst", "Bydel"} {
		if v, ok := attrs[name]; ok {
			l.Attributes = append(l.Attributes, budget.Attribute{Name: name, Value: v})
		}
	}
	return l
}

func amt(k budget.Key, ore int64) budget.Amount { return budget.Amount{Key: k, Ore: ore} }

// importLines imports lines as a dataset whose totals the store computes.
func importLines(t *testing.T, db *sqlite.DB, sha string, lines []budget.Line) budget.Dataset {
	t.Helper()
	ctx := context.Background()
	im, err := db.BeginImport(ctx, budget.Dataset{Source: sha + ".xlsx", SHA256: sha, Size: 1234, Format: "xlsx", Sheet: "Ark1", Mapping: "ansvar: A\n"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	for i := range lines {
		if err := im.Add(&lines[i]); err != nil {
			t.Fatal(err)
		}
	}
	d, err := im.Commit(budget.Dataset{RowsRead: len(lines) + 1, Skipped: map[string]int{"blank": 1}, Warnings: 2})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sampleLines() []budget.Line {
	return []budget.Line{
		line(2, "1000", "120", "010", map[string]string{"Ansvar tekst": "Rådmann", "Bydel": "Sentrum"}, amt(v2025, 100_000_00), amt(f2026, 110_000_00)),
		line(3, "1000", "120", "110", map[string]string{"Ansvar tekst": "Rådmann", "Bydel": "Sentrum"}, amt(v2025, 5_000_50)),
		line(4, "2000", "253", "010", map[string]string{"Ansvar tekst": "Hjemmetjeneste \"Nord\"", "Bydel": "Nord"}, amt(v2025, 300_000_00)),
		line(5, "2000", "253", "16000", map[string]string{"Ansvar tekst": "Hjemmetjeneste \"Nord\""}, amt(v2025, -20_000_00)),
		line(6, "3000", "120", "010", nil, amt(f2026, 1)),
	}
}

func TestImportAndQuery(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	before := time.Now()
	d := importLines(t, db, "aaa", sampleLines())

	if d.ID == 0 || d.SHA256 != "aaa" || d.Sheet != "Ark1" || d.Lines != 5 || d.RowsRead != 6 || d.Warnings != 2 || d.Skipped["blank"] != 1 {
		t.Errorf("stored dataset: %+v", d)
	}
	if d.ImportedAt.Before(before.Add(-time.Second)) {
		t.Errorf("ImportedAt %v", d.ImportedAt)
	}
	// Art 16000 is read by its first three digits, 160: an utgift art,
	// though the amount is negative (a correction).
	wantTotals := []budget.Total{{Key: v2025, Ore: 385_000_50, Utgift: 385_000_50},
		{Key: f2026, Ore: 110_000_01, Utgift: 110_000_01}}
	if !reflect.DeepEqual(d.Totals, wantTotals) {
		t.Errorf("Totals = %v, want %v", d.Totals, wantTotals)
	}
	if !reflect.DeepEqual(d.Current, []budget.Key{v2025, f2026}) {
		t.Errorf("Current = %v", d.Current)
	}
	ks, err := db.Keys(ctx)
	if err != nil || !reflect.DeepEqual(ks, []budget.Key{v2025, f2026}) {
		t.Errorf("Keys = %v, %v", ks, err)
	}

	got, err := db.Summary(ctx, v2025, "funksjon")
	if err != nil {
		t.Fatal(err)
	}
	want := []sqlite.SummaryRow{{Value: "120", Lines: 2, Ore: 105_000_50}, {Value: "253", Lines: 2, Ore: 280_000_00}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summary by funksjon = %v, want %v", got, want)
	}

	// By attribute, matched case-insensitively; lines without it group as "".
	got, err = db.Summary(ctx, v2025, "BYDEL")
	if err != nil {
		t.Fatal(err)
	}
	want = []sqlite.SummaryRow{{Value: "", Lines: 1, Ore: -20_000_00}, {Value: "Nord", Lines: 1, Ore: 300_000_00}, {Value: "Sentrum", Lines: 2, Ore: 105_000_50}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summary by Bydel = %v, want %v", got, want)
	}
	got, err = db.Summary(ctx, v2025, "ansvar tekst")
	if err != nil {
		t.Fatal(err)
	}
	want = []sqlite.SummaryRow{{Value: "Hjemmetjeneste \"Nord\"", Lines: 2, Ore: 280_000_00}, {Value: "Rådmann", Lines: 2, Ore: 105_000_50}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summary by Ansvar tekst = %v, want %v", got, want)
	}

	_, err = db.Summary(ctx, v2025, "kommune")
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "funksjon, ansvar, art, prosjekt, tjeneste, konto, part, art-group, side, Ansvar tekst, Bydel") {
		t.Errorf("Summary by unknown: %v", err)
	}
	_, err = db.Summary(ctx, budget.Key{Year: 2024, Version: budget.Regnskap}, "art")
	if budget.ErrorCode(err) != budget.ENOTFOUND || !strings.Contains(err.Error(), "2024 regnskap") || !strings.Contains(err.Error(), "2025 vedtatt, 2026 forslag") {
		t.Errorf("Summary of unknown key: %v", err)
	}

	var lines []budget.Line
	if err := db.Lines(ctx, v2025, func(l *budget.Line) error { lines = append(lines, *l); return nil }); err != nil {
		t.Fatal(err)
	}
	var wantLines []budget.Line
	for _, l := range sampleLines() {
		for _, a := range l.Amounts {
			if a.Key == v2025 {
				l.Amounts = []budget.Amount{a}
				l.Part = budget.Begge // no part given to Commit
				wantLines = append(wantLines, l)
			}
		}
	}
	if !reflect.DeepEqual(lines, wantLines) {
		t.Errorf("Lines =\n%+v\nwant\n%+v", lines, wantLines)
	}
	err = db.Lines(ctx, budget.Key{Year: 2030, Version: budget.Forslag}, func(*budget.Line) error { return nil })
	if budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("Lines of unknown key: %v", err)
	}
	stop := errors.New("stop")
	n := 0
	if err := db.Lines(ctx, v2025, func(*budget.Line) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Lines with fn failing: %v after %d", err, n)
	}
}

func TestEmptyWorkspaceNotFound(t *testing.T) {
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	_, err := db.Summary(context.Background(), v2025, "art")
	if budget.ErrorCode(err) != budget.ENOTFOUND || !strings.Contains(err.Error(), "import a file first") {
		t.Errorf("Summary on empty workspace: %v", err)
	}
}

func TestNewDatasetBecomesCurrent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.hbj")
	db := openWS(t, path)
	first := importLines(t, db, "first", sampleLines()) // v2025 and f2026
	second := importLines(t, db, "second", []budget.Line{
		line(2, "1000", "120", "010", nil, amt(v2025, 7)),
	})
	if !reflect.DeepEqual(second.Current, []budget.Key{v2025}) {
		t.Errorf("second.Current = %v", second.Current)
	}
	db.Close()
	db = openWS(t, path) // and it survives a reopen
	ds, err := db.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].ID != first.ID || ds[1].ID != second.ID {
		t.Fatalf("Datasets = %+v", ds)
	}
	if !reflect.DeepEqual(ds[0].Current, []budget.Key{f2026}) || !reflect.DeepEqual(ds[1].Current, []budget.Key{v2025}) {
		t.Errorf("Current: first %v, second %v", ds[0].Current, ds[1].Current)
	}
	if !reflect.DeepEqual(ds[0].Totals, first.Totals) {
		t.Errorf("history lost totals: %v", ds[0].Totals)
	}
	got, err := db.Summary(ctx, v2025, "art")
	if err != nil || !reflect.DeepEqual(got, []sqlite.SummaryRow{{Value: "010", Lines: 1, Ore: 7}}) {
		t.Errorf("Summary of v2025 after second import = %v, %v", got, err)
	}
	got, err = db.Summary(ctx, f2026, "art")
	if err != nil || len(got) != 1 || got[0].Ore != 110_000_01 {
		t.Errorf("Summary of f2026, still from the first = %v, %v", got, err)
	}
}

// rawCounts counts the rows of every table, through a separate connection.
func rawCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	counts := map[string]int{}
	for _, table := range []string{"dataset", "dataset_total", "current_dataset", "entry"} {
		var n int
		if err := raw.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

func TestRollbackLeavesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.hbj")
	db := openWS(t, path)
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "a.csv", SHA256: "abc", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ { // several batches reach the database
		l := synthetic(i, v2025)
		if err := im.Add(&l); err != nil {
			t.Fatal(err)
		}
	}
	// Readers do not wait for the import, nor see it.
	if ds, err := db.Datasets(ctx); err != nil || len(ds) != 0 {
		t.Errorf("Datasets during import = %v, %v", ds, err)
	}
	if err := im.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := im.Rollback(); err != nil {
		t.Errorf("second Rollback: %v", err)
	}
	l := synthetic(0, v2025)
	if err := im.Add(&l); err == nil {
		t.Error("Add after Rollback succeeded")
	}
	if ds, err := db.Datasets(ctx); err != nil || len(ds) != 0 {
		t.Errorf("Datasets after rollback = %v, %v", ds, err)
	}
	if d, err := db.DatasetBySHA256(ctx, "abc"); d != nil || err != nil {
		t.Errorf("DatasetBySHA256 after rollback = %v, %v", d, err)
	}
	db.Close()
	want := map[string]int{"dataset": 0, "dataset_total": 0, "current_dataset": 0, "entry": 0}
	if got := rawCounts(t, path); !reflect.DeepEqual(got, want) {
		t.Errorf("tables after rollback: %v", got)
	}
}

func TestCancelledImportRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.hbj")
	db := openWS(t, path)
	importLines(t, db, "before", sampleLines())
	before := rawCounts(t, path)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "big.csv", SHA256: "big", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	var addErr error
	for i := 0; i < 1_000_000 && addErr == nil; i++ {
		if i == 10_000 {
			cancel()
		}
		l := synthetic(i, v2025)
		addErr = im.Add(&l)
	}
	if !errors.Is(addErr, context.Canceled) {
		t.Fatalf("Add after cancel: %v", addErr)
	}
	if _, err := im.Commit(budget.Dataset{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after cancel: %v", err)
	}
	if d, _ := db.DatasetBySHA256(context.Background(), "big"); d != nil {
		t.Error("cancelled dataset stored")
	}
	if got := rawCounts(t, path); !reflect.DeepEqual(got, before) {
		t.Errorf("tables after cancel %v, before %v", got, before)
	}
	// The workspace is still usable, and the cancelled import's entry ids
	// are free again without harm.
	importLines(t, db, "after", []budget.Line{line(2, "1", "120", "010", nil, amt(f2026, 5))})
	got, err := db.Summary(context.Background(), f2026, "ansvar")
	if err != nil || !reflect.DeepEqual(got, []sqlite.SummaryRow{{Value: "1", Lines: 1, Ore: 5}}) {
		t.Errorf("Summary after = %v, %v", got, err)
	}
}

// A process killed mid-import leaves the main file and a -wal with frames
// of an uncommitted transaction; copying them while the import runs is that
// state. Recovery must ignore those frames.
func TestKilledImportLeavesWorkspaceAsBefore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "ws.hbj")
	db := openWS(t, path)
	importLines(t, db, "before", sampleLines())
	before := rawCounts(t, path)

	im, err := db.BeginImport(ctx, budget.Dataset{Source: "big.csv", SHA256: "big", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	for i := 0; i < 50_000; i++ { // enough to spill pages into the -wal
		l := synthetic(i, v2025)
		if err := im.Add(&l); err != nil {
			t.Fatal(err)
		}
	}
	crash := filepath.Join(t.TempDir(), "ws.hbj")
	for _, suffix := range []string{"", "-wal"} {
		copyFile(t, path+suffix, crash+suffix)
	}
	if fi, err := os.Stat(crash + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("no -wal content to recover from: %v", err)
	}
	if got := rawCounts(t, crash); !reflect.DeepEqual(got, before) {
		t.Errorf("tables after crash %v, before %v", got, before)
	}
	db2 := openWS(t, crash)
	if d, err := db2.DatasetBySHA256(ctx, "big"); d != nil || err != nil {
		t.Errorf("crashed import visible: %v, %v", d, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestDuplicateSHA256Rejected(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	if d, err := db.DatasetBySHA256(ctx, "same"); d != nil || err != nil {
		t.Fatalf("DatasetBySHA256 before import = %v, %v", d, err)
	}
	first := importLines(t, db, "same", sampleLines())
	d, err := db.DatasetBySHA256(ctx, "same")
	if err != nil || d == nil || d.ID != first.ID || !reflect.DeepEqual(d.Current, first.Current) {
		t.Fatalf("DatasetBySHA256 = %+v, %v", d, err)
	}
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "copy.xlsx", SHA256: "same", Format: "xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	lines := sampleLines()
	if err := im.Add(&lines[0]); err != nil {
		t.Fatal(err)
	}
	if _, err = im.Commit(budget.Dataset{}); budget.ErrorCode(err) != budget.ECONFLICT || !strings.Contains(err.Error(), "already imported") {
		t.Errorf("second import of the same sha256 and options: %v", err)
	}
	// The lock was released: another import can start, and the same bytes
	// with other options are a dataset of their own.
	importLines(t, db, "other", sampleLines()[:1])
	im, err = db.BeginImport(ctx, budget.Dataset{Source: "copy.xlsx", SHA256: "same", Format: "xlsx", Options: `{"version":"forslag"}`})
	if err != nil {
		t.Fatal(err)
	}
	if err := im.Add(&lines[0]); err != nil {
		t.Fatal(err)
	}
	if _, err = im.Commit(budget.Dataset{}); err != nil {
		t.Errorf("the same bytes with other options: %v", err)
	}
	if ds, err := db.DatasetsBySHA256(ctx, "same"); err != nil || len(ds) != 2 {
		t.Errorf("DatasetsBySHA256 = %d datasets, %v; want 2", len(ds), err)
	}
}

func TestOreSumsExact(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	rounded, err := budget.ToOre(decimal.RequireFromString("10.005")) // 1001 øre, half away from zero
	if err != nil {
		t.Fatal(err)
	}
	const big = 999_999_999_999_999 // near 1e15 øre, beyond float64's exact cents
	values := []int64{1, -1, rounded, big, big, -big, 3, -2}
	var lines []budget.Line
	var want int64
	for i, v := range values {
		lines = append(lines, line(i+2, "1", "120", "010", nil, amt(v2025, v)))
		want += v
	}
	d := importLines(t, db, "exact", lines)
	if d.Totals[0].Ore != want {
		t.Errorf("total %d, want %d", d.Totals[0].Ore, want)
	}
	got, err := db.Summary(ctx, v2025, "funksjon")
	if err != nil || len(got) != 1 || got[0].Ore != want || got[0].Lines != len(values) {
		t.Errorf("Summary = %v, %v; want %d øre", got, err, want)
	}
	var sum int64
	db.Lines(ctx, v2025, func(l *budget.Line) error { sum += l.Amounts[0].Ore; return nil })
	if sum != want {
		t.Errorf("Lines sum %d, want %d", sum, want)
	}
}

func TestCommitChecksTotals(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	for _, totals := range [][]budget.Total{
		{{Key: v2025, Ore: 99}},                          // wrong sum
		{{Key: v2025, Ore: 100}, {Key: f2026, Ore: 0}},   // a key no line has
		{{Key: v2025, Ore: 100}, {Key: v2025, Ore: 100}}, // twice
	} {
		im, err := db.BeginImport(ctx, budget.Dataset{Source: "a.csv", SHA256: "a", Format: "csv"})
		if err != nil {
			t.Fatal(err)
		}
		l := line(2, "1", "120", "010", nil, amt(v2025, 100))
		if err := im.Add(&l); err != nil {
			t.Fatal(err)
		}
		if _, err := im.Commit(budget.Dataset{Totals: totals}); budget.ErrorCode(err) != budget.EINTERNAL {
			t.Errorf("Commit with totals %v: %v", totals, err)
		}
		im.Rollback()
	}
	if ds, _ := db.Datasets(ctx); len(ds) != 0 {
		t.Errorf("datasets stored: %v", ds)
	}
	// Right totals commit.
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "a.csv", SHA256: "a", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	l := line(2, "1", "120", "010", nil, amt(v2025, 100))
	im.Add(&l)
	if _, err := im.Commit(budget.Dataset{Totals: []budget.Total{{Key: v2025, Ore: 100}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := im.Commit(budget.Dataset{}); err == nil {
		t.Error("second Commit succeeded")
	}
}

func TestAddRejectsUnknownVersion(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "a.csv", SHA256: "a", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	l := line(2, "1", "120", "010", nil, amt(budget.Key{Year: 2025, Version: "utkast"}, 1))
	if err := im.Add(&l); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("Add with unknown version: %v", err)
	}
}

func TestLinesInRowOrder(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	importLines(t, db, "unordered", []budget.Line{
		line(5, "c", "120", "010", nil, amt(v2025, 1)),
		line(2, "a", "120", "010", nil, amt(v2025, 1)),
		line(3, "b", "120", "010", map[string]string{"Bydel": "Vest"}, amt(v2025, 1)),
	})
	var got []string
	db.Lines(ctx, v2025, func(l *budget.Line) error { got = append(got, l.Ansvar); return nil })
	if strings.Join(got, "") != "abc" {
		t.Errorf("Lines order %v", got)
	}
}

// Attribute values with JSON's special characters and invalid UTF-8 round
// trip through the positional array (the last as U+FFFD).
func TestAttributeEncoding(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
	odd := "tab\t \"quote\" back\\slash \x01 ny\nlinje æøå"
	l := budget.Line{Row: 2, Funksjon: "120", Amounts: []budget.Amount{amt(v2025, 1)},
		Attributes: []budget.Attribute{{Name: "B", Value: "only b"}}}
	l2 := budget.Line{Row: 3, Funksjon: "120", Amounts: []budget.Amount{amt(v2025, 2)},
		Attributes: []budget.Attribute{{Name: "A", Value: odd}, {Name: "C", Value: "bad \xff"}}}
	importLines(t, db, "odd", []budget.Line{l, l2})
	var got []budget.Line
	db.Lines(ctx, v2025, func(l *budget.Line) error { got = append(got, *l); return nil })
	if len(got) != 2 || !reflect.DeepEqual(got[0].Attributes, l.Attributes) {
		t.Fatalf("Lines = %+v", got)
	}
	want := []budget.Attribute{{Name: "A", Value: odd}, {Name: "C", Value: "bad \uFFFD"}}
	if !reflect.DeepEqual(got[1].Attributes, want) {
		t.Errorf("attributes %q, want %q", got[1].Attributes, want)
	}
	rows, err := db.Summary(ctx, v2025, "a")
	if err != nil || len(rows) != 2 || rows[1].Value != odd {
		t.Errorf("Summary by A = %+v, %v", rows, err)
	}
}
