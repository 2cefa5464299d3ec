package text

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

// Notes writes run-due's notes, one per line.
func Notes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(w, "warning: %s\n", n)
	}
}

// Runs writes what run-due ran: each occurrence with its outcome, and the
// messages sent.
func Runs(w io.Writer, runs []wheel.Run, sent int) {
	if len(runs) == 0 {
		fmt.Fprintln(w, "Nothing due: every occurrence up to now has run.")
	}
	for _, r := range runs {
		fmt.Fprintf(w, "%s  %-20s %s: %s\n", r.Occurrence.In(wheel.Oslo()).Format("2006-01-02 15:04"), r.TaskID, r.Status, r.Result)
		for _, f := range r.Files {
			fmt.Fprintf(w, "    %s  sha256 %s\n", f.Path, f.SHA256[:12])
		}
		if r.Warning != "" {
			fmt.Fprintf(w, "    warning: %s\n", r.Warning)
		}
	}
	if sent > 0 {
		fmt.Fprintf(w, "Sent %d reminder(s).\n", sent)
	}
}

// YearList prints the wheel list of year as a table.
func YearList(w io.Writer, l *runner.List, year int) error {
	items, entries := l.Items, l.Entries
	fmt.Fprintf(w, "%s %d (Europe/Oslo)\n", l.Name, year)
	if len(items) == 0 {
		fmt.Fprintln(w, "No tasks fall in this year.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tTASK\tDEADLINE\tRESPONSIBLE\tACTION\tRUN")
	for i, it := range items {
		o := entries[i].Occ
		due := ""
		if o.Due != nil {
			due = o.Due.String()
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\t%s\n", string([]rune(wheel.WeekdayName(o.At.In(wheel.Oslo()).Weekday()))[:3]), o.At.In(wheel.Oslo()).Format("02.01 15:04"), it.Title, due,
			strings.Join(it.Responsible, ", "), it.Action, it.Run)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, it := range items {
		if it.Warning != "" {
			fmt.Fprintf(w, "warning: %s\n", it.Warning)
		}
	}
	if l.Stale > 0 {
		fmt.Fprintf(w, "warning: %d run(s) marked stale were started more than %s ago and never finished (a crash or a kill): check what they left, then run them again with 'helsebudsjett wheel run-due --retry-stale'\n",
			l.Stale, runner.DefaultStaleAfter)
	}
	return nil
}
