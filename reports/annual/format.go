package annual

import (
	"math"
	"regexp"
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
// with: one for percent, per 1000, years and points, none for counts and
// kroner.
func ValuePlaces(u indicators.Unit) int32 {
	if u == indicators.Count || u == indicators.Kroner {
		return 0
	}
	return 1
}

// Value writes an indicator value in its unit's precision.
func Value(d decimal.Decimal, u indicators.Unit) string { return Number(d, ValuePlaces(u)) }

// Kroner writes øre as whole kroner, "1 234 567 kr", rounded half away
// from zero, with the same minus sign (U+2212) as every other figure of
// the report.
func Kroner(ore int64) string { return minus(pdf.Kroner(ore)) }

// WholeKroner is øre rounded to whole kroner (half away from zero), the
// figure Kroner prints.
func WholeKroner(ore int64) int64 {
	if ore < 0 {
		return -((-ore + 50) / 100)
	}
	return (ore + 50) / 100
}

// KronerOf writes whole kroner as Kroner does.
func KronerOf(kr int64) string { return Kroner(kr * 100) }

// minus puts the typographic minus sign for a leading hyphen-minus.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

// DiffUnit is the unit of a difference between two values of unit u, as
// a sentence writes it: a difference between two percentages is in
// prosentpoeng, never prosent.
func DiffUnit(u indicators.Unit, lang indicators.Lang) string {
	switch u {
	case indicators.Percent:
		return "prosentpoeng"
	case indicators.Per1000:
		return "per 1000"
	case indicators.Years:
		return "år"
	case indicators.Points:
		return "poeng"
	case indicators.Kroner:
		return "kr"
	}
	return ""
}

// Diff writes a difference d between values of unit u with its unit in
// words and without a sign: "2,0 prosentpoeng".
func Diff(d decimal.Decimal, u indicators.Unit, lang indicators.Lang) string {
	s := Value(d.Abs(), u)
	if w := DiffUnit(u, lang); w != "" {
		s += pdf.NBSP + w
	}
	return s
}

// DistanceText states a distance to the target path in words, by the
// report's one sign convention (positive is better than the path):
// "mangler 2,0 prosentpoeng", "0,5 prosentpoeng bedre enn målbanen" or
// "på målbanen". The distance is judged as printed, so a distance that
// rounds to zero is on the path.
func DistanceText(d decimal.Decimal, u indicators.Unit, lang indicators.Lang) string {
	r := d.Round(ValuePlaces(u))
	switch {
	case r.IsNegative():
		return lang2(lang, "mangler ", "manglar ") + Diff(r, u, lang)
	case r.IsPositive():
		return Diff(r, u, lang) + lang2(lang, " bedre enn målbanen", " betre enn målbana")
	}
	return lang2(lang, "på målbanen", "på målbana")
}

// rangeHyphen is a hyphen between digits: a range such as 15-29 or
// 2023-2025.
var rangeHyphen = regexp.MustCompile(`(\d)-(\d)`)

// dash writes ranges with an en dash, "15–29 år", "2023–2025", as
// Norwegian typesetting does, whatever the source wrote.
func dash(s string) string { return rangeHyphen.ReplaceAllString(s, "$1–$2") }

// plural picks the singular for 1, else the plural.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

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

// UnitSuffix is the unit written after a value in a sentence: " prosent",
// " år"; "" for counts.
func UnitSuffix(u indicators.Unit, lang indicators.Lang) string {
	if u == indicators.Count || u == "" {
		return ""
	}
	return pdf.NBSP + UnitText(u, lang)
}

// lang2 picks the bokmål or nynorsk text.
func lang2(lang indicators.Lang, nb, nn string) string { return lang.Pick(nb, nn) }

// versionText names a budget version in a sentence: "revidert", in
// nynorsk "vedteke" for vedtatt.
func versionText(v budget.Version, lang indicators.Lang) string {
	if lang == indicators.Nynorsk {
		switch v {
		case budget.Vedtatt:
			return "vedteke"
		case budget.Regnskap:
			return "rekneskap"
		}
	}
	return string(v)
}
