// Package documents makes the documents from the workspace: the
// oppdragsbrev, the helsebudsjett workbook, the annual report, the CSV of
// a budget's lines and the open-data package. The command line, the
// wheel's actions and the web application all call these functions, so a
// document is made one way whoever asks for it: into files (the CLI, the
// wheel), never over the workspace or an imported file, or into a writer
// (a download). Every figure is read through the read layer
// (reports/model); the store comes in as the interfaces declared here.
package documents

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
)

// Store is what the documents read and guard: every figure through the
// read layer (model.DocumentStore), and the workspace's file and imported
// inputs, which no document is written over (outguard.Workspace).
type Store interface {
	model.DocumentStore
	outguard.Workspace
}

// Workspace is what the documents are made from: the store, the
// indicator catalogue and the wheel in force.
type Workspace struct {
	DB        Store
	Catalogue *indicators.Catalogue
	Wheel     *wheel.Wheel
}

// Source is a store the workspace is opened from (Open): the documents'
// Store with the catalogue's overrides and the wheel imported.
type Source interface {
	Store
	indicatorimport.OverrideStore
	runner.WheelStore
}

// Open returns the workspace as the documents take it: db with the
// indicator catalogue in force (indicatorimport.Catalogue) and the wheel
// in force (runner.InForce).
func Open(ctx context.Context, db Source) (Workspace, error) {
	cat, err := indicatorimport.Catalogue(ctx, db)
	if err != nil {
		return Workspace{}, err
	}
	w, _, err := runner.InForce(ctx, db)
	if err != nil {
		return Workspace{}, err
	}
	return Workspace{DB: db, Catalogue: cat, Wheel: w}, nil
}

// OpenFunc is Open at each call, so every document reads the catalogue
// and the wheel in force when it is made.
func OpenFunc(db Source) WorkspaceFunc {
	return func(ctx context.Context) (Workspace, error) { return Open(ctx, db) }
}

// LettersOptions are the choices of one run of the letters.
type LettersOptions struct {
	Year      int
	Units     []string // the units' codes; every recipient when empty
	Lang      indicators.Lang
	Dir       string // where the letters go (Letters); made when missing
	Combined  bool   // also one PDF of all the letters
	Force     bool   // replace letters that exist with other contents
	Config    string // the YAML configuration; "" for none
	Templates string // a folder of own templates; "" for the embedded ones
	Date      time.Time
	Draft     bool // letters marked UTKAST, allowed without references and signatory
}

// Letters writes the oppdragsbrev into o.Dir with a manifest, never over an
// input of the workspace (outguard); a letter that exists with other
// contents is replaced only with o.Force.
func Letters(ctx context.Context, ws Workspace, o LettersOptions) (*letters.Result, error) {
	var cfg *letters.Config
	if o.Config != "" {
		c, err := letters.LoadConfig(o.Config)
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	texts, err := letters.LoadTexts(o.Templates)
	if err != nil {
		return nil, err
	}
	src, err := letters.Load(ctx, ws.DB, ws.Catalogue, ws.Wheel, o.Year, letters.Financing(ws.DB))
	if err != nil {
		return nil, err
	}
	return src.Generate(ctx, letters.GenerateOptions{
		Options: letters.Options{Config: cfg, Texts: texts, Lang: o.Lang, Date: o.Date, Draft: o.Draft},
		Units:   o.Units, Dir: o.Dir, Combined: o.Combined, Force: o.Force,
		// Letters keep their own rule for files already there (same
		// contents, or Force); the guard refuses inputs only.
		Guard: func(p string) error { return outguard.Check(ctx, ws.DB, p, true) },
	})
}

// LettersZip writes the letters of o (o.Dir is ignored) as a zip to w, one
// PDF per unit named as Letters names them, in name order, and returns
// them. The zip holds nothing else, so the same workspace gives the same
// bytes.
func LettersZip(ctx context.Context, ws Workspace, w io.Writer, o LettersOptions) ([]letters.File, error) {
	dir, err := os.MkdirTemp("", "helsebudsjett-letters-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	o.Dir, o.Combined, o.Force = dir, false, true
	res, err := Letters(ctx, ws, o)
	if err != nil {
		return nil, err
	}
	files := append([]letters.File(nil), res.Letters...)
	sort.Slice(files, func(i, j int) bool { return filepath.Base(files[i].Path) < filepath.Base(files[j].Path) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return nil, err
		}
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.Base(f.Path), Method: zip.Deflate, Modified: o.Date})
		if err != nil {
			return nil, err
		}
		if _, err := hw.Write(data); err != nil {
			return nil, err
		}
	}
	return files, zw.Close()
}

// Letter returns the PDF of one unit's letter.
func Letter(ctx context.Context, ws Workspace, o LettersOptions, unit string) ([]byte, error) {
	o.Units = []string{unit}
	var buf bytes.Buffer
	files, err := LettersZip(ctx, ws, &buf, o)
	if err != nil {
		return nil, err
	}
	if len(files) != 1 {
		return nil, budget.Errorf(budget.ENOTFOUND, "no letter to unit %s in %d", unit, o.Year)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	f, err := zr.File[0].Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Workbook writes the helsebudsjett workbook of key to w and returns the
// model it shows, on the gross operating expenditure of mo.
func Workbook(ctx context.Context, ws Workspace, w io.Writer, key budget.Key, lang indicators.Lang, mo model.Options) (*model.Budget, error) {
	b, err := model.LoadWith(ctx, ws.DB, ws.Catalogue, key, mo)
	if err != nil {
		return nil, err
	}
	links := func(fn func(budget.Link) error) error { return model.Links(ctx, ws.DB, key, fn) }
	if err := workbook.Write(w, b, links, workbook.Options{Lang: lang}); err != nil {
		return nil, err
	}
	return b, nil
}

// loadReport loads the report of opt; opt.Wheel defaults to the
// workspace's wheel.
func loadReport(ctx context.Context, ws Workspace, opt annual.Options) (*annual.Report, error) {
	if opt.Wheel == nil {
		opt.Wheel = ws.Wheel
	}
	return annual.Load(ctx, ws.DB, ws.Catalogue, opt)
}

// AnnualReport loads the annual (or tertial) report of opt and renders it
// as PDF. opt.Wheel defaults to the workspace's wheel.
func AnnualReport(ctx context.Context, ws Workspace, opt annual.Options) (*annual.Report, []byte, error) {
	r, err := loadReport(ctx, ws, opt)
	if err != nil {
		return nil, nil, err
	}
	data, err := annual.Render(r)
	if err != nil {
		return nil, nil, fmt.Errorf("report: %w", err)
	}
	return r, data, nil
}

// AnnualReportHTML is AnnualReport as a web page: the files of its folder.
func AnnualReportHTML(ctx context.Context, ws Workspace, opt annual.Options) (*annual.Report, map[string][]byte, error) {
	r, err := loadReport(ctx, ws, opt)
	if err != nil {
		return nil, nil, err
	}
	files, err := annual.RenderHTML(r)
	if err != nil {
		return nil, nil, fmt.Errorf("report: %w", err)
	}
	return r, files, nil
}
