package letters_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/demo"
	"github.com/helsebudsjett/helsebudsjett/reports/internal/wording"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// sampleDemo builds the sample municipality's workspace once per test
// run, as a user does (helsebudsjett demo), and returns its folder.
func sampleDemo(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "letters-sample-")
		if err != nil {
			demoErr = err
			return
		}
		demoDir = filepath.Join(dir, "demo")
		// The demo as the command builds it (reports/demo), in-process:
		// building the command to run it cost every test run a link.
		_, demoErr = demo.Run(context.Background(), demo.Options{Dir: demoDir,
			Open: func(ctx context.Context, p string) (demo.Store, error) { return sqlite.Open(ctx, p) }})
	})
	if demoErr != nil {
		t.Fatalf("demo: %v", demoErr)
	}
	return demoDir
}

// sampleSource is the letters' source of the sample's 2027 letters, read
// as the letters command reads it.
func sampleSource(t *testing.T) (*letters.Source, *sqlite.DB, *letters.Config) {
	t.Helper()
	dir := sampleDemo(t)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "helsebudsjett.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	if over, err := db.IndicatorOverrides(ctx); err != nil {
		t.Fatal(err)
	} else if len(over) > 0 {
		if cat, err = cat.Merge(over); err != nil {
			t.Fatal(err)
		}
	}
	w, err := wheel.Parse("arshjul.yaml", templates.Arshjul)
	if err != nil {
		t.Fatal(err)
	}
	s, err := letters.Load(ctx, db, cat, w, 2027, letters.Financing(db))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := letters.LoadConfig(filepath.Join(dir, "brev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return s, db, cfg
}

// TestLetters_Sample reads every letter of the sample in bokmål and
// nynorsk as a reader gets it (pdftotext): each indicator row of a bydel's
// letter carries the bydel's own latest value from the workspace, never
// the kommune's under the bydel's name; the wording rules hold; and no
// page holds only a sum row or the signature.
func TestLetters_Sample(t *testing.T) {
	s, db, cfg := sampleSource(t)
	ctx := context.Background()
	latest := map[[2]string]string{} // (indicator, area) → the latest headline value, exact
	for _, lang := range []indicators.Lang{indicators.Bokmal, indicators.Nynorsk} {
		for _, u := range s.Recipients() {
			t.Run(string(lang)+"/"+u.Code, func(t *testing.T) {
				l, err := s.Letter(u.Code, letters.Options{Config: cfg, Lang: lang})
				if err != nil {
					t.Fatal(err)
				}
				data, pages, err := letters.RenderPDF(l)
				if err != nil {
					t.Fatal(err)
				}
				text := pdfText(t, data)
				wording.Assert(t, u.Name, text, string(lang))
				for i, p := range pageTexts(t, data, pages) {
					if what := lonePage(p, l); what != "" {
						t.Errorf("page %d holds %s", i+1, what)
					}
				}
				if lang != indicators.Bokmal {
					return
				}
				for _, c := range l.Challenges {
					area := l.AreaCode
					if c.Kommune {
						area = "4699"
					}
					key := [2]string{c.Indicator, area}
					want, ok := latest[key]
					if !ok {
						want = latestValue(t, db, ctx, c.Indicator, area)
						latest[key] = want
					}
					got := ""
					if c.Value != nil {
						got = c.Value.Exact
					}
					if got != want {
						t.Errorf("%s in %s (%s): value %q, want the area's own %q", c.Indicator, c.Area, area, got, want)
					}
					if c.Value != nil && !strings.Contains(text, plain(c.Value.Text)) {
						t.Errorf("%s: %s is not in the letter", c.Indicator, c.Value.Text)
					}
				}
			})
		}
	}
}

// latestValue is the latest headline value of the indicator in the area,
// as the workspace has it ("" when none).
func latestValue(t *testing.T, db *sqlite.DB, ctx context.Context, id, area string) string {
	t.Helper()
	vs, err := db.IndicatorValues(ctx, id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var best *indicators.Value
	for i := range vs {
		v := &vs[i]
		if v.Area != area || v.Value == nil || !indicators.Headline(v.Dims, nil) {
			continue
		}
		if best == nil || indicators.ComparePeriods(v.Period, best.Period) > 0 {
			best = v
		}
	}
	if best == nil {
		return ""
	}
	return best.Value.String()
}

// TestMain removes the sample workspace that sampleDemo built.
func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(filepath.Dir(demoDir))
	}
	os.Exit(code)
}
