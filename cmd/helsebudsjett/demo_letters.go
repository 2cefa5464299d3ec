package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// demoYear is the sample municipality's budget year.
const demoYear = 2027

// demoLetters writes the sample municipality's oppdragsbrev for its budget
// year into outDir/oppdragsbrev-2027/ (replacing an earlier demo's), with
// the sample configuration copied beside the workspace as brev.yaml, where
// the wheel's letters action finds it.
func demoLetters(ctx context.Context, dbPath, outDir string, e *env) error {
	data, err := fs.ReadFile(sample.Files, "brev.yaml")
	if err != nil {
		return fmt.Errorf("demo letters: %w", err)
	}
	cfg := filepath.Join(outDir, documents.LettersConfigFile)
	if err := atomicfile.Write(cfg, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return fmt.Errorf("demo letters: write %s: %w", cfg, err)
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	dir := filepath.Join(outDir, fmt.Sprintf("oppdragsbrev-%d", demoYear))
	res, err := writeLetters(ctx, db, lettersOptions{Year: demoYear, Lang: indicators.Bokmal, Dir: dir,
		Combined: true, Force: true, Config: cfg})
	if err != nil {
		return fmt.Errorf("demo letters: %w", err)
	}
	pages := 0
	for _, f := range res.Letters {
		pages += f.Pages
	}
	fmt.Fprintf(e.stdout, "\nOppdragsbrev %d: %d letters (%d pages) in %s, all of them in %s, manifest %s\n",
		demoYear, len(res.Letters), pages, dir, filepath.Base(res.Combined.Path), filepath.Base(res.Manifest))
	fmt.Fprintf(e.stdout, "  try: helsebudsjett letters --db %s --year %d --lang nn --unit nav --config %s -o %s\n",
		dbPath, demoYear, cfg, filepath.Join(outDir, "oppdragsbrev-nn"))
	return db.Close()
}
