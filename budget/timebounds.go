package budget

import "time"

// MinYear and MaxYear bound every year and time the module accepts, from a
// flag (--now, --date, --as-of) or a file: a municipality's budgets,
// reports and wheel live well inside them, and a time outside them is a
// typo or an attack (year 10000 broke every wheel command; year 1 made a
// later run-due catch up 22,295 occurrences).
const (
	MinYear = 1900
	MaxYear = 2200
)

// CheckTime returns an EINVALID error naming what (a flag, a field) when t
// lies outside the years MinYear to MaxYear, nil otherwise.
func CheckTime(what string, t time.Time) error {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return Errorf(EINVALID, "%s: year %d is outside %d-%d; give a time in the years the budget covers", what, y, MinYear, MaxYear)
	}
	return nil
}
