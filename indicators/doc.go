// Package indicators will hold the equity indicators (levekårsindikatorer):
// the catalogue, areas, imported values, targets and inequality measures.
//
// It is empty until the indicators issue lands; it exists now so the package
// tree shows the architecture the module grows into.
package indicators
