package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

// reportsWorkspace makes a workspace with units u1 and u2, a 2026 budget
// (vedtatt, revidert, regnskap) of the given lines, and three measures:
// 1 (u1, funksjon=232 at 50 %), 2 (u2, ansvar=2*, from 2027) and 3 (u1,
// a link that picks nothing).
func reportsWorkspace(t *testing.T, lines []budget.Line) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "regnskap-2026.csv", SHA256: "aa", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range lines {
		if err := im.Add(&lines[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := im.Commit(budget.Dataset{}); err != nil {
		t.Fatal(err)
	}
	units := []budget.Unit{{Code: "u1", Name: "Enhet 1", Kind: budget.Virksomhet}, {Code: "u2", Name: "Enhet 2", Kind: budget.Virksomhet}}
	if err := db.ImportUnits(ctx, "units", units); err != nil {
		t.Fatal(err)
	}
	sel := func(s string) budget.Selector {
		x, err := budget.ParseSelector(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	ms := []budget.Measure{
		{Nr: "1", Name: "Helsestasjon", Responsible: []string{"u1"}, Reporting: "u1", Effort: budget.Universell,
			Selector: sel("funksjon=232"), Share: decimal.NewFromInt(50), Status: budget.StatusIgangsatt},
		{Nr: "2", Name: "Skolemåltid", Responsible: []string{"u2"}, Reporting: "u2", Effort: budget.Omraderettet,
			Selector: sel("ansvar=2*"), Share: budget.FullShare, Start: 2027, Status: budget.StatusVedtatt},
		{Nr: "3", Name: "Uten kobling", Responsible: []string{"u1"}, Reporting: "u1", Effort: budget.Malrettet,
			Selector: sel("funksjon=999"), Share: budget.FullShare, Status: budget.StatusIgangsatt},
	}
	if err := db.ReplaceMeasures(ctx, "tiltak.csv", ms); err != nil {
		t.Fatal(err)
	}
	return db
}

func reportLine(row int, ansvar, funksjon string, vedtatt, revidert, regnskap int64) budget.Line {
	return budget.Line{Row: row, Ansvar: ansvar, Funksjon: funksjon, Art: "010", Amounts: []budget.Amount{
		{Key: budget.Key{Year: 2026, Version: budget.Vedtatt}, Ore: vedtatt},
		{Key: budget.Key{Year: 2026, Version: budget.Revidert}, Ore: revidert},
		{Key: budget.Key{Year: 2026, Version: budget.Regnskap}, Ore: regnskap},
	}}
}

func reportLines() []budget.Line {
	return []budget.Line{
		reportLine(2, "3100", "232", 1_000_000_01, 1_100_000_01, 1_050_000_03),
		reportLine(3, "3100", "232", 333_33, 333_33, 333_35),
		reportLine(4, "2200", "202", 5_000_000_00, 5_000_000_00, 4_900_000_00),
		reportLine(5, "3100", "241", 7_000_00, 7_000_00, 7_000_00),
	}
}

func reportSnapshot(unit string, p budget.Period, sha string, at time.Time, rs ...budget.MeasureReport) budget.ReportSnapshot {
	for i := range rs {
		rs[i].Row = 7 + i
	}
	return budget.ReportSnapshot{Unit: unit, Period: p, Source: "form-" + sha + ".xlsx", SHA256: sha, Size: 100, ImportedAt: at, Reports: rs}
}

func TestDB_SaveReportSnapshot(t *testing.T) {
	ctx := context.Background()
	db := reportsWorkspace(t, reportLines())
	t1 := budget.Period{Year: 2026, Term: budget.T1}
	at := time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)
	s := reportSnapshot("u1", t1, "s1", at,
		budget.MeasureReport{Measure: "1", Status: budget.IRute, SpentOre: 12345_67, SpentGiven: true, Comment: "ok"},
		budget.MeasureReport{Measure: "3", Status: budget.Forsinket, Deviation: "venter på lokaler"})
	got, created, err := db.SaveReportSnapshot(ctx, s)
	if err != nil || !created || got.ID == 0 {
		t.Fatalf("save: %v created=%v id=%d", err, created, got.ID)
	}
	t.Run("same file again is unchanged", func(t *testing.T) {
		again, created, err := db.SaveReportSnapshot(ctx, s)
		if err != nil || created || again.ID != got.ID {
			t.Fatalf("again: %v created=%v id=%d, want id %d", err, created, again.ID, got.ID)
		}
		if ss, _ := db.ReportSnapshots(ctx, 0); len(ss) != 1 {
			t.Fatalf("%d snapshots, want 1", len(ss))
		}
	})
	t.Run("reads back", func(t *testing.T) {
		ss, err := db.ReportSnapshots(ctx, 2026)
		if err != nil || len(ss) != 1 {
			t.Fatal(ss, err)
		}
		back := ss[0]
		if back.Unit != "u1" || back.Period != t1 || !back.ImportedAt.Equal(at) || back.SHA256 != "s1" || len(back.Reports) != 2 {
			t.Fatalf("got %+v", back)
		}
		r := back.Reports[0]
		if r.Measure != "1" || r.Status != budget.IRute || r.SpentOre != 12345_67 || !r.SpentGiven || r.Comment != "ok" || r.Snapshot != got.ID || r.Row != 7 {
			t.Errorf("report 0 = %+v", r)
		}
		if r := back.Reports[1]; r.SpentGiven || r.Deviation != "venter på lokaler" {
			t.Errorf("report 1 = %+v: a blank amount must stay blank", r)
		}
		if other, _ := db.ReportSnapshots(ctx, 2025); len(other) != 0 {
			t.Errorf("2025: %d snapshots", len(other))
		}
	})
	bad := []struct {
		name string
		s    budget.ReportSnapshot
		want string
	}{
		{"unknown unit", reportSnapshot("u9", t1, "b1", at, budget.MeasureReport{Measure: "1", Status: budget.IRute}), "unit \"u9\""},
		{"unknown measure", reportSnapshot("u1", t1, "b2", at, budget.MeasureReport{Measure: "1", Status: budget.IRute}, budget.MeasureReport{Measure: "77", Status: budget.IRute}), "unknown measure 77"},
		{"another unit's measure", reportSnapshot("u2", budget.Period{Year: 2027, Term: budget.T1}, "b3", at, budget.MeasureReport{Measure: "1", Status: budget.IRute}), "reported by unit u1"},
		{"measure not running", reportSnapshot("u2", t1, "b4", at, budget.MeasureReport{Measure: "2", Status: budget.IRute}), "does not run in 2026"},
		{"no deviation note", reportSnapshot("u1", t1, "b5", at, budget.MeasureReport{Measure: "1", Status: budget.Avbrutt}), "deviation note"},
		{"twice", reportSnapshot("u1", t1, "b6", at, budget.MeasureReport{Measure: "1", Status: budget.IRute}, budget.MeasureReport{Measure: "1", Status: budget.IRute}), "reported twice"},
		{"bad status", reportSnapshot("u1", t1, "b7", at, budget.MeasureReport{Measure: "1", Status: "bra"}), "unknown status"},
		{"no reports", reportSnapshot("u1", t1, "b8", at), "no measure"},
		{"no period", reportSnapshot("u1", budget.Period{}, "b9", at, budget.MeasureReport{Measure: "1", Status: budget.IRute}), "no reporting period"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			before, _ := db.ReportSnapshots(ctx, 0)
			_, _, err := db.SaveReportSnapshot(ctx, c.s)
			if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want EINVALID with %q", err, c.want)
			}
			after, _ := db.ReportSnapshots(ctx, 0)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("the workspace changed: %d snapshots before, %d after", len(before), len(after))
			}
		})
	}
}

func TestDB_LatestReportsAndHistory(t *testing.T) {
	ctx := context.Background()
	db := reportsWorkspace(t, reportLines())
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	p := func(term budget.Term) budget.Period { return budget.Period{Year: 2026, Term: term} }
	save := func(s budget.ReportSnapshot) {
		t.Helper()
		if _, _, err := db.SaveReportSnapshot(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	save(reportSnapshot("u1", p(budget.T1), "t1", at, budget.MeasureReport{Measure: "1", Status: budget.IRute},
		budget.MeasureReport{Measure: "3", Status: budget.IkkeStartet}))
	// A corrected T1 form for measure 1 only: it supersedes the first for 1.
	save(reportSnapshot("u1", p(budget.T1), "t1b", at.Add(time.Hour), budget.MeasureReport{Measure: "1", Status: budget.Forsinket, Deviation: "sykefravær"}))
	save(reportSnapshot("u1", p(budget.T2), "t2", at.AddDate(0, 4, 0), budget.MeasureReport{Measure: "1", Status: budget.IRute, SpentOre: 500, SpentGiven: true},
		budget.MeasureReport{Measure: "3", Status: budget.IRute, SpentOre: 40, SpentGiven: true}))
	save(reportSnapshot("u1", p(budget.TermYear), "y", at.AddDate(0, 9, 0), budget.MeasureReport{Measure: "1", Status: budget.Fullfort, SpentOre: 900, SpentGiven: true},
		budget.MeasureReport{Measure: "3", Status: budget.Avbrutt, Deviation: "nedlagt"}))

	latest, err := db.LatestReports(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range latest {
		got = append(got, r.Measure+" "+r.Period.String()+" "+string(r.Status))
	}
	want := []string{"1 2026-T1 forsinket", "1 2026-T2 i rute", "1 2026-year fullført",
		"3 2026-T1 ikke startet", "3 2026-T2 i rute", "3 2026-year avbrutt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("latest:\n got %q\nwant %q", got, want)
	}
	hist, err := db.MeasureHistory(ctx, "1")
	if err != nil || len(hist) != 3 {
		t.Fatal(hist, err)
	}
	var steps []string
	for _, c := range budget.StatusChanges("1", hist) {
		steps = append(steps, c.From.String()+">"+c.To.String()+": "+string(c.Was)+" → "+string(c.Now))
	}
	if want := []string{"2026-T1>2026-T2: forsinket → i rute", "2026-T2>2026-year: i rute → fullført"}; !reflect.DeepEqual(steps, want) {
		t.Errorf("changes %q, want %q", steps, want)
	}
	all, err := db.MeasureReports(ctx, "1")
	if err != nil || len(all) != 4 || all[0].Status != budget.IRute || all[1].Status != budget.Forsinket {
		t.Errorf("all reports on 1: %+v %v", all, err)
	}
	if h, err := db.MeasureHistory(ctx, "2"); err != nil || len(h) != 0 {
		t.Errorf("measure 2 history: %v %v", h, err)
	}

	t.Run("spending reported", func(t *testing.T) {
		sp, err := tertial.SpentVsBudget(ctx, db, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if sp[0].Reported == nil || sp[0].Reported.Period.Term != budget.TermYear || sp[0].Reported.SpentOre != 900 {
			t.Errorf("measure 1 reported %+v, want the annual report's 900", sp[0].Reported)
		}
		if sp[1].Reported == nil || sp[1].Reported.Period.Term != budget.T2 || sp[1].Reported.SpentOre != 40 {
			t.Errorf("measure 3 reported %+v, want T2's 40 (the annual report gives none)", sp[1].Reported)
		}
	})
}

func TestDB_SpentVsBudget(t *testing.T) {
	ctx := context.Background()
	lines := reportLines()
	db := reportsWorkspace(t, lines)
	got, err := tertial.SpentVsBudget(ctx, db, 2026)
	if err != nil {
		t.Fatal(err)
	}
	// Independently: measure 1 counts half of each funksjon 232 line, each
	// line rounded half away from zero; measure 2 does not run in 2026.
	half := func(ore int64) int64 { return (ore + 1) / 2 }
	var wantBudget, wantAccounts int64
	n := 0
	for _, l := range lines {
		if l.Funksjon == "232" {
			wantBudget += half(l.Amounts[1].Ore) // revidert, since there is one
			wantAccounts += half(l.Amounts[2].Ore)
			n++
		}
	}
	if len(got) != 2 || got[0].Measure != "1" || got[1].Measure != "3" {
		t.Fatalf("rows %+v, want measures 1 and 3 (2 starts in 2027)", got)
	}
	m1 := got[0]
	if m1.Budget != (budget.Key{Year: 2026, Version: budget.Revidert}) || m1.BudgetOre != wantBudget || m1.BudgetLines != n ||
		!m1.HasAccounts || m1.AccountsOre != wantAccounts || m1.AccountLines != n {
		t.Errorf("measure 1: %+v, want budget %d (%d lines) and accounts %d", m1, wantBudget, n, wantAccounts)
	}
	if d := m1.DifferenceOre(); d != wantAccounts-wantBudget {
		t.Errorf("difference %d, want %d", d, wantAccounts-wantBudget)
	}
	if pct, ok := m1.UsedPercent(); !ok || pct.String() != "95.5" {
		t.Errorf("used %s %v, want 95.5", pct, ok)
	}
	m3 := got[1]
	if m3.BudgetLines != 0 || m3.BudgetOre != 0 || m3.AccountLines != 0 || !m3.HasAccounts {
		t.Errorf("measure 3 links nothing: %+v", m3)
	}
	if _, ok := m3.UsedPercent(); ok {
		t.Error("measure 3 has no budget to compare with")
	}

	t.Run("year without budget", func(t *testing.T) {
		rows, err := tertial.SpentVsBudget(ctx, db, 2030)
		if err != nil || len(rows) != 3 || rows[0].Budget.Year != 0 || rows[0].HasAccounts {
			t.Errorf("2030: %+v %v", rows, err)
		}
	})
}
