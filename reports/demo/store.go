package demo

import (
	"context"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
)

// Store is the workspace the demo builds and makes its documents from:
// what each service it calls reads and writes, and a few reads of its
// own. budget/sqlite's DB is one.
type Store interface {
	importer.Store
	outguard.Recorder
	indicatorimport.FileStore
	indicatorimport.TargetStore
	measureimport.Store
	tertial.FormStore
	tertial.ImportStore
	tertial.SpendingStore
	runner.CalendarFileStore
	runner.ListStore
	documents.Source
	access.Store

	ImportAreas(ctx context.Context, source string, geos []indicators.Geo, aliases map[string]string) error
	Units(ctx context.Context) ([]budget.Unit, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	MeasureTotals(ctx context.Context, key budget.Key) (map[string]int64, error)
	// SetClock makes the store stamp what it records with now instead of
	// the wall clock.
	SetClock(now func() time.Time)
	Close() error
}

// Opener opens the workspace file at path, creating it when it does not
// exist.
type Opener func(ctx context.Context, path string) (Store, error)
