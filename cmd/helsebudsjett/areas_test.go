package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// A fresh workspace imports a file of kommuner, the county and the
// country without any areas imported; set-home picks the municipality's
// own, the others stay comparison areas; areas list shows them.
func TestAreas_freshWorkspaceHomeAndList(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	f := write(t, dir, "k.csv", "Kommunenummer;Kommune;År;Andel\n4001;Porsgrunn;2024;10\n4003;Skien;2024;11\n40;Telemark;2024;12\n"+
		"0;Hele landet;2024;9\n9999;Uoppgitt kommune;2024;1\n")
	code, out, stderr := cli(t, dir, "import", "indicators", f, "--indicator", "trangboddhet", "--db", db)
	if code != exitOK || !strings.Contains(out, "areas: added 4 from the built-in geography") || !strings.Contains(out, "1 not area") {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	list := func(args ...string) []model.AreaRow {
		t.Helper()
		code, out, stderr := cli(t, dir, append([]string{"areas", "list", "--json", "--db", db}, args...)...)
		var rows []model.AreaRow
		if err := json.Unmarshal([]byte(out), &rows); err != nil || code != exitOK {
			t.Fatalf("areas list: exit %d, %v\n%s%s", code, err, out, stderr)
		}
		return rows
	}
	roles := func(rows []model.AreaRow) string {
		var s []string
		for _, r := range rows {
			s = append(s, r.Code+"="+string(r.Role))
		}
		return strings.Join(s, " ")
	}
	if got := roles(list()); got != "0=reference 40=reference 4001=comparison 4003=comparison" {
		t.Errorf("before set-home: %s", got)
	}
	if code, out, _ := cli(t, dir, "areas", "set-home", "Skien", "--db", db); code != exitOK || !strings.Contains(out, "4003 Skien") {
		t.Fatalf("set-home: exit %d %s", code, out)
	}
	if got := roles(list()); got != "0=reference 40=reference 4003=home 4001=comparison" {
		t.Errorf("after set-home: %s", got)
	}
	if got := roles(list("--level", "kommune")); got != "4003=home 4001=comparison" {
		t.Errorf("--level kommune: %s", got)
	}
	// The reports take the first kommune of the workspace as the
	// municipality: it is the home area, not the lowest code.
	ws, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	home, ok, err := ws.Home(context.Background())
	if err != nil || !ok || home.Code != "4003" {
		t.Errorf("Home = %+v %v %v", home, ok, err)
	}
	// indicators show lists the home kommune before the comparison ones.
	code, out, _ = cli(t, dir, "indicators", "show", "trangboddhet", "--json", "--db", db)
	var view struct {
		Series []struct {
			Area string `json:"area"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(out), &view); err != nil || code != exitOK {
		t.Fatalf("indicators show: exit %d, %v: %s", code, err, out)
	}
	var order []string
	for _, p := range view.Series {
		order = append(order, p.Area)
	}
	if got := strings.Join(order, " "); got != "0 40 4003 4001" {
		t.Errorf("series order %s, want the country, the county, home Skien, then Porsgrunn", got)
	}
	if all := list("--all", "--level", "kommune"); len(all) < 357 || all[0].Code != "4003" || all[len(all)-1].Origin != "built-in" {
		t.Errorf("--all --level kommune: %d rows, first %+v", len(all), all[0])
	}
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"areas", "set-home", "Telemark"}, exitRejected},
		{[]string{"areas", "set-home", "Nowhere"}, exitRejected},
		{[]string{"areas", "set-home"}, exitUsage},
		{[]string{"areas", "list", "--level", "planet"}, exitUsage},
		{[]string{"areas"}, exitUsage},
	} {
		if code, _, _ := cli(t, dir, append(c.args, "--db", db)...); code != c.want {
			t.Errorf("%q: exit %d, want %d", c.args, code, c.want)
		}
	}
	code, out, _ = cli(t, dir, "areas", "list", "--db", db)
	if code != exitOK || !strings.Contains(out, "Home area: 4003 Skien (kommune)") || !strings.Contains(out, "4001  Porsgrunn") {
		t.Errorf("areas list:\n%s", out)
	}
}

// The areas file marks the home area with rolle egen.
func TestAreas_homeFromAreasFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	f := write(t, dir, "a.csv", "kode;navn;nivå;rolle\n4001;Porsgrunn;kommune;\n4003;Skien;kommune;egen\n400301;Sentrum;sone;\n")
	if code, out, stderr := cli(t, dir, "import", "areas", f, "--db", db); code != exitOK {
		t.Fatalf("import areas: exit %d %s %s", code, out, stderr)
	}
	code, out, _ := cli(t, dir, "areas", "list", "--db", db)
	if code != exitOK || !strings.Contains(out, "Home area: 4003 Skien") {
		t.Errorf("areas list:\n%s", out)
	}
	f = write(t, dir, "b.csv", "kode;navn;nivå;rolle\n4001;Porsgrunn;kommune;egen\n40;Telemark;fylke;egen\n")
	if code, _, _ := cli(t, dir, "import", "areas", f, "--db", db); code != exitRejected {
		t.Errorf("a county marked egen: exit %d, want %d", code, exitRejected)
	}
}
