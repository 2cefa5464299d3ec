package sqlite_test

import (
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// The workspace is the store every service's interface describes: these
// fail to compile when a consumer asks for something the store does not
// have, or the store changes a method a consumer relies on. They sit in a
// test so that the store does not import its consumers.
var (
	_ importer.Store     = (*sqlite.DB)(nil)
	_ importer.FileStore = (*sqlite.DB)(nil)
	_ imports.Inputs     = (*sqlite.DB)(nil)

	_ measureimport.Store          = (*sqlite.DB)(nil)
	_ measureimport.TemplateReader = (*sqlite.DB)(nil)

	_ indicatorimport.Store           = (*sqlite.DB)(nil)
	_ indicatorimport.FileStore       = (*sqlite.DB)(nil)
	_ indicatorimport.AreaImportStore = (*sqlite.DB)(nil)
	_ indicatorimport.HomeStore       = (*sqlite.DB)(nil)
	_ indicatorimport.CatalogueStore  = (*sqlite.DB)(nil)
	_ indicatorimport.TargetStore     = (*sqlite.DB)(nil)
)
