package tertial_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

var (
	t1       = budget.Period{Year: 2026, Term: budget.T1}
	measures = []budget.Measure{
		{Nr: "1", Name: "Helsestasjon for ungdom", Reporting: "u1", Responsible: []string{"u1"}},
		{Nr: "2", Name: "Familieveiledere", Reporting: "u1", Responsible: []string{"u1"}},
		{Nr: "10", Name: "Fritidskortet", Reporting: "u1", Responsible: []string{"u1"}},
		{Nr: "5", Name: "Andres tiltak", Reporting: "u2", Responsible: []string{"u2"}},
		{Nr: "6", Name: "Fra 2027", Reporting: "u1", Responsible: []string{"u1"}, Start: 2027},
	}
	units = map[string]bool{"u1": true, "u2": true}
)

// form returns the u1 form for t1 with the given reports on measures 1, 2
// and 10 (nil: blank).
func form(reports ...*budget.MeasureReport) tertial.Form {
	f := tertial.Form{Municipality: "Fjordvik", Unit: budget.Unit{Code: "u1", Name: "Enhet én"}, Period: t1}
	for i, m := range measures[:3] {
		r := tertial.Row{Measure: m, BudgetOre: int64(i+1) * 1_234_567_89, BudgetKnown: true}
		if i < len(reports) {
			r.Report = reports[i]
		}
		f.Rows = append(f.Rows, r)
	}
	return f
}

func writeForm(t *testing.T, f tertial.Form) string {
	t.Helper()
	var b bytes.Buffer
	if err := tertial.WriteForm(&b, f); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), tertial.FileName(f.Unit.Code, f.Period))
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// edit sets cells of the form at p, as a user in Excel would.
func edit(t *testing.T, p string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for c, v := range cells {
		if err := f.SetCellValue(tertial.SheetForm, c, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string, opts tertial.Options) *tertial.Result {
	t.Helper()
	res, err := tertial.ReadForm(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) == 0 {
		res.Check(measures, units)
	}
	return res
}

func TestForm_RoundTrip(t *testing.T) {
	in := []*budget.MeasureReport{
		{Measure: "1", Status: budget.IRute, SpentOre: 1_234_567_89, SpentGiven: true, Comment: "Går som planlagt."},
		{Measure: "2", Status: budget.Forsinket, SpentOre: 0, SpentGiven: true, Comment: "Utsatt", Deviation: "Ledig stilling; rekruttering pågår."},
		{Measure: "10", Status: budget.Avbrutt, Deviation: "Tilskuddet falt bort."},
	}
	p := writeForm(t, form(in...))
	res := read(t, p, tertial.Options{Unit: "u1", Period: t1})
	if len(res.Errors) > 0 || len(res.Warnings) > 0 {
		t.Fatalf("errors %v warnings %v", res.Errors, res.Warnings)
	}
	if res.Unit != "u1" || res.Period != t1 || res.Sheet != tertial.SheetForm || len(res.SHA256) != 64 {
		t.Errorf("stated %s %s %s %s", res.Unit, res.Period, res.Sheet, res.SHA256)
	}
	if len(res.Reports) != len(in) {
		t.Fatalf("%d reports, want %d", len(res.Reports), len(in))
	}
	for i, want := range in {
		got := res.Reports[i]
		w := *want
		w.Row, w.Unit, w.Period = 7+i, "u1", t1
		if !reflect.DeepEqual(got, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	s := res.Snapshot()
	if s.Unit != "u1" || s.SHA256 != res.SHA256 || s.Source != filepath.Base(p) || len(s.Reports) != 3 {
		t.Errorf("snapshot %+v", s)
	}

	t.Run("deterministic", func(t *testing.T) {
		var a, b bytes.Buffer
		if err := tertial.WriteForm(&a, form(in...)); err != nil {
			t.Fatal(err)
		}
		if err := tertial.WriteForm(&b, form(in...)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Error("the same form gave different bytes")
		}
	})
	t.Run("blank rows are not reports", func(t *testing.T) {
		p := writeForm(t, form(in[0]))
		res := read(t, p, tertial.Options{})
		if len(res.Errors) > 0 || len(res.Reports) != 1 || !reflect.DeepEqual(res.NotReported, []string{"2", "10"}) {
			t.Errorf("reports %d, not reported %v, errors %v", len(res.Reports), res.NotReported, res.Errors)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "2, 10") {
			t.Errorf("warnings %v", res.Warnings)
		}
	})
	t.Run("typed amounts", func(t *testing.T) {
		p := writeForm(t, form(in[0]))
		edit(t, p, map[string]any{"E7": "1 234 567,50", "D8": "I rute", "E8": "kr 12 000", "D9": "ikke startet"})
		res := read(t, p, tertial.Options{})
		if len(res.Errors) > 0 || len(res.Reports) != 3 {
			t.Fatalf("errors %v", res.Errors)
		}
		if res.Reports[0].SpentOre != 1_234_567_50 || res.Reports[1].SpentOre != 12_000_00 || res.Reports[2].SpentGiven {
			t.Errorf("amounts %+v", res.Reports)
		}
	})
}

func TestForm_Rejected(t *testing.T) {
	ok := &budget.MeasureReport{Measure: "1", Status: budget.IRute, SpentOre: 100, SpentGiven: true}
	for _, c := range []struct {
		name   string
		cells  map[string]any
		opts   tertial.Options
		row    int
		column string
		value  string
		want   string
	}{
		{"unknown measure", map[string]any{"A10": "99", "D10": "i rute"}, tertial.Options{}, 10, "A", "99", "unknown measure 99"},
		{"another unit's measure", map[string]any{"A10": "5", "D10": "i rute"}, tertial.Options{}, 10, "A", "5", "reported by unit u2"},
		{"measure not running", map[string]any{"A10": "6", "D10": "i rute"}, tertial.Options{}, 10, "A", "6", "does not run in 2026"},
		{"status outside the list", map[string]any{"D8": "bra"}, tertial.Options{}, 8, "D", "bra", "unknown status"},
		{"no status", map[string]any{"F8": "en kommentar"}, tertial.Options{}, 8, "D", "", "no status"},
		{"missing deviation note", map[string]any{"D8": "forsinket"}, tertial.Options{}, 8, "G", "", "deviation note"},
		{"avbrutt without note", map[string]any{"D8": "avbrutt", "F8": "stanset"}, tertial.Options{}, 8, "G", "", "deviation note"},
		{"unparseable amount", map[string]any{"D8": "i rute", "E8": "mye"}, tertial.Options{}, 8, "E", "mye", "not a number"},
		{"ambiguous amount", map[string]any{"D8": "i rute", "E8": "12.345"}, tertial.Options{}, 8, "E", "12.345", "ambiguous"},
		{"negative amount", map[string]any{"D8": "i rute", "E8": -5}, tertial.Options{}, 8, "E", "-5", "below zero"},
		{"form for another unit", nil, tertial.Options{Unit: "u2"}, 2, "B", "u1", "not u2 as expected"},
		{"form for another period", nil, tertial.Options{Period: budget.Period{Year: 2026, Term: budget.T2}}, 3, "B", "2026-T1", "not 2026-T2"},
		{"unit changed to unknown", map[string]any{"B2": "u9"}, tertial.Options{}, 2, "B", "u9", "no unit has this code"},
		{"period unreadable", map[string]any{"B3": "våren"}, tertial.Options{}, 3, "B", "våren", "does not state a period"},
		{"no measure number", map[string]any{"D12": "i rute"}, tertial.Options{}, 12, "A", "", "no measure number"},
		{"measure twice", map[string]any{"A10": "1", "D10": "i rute"}, tertial.Options{}, 10, "A", "1", "reported twice"},
		{"header changed", map[string]any{"D6": "Tilstand"}, tertial.Options{}, 6, "D", "Tilstand", "should be headed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeForm(t, form(ok))
			if c.cells != nil {
				edit(t, p, c.cells)
			}
			res := read(t, p, c.opts)
			if len(res.Errors) == 0 {
				t.Fatalf("accepted; want an error on row %d with %q", c.row, c.want)
			}
			e := res.Errors[0]
			if e.Row != c.row || e.Column != c.column || e.Value != c.value || !strings.Contains(e.Message, c.want) {
				t.Errorf("error %+v; want row %d, column %s, value %q, message with %q", e, c.row, c.column, c.value, c.want)
			}
		})
	}
	t.Run("no report at all", func(t *testing.T) {
		p := writeForm(t, form())
		res := read(t, p, tertial.Options{})
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "reports on no measure") {
			t.Errorf("errors %v", res.Errors)
		}
	})
	t.Run("not a workbook", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.xlsx")
		if err := os.WriteFile(p, []byte("Nr;Status\n1;i rute\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := tertial.ReadForm(context.Background(), p, tertial.Options{})
		if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "not an xlsx") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("no form sheet", func(t *testing.T) {
		f := excelize.NewFile()
		p := filepath.Join(t.TempDir(), "other.xlsx")
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		_, err := tertial.ReadForm(context.Background(), p, tertial.Options{})
		if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "no sheet") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		p := writeForm(t, form(ok))
		_, err := tertial.ReadForm(context.Background(), p, tertial.Options{MaxSize: 100})
		if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "limit") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestFileName(t *testing.T) {
	for unit, want := range map[string]string{
		"bydel-nordbyen":   "tertialrapport-2026-T1-bydel-nordbyen.xlsx",
		"voksenopplæring":  "tertialrapport-2026-T1-voksenopplaering.xlsx",
		"../../etc/passwd": "tertialrapport-2026-T1-etc-passwd.xlsx",
		"a b/c\\d:e":       "tertialrapport-2026-T1-a-b-c-d-e.xlsx",
		"...":              "tertialrapport-2026-T1-enhet.xlsx",
	} {
		if got := tertial.FileName(unit, t1); got != want {
			t.Errorf("FileName(%q) = %q, want %q", unit, got, want)
		}
	}
}
