package areafile

import (
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// The shapes of area file Read knows.
const (
	shapeAreas = "areas"     // the friendly shape
	shapeKlass = "ssb-klass" // SSB's KLASS bydel code list
)

// columns is where each role stands in the header; -1 for absent.
type columns struct {
	shape   string
	code    int
	name    int
	level   int
	parent  int
	role    int
	aliases []int
	pops    []popColumn
}

type popColumn struct {
	col  int
	year int
}

// Header names, folded by cell.Fold.
var (
	codeNames   = set("kode", "code", "nr", "nummer", "kommunenummer", "kommunenr", "knr", "bydelsnummer", "bydelsnr", "bydelskode", "områdekode", "omradekode", "geografikode", "regionkode", "sonekode", "soneid", "id", "regionnummer")
	nameNames   = set("navn", "name", "område", "områdenavn", "geografi", "sted", "region", "bydelsnavn", "kommunenavn", "sone", "sonenavn", "bydel", "kommune")
	levelNames  = set("nivå", "niva", "level", "type", "geografinivå", "områdetype")
	parentNames = set("overordnet", "overordna", "parent", "parentcode", "forelder", "tilhører", "tilhorer", "overordnetkode", "overordnetområde")
	aliasNames  = set("andrenavn", "alias", "aliaser", "navnevarianter", "variantar", "shortname", "kortnavn", "andrenamn")
	roleNames   = set("rolle", "role", "funksjon")
	popWords    = set("folketall", "befolkning", "innbyggere", "innbyggjarar", "population", "folkemengde", "folketal", "befolkningsantall")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[cell.Fold(n)] = true
	}
	return m
}

// detect returns the columns when the row is a header: it has a code and
// a name column. The KLASS list is told by its bydelCode and kommuneCode.
func detect(cells []string) *columns {
	c := &columns{code: -1, name: -1, level: -1, parent: -1, role: -1}
	folded := make([]string, len(cells))
	for i, s := range cells {
		folded[i] = cell.Fold(s)
	}
	if klass(folded, c) {
		return c
	}
	c.shape = shapeAreas
	for i, f := range folded {
		switch {
		case f == "":
		case codeNames[f] && c.code < 0:
			c.code = i
		case levelNames[f] && c.level < 0:
			c.level = i
		case parentNames[f] && c.parent < 0:
			c.parent = i
		case roleNames[f] && c.role < 0:
			c.role = i
		case aliasNames[f]:
			c.aliases = append(c.aliases, i)
		case nameNames[f] && c.name < 0:
			c.name = i
		default:
			if y, ok := popYear(f); ok {
				c.pops = append(c.pops, popColumn{i, y})
			}
		}
	}
	if c.code < 0 || c.name < 0 {
		return nil
	}
	return c
}

func klass(folded []string, c *columns) bool {
	for i, f := range folded {
		switch f {
		case "bydelcode":
			c.code = i
		case "kommunecode":
			c.parent = i
		case "name":
			c.name = i
		case "shortname":
			c.aliases = append(c.aliases, i)
		case "level":
			c.level = i
		}
	}
	if c.code < 0 || c.name < 0 || c.parent < 0 {
		*c = columns{code: -1, name: -1, level: -1, parent: -1, role: -1}
		return false
	}
	c.shape = shapeKlass
	return true
}

// popYear reads a population column's header: a population word with a
// year ("folketall 2024", "befolkning_2024") or a bare year.
func popYear(folded string) (int, bool) {
	if len(folded) < 4 {
		return 0, false
	}
	head, tail := folded[:len(folded)-4], folded[len(folded)-4:]
	y, err := strconv.Atoi(tail)
	if err != nil || y < 1900 || y > 2200 {
		return 0, false
	}
	head = strings.TrimSuffix(head, "per0101")
	head = strings.TrimSuffix(head, "pr0101")
	return y, head == "" || popWords[head]
}
