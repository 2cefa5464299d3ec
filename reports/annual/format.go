package annual

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// Missing is how a value that is not there is written.
const Missing = "–"

// Number writes a decimal the Norwegian way: a comma for the point, a
// minus sign, and digits grouped by non-breaking spaces above 9 999.
func Number(d decimal.Decimal, places int32) string {
	return norsk(d.StringFixed(places))
}

// Float writes f with places decimals as Number does; NaN or ±Inf as
// Missing.
func Float(f float64, places int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Missing
	}
	s := strconv.FormatFloat(f, 'f', places, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // no "-0,0"
	}
	return norsk(s)
}

// FloatPtr is Float for a figure that may be missing.
func FloatPtr(f *float64, places int) string {
	if f == nil {
		return Missing
	}
	return Float(*f, places)
}

func norsk(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, hasFrac := strings.Cut(s, ".")
	if len(ip) > 4 {
		var b strings.Builder
		for i := 0; i < len(ip); i++ {
			if i > 0 && (len(ip)-i)%3 == 0 {
				b.WriteString(pdf.NBSP)
			}
			b.WriteByte(ip[i])
		}
		ip = b.String()
	}
	if hasFrac {
		ip += "," + fp
	}
	if neg {
		return "−" + ip
	}
	return ip
}

// ValuePlaces is how many decimals an indicator's values are written
// with: one for percent, per 1000, years and points, none for counts.
func ValuePlaces(u indicators.Unit) int32 {
	if u == indicators.Count {
		return 0
	}
	return 1
}

// Value writes an indicator value in its unit's precision.
func Value(d decimal.Decimal, u indicators.Unit) string { return Number(d, ValuePlaces(u)) }

// Kroner writes øre as whole kroner, "1 234 567 kr".
func Kroner(ore int64) string { return pdf.Kroner(ore) }

// Percent writes a share with one decimal and a percent sign, "12,3 %".
func Percent(d decimal.Decimal) string { return Number(d, 1) + pdf.NBSP + "%" }

// SharePercent is part over whole in percent, rounded to one decimal; ok
// is false when whole is not positive.
func SharePercent(part, whole int64) (decimal.Decimal, bool) {
	if whole <= 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromInt(part).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(whole), 1), true
}

// UnitText is the unit as a table heading writes it.
func UnitText(u indicators.Unit, lang indicators.Lang) string {
	switch u {
	case indicators.Percent:
		return lang2(lang, "prosent", "prosent")
	case indicators.Per1000:
		return "per 1000"
	case indicators.Years:
		return "år"
	case indicators.Points:
		return "poeng"
	case indicators.Count:
		return lang2(lang, "antall", "tal")
	}
	return string(u)
}

// lang2 picks the bokmål or nynorsk text.
func lang2(lang indicators.Lang, nb, nn string) string {
	if lang == indicators.Nynorsk {
		return nn
	}
	return nb
}

// versionText names a budget version in a sentence.
func versionText(v budget.Version) string { return string(v) }
