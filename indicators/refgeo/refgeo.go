// Package refgeo is the built-in reference geography: Norway ("Hele
// landet", code 0), every fylke and kommune with the codes SSB has given
// them since 1994, and the bydeler of Oslo, Stavanger, Bergen and
// Trondheim, so that indicator files from FHI, SSB and others load in a
// fresh workspace and land on the right areas whichever reform's codes
// they use.
//
// The table is data, templates/geografi.csv, derived by Derive (run
// 'go run ./indicators/refgeo/gen') from SSB's kommune history 1994-2024
// grouped by the kommune of 2024 and SSB's KLASS bydel list. The rule for
// old codes: a code that was the only one of its 2024 kommune while it was
// valid covered the whole of that kommune, so it is the same area and
// finds today's code (0805 and 3806 Porsgrunn find 4001). A code that was
// one of several at the time (a kommune before a merger, Hof before it
// joined Holmestrand) or that was split later (Tysfjord, Snillfjord, the
// Ålesund of 2020-2023 that held Haram) is an area of its own, named with
// the years it was valid ("Holmestrand (2018-2019)"), never merged into
// today's silently. Counties likewise: 01 Østfold, 08 Telemark and 20
// Finnmark are today's 31, 40 and 56; the others of before 2020 and of
// 2020-2023 are areas of their own.
package refgeo

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// The source files, under the shared fixtures folder, Derive is run on.
const (
	KommuneFile = "ssb-kommunehistorikk-1994-2024/kommuner-1994-2024.xlsx"
	BydelFile   = "ssb-bydeler-kodeliste/ssb_bydels02.csv"
)

// DefaultSource names the sources of the shipped table, taken on date.
func DefaultSource(date string) Source {
	return Source{
		Kommuner: "SSB kommuner 1994-2024 grouped by 2024 kommune (classification 131), as kommuner-1994-2024.xlsx in github.com/lauriejh/regtools (data-raw, cb9fcb08, 2025-10-02)",
		Bydeler:  "SSB KLASS bydeler (classification 103), as ssb_bydels02.csv in github.com/helseprofil/khfunctions (geo, d6792596)",
		Date:     date,
	}
}

var (
	once   sync.Once
	loaded *indicators.Reference
	errLd  error
)

// Load returns the embedded reference geography, parsed once.
func Load() (*indicators.Reference, error) {
	once.Do(func() { loaded, errLd = Parse(templates.Geography) })
	return loaded, errLd
}

// Parse reads a table in the layout Derive writes. Rows with same_as are
// old codes: their names become aliases of today's area and the code
// finds it.
func Parse(data []byte) (*indicators.Reference, error) {
	ref := &indicators.Reference{Aliases: map[string][]string{}, SameAs: map[string]string{}, Since: map[string]int{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := true
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.HasPrefix(t, "#") || strings.TrimSpace(t) == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(t, ";")
		if len(f) != 9 {
			return nil, fmt.Errorf("geografi.csv line %d: %d fields, want 9", line, len(f))
		}
		code, name, level, parent, sameAs := f[0], f[1], indicators.Level(f[2]), f[3], f[6]
		if _, ok := indicators.ParseLevel(string(level)); !ok {
			return nil, fmt.Errorf("geografi.csv line %d: level %q", line, level)
		}
		for _, y := range []string{f[4], f[5], f[8]} {
			if _, err := strconv.Atoi(y); y != "" && err != nil {
				return nil, fmt.Errorf("geografi.csv line %d: year %q", line, y)
			}
		}
		if since, _ := strconv.Atoi(f[8]); since > 0 {
			ref.Since[code] = since
		}
		target := code
		if sameAs != "" {
			ref.SameAs[code] = sameAs
			target = sameAs
			ref.Aliases[name] = append(ref.Aliases[name], sameAs)
		} else {
			ref.Geos = append(ref.Geos, indicators.Geo{Code: code, Name: name, Level: level, Parent: parent})
		}
		for _, a := range strings.Split(f[7], "|") {
			if a != "" {
				ref.Aliases[a] = append(ref.Aliases[a], target)
			}
		}
	}
	return ref, sc.Err()
}
