package yamlfile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/yamlfile"
)

type mapping struct {
	Format string `yaml:"format,omitempty"`
	Unit   int    `yaml:"unit,omitempty"`
}

func write(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "m.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadMapping(t *testing.T) {
	ctx := context.Background()
	t.Run("round trip", func(t *testing.T) {
		want := mapping{Format: "csv", Unit: 1000}
		b, err := yamlfile.Encode(want)
		if err != nil {
			t.Fatal(err)
		}
		var got mapping
		if err := yamlfile.LoadMapping(ctx, write(t, string(b)), &got, nil); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	for _, c := range []struct{ name, text, want string }{
		{"empty", "", "is empty"},
		{"unknown key", "format: csv\nunits: 1000\n", "field units not found"},
		{"check", "unit: -1\n", "mapping file m.yaml: unit -1 is negative"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var m mapping
			err := yamlfile.LoadMapping(ctx, write(t, c.text), &m, func() error {
				if m.Unit < 0 {
					return errors.New("unit -1 is negative")
				}
				return nil
			})
			if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v (code %q), want EINVALID with %q", err, budget.ErrorCode(err), c.want)
			}
		})
	}
}
