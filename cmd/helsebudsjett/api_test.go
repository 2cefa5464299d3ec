package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// apiUser adds a user with role to the workspace and returns a new API
// token for it, as `user add` and `user token` print it.
func apiUser(t *testing.T, dbFile, name, role string) string {
	t.Helper()
	if code, _, stderr := cliIn(t, t.TempDir(), "", "user", "add", name, "--role", role, "--db", dbFile); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, t.TempDir(), "user", "token", name, "--db", dbFile)
	if code != exitOK {
		t.Fatal(stderr)
	}
	return strings.TrimSpace(stdout)
}

func apiGet(t *testing.T, base, token, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestAPI_sameJSONAsCLI: on the demo's workspace, each read of the API
// answers the very bytes the CLI prints with --json for the same
// question; a council member gets the indicator with small numbers
// suppressed (the CLI's --public) whatever it asks; errors are JSON with
// the status the CLI's exit code means.
func TestAPI_sameJSONAsCLI(t *testing.T) {
	_, dbFile := demoWorkspace(t)
	finance := apiUser(t, dbFile, "kari", "okonomi")
	health := apiUser(t, dbFile, "per", "folkehelse")
	council := apiUser(t, dbFile, "leser", "lesetilgang")
	year := strconv.Itoa(demoAnnualYear)
	base, _ := startServe(t, "serve", "--db", dbFile)

	for _, c := range []struct {
		token, path string
		cli         []string
	}{
		{finance, "/api/v1/budget/datasets", []string{"budget", "datasets"}},
		{finance, "/api/v1/budget/summary?year=2027&by=funksjon", []string{"budget", "summary", "--year", "2027", "--by", "funksjon"}},
		{finance, "/api/v1/budget/summary?year=2027&version=forslag&by=art-group", []string{"budget", "summary", "--year", "2027", "--version", "forslag", "--by", "art-group"}},
		{finance, "/api/v1/budget/summary?year=" + year + "&version=regnskap&by=bydel", []string{"budget", "summary", "--year", year, "--version", "regnskap", "--by", "bydel"}},
		{finance, "/api/v1/budget/compare?year=2027", []string{"budget", "compare", "--year", "2027"}},
		{health, "/api/v1/budget/compare?year=2027&by=funksjon", []string{"budget", "compare", "--year", "2027", "--by", "funksjon"}},
		{health, "/api/v1/measures?year=2027", []string{"measures", "list", "--year", "2027"}},
		{health, "/api/v1/indicators/barn-lavinntekt", []string{"indicators", "show", "barn-lavinntekt"}},
		{health, "/api/v1/indicators/barn-lavinntekt?area=Nordbyen&lang=nn", []string{"indicators", "show", "barn-lavinntekt", "--area", "Nordbyen", "--lang", "nn"}},
		{council, "/api/v1/indicators/barn-lavinntekt", []string{"indicators", "show", "barn-lavinntekt", "--public"}},
		{council, "/api/v1/wheel?year=2027", []string{"wheel", "list", "--year", "2027"}},
		{health, "/api/v1/wheel?year=2028&lang=nn", []string{"wheel", "list", "--year", "2028", "--lang", "nn"}},
	} {
		t.Run(c.path, func(t *testing.T) {
			status, body := apiGet(t, base, c.token, c.path)
			code, stdout, stderr := cli(t, t.TempDir(), append(c.cli, "--json", "--db", dbFile)...)
			if code != exitOK {
				t.Fatalf("CLI: exit %d %s", code, stderr)
			}
			if status != http.StatusOK || body != stdout {
				t.Errorf("API %d:\n%.600s\nCLI:\n%.600s", status, body, stdout)
			}
		})
	}
	for _, c := range []struct {
		token, path string
		status      int
	}{
		{finance, "/api/v1/budget/summary?year=2031", http.StatusNotFound},
		{finance, "/api/v1/budget/compare?year=2031", http.StatusNotFound},
		{finance, "/api/v1/budget/compare?year=2027&from=utkast", http.StatusBadRequest},
		{council, "/api/v1/budget/compare?year=2027", http.StatusForbidden},
		{finance, "/api/v1/budget/summary?year=toppen", http.StatusBadRequest},
		{finance, "/api/v1/budget/summary?year=2027&version=utkast", http.StatusBadRequest},
		{health, "/api/v1/indicators/finnes-ikke", http.StatusNotFound},
		{health, "/api/v1/wheel?year=toppen", http.StatusBadRequest},
		{council, "/api/v1/budget/datasets", http.StatusForbidden},
		{"feil-token", "/api/v1/budget/datasets", http.StatusUnauthorized},
	} {
		status, body := apiGet(t, base, c.token, c.path)
		var e struct{ Error, Code string }
		if status != c.status || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
			t.Errorf("%s: %d %q, want %d with a JSON error", c.path, status, body, c.status)
		}
	}
}
