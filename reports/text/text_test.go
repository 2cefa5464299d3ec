package text_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// fields is each line of out split on runs of spaces, for tables.
func fields(out string) [][]string {
	var rows [][]string
	for _, l := range strings.Split(out, "\n") {
		rows = append(rows, strings.Fields(l))
	}
	return rows
}

// TestSummary: every row with its lines and amount in kroner as finance
// staff read them, the sum, and the parts when there are two.
func TestSummary(t *testing.T) {
	sum := &model.Summary{Year: 2027, Version: budget.Vedtatt, By: "funksjon",
		Rows:  []model.SummaryRow{{Value: "232", Lines: 3, Ore: 123456789}, {Value: "", Lines: 1, Ore: -50}},
		Parts: []model.SummaryRow{{Value: "drift", Lines: 3, Ore: 123456789}, {Value: "investering", Lines: 1, Ore: -50}},
		Lines: 4, TotalOre: 123456739}
	var b bytes.Buffer
	if err := text.Summary(&b, sum); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"2027 vedtatt by funksjon",
		"232", budget.FormatKroner(123456789), "(none)", budget.FormatKroner(-50),
		"Sum", budget.FormatKroner(123456739), "of which investering",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	rows := fields(out)
	if got := rows[len(rows)-4]; strings.Join(got[:2], " ") != "Sum 4" {
		t.Errorf("sum row %q, want Sum with 4 lines", got)
	}
}

// TestFileImport: each status says what happened and whether anything was
// stored.
func TestFileImport(t *testing.T) {
	for _, tc := range []struct {
		status imports.Status
		want   string
	}{
		{imports.Imported, "tiltak.csv: imported 7 measures."},
		{imports.DryRun, "tiltak.csv: dry run, 7 measures would be imported; nothing was stored."},
		{imports.Rejected, "tiltak.csv: rejected, 1 error(s); nothing was stored."},
	} {
		var w, errw bytes.Buffer
		out := &imports.Outcome{Status: tc.status, File: "tiltak.csv", Count: 7,
			Errors: []imports.RowError{{Row: 4, Column: "C", Field: "ansvarlig", Value: "9999", Message: "unknown unit"}}}
		if tc.status != imports.Rejected {
			out.Errors = nil
		}
		text.FileImport(&w, &errw, out, "measures")
		if !strings.HasPrefix(w.String(), tc.want) {
			t.Errorf("%s: %q, want %q", tc.status, w.String(), tc.want)
		}
		if tc.status == imports.Rejected && !strings.Contains(errw.String(), `tiltak.csv: row 4, column C (ansvarlig): "9999": unknown unit`) {
			t.Errorf("rejected: the row error is not named: %q", errw.String())
		}
	}
}

// TestDatasets: a dataset replaced for one of its keys says so beside it.
func TestDatasets(t *testing.T) {
	k26, k27 := budget.Key{Year: 2026, Version: budget.Vedtatt}, budget.Key{Year: 2027, Version: budget.Vedtatt}
	sets := []budget.Dataset{{ID: 3, Source: "plan.xlsx", Format: "xlsx", Part: budget.Drift, Lines: 10, SHA256: strings.Repeat("ab", 32),
		Totals:  []budget.Total{{Key: k26, Ore: 100}, {Key: k27, Ore: 250}},
		Current: []budget.Key{k27}}}
	var b bytes.Buffer
	if err := text.Datasets(&b, sets); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "2026 vedtatt (replaced), 2027 vedtatt") || !strings.Contains(out, "abababababab") {
		t.Errorf("keys or hash missing:\n%s", out)
	}
	b.Reset()
	if err := text.Datasets(&b, nil); err != nil || !strings.Contains(b.String(), "No datasets yet") {
		t.Errorf("none: %q %v", b.String(), err)
	}
}
