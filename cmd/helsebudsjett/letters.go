package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
)

// lettersOptions are the choices of one run of the letters, from the
// command line, the demo or the wheel.
type lettersOptions = documents.LettersOptions

// unitFlags collects repeated --unit flags.
type unitFlags []string

func (u *unitFlags) String() string { return strings.Join(*u, ",") }

func (u *unitFlags) Set(s string) error {
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			*u = append(*u, c)
		}
	}
	return nil
}

// cmdLetters: helsebudsjett letters --year Y [--unit CODE]… [--lang nb|nn]
// [-o DIR] [--combined] [--force] [--config FILE] [--templates DIR]
// [--date YYYY-MM-DD] [--draft] [--json]. Exit 3 when a letter exists with
// other contents and --force is not given (nothing is written), for an
// unknown unit, a unit without duties, a bad configuration or template, or
// a configuration without Vår ref., Saksbehandler or signatory (none given
// is such a configuration) unless --draft marks the letters UTKAST.
func cmdLetters(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("letters", e)
	year := fs.Int("year", 0, "the budget year (required)")
	var units unitFlags
	fs.Var(&units, "unit", "a unit's code (repeatable); default: every unit with measures, indicators or reporting duties")
	lang := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	out := fs.String("o", "", "folder for the letters (default ./oppdragsbrev-YEAR)")
	combined := fs.Bool("combined", false, "also write one PDF of all the letters, with a bookmark per unit")
	force := fs.Bool("force", false, "replace letters that exist with other contents")
	cfg := fs.String("config", "", "letter configuration (YAML: municipality, references, signature); see templates/sample/brev.yaml")
	tmpl := fs.String("templates", "", "folder with own templates (nb/*.tmpl, nn/*.tmpl) replacing the built-in texts")
	date := fs.String("date", "", "the letters' date, YYYY-MM-DD (default: the wheel's letters task in the year)")
	draft := fs.Bool("draft", false, "write drafts marked UTKAST on every page; needed to write letters without a --config that gives Vår ref., Saksbehandler and signatory")
	asJSON := fs.Bool("json", false, "print what was written as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *year == 0 {
		return usagef("use: helsebudsjett letters --year Y [--unit CODE]… [--lang nb|nn] [-o DIR] [--combined] [--force] [--config FILE] [--templates DIR] [--date YYYY-MM-DD] [--draft]")
	}
	o := lettersOptions{Year: *year, Units: units, Dir: *out, Combined: *combined, Force: *force, Config: *cfg, Templates: *tmpl, Draft: *draft}
	if o.Lang, err = indicators.ParseLang(*lang); err != nil {
		return usagef("--lang: %v", err)
	}
	if *date != "" {
		if o.Date, err = time.ParseInLocation("2006-01-02", *date, wheel.Oslo()); err != nil {
			return usagef("--date %q: give the date as YYYY-MM-DD, such as 2027-01-04", *date)
		}
		if err := boundTime(*date, o.Date); err != nil {
			return err
		}
	}
	if o.Dir == "" {
		o.Dir = filepath.Join(e.workdir, documents.LettersDirName(*year))
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := documents.WriteLetters(ctx, db, o)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, res)
		return nil
	}
	printLetters(e, res)
	return nil
}

func printLetters(e *env, res *letters.Result) {
	count := map[string]int{}
	pages := 0
	for _, f := range res.Letters {
		count[f.Status]++
		pages += f.Pages
		fmt.Fprintf(e.stdout, "  %-9s %s  (%d %s)\n", f.Status, filepath.Base(f.Path), f.Pages, plural(f.Pages, "page", "pages"))
	}
	if c := res.Combined; c != nil {
		fmt.Fprintf(e.stdout, "  %-9s %s  (%d pages, all letters)\n", c.Status, filepath.Base(c.Path), c.Pages)
	}
	fmt.Fprintf(e.stdout, "%d letter(s), %d page(s) in %s: %d written, %d replaced, %d unchanged.\nManifest with sha256: %s\n",
		len(res.Letters), pages, res.Dir, count["written"], count["replaced"], count["unchanged"], res.Manifest)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
