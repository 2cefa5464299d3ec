package imports_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
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
