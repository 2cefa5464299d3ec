package outguard_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

// opened is a workspace that records being closed.
type opened struct {
	outguard.Static
	closed *bool
}

func (o opened) Close() error { *o.closed = true; return nil }

func TestCheckUnopened(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ws := filepath.Join(dir, "helsebudsjett.db")
	imported := writeFile(t, filepath.Join(dir, "budsjett.csv"), "Ansvar;Beløp\n1;2\n")
	in, err := outguard.Describe(imported)
	if err != nil {
		t.Fatal(err)
	}
	var closed bool
	workspace := func(context.Context) (outguard.Opened, error) {
		return opened{outguard.Static{File: ws, Files: []outguard.Input{in}}, &closed}, nil
	}
	notWorkspace := func(context.Context) (outguard.Opened, error) { return nil, errors.New("not a workspace") }
	mustNotOpen := func(context.Context) (outguard.Opened, error) {
		t.Error("opened a workspace that does not exist")
		return nil, errors.New("none")
	}
	t.Run("no workspace file: nothing opened, its path still refused", func(t *testing.T) {
		if err := outguard.CheckUnopened(ctx, ws, mustNotOpen, filepath.Join(dir, "ny.csv"), false); err != nil {
			t.Errorf("a new file: %v", err)
		}
		if err := outguard.CheckUnopened(ctx, ws, mustNotOpen, ws, true); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("the workspace's path: got %v, want EINVALID", err)
		}
	})
	writeFile(t, ws, "workspace")
	t.Run("a workspace: its inputs refused, then closed", func(t *testing.T) {
		if err := outguard.CheckUnopened(ctx, ws, workspace, imported, true); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("an imported file: got %v, want EINVALID", err)
		}
		if !closed {
			t.Error("the workspace was left open")
		}
	})
	t.Run("a file that is no workspace is still not written over", func(t *testing.T) {
		if err := outguard.CheckUnopened(ctx, ws, notWorkspace, ws, true); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("got %v, want EINVALID", err)
		}
		if err := outguard.CheckUnopened(ctx, ws, notWorkspace, imported, true); err != nil {
			t.Errorf("without a workspace no file is known as imported: %v", err)
		}
	})
}
