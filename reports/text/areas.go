package text

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Areas writes areas list for people: the home area, then a table of the
// areas with level, parent, role, origin and latest population.
func Areas(w io.Writer, rows []model.AreaRow, home indicators.Geo) {
	if home.Code != "" {
		fmt.Fprintf(w, "Home area: %s %s (%s). Other kommuner are kept for comparison.\n\n", home.Code, home.Name, home.Level)
	} else {
		fmt.Fprintln(w, "No home area chosen: choose the municipality's own with 'helsebudsjett areas set-home CODE'.")
		fmt.Fprintln(w)
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "No areas. Indicator files of kommuner, fylker, the country and the bydeler of Oslo, Bergen, Stavanger and Trondheim")
		fmt.Fprintln(w, "import without any (the built-in geography; see --all); import your own sub-areas with 'helsebudsjett import areas FILE'.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tLEVEL\tPARENT\tROLE\tORIGIN\tPOPULATION")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Level, r.Parent, r.Role, r.Origin, latestPopulation(r.Population))
	}
	tw.Flush()
}

// latestPopulation is "62 985 (2025)" for the latest year, "" when none.
func latestPopulation(p map[int]int) string {
	y := 0
	for k := range p {
		y = max(y, k)
	}
	if y == 0 {
		return ""
	}
	return groupDigits(p[y]) + " (" + strconv.Itoa(y) + ")"
}

func groupDigits(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
