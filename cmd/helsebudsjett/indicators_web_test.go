package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// TestServe_indicatorsInBrowser: a council member opens an indicator with
// small numbers on the demo's workspace. The page's table holds, for every
// area and period, the value `indicators show --public --json` gives (":"
// where it is suppressed), never the internal figure; the chart is an SVG
// image with a description naming the areas; the public-health
// coordinator sees the internal figure, marked "*". Both pass axe-core.
func TestServe_indicatorsInBrowser(t *testing.T) {
	t.Parallel()                             // each on its own copy of the demo, server and browser
	ctx := browsertest.New(t, 5*time.Minute) // room for -race beside the other browser tests
	_, dbFile := demoWorkspace(t)
	for _, u := range [][2]string{{"leser", "lesetilgang"}, {"per", "folkehelse"}} {
		if code, _, stderr := cliIn(t, t.TempDir(), "et langt nok passord\n", "user", "add", u[0], "--role", u[1], "--password-stdin", "--db", dbFile); code != exitOK {
			t.Fatal(stderr)
		}
	}
	const id = "barnehage-minoritetsspraklige"
	view := func(public bool) model.IndicatorView {
		args := []string{"indicators", "show", id, "--json", "--db", dbFile}
		if public {
			args = append(args, "--public")
		}
		_, out, _ := cli(t, t.TempDir(), args...)
		var v model.IndicatorView
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	public, internal := view(true), view(false)
	base, _ := startServe(t, "serve", "--db", dbFile)
	cells := func() map[string]string {
		t.Helper()
		js := `JSON.stringify((() => { const t = document.querySelector("table"); const heads = [...t.querySelectorAll("thead th")].map(h => h.innerText.trim());
			const out = {}; for (const tr of t.querySelectorAll("tbody tr")) { const p = tr.querySelector("th").innerText.trim();
			[...tr.querySelectorAll("td")].forEach((td, i) => { out[p + "|" + heads[i + 1]] = td.innerText.trim(); }); } return out; })())`
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	browsertest.SignIn(t, ctx, base, "leser", "et langt nok passord")
	browsertest.Run(t, ctx, "open the indicator", chromedp.Navigate(base+"/indikatorer/"+id), chromedp.WaitVisible(chromedp.CSS("figure svg")))
	browsertest.CheckAxe(t, ctx, "/indikatorer/"+id+" (lesetilgang)")
	desc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("figure svg desc").textContent`))
	if err != nil || !strings.Contains(desc, "Nordbyen") {
		t.Errorf("the chart's description %q (%v) does not name the areas", desc, err)
	}
	got := cells()
	suppressed := 0
	for i, p := range public.Series {
		if len(p.Dims) > 0 {
			continue
		}
		key := p.Period + "|" + p.AreaName
		want := "–"
		switch {
		case p.Suppressed:
			want, suppressed = ":", suppressed+1
			if in := internal.Series[i]; in.Value != nil && strings.Contains(got[key], strings.Replace(in.Value.StringFixed(1), ".", ",", 1)) {
				t.Errorf("%s: the council sees the internal figure %s", key, in.Value)
			}
		case p.Value != nil:
			want = strings.Replace(p.Value.StringFixed(1), ".", ",", 1)
		}
		if got[key] != want {
			t.Errorf("%s: the page says %q, the CLI %q", key, got[key], want)
		}
	}
	if suppressed == 0 {
		t.Fatal("no suppressed value in the public view: the test proves nothing")
	}
	browsertest.Screenshot(t, ctx, "indikator-kommunestyret")

	// The measures and their status, as the council reads them.
	db, err := sqlite.Open(context.Background(), dbFile)
	if err != nil {
		t.Fatal(err)
	}
	want, err := model.Reads{DB: db}.MeasureStatus(context.Background(), 2026)
	db.Close()
	if err != nil || len(want) == 0 {
		t.Fatalf("measures of 2026: %v %v", want, err)
	}
	browsertest.Run(t, ctx, "open the measures", chromedp.Navigate(base+"/tiltak?year=2026"), chromedp.WaitVisible(chromedp.CSS("table")))
	browsertest.CheckAxe(t, ctx, "/tiltak")
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("tbody tr")].map(tr => tr.innerText.replace(/\s+/g, " ").trim())`))
	if err != nil || len(rows) != len(want) {
		t.Fatalf("%d rows (%v), want %d", len(rows), err, len(want))
	}
	reported := 0
	for i, m := range want {
		if !strings.Contains(rows[i], m.Name) || !strings.Contains(rows[i], string(m.Status)) || (m.Progress != "" && !strings.Contains(rows[i], string(m.Progress))) {
			t.Errorf("row %d %q, want %+v", i, rows[i], m)
		}
		if m.Progress != "" {
			reported++
		}
		if strings.Contains(rows[i], " kr") {
			t.Errorf("row %d shows money: %q", i, rows[i])
		}
	}
	if reported == 0 {
		t.Error("no measure has a report in 2026: the latest-report column is not tested")
	}

	browsertest.Run(t, ctx, "sign out", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form.logout button")), chromedp.Click(chromedp.CSS("form.logout button")),
		chromedp.WaitVisible(chromedp.ID("namn")))
	browsertest.SignIn(t, ctx, base, "per", "et langt nok passord")
	browsertest.Run(t, ctx, "open the indicator in nynorsk", chromedp.Navigate(base+"/indikatorer/"+id+"?lang=nn"), chromedp.WaitVisible(chromedp.CSS("figure svg")))
	browsertest.CheckAxe(t, ctx, "/indikatorer/"+id+"?lang=nn (folkehelse)")
	got = cells()
	marked := 0
	for _, p := range internal.Series {
		if len(p.Dims) == 0 && p.Confidential && p.Value != nil && got[p.Period+"|"+p.AreaName] == strings.Replace(p.Value.StringFixed(1), ".", ",", 1)+"*" {
			marked++
		}
	}
	if marked != suppressed {
		t.Errorf("%d internal figures marked * for the coordinator, want %d", marked, suppressed)
	}
}
