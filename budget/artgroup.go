package budget

// Side is whether money is an expense (utgift) or income (inntekt).
type Side string

// The two sides of a budget.
const (
	Utgift  Side = "utgift"
	Inntekt Side = "inntekt"
)

// The art groups of KOSTRA's chart of accounts that finance staff check an
// export against, in the order the ERP's own reports list them.
const (
	GroupLonn         = "lønn"                       // 010-099 lønn og sosiale utgifter
	GroupKjop         = "kjøp av varer og tjenester" // 100-399, in and in place of own production
	GroupOverforinger = "overføringer"               // 400-499 overføringsutgifter
	GroupFinans       = "finans"                     // 500-599 and 900-999: renter, avdrag, utlån, avsetninger, bruk av lån
	GroupInntekter    = "inntekter"                  // 600-899 salg, refusjoner, overføringer, skatt og rammetilskudd
	GroupNoArt        = "(uten art)"                 // a line without a readable art
)

// ArtGroups lists the groups in report order.
var ArtGroups = []string{GroupLonn, GroupKjop, GroupOverforinger, GroupFinans, GroupInntekter, GroupNoArt}

// artGroupNumber returns the art's first three digits as a number, or -1
// (artNumber's rule, shared with the gross base).
func artGroupNumber(art string) int {
	n, ok := artNumber(art)
	if !ok {
		return -1
	}
	return n
}

// ArtGroup returns the KOSTRA art group of an art (its first three
// digits), or GroupNoArt.
func ArtGroup(art string) string {
	switch n := artGroupNumber(art); {
	case n < 0:
		return GroupNoArt
	case n < 100:
		return GroupLonn
	case n < 400:
		return GroupKjop
	case n < 500:
		return GroupOverforinger
	case n < 600, n >= 900:
		return GroupFinans
	default:
		return GroupInntekter
	}
}

// SideOf returns whether an amount on a line with this art is an utgift
// or an inntekt: arts 000-599 are utgifter and 600-999 inntekter, as in
// KOSTRA; a line without a readable art goes by the sign of its amount
// (expenses are positive).
func SideOf(art string, ore int64) Side {
	switch n := artGroupNumber(art); {
	case n >= 600:
		return Inntekt
	case n >= 0:
		return Utgift
	case ore < 0:
		return Inntekt
	}
	return Utgift
}

// ArtGroupRank orders art groups as ArtGroups lists them; unknown names
// come last.
func ArtGroupRank(g string) int {
	for i, x := range ArtGroups {
		if x == g {
			return i
		}
	}
	return len(ArtGroups)
}
