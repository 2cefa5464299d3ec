package wheel

// Entry is one occurrence of a year and the status of its run ("" when it
// has not run): what wheel list shows and the web's wheel page lists.
type Entry struct {
	Occ    Occurrence
	Status string
}
