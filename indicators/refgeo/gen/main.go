// Command gen derives templates/geografi.csv, the built-in reference
// geography, from SSB's kommune history and bydel code list:
//
//	go run ./indicators/refgeo/gen [-fixtures ../shared/fixtures] [-date 2026-12-05] [-o templates/geografi.csv]
//
// Run it from the module root when SSB's codes change, and commit the
// result with the sources' date.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
)

func main() {
	fixtures := flag.String("fixtures", "../shared/fixtures", "folder with ssb-kommunehistorikk-1994-2024 and ssb-bydeler-kodeliste")
	date := flag.String("date", "2026-12-05", "the date the sources were taken, for the header")
	out := flag.String("o", "templates/geografi.csv", "the table to write")
	flag.Parse()
	if err := gen(*fixtures, *date, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func gen(fixtures, date, out string) error {
	kPath := filepath.Join(fixtures, refgeo.KommuneFile)
	bPath := filepath.Join(fixtures, refgeo.BydelFile)
	k, err := rows(kPath)
	if err != nil {
		return err
	}
	b, err := rows(bPath)
	if err != nil {
		return err
	}
	data, err := refgeo.Derive(k[1:], b[1:], refgeo.DefaultSource(date))
	if err != nil {
		return err
	}
	return atomicfile.Write(out, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// rows reads every row of a table file.
func rows(path string) ([][]string, error) {
	t, err := tabular.Open(context.Background(), path, tabular.Options{})
	if err != nil {
		return nil, err
	}
	defer t.Close()
	var out [][]string
	for {
		r, err := t.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, append([]string(nil), r.Cells...)) // Next reuses its slice
	}
}
