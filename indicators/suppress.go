package indicators

import (
	"encoding/json"
	"fmt"
	"sort"
)

// SuppressedMarker is how public output shows a suppressed (prikket) value.
const SuppressedMarker = ":"

// Shown is a value as an output may show it, after the small-number rule.
type Shown struct {
	Value
	// Suppressed says the figure may not be published: its count is below
	// the indicator's threshold (primary), or it hides such a figure from
	// being worked back (Secondary). In public output Value is then nil and
	// Marker ":"; in internal output Value is kept and Confidential set.
	Suppressed   bool   `json:"suppressed,omitempty"`
	Secondary    bool   `json:"secondary,omitempty"`
	Confidential bool   `json:"confidential,omitempty"`
	Note         string `json:"note,omitempty"`
}

// Suppress applies the small-number rule (prikking) to values of one
// indicator and returns them in the same order.
//
// Primary: a value whose Count is known and below ind.Threshold() is
// suppressed. Secondary: where an area's value is published and exactly
// one of its sub-areas (by Geo.Parent in areas) is suppressed for the same
// period and dims, the suppressed figure could be worked back from the
// parent's and the others' values, so one more sub-area is suppressed too:
// the one with the smallest count (unknown counts last, then by code). This
// repeats until nothing changes, since a suppressed sub-area may itself be
// a parent. Splits by dims (a total against kjønn) are not checked.
//
// public=true hides suppressed values (Value nil, Marker ":", a note);
// public=false keeps them, marked Confidential with a note, for internal
// work. Missing values stay missing either way.
func Suppress(values []Value, ind Indicator, areas []Geo, public bool) []Shown {
	out := make([]Shown, len(values))
	limit := ind.Threshold()
	for i, v := range values {
		out[i].Value = v
		if v.Value != nil && v.Count != nil && *v.Count < limit {
			out[i].Suppressed = true
		}
	}
	secondary(out, areas)
	for i := range out {
		s := &out[i]
		if !s.Suppressed {
			continue
		}
		why := fmt.Sprintf("færre enn %d", limit)
		if s.Secondary {
			why = "skjermer en annen prikket verdi"
		}
		if public {
			s.Value.Value, s.Marker, s.Value.Count = nil, SuppressedMarker, nil
			s.Note = "prikket: " + why
		} else {
			s.Confidential = true
			s.Note = "fortrolig, prikkes i offentlige utdata: " + why
		}
	}
	return out
}

// secondary marks secondary suppressions in out.
func secondary(out []Shown, areas []Geo) {
	parent := make(map[string]string, len(areas))
	for _, g := range areas {
		if g.Parent != "" {
			parent[g.Code] = g.Parent
		}
	}
	type slice struct{ period, dims string }
	type family struct {
		slice
		parent string
	}
	own := map[family]int{} // the index of the parent's own value, where it is published
	children := map[family][]int{}
	for i, s := range out {
		sl := slice{s.Period.Label, dimsKey(s.Dims)}
		if s.Value.Value != nil {
			own[family{sl, s.Area}] = i
		}
		if p, ok := parent[s.Area]; ok && s.Value.Value != nil {
			children[family{sl, p}] = append(children[family{sl, p}], i)
		}
	}
	// A fixed order, so the same values always give the same suppressions.
	fams := make([]family, 0, len(children))
	for f := range children {
		fams = append(fams, f)
	}
	sort.Slice(fams, func(i, j int) bool {
		a, b := fams[i], fams[j]
		if a.period != b.period {
			return a.period < b.period
		}
		if a.dims != b.dims {
			return a.dims < b.dims
		}
		return a.parent < b.parent
	})
	for changed := true; changed; {
		changed = false
		for _, fam := range fams {
			idx := children[fam]
			if p, ok := own[fam]; !ok || out[p].Suppressed {
				continue // no published total to work back from
			}
			var hidden, open []int
			for _, i := range idx {
				if out[i].Suppressed {
					hidden = append(hidden, i)
				} else {
					open = append(open, i)
				}
			}
			if len(hidden) != 1 || len(open) == 0 {
				continue
			}
			sort.Slice(open, func(a, b int) bool { return lessCount(out[open[a]].Value, out[open[b]].Value) })
			out[open[0]].Suppressed, out[open[0]].Secondary = true, true
			changed = true
		}
	}
}

func lessCount(a, b Value) bool {
	switch {
	case a.Count != nil && b.Count != nil && *a.Count != *b.Count:
		return *a.Count < *b.Count
	case (a.Count == nil) != (b.Count == nil):
		return a.Count != nil
	}
	return a.Area < b.Area
}

// dimsKey is a canonical text of dims, for grouping.
func dimsKey(d []Dim) string {
	if len(d) == 0 {
		return ""
	}
	s := append([]Dim(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	b, _ := json.Marshal(s)
	return string(b)
}
