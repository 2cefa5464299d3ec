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
	out, err := model.TrajectoryOf(ctx, db, cat, pos[0], *area, lang)
	if err != nil {
		return err // an unknown indicator or area: exit 3
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	return printTrajectories(e.stdout, out, lang)
}

func printTrajectories(w io.Writer, out *model.TrajectoryView, lang indicators.Lang) error {
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
