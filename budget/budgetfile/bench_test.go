package budgetfile_test

import (
	"context"
	"io"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// repeat yields the same data row n times after a header, as a fast
// reader would, so the benchmark measures Import's per-row path only.
type repeat struct {
	header, row []string
	n, i        int
}

func (r *repeat) Next() (tabular.Row, error) {
	r.i++
	switch {
	case r.i == 1:
		return tabular.Row{Number: 1, Cells: r.header}, nil
	case r.i > r.n+1:
		return tabular.Row{}, io.EOF
	}
	return tabular.Row{Number: r.i, Cells: r.row}, nil
}

// BenchmarkImportRows imports a Bergen-shaped row: 10 text columns and four
// amount columns with Norwegian grouping. ns/op is per row.
func BenchmarkImportRows(b *testing.B) {
	src := &repeat{
		header: []string{"avdeling", "avdeling-tekst", "inntekt-utgift", "tjomr", "tjenesteomraade-tekst", "tjeneste", "tjeneste-tekst", "endrgr", "endrgr-tekst", "tekst", "2013", "2014", "2015", "2016"},
		row:    []string{"1", "Byrådsleders avdeling", "Inntekt", "02", "Barnevern", "24410", "Barneverntjeneste", "N00", "Vedtatt budsjett", "Vedtatt budsjett 2012", " -1 362 250 ", " -1 362 250,50 ", " 17 700 ", " -   "},
		n:      b.N,
	}
	b.ReportAllocs()
	b.ResetTimer()
	res, err := budgetfile.ImportRows(context.Background(), src, "csv", budgetfile.Options{Name: "bench.csv"}, func(*budget.Line) error { return nil })
	if err != nil || res.ErrorCount > 0 || res.Lines != b.N {
		b.Fatalf("%v %+v", err, res)
	}
}
