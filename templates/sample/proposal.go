package sample

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// ProposalFile is the kommunedirektør's proposal for the 2027 budget, in the
// Visma-like shape of PlanFile: the lines the council then changed into the
// adopted budget 2027 (PlanFile's first year).
const ProposalFile = "budsjettforslag-2027.xlsx"

// The council's changes to the proposal, in kroner: what `budget compare`
// finds between the two files. The avsetning til disposisjonsfond takes up
// the difference, so the proposal balances too.
const (
	councilHelsestasjon = 2_400_000 // more to the first lønn line of funksjon 232 (helsestasjon)
	councilCutAdmin     = -850_000  // less to the first line of funksjon 120 (administrasjon)
	councilConsultants  = 650_000   // a consultancy line in the proposal the council struck out
)

// proposalRow is one line of the proposal: a plan row's codes and its 2027
// amount.
type proposalRow struct {
	r   row
	ore int64
}

// proposal derives the proposal from the adopted 2027 budget by undoing
// the council's changes: the helsestasjon and administration lines had
// their proposed amounts, the first line of funksjon 233 (annet
// forebyggende helsearbeid) did not exist (the council added it), a
// consultancy line did (the council struck it), and the avsetning til
// disposisjonsfond (konto 54000) balanced the rest.
func proposal() []proposalRow {
	key := func(r row) string { return r.ansvar + "|" + r.tjeneste + "|" + r.konto + "|" + r.prosjekt }
	exists := map[string]bool{}
	for _, r := range sampleRows() {
		exists[key(r)] = true
	}
	var out []proposalRow
	var diff int64 // proposal − adopted, outside the fund line
	fund := -1
	doneHelse, doneAdmin, doneNew := false, false, false
	for _, r := range sampleRows() {
		var extra *proposalRow // a line the council struck, beside this one
		if r.amt[kB27] == 0 {
			continue
		}
		ore := r.amt[kB27]
		switch {
		case !doneHelse && funksjonOf(r.tjeneste) == "232" && artOf(r.konto) == "010":
			doneHelse = true
			ore -= councilHelsestasjon * 100
		case !doneAdmin && funksjonOf(r.tjeneste) == "120":
			doneAdmin = true
			ore -= councilCutAdmin * 100
			for _, konto := range []string{"27000", "12000", "13000", "20000"} {
				c := r
				c.konto = konto
				if !exists[key(c)] {
					extra = &proposalRow{r: c, ore: councilConsultants * 100}
					break
				}
			}
		case !doneNew && funksjonOf(r.tjeneste) == "233":
			doneNew = true
			diff -= ore
			continue
		case r.konto == "54000":
			fund = len(out)
		}
		diff += ore - r.amt[kB27]
		out = append(out, proposalRow{r: r, ore: ore})
		if extra != nil {
			diff += extra.ore
			out = append(out, *extra)
		}
	}
	if fund >= 0 {
		out[fund].ore -= diff
	}
	return out
}

// writeProposal writes the proposal as the plan is written: sheet
// "Budsjett", title rows, the header on row 4 with one amount column
// ("Budsjett 2027", imported with --version forslag) and a "Sum" row.
func writeProposal(w io.Writer) error {
	b, err := newBook(w, "Budsjett", Name+" – Budsjettforslag 2027",
		[]float64{9, 44, 10, 36, 9, 36, 10, 9, 16})
	if err != nil {
		return err
	}
	fail := func(err error) error { _ = b.f.Close(); return err }
	titles := [][]any{
		{excelize.Cell{StyleID: b.bold, Value: Name + " – Kommunedirektørens forslag til budsjett 2027, driftsbudsjett"}},
		{"FIKTIVE DATA. Lagt fram 5.11.2026. Beløp i kroner."},
	}
	for i, t := range titles {
		if err := b.row(i+1, t); err != nil {
			return fail(err)
		}
	}
	header := make([]any, 0, 9)
	for _, h := range planHeader[:9] {
		header = append(header, excelize.Cell{StyleID: b.bold, Value: h})
	}
	if err := b.row(planAt, header); err != nil {
		return fail(err)
	}
	n := planAt
	var sum int64
	for _, p := range proposal() {
		r := p.r
		n++
		ansvar, _ := atoi(r.ansvar)
		tjeneste, _ := atoi(r.tjeneste)
		cells := []any{ansvar, r.ansvarNavn, tjeneste, tjenester[r.tjeneste], r.konto,
			kontoer[r.konto], textOrNil(r.prosjekt), textOrNil(r.bydel), b.amount(p.ore)}
		sum += p.ore
		if err := b.row(n, cells); err != nil {
			return fail(err)
		}
	}
	total := []any{excelize.Cell{StyleID: b.bold, Value: "Sum"}, nil, nil, nil, nil, nil, nil, nil, b.amount(sum)}
	if err := b.row(n+1, total); err != nil {
		return fail(err)
	}
	return b.close()
}
