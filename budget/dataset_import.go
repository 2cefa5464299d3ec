package budget

// DatasetImport is one dataset being written by a store, as the budget
// importer writes it: its lines added one by one in one transaction that
// Commit makes visible as a whole and anything else (Rollback, an error, a
// cancelled context) leaves as if it never began. A store's BeginImport
// returns it; budget/sqlite has one, and budget/storetest holds what any
// store's must do. It need not be safe for concurrent use.
type DatasetImport interface {
	// Add writes one line, an entry for each of its amounts.
	Add(l *Line) error
	// Commit stores what d says of the file (rows read, skipped, totals,
	// part, …), makes the dataset current for every key of its totals and
	// each part it holds, and returns the stored dataset with ID and
	// Current filled. Totals given must match the lines added. The same
	// sha256, options and part stored before is an ECONFLICT error.
	Commit(d Dataset) (Dataset, error)
	// Rollback abandons the import; after Commit it does nothing.
	Rollback() error
	// Replaced returns, after Commit, the keys the import took over from
	// earlier datasets, key by key.
	Replaced() []Replacement
}

// Replacement is a (year, version, part) an import took over from an
// earlier dataset, which stays in the history. Whole is set when the
// earlier dataset held both parts and so stopped being current for the
// part the import did not bring as well: its money is no longer counted.
type Replacement struct {
	Key     Key
	Part    Part
	Dataset int64
	Source  string
	Whole   bool
}
