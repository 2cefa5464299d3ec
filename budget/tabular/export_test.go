package tabular

// SetXMLSizeLimit lowers the size above which excelize unpacks sheets to
// temporary files, so tests can check that Close removes them. It returns
// a function that restores the limit.
func SetXMLSizeLimit(n int64) (restore func()) {
	old := xmlSizeLimit
	xmlSizeLimit = n
	return func() { xmlSizeLimit = old }
}
