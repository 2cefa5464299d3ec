package sample

// The finance unit's lines: general income, interest, depreciation's
// counter-entry, pension adjustments, and the lines that make every key sum
// to zero. Expenses are positive, income negative.

// Fixed finance lines and their 2026 size in thousand kroner.
var financeFixed = []struct {
	ansvar, tjeneste, konto string
	size                    int64
	growth                  int64 // per mille per plan year
}{
	{"9000", "80000", "87400", -28_400, 0},
	{"9000", "80000", "87500", -41_900, 20},
	{"9020", "85000", "81010", -38_600, -60},
	{"9040", "87000", "50000", 61_800, 30},
	{"9040", "87000", "51000", 88_200, 25},
	{"9040", "87000", "90000", -14_300, 0},
	{"9040", "87000", "90500", -9_600, 0},
	{"9050", "88000", "57000", 12_000, 0},
	{"9060", "17000", "09010", -24_700, 0},
	{"9060", "17100", "09020", 17_400, 0},
}

// Shares of the net expense the budgets finance by skatt and rammetilskudd,
// in ppm; the rest (about 1.5 %) is the avsetning til disposisjonsfond.
var (
	skattShare = [nKeys]int64{kV26: 512_000, kR26: 514_500, kB27: 511_000, kP28: 510_500, kP29: 510_500, kP30: 511_000}
	rammeShare = [nKeys]int64{kV26: 503_000, kR26: 503_000, kB27: 504_500, kP28: 504_000, kP29: 504_000, kP30: 503_500}
)

// finance returns the finance lines for rows, the rest of the budget.
func finance(g *rng, rows []row) []row {
	names := map[string]string{
		"9000": "Skatt og eiendomsskatt", "9010": "Rammetilskudd",
		"9020": "Integreringstilskudd", "9030": "Avskrivninger, motpost",
		"9040": "Renter og avdrag", "9050": "Avsetninger og overføringer",
		"9060": "Pensjon, premieavvik",
	}
	mk := func(ansvar, tjeneste, konto string) row {
		return row{ansvar: ansvar, ansvarNavn: "Finans – " + names[ansvar], tjeneste: tjeneste, konto: konto}
	}
	var fin []row
	for _, f := range financeFixed {
		r := mk(f.ansvar, f.tjeneste, f.konto)
		r.amt = amounts(g, f.size*thousand, 0, 0, f.growth)
		fin = append(fin, r)
	}

	// Depreciation is cost on the services and neutral on the bottom line.
	motpost := mk("9030", "86000", "99000")
	for _, r := range rows {
		if artOf(r.konto) == "590" {
			for k := range nKeys {
				motpost.amt[k] -= r.amt[k]
			}
		}
	}
	fin = append(fin, motpost)

	var net [nKeys]int64 // what skatt and rammetilskudd must cover
	for _, rs := range [][]row{rows, fin} {
		for _, r := range rs {
			for k := range nKeys {
				net[k] += r.amt[k]
			}
		}
	}
	skatt := mk("9000", "80000", "87000")
	ramme := mk("9010", "84000", "80000")
	fond := mk("9050", "88000", "54000")
	for k := range nKeys {
		if k == kA26 {
			continue
		}
		skatt.amt[k] = -roundTo(scale(net[k], skattShare[k]), thousand)
		ramme.amt[k] = -roundTo(scale(net[k], rammeShare[k]), thousand)
		fond.amt[k] = -(net[k] + skatt.amt[k] + ramme.amt[k])
	}
	// The accounts: tax came in a little above the revised budget, the
	// block grant as revised, the planned avsetning was made, and whatever
	// is left is the year's result.
	skatt.amt[kA26] = scale(skatt.amt[kR26], ppm+g.between(-5_000, 20_000))
	ramme.amt[kA26] = ramme.amt[kR26]
	fond.amt[kA26] = fond.amt[kR26]
	result := -(net[kA26] + skatt.amt[kA26] + ramme.amt[kA26] + fond.amt[kA26])
	mindre, mer := mk("9050", "88000", "58000"), mk("9050", "88000", "98000")
	if result >= 0 {
		mindre.amt[kA26] = result // a surplus closes on the expense side
	} else {
		mer.amt[kA26] = result
	}
	return append(fin, skatt, ramme, fond, mindre, mer)
}
