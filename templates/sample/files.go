package sample

import "embed"

// Files is the sample municipality's generated files as the module ships
// them, at the root of the FS: the budget files (PlanFile, ProposalFile,
// AccountsFile), the units, measures and ratings (UnitsFile, MeasuresFile,
// RatingsFile), the areas (AreasFile) and indicator files under
// IndicatorDir, targets.csv, the letters' configuration brev.yaml, and
// README.md. They are written by this package's generators and must not be
// edited by hand; the tests TestTemplatesUpToDate, TestFilesUpToDate and
// TestHelsebudsjettUpToDate keep them equal to the generators' output.
//
//go:embed README.md *.yaml *.csv *.xlsx indikatorer
var Files embed.FS
