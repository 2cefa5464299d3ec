package budget

// SpendingKeys picks, among keys (the keys with a current budget), what a
// measure's spending in year is compared with: the year's revidert budget
// when there is one, else vedtatt, else the zero Key; and whether the year
// has regnskap (the accounts, imported as a budget version).
func SpendingKeys(keys []Key, year int) (budgetKey Key, hasAccounts bool) {
	for _, k := range keys {
		switch {
		case k.Year != year:
		case k.Version == Revidert, k.Version == Vedtatt && budgetKey.Version != Revidert:
			budgetKey = k
		case k.Version == Regnskap:
			hasAccounts = true
		}
	}
	return budgetKey, hasAccounts
}

// Spending returns, for each measure of ms that runs in year (in the order
// of ms), its money in the year: what its budgetLinks count (the links of
// the measures to the lines of budgetKey, as SpendingKeys picks it; the
// zero Key when the year has no budget) next to what its accountLinks
// count (to the year's regnskap; hasAccounts false when there is none),
// with the number of lines linked in each, and the unit's latest report of
// spending among reports (the year's latest reports sorted by period, as
// SortReports does: a later term replaces an earlier one). Each amount is the sum of its
// links' CountedOre, each already rounded to the øre, so the amount equals
// the sum of the parts a workbook lists. Links of measures not in ms or
// not running in year are left out. An amount beyond an int64 of øre is
// EINVALID.
func Spending(ms []Measure, year int, budgetKey Key, budgetLinks []Link, hasAccounts bool, accountLinks []Link, reports []MeasureReport) ([]MeasureSpending, error) {
	var out []MeasureSpending
	index := map[string]int{}
	for _, m := range ms {
		if !m.ActiveIn(year) {
			continue
		}
		index[m.Nr] = len(out)
		out = append(out, MeasureSpending{Measure: m.Nr, Name: m.Name, Reporting: m.Reporting, Year: year,
			Budget: budgetKey, HasAccounts: hasAccounts})
	}
	add := func(links []Link, key Key, count func(s *MeasureSpending, ore int64) bool) error {
		for _, l := range links {
			i, ok := index[l.Measure]
			if ok && !count(&out[i], l.CountedOre) {
				return Errorf(EINVALID, "the amount of measure %s in %s is too large", l.Measure, key)
			}
		}
		return nil
	}
	err := add(budgetLinks, budgetKey, func(s *MeasureSpending, ore int64) (ok bool) {
		s.BudgetLines++
		s.BudgetOre, ok = SumOre(s.BudgetOre, ore)
		return ok
	})
	if err != nil {
		return nil, err
	}
	err = add(accountLinks, Key{Year: year, Version: Regnskap}, func(s *MeasureSpending, ore int64) (ok bool) {
		s.AccountLines++
		s.AccountsOre, ok = SumOre(s.AccountsOre, ore)
		return ok
	})
	if err != nil {
		return nil, err
	}
	for _, r := range reports {
		if i, ok := index[r.Measure]; ok && r.SpentGiven {
			out[i].Reported = &r
		}
	}
	return out, nil
}
