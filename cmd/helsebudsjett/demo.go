package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// cmdDemo builds a fresh workspace from the fictional sample municipality
// embedded in the binary. The new workspace is built under a temporary name
// and renamed into place, so an earlier demo is replaced whole or not at all.
func cmdDemo(ctx context.Context, args []string, e *env) error {
	fs, _ := newFlags("demo", e)
	out := fs.String("o", filepath.Join(e.workdir, "helsebudsjett-demo"), "folder for the demo workspace and sample files")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("demo takes no arguments; use -o DIR")
	}
	if err := claimDemoDir(*out); err != nil {
		return err
	}
	files, err := copySamples(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Demo: the fictional sample municipality %s (all names and figures are made up).\n\n", sample.Name)

	final := filepath.Join(*out, "helsebudsjett.db")
	tmp := filepath.Join(*out, ".helsebudsjett.db.building")
	removeDB(tmp)
	defer removeDB(tmp)
	if err := buildDemo(ctx, tmp, *out, files, e.stdout); err != nil {
		return err
	}
	removeDB(final)
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("put demo workspace in place: %w", err)
	}
	if err := demoWheelIn(ctx, final, *out, e); err != nil {
		return err
	}
	if err := demoLetters(ctx, final, *out, e); err != nil {
		return err
	}
	if err := demoWorkbook(ctx, final, *out, e); err != nil {
		return err
	}
	if err := demoAnnualReport(ctx, final, *out, e); err != nil {
		return err
	}
	if err := demoUsers(ctx, final, e); err != nil {
		return err
	}
	abs, _ := filepath.Abs(final)
	fmt.Fprintf(e.stdout, "\nWorkspace: %s\nSample files: %s\n\nTry:\n", abs, filepath.Join(*out, "sample"))
	fmt.Fprintf(e.stdout, "  helsebudsjett budget datasets --db %s\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett budget summary --db %s --year 2027 --by funksjon\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett budget summary --db %s --year 2026 --version regnskap --by bydel\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett budget summary --db %s --year 2027 --by art-group\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett budget compare --db %s --year 2027 --from forslag --to vedtatt --by funksjon\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett indicators show barn-lavinntekt --db %s\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett areas list --db %s\n", final)
	fmt.Fprintf(e.stdout, "  helsebudsjett import indicators %s --indicator trangboddhet --dry-run --db %s\n",
		filepath.Join(*out, "sample", "indikatorer", "trangboddhet.csv"), final)
	fmt.Fprintf(e.stdout, "  helsebudsjett import measures %s --dry-run --db %s\n", filepath.Join(*out, "sample", sample.MeasuresFile), final)
	fmt.Fprintf(e.stdout, "  helsebudsjett wheel list --year 2027 --db %s\n", final)
	fmt.Fprintln(e.stdout, "(from a source checkout, 'go run ./cmd/helsebudsjett' stands for 'helsebudsjett')")
	return nil
}

// demoMarker marks a folder as the demo's own: the demo replaces what is in
// such a folder, and writes into no other folder that holds files.
const demoMarker = ".helsebudsjett-demo"

// claimDemoDir makes dir the demo's folder, or refuses (EINVALID) when it
// holds files and is not one already: the demo replaces its workspace and
// documents whole, so it must never run in a folder with the user's own
// workspace or files. A folder an earlier demo made before the marker
// existed (with helsebudsjett.db and sample/) counts as the demo's.
func claimDemoDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return budget.Errorf(budget.EINVALID, "demo folder %s: %v", dir, err)
	case len(entries) > 0 && !exists(filepath.Join(dir, demoMarker)) &&
		!(exists(filepath.Join(dir, "helsebudsjett.db")) && exists(filepath.Join(dir, "sample"))):
		return budget.Errorf(budget.EINVALID, "%s holds files and is not a demo folder: the demo replaces everything it writes, so give -o a new or empty folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("make demo folder: %w", err)
	}
	return atomicfile.WriteBytes(filepath.Join(dir, demoMarker), []byte("This folder was made by 'helsebudsjett demo', which replaces its contents when run again.\n"))
}

// copySamples writes the embedded sample files into DIR/sample so the user
// can open them and import them by hand, and returns their paths in order.
func copySamples(dir string) ([]string, error) {
	sampleDir := filepath.Join(dir, "sample")
	if err := os.MkdirAll(sampleDir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, name := range []string{sample.ProposalFile, sample.PlanFile, sample.AccountsFile} {
		data, err := fs.ReadFile(sample.Files, name)
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(sampleDir, name)
		if err := atomicfile.Write(dst, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return nil, fmt.Errorf("write sample file: %w", err)
		}
		paths = append(paths, dst)
	}
	sort.Strings(paths)
	return paths, nil
}

func buildDemo(ctx context.Context, dbFile, outDir string, files []string, w io.Writer) error {
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetClock(demoClock())
	for _, f := range files {
		opts := importer.Options{}
		if filepath.Base(f) == sample.ProposalFile {
			opts.Version = budget.Forslag
		}
		rep, err := importer.Run(ctx, db, f, opts)
		if err != nil {
			return fmt.Errorf("demo import of %s: %w", filepath.Base(f), err)
		}
		if rep.Status != importer.Imported {
			printRowErrors(w, rep.Result)
			return fmt.Errorf("demo import of %s: %s", filepath.Base(f), rep.Status)
		}
		printImport(w, rep)
		if err := recordInputs(ctx, db, f); err != nil {
			return err
		}
	}
	// What finance staff check first after the budget meeting.
	c, err := model.Reads{DB: db}.Compare(ctx, 2027, budget.Forslag, budget.Vedtatt, budget.ByArtGroup)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nWhat the council changed in the proposal (budget compare --year 2027 --from forslag --to vedtatt):")
	printComparison(w, c)
	fmt.Fprintln(w)
	if err := demoIndicators(ctx, db, filepath.Join(outDir, "sample"), w); err != nil {
		return err
	}
	if err := demoMeasures(ctx, db, filepath.Join(outDir, "sample"), w); err != nil {
		return err
	}
	if err := demoReports(ctx, db, outDir, w); err != nil {
		return err
	}
	return db.Close()
}

// demoClock stamps the demo's imports from a fixed time, a second apart,
// instead of the wall clock: the documents date themselves from their data,
// so two demo runs then write the same documents byte for byte.
func demoClock() func() time.Time {
	t := time.Date(2026, 12, 16, 12, 0, 0, 0, wheel.Oslo())
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// removeDB removes a workspace file with its WAL and shared-memory files.
func removeDB(p string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(p + suffix) // absent is fine; anything else shows at the rename
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, fs.ErrNotExist)
}
