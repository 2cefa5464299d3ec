package letters

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

func kroner(ore int64) string { return Kroner(ore) }

// unitSuffix is what follows a value of the unit, with a non-breaking
// space.
func unitSuffix(u indicators.Unit) string {
	switch u {
	case indicators.Percent:
		return pdf.NBSP + "%"
	case indicators.Per1000:
		return pdf.NBSP + "‰"
	case indicators.Years:
		return pdf.NBSP + "år"
	case indicators.Points:
		return pdf.NBSP + "poeng"
	case indicators.Kroner:
		return pdf.NBSP + "kr"
	}
	return ""
}

// formatDecimal writes d with a decimal comma and places decimals (the
// value as given when places < 0).
func formatDecimal(d decimal.Decimal, places int32) string {
	s := d.String()
	if places >= 0 {
		s = d.StringFixed(places)
	}
	return strings.Replace(s, ".", ",", 1)
}

func value(d decimal.Decimal, u indicators.Unit, places int32) *indicatorValue {
	return &indicatorValue{Exact: d.String(), Text: formatDecimal(d, places) + unitSuffix(u)}
}

// placesOf is the number of decimals d is written with, at least 1.
func placesOf(d decimal.Decimal) int32 {
	if e := -d.Exponent(); e > 1 {
		return min(e, 3)
	}
	return 1
}

// targetText writes a måltall, "92 % i 2030".
func targetText(t budget.MeasureTarget, u indicators.Unit, in string) string {
	return formatDecimal(t.Value, -1) + unitSuffix(u) + " " + in + " " + strconv.Itoa(t.Year)
}

// versionWords names a budget version in the letter's language.
func versionWords(v budget.Version, lang indicators.Lang) string {
	nn := lang == indicators.Nynorsk
	switch v {
	case budget.Forslag:
		if nn {
			return "framlegg til budsjett"
		}
		return "forslag til budsjett"
	case budget.Revidert:
		return "revidert budsjett"
	}
	if nn {
		return "vedteke budsjett"
	}
	return "vedtatt budsjett"
}

// sourceWords says where the amounts come from: "vedtatt budsjett 2027 og
// økonomiplan 2028–2030".
func sourceWords(keys []budget.Key, year int, lang indicators.Lang) string {
	lb := labelsFor(lang)
	if len(keys) == 0 {
		return ""
	}
	var parts []string
	rest := keys
	if keys[0].Year == year {
		parts = append(parts, versionWords(keys[0].Version, lang)+" "+strconv.Itoa(year))
		rest = keys[1:]
	}
	switch len(rest) {
	case 0:
	case 1:
		parts = append(parts, lb.Plan+" "+strconv.Itoa(rest[0].Year))
	default:
		parts = append(parts, lb.Plan+" "+strconv.Itoa(rest[0].Year)+"–"+strconv.Itoa(rest[len(rest)-1].Year))
	}
	return joinWords(parts, lb.And)
}

// movedNote says why a deadline moved: "flyttet fra søndag 28.02.2027",
// "flyttet fra 17.05.2027 (17. mai)".
func movedNote(d *wheel.Due, lang indicators.Lang) string {
	if d == nil || !d.Moved() {
		return ""
	}
	lb := labelsFor(lang)
	from := d.MovedFrom.In(wheel.Oslo())
	var s string
	if h := wheel.Holiday(from); h != "" {
		s = lb.MovedFrom + " " + wheel.FormatDate(from) + " (" + h + ")"
	} else {
		s = lb.MovedFrom + " " + wheel.WeekdayName(from.Weekday()) + " " + wheel.FormatDate(from)
	}
	if lang == indicators.Nynorsk {
		s = nnWords.Replace(s)
	}
	return s
}

// dateText writes a date as the letter's header does, "04.01.2027".
func dateText(t time.Time) string { return wheel.FormatDate(t) }

// periodText writes a period's label with an en dash in a range of
// years: "2023–2025", "2024–2025".
func periodText(label string) string { return dashRange.ReplaceAllString(label, "$1–$2") }

var dashRange = regexp.MustCompile(`(\d)-(\d)`)

// pointsWord names a difference between two values of the unit: between
// two percentages it is prosentpoeng, never prosent.
func pointsWord(u indicators.Unit) string {
	switch u {
	case indicators.Percent:
		return "prosentpoeng"
	case indicators.Per1000:
		return "promillepoeng"
	case indicators.Years:
		return "år"
	case indicators.Points:
		return "poeng"
	}
	return ""
}

// distanceWords says how far a value is from its path, dist being signed
// by the indicator's direction (positive better): "mangler 3,1
// prosentpoeng", "1,2 prosentpoeng bedre enn målbanen", "på målbanen".
// It never writes a bare signed number.
func distanceWords(dist decimal.Decimal, u indicators.Unit, places int32, lang indicators.Lang) string {
	lb := labelsFor(lang)
	if dist.IsZero() {
		return lb.OnPath
	}
	amount := formatDecimal(dist.Abs(), places)
	if w := pointsWord(u); w != "" {
		amount += pdf.NBSP + w
	}
	if dist.IsNegative() {
		return lb.Lacks + " " + amount
	}
	return amount + " " + lb.BetterThanPath
}

// Kroner writes øre as the letters do: whole kroner, "1 234 567 kr", with
// the minus sign (U+2212) the
// letters use for every negative number.
func Kroner(ore int64) string {
	s := pdf.Kroner(ore)
	if strings.HasPrefix(s, "-") {
		s = "−" + s[1:]
	}
	return s
}

// wholeKroner rounds øre to whole kroner, half away from zero, as
// pdf.Kroner prints them.
func wholeKroner(ore int64) int64 {
	if ore < 0 {
		return -((-ore + 50) / 100)
	}
	return (ore + 50) / 100
}
