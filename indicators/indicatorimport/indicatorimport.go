// Package indicatorimport brings an indicator file into the workspace: it
// reads the file with indicatorfile against the workspace's areas and the
// catalogue, and stores its values as one vintage per indicator in one
// transaction, only when every row was good. It is the one place that
// decides what an indicator import did: imported, rejected, unchanged or a
// dry run.
package indicatorimport

import (
	"context"
	"path/filepath"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
)

// Status is the outcome of an import, shared by every importer.
type Status = imports.Status

// The outcomes, as for budget imports.
const (
	Imported  = imports.Imported  // stored as new vintages
	Rejected  = imports.Rejected  // rows had errors: nothing stored
	Unchanged = imports.Unchanged // every indicator of the file was imported from the same bytes with the same options before
	DryRun    = imports.DryRun    // read and checked, nothing stored
)

// Options control one import. Areas, when nil, are the workspace's.
type Options struct {
	indicatorfile.Options
	DryRun bool
	Now    func() time.Time // the clock for imported_at; the workspace's clock when nil
}

// Report is what an import did. Vintages are the vintages stored
// (Imported) or found (Unchanged). Replaced are the vintages of the same
// file, imported before with other options, that the new ones replaced.
type Report struct {
	Status   Status
	Result   *indicatorfile.Result
	Vintages []indicators.Vintage
	Replaced []indicators.Vintage
}

// Store is what Run reads and writes of the workspace: its areas over the
// reference geography (AreaStore), the latest vintage of the same bytes,
// one import transaction, and the clock that stamps the vintages when
// Options.Now is nil. *sqlite.DB has it.
type Store interface {
	AreaStore
	// VintageBySHA256 returns the latest vintage of indicatorID imported
	// from a file with this sha256, or nil, nil when there is none.
	VintageBySHA256(ctx context.Context, indicatorID, sha string) (*indicators.Vintage, error)
	BeginIndicatorImport(ctx context.Context) (indicators.VintageImport, error)
	Now() time.Time
}

// Run imports the file at path into db. It returns a Report whenever the
// file could be read, also when it was rejected; the error is non-nil only
// when the import could not be carried out at all (the file is unreadable,
// its indicator unknown, it mixes indicators, the workspace failed). The
// workspace is changed by the whole file or not at all.
func Run(ctx context.Context, db Store, path string, opts Options) (*Report, error) {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	// Refuse a folder, a device or a FIFO before the workspace is touched.
	f, err := inputfile.Open(ctx, path, opts.Name, opts.MaxSize)
	if err != nil {
		return nil, err
	}
	f.Close()
	if opts.Areas == nil {
		g, err := Areas(ctx, db)
		if err != nil {
			return nil, err
		}
		opts.Areas = g
	}
	res, err := indicatorfile.Read(ctx, path, opts.Options)
	if err != nil {
		return nil, err
	}
	rep := &Report{Result: res}
	switch {
	case res.ErrorCount > 0:
		rep.Status = Rejected
		return rep, nil
	case opts.DryRun:
		rep.Status = DryRun
		return rep, nil
	}
	same, replaced, ids, err := previous(ctx, db, res)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		rep.Status, rep.Vintages = Unchanged, same
		return rep, nil
	}
	vs, err := store(ctx, db, res, ids, opts)
	if err != nil {
		return nil, err
	}
	rep.Status, rep.Vintages, rep.Replaced = Imported, vs, replaced
	return rep, nil
}

// previous sorts the file's indicators by their latest vintage of the same
// bytes: same options (unchanged: same), other options (to store, and
// replaced), or none (to store).
func previous(ctx context.Context, db Store, res *indicatorfile.Result) (same, replaced []indicators.Vintage, store []string, err error) {
	for _, id := range res.Indicators() {
		v, err := db.VintageBySHA256(ctx, id, res.SHA256)
		switch {
		case err != nil:
			return nil, nil, nil, err
		case v != nil && v.OptionsKey == res.OptionsKey:
			same = append(same, *v)
			continue
		case v != nil:
			replaced = append(replaced, *v)
		}
		store = append(store, id)
	}
	return same, replaced, store, nil
}

// store writes one vintage of each of ids.
func store(ctx context.Context, db Store, res *indicatorfile.Result, ids []string, opts Options) ([]indicators.Vintage, error) {
	now := db.Now
	if opts.Now != nil {
		now = opts.Now
	}
	mapping, _ := res.Mapping.YAML()
	im, err := db.BeginIndicatorImport(ctx)
	if err != nil {
		return nil, err
	}
	defer im.Rollback()
	if err := im.AddAreas(res.NewAreas); err != nil {
		return nil, err
	}
	at := now()
	for _, id := range ids {
		_, err := im.BeginVintage(indicators.Vintage{Indicator: id, Source: res.File, SHA256: res.SHA256, Size: res.Size,
			Mapping: string(mapping), RowsRead: res.RowsRead, ImportedAt: at, OptionsKey: res.OptionsKey})
		if err != nil {
			return nil, err
		}
		for _, v := range res.Values[id] {
			if err := im.Add(v); err != nil {
				return nil, err
			}
		}
	}
	return im.Commit()
}

// Areas returns the workspace's areas standing on the built-in reference
// geography (package refgeo): what an indicator file's geographies are
// matched against, so that a fresh workspace needs no areas imported for
// files of kommuner, fylker, the country and the four cities' bydeler.
func Areas(ctx context.Context, db AreaStore) (*indicators.Gazetteer, error) {
	ref, err := refgeo.Load()
	if err != nil {
		return nil, err
	}
	return db.GazetteerWithReference(ctx, ref)
}

// AreaStore is what Areas reads: the workspace's areas over a reference.
type AreaStore interface {
	GazetteerWithReference(ctx context.Context, ref *indicators.Reference) (*indicators.Gazetteer, error)
}

// Lookup adapts a catalogue to indicatorfile.Options.Lookup.
func Lookup(c *indicators.Catalogue) func(string) (indicators.Indicator, bool) {
	return c.Get
}

// UseCatalogue sets the options' Lookup and Closest from c.
func (o *Options) UseCatalogue(c *indicators.Catalogue) {
	o.Lookup, o.Closest = c.Get, c.Closest
}
