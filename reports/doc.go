// Package reports will hold the documents the module emits for municipal
// staff and the council: the helsebudsjett workbook, the oppdragsbrev and
// the annual report.
//
// It is empty until the issues for those documents land; it exists now so
// the package tree shows the architecture the module grows into.
package reports
