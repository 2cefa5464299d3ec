package main

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/shopspring/decimal"
)

const apiIndicators = "/api/v1/import/indicators"

// TestAPI_importIndicators uploads indicator tables through the API as the
// public-health coordinator's script would, with the options of import
// indicators: the dry run, a rejected file and an unchanged re-import
// answer the CLI's --json bytes; the import stores the file's values and
// the audit log names who imported it; a table in another layout (wide,
// periods as columns, decimal point, percent) is stored with its values
// too; finance staff get 403 and a wrong token 401, with a JSON error; a bad
// scale is refused naming it.
func TestAPI_importIndicators(t *testing.T) {
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "ws.db")
	if code, out, stderr := cli(t, dir, "import", "areas", sampleAreas, "--db", dbFile); code != exitOK {
		t.Fatalf("import areas: exit %d\n%s\n%s", code, out, stderr)
	}
	health := apiUser(t, dbFile, "per", "folkehelse")
	finance := apiUser(t, dbFile, "kari", "okonomi")
	base, _ := startServe(t, "serve", "--db", dbFile)

	long := "Bydel;År;Innvandringsbakgrunn;Andel\nSentrum;2024;totalt;0,105\nNordbyen;2024;totalt;0,21\n" +
		"Nordbyen;2024;innvandrere;0,35\nI alt;2024;totalt;0,15\nElvebakken;2024;totalt;..\n"
	write(t, dir, "trang.csv", long)
	fields := map[string]string{"indicator": "trangboddhet", "scale": "fraction", "where": "Innvandringsbakgrunn=totalt", "area_alias": "I alt=4699"}
	flags := []string{"--indicator", "trangboddhet", "--scale", "fraction", "--where", "Innvandringsbakgrunn=totalt", "--area-alias", "I alt=4699", "--json", "--db", dbFile}
	same := func(t *testing.T, name string, content []byte, fields map[string]string, args []string, wantStatus, wantCode int) string {
		t.Helper()
		status, body := apiUploadTo(t, base+apiIndicators, health, name, content, fields)
		code, stdout, stderr := cli(t, dir, append([]string{"import", "indicators", filepath.Join(dir, name)}, args...)...)
		if status != wantStatus || code != wantCode || body != stdout {
			t.Fatalf("API %d (want %d):\n%s\nCLI exit %d (want %d) %s:\n%s", status, wantStatus, body, code, wantCode, stderr, stdout)
		}
		return body
	}
	t.Run("dry run", func(t *testing.T) {
		body := same(t, "trang.csv", []byte(long), with(fields, "dry_run", "1"), append(flags, "--dry-run"), http.StatusOK, exitOK)
		if !strings.Contains(body, `"status": "dry-run"`) || len(storedValues(t, dbFile, "trangboddhet")) != 0 {
			t.Errorf("the dry run stored values or said otherwise:\n%s", body)
		}
	})
	t.Run("rejected", func(t *testing.T) {
		bad := strings.Replace(long, "Nordbyen;2024;totalt", "Nordbyn;2024;totalt", 1)
		write(t, dir, "feil.csv", bad)
		body := same(t, "feil.csv", []byte(bad), fields, flags, http.StatusUnprocessableEntity, exitRejected)
		if !strings.Contains(body, `"status": "rejected"`) || !strings.Contains(body, `"value": "Nordbyn"`) || !strings.Contains(body, `"row": 3`) {
			t.Errorf("the rejection does not name the row and value:\n%s", body)
		}
	})

	status, body := apiUploadTo(t, base+apiIndicators, health, "trang.csv", []byte(long), fields)
	var out indicatorimport.FileResult
	if err := json.Unmarshal([]byte(body), &out); err != nil || status != http.StatusOK || out.Status != indicatorimport.Imported || len(out.Vintages) != 1 {
		t.Fatalf("import: %d %s", status, body)
	}
	checkStored(t, dbFile, "trangboddhet", long, ";", ",", 100, map[string]string{"Sentrum": "469901", "Nordbyen": "469902", "Elvebakken": "469903", "I alt": "4699"}, "Innvandringsbakgrunn=totalt")
	if _, audit, _ := cli(t, dir, "audit", "list", "--db", dbFile); !strings.Contains(audit, "per") || !strings.Contains(audit, "trang.csv") {
		t.Errorf("the audit log does not name the import and who made it:\n%s", audit)
	}
	t.Run("unchanged", func(t *testing.T) {
		body := same(t, "trang.csv", []byte(long), fields, flags, http.StatusOK, exitOK)
		if !strings.Contains(body, `"status": "unchanged"`) {
			t.Errorf("the same file again:\n%s", body)
		}
	})

	t.Run("wide layout", func(t *testing.T) {
		wide := "Geografi,2021,2022,2023\nSentrum,10.5,10.9,11.2\nNordbyen,21.3,..,22.8\nSjøsiden,8,8.4,9.05\n"
		status, body := apiUploadTo(t, base+apiIndicators, health, "lavinntekt.csv", []byte(wide), map[string]string{"indicator": "barn-lavinntekt"})
		if status != http.StatusOK || !strings.Contains(body, `"status": "imported"`) {
			t.Fatalf("import: %d %s", status, body)
		}
		checkWide(t, dbFile, "barn-lavinntekt", wide, map[string]string{"Sentrum": "469901", "Nordbyen": "469902", "Sjøsiden": "469904"})
	})

	t.Run("roles", func(t *testing.T) {
		for _, c := range []struct {
			token  string
			status int
		}{{finance, http.StatusForbidden}, {"feil-token", http.StatusUnauthorized}} {
			status, body := apiUploadTo(t, base+apiIndicators, c.token, "trang.csv", []byte(long), fields)
			var e struct{ Error, Code string }
			if status != c.status || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
				t.Errorf("%d %q, want %d with a JSON error", status, body, c.status)
			}
		}
		status, body := apiUploadTo(t, base+apiIndicators, health, "trang.csv", []byte(long), map[string]string{"scale": "tenths"})
		// The upload routes answer an option the import refuses as they answer
		// refused input: 422, naming the value.
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "tenths") {
			t.Errorf("a bad scale: %d %s", status, body)
		}
	})
}

// storedValues reads the indicator's current values from the workspace,
// keyed by area code and period label.
func storedValues(t *testing.T, dbFile, indicator string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.OpenReadOnly(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vs, err := db.IndicatorValues(ctx, indicator, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, v := range vs {
		s := "missing"
		if v.Value != nil {
			s = v.Value.String()
		}
		out[v.Area+" "+v.Period.Label] = s
	}
	return out
}

// checkStored compares the stored values with a long table's rows (area;
// year; …; value), each value times factor, the rows kept by where.
func checkStored(t *testing.T, dbFile, indicator, table, sep, decimalMark string, factor int64, areas map[string]string, where string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(table), "\n")
	header := strings.Split(lines[0], sep)
	col, val, _ := strings.Cut(where, "=")
	want := map[string]string{}
	for _, l := range lines[1:] {
		cells := strings.Split(l, sep)
		code, ok := areas[cells[0]]
		if !ok {
			continue
		}
		if i := slices.Index(header, col); i >= 0 && cells[i] != val {
			continue
		}
		want[code+" "+cells[1]] = fileValue(t, cells[len(cells)-1], decimalMark, factor)
	}
	if got := storedValues(t, dbFile, indicator); !maps.Equal(got, want) {
		t.Errorf("stored %v, the file says %v", got, want)
	}
}

// checkWide compares the stored values with a wide table's (area, then one
// column per period).
func checkWide(t *testing.T, dbFile, indicator, table string, areas map[string]string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(table), "\n")
	header := strings.Split(lines[0], ",")
	want := map[string]string{}
	for _, l := range lines[1:] {
		cells := strings.Split(l, ",")
		for i := 1; i < len(cells); i++ {
			want[areas[cells[0]]+" "+header[i]] = fileValue(t, cells[i], ".", 1)
		}
	}
	if got := storedValues(t, dbFile, indicator); !maps.Equal(got, want) {
		t.Errorf("stored %v, the file says %v", got, want)
	}
}

func fileValue(t *testing.T, cell, decimalMark string, factor int64) string {
	t.Helper()
	if cell == ".." {
		return "missing"
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(cell, decimalMark, "."))
	if err != nil {
		t.Fatal(err)
	}
	return d.Mul(decimal.NewFromInt(factor)).String()
}

// with is fields with k set to v, fields unchanged.
func with(fields map[string]string, k, v string) map[string]string {
	out := maps.Clone(fields)
	out[k] = v
	return out
}

// TestAPI_uploadsNotRecordedAsInputs: an upload is a temporary copy, not a
// file of the user's that outputs must spare, so an import through the web
// records no input (it recorded the temporary file's path), while the same
// file imported by the command is recorded.
func TestAPI_uploadsNotRecordedAsInputs(t *testing.T) {
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "ws.db")
	if code, out, stderr := cli(t, dir, "import", "areas", sampleAreas, "--db", dbFile); code != exitOK {
		t.Fatalf("import areas: exit %d\n%s\n%s", code, out, stderr)
	}
	health := apiUser(t, dbFile, "per", "folkehelse")
	base, _ := startServe(t, "serve", "--db", dbFile)
	inputs := func() []string {
		t.Helper()
		db, err := sqlite.Open(context.Background(), dbFile)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ins, err := db.Inputs(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, in := range ins {
			paths = append(paths, in.Path)
		}
		return paths
	}
	before := inputs()
	file := []byte("Bydel;År;Andel\nSentrum;2024;0,105\nNordbyen;2024;0,21\n")
	status, body := apiUploadTo(t, base+apiIndicators, health, "trang.csv", file, map[string]string{"indicator": "trangboddhet", "scale": "fraction"})
	if status != http.StatusOK || !strings.Contains(body, `"status": "imported"`) {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	if after := inputs(); len(after) != len(before) {
		t.Errorf("the web import recorded inputs %q (before: %q)", after, before)
	}
	write(t, dir, "trang2.csv", "Bydel;År;Andel\nSentrum;2025;0,11\n")
	if code, out, stderr := cli(t, dir, "import", "indicators", filepath.Join(dir, "trang2.csv"), "--indicator", "trangboddhet", "--scale", "fraction", "--db", dbFile); code != exitOK {
		t.Fatalf("import indicators: exit %d\n%s\n%s", code, out, stderr)
	}
	if after := inputs(); len(after) != len(before)+1 {
		t.Errorf("the command's import recorded %q (before: %q); want its file added", after, before)
	}
}
