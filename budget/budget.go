// Package budget holds the domain of a municipal budget as the health-equity
// budget sees it: budget lines keyed on the KOSTRA chart of accounts, their
// amounts per year and version, and the datasets they were imported in.
//
// The package knows nothing of files, SQL or the command line. Importers,
// the workspace store and the CLI depend on it, never the other way round.
package budget

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Version is the stage of a budget: the executive's proposal (forslag), the
// council's adopted budget (vedtatt), a revised budget during the year
// (revidert), or the accounts after year end (regnskap).
type Version string

// The four versions, in the order a budget year passes through them.
const (
	Forslag  Version = "forslag"
	Vedtatt  Version = "vedtatt"
	Revidert Version = "revidert"
	Regnskap Version = "regnskap"
)

// Versions lists the known versions in budget-year order.
var Versions = []Version{Forslag, Vedtatt, Revidert, Regnskap}

// ParseVersion accepts a version name in bokmål or nynorsk, in any case
// ("Vedteke" and "rekneskap" are nynorsk). It returns an EINVALID error for
// anything else.
func ParseVersion(s string) (Version, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "forslag", "budsjettforslag":
		return Forslag, nil
	case "vedtatt", "vedteke", "vedtatt budsjett", "opprinnelig":
		return Vedtatt, nil
	case "revidert", "revidert budsjett", "justert":
		return Revidert, nil
	case "regnskap", "rekneskap":
		return Regnskap, nil
	}
	return "", Errorf(EINVALID, "unknown budget version %q: use forslag, vedtatt, revidert or regnskap", s)
}

// Rank orders versions as a budget year passes through them.
func (v Version) Rank() int {
	for i, w := range Versions {
		if v == w {
			return i
		}
	}
	return len(Versions)
}

// Key names one amount column of the budget: a year and a version.
type Key struct {
	Year    int     `json:"year"`
	Version Version `json:"version"`
}

func (k Key) String() string { return fmt.Sprintf("%d %s", k.Year, k.Version) }

// JoinKeys names keys for a sentence: "2026 vedtatt, 2027 forslag".
func JoinKeys(ks []Key) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = k.String()
	}
	return strings.Join(parts, ", ")
}

// Less orders keys by year, then by version rank.
func (k Key) Less(o Key) bool {
	if k.Year != o.Year {
		return k.Year < o.Year
	}
	return k.Version.Rank() < o.Version.Rank()
}

// SortKeys sorts keys by year and version.
func SortKeys(keys []Key) {
	sort.Slice(keys, func(i, j int) bool { return keys[i].Less(keys[j]) })
}

// Attribute is a named column of a budget line that is not a KOSTRA code or
// an amount: a text (ansvar_tekst), bydel, virksomhetsområde, a free
// dimension. Name is the header as it stood in the file.
type Attribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Amount is the money a line holds for one (year, version), in øre.
type Amount struct {
	Key
	Ore int64 `json:"ore"`
}

// Line is one line of a budget or accounts file.
//
// Codes are text and keep their leading zeros. Funksjon is the national
// 3-digit KOSTRA funksjon; Tjeneste is the full local service code it came
// from when the file had one (5 digits, whose first three are the funksjon).
// Art is the national 3-digit art; Konto is the full local account it came
// from (4-5 digits starting with the art). Expenses are positive and income
// negative.
type Line struct {
	Row        int         `json:"row"` // row in the source file, for messages
	Ansvar     string      `json:"ansvar,omitempty"`
	Funksjon   string      `json:"funksjon,omitempty"`
	Tjeneste   string      `json:"tjeneste,omitempty"`
	Art        string      `json:"art,omitempty"`
	Konto      string      `json:"konto,omitempty"`
	Prosjekt   string      `json:"prosjekt,omitempty"`
	Attributes []Attribute `json:"attributes,omitempty"`
	Amounts    []Amount    `json:"amounts"`
	// Part is the part of the budget of the dataset the line was read
	// from, when it was read from the workspace; importers leave it empty.
	Part Part `json:"part,omitempty"`
}

// Attr returns the value of the attribute with the given name, compared
// case-insensitively, and whether the line has it.
func (l *Line) Attr(name string) (string, bool) {
	for _, a := range l.Attributes {
		if strings.EqualFold(a.Name, name) {
			return a.Value, true
		}
	}
	return "", false
}

// Total is the sum of a dataset's amounts for one (year, version). Utgift
// and Inntekt split it by side (SideOf): Ore = Utgift + Inntekt. They are
// filled where the workspace gives them (Dataset.Totals), zero elsewhere.
type Total struct {
	Key
	Ore     int64 `json:"ore"`
	Utgift  int64 `json:"utgift_ore"`
	Inntekt int64 `json:"inntekt_ore"`
}

// Dataset is one imported file. Each import of a file with a new sha256, or
// of the same file with other Options, is a new dataset; for every (year,
// version) it holds it becomes the current one for its Part (both parts
// for Begge), and earlier datasets for that key and part stay in history.
// Options is the canonical JSON of the import options that shaped its
// lines ("" for datasets imported before they were recorded); PartReason
// says how the part was chosen.
type Dataset struct {
	ID         int64          `json:"id"`
	Source     string         `json:"source"` // file name as given
	SHA256     string         `json:"sha256"`
	Size       int64          `json:"size"`
	Format     string         `json:"format"` // xlsx, csv, kostra
	Sheet      string         `json:"sheet,omitempty"`
	Mapping    string         `json:"mapping"` // the column mapping used, as YAML
	RowsRead   int            `json:"rows_read"`
	Lines      int            `json:"lines"`
	Skipped    map[string]int `json:"skipped"`
	Warnings   int            `json:"warnings"`
	Totals     []Total        `json:"totals"`
	Current    []Key          `json:"current"` // the keys this dataset is current for
	ImportedAt time.Time      `json:"imported_at"`
	Options    string         `json:"options"`
	Part       Part           `json:"part"`
	PartReason string         `json:"part_reason"`
}

// SummaryRow is one group of a budget's totals: the group's value (a code
// such as a funksjon), how many lines it has and the sum of their amounts
// in øre.
type SummaryRow struct {
	Value string
	Lines int
	Ore   int64
}

// LatestBudget is the key of year's latest budget version among keys,
// regnskap left aside (revidert before vedtatt before forslag): the budget
// a task that exports "the budget" of a year means. None is ENOTFOUND.
func LatestBudget(keys []Key, year int) (Key, error) {
	var best *Key
	for i, k := range keys {
		if k.Year == year && k.Version != Regnskap && (best == nil || best.Version.Rank() < k.Version.Rank()) {
			best = &keys[i]
		}
	}
	if best == nil {
		return Key{}, Errorf(ENOTFOUND, "no budget for %d to export: import it with 'helsebudsjett import budget FILE'", year)
	}
	return *best, nil
}

// NoBudget is the ENOTFOUND error of a key the workspace has no budget
// for, naming the keys it has (have, in the order given), so that every
// command and page that meets it says the same.
func NoBudget(key Key, have []Key) error {
	if len(have) == 0 {
		return Errorf(ENOTFOUND, "no budget for %s: the workspace holds no budget yet; import a file first", key)
	}
	names := make([]string, len(have))
	for i, k := range have {
		names[i] = k.String()
	}
	return Errorf(ENOTFOUND, "no budget for %s: the workspace has %s", key, strings.Join(names, ", "))
}
