package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

func cmdCompare(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("budget compare", e)
	year := fs.Int("year", 0, "budget year")
	from := fs.String("from", "forslag", "the earlier version: forslag, vedtatt, revidert or regnskap")
	to := fs.String("to", "vedtatt", "the later version")
	by := fs.String("by", budget.ByArtGroup, "art-group (KOSTRA's art groups), side (utgift/inntekt), part, funksjon, ansvar, art, prosjekt, tjeneste, konto or an attribute")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("budget compare takes no arguments")
	}
	if *year == 0 {
		return usagef("give --year")
	}
	fv, err := budget.ParseVersion(*from)
	if err != nil {
		return usagef("--from: %v", err)
	}
	tv, err := budget.ParseVersion(*to)
	if err != nil {
		return usagef("--to: %v", err)
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := model.Reads{DB: db}.Compare(ctx, *year, fv, tv, *by)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, c)
		return nil
	}
	printComparison(e.stdout, c)
	return nil
}

// printComparison prints a comparison as a table in kroner with øre.
func printComparison(w io.Writer, cmp *model.Comparison) {
	fk, tk, c := budget.Key{Year: cmp.Year, Version: cmp.From}, budget.Key{Year: cmp.Year, Version: cmp.To}, cmp.Raw
	fmt.Fprintf(w, "%d: %s → %s, by %s\n", fk.Year, fk.Version, tk.Version, c.By)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t%s (KR)\t%s (KR)\tCHANGE (KR)\tADDED\tREMOVED\tCHANGED\t\n",
		strings.ToUpper(c.By), strings.ToUpper(string(fk.Version)), strings.ToUpper(string(tk.Version)))
	row := func(r budget.CompareRow) {
		g := r.Group
		if g == "" {
			g = "(none)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t\n", g, formatKroner(r.From), formatKroner(r.To),
			signedKroner(r.Change), r.Added, r.Removed, r.Changed)
	}
	for _, r := range c.Rows {
		row(r)
	}
	row(c.Total)
	_ = tw.Flush()
	if c.Total.Added+c.Total.Removed+c.Total.Changed == 0 {
		fmt.Fprintf(w, "The %s is the %s unchanged.\n", tk.Version, fk.Version)
	}
}

// signedKroner writes a change with its sign, "+1 234,00" or "-1 234,00".
func signedKroner(ore int64) string {
	if ore > 0 {
		return "+" + formatKroner(ore)
	}
	return formatKroner(ore)
}
