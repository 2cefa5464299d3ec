package sample

// An activity is what one ansvar of a unit does: a tjeneste, a gross size
// for 2026 in thousand kroner, a cost profile, and optionally a prosjekt and
// the years it runs. Activity i of a unit has ansvar AnsvarFrom + 10*i, so a
// unit has at most ten.
type activity struct {
	tjeneste string
	size     int64 // thousand kroner, 2026 gross expense
	prof     profile
	prosjekt string
	from, to int   // first and last year with money; 0 = unbounded
	growth   int64 // real change per plan year 2028-2030, per mille
}

type unitDef struct {
	Unit
	acts []activity
}

// Sectors, as the budget document groups units.
const (
	secSentral  = "Sentraladministrasjon og fellestjenester"
	secOppvekst = "Oppvekst"
	secHelse    = "Helse og velferd"
	secSamfunn  = "Samfunn og kultur"
	secBydel    = "Bydeler"
	secFinans   = "Sentrale inntekter og finans"
)

// The health-equity measures new in the 2027 budget, and a youth summer job
// scheme that ended in 2026; they make the two sample files differ in lines.
const (
	prosjOmradeloft  = "71001"
	prosjLevekar     = "71002"
	prosjFritidskort = "71003"
	prosjKjernetid   = "71004"
	prosjJobbsjansen = "71005"
	prosjSommerjobb  = "60021"
)

// finansFrom is the first ansvar of the finance unit, whose lines finance
// the budget and close it; their amounts are computed, not drawn from a
// profile (see finance.go).
const finansFrom = "9000"

// units lists every unit in ascending ansvar order.
var units = buildUnits()

var centralUnits = []unitDef{
	{Unit{"politikk", "Politisk styring og kontroll", secSentral, "", "1000", "1099"}, []activity{
		{tjeneste: "10000", size: 11500, prof: pPolitisk},
		{tjeneste: "11000", size: 4600, prof: pKjop},
	}},
	{Unit{"kommunedirektor", "Kommunedirektøren", secSentral, "", "1100", "1199"}, []activity{
		{tjeneste: "12000", size: 23800, prof: pAdm},
		{tjeneste: "18000", size: 9200, prof: pFelles},
	}},
	{Unit{"okonomi-hr", "Økonomi, HR og digitalisering", secSentral, "", "1200", "1299"}, []activity{
		{tjeneste: "12010", size: 29400, prof: pAdm},
		{tjeneste: "12020", size: 15300, prof: pAdm},
		{tjeneste: "12030", size: 43700, prof: pIKT, growth: 10},
	}},
	{Unit{"eiendom", "Kommunale eiendommer", secSentral, "", "1400", "1499"}, []activity{
		{tjeneste: "12100", size: 18100, prof: pAdm},
		{tjeneste: "13000", size: 16400, prof: pBygg},
		{tjeneste: "22100", size: 30700, prof: pBygg, growth: -10},
		{tjeneste: "22200", size: 96200, prof: pBygg},
		{tjeneste: "26100", size: 52900, prof: pBygg, growth: 15},
		{tjeneste: "26500", size: 38300, prof: pBolig},
		{tjeneste: "38100", size: 14200, prof: pBygg},
		{tjeneste: "38600", size: 12100, prof: pBygg},
	}},
	{Unit{"oppvekst-felles", "Oppvekst stab og fellestjenester", secOppvekst, "", "2000", "2099"}, []activity{
		{tjeneste: "20210", size: 25600, prof: pService},
		{tjeneste: "20220", size: 31900, prof: pService},
		{tjeneste: "21100", size: 32400, prof: pService},
		{tjeneste: "22300", size: 14300, prof: pSkyss},
		{tjeneste: "20110", size: 181500, prof: pPrivatBhg, growth: -15},
		{tjeneste: "20120", size: 4500, prof: pKjernetid, prosjekt: prosjKjernetid, from: 2027},
	}},
	{Unit{"fjordvik-skole", "Fjordvik skole", secOppvekst, Number + "01", "2100", "2199"}, []activity{
		{tjeneste: "20200", size: 88400, prof: pSkole, growth: -10},
		{tjeneste: "21500", size: 16200, prof: pSFO, growth: -10},
	}},
	{Unit{"nordbyen-skole", "Nordbyen skole", secOppvekst, Number + "02", "2200", "2299"}, []activity{
		{tjeneste: "20200", size: 76100, prof: pSkole, growth: -5},
		{tjeneste: "21500", size: 13900, prof: pSFO, growth: -5},
	}},
	{Unit{"fjordvik-ungdomsskole", "Fjordvik ungdomsskole", secOppvekst, "", "2300", "2399"}, []activity{
		{tjeneste: "20200", size: 95300, prof: pSkole},
	}},
	{Unit{"barnevern", "Barnevern, fosterhjem og institusjon", secOppvekst, "", "2500", "2599"}, []activity{
		{tjeneste: "25100", size: 42600, prof: pFosterhjm},
		{tjeneste: "25200", size: 35100, prof: pInstBv, growth: -20},
	}},
	{Unit{"voksenopplaering", "Fjordvik voksenopplæring og introsenter", secOppvekst, "", "2600", "2699"}, []activity{
		{tjeneste: "21300", size: 24200, prof: pSkole},
		{tjeneste: "27500", size: 36800, prof: pIntro, growth: -30},
	}},
	{Unit{"legetjenester", "Legetjenester og legevakt", secHelse, "", "3100", "3199"}, []activity{
		{tjeneste: "24100", size: 26300, prof: pLege, growth: 10},
		{tjeneste: "24110", size: 14100, prof: pLegevakt},
	}},
	{Unit{"psykisk-helse-rus", "Psykisk helse og rus", secHelse, "", "3200", "3299"}, []activity{
		{tjeneste: "24210", size: 12400, prof: pSosialtj},
		{tjeneste: "24300", size: 18200, prof: pService},
		{tjeneste: "23400", size: 7100, prof: pDag},
	}},
	{Unit{"nav", "NAV Fjordvik (kommunal del)", secHelse, "", "3300", "3399"}, []activity{
		{tjeneste: "24200", size: 20300, prof: pSosialtj},
		{tjeneste: "27300", size: 9100, prof: pKjop},
		{tjeneste: "27600", size: 11200, prof: pKvp},
		{tjeneste: "28300", size: 6100, prof: pSosialhjelp},
		{tjeneste: "27310", size: 3600, prof: pTiltak, prosjekt: prosjJobbsjansen, from: 2027},
		{tjeneste: "27320", size: 1300, prof: pSommerjobb, prosjekt: prosjSommerjobb, to: 2026},
	}},
	{Unit{"helse-omsorgssenter", "Fjordvik helse- og omsorgssenter", secHelse, "", "3400", "3499"}, []activity{
		{tjeneste: "25300", size: 166200, prof: pInstitusjon, growth: 25},
		{tjeneste: "25310", size: 58400, prof: pInstitusjon, growth: 30},
	}},
	{Unit{"funksjonshemmede", "Tjenester for funksjonshemmede", secHelse, "", "3500", "3599"}, []activity{
		{tjeneste: "25410", size: 110600, prof: pBofellesskp, growth: 20},
		{tjeneste: "23400", size: 16300, prof: pDag},
	}},
	{Unit{"tildeling", "Tildelingskontor og boligkontor", secHelse, "", "3600", "3699"}, []activity{
		{tjeneste: "25420", size: 9300, prof: pSosialtj},
		{tjeneste: "26510", size: 8200, prof: pBolig},
		{tjeneste: "28300", size: 5600, prof: pSosialtj},
	}},
	{Unit{"plan-naering", "Plan, næring og samfunnsutvikling", secSamfunn, "", "4000", "4099"}, []activity{
		{tjeneste: "30100", size: 11200, prof: pGebyr},
		{tjeneste: "30200", size: 9400, prof: pGebyr},
		{tjeneste: "32500", size: 6300, prof: pTilskudd},
		{tjeneste: "31500", size: 1500, prof: pAdm},
	}},
	{Unit{"vei-park", "Vei, park og friluftsliv", secSamfunn, "", "4200", "4299"}, []activity{
		{tjeneste: "33200", size: 42300, prof: pVei},
		{tjeneste: "33500", size: 9100, prof: pVei},
		{tjeneste: "36000", size: 3100, prof: pService},
	}},
	{Unit{"kultur", "Kultur og bibliotek", secSamfunn, "", "4300", "4399"}, []activity{
		{tjeneste: "37000", size: 13100, prof: pService},
		{tjeneste: "23100", size: 11300, prof: pService},
		{tjeneste: "37500", size: 4100, prof: pTilskudd},
		{tjeneste: "37700", size: 2600, prof: pTilskudd},
		{tjeneste: "38000", size: 5200, prof: pTilskudd},
		{tjeneste: "38500", size: 6100, prof: pTilskudd},
		{tjeneste: "23110", size: 3200, prof: pFritidskort, prosjekt: prosjFritidskort, from: 2027},
	}},
	{Unit{"kulturskole", "Fjordvik kulturskole", secSamfunn, "", "4400", "4499"}, []activity{
		{tjeneste: "38300", size: 14300, prof: pKulturskole},
	}},
}

// bydelShape scales the bydel template: pop is the population relative to
// an average bydel and dep the level of deprivation (levekår), both per
// mille. Nordbyen and Elvebakken are the exposed areas.
var bydelShape = []struct{ pop, dep int64 }{
	{1000, 1100}, {1200, 1600}, {900, 1400}, {800, 700}, {1100, 800}, {700, 600},
}

// bydelActs is the template each bydel follows; sizes are for an average
// bydel. Sizes scaled by dep follow need; the others follow population.
var bydelActs = []struct {
	activity
	byNeed bool
}{
	{activity{tjeneste: "20100", size: 62300, prof: pBarnehage, growth: -15}, false},
	{activity{tjeneste: "23200", size: 9100, prof: pHelsestasjon}, false},
	{activity{tjeneste: "23300", size: 2500, prof: pService}, true},
	{activity{tjeneste: "23100", size: 3100, prof: pService}, true},
	{activity{tjeneste: "24400", size: 14200, prof: pBarnevern}, true},
	{activity{tjeneste: "25400", size: 72400, prof: pHjemme, growth: 25}, false},
	{activity{tjeneste: "28100", size: 14100, prof: pSosialhjelp}, true},
}

// buildUnits returns the central units, then the bydel units built from
// the template (so the six stay alike in shape and differ only in size),
// then the finance unit: in ascending ansvar order.
func buildUnits() []unitDef {
	all := append([]unitDef(nil), centralUnits...)
	for i, b := range bydeler {
		from := 5100 + 100*i
		u := unitDef{Unit: Unit{
			Code:       "bydel-" + slug(b.Name),
			Name:       "Bydel " + b.Name,
			Sector:     secBydel,
			Bydel:      b.Code,
			AnsvarFrom: itoa(from),
			AnsvarTo:   itoa(from + 99),
		}}
		for _, t := range bydelActs {
			a := t.activity
			a.size = a.size * bydelShape[i].pop / 1000
			if t.byNeed {
				a.size = a.size * bydelShape[i].dep / 1000
			}
			u.acts = append(u.acts, a)
		}
		switch b.Name {
		case "Nordbyen":
			u.acts = append(u.acts, activity{tjeneste: "23310", size: 5600, prof: pTiltak, prosjekt: prosjOmradeloft, from: 2027})
		case "Elvebakken":
			u.acts = append(u.acts, activity{tjeneste: "23120", size: 3900, prof: pTiltak, prosjekt: prosjLevekar, from: 2027})
		}
		all = append(all, u)
	}
	return append(all, unitDef{Unit: Unit{"finans", "Sentrale inntekter og finans", secFinans, "", finansFrom, "9099"}})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// slug turns a Norwegian name into an ASCII file-name-safe code.
func slug(s string) string {
	var out []rune
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		case r == 'æ' || r == 'Æ':
			out = append(out, 'a', 'e')
		case r == 'ø' || r == 'Ø':
			out = append(out, 'o')
		case r == 'å' || r == 'Å':
			out = append(out, 'a', 'a')
		default:
			out = append(out, '-')
		}
	}
	return string(out)
}
