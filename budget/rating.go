package budget

import (
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

// GradeTotals is the money of a budget by grade, in øre, with Unrated for
// lines no rating covers.
type GradeTotals map[Grade]int64

// Add counts a line's amount under its grade (Unrated when r is nil).
func (g GradeTotals) Add(r *Rating, ore int64) {
	if r == nil {
		g[Unrated] += ore
		return
	}
	g[r.Grade] += ore
}
