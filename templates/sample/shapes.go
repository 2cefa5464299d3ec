package sample

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The sample's two files, each in the export shape of a different ERP.
const (
	// PlanFile is a Visma-like xlsx export of the økonomiplan 2027-2030.
	PlanFile = "okonomiplan-2027-2030.xlsx"
	// AccountsFile is a Unit4-like csv export of the 2026 budget and accounts.
	AccountsFile = "regnskap-2026.csv"
)

// planHeader is the header of the plan workbook; planAt is its row, below
// two title rows and a blank one that an importer must skip.
var planHeader = []string{"Ansvar", "Ansvar navn", "Tjeneste", "Tjeneste navn", "Konto",
	"Konto navn", "Prosjekt", "Bydel", "Budsjett 2027", "Økonomiplan 2028",
	"Økonomiplan 2029", "Økonomiplan 2030"}

const planAt = 4

// writePlan writes the sample's økonomiplan 2027-2030 as a Visma-like
// export: sheet "Budsjett", title rows, the header on row 4, one row per
// line with money in any plan year, and a final "Sum" row of column totals.
// Ansvar and tjeneste are numeric cells, as such exports often have them;
// konto is text, because it starts with zero ("01010"); bydel and prosjekt
// are text; empty prosjekt and bydel cells are absent.
func writePlan(w io.Writer) error {
	b, err := newBook(w, "Budsjett", Name+" – Økonomiplan 2027–2030",
		[]float64{9, 44, 10, 36, 9, 36, 10, 9, 16, 16, 16, 16})
	if err != nil {
		return err
	}
	fail := func(err error) error { _ = b.f.Close(); return err }
	titles := [][]any{
		{excelize.Cell{StyleID: b.bold, Value: Name + " – Økonomiplan 2027–2030, driftsbudsjett"}},
		{"FIKTIVE DATA. Vedtatt av kommunestyret 15.12.2026. Beløp i kroner, 2027-priser."},
	}
	for i, t := range titles {
		if err := b.row(i+1, t); err != nil {
			return fail(err)
		}
	}
	header := make([]any, len(planHeader))
	for i, h := range planHeader {
		header[i] = excelize.Cell{StyleID: b.bold, Value: h}
	}
	if err := b.row(planAt, header); err != nil {
		return fail(err)
	}
	n := planAt
	var sum [nKeys]int64
	for _, r := range sampleRows() {
		if r.zero(kB27, nKeys) {
			continue
		}
		n++
		ansvar, _ := atoi(r.ansvar)
		tjeneste, _ := atoi(r.tjeneste)
		cells := []any{ansvar, r.ansvarNavn, tjeneste, tjenester[r.tjeneste], r.konto,
			kontoer[r.konto], textOrNil(r.prosjekt), textOrNil(r.bydel)}
		for k := kB27; k < nKeys; k++ {
			cells = append(cells, b.amount(r.amt[k]))
			sum[k] += r.amt[k]
		}
		if err := b.row(n, cells); err != nil {
			return fail(err)
		}
	}
	total := []any{excelize.Cell{StyleID: b.bold, Value: "Sum"}, nil, nil, nil, nil, nil, nil, nil}
	for k := kB27; k < nKeys; k++ {
		total = append(total, b.amount(sum[k]))
	}
	if err := b.row(n+1, total); err != nil {
		return fail(err)
	}
	return b.close()
}

// textOrNil leaves empty cells out of the sheet rather than writing "".
func textOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// accountsHeader is the header of the accounts csv.
var accountsHeader = []string{"ansvar", "ansvarsnavn", "funksjon", "tjeneste", "art", "prosjekt", "bydel",
	"Vedtatt budsjett 2026", "Revidert budsjett 2026", "Regnskap 2026"}

// writeAccounts writes the sample's 2026 budget and accounts as a
// Unit4-like export: Windows-1252, ';'-separated, CRLF, the header on the
// first line, the 3-digit funksjon beside the 5-digit tjeneste it belongs
// to, the 3-digit art (so lines are summed per ansvar, tjeneste, art,
// prosjekt and bydel: the plan's tjeneste grain, not its konto grain),
// amounts as "-1 362 250,50" with a plain space between groups and always
// two decimals, and a final "Sum" line of column totals.
func writeAccounts(w io.Writer) error {
	type key struct{ ansvar, tjeneste, art, prosjekt, bydel string }
	type line struct {
		key
		navn string
		amt  [3]int64
	}
	var lines []*line
	index := map[key]*line{}
	for _, r := range sampleRows() {
		if r.zero(kV26, kA26+1) {
			continue
		}
		k := key{r.ansvar, r.tjeneste, artOf(r.konto), r.prosjekt, r.bydel}
		l := index[k]
		if l == nil {
			l = &line{key: k, navn: r.ansvarNavn}
			index[k] = l
			lines = append(lines, l)
		}
		for i := range l.amt {
			l.amt[i] += r.amt[kV26+i]
		}
	}
	slices.SortFunc(lines, func(a, b *line) int {
		return strings.Compare(a.ansvar+a.tjeneste+a.art+a.prosjekt, b.ansvar+b.tjeneste+b.art+b.prosjekt)
	})

	var buf bytes.Buffer
	c := csv.NewWriter(&buf)
	c.Comma, c.UseCRLF = ';', true
	_ = c.Write(accountsHeader) // a bytes.Buffer cannot fail; c.Error reports the rest
	var sum [3]int64
	for _, l := range lines {
		rec := []string{l.ansvar, l.navn, funksjonOf(l.tjeneste), l.tjeneste, l.art, l.prosjekt, l.bydel}
		for i, a := range l.amt {
			rec = append(rec, formatNOK(a, " ", true))
			sum[i] += a
		}
		_ = c.Write(rec)
	}
	total := []string{"Sum", "", "", "", "", "", ""}
	for _, a := range sum {
		total = append(total, formatNOK(a, " ", true))
	}
	_ = c.Write(total)
	c.Flush()
	if err := c.Error(); err != nil {
		return err
	}
	enc, err := windows1252(buf.String())
	if err != nil {
		return err
	}
	_, err = w.Write(enc)
	return err
}
