package text

import (
	"fmt"
	"io"

	"github.com/helsebudsjett/helsebudsjett/reports/annual"
)

// ReportWritten says which annual report was written where: its title,
// edition, indicators, measures and size.
func ReportWritten(w io.Writer, path string, r *annual.Report, size int) {
	edition := "internal, marked on every page"
	if r.Public {
		edition = "public, small numbers suppressed"
	}
	fmt.Fprintf(w, "Wrote %s: %s (%s), %d indicators, %d measures, %d KiB.\n",
		path, r.Title, edition, len(r.Indicators), len(r.Measures.Rows), (size+1023)/1024)
}
