package indicators

import "strings"

// County is a county (fylke) as statistics name it, with its SSB code. Counties
// were merged in 2018-2020 and split again in 2024, so both the current
// ones and the earlier ones appear in published series.
type County struct {
	Code, Name string
}

// Counties lists the counties that appear in published series: the current
// ones (2024-), those of 2020-2023 and those before 2018-2020, by code.
var Counties = []County{
	{"03", "Oslo"}, {"11", "Rogaland"}, {"15", "Møre og Romsdal"}, {"18", "Nordland"},
	{"31", "Østfold"}, {"32", "Akershus"}, {"33", "Buskerud"}, {"34", "Innlandet"},
	{"39", "Vestfold"}, {"40", "Telemark"}, {"42", "Agder"}, {"46", "Vestland"},
	{"50", "Trøndelag"}, {"55", "Troms"}, {"56", "Finnmark"},
	// 2020-2023
	{"30", "Viken"}, {"38", "Vestfold og Telemark"}, {"54", "Troms og Finnmark"},
	// before 2018-2020
	{"01", "Østfold"}, {"02", "Akershus"}, {"04", "Hedmark"}, {"05", "Oppland"},
	{"06", "Buskerud"}, {"07", "Vestfold"}, {"08", "Telemark"}, {"09", "Aust-Agder"},
	{"10", "Vest-Agder"}, {"12", "Hordaland"}, {"14", "Sogn og Fjordane"},
	{"16", "Sør-Trøndelag"}, {"17", "Nord-Trøndelag"}, {"19", "Troms"}, {"20", "Finnmark"},
}

// landNames are the names statistics give the whole country.
var landNames = map[string]bool{"helelandet": true, "landet": true, "norge": true, "heilelandet": true, "noreg": true, "landetisin": true}

// fylkeNames is the NormName of every county name but Oslo, which is also a
// kommune and so tells nothing by its name alone.
var fylkeNames = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range Counties {
		if f.Code != "03" {
			m[NormName(f.Name)] = true
		}
	}
	return m
}()

// ReferenceLevel says whether an area given by code and name (either may
// be empty) is a reference geography, and which: "0", "00" or a name such
// as "Hele landet" is Land; a 2-digit code or a county name ("Telemark",
// "Vestfold og Telemark", "Telemark fylke") is Fylke. A 4-digit or longer
// code is never a reference geography, whatever the name says, so kommune
// 0301 Oslo stays a kommune.
func ReferenceLevel(code, name string) (Level, bool) {
	code = strings.TrimSpace(strings.Map(spaceToSpace, code))
	switch {
	case code == "0" || code == "00":
		return Land, true
	case len(code) == 2 && isDigits(code):
		return Fylke, true
	case code != "":
		return "", false
	}
	n := NormName(name)
	switch {
	case landNames[n]:
		return Land, true
	case fylkeNames[n], fylkeNames[strings.TrimSuffix(n, "fylke")], fylkeNames[strings.TrimSuffix(n, "fylkeskommune")]:
		return Fylke, true
	}
	return "", false
}

// LevelOfCode returns the level an SSB-style numeric code implies: "0" and
// "00" Land, 2 digits Fylke, 4 Kommune, 6 Bydel, 8 or 10 Delbydel; false for
// anything else (a local zone code says nothing by its length).
func LevelOfCode(code string) (Level, bool) {
	if !isDigits(code) {
		return "", false
	}
	switch len(code) {
	case 1:
		if code == "0" {
			return Land, true
		}
	case 2:
		if code == "00" {
			return Land, true
		}
		return Fylke, true
	case 4:
		return Kommune, true
	case 6:
		return Bydel, true
	case 8, 10:
		return Delbydel, true
	}
	return "", false
}

// ParseLevel reads a level as area files write it, in English or
// Norwegian: land/hele landet/nasjon, fylke, kommune, bydel, delbydel,
// sone/levekårssone/grunnkrets.
func ParseLevel(s string) (Level, bool) {
	switch NormName(s) {
	case "land", "helelandet", "nasjon", "nasjonalt", "country", "nation":
		return Land, true
	case "fylke", "county":
		return Fylke, true
	case "kommune", "kommuner", "municipality":
		return Kommune, true
	case "bydel", "bydeler", "district", "citydistrict":
		return Bydel, true
	case "delbydel", "delbydeler", "subdistrict":
		return Delbydel, true
	case "sone", "levekarssone", "levekarsone", "zone", "grunnkrets", "skolekrets", "skolekretser", "levekarssoner", "soner":
		return Sone, true
	}
	return "", false
}
