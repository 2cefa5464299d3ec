package workbook_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/internal/wording"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
)

// assertWording checks the text of every cell of the workbook's sheets
// (as a reader sees it) with the documents' wording rules: no software
// words, en dashes in ranges, prosentpoeng for differences of percentages,
// one minus sign, singular and plural; and that no number format shows
// three decimals, which a reader can take for a group of thousands.
// userTexts are the municipality's own texts (measure, unit and area
// names, rating reasons), written in the language the municipality wrote
// them in: they are taken out of the text before the nynorsk check.
func assertWording(t *testing.T, data []byte, lang string, userTexts ...string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range workbook.Sheets {
		if sheet == workbook.SheetLines {
			continue // the budget file's own texts, as finance staff wrote them
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range rows {
			for _, c := range r {
				for _, u := range userTexts {
					c = strings.ReplaceAll(c, u, "")
				}
				text.WriteString(c)
				text.WriteString("\n")
			}
		}
		wording.Assert(t, sheet, text.String(), lang)
		for _, bad := range []string{"arket ", "arbeidsområde", "linje ×"} {
			if strings.Contains(strings.ToLower(text.String()), bad) {
				t.Errorf("%s: %q in a cell", sheet, bad)
			}
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/styles.xml")
	if err != nil {
		t.Fatal(err)
	}
	styles, _ := io.ReadAll(rc)
	rc.Close()
	for _, m := range regexp.MustCompile(`formatCode="([^"]*)"`).FindAllStringSubmatch(string(styles), -1) {
		code := strings.ReplaceAll(m[1], "&quot;", `"`)
		if regexp.MustCompile(`\.[0#]{3}`).MatchString(code) {
			t.Errorf("number format %s shows three decimals", code)
		}
		if strings.Contains(code, ";") && !strings.Contains(code, "−") {
			t.Errorf("number format %s: negative numbers without the minus sign U+2212", code)
		}
	}
}

func TestWrite_Wording(t *testing.T) {
	db := fixture(t)
	addSampleValues(t, db)
	for _, lang := range []indicators.Lang{indicators.Bokmal, indicators.Nynorsk} {
		t.Run(string(lang), func(t *testing.T) {
			data, _ := export(t, db, workbook.Options{Lang: lang})
			assertWording(t, data, string(lang), userTexts(t, db)...)
		})
	}
}

// userTexts are the workspace's texts that the municipality wrote, longest
// first so a name is taken out before a shorter one inside it.
func userTexts(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	ms, err := db.Measures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		out = append(out, m.Name, m.Description)
	}
	us, err := db.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		out = append(out, u.Name)
	}
	rs, err := db.Ratings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		out = append(out, r.Reason)
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range geos {
		out = append(out, g.Name)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}
