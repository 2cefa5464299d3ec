package budget

import (
	"sort"
	"strings"
)

// Grade is a rating of budget money for its effect on health equity, as
// France's budget vert rates its state budget.
type Grade string

// The grades. Unrated is not a grade one gives: it is what a line without
// a rating is counted as, never as Noytral.
const (
	Positiv Grade = "positiv"
	Noytral Grade = "nøytral"
	Negativ Grade = "negativ"
	Blandet Grade = "blandet"
	Unrated Grade = "ikke vurdert"
)

// Grades lists the grades one gives, in the order summaries show them;
// Unrated follows them.
var Grades = []Grade{Positiv, Noytral, Negativ, Blandet}

// ParseGrade reads a grade in any case, with ø or spelled "noytral",
// "nøytralt", "+"/"-" not accepted. "" is an EINVALID error too: a rating
// is an explicit choice; leave the row out (or its grade empty in the
// template) to leave the money unrated.
func ParseGrade(s string) (Grade, error) {
	switch foldWord(s) {
	case "positiv", "positivt", "gunstig":
		return Positiv, nil
	case "noytral", "noytralt":
		return Noytral, nil
	case "negativ", "negativt", "ugunstig":
		return Negativ, nil
	case "blandet", "blanda", "blandet effekt":
		return Blandet, nil
	}
	return "", Errorf(EINVALID, "unknown rating %q: use positiv, nøytral, negativ or blandet", s)
}

// Rating rates the money of one funksjon, optionally narrowed to the lines
// whose ansvar and/or art match a pattern (a code, a prefix "31*" or a
// range "010-099"; see Selector for how they compare). Reason is required:
// the rating is a choice someone made and must say why.
type Rating struct {
	Row      int      `json:"-"` // row in the source file, for messages
	Funksjon string   `json:"funksjon"`
	Ansvar   *Pattern `json:"-"`
	Art      *Pattern `json:"-"`
	Grade    Grade    `json:"grade"`
	Reason   string   `json:"reason"`
}

// AnsvarText and ArtText write the narrowing patterns, "" when none.
func (r *Rating) AnsvarText() string { return patText(r.Ansvar) }

// ArtText writes the art pattern, "" when none.
func (r *Rating) ArtText() string { return patText(r.Art) }

func patText(p *Pattern) string {
	if p == nil {
		return ""
	}
	return p.String()
}

// specificity ranks a rating: both narrowings 3, ansvar 2, art 1, none 0.
func (r *Rating) specificity() int {
	n := 0
	if r.Ansvar != nil {
		n += 2
	}
	if r.Art != nil {
		n++
	}
	return n
}

// matches reports whether the rating covers the line.
func (r *Rating) matches(l *Line) bool {
	return l.Funksjon == r.Funksjon && (r.Ansvar == nil || r.Ansvar.Match(l.Ansvar)) && (r.Art == nil || r.Art.Match(l.Art))
}

// ValidateRatings checks a set of ratings: each has a funksjon, a grade
// and a reason, and no (funksjon, ansvar, art) is rated twice. It returns
// every problem found, each an EINVALID *Error naming the row.
func ValidateRatings(rs []Rating) []*Error {
	var errs []*Error
	seen := map[string]int{}
	for i := range rs {
		r := &rs[i]
		at := "row " + itoa(r.Row) + ": funksjon " + r.Funksjon
		switch {
		case strings.TrimSpace(r.Funksjon) == "":
			errs = append(errs, Errorf(EINVALID, "row %d: a rating without a funksjon", r.Row))
			continue
		case r.Grade == "" || r.Grade == Unrated:
			errs = append(errs, Errorf(EINVALID, "%s: no rating: give positiv, nøytral, negativ or blandet, or leave the row out", at))
		case strings.TrimSpace(r.Reason) == "":
			errs = append(errs, Errorf(EINVALID, "%s is rated %s without a reason: every rating needs a short reason (Begrunnelse)", at, r.Grade))
		}
		k := r.Funksjon + "|" + r.AnsvarText() + "|" + r.ArtText()
		if j, dup := seen[k]; dup {
			errs = append(errs, Errorf(EINVALID, "%s (ansvar %q, art %q) is rated twice (also row %d): keep one", at, r.AnsvarText(), r.ArtText(), rs[j].Row))
			continue
		}
		seen[k] = i
	}
	return errs
}

// Rater finds the rating of a line. Among the ratings of the line's
// funksjon that cover it, the most specific wins: narrowed by ansvar and
// art, then by ansvar, then by art, then the funksjon alone; among equally
// specific ones, the first given. A Rater is safe for concurrent use.
type Rater struct {
	byFunksjon map[string][]*Rating // most specific first, stable
}

// NewRater indexes ratings for Rate.
func NewRater(rs []Rating) *Rater {
	rt := &Rater{byFunksjon: map[string][]*Rating{}}
	for spec := 3; spec >= 0; spec-- {
		for i := range rs {
			if rs[i].specificity() == spec {
				rt.byFunksjon[rs[i].Funksjon] = append(rt.byFunksjon[rs[i].Funksjon], &rs[i])
			}
		}
	}
	return rt
}

// Rate returns the rating of the line, or nil when it is unrated.
func (rt *Rater) Rate(l *Line) *Rating {
	for _, r := range rt.byFunksjon[l.Funksjon] {
		if r.matches(l) {
			return r
		}
	}
	return nil
}

// RatedGroup is the money of one funksjon under one rating (Rating nil:
// the funksjon's lines no rating covers): its lines, their net amount and
// their gross operating expenditure on the caller's base, in øre.
type RatedGroup struct {
	Funksjon string
	Rating   *Rating
	Lines    int
	Net      int64
	Expenses int64
}

// GradeGroup is the money of a budget under one grade (Unrated for the
// lines no rating covers).
type GradeGroup struct {
	Grade    Grade
	Lines    int
	Net      int64
	Expenses int64
}

// RatingTally rates lines with a set of ratings and totals them per
// funksjon and rating and per grade: the one arithmetic behind the rating
// sheet's template and the helsebudsjett's money by grade. Lines are never
// counted as nøytral by default: what no rating covers is Unrated.
type RatingTally struct {
	ratings []Rating
	rater   *Rater
	groups  map[ratedKey]*RatedGroup
	grades  map[Grade]*GradeGroup
}

type ratedKey struct {
	funksjon string
	rating   *Rating
}

// NewRatingTally starts a tally of lines rated with rs.
func NewRatingTally(rs []Rating) *RatingTally {
	t := &RatingTally{ratings: rs, rater: NewRater(rs), groups: map[ratedKey]*RatedGroup{}, grades: map[Grade]*GradeGroup{}}
	for _, g := range append(append([]Grade{}, Grades...), Unrated) {
		t.grades[g] = &GradeGroup{Grade: g}
	}
	return t
}

// Add rates l and counts it with its net amount and its gross expenditure
// (the caller's base decides what counts as expenditure).
func (t *RatingTally) Add(l *Line, net, expenses int64) {
	r := t.rater.Rate(l)
	g := t.grades[Unrated]
	if r != nil {
		g = t.grades[r.Grade]
	}
	g.Lines++
	g.Net += net
	g.Expenses += expenses
	k := ratedKey{l.Funksjon, r}
	row := t.groups[k]
	if row == nil {
		row = &RatedGroup{Funksjon: l.Funksjon, Rating: r}
		t.groups[k] = row
	}
	row.Lines++
	row.Net += net
	row.Expenses += expenses
}

// Groups returns the money per funksjon and rating, sorted by funksjon
// and then in the order the ratings were given, each funksjon's unrated
// money last.
func (t *RatingTally) Groups() []RatedGroup {
	pos := map[*Rating]int{}
	for i := range t.ratings {
		pos[&t.ratings[i]] = i
	}
	rank := func(g RatedGroup) int {
		if g.Rating == nil {
			return len(t.ratings)
		}
		return pos[g.Rating]
	}
	out := make([]RatedGroup, 0, len(t.groups))
	for _, g := range t.groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Funksjon != out[j].Funksjon {
			return out[i].Funksjon < out[j].Funksjon
		}
		return rank(out[i]) < rank(out[j])
	})
	return out
}

// Grades returns the money per grade in the order of Grades, Unrated
// last; every grade is present, with zeros when no line has it.
func (t *RatingTally) Grades() []GradeGroup {
	var out []GradeGroup
	for _, g := range append(append([]Grade{}, Grades...), Unrated) {
		out = append(out, *t.grades[g])
	}
	return out
}
