package documents

import (
	"context"
	"io"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// LinesStore is what the CSV of a budget's lines reads, through the read
// layer, and the workspace's file and inputs it is never written over.
type LinesStore interface {
	model.BudgetReader
	outguard.Workspace
}

// LinesOptions are the choices of one CSV of a budget's lines (budget
// lines).
type LinesOptions struct {
	Key budget.Key
	// Path is the CSV file, written atomically; "" writes to Out.
	Path string
	Out  io.Writer
	// Overwrite replaces an existing file (the user's --force); never an
	// input nor the workspace.
	Overwrite bool
}

// LinesResult is a written CSV of lines.
type LinesResult struct {
	Path string // "" when written to Out
	Rows int    // the data rows: one per amount of a line
}

// WriteLines writes the lines of o.Key's current dataset as CSV (LinesCSV)
// to o.Path, atomically, or to o.Out. It refuses a path that is the
// workspace or an input, or that exists unless o.Overwrite
// (outguard.Check), and then changes nothing. A key without a current
// dataset is ENOTFOUND.
func WriteLines(ctx context.Context, db LinesStore, o LinesOptions) (*LinesResult, error) {
	res := &LinesResult{Path: o.Path}
	if o.Path == "" {
		n, err := LinesCSV(ctx, db, o.Key, o.Out)
		res.Rows = n
		return res, err
	}
	if err := outguard.Check(ctx, db, o.Path, o.Overwrite); err != nil {
		return nil, err
	}
	err := atomicfile.Write(o.Path, func(w io.Writer) error {
		n, err := LinesCSV(ctx, db, o.Key, w)
		res.Rows = n
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// LinesCSV writes the lines of key's current dataset as CSV to w and
// returns the number of data rows: the codes, the year, version, amount
// and part (drift, investering, or begge for a file holding both), then
// one column per attribute the file had (texts, bydel, free dimensions),
// in the file's order, so the CSV opens as the ERP export did. A line
// gives one row per amount (each year and version of its file), so the
// amounts of one key sum to the dataset's total for it.
func LinesCSV(ctx context.Context, db model.BudgetReader, key budget.Key, w io.Writer) (int, error) {
	names, err := db.AttributeNames(ctx, key)
	if err != nil {
		return 0, err
	}
	pos := make(map[string]int, len(names))
	for i, n := range names {
		pos[n] = i
	}
	cw := csvsafe.NewWriter(w)
	header := []string{"row", "ansvar", "funksjon", "tjeneste", "art", "konto", "prosjekt", "year", "version", "amount", "part"}
	if err := cw.Write(append(header, names...)); err != nil {
		return 0, err
	}
	record := make([]string, len(header)+len(names))
	rows := 0
	err = model.Lines(ctx, db, key, func(l *budget.Line) error {
		attrs := record[len(header):]
		clear(attrs)
		for _, a := range l.Attributes {
			if i, ok := pos[a.Name]; ok {
				attrs[i] = a.Value
			}
		}
		for _, a := range l.Amounts {
			copy(record, []string{strconv.Itoa(l.Row), l.Ansvar, l.Funksjon, l.Tjeneste, l.Art, l.Konto, l.Prosjekt,
				strconv.Itoa(a.Year), string(a.Version), budget.FormatOre(a.Ore), string(l.Part)})
			if err := cw.Write(record); err != nil {
				return err
			}
			rows++
		}
		return nil
	})
	if err != nil {
		return rows, err
	}
	cw.Flush()
	return rows, cw.Error()
}
