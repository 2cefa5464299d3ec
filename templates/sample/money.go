package sample

// Amounts are int64 øre throughout; these helpers do the only arithmetic
// the generator needs, rounding half away from zero like budget.ToOre.

const (
	krone    = 100          // øre
	thousand = 1000 * krone // one thousand kroner, in øre
	million  = 1000 * thousand
	ppm      = 1_000_000 // scale factors are in parts per million
)

// roundTo rounds ore to a multiple of unit.
func roundTo(ore, unit int64) int64 {
	q, r := ore/unit, ore%unit
	switch {
	case 2*r >= unit:
		q++
	case 2*r <= -unit:
		q--
	}
	return q * unit
}

// scale returns ore * f / 1e6, rounded to whole øre. The products stay far
// below the int64 range: the largest line is a few billion kroner (4e11
// øre) and factors are near 1e6.
func scale(ore, f int64) int64 { return roundTo(ore*f, ppm) / ppm }

// A style is how a budget line's amounts are rounded. Budgets are mostly
// set in thousands; some lines are computed to the krone, a few to the øre.
type style int

const (
	inThousands style = iota
	inKroner
	withOre // whole kroner and 50 øre, so øre handling gets exercised
)

func (s style) round(ore int64) int64 {
	switch s {
	case inKroner:
		return roundTo(ore, krone)
	case withOre:
		k := roundTo(ore, krone)
		if ore < 0 {
			return k - 50
		}
		return k + 50
	}
	return roundTo(ore, thousand)
}
