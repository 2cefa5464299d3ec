package templates

import _ "embed" // for the default wheel

// Arshjul is the default yearly wheel (årshjul) in YAML: the municipal
// one-year cycle and the four-year cycle, with bokmål and nynorsk titles.
// Package budget/wheel parses it.
//
//go:embed arshjul.yaml
var Arshjul []byte
