package sample

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// AreasFile is the name of the areas file under templates/sample, and
// IndicatorDir the folder of the indicator files. Each indicator file is
// named by the id of the indicator it holds.
const (
	AreasFile    = "omrader.csv"
	IndicatorDir = "indikatorer"
)

// IndicatorFiles returns every indicator sample file (areas and
// indicators), by path relative to templates/sample.
func IndicatorFiles() (map[string][]byte, error) {
	out := map[string][]byte{AreasFile: areasCSV()}
	for _, f := range files {
		b, err := f.write()
		if err != nil {
			return nil, fmt.Errorf("sample %s: %w", f.name, err)
		}
		out[IndicatorDir+"/"+f.name] = b
	}
	return out, nil
}

// areasCSV writes the areas in the friendly shape areafile reads.
func areasCSV() []byte {
	var b bytes.Buffer
	b.WriteString("kode;navn;nivå;overordnet;andre navn")
	for y := FirstYear; y <= LastPopYear; y++ {
		fmt.Fprintf(&b, ";folketall %d", y)
	}
	b.WriteString("\n")
	aliases := map[string]string{Number: "Fjordvik", landCode: "Norge"}
	for _, a := range Areas() {
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s", a.Code, a.Name, a.Level, a.Parent, aliases[a.Code])
		for y := FirstYear; y <= LastPopYear; y++ {
			fmt.Fprintf(&b, ";%d", a.Population[y])
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// file is one sample indicator file and how it is written.
type file struct {
	name  string
	id    string
	write func() ([]byte, error)
}

// The sample files, one per indicator, in the shapes the sources publish:
// FHI statistikkbank (';', decimal comma, "Andel (prosent)"), Kommunehelsa
// and the Telemark analysts' csv (',', decimal point, kommunenummer),
// a Windows-1252 export, a wide csv with "-" for years not computed, and a
// wide xlsx with a two-row header and merged cells.
var files = []file{
	{"barn-lavinntekt.csv", "barn-lavinntekt", long("barn-lavinntekt", longStyle{sep: ';', comma: true, cols: []string{"Geografi", "Periode", "Andel (prosent)", "Antall"}})},
	{"lavinntekt.csv", "lavinntekt", long("lavinntekt", longStyle{sep: ',', code: true, cols: []string{"Kommunenummer", "Geografi", "Periode", "Andel", "Antall"}})},
	{"trangboddhet.csv", "trangboddhet", long("trangboddhet", longStyle{sep: ',', code: true, cols: []string{"Kommunenummer", "Geografi", "År", "Alder", "Innvandringsbakgrunn", "Andel"}, constant: "alle aldre"})},
	{"frafall-vgs.csv", "frafall-vgs", long("frafall-vgs", longStyle{sep: ';', comma: true, cols: []string{"Geografi", "År", "Prosent", "Antall"}})},
	{"grunnskolepoeng.csv", "grunnskolepoeng", long("grunnskolepoeng", longStyle{sep: ';', comma: true, cols: []string{"Geografi", "År", "Foreldrenes utdanningsnivå", "Verdi"}})},
	{"sysselsetting.xlsx", "sysselsetting", wideXLSX("sysselsetting")},
	{"unge-uforetrygdede.csv", "unge-uforetrygdede", long("unge-uforetrygdede", longStyle{sep: ';', comma: true, cp1252: true, cols: []string{"Geografi", "År", "Andel", "Antall"}})},
	{"sosialhjelp.csv", "sosialhjelp", long("sosialhjelp", longStyle{sep: ';', comma: true, cols: []string{"Område", "År", "Andel", "Antall"}})},
	{"levealder-utdanning.csv", "levealder-utdanning", long("levealder-utdanning", longStyle{sep: ';', comma: true, cols: []string{"Geografi", "Periode", "Utdanningsnivå", "Forventet levealder"}})},
	{"barnehage-minoritetsspraklige.csv", "barnehage-minoritetsspraklige", long("barnehage-minoritetsspraklige", longStyle{sep: ';', comma: true, cols: []string{"Geografi", "År", "Andel", "Antall"}})},
	{"trivsel-skole.csv", "trivsel-skole", long("trivsel-skole", longStyle{sep: ';', comma: true, cols: []string{"Geografi", "Skoleår", "Andel", "Antall"}})},
	{"rekreasjonsareal.csv", "rekreasjonsareal", wideCSV("rekreasjonsareal")},
}

// longStyle is how a long csv is written. cols are the headers: a
// Kommunenummer column when code is set, then the name, the period, the
// constant column (when constant is set), the dim (when the indicator has
// groups), the value and, when there are five or more, the count.
type longStyle struct {
	sep      rune
	comma    bool // decimal comma
	code     bool
	cp1252   bool
	constant string
	cols     []string
}

func long(id string, st longStyle) func() ([]byte, error) {
	return func() ([]byte, error) {
		var b strings.Builder
		sep := string(st.sep)
		b.WriteString(strings.Join(st.cols, sep) + "\r\n")
		hasCount := st.cols[len(st.cols)-1] == "Antall"
		for _, r := range Rows(id) {
			var cells []string
			if st.code {
				cells = append(cells, r.Code)
			}
			cells = append(cells, quote(r.Name, st.sep), r.Period)
			if st.constant != "" {
				cells = append(cells, st.constant)
			}
			for _, d := range r.Dims {
				cells = append(cells, d.Value)
			}
			cells = append(cells, num(r, st.comma))
			if hasCount {
				cells = append(cells, count(r))
			}
			b.WriteString(strings.Join(cells, sep) + "\r\n")
		}
		if st.cp1252 {
			return charmap.Windows1252.NewEncoder().Bytes([]byte(b.String()))
		}
		return []byte(b.String()), nil
	}
}

// quote quotes a cell holding the separator ("Fjordvik kommune (fiktiv)"
// holds none, but the writer stays correct if a name ever does).
func quote(s string, sep rune) string {
	if strings.ContainsRune(s, sep) || strings.ContainsRune(s, '"') {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

func num(r Row, comma bool) string {
	if r.Value == nil {
		return r.Marker
	}
	s := strconv.FormatFloat(*r.Value, 'f', 1, 64)
	if comma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func count(r Row) string {
	if r.Count == nil {
		return r.Marker
	}
	return strconv.Itoa(*r.Count)
}

// wideCSV writes one row per area and a column per period.
func wideCSV(id string) func() ([]byte, error) {
	return func() ([]byte, error) {
		rows := Rows(id)
		var periods []string
		seen := map[string]bool{}
		byArea := map[string]map[string]Row{}
		var areas []Row
		for _, r := range rows {
			if !seen[r.Period] {
				seen[r.Period] = true
				periods = append(periods, r.Period)
			}
			if byArea[r.Code] == nil {
				byArea[r.Code] = map[string]Row{}
				areas = append(areas, r)
			}
			byArea[r.Code][r.Period] = r
		}
		sort.Strings(periods)
		var b strings.Builder
		b.WriteString("Geografi;" + strings.Join(periods, ";") + "\n")
		for _, a := range areas {
			b.WriteString(a.Name)
			for _, p := range periods {
				b.WriteString(";" + num(byArea[a.Code][p], true))
			}
			b.WriteString("\n")
		}
		return []byte(b.String()), nil
	}
}

// dimValue returns the row's value of its one dim, or "".
func dimValue(r Row) string {
	if len(r.Dims) == 0 {
		return ""
	}
	return r.Dims[0].Value
}
