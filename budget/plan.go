package budget

// PlanYears is how many years an økonomiplan covers: the budget year and
// the three after it.
const PlanYears = 4

// PlanKeys picks from have (the keys a workspace holds) the budgets of the
// økonomiplan that starts in year: for each of the PlanYears years that
// has one, the version prefer where the year has it, else vedtatt, else
// forslag, else revidert. Regnskap is taken only when prefer is regnskap.
// Years without a budget are left out; the keys come in year order.
func PlanKeys(have []Key, year int, prefer Version) []Key {
	set := make(map[Key]bool, len(have))
	for _, k := range have {
		set[k] = true
	}
	var out []Key
	for y := year; y < year+PlanYears; y++ {
		for _, v := range []Version{prefer, Vedtatt, Forslag, Revidert} {
			if k := (Key{Year: y, Version: v}); set[k] {
				out = append(out, k)
				break
			}
		}
	}
	return out
}
