package text

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Comparison prints a comparison as a table in kroner with øre.
func Comparison(w io.Writer, cmp *model.Comparison) {
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t\n", g, budget.FormatKroner(r.From), budget.FormatKroner(r.To),
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
		return "+" + budget.FormatKroner(ore)
	}
	return budget.FormatKroner(ore)
}

// Measures writes measures list for people: a table of the measures
// with their money per year of the plan, and the sums.
func Measures(w io.Writer, out *model.MeasurePlan) {
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
			fmt.Fprintf(w, " %16s", budget.FormatKroner(a.Ore))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-5s %-44s %-13s %-26s", "", "Sum", "", "")
	for _, a := range out.Totals {
		fmt.Fprintf(w, " %16s", budget.FormatKroner(a.Ore))
	}
	fmt.Fprintln(w)
	if len(out.Keys) > 0 {
		fmt.Fprintf(w, "\nAmounts in kroner counted for each measure (Σ line × Andel) in %s.\n", budget.JoinKeys(out.Keys))
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

// keysText lists a dataset's keys, marking those it is no longer current
// for, so history reads at a glance.
func keysText(d budget.Dataset) string {
	current := map[budget.Key]bool{}
	for _, k := range d.Current {
		current[k] = true
	}
	parts := make([]string, 0, len(d.Totals))
	for _, t := range d.Totals {
		s := t.Key.String()
		if !current[t.Key] {
			s += " (replaced)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// partsText says which parts a key's current datasets hold.
func partsText(parts []model.SummaryRow) string {
	if len(parts) == 1 && parts[0].Value == string(budget.Begge) {
		return "drift and investering in one file"
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.Value
	}
	switch len(names) {
	case 1:
		return names[0] + " only"
	}
	return strings.Join(names, " and ")
}

// Datasets writes budget datasets for people: each import with its keys
// (marking those it is no longer current for), then its totals per part
// and side.
func Datasets(w io.Writer, sets []budget.Dataset) error {
	if len(sets) == 0 {
		fmt.Fprintln(w, "No datasets yet: import one with 'helsebudsjett import budget FILE'.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tIMPORTED\tSOURCE\tFORMAT\tPART\tLINES\tYEARS AND VERSIONS\tSHA256")
	for _, d := range sets {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.ImportedAt.Format("2006-01-02 15:04"),
			d.Source, d.Format, d.Part, d.Lines, keysText(d), d.SHA256[:12])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTotals per dataset, part and side (utgift: arts 000-599, inntekt: 600-999):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ID\tYEAR\tVERSION\tPART\tUTGIFT (KR)\tINNTEKT (KR)\tSUM (KR)\t")
	for _, d := range sets {
		for _, t := range d.Totals {
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", d.ID, t.Year, t.Version, d.Part,
				budget.FormatKroner(t.Utgift), budget.FormatKroner(t.Inntekt), budget.FormatKroner(t.Ore))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, d := range sets {
		if d.PartReason != "" {
			fmt.Fprintf(w, "Dataset %d is %s: %s.\n", d.ID, d.Part, d.PartReason)
		}
	}
	return nil
}

// Summary writes budget summary for people: the rows by the field summed,
// the sum, and the sum of each part when the budget has more than one.
func Summary(w io.Writer, sum *model.Summary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "%d %s by %s (%s)\n", sum.Year, sum.Version, sum.By, partsText(sum.Parts))
	fmt.Fprintf(tw, "%s\tLINES\tAMOUNT (KR)\t\n", strings.ToUpper(sum.By))
	for _, r := range sum.Rows {
		v := r.Value
		if v == "" {
			v = "(none)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t\n", v, r.Lines, budget.FormatKroner(r.Ore))
	}
	fmt.Fprintf(tw, "Sum\t%d\t%s\t\n", sum.Lines, budget.FormatKroner(sum.TotalOre))
	if len(sum.Parts) > 1 && sum.By != "part" { // by part, the rows above are the parts
		for _, p := range sum.Parts {
			fmt.Fprintf(tw, "of which %s\t%d\t%s\t\n", p.Value, p.Lines, budget.FormatKroner(p.Ore))
		}
	}
	return tw.Flush()
}
