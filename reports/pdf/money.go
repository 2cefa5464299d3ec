package pdf

import "strconv"

// NBSP is the non-breaking space that groups digits and binds "kr" to its
// amount, so a line never breaks inside an amount.
const NBSP = "\u00a0"

// Kroner writes øre as whole kroner the Norwegian way, "1 234 567 kr" with
// non-breaking spaces, rounding half away from zero.
func Kroner(ore int64) string {
	neg := ore < 0
	u := uint64(ore)
	if neg {
		u = uint64(-(ore + 1)) + 1 // safe for math.MinInt64
	}
	kr := (u + 50) / 100
	if neg && kr != 0 {
		return "-" + group(strconv.FormatUint(kr, 10)) + NBSP + "kr"
	}
	return group(strconv.FormatUint(kr, 10)) + NBSP + "kr"
}

// KronerOre writes øre as kroner with two decimals, "1 234 567,50 kr".
func KronerOre(ore int64) string {
	neg := ore < 0
	u := uint64(ore)
	if neg {
		u = uint64(-(ore + 1)) + 1
	}
	s := group(strconv.FormatUint(u/100, 10)) + "," + pad2(u%100) + NBSP + "kr"
	if neg {
		return "-" + s
	}
	return s
}

// Amount writes øre as Kroner when it is whole kroner, else as KronerOre.
// A column of amounts should use one form for all its cells: see Whole.
func Amount(ore int64, whole bool) string {
	if whole {
		return Kroner(ore)
	}
	return KronerOre(ore)
}

// Whole reports whether every amount is whole kroner, so a column of them
// can be written without decimals and still add up exactly.
func Whole(ores ...int64) bool {
	for _, o := range ores {
		if o%100 != 0 {
			return false
		}
	}
	return true
}

func pad2(n uint64) string {
	if n < 10 {
		return "0" + strconv.FormatUint(n, 10)
	}
	return strconv.FormatUint(n, 10)
}

// group puts a non-breaking space between groups of three digits.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	out := make([]byte, 0, len(digits)+len(digits)/3*2)
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, NBSP...)
		}
		out = append(out, digits[i])
	}
	return string(out)
}
