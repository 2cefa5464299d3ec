package budget

// LinkCheck is what CheckLinks found when it matched measures against
// every current budget.
type LinkCheck struct {
	Keys []Key `json:"keys"` // the keys checked, in order
	// Picked counts, per measure Nr, the lines it picks in each key where
	// it is active; a measure absent picks nothing anywhere.
	Picked map[string]map[Key]int `json:"-"`
	// Overcounts are lines counted more than 100 %, at most
	// MaxOvercounts of them; OvercountCount counts them all.
	Overcounts     []Overcount `json:"overcounts"`
	OvercountCount int         `json:"overcount_count"`
}

// MaxOvercounts bounds the overcounts a LinkCheck keeps in full.
const MaxOvercounts = 100

// EachLine gives the lines of key's current budget to fn, as a store's
// Lines does, and returns fn's first error or its own.
type EachLine func(key Key, fn func(*Line) error) error

// CheckLinks matches ms, which need not be stored, against the current
// budget of each of keys, reading each key's lines once through lines (and
// none for a key whose year no measure runs in). It returns the lines each
// measure picks and the lines counted more than 100 %. No keys give an
// empty LinkCheck. Errors are lines'.
func CheckLinks(ms []Measure, keys []Key, lines EachLine) (*LinkCheck, error) {
	res := &LinkCheck{Keys: keys, Picked: map[string]map[Key]int{}, Overcounts: []Overcount{}}
	for _, key := range keys {
		lk := NewLinker(ms, key.Year)
		if lk.Measures() == 0 {
			continue
		}
		var picked []*Measure
		err := lines(key, func(l *Line) error {
			picked = lk.Match(l, picked[:0])
			for _, m := range picked {
				pm := res.Picked[m.Nr]
				if pm == nil {
					pm = map[Key]int{}
					res.Picked[m.Nr] = pm
				}
				pm[key]++
			}
			if o, bad := CheckShares(key, l, picked); bad {
				res.OvercountCount++
				if len(res.Overcounts) < MaxOvercounts {
					res.Overcounts = append(res.Overcounts, o)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}
