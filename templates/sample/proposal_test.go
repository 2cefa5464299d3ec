package sample

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// TestProposal checks the proposal against the adopted 2027 budget with
// the comparison budget compare uses: it balances, and the council's
// changes are exactly the ones the sample's README lists.
func TestProposal(t *testing.T) {
	c := budget.NewComparer(budget.ByArtGroup)
	var sum int64
	for _, p := range proposal() {
		l := &budget.Line{Ansvar: p.r.ansvar, Funksjon: funksjonOf(p.r.tjeneste), Tjeneste: p.r.tjeneste,
			Art: artOf(p.r.konto), Konto: p.r.konto, Prosjekt: p.r.prosjekt}
		c.From(l, p.ore)
		sum += p.ore
	}
	for _, r := range sampleRows() {
		if r.amt[kB27] == 0 {
			continue
		}
		c.To(&budget.Line{Ansvar: r.ansvar, Funksjon: funksjonOf(r.tjeneste), Tjeneste: r.tjeneste,
			Art: artOf(r.konto), Konto: r.konto, Prosjekt: r.prosjekt}, r.amt[kB27])
	}
	got, err := c.Result(func(a, b string) bool { return a < b })
	if err != nil {
		t.Fatal(err)
	}
	if sum != 0 || got.Total.From != 0 || got.Total.To != 0 || got.Total.Change != 0 {
		t.Errorf("the proposal sums to %d, the comparison to %+v; both budgets must balance", sum, got.Total)
	}
	// Changed: helsestasjon, administrasjon and the fund line.
	if got.Total.Added != 1 || got.Total.Removed != 1 || got.Total.Changed != 3 {
		t.Errorf("added %d, removed %d, changed %d; want 1, 1, 3", got.Total.Added, got.Total.Removed, got.Total.Changed)
	}
	for _, r := range got.Rows {
		if r.Group == budget.GroupKjop && (r.Change != -councilConsultants*100 || r.Removed != 1) {
			t.Errorf("kjøp: %+v, want the struck consultancy line of %d kr", r, councilConsultants)
		}
	}
}
