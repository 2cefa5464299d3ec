package templates

import _ "embed" // for go:embed

// Geography is the built-in reference geography (geografi.csv): the
// country, every fylke and kommune with SSB's codes 1994-2024 and the four
// cities' bydeler, derived from SSB's classifications by
// indicators/refgeo/gen. Package refgeo reads it.
//
//go:embed geografi.csv
var Geography []byte
