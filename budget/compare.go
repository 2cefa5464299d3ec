package budget

import (
	"sort"
	"strings"
)

// Group fields that are not codes or attributes of a line.
const (
	ByArtGroup = "art-group" // KOSTRA's art groups (ArtGroup)
	BySide     = "side"      // utgift or inntekt (SideOf)
	ByPart     = "part"      // drift or investering
)

// GroupOf returns the value of line l's amount ore in the group field by:
// a code (ansvar, funksjon, tjeneste, art, konto, prosjekt), art-group,
// side, part, or else the attribute of that name (matched
// case-insensitively; "" when the line lacks it).
func GroupOf(l *Line, by string, ore int64) string {
	switch strings.ToLower(strings.TrimSpace(by)) {
	case "ansvar":
		return l.Ansvar
	case "funksjon":
		return l.Funksjon
	case "tjeneste":
		return l.Tjeneste
	case "art":
		return l.Art
	case "konto":
		return l.Konto
	case "prosjekt":
		return l.Prosjekt
	case ByArtGroup, "artgroup", "art-gruppe", "artsgruppe":
		return ArtGroup(l.Art)
	case BySide, "utgift/inntekt":
		return string(SideOf(l.Art, ore))
	case ByPart:
		return string(l.Part)
	}
	v, _ := l.Attr(by)
	return v
}

// GroupLess orders group values for the field by: art groups as ArtGroups
// lists them, utgift before inntekt, drift before investering, anything
// else by text (less, which the caller gives: Norwegian order).
func GroupLess(by string, less func(a, b string) bool) func(a, b string) bool {
	switch strings.ToLower(strings.TrimSpace(by)) {
	case ByArtGroup, "artgroup", "art-gruppe", "artsgruppe":
		return func(a, b string) bool { return ArtGroupRank(a) < ArtGroupRank(b) }
	case BySide, "utgift/inntekt", ByPart:
		rank := map[string]int{"utgift": 0, "inntekt": 1, "drift": 0, "investering": 1, "begge": 2}
		return func(a, b string) bool { return rank[a] < rank[b] }
	}
	return less
}

// lineID is what makes two lines of two versions the same line: its part
// and codes. Texts and other attributes may be reworded between versions
// without the line changing.
type lineID struct {
	part                                             Part
	ansvar, funksjon, tjeneste, art, konto, prosjekt string
}

// CompareRow is one group of a Comparison: the sums of the two versions in
// øre, the change (To − From), and how many of the group's lines are only
// in From (removed) or only in To (added).
type CompareRow struct {
	Group   string `json:"group"`
	From    int64  `json:"from_ore"`
	To      int64  `json:"to_ore"`
	Change  int64  `json:"change_ore"`
	Added   int    `json:"lines_added"`
	Removed int    `json:"lines_removed"`
	Changed int    `json:"lines_changed"`
}

// Comparer compares two budgets (a proposal and the adopted budget, say)
// group by group. Feed it every line of both with From and To, then ask
// for the Result. Lines are matched by part and codes: a line whose codes
// are in To only is added, in From only removed; several lines with the
// same codes count as one, with their amounts summed.
type Comparer struct {
	by   string
	from map[lineID]*side
	to   map[lineID]*side
}

type side struct {
	ore   BigSum
	group string
}

// NewComparer compares grouped by the field by (see GroupOf).
func NewComparer(by string) *Comparer {
	return &Comparer{by: by, from: map[lineID]*side{}, to: map[lineID]*side{}}
}

// From adds a line of the earlier budget with its amount ore.
func (c *Comparer) From(l *Line, ore int64) { c.add(c.from, l, ore) }

// To adds a line of the later budget with its amount ore.
func (c *Comparer) To(l *Line, ore int64) { c.add(c.to, l, ore) }

func (c *Comparer) add(m map[lineID]*side, l *Line, ore int64) {
	id := lineID{l.Part, l.Ansvar, l.Funksjon, l.Tjeneste, l.Art, l.Konto, l.Prosjekt}
	s := m[id]
	if s == nil {
		s = &side{group: GroupOf(l, c.by, ore)}
		m[id] = s
	}
	s.ore.Add(ore)
}

// Comparison is the result of a Comparer: a row per group in the order the
// caller's less gives, and the total, which is the sum of the rows.
type Comparison struct {
	By    string       `json:"by"`
	Rows  []CompareRow `json:"rows"`
	Total CompareRow   `json:"total"`
}

// Result returns the comparison, groups ordered by less. It fails with
// EINVALID when a sum does not fit in an int64 of øre.
func (c *Comparer) Result(less func(a, b string) bool) (Comparison, error) {
	rows := map[string]*CompareRow{}
	row := func(g string) *CompareRow {
		r := rows[g]
		if r == nil {
			r = &CompareRow{Group: g}
			rows[g] = r
		}
		return r
	}
	var total CompareRow
	add := func(dst *int64, s *side) error {
		v, ok := s.ore.Ore()
		if !ok {
			return Errorf(EINVALID, "the amounts of a line of group %q add up to more than an int64 of øre", s.group)
		}
		var fits bool
		if *dst, fits = SumOre(*dst, v); !fits {
			return Errorf(EINVALID, "group %q adds up to more than an int64 of øre", s.group)
		}
		return nil
	}
	for id, f := range c.from {
		r := row(f.group)
		if err := add(&r.From, f); err != nil {
			return Comparison{}, err
		}
		t, ok := c.to[id]
		switch {
		case !ok:
			r.Removed++
		case t.group != f.group:
			// The line moved group (a sign change across sides): it is
			// removed from one and added to the other.
			r.Removed++
			row(t.group).Added++
		default:
			a, _ := f.ore.Ore()
			b, _ := t.ore.Ore()
			if a != b {
				r.Changed++
			}
		}
	}
	for id, t := range c.to {
		r := row(t.group)
		if err := add(&r.To, t); err != nil {
			return Comparison{}, err
		}
		if _, ok := c.from[id]; !ok {
			r.Added++
		}
	}
	out := Comparison{By: c.by, Rows: make([]CompareRow, 0, len(rows))}
	for _, r := range rows {
		r.Change = r.To - r.From
		out.Rows = append(out.Rows, *r)
	}
	sort.Slice(out.Rows, func(i, j int) bool {
		a, b := out.Rows[i].Group, out.Rows[j].Group
		if less(a, b) != less(b, a) {
			return less(a, b)
		}
		return a < b
	})
	for _, r := range out.Rows {
		var ok1, ok2 bool
		total.From, ok1 = SumOre(total.From, r.From)
		total.To, ok2 = SumOre(total.To, r.To)
		if !ok1 || !ok2 {
			return Comparison{}, Errorf(EINVALID, "the budgets add up to more than an int64 of øre")
		}
		total.Added += r.Added
		total.Removed += r.Removed
		total.Changed += r.Changed
	}
	total.Group = "Sum"
	total.Change = total.To - total.From
	out.Total = total
	return out, nil
}
