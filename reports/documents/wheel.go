package documents

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
)

// Beside the workspace, the wheel's letters action (and the web's letter
// downloads) look for these: the letter configuration and a folder of own
// templates.
const (
	LettersConfigFile   = "brev.yaml"
	LettersTemplatesDir = "brevmaler"
)

// WheelStore is what the wheel's document actions need of the store
// beside the workspace they read (WorkspaceFunc): the budgets it holds,
// and its file and inputs, which no action writes over.
type WheelStore interface {
	Keys(ctx context.Context) ([]budget.Key, error)
	outguard.Workspace
}

// WheelActions are the årshjul's document actions, writing under out:
// export-budget (ExportBudgetAction), letters (LettersAction) and report
// (ReportAction). wsf gives the workspace at each run.
func WheelActions(s WheelStore, wsf WorkspaceFunc, out string) map[wheel.Action]runner.Action {
	return map[wheel.Action]runner.Action{
		wheel.ExportBudget: ExportBudgetAction(s, wsf, out),
		wheel.Letters:      LettersAction(s, wsf, out),
		wheel.Report:       ReportAction(s, wsf, out),
	}
}

// ExportBudgetAction is the årshjul's export-budget action: it writes the
// helsebudsjett workbook of the occurrence's budget year (wheel.BudgetYear,
// the July cut-off) in its latest version (budget.LatestBudget) to
// OUT/YEAR/helsebudsjett-BUDGETYEAR-VERSION.xlsx, replacing the action's
// own earlier file. No budget for the year is an ENOTFOUND error the run
// records.
func ExportBudgetAction(s WheelStore, wsf WorkspaceFunc, out string) runner.Action {
	return func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
		at := o.At.In(wheel.Oslo())
		keys, err := s.Keys(ctx)
		if err != nil {
			return nil, err
		}
		key, err := budget.LatestBudget(keys, wheel.BudgetYear(at))
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(out, fmt.Sprint(at.Year()))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, fmt.Sprintf("helsebudsjett-%d-%s.xlsx", key.Year, key.Version))
		if _, err := WriteWorkbook(ctx, s, wsf, WorkbookOptions{Key: key, Path: path, Lang: indicators.Bokmal, Overwrite: true}); err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
}

// LettersAction is the årshjul's letters action: the year's letters, in
// bokmål, dated the day the task falls due, into OUT/YEAR/oppdragsbrev,
// with brev.yaml and brevmaler/ beside the workspace when they exist. A
// letter that exists there with other contents is never replaced: the
// run fails and says so.
func LettersAction(s WheelStore, wsf WorkspaceFunc, out string) runner.Action {
	return func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
		at := o.At.In(wheel.Oslo())
		lo := LettersOptions{Year: at.Year(), Lang: indicators.Bokmal, Combined: true,
			Dir:  filepath.Join(out, strconv.Itoa(at.Year()), "oppdragsbrev"),
			Date: time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, wheel.Oslo())}
		base := filepath.Dir(s.Path())
		if p := filepath.Join(base, LettersConfigFile); exists(p) {
			lo.Config = p
		}
		if p := filepath.Join(base, LettersTemplatesDir); exists(p) {
			lo.Templates = p
		}
		ws, err := wsf(ctx)
		if err != nil {
			return nil, err
		}
		res, err := Letters(ctx, ws, lo)
		if err != nil {
			return nil, err
		}
		return append(res.Files(), res.Manifest), nil
	}
}

// ReportAction is the årshjul's report action: the report of
// wheel.ReportPeriod (until April the annual report on the year before,
// then the status report per the latest tertial), dated the occurrence,
// in an internal and a public edition, written under OUT/YEAR/rapporter.
func ReportAction(s WheelStore, wsf WorkspaceFunc, out string) runner.Action {
	return func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
		at := o.At.In(wheel.Oslo())
		p := wheel.ReportPeriod(o.At)
		opt := annual.Options{Year: p.Year, Term: p.Term, Date: o.At}
		dir := filepath.Join(out, fmt.Sprint(at.Year()), "rapporter")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("make %s: %w", dir, err)
		}
		var files []string
		for _, public := range []bool{false, true} {
			opt.Public = public
			p := filepath.Join(dir, ReportFileName(opt))
			if _, err := WriteReport(ctx, s, wsf, ReportOptions{Options: opt, Path: p, Overwrite: true}); err != nil {
				return files, err
			}
			files = append(files, p)
		}
		return files, nil
	}
}
