package sqlite_test

import (
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// The store satisfies every interface its consumers declare: a method
// renamed or changed here fails to compile.
var (
	_ model.Store           = (*sqlite.DB)(nil)
	_ model.FinancingReader = (*sqlite.DB)(nil)
	_ model.MoneyReader     = (*sqlite.DB)(nil)
	_ letters.Workspace     = (*sqlite.DB)(nil)
	_ documents.WheelStore  = (*sqlite.DB)(nil)

	_ runner.ListStore         = (*sqlite.DB)(nil)
	_ runner.CalendarFileStore = (*sqlite.DB)(nil)

	_ measureimport.TemplateReader = (*sqlite.DB)(nil)
)
