package budget

import (
	"math"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

var (
	hundred = decimal.NewFromInt(100)
	maxOre  = decimal.NewFromInt(math.MaxInt64)
	minOre  = decimal.NewFromInt(math.MinInt64)
)

// ToOre converts kroner to øre, rounding half away from zero. It fails with
// EINVALID when the amount does not fit in an int64 of øre (about 92
// quadrillion kroner), which no municipal budget reaches.
func ToOre(kr decimal.Decimal) (int64, error) {
	ore := kr.Mul(hundred).Round(0)
	if ore.GreaterThan(maxOre) || ore.LessThan(minOre) {
		return 0, Errorf(EINVALID, "amount %s kr is too large", kr.String())
	}
	return ore.IntPart(), nil
}

// FromOre converts øre to kroner.
func FromOre(ore int64) decimal.Decimal { return decimal.New(ore, -2) }

// FormatOre writes øre as a decimal string in kroner with two decimals and a
// point, "-1362250.00": the form machine-readable output uses.
func FormatOre(ore int64) string { return FromOre(ore).StringFixed(2) }

// SumOre adds øre exactly and reports overflow instead of wrapping.
func SumOre(a, b int64) (int64, bool) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return 0, false
	}
	return s, true
}

// BigSum accumulates øre without overflow, for totals over untrusted files.
type BigSum struct{ v big.Int }

// Add adds ore to the sum.
func (s *BigSum) Add(ore int64) {
	var b big.Int
	s.v.Add(&s.v, b.SetInt64(ore))
}

// Ore returns the sum and whether it fits in an int64.
func (s *BigSum) Ore() (int64, bool) {
	if !s.v.IsInt64() {
		return 0, false
	}
	return s.v.Int64(), true
}

// FormatKroner writes øre the way Norwegian finance staff read amounts:
// space-grouped kroner and comma decimals, "-1 362 250,00".
func FormatKroner(ore int64) string {
	s := FormatOre(ore) // "-1362250.00"
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, dec, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	b.WriteByte(',')
	b.WriteString(dec)
	return b.String()
}
