package imports_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

func TestOutcome_Settle(t *testing.T) {
	boom := errors.New("disk full")
	for _, c := range []struct {
		name     string
		errs     int
		dryRun   bool
		storeErr error
		want     imports.Status
		stored   bool
	}{
		{"clean", 0, false, nil, imports.Imported, true},
		{"row errors", 1, false, nil, imports.Rejected, false},
		{"row errors in a dry run", 2, true, nil, imports.Rejected, false},
		{"dry run", 0, true, nil, imports.DryRun, false},
		{"store fails", 0, false, boom, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := &imports.Outcome{Errors: make([]imports.RowError, c.errs)}
			stored := false
			err := o.Settle(c.dryRun, func() error { stored = true; return c.storeErr })
			if o.Status != c.want || stored != c.stored || !errors.Is(err, c.storeErr) {
				t.Errorf("status %q, stored %v, err %v; want %q, %v, %v", o.Status, stored, err, c.want, c.stored, c.storeErr)
			}
		})
	}
}

// TestFailed_JSON: the --json object of an import that could not be
// carried out keeps the shape the CLI printed before the type was shared.
func TestFailed_JSON(t *testing.T) {
	b, err := json.Marshal(imports.Failed("tiltak.csv", errors.New("no such file")))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"status":"rejected","file":"tiltak.csv","rows_read":0,"count":0,"skipped":{},"warnings":[],"errors":null,"message":"no such file"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// recorder notes the inputs recorded.
type recorder struct{ paths []string }

func (r *recorder) RecordInputs(_ context.Context, ins ...outguard.Input) error {
	for _, in := range ins {
		r.paths = append(r.paths, filepath.Base(in.Path))
	}
	return nil
}

// TestFiles_Finish: a file stored or unchanged is recorded with its mapping
// file; a dry run, a rejected file and an upload (a temporary copy) are not.
func TestFiles_Finish(t *testing.T) {
	dir := t.TempDir()
	file, mapping := filepath.Join(dir, "b.csv"), filepath.Join(dir, "m.yaml")
	for _, p := range []string{file, mapping} {
		if err := os.WriteFile(p, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name   string
		f      imports.Files
		status imports.Status
		dryRun bool
		want   string
	}{
		{"imported", imports.Files{MappingFile: mapping}, imports.Imported, false, "b.csv m.yaml"},
		{"unchanged", imports.Files{}, imports.Unchanged, false, "b.csv"},
		{"dry run", imports.Files{}, imports.DryRun, true, ""},
		{"rejected", imports.Files{}, imports.Rejected, false, ""},
		{"upload", imports.Files{MappingFile: mapping, Upload: true}, imports.Imported, false, ""},
	} {
		var r recorder
		err := tc.f.Finish(context.Background(), &r, file, tc.status, tc.dryRun, func() ([]byte, error) { return nil, nil })
		if got := strings.Join(r.paths, " "); err != nil || got != tc.want {
			t.Errorf("%s: recorded %q (%v), want %q", tc.name, got, err, tc.want)
		}
	}
}
