package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/budget/workspace"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// fileImportFlags parses the flags the units, measures and ratings imports
// share and returns the file.
func fileImportFlags(name string, args []string, e *env) (path string, dbFlag string, opts measurefile.Options, dryRun, asJSON bool, err error) {
	fs, db := newFlags(name, e)
	sheet := fs.String("sheet", "", "xlsx sheet to read (default: the first with data)")
	dry := fs.Bool("dry-run", false, "read and check the file, store nothing")
	js := fs.Bool("json", false, "print one JSON object on stdout")
	maxSize := fs.Int64("max-size", defaultMaxSize, "refuse files larger than this many bytes")
	pos, err := parse(fs, args)
	if err != nil {
		return "", "", opts, false, false, err
	}
	if len(pos) != 1 {
		return "", "", opts, false, false, usagef("%s takes one FILE, got %d", name, len(pos))
	}
	return pos[0], *db, measurefile.Options{Sheet: *sheet, MaxSize: *maxSize}, *dry, *js, nil
}

type fileImporter func(ctx context.Context, db *workspace.DB, path string, opts measurefile.Options, dryRun bool) (*fileImport, error)

// runFileImport is the body of import units, measures and ratings.
func runFileImport(ctx context.Context, name, what string, args []string, e *env, imp fileImporter) error {
	path, dbFlag, opts, dryRun, asJSON, err := fileImportFlags(name, args, e)
	if err != nil {
		return err
	}
	db, err := workspace.Open(ctx, dbPath(dbFlag, e))
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := imp(ctx, db, path, opts, dryRun)
	if err != nil {
		if asJSON {
			writeJSON(e.stdout, fileImport{Status: "rejected", File: path, Skipped: map[string]int{}, Warnings: []string{},
				Errors: nil, Message: err.Error()})
		}
		return err
	}
	if asJSON {
		writeJSON(e.stdout, out)
	} else {
		printFileImport(e.stdout, e.stderr, out, what)
	}
	if out.Status == "rejected" {
		return &rejectedError{}
	}
	return db.Close()
}

// cmdImportUnits: helsebudsjett import units FILE.
func cmdImportUnits(ctx context.Context, args []string, e *env) error {
	return runFileImport(ctx, "import units", "units", args, e, importUnitsFile)
}

// cmdImportMeasures: helsebudsjett import measures FILE.
func cmdImportMeasures(ctx context.Context, args []string, e *env) error {
	return runFileImport(ctx, "import measures", "measures", args, e, importMeasuresFile)
}

// cmdImportRatings: helsebudsjett import ratings FILE.
func cmdImportRatings(ctx context.Context, args []string, e *env) error {
	return runFileImport(ctx, "import ratings", "ratings", args, e, importRatingsFile)
}

// cmdTemplate: helsebudsjett template measures|ratings OUT.xlsx.
func cmdTemplate(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("template what? use: template measures OUT.xlsx [--from-workspace] or template ratings OUT.xlsx --year Y")
	}
	switch args[0] {
	case "measures":
		return cmdTemplateMeasures(ctx, args[1:], e)
	case "ratings":
		return cmdTemplateRatings(ctx, args[1:], e)
	case "report":
		return cmdTemplateReport(ctx, args[1:], e)
	}
	return usagef("unknown template %q: use measures or ratings", args[0])
}

func cmdTemplateMeasures(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("template measures", e)
	fromWS := fs.Bool("from-workspace", false, "fill the workbook with the workspace's measures, for a round trip")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.HasSuffix(strings.ToLower(pos[0]), ".xlsx") {
		return usagef("template measures takes one OUT.xlsx")
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := measuresTemplate(ctx, db, *fromWS)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(pos[0], func(w io.Writer) error { return measurefile.WriteMeasuresTemplate(w, t) }); err != nil {
		return fmt.Errorf("write %s: %w", pos[0], err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %d measure(s), lists of %d units and %d indicators. Fill it in and import it with 'helsebudsjett import measures %s'.\n",
		pos[0], len(t.Measures), len(t.Units), len(t.Indicators), pos[0])
	return nil
}

// measuresTemplate gathers the lists of the measures workbook from the
// workspace, and its measures when fill is set.
func measuresTemplate(ctx context.Context, db *workspace.DB, fill bool) (measurefile.MeasuresTemplate, error) {
	t := measurefile.MeasuresTemplate{Determinants: indicators.Determinants}
	us, err := db.Units(ctx)
	if err != nil {
		return t, err
	}
	bydeler := map[string]bool{}
	for _, u := range us {
		t.Units = append(t.Units, measurefile.Item{Code: u.Code, Name: u.Name})
		if u.Bydel != "" && !bydeler[u.Bydel] {
			bydeler[u.Bydel] = true
		}
	}
	cat, err := catalogue(ctx, db)
	if err != nil {
		return t, err
	}
	for _, ind := range cat.All() {
		t.Indicators = append(t.Indicators, measurefile.Item{Code: ind.ID, Name: ind.Name})
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return t, err
	}
	for _, a := range areas {
		if !a.Level.Reference() {
			t.Areas = append(t.Areas, measurefile.Item{Code: a.Code, Name: a.Name})
		}
	}
	if len(areas) == 0 {
		for _, c := range sortedSetKeys(bydeler) {
			t.Areas = append(t.Areas, measurefile.Item{Code: c})
		}
	}
	if fill {
		if t.Measures, err = db.Measures(ctx); err != nil {
			return t, err
		}
	}
	return t, nil
}

func sortedSetKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func cmdTemplateRatings(ctx context.Context, args []string, e *env) error {
	fs, kf := newKeyFlags("template ratings", e)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.HasSuffix(strings.ToLower(pos[0]), ".xlsx") {
		return usagef("template ratings takes one OUT.xlsx and --year Y")
	}
	db, key, err := kf.open(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := ratingsTemplate(ctx, db, key)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(pos[0], func(w io.Writer) error { return measurefile.WriteRatingsTemplate(w, t) }); err != nil {
		return fmt.Errorf("write %s: %w", pos[0], err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %d row(s) for the funksjoner of the %s budget. Rate them and import it with 'helsebudsjett import ratings %s'.\n",
		pos[0], len(t.Rows), key, pos[0])
	return nil
}

// ratingsTemplate lists every funksjon of the budget for key with its
// amount and, where stored, its rating; ratings narrowed by ansvar or art
// follow their funksjon's row with the money they cover.
func ratingsTemplate(ctx context.Context, db *workspace.DB, key budget.Key) (measurefile.RatingsTemplate, error) {
	t := measurefile.RatingsTemplate{Key: key}
	sums, err := db.Summary(ctx, key, "funksjon")
	if err != nil {
		return t, err
	}
	groups, _, err := db.RatingSummary(ctx, key)
	if err != nil {
		return t, err
	}
	rs, err := db.Ratings(ctx)
	if err != nil {
		return t, err
	}
	narrowed := map[string][]budget.Rating{}
	plain := map[string]budget.Rating{}
	for _, r := range rs {
		if r.Ansvar == nil && r.Art == nil {
			plain[r.Funksjon] = r
		} else {
			narrowed[r.Funksjon] = append(narrowed[r.Funksjon], r)
		}
	}
	covered := func(r budget.Rating) (lines int, ore int64) {
		for _, g := range groups {
			if g.Rating != nil && g.Funksjon == r.Funksjon && g.Rating.AnsvarText() == r.AnsvarText() && g.Rating.ArtText() == r.ArtText() {
				return g.Lines, g.Ore
			}
		}
		return 0, 0
	}
	for _, s := range sums {
		row := measurefile.RatingRow{Funksjon: s.Value, Lines: s.Lines, Ore: s.Ore}
		if r, ok := plain[s.Value]; ok {
			row.Grade, row.Reason = r.Grade, r.Reason
		}
		t.Rows = append(t.Rows, row)
		for _, r := range narrowed[s.Value] {
			n, ore := covered(r)
			t.Rows = append(t.Rows, measurefile.RatingRow{Funksjon: r.Funksjon, Ansvar: r.AnsvarText(), Art: r.ArtText(),
				Lines: n, Ore: ore, Grade: r.Grade, Reason: r.Reason})
		}
	}
	return t, nil
}

// cmdMeasures: helsebudsjett measures list.
func cmdMeasures(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("measures what? use: measures list [--year Y] [--json]")
	}
	switch args[0] {
	case "list":
		return cmdMeasuresList(ctx, args[1:], e)
	}
	return usagef("unknown measures command %q: use list", args[0])
}

// measureAmounts is one measure of measures list --json.
type measureAmounts struct {
	Nr          string       `json:"nr"`
	Name        string       `json:"name"`
	Effort      string       `json:"effort"`
	Responsible []string     `json:"responsible"`
	Reporting   string       `json:"reporting"`
	Indicators  []string     `json:"indicators"`
	Selector    string       `json:"selector"`
	Share       string       `json:"share"`
	Amounts     []yearAmount `json:"amounts"`
}

type yearAmount struct {
	Year    int            `json:"year"`
	Version budget.Version `json:"version"`
	Amount  string         `json:"amount"` // kroner, "1234.50"
	Ore     int64          `json:"-"`
}

type measuresOut struct {
	Keys     []budget.Key     `json:"keys"`
	Measures []measureAmounts `json:"measures"`
	Totals   []yearAmount     `json:"totals"`
}

func cmdMeasuresList(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("measures list", e)
	year := fs.Int("year", 0, "first year of the økonomiplan (default: the four years ending with the last budget year)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("measures list takes no arguments")
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := listMeasures(ctx, db, *year)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	printMeasures(e.stdout, out)
	return nil
}

// planKeys returns the budget keys of the økonomiplan starting in year
// (0: the four years ending with the last year that has a budget): for
// each of the four years that has one, vedtatt, else its only budget
// version other than regnskap, else forslag or revidert.
func planKeys(ctx context.Context, db *workspace.DB, year int) ([]budget.Key, error) {
	ks, err := db.Keys(ctx)
	if err != nil {
		return nil, err
	}
	byYear := map[int][]budget.Version{}
	last := 0
	for _, k := range ks {
		if k.Version == budget.Regnskap {
			continue
		}
		byYear[k.Year] = append(byYear[k.Year], k.Version)
		last = max(last, k.Year)
	}
	if year == 0 {
		year = last - 3
	}
	var out []budget.Key
	for y := year; y < year+4; y++ {
		vs := byYear[y]
		if len(vs) == 0 {
			continue
		}
		v := vs[0]
		for _, c := range vs {
			if c == budget.Vedtatt {
				v = c
			}
		}
		out = append(out, budget.Key{Year: y, Version: v})
	}
	return out, nil
}

func listMeasures(ctx context.Context, db *workspace.DB, year int) (*measuresOut, error) {
	keys, err := planKeys(ctx, db, year)
	if err != nil {
		return nil, err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	budget.SortMeasures(ms)
	out := &measuresOut{Keys: keys, Measures: []measureAmounts{}, Totals: []yearAmount{}}
	totals := make([]map[string]int64, len(keys))
	for i, k := range keys {
		if totals[i], err = db.MeasureTotals(ctx, k); err != nil {
			return nil, err
		}
	}
	sum := make([]int64, len(keys))
	for _, m := range ms {
		ma := measureAmounts{Nr: m.Nr, Name: m.Name, Effort: string(m.Effort), Responsible: m.Responsible,
			Reporting: m.Reporting, Indicators: m.Indicators, Selector: m.Selector.String(), Share: m.Share.String()}
		if ma.Indicators == nil {
			ma.Indicators = []string{}
		}
		for i, k := range keys {
			ore := totals[i][m.Nr]
			sum[i] += ore
			ma.Amounts = append(ma.Amounts, yearAmount{Year: k.Year, Version: k.Version, Amount: budget.FormatOre(ore), Ore: ore})
		}
		out.Measures = append(out.Measures, ma)
	}
	for i, k := range keys {
		out.Totals = append(out.Totals, yearAmount{Year: k.Year, Version: k.Version, Amount: budget.FormatOre(sum[i]), Ore: sum[i]})
	}
	return out, nil
}

func printMeasures(w io.Writer, out *measuresOut) {
	if len(out.Measures) == 0 {
		fmt.Fprintln(w, "No measures yet: write a workbook with 'helsebudsjett template measures tiltak.xlsx', fill it in and import it with 'helsebudsjett import measures tiltak.xlsx'.")
		return
	}
	if len(out.Keys) == 0 {
		fmt.Fprintln(w, "No budget in the workspace, so no amounts: import the budget first.")
	}
	fmt.Fprintf(w, "%-5s %-44s %-13s %-26s", "Nr", "Tiltak", "Innsats", "Ansvarlig")
	for _, k := range out.Keys {
		fmt.Fprintf(w, " %16s", fmt.Sprint(k.Year))
	}
	fmt.Fprintln(w)
	for _, m := range out.Measures {
		resp := (&budget.Measure{Responsible: m.Responsible, Reporting: m.Reporting}).ResponsibleText()
		fmt.Fprintf(w, "%-5s %-44s %-13s %-26s", m.Nr, cut(m.Name, 44), m.Effort, cut(resp, 26))
		for _, a := range m.Amounts {
			fmt.Fprintf(w, " %16s", formatKroner(a.Ore))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-5s %-44s %-13s %-26s", "", "Sum", "", "")
	for _, a := range out.Totals {
		fmt.Fprintf(w, " %16s", formatKroner(a.Ore))
	}
	fmt.Fprintln(w)
	if len(out.Keys) > 0 {
		fmt.Fprintf(w, "\nAmounts in kroner counted for each measure (Σ line × Andel) in %s.\n", keysList(out.Keys))
	}
}

// cut shortens s to n runes for a table column.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
