// Package workbook writes the helsebudsjett workbook: the Excel file
// finance staff put into the budget proposal, as Oslo puts its
// klimabudsjett into its budget. Its sheets, in Norwegian:
//
//   - Sammendrag: the budget and the money linked to equity measures, by
//     effort type, determinant and unit, the rating of the whole budget,
//     and the four years of the økonomiplan side by side;
//   - Tiltak: the measure table, numeric-effect and ordinal-effect
//     measures in separate blocks (Oslo's tables 2.2A and 2.2B);
//   - Finansiering: each unit's measures and money per year
//     (model.UnitFinancing says how money is attributed to a unit);
//   - Resultatindikatorer: each measure's måltall, the latest value and the
//     status against the target path;
//   - Budsjettlinjer: every budget line linked to a measure, so every krone
//     is traceable to its lines;
//   - Vurdering: the rating per funksjon, with reason and amounts;
//   - Bane: per target, the target path and the path the adopted measures
//     give, with the gap, as a table and a line chart.
//
// Amounts are written as numbers of kroner with two decimals, converted
// from exact øre at the single cell write; sums are formulas whose cached
// values are the exact øre sums, and the workbook asks to be recalculated
// on open. Budsjettlinjer is streamed, so a budget of a million lines
// exports in bounded memory. The same model and links give the same bytes.
package workbook

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// The sheet names, the same in bokmål and nynorsk.
const (
	SheetSummary   = "Sammendrag"
	SheetMeasures  = "Tiltak"
	SheetFinancing = "Finansiering"
	SheetResults   = "Resultatindikatorer"
	SheetLines     = "Budsjettlinjer"
	SheetRatings   = "Vurdering"
	SheetPath      = "Bane"
)

// Sheets lists the sheets in workbook order.
var Sheets = []string{SheetSummary, SheetMeasures, SheetFinancing, SheetResults, SheetLines, SheetRatings, SheetPath}

// Links streams the links of the budget's key, as sqlite.DB.EachLink
// gives them: fn is called once per link, in line order.
type Links func(fn func(budget.Link) error) error

// Options are the workbook's choices.
type Options struct {
	Lang indicators.Lang // labels in bokmål (default) or nynorsk
}

// maxRows is Excel's row limit.
const maxRows = 1 << 20

// maxOre is the largest amount written: 15 significant digits, all a cell
// number keeps exactly.
const maxOre = 999_999_999_999_999

// Write writes the workbook for b to w. links must stream the links of
// b.Key (b.Plan[0]); their counted sum must equal the model's, or the
// workspace changed between the two reads and Write fails. More linked
// lines than an Excel sheet holds is an EINVALID error.
func Write(w io.Writer, b *model.Budget, links Links, opts Options) error {
	f := excelize.NewFile()
	defer f.Close()
	wr := &writer{f: f, b: b, lang: opts.Lang}
	if err := wr.setup(); err != nil {
		return err
	}
	steps := []func() error{wr.summary, wr.measures, wr.financing, wr.results,
		func() error { return wr.lines(links) }, wr.ratings, wr.path}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	z := newZipOut(w)
	f.SetZipWriter(zipWriter(z))
	_, err := f.WriteToBuffer()
	return err
}

// writer holds what the sheets share.
type writer struct {
	f    *excelize.File
	b    *model.Budget
	lang indicators.Lang
	st   styles
	// measureRows are the rows of Tiltak that hold a measure, for the
	// formulas over Budsjettlinjer (measureFormulas).
	measureRows []int
}

// l picks the bokmål or nynorsk label.
func (wr *writer) l(nb, nn string) string {
	if wr.lang == indicators.Nynorsk && nn != "" {
		return nn
	}
	return nb
}

// setup makes the sheets, the styles and the document properties.
func (wr *writer) setup() error {
	f := wr.f
	if err := f.SetSheetName("Sheet1", Sheets[0]); err != nil {
		return err
	}
	for _, s := range Sheets[1:] {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	var err error
	if wr.st, err = newStyles(f); err != nil {
		return err
	}
	b := wr.b
	title := wr.l("Helsebudsjett ", "Helsebudsjett ") + strconv.Itoa(b.Key.Year)
	creator := b.Municipality
	if creator == "" {
		creator = "helsebudsjett"
	}
	lang := "nb-NO"
	if wr.lang == indicators.Nynorsk {
		lang = "nn-NO"
	}
	date := b.Date
	if date.IsZero() {
		date = time.Date(b.Key.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := date.UTC().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        fmt.Sprintf("%s %d (%s)", wr.l("Helsebudsjett for budsjettet", "Helsebudsjett for budsjettet"), b.Key.Year, b.Key.Version),
		Creator:        creator,
		LastModifiedBy: creator,
		Keywords:       "helsebudsjett; helseutjevning; tiltak; budsjett",
		Description:    wr.l("Helsebudsjettet: budsjettet, tiltakene for helseutjevning og indikatorene de skal bedre.", "Helsebudsjettet: budsjettet, tiltaka for helseutjamning og indikatorane dei skal betre."),
		Language:       lang,
		Category:       "Budsjett",
		Created:        stamp,
		Modified:       stamp,
		Revision:       "1",
	}); err != nil {
		return err
	}
	full := true
	return f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})
}

// kroner converts øre to the number of kroner a cell holds. Every amount
// the workbook writes goes through here: a float64 holds a number of 15
// significant digits exactly as written, and excelize writes it back in
// its shortest form, so "1234567.89" is stored as 1234567.89.
func kroner(ore int64) (float64, error) {
	if ore > maxOre || ore < -maxOre {
		return 0, budget.Errorf(budget.EINVALID, "the amount %s kr is too large for a spreadsheet cell", budget.FormatOre(ore))
	}
	return strconv.ParseFloat(budget.FormatOre(ore), 64)
}

// decimalCell converts an indicator value (not money) to a cell number.
func decimalCell(d interface{ Float64() (float64, bool) }) float64 {
	v, _ := d.Float64()
	return v
}

// yearLabel is a plan key's column header: the year, and the version when
// it differs from the budget's.
func (wr *writer) yearLabel(k budget.Key) string {
	s := strconv.Itoa(k.Year)
	if k.Version != wr.b.Key.Version {
		s += " (" + string(k.Version) + ")"
	}
	return s
}

// minus is the minus sign of every negative number the workbook shows, in
// text and in number formats alike (U+2212, not the hyphen).
const minus = "−"

// kronerText writes øre as whole kroner in text, "−1 234 567 kr", rounding
// half away from zero, with non-breaking spaces as in the number formats.
func kronerText(ore int64) string {
	d := budget.FromOre(ore).Round(0)
	digits := d.Abs().String()
	var out []byte
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, "\u00a0"...)
		}
		out = append(out, digits[i])
	}
	s := string(out) + "\u00a0kr"
	if d.IsNegative() {
		s = minus + s
	}
	return s
}
