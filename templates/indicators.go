package templates

import _ "embed" // for go:embed

// Indicators is the default catalogue of equity indicators (indicators.yaml),
// in the layout indicators.LoadCatalogue reads. A municipality's own
// additions and overrides are stored in its workspace and merged over it.
//
//go:embed indicators.yaml
var Indicators []byte
