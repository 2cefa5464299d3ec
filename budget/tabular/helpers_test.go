package tabular_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// writeFile writes data to a new file called name in a fresh temporary
// directory and returns its path.
func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll opens path and reads every row, copying the cells as the
// contract asks.
func readAll(t testing.TB, path string, opts tabular.Options) (*tabular.Table, []tabular.Row) {
	t.Helper()
	tab, err := tabular.Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { tab.Close() })
	rows, err := drain(tab)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	return tab, rows
}

// drain reads the rest of tab.
func drain(tab *tabular.Table) ([]tabular.Row, error) {
	var rows []tabular.Row
	for {
		r, err := tab.Next()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, tabular.Row{Number: r.Number, Cells: append([]string(nil), r.Cells...)})
	}
}

// openErr opens path, reads it all, and returns the first error.
func openErr(path string, opts tabular.Options) error {
	tab, err := tabular.Open(context.Background(), path, opts)
	if err != nil {
		return err
	}
	defer tab.Close()
	_, err = drain(tab)
	return err
}

// wantInvalid fails unless err is an EINVALID *budget.Error whose message
// contains every part.
func wantInvalid(t testing.TB, err error, parts ...string) {
	t.Helper()
	var e *budget.Error
	if !errors.As(err, &e) || e.Code != budget.EINVALID {
		t.Fatalf("want an EINVALID *budget.Error, got %T %v", err, err)
	}
	t.Log(e.Message)
	for _, p := range parts {
		if !strings.Contains(e.Message, p) {
			t.Errorf("message %q lacks %q", e.Message, p)
		}
	}
}

type want struct {
	num   int
	cells []string
}

// checkRows compares rows with the numbers and cells wanted.
func checkRows(t testing.TB, got []tabular.Row, wants ...want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d rows %v, want %d", len(got), got, len(wants))
	}
	for i, w := range wants {
		if got[i].Number != w.num || !reflect.DeepEqual(got[i].Cells, w.cells) {
			t.Errorf("row %d: got %d %q, want %d %q", i, got[i].Number, got[i].Cells, w.num, w.cells)
		}
	}
}
