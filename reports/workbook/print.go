package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// a4 is the paper size code of A4 in SpreadsheetML.
const a4 = 9

// landscapeWidth is the width, in characters, above which a sheet prints
// on A4 landscape rather than portrait.
const landscapeWidth = 90

// printSetup makes a sheet print as an appendix: A4, landscape when its
// columns are wider than landscapeWidth characters, scaled to the page's
// width (as many pages down as it needs), header rows from..to (0: none)
// repeated on every page, narrow margins, and a footer with the
// workbook's title, the sheet and "Side x av y". It must be called before
// a sheet is streamed (the stream writer copies the settings).
func (wr *writer) printSetup(sheet string, width float64, from, to int) error {
	f := wr.f
	orientation := "portrait"
	if width > landscapeWidth {
		orientation = "landscape"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(a4), Orientation: ptr(orientation),
		FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.6),
		Bottom: ptr(0.6), Header: ptr(0.25), Footer: ptr(0.25)}); err != nil {
		return err
	}
	page := wr.l("Side &P av &N", "Side &P av &N")
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L" + footerText(wr.docTitle()) + "&C" + footerText(sheet) + "&R" + page,
	}); err != nil {
		return err
	}
	if from == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, from, to)})
}

// docTitle is the workbook's title in headers and footers.
func (wr *writer) docTitle() string {
	t := wr.l("Helsebudsjett ", "Helsebudsjett ") + strconv.Itoa(wr.b.Key.Year)
	if wr.b.Municipality != "" {
		t += " – " + wr.b.Municipality
	}
	return t
}

// footerText escapes text for a header or footer, where "&" starts a code.
func footerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }
