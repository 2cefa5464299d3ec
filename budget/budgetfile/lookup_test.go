package budgetfile_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// errRows is a table in memory whose cells at the given (row, column)
// positions are xlsx error cells (type e).
type errRows struct {
	*rows
	errs map[int][]int // row number → error columns
}

func (r *errRows) Next() (tabular.Row, error) {
	row, err := r.rows.Next()
	row.Errors = r.errs[row.Number]
	return row, err
}

func TestImport_lookupErrors(t *testing.T) {
	for _, tc := range []struct {
		name, row string
		lines     int
		lookup    int
		err       string // the errors' column and field, "" for none
	}{
		{"#I/T art at zero", "3100;232;#I/T;0", 1, 1, ""},
		{"#N/A funksjon at a dash", "3100;#N/A;010; - ", 1, 1, ""},
		{"#REF! ansvar at zero", "#REF!;232;010;0,00", 1, 1, ""},
		{"#VERDI! art, lower case", "3100;232;#verdi!;0", 1, 1, ""},
		{"#NAVN? art", "3100;232;#NAVN?;0", 1, 1, ""},
		{"#VALUE! and #NAME? art", "3100;232;#VALUE!;0", 1, 1, ""},
		{"empty art at zero", "3100;232;;0", 1, 1, ""},
		{"#I/T art at 100 kr", "3100;232;#I/T;100", 1, 0, "C art"},
		{"empty art at 100 kr", "3100;232;;100", 1, 0, "C art"},
		{"#N/A prosjekt with money", "3100;232;010;100;#N/A", 1, 0, "E prosjekt"},
		{"an error in the amount", "3100;232;010;#VERDI!", 1, 0, "D beløp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, lines, err := runErr(table("ansvar;funksjon;art;beløp;prosjekt", "3100;232;010;500", tc.row),
				"csv", budgetfile.Options{Year: 2027})
			if err != nil {
				t.Fatal(err)
			}
			checkAccounted(t, res)
			if len(lines) != tc.lines {
				t.Errorf("lines = %d, want %d", len(lines), tc.lines)
			}
			if got := res.Skipped["lookup_error"]; got != tc.lookup {
				t.Errorf("lookup_error skips = %d, want %d (skipped %v)", got, tc.lookup, res.Skipped)
			}
			if tc.err == "" {
				if res.ErrorCount != 0 {
					t.Errorf("errors: %+v", res.Errors)
				}
				if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "row 3: skipped as lookup_error") {
					t.Errorf("warnings = %q, want one naming row 3", res.Warnings)
				}
				return
			}
			if res.ErrorCount != 1 || res.Errors[0].Row != 3 || res.Errors[0].Column+" "+res.Errors[0].Field != tc.err {
				t.Errorf("errors = %+v, want one at row 3 column %s", res.Errors, tc.err)
			}
		})
	}
	t.Run("xlsx error cells are errors whatever their text", func(t *testing.T) {
		src := &errRows{rows: table("ansvar;funksjon;art;beløp;tekst", "3100;232;#DIV/0!;0", "3100;232;010;5;#SPILL!", "3100;232;#SPILL!;0"),
			errs: map[int][]int{3: {4}, 4: {2}}}
		res, lines, err := runErr(src, "xlsx", budgetfile.Options{Year: 2027})
		if err != nil {
			t.Fatal(err)
		}
		// Row 2: #DIV/0! is one of the error texts. Row 3: the attribute
		// is an error cell, kept empty. Row 4: an error cell whose text
		// (#SPILL!) is none of the known texts is still an error.
		if len(lines) != 1 || res.Skipped["lookup_error"] != 2 {
			t.Fatalf("lines %d, skipped %v, errors %+v", len(lines), res.Skipped, res.Errors)
		}
		if _, ok := lines[0].Attr("tekst"); ok {
			t.Errorf("the error cell was kept as text: %+v", lines[0].Attributes)
		}
		if !strings.Contains(strings.Join(res.Warnings, "\n"), "rows 2, 4: skipped as lookup_error") {
			t.Errorf("warnings = %q", res.Warnings)
		}
	})
	t.Run("many rows are named in one warning", func(t *testing.T) {
		lines := []string{"ansvar;funksjon;art;beløp"}
		for i := 0; i < 30; i++ {
			lines = append(lines, "3100;232;#I/T;0")
		}
		res, _, err := runErr(table(append(lines, "3100;232;010;1")...), "csv", budgetfile.Options{Year: 2027})
		if err != nil {
			t.Fatal(err)
		}
		if res.Skipped["lookup_error"] != 30 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "rows 2, 3, 4") ||
			!strings.Contains(res.Warnings[0], "and 10 more") {
			t.Errorf("skipped %v, warnings %q", res.Skipped, res.Warnings)
		}
	})
}
