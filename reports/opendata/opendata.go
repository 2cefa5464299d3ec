// Package opendata writes a budget's publishable figures as a Fiscal Data
// Package (a Frictionless data package with a fiscal "mapping", as
// OpenSpending's packages have), for a municipality to publish under NLOD
// (norsk lisens for offentlige data 2.0).
//
// The writer takes plain rows, not the store: the caller reads the figures
// through reports/model, so the package holds the same figures as the
// workbook. Codes (ansvar, funksjon, art) are strings in the schema so
// leading zeros survive; amounts are kroner with two decimals written from
// øre as exact decimal strings, never through a float.
package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
)

// Line is one line of the adopted (vedtatt) budget.
type Line struct {
	Part     string // drift, investering, or begge (a file holding both parts)
	Row      int    // the line's row in its budget file: with Part, its key
	Ansvar   string
	Funksjon string
	Tjeneste string
	Art      string
	Konto    string
	Prosjekt string
	Ore      int64
}

// Linked is the amount counted for one measure on one budget line.
type Linked struct {
	Nr       string // the measure's number
	Part     string
	Row      int
	Ansvar   string
	Funksjon string
	Art      string
	Ore      int64
}

// Measure is one measure's status and money in one year.
type Measure struct {
	Nr     string
	Name   string
	Status string
	Year   int
	// Version is the budget the year's money is counted in (vedtatt, or
	// forslag for a later year of the økonomiplan).
	Version string
	Ore     int64
}

// IndicatorValue is one published value of an equity indicator, after
// the small-number rule (indicators.Suppress with public=true): a
// suppressed value has no Value, the marker ":" and a note saying why.
// Counts are never published.
type IndicatorValue struct {
	Indicator string // the indicator's id
	Name      string
	Unit      string
	Area      string // the area's code: a string, so "0301" keeps its zero
	AreaName  string
	Period    string // the period's label, e.g. "2022-2024"
	Dims      string // the breakdown, e.g. "kjonn=kvinner"; "" for the headline
	Value     string // exact decimal with a full stop; "" when missing or suppressed
	Marker    string // ":" when suppressed; the source's marker when missing
	Note      string
}

// Package is what Write publishes for one budget year.
type Package struct {
	Municipality string
	Year         int
	Version      string // the budget version published, e.g. vedtatt
	Lines        []Line
	Linked       []Linked
	Measures     []Measure
	Indicators   []IndicatorValue
}

// field is a Table Schema field.
type field struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Format      string `json:"format,omitempty"`
	Description string `json:"description,omitempty"`
	// Pattern constrains a string field (amounts: two decimals).
	Constraints *constraints `json:"constraints,omitempty"`
}

type constraints struct {
	Required bool     `json:"required,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

type schema struct {
	Fields     []field  `json:"fields"`
	PrimaryKey []string `json:"primaryKey"`
}

type resource struct {
	Name      string `json:"name"`
	Title     string `json:"title"`
	Path      string `json:"path"`
	Format    string `json:"format"`
	Mediatype string `json:"mediatype"`
	Encoding  string `json:"encoding"`
	Bytes     int    `json:"bytes"`
	Schema    schema `json:"schema"`
}

// AmountPattern is the pattern of an amount field: kroner with exactly two
// decimals, a full stop as the decimal separator.
const AmountPattern = `^-?[0-9]+\.[0-9]{2}$`

var (
	code = func(name, title string) field {
		return field{Name: name, Title: title, Type: "string", Constraints: &constraints{Required: true}}
	}
	text   = func(name, title string) field { return field{Name: name, Title: title, Type: "string"} }
	amount = func(name, title string) field {
		// A string, not a number: a Table Schema number is a float to most
		// readers, and a kroner amount must stay exact to the øre.
		return field{Name: name, Title: title, Type: "string", Format: "default",
			Description: "kroner, two decimals, exact", Constraints: &constraints{Required: true, Pattern: AmountPattern}}
	}
	partF = field{Name: "part", Title: "Del (drift/investering)", Type: "string", Constraints: &constraints{Required: true, Enum: []string{"drift", "investering", "begge"}}}
	rowF  = field{Name: "row", Title: "Rad i budsjettfila", Type: "integer", Constraints: &constraints{Required: true}}
	yearF = field{Name: "year", Title: "År", Type: "integer", Constraints: &constraints{Required: true}}
)

// Kroner formats øre as kroner with two decimals, exactly.
func Kroner(ore int64) string {
	neg := ore < 0
	u := uint64(ore)
	if neg {
		u = uint64(-ore)
	}
	s := fmt.Sprintf("%d.%02d", u/100, u%100)
	if neg {
		s = "-" + s
	}
	return s
}

// Write writes p as a data package in the new folder dir: it is built in a
// temporary folder beside dir and renamed into place, so a reader never
// sees half a package. Write refuses when dir exists.
func Write(dir string, p Package) error {
	if err := CheckNew(dir); err != nil {
		return err
	}
	files, err := p.files()
	if err != nil {
		return err
	}
	return atomicfile.WriteDir(dir, files)
}

// CheckNew returns an EINVALID error when dir exists: a package is
// written as a new folder, never over anything.
func CheckNew(dir string) error {
	if _, err := os.Lstat(dir); err == nil {
		return budget.Errorf(budget.EINVALID, "%s exists; name a new folder for the open-data package (it is never written over)", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// files is the package's files by slash path: deterministic bytes.
func (p Package) files() (map[string][]byte, error) {
	lines := append([]Line(nil), p.Lines...)
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if a.Part != b.Part {
			return a.Part < b.Part
		}
		return a.Row < b.Row
	})
	linked := append([]Linked(nil), p.Linked...)
	sort.Slice(linked, func(i, j int) bool {
		a, b := linked[i], linked[j]
		if c := budget.CompareNr(a.Nr, b.Nr); c != 0 {
			return c < 0
		}
		if a.Part != b.Part {
			return a.Part < b.Part
		}
		return a.Row < b.Row
	})
	measures := append([]Measure(nil), p.Measures...)
	sort.Slice(measures, func(i, j int) bool {
		a, b := measures[i], measures[j]
		if c := budget.CompareNr(a.Nr, b.Nr); c != 0 {
			return c < 0 // measure 2 before measure 10
		}
		return a.Year < b.Year
	})
	values := append([]IndicatorValue(nil), p.Indicators...)
	sort.SliceStable(values, func(i, j int) bool {
		a, b := values[i], values[j]
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		if a.Area != b.Area {
			return a.Area < b.Area
		}
		if a.Period != b.Period {
			return a.Period < b.Period
		}
		return a.Dims < b.Dims
	})
	year := strconv.Itoa(p.Year)
	var lineRows, linkedRows, measureRows, valueRows [][]string
	for _, l := range lines {
		lineRows = append(lineRows, []string{year, l.Part, strconv.Itoa(l.Row), l.Ansvar, l.Funksjon, l.Tjeneste, l.Art, l.Konto, l.Prosjekt, Kroner(l.Ore)})
	}
	for _, l := range linked {
		linkedRows = append(linkedRows, []string{year, l.Nr, l.Part, strconv.Itoa(l.Row), l.Ansvar, l.Funksjon, l.Art, Kroner(l.Ore)})
	}
	for _, m := range measures {
		measureRows = append(measureRows, []string{m.Nr, m.Name, m.Status, strconv.Itoa(m.Year), m.Version, Kroner(m.Ore)})
	}
	for _, v := range values {
		valueRows = append(valueRows, []string{v.Indicator, v.Name, v.Unit, v.Area, v.AreaName, v.Period, v.Dims, v.Value, v.Marker, v.Note})
	}
	type table struct {
		res  resource
		rows [][]string
	}
	tables := []table{
		{resource{Name: "budsjettlinjer", Title: fmt.Sprintf("Vedtatt budsjett %d, budsjettlinjer", p.Year), Path: "data/budsjettlinjer.csv",
			Schema: schema{Fields: []field{yearF, partF, rowF, text("ansvar", "Ansvar"), text("funksjon", "Funksjon"), text("tjeneste", "Tjeneste"), text("art", "Art"), text("konto", "Konto"), text("prosjekt", "Prosjekt"), amount("amount", "Beløp (kr)")},
				PrimaryKey: []string{"year", "part", "row"}}}, lineRows},
		{resource{Name: "koblede-belop", Title: fmt.Sprintf("Helsebudsjett %d, beløp koblet til tiltak per budsjettlinje", p.Year), Path: "data/koblede-belop.csv",
			Schema: schema{Fields: []field{yearF, code("measure", "Tiltak nr."), partF, rowF, text("ansvar", "Ansvar"), text("funksjon", "Funksjon"), text("art", "Art"), amount("amount", "Beløp (kr)")},
				PrimaryKey: []string{"year", "measure", "part", "row"}}}, linkedRows},
		{resource{Name: "tiltak", Title: "Tiltak med status og beløp per år", Path: "data/tiltak.csv",
			Schema: schema{Fields: []field{code("measure", "Tiltak nr."), text("name", "Navn"), text("status", "Status"), yearF, text("budget_version", "Budsjettversjon"), amount("amount", "Beløp (kr)")},
				PrimaryKey: []string{"measure", "year"}}}, measureRows},
		{resource{Name: "indikatorverdier", Title: "Indikatorverdier, prikket etter småtallsregelen", Path: "data/indikatorverdier.csv",
			Schema: schema{Fields: []field{code("indicator", "Indikator"), text("name", "Navn"), text("unit", "Enhet"), code("area", "Område (kode)"), text("area_name", "Område"),
				code("period", "Periode"), text("dims", "Inndeling"),
				{Name: "value", Title: "Verdi", Type: "number", Description: "empty when missing or suppressed (prikket)"},
				{Name: "marker", Title: "Merke", Type: "string", Description: "\":\" = prikket (suppressed under the small-number rule)"},
				text("note", "Merknad")},
				PrimaryKey: []string{"indicator", "area", "period", "dims"}}}, valueRows},
	}
	files := map[string][]byte{}
	var resources []resource
	for _, t := range tables {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.UseCRLF = true // RFC 4180
		header := make([]string, len(t.res.Schema.Fields))
		for i, f := range t.res.Schema.Fields {
			header[i] = f.Name
		}
		if err := w.Write(header); err != nil {
			return nil, err
		}
		if err := w.WriteAll(t.rows); err != nil {
			return nil, err
		}
		t.res.Format, t.res.Mediatype, t.res.Encoding, t.res.Bytes = "csv", "text/csv", "utf-8", buf.Len()
		files[t.res.Path] = buf.Bytes()
		resources = append(resources, t.res)
	}
	dp := map[string]any{
		"profile":      "fiscal-data-package",
		"name":         fmt.Sprintf("helsebudsjett-%d", p.Year),
		"title":        fmt.Sprintf("Helsebudsjett %d – %s", p.Year, p.Municipality),
		"licenses":     []map[string]string{{"name": "NLOD-2.0", "title": "Norsk lisens for offentlige data (NLOD) 2.0", "path": "https://data.norge.no/nlod/no/2.0"}},
		"countryCode":  "NO",
		"granularity":  "transactional",
		"fiscalPeriod": map[string]string{"start": fmt.Sprintf("%d-01-01", p.Year), "end": fmt.Sprintf("%d-12-31", p.Year)},
		"resources":    resources,
		"model": map[string]any{
			"measures": map[string]any{
				"amount": map[string]any{"source": "amount", "resource": "budsjettlinjer", "currency": "NOK", "factor": 1, "phase": "approved"},
			},
			"dimensions": map[string]any{
				"date":           map[string]any{"attributes": map[string]any{"year": map[string]string{"source": "year"}}, "primaryKey": "year", "dimensionType": "datetime"},
				"part":           map[string]any{"attributes": map[string]any{"part": map[string]string{"source": "part"}}, "primaryKey": "part", "dimensionType": "classification"},
				"administrative": map[string]any{"attributes": map[string]any{"ansvar": map[string]string{"source": "ansvar"}}, "primaryKey": "ansvar", "dimensionType": "classification", "classificationType": "administrative"},
				"functional":     map[string]any{"attributes": map[string]any{"funksjon": map[string]string{"source": "funksjon"}}, "primaryKey": "funksjon", "dimensionType": "classification", "classificationType": "functional"},
				"economic":       map[string]any{"attributes": map[string]any{"art": map[string]string{"source": "art"}}, "primaryKey": "art", "dimensionType": "classification", "classificationType": "economic"},
			},
		},
	}
	if p.Version != "" {
		dp["description"] = "Budsjettversjon: " + p.Version
	}
	js, err := json.MarshalIndent(dp, "", "  ")
	if err != nil {
		return nil, err
	}
	files["datapackage.json"] = append(js, '\n')
	files["README.md"] = []byte(readme(p))
	return files, nil
}

func readme(p Package) string {
	return fmt.Sprintf(`# Helsebudsjett %d – åpne data

Utgiver: %s. Lisens: Norsk lisens for offentlige data (NLOD) 2.0,
https://data.norge.no/nlod/no/2.0 – fri gjenbruk med kildehenvisning.

Pakken er en Fiscal Data Package (Frictionless data package, datapackage.json).
CSV-filene er UTF-8, kommaseparert (RFC 4180). Koder (ansvar, funksjon, art)
er tekst, så ledende nuller beholdes. Beløp er kroner med to desimaler og
punktum som desimaltegn.

- data/budsjettlinjer.csv: det vedtatte budsjettets linjer, per del (drift/investering).
- data/koblede-belop.csv: beløp helsebudsjettet kobler til hvert tiltak, per budsjettlinje.
- data/tiltak.csv: tiltakene med status og beløp per år.
- data/indikatorverdier.csv: likestillingsindikatorenes verdier per område og
  periode, prikket etter småtallsregelen: en prikket verdi står tom, med
  merket «:» og en merknad. Antall bak verdiene publiseres ikke.

Ikke publisert: interne notater, vurderinger og verdier under småtallsgrensen.
`, p.Year, p.Municipality)
}
