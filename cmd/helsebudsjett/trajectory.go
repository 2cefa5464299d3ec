package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// trajectoryOut is the --json form of indicators trajectory.
type trajectoryOut struct {
	ID           string                `json:"id"`
	Name         string                `json:"name"`
	Unit         indicators.Unit       `json:"unit"`
	Better       indicators.Direction  `json:"better"`
	Lang         indicators.Lang       `json:"lang"`
	Trajectories []model.TrajectoryRow `json:"trajectories"`
	Notes        []string              `json:"notes"`
}

// cmdIndicatorsTrajectory: helsebudsjett indicators trajectory ID [--area CODE] [--json] [--lang nb|nn].
func cmdIndicatorsTrajectory(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("indicators trajectory", e)
	area := fs.String("area", "", "only the target of this area (code or name)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("indicators trajectory takes one indicator ID, got %d", len(pos))
	}
	lang, err := langFlag(*langS)
	if err != nil {
		return err
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	cat, err := catalogue(ctx, db)
	if err != nil {
		return err
	}
	ind, err := cat.Lookup(pos[0])
	if err != nil {
		return err // not found: exit 3, as every command says it
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return err
	}
	trs, err := model.Trajectories(ctx, db, cat, ms, geos, ind.ID)
	if err != nil {
		return err
	}
	if *area != "" {
		g, err := db.Area(ctx, *area)
		if err != nil {
			return fmt.Errorf("--area: %w", err) // not found: exit 3
		}
		var keep []model.TrajectoryRow
		for _, t := range trs {
			if t.Area == g.Code {
				keep = append(keep, t)
			}
		}
		trs = keep
	}
	out := trajectoryOut{ID: ind.ID, Name: ind.NameIn(lang), Unit: ind.Unit, Better: ind.Better, Lang: lang,
		Trajectories: trs, Notes: []string{}}
	if out.Trajectories == nil {
		out.Trajectories = []model.TrajectoryRow{}
	}
	for i := range out.Trajectories {
		out.Trajectories[i].Name = ind.NameIn(lang)
	}
	if len(trs) == 0 {
		out.Notes = append(out.Notes, tr(lang, "ingen målbane for indikatoren: importer mål med 'helsebudsjett import targets FILE'",
			"inga målbane for indikatoren: importer mål med 'helsebudsjett import targets FILE'"))
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	return printTrajectories(e.stdout, out, lang)
}

func printTrajectories(w io.Writer, out trajectoryOut, lang indicators.Lang) error {
	fmt.Fprintf(w, "%s (%s)\n", out.Name, out.ID)
	for _, n := range out.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	for _, t := range out.Trajectories {
		name := t.AreaName
		if name == "" {
			name = t.Area
		}
		fmt.Fprintf(w, "\n%s (%s): %s %s %d → %s %d\n", name, t.Area, tr(lang, "fra", "frå"), dnum(t.Baseline.Value), t.Baseline.Year,
			dnum(t.Goal.Value), t.Goal.Year)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		avvik := tr(lang, "Avvik", "Avvik")
		if u := out.Unit.DiffWord(lang); u != "" {
			avvik += " (" + u + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", tr(lang, "År", "År"), tr(lang, "Målbane", "Målbane"),
			tr(lang, "Med vedtatte tiltak", "Med vedtekne tiltak"), avvik)
		for _, p := range t.Points {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t\n", p.Year, dnum(p.Target), dnum(p.Measures), dnum(p.Diff))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		switch {
		case len(t.Numeric) == 0:
			fmt.Fprintln(w, tr(lang, "Ingen vedtatte tiltak med tallfestet effekt på indikatoren her: banen er basisverdien.",
				"Ingen vedtekne tiltak med talfesta effekt på indikatoren her: bana er basisverdien."))
		case t.Reached:
			fmt.Fprintf(w, tr(lang, "Gap i %d: ingen – de vedtatte tiltakene når målet (med %s å gå på).\n",
				"Gap i %d: inkje – dei vedtekne tiltaka når målet (med %s å gå på).\n"), t.Goal.Year, diffNum(t.Gap.Neg(), out.Unit, lang, false))
		default:
			fmt.Fprintf(w, tr(lang, "Gap i %d: %s – de vedtatte tiltakene når ikke målet.\n",
				"Gap i %d: %s – dei vedtekne tiltaka når ikkje målet.\n"), t.Goal.Year, diffNum(t.Gap, out.Unit, lang, false))
		}
		if t.Covered != nil && len(t.Numeric) > 0 {
			fmt.Fprintf(w, tr(lang, "Tiltakene gir %s %% av endringen målet krever.\n", "Tiltaka gir %s %% av endringa målet krev.\n"), dnum(*t.Covered))
		}
		for _, m := range t.Numeric {
			weight := ""
			if !m.Weight.Equal(decimal.NewFromInt(1)) {
				weight = fmt.Sprintf(tr(lang, ", vektet %s for områdets andel av folketallet", ", vekta %s for delen av folketalet i området"), dnum(m.Weight))
			}
			start := tr(lang, "løpende", "løpande")
			if m.Start != 0 {
				start = fmt.Sprintf("%s %d", tr(lang, "fra", "frå"), m.Start)
			}
			fmt.Fprintf(w, "  %s %s: %s %s %d (%s%s)\n", m.Nr, m.Name, diffNum(*m.Value, out.Unit, lang, true), tr(lang, "innen", "innan"), m.FullYear, start, weight)
		}
		if len(t.Beside) > 0 {
			fmt.Fprintln(w, tr(lang, "Ved siden av, ikke summert (effekt ikke tallfestet for indikatoren):",
				"Ved sida av, ikkje summerte (effekt ikkje talfesta for indikatoren):"))
			for _, m := range t.Beside {
				level := m.Level
				switch {
				case m.Other != "":
					level = tr(lang, "effekten er tallfestet for ", "effekten er talfesta for ") + m.Other
				case level == "":
					level = tr(lang, "ikke angitt", "ikkje oppgitt")
				}
				fmt.Fprintf(w, "  %s %s: %s\n", m.Nr, m.Name, level)
			}
		}
	}
	return nil
}

// dnum writes a decimal rounded to 3 places with a decimal comma.
func dnum(d decimal.Decimal) string { return strings.Replace(d.Round(3).String(), ".", ",", 1) }

// diffNum writes a difference between two values of unit u with the unit
// of a difference: "0,5 prosentpoeng" (signed: "+0,5", "-1").
func diffNum(d decimal.Decimal, u indicators.Unit, lang indicators.Lang, signed bool) string {
	s := dnum(d)
	if signed && d.IsPositive() {
		s = "+" + s
	}
	if w := u.DiffWord(lang); w != "" {
		s += " " + w
	}
	return s
}
