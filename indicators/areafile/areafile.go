// Package areafile reads the areas an indicator is measured in (kommune,
// bydel, delbydel, levekårssone and the reference geographies land and
// fylke) from a csv or xlsx file, with their populations per year.
//
// Two shapes are read. The friendly one, one row per area:
//
//	kode;navn;nivå;overordnet;andre navn;folketall 2024;folketall 2025
//	0;Hele landet;land;;;5550203;5594340
//	46;Vestland;fylke;0;;651299;656057
//	4699;Fjordvik kommune (fiktiv);kommune;46;Fjordvik;62410;62985
//	469901;Sentrum;bydel;4699;Fjordvik sentrum|Sentrum bydel;9870;9964
//
// Columns are found by name (bokmål, nynorsk or English, ignoring case,
// spaces and æøå spelled out): the code (kode, nr, kommunenummer,
// bydelsnummer, code) and the name (navn, område, geografi, sted, name) are
// required; nivå/level, overordnet/parent, andre navn/alias (several
// separated by "|" or ";"), rolle/role and one population column per year
// (folketall, befolkning, innbyggere or population followed by the year,
// or the bare year) are optional. The role "egen" (or "eigen", "home") marks
// the municipality's own area, its kommune (or a bydel with its own
// helsebudsjett): one row at most; other kommuner in the file are kept
// for comparison.
//
// The other is SSB's KLASS bydel code list as FHI's Kommunehelsa team
// keeps it (kommuneCode;bydelCode;parentCode;level;name;shortName;…), whose
// codes have lost their leading zero ("301", "30101"): bydelCode is the
// code, kommuneCode the parent, shortName an alias, and the "Uoppgitt"
// (…99) rows are skipped.
//
// Rules:
//   - Codes are text. A numeric code with an odd number of digits lost its
//     leading zero in a spreadsheet ("301" is 0301, "30101" is 030101) and
//     gets it back, except for zones (nivå sone), whose codes are local.
//   - Level: the nivå column, else what the code says (0/00 land, 2 digits
//     fylke, 4 kommune, 6 bydel, 8 or 10 delbydel). "Hele landet", "0",
//     "00", 2-digit codes and county names are reference geographies (land,
//     fylke) whatever the nivå column says, so "Telemark" is never taken
//     for a kommune; a row that says otherwise gets a warning.
//   - Parent: the overordnet column, else for a bydel the first four
//     digits of its code, for a delbydel the first six, and for a kommune
//     its county when the county is in the file.
//   - Blank rows, sum rows and SSB's "Uoppgitt" rows are skipped and
//     counted. A row without a code or name, a code given twice, a level
//     not understood or a population that is not a whole number is a row
//     error naming file, sheet, row, column and value; any row error means
//     the file must not be imported.
package areafile

import (
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Options tell Read how to read a file.
type Options struct {
	Name    string // file name for messages (default: base name of the path)
	Sheet   string // xlsx sheet (default: the first with data)
	MaxSize int64  // refuse larger files; 0 = tabular's default
}

// Result is what Read found. Areas are in file order; Aliases maps other
// names (as written) to area codes. Any entry in Errors means the file must
// not be imported.
type Result struct {
	File     string                `json:"file"`
	Format   string                `json:"format"`
	Sheet    string                `json:"sheet,omitempty"`
	Shape    string                `json:"shape"`          // "areas" or "ssb-klass"
	Home     string                `json:"home,omitempty"` // the code of the row whose role is "egen"
	RowsRead int                   `json:"rows_read"`
	Areas    []indicators.Geo      `json:"areas"`
	Aliases  map[string]string     `json:"aliases"`
	Skipped  map[string]int        `json:"skipped"`
	Warnings []string              `json:"warnings"`
	Errors   []budgetfile.RowError `json:"errors"`
}
