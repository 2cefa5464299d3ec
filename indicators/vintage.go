package indicators

import "time"

// Vintage is one imported indicator file for one indicator. A file holding
// several indicators (by its mapping) is one vintage per indicator, all
// with the file's sha256.
//
// OptionsKey identifies the options that shaped the values (indicator,
// scale, sheet, mapping, where, ...): the same bytes read with other
// options are another vintage. Replaces is the vintage of the same file
// that this one superseded (0 for none); a replaced vintage's values are
// no longer current from this vintage's ImportedAt on.
type Vintage struct {
	ID         int64     `json:"id"`
	Indicator  string    `json:"indicator"`
	Source     string    `json:"source"`
	SHA256     string    `json:"sha256"`
	Size       int64     `json:"size"`
	Mapping    string    `json:"mapping,omitempty"` // YAML of the mapping used
	RowsRead   int       `json:"rows_read"`
	Values     int       `json:"values"`
	ImportedAt time.Time `json:"imported_at"`
	OptionsKey string    `json:"options_key,omitempty"`
	Replaces   int64     `json:"replaces,omitempty"`
}

// VintageImport is one or more vintages being written by a store in one
// transaction, as the indicator import writes them: Commit makes them
// visible together; Rollback, an error or a cancelled context leaves the
// store as it was. A store's BeginIndicatorImport returns it
// (budget/sqlite has one; budget/storetest holds what any store's must
// do). It need not be safe for concurrent use.
type VintageImport interface {
	// AddAreas stores the areas of the built-in reference geography the
	// values land on; an area already stored is left as it is.
	AddAreas(geos []Geo) error
	// BeginVintage starts a vintage, to which later Adds go, and returns
	// its id. v needs Indicator, Source and SHA256; ImportedAt defaults to
	// the store's clock. The same indicator, sha256 and OptionsKey as the
	// latest vintage is an ECONFLICT error; another OptionsKey replaces
	// that vintage (Replaces is set whatever v says).
	BeginVintage(v Vintage) (int64, error)
	// Add writes one value into the current vintage; a second value for
	// the same area, period and dimensions is an EINVALID error.
	Add(v Value) error
	// Commit makes every vintage visible and returns them, with ID,
	// Values and Replaces filled.
	Commit() ([]Vintage, error)
	// Rollback discards everything; after Commit it does nothing.
	Rollback() error
}
