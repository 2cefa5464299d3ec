package documents

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// Service gives the documents to a caller that asks for them by year and
// language, such as the web application's downloads: each call reads the
// workspace as it is then.
type Service struct {
	DB Store
	// Workspace gives the catalogue and the wheel in force.
	Workspace func(ctx context.Context) (Workspace, error)
	// LettersConfig and LettersTemplates are the letter configuration and
	// the folder of own templates beside the workspace: used when they
	// exist, as the wheel's letters action uses them. Without a
	// configuration the letters are drafts (UTKAST).
	LettersConfig, LettersTemplates string
}

func (s *Service) lettersOptions(year int, lang string) LettersOptions {
	o := LettersOptions{Year: year, Lang: indicators.Lang(lang), Draft: true}
	if exists(s.LettersConfig) {
		o.Config, o.Draft = s.LettersConfig, false
	}
	if exists(s.LettersTemplates) {
		o.Templates = s.LettersTemplates
	}
	return o
}

func exists(p string) bool {
	if p == "" {
		return false
	}
	_, err := os.Stat(p)
	return !errors.Is(err, fs.ErrNotExist)
}

// LettersZip writes the year's letters to units (every recipient when
// empty) as a zip to w and returns how many it holds.
func (s *Service) LettersZip(ctx context.Context, w io.Writer, year int, units []string, lang string) (int, error) {
	ws, err := s.Workspace(ctx)
	if err != nil {
		return 0, err
	}
	o := s.lettersOptions(year, lang)
	o.Units = units
	files, err := LettersZip(ctx, ws, w, o)
	return len(files), err
}

// Letter is one unit's letter of the year.
func (s *Service) Letter(ctx context.Context, year int, unit, lang string) ([]byte, error) {
	ws, err := s.Workspace(ctx)
	if err != nil {
		return nil, err
	}
	return Letter(ctx, ws, s.lettersOptions(year, lang), unit)
}

// Workbook writes the year's helsebudsjett workbook (the year's only
// budget version, else vedtatt) to w.
func (s *Service) Workbook(ctx context.Context, w io.Writer, year int, lang string) error {
	ws, err := s.Workspace(ctx)
	if err != nil {
		return err
	}
	key, err := model.ResolveKey(ctx, s.DB, year, "")
	if err != nil {
		return err
	}
	_, err = Workbook(ctx, ws, w, key, indicators.Lang(lang), model.Options{})
	return err
}

// Report is the year's annual report as PDF.
func (s *Service) Report(ctx context.Context, year int, public bool, lang string) ([]byte, error) {
	ws, err := s.Workspace(ctx)
	if err != nil {
		return nil, err
	}
	_, data, err := AnnualReport(ctx, ws, annual.Options{Year: year, Public: public, Lang: indicators.Lang(lang)})
	return data, err
}

// ReportPage is the year's annual report as a web page: its files.
func (s *Service) ReportPage(ctx context.Context, year int, public bool, lang string) (map[string][]byte, error) {
	ws, err := s.Workspace(ctx)
	if err != nil {
		return nil, err
	}
	_, files, err := AnnualReportHTML(ctx, ws, annual.Options{Year: year, Public: public, Lang: indicators.Lang(lang)})
	return files, err
}

// ReportYears are the years with a budget, newest first.
func (s *Service) ReportYears(ctx context.Context) ([]int, error) {
	keys, err := s.DB.Keys(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	var years []int
	for _, k := range keys {
		if !seen[k.Year] {
			seen[k.Year] = true
			years = append(years, k.Year)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	return years, nil
}

// Units are the workspace's units, for a list of their letters.
func (s *Service) Units(ctx context.Context) ([]budget.Unit, error) { return s.DB.Units(ctx) }
