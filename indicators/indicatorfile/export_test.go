package indicatorfile

import "github.com/helsebudsjett/helsebudsjett/budget/tabular"

// DetectLayout exposes header and layout detection to the fuzz test: it
// returns the layout kind and the number of header rows, or an error.
func DetectLayout(rows []tabular.Row) (string, int, error) {
	l, err := detectLayout(rows, "fuzz")
	if err != nil {
		return "", 0, err
	}
	return l.kind, len(l.header), nil
}
