// Package sample is the FICTIONAL sample municipality, Fjordvik kommune
// (fiktiv), kommunenummer 4699, in one place: the deterministic generators
// of its files (the same code always yields the same lines and the same
// bytes), the files themselves as the module ships them (Files, generated
// into this folder), and the data the demo tells about it.
//
// It serves these uses: the sample files (see WriteTemplates,
// WriteHelsebudsjett and IndicatorFiles; tests keep the committed files
// equal to the generators' output); the municipality's units and bydeler
// as Go data for code and tests that need an organisation (Municipality);
// its areas and indicator series (Areas, Indicators); the units' tertial
// reports on their measures through 2026 (Report); and budget files of any
// size for benchmarks (WriteCSV, WriteXLSX with Spec.Lines > 0).
//
// Nothing here describes a real municipality. Kommunenummer 4699 lies in
// the Vestland county range (46xx) above its last municipality (4651
// Stryn), and county 46 only exists since 2020, so no real municipality has
// ever had it. Names of units, bydeler and people are made up.
package sample

// Name and Number identify the fictional municipality.
const (
	Name   = "Fjordvik kommune (fiktiv)"
	Number = "4699"
)

// Muni is the fictional municipality: its name, kommunenummer, bydeler and
// units.
type Muni struct {
	Name    string
	Number  string // 4-digit kommunenummer, text
	Bydeler []Bydel
	Units   []Unit
}

// Bydel is a city district. Code is the SSB-style 6-digit bydel code: the
// kommunenummer followed by two digits ("469901").
type Bydel struct {
	Code, Name string
}

// Unit is an organisational unit (virksomhet, etat) that holds money in the
// budget. Code is a stable lower-case slug ("nav", "bydel-nordbyen"), safe
// in file names. Sector groups units the way the budget document does.
// Bydel is the code of the bydel the unit serves, or "" for units that serve
// the whole municipality. The unit owns every ansvar from AnsvarFrom to
// AnsvarTo inclusive (4-digit text, compared as numbers); no two units'
// ranges overlap.
type Unit struct {
	Code, Name, Sector, Bydel string
	AnsvarFrom, AnsvarTo      string
}

// Municipality returns the fictional municipality. The slices are fresh
// copies: callers may change them.
func Municipality() Muni {
	m := Muni{Name: Name, Number: Number}
	m.Bydeler = append(m.Bydeler, bydeler...)
	for _, u := range units {
		m.Units = append(m.Units, u.Unit)
	}
	return m
}

// UnitForAnsvar returns the unit owning ansvar, and false when none does.
func UnitForAnsvar(ansvar string) (Unit, bool) {
	n, ok := atoi(ansvar)
	if !ok {
		return Unit{}, false
	}
	for _, u := range units {
		from, _ := atoi(u.AnsvarFrom)
		to, _ := atoi(u.AnsvarTo)
		if from <= n && n <= to {
			return u.Unit, true
		}
	}
	return Unit{}, false
}

// atoi parses a string of ASCII digits; it refuses signs and anything else.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// The bydeler. The names are made up.
var bydeler = []Bydel{
	{Number + "01", "Sentrum"},
	{Number + "02", "Nordbyen"},
	{Number + "03", "Elvebakken"},
	{Number + "04", "Sjøsiden"},
	{Number + "05", "Haugen"},
	{Number + "06", "Vestlia"},
}
