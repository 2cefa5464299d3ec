package sample

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
)

// The helsebudsjett files of the sample municipality, committed in
// templates/sample beside its budget files: its units, its measures
// (tiltak) linked to the 2027-2030 budget, and a rating of every funksjon
// of its 2027 budget. All FICTIONAL, like the rest of the sample.
const (
	UnitsFile    = "enheter.csv"
	MeasuresFile = "tiltak.csv"
	RatingsFile  = "vurdering.csv"
)

// HelsebudsjettFiles lists the files WriteHelsebudsjett writes, in the
// order they are imported: units before the measures that name them.
func HelsebudsjettFiles() []string { return []string{UnitsFile, MeasuresFile, RatingsFile} }

// WriteHelsebudsjett writes the sample's units, measures and ratings into
// dir, as measurefile reads them. `go test ./templates/sample -run
// TestHelsebudsjettUpToDate -update` rewrites templates/sample.
func WriteHelsebudsjett(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	writers := map[string]func(io.Writer) error{
		UnitsFile:    func(w io.Writer) error { return measurefile.WriteUnitsCSV(w, Units()) },
		MeasuresFile: func(w io.Writer) error { return measurefile.WriteMeasuresCSV(w, Measures()) },
		RatingsFile:  func(w io.Writer) error { return measurefile.WriteRatingsCSV(w, Ratings(), FunksjonNames()) },
	}
	for _, name := range HelsebudsjettFiles() {
		var buf bytes.Buffer
		// A title row says the data are made up; readers find the header below it.
		fmt.Fprintf(&buf, "FIKTIVE DATA – %s: %s\n", Name, titles[name])
		if err := writers[name](&buf); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

var titles = map[string]string{
	UnitsFile:    "enheter (units)",
	MeasuresFile: "tiltak i helsebudsjettet 2027-2030 (measures)",
	RatingsFile:  "vurdering av budsjettet 2027 (ratings)",
}

// leaders are the made-up leaders of the units, by unit code: name and
// title. Units not listed have a virksomhetsleder named after the pattern
// below.
var leaders = map[string][2]string{
	"politikk":              {"Kari Fjellheim", "ordfører"},
	"kommunedirektor":       {"Per Olav Strand", "kommunedirektør"},
	"okonomi-hr":            {"Ingrid Nesje", "økonomisjef"},
	"eiendom":               {"Tor Bakke", "eiendomssjef"},
	"oppvekst-felles":       {"Hanne Lid", "kommunalsjef oppvekst"},
	"fjordvik-skole":        {"Mona Sande", "rektor"},
	"nordbyen-skole":        {"Ali Haugland", "rektor"},
	"fjordvik-ungdomsskole": {"Eirik Vik", "rektor"},
	"barnevern":             {"Silje Myklebust", "barnevernleder"},
	"voksenopplaering":      {"Fatima Rød", "rektor"},
	"legetjenester":         {"Jon Aase", "kommuneoverlege"},
	"psykisk-helse-rus":     {"Lene Hjelle", "virksomhetsleder"},
	"nav":                   {"Sindre Tveit", "NAV-leder"},
	"helse-omsorgssenter":   {"Randi Eide", "virksomhetsleder"},
	"funksjonshemmede":      {"Bjørn Øvrebø", "virksomhetsleder"},
	"tildeling":             {"Anne Berg", "leder tildelingskontoret"},
	"plan-naering":          {"Geir Sæle", "plan- og næringssjef"},
	"vei-park":              {"Odd Nygård", "virksomhetsleder"},
	"kultur":                {"Marit Dale", "kultursjef"},
	"kulturskole":           {"Nora Holm", "rektor"},
	"finans":                {"Ingrid Nesje", "økonomisjef"},
}

// Units returns the sample's organisation: a sektor unit for each sector of
// the budget document, then every unit of Municipality with its ansvar
// range, the bydel it serves, and a made-up leader and address. Bydel units
// are of kind bydel, the others virksomhet.
func Units() []budget.Unit {
	m := Municipality()
	var out []budget.Unit
	seen := map[string]bool{}
	for _, u := range m.Units {
		code := "sektor-" + slug(u.Sector)
		if !seen[code] {
			seen[code] = true
			out = append(out, budget.Unit{Code: code, Name: u.Sector, Kind: budget.Sektor,
				Leader: "Per Olav Strand", LeaderTitle: "kommunedirektør", Address: "Rådhusgata 1, 4699 Fjordvik"})
		}
	}
	bydelName := map[string]string{}
	for _, b := range m.Bydeler {
		bydelName[b.Code] = b.Name
	}
	for i, u := range m.Units {
		bu := budget.Unit{Code: u.Code, Name: u.Name, Kind: budget.Virksomhet, Parent: "sektor-" + slug(u.Sector),
			Ansvar: []budget.CodeRange{{From: u.AnsvarFrom, To: u.AnsvarTo}}, Bydel: u.Bydel,
			Address: fmt.Sprintf("Fjordvikveien %d, 4699 Fjordvik", 10+2*i)}
		if u.Sector == secBydel {
			bu.Kind = budget.BydelUnit
			bu.Leader, bu.LeaderTitle = bydelLeaders[bydelName[u.Bydel]], "bydelsdirektør"
			bu.Address = "Bydelshuset " + bydelName[u.Bydel] + ", 4699 Fjordvik"
		} else if l, ok := leaders[u.Code]; ok {
			bu.Leader, bu.LeaderTitle = l[0], l[1]
		}
		if u.Code == "politikk" || u.Code == "kommunedirektor" || u.Code == "finans" {
			bu.Address = "Rådhusgata 1, 4699 Fjordvik"
		}
		out = append(out, bu)
	}
	return out
}

var bydelLeaders = map[string]string{
	"Sentrum": "Liv Hammer", "Nordbyen": "Yusuf Ahmadi", "Elvebakken": "Trine Solheim",
	"Sjøsiden": "Hans Kvamme", "Haugen": "Guro Lunde", "Vestlia": "Arne Brekke",
}

// measureRows are the sample's measures as the Tiltak sheet's cells:
// Nr, Tiltak, Beskrivelse, Ansvarlig, Innsatstype, Påvirkningsfaktor,
// Indikatorer, Måltall, Effekt, Budsjettkobling, Andel, Område, Start,
// Slutt, Status. Every link picks lines of the sample budget 2027-2030,
// and no line is counted more than 100 %.
var measureRows = [][15]string{
	{"1", "Gratis kjernetid i barnehage", "20 timer gratis kjernetid per uke og redusert foreldrebetaling for alle barn 1-5 år i familier med lav inntekt.",
		"oppvekst-felles", "universell", "oppvekst", "barnehage-minoritetsspraklige, barn-lavinntekt", "barnehage-minoritetsspraklige=92@2030",
		"barnehage-minoritetsspraklige=4@2030", "prosjekt=71004", "", "", "2027", "", "vedtatt"},
	{"2", "Språkløft i barnehagene", "Språkveiledere og kartlegging av norskferdigheter i alle kommunale barnehager.",
		"bydel-nordbyen, bydel-elvebakken, oppvekst-felles*", "universell", "oppvekst", "barnehage-minoritetsspraklige, grunnskolepoeng", "grunnskolepoeng=41@2030",
		"grunnskolepoeng=0,5@2030", "tjeneste=20100", "5", "", "2027", "", "vedtatt"},
	{"3", "Styrket tilbud til førskolebarn", "Tidlig innsats for barn med særlige behov før skolestart.",
		"oppvekst-felles", "målrettet", "oppvekst", "grunnskolepoeng", "", "middels", "tjeneste=21100", "50", "", "", "", "igangsatt"},
	{"4", "Tidlig innsats i PP-tjenesten", "Flere PP-rådgivere ute i skolene, tiltak før vedtak om spesialundervisning.",
		"oppvekst-felles", "målrettet", "utdanning", "frafall-vgs, grunnskolepoeng", "frafall-vgs=12@2030",
		"frafall-vgs=-1@2030", "tjeneste=20220", "30", "", "", "", "igangsatt"},
	{"5", "Leksehjelp og skolemåltid på Nordbyen skole", "Gratis skolemåltid og leksehjelp etter skoletid for alle elever ved skolen.",
		"nordbyen-skole", "områderettet", "utdanning", "grunnskolepoeng, trivsel-skole", "grunnskolepoeng=40@2030;trivsel-skole=88@2030",
		"grunnskolepoeng=1,5@2030", "ansvar=2200", "5", "469902", "2027", "", "vedtatt"},
	{"6", "Områdeløft Nordbyen", "Områdeløft med nærmiljøtiltak, møteplasser og medvirkning i bydelens mest utsatte delområder (2027-2030).",
		"bydel-nordbyen*, vei-park", "områderettet", "nærmiljø", "rekreasjonsareal, trangboddhet", "rekreasjonsareal=95@2030",
		"middels", "prosjekt=71001", "", "469902", "2027", "2030", "vedtatt"},
	{"7", "Levekårsløft Elvebakken", "Bydelsteam for familier med lav inntekt: bolig, arbeid og fritid samordnet.",
		"bydel-elvebakken", "områderettet", "inntekt", "sosialhjelp, barn-lavinntekt", "sosialhjelp=4@2030",
		"sosialhjelp=-0,5@2030", "prosjekt=71002", "", "469903", "2027", "2030", "vedtatt"},
	{"8", "Fritidskortet", "Fritidskort for alle barn og unge 6-18 år, med ekstra tilskudd til familier med lav inntekt.",
		"kultur", "universell", "sosial deltakelse", "fritidsaktivitet", "fritidsaktivitet=85@2030", "middels", "prosjekt=71003", "", "", "2027", "", "vedtatt"},
	{"9", "Losordning for ungdom", "Loser følger opp ungdom som står i fare for å falle ut av skole og arbeid, i fritidsklubbene i to bydeler.",
		"bydel-nordbyen*, bydel-elvebakken", "målrettet", "utdanning", "frafall-vgs, unge-utenfor", "frafall-vgs=11@2030",
		"frafall-vgs=-0,5@2030", "tjeneste=23100;bydel=469902|tjeneste=23100;bydel=469903", "40", "469902, 469903", "2027", "", "vedtatt"},
	{"10", "Helsestasjon for ungdom", "Lavterskel helsestasjon for ungdom 13-20 år i alle bydeler, med kveldsåpent.",
		"bydel-sentrum*, bydel-nordbyen, bydel-elvebakken, bydel-sjosiden, bydel-haugen, bydel-vestlia", "universell", "helse", "psykiske-plager, trivsel-skole", "", "lav",
		"funksjon=232", "10", "", "", "", "igangsatt"},
	{"11", "Familieveiledere", "Familieveiledere i barneverntjenesten gir foreldrestøtte tidlig, før tiltak etter barnevernsloven.",
		"bydel-nordbyen*, bydel-elvebakken", "målrettet", "oppvekst", "barn-lavinntekt", "", "middels",
		"funksjon=244;bydel=469902|funksjon=244;bydel=469903", "15", "469902, 469903", "", "", "igangsatt"},
	{"12", "NAV ungdomsteam og Jobbsjansen", "Jobbsjansen og et eget ungdomsteam i NAV for unge 16-29 år utenfor arbeid og utdanning.",
		"nav", "målrettet", "arbeid", "unge-utenfor, sysselsetting", "unge-utenfor=7@2030",
		"unge-utenfor=-1@2030", "prosjekt=71005", "", "", "2027", "", "vedtatt"},
	{"13", "Kvalifiseringsprogrammet", "Helårig program med arbeidsrettede tiltak og kvalifiseringsstønad for dem som står langt fra arbeid.",
		"nav", "målrettet", "arbeid", "sysselsetting, sosialhjelp", "sysselsetting=78@2030", "sysselsetting=0,5@2030", "tjeneste=27600", "", "", "", "", "igangsatt"},
	{"14", "Introduksjonsprogrammet med arbeidsretting", "Introduksjonsprogram for nyankomne flyktninger med språkpraksis hos arbeidsgivere.",
		"voksenopplaering", "målrettet", "arbeid", "sysselsetting", "", "lav", "tjeneste=27500", "", "", "", "", "igangsatt"},
	{"15", "Grunnskole for voksne", "Grunnskoleopplæring for voksne som mangler den, som vei til videregående og arbeid.",
		"voksenopplaering", "målrettet", "utdanning", "sysselsetting", "", "lav", "tjeneste=21300", "50", "", "", "", "igangsatt"},
	{"16", "Boliger for vanskeligstilte og startlån", "Kommunale utleieboliger, bistand til å etablere seg i egen bolig og startlån til familier med barn.",
		"tildeling*, nav, eiendom", "målrettet", "bolig", "trangboddhet, bostotte", "trangboddhet=16@2030",
		"trangboddhet=-1@2030", "tjeneste=26510|tjeneste=28300", "", "", "", "", "igangsatt"},
	{"17", "Friplasser i kulturskolen", "Friplasser og søskenmoderasjon så barn fra familier med lav inntekt får gå i kulturskolen.",
		"kulturskole", "universell", "sosial deltakelse", "fritidsaktivitet", "", "lav", "ansvar=4400-4499", "10", "", "2027", "", "vedtatt"},
	{"18", "Nærmiljøparker i Nordbyen og Elvebakken", "Opprusting av parker, lekeplasser og byrom i de to bydelene med minst rekreasjonsareal.",
		"vei-park", "områderettet", "nærmiljø", "rekreasjonsareal", "rekreasjonsareal=95@2030", "rekreasjonsareal=3@2030", "tjeneste=33500", "30", "469902, 469903", "2027", "2030", "vedtatt"},
	{"19", "Lavterskel psykisk helsehjelp", "Rask psykisk helsehjelp uten henvisning for barn, unge og voksne.",
		"psykisk-helse-rus", "universell", "helse", "psykiske-plager", "", "middels", "funksjon=242;ansvar=32*", "50", "", "", "", "igangsatt"},
	{"20", "Forebyggende helsearbeid i utsatte bydeler", "Frisklivssentral, kurs og oppsøkende helsearbeid i Nordbyen og Elvebakken.",
		"bydel-nordbyen, bydel-elvebakken*", "områderettet", "helse", "levealder-utdanning", "", "lav",
		"tjeneste=23300;bydel=469902|tjeneste=23300;bydel=469903", "", "469902, 469903", "", "", "igangsatt"},
}

// Measures returns the sample's measures, parsed as the measures file
// reads them.
func Measures() []budget.Measure {
	out := make([]budget.Measure, 0, len(measureRows))
	for _, r := range measureRows {
		m, err := parseMeasureRow(r)
		if err != nil {
			panic(fmt.Sprintf("sample measure %s: %v", r[0], err)) // a mistake in the table; the tests catch it
		}
		m.NameNN = measureNamesNN[m.Nr]
		out = append(out, m)
	}
	return out
}

// measureNamesNN are the sample measures' names in nynorsk (the column
// Tiltak (nynorsk)), for the nynorsk letters; a measure without one is
// named in bokmål there too.
var measureNamesNN = map[string]string{
	"2": "Språkløft i barnehagane", "3": "Styrkt tilbod til førskulebarn", "4": "Tidleg innsats i PP-tenesta",
	"5": "Leksehjelp og skulemåltid på Nordbyen skole", "11": "Familierettleiarar",
	"15": "Grunnskule for vaksne", "16": "Bustader for vanskelegstilte og startlån", "17": "Friplassar i kulturskulen",
	"18": "Nærmiljøparkar i Nordbyen og Elvebakken", "19": "Lågterskel psykisk helsehjelp",
	"20": "Førebyggjande helsearbeid i utsette bydelar",
}

func parseMeasureRow(r [15]string) (budget.Measure, error) {
	m := budget.Measure{Nr: r[0], Name: r[1], Description: r[2], Determinant: r[5],
		Indicators: budget.SplitList(r[6]), Areas: budget.SplitList(r[11])}
	var err error
	if m.Responsible, m.Reporting, err = budget.ParseResponsible(r[3]); err != nil {
		return m, err
	}
	if m.Effort, err = budget.ParseEffort(r[4]); err != nil {
		return m, err
	}
	if m.Targets, err = budget.ParseTargets(r[7]); err != nil {
		return m, err
	}
	if m.Effect, err = budget.ParseEffect(r[8]); err != nil {
		return m, err
	}
	if m.Selector, err = budget.ParseSelector(r[9]); err != nil {
		return m, err
	}
	if m.Share, err = budget.ParseShare(r[10]); err != nil {
		return m, err
	}
	for i, dst := range []*int{&m.Start, &m.End} {
		if s := r[12+i]; s != "" {
			if *dst, err = budget.ParseYear(s); err != nil {
				return m, err
			}
		}
	}
	if m.Status, err = budget.ParseStatus(r[14]); err != nil {
		return m, err
	}
	m.Normalize()
	return m, nil
}

// ratingOf rates each funksjon of the sample's 2027 budget; the reasons are
// the kind a finance officer and the public-health coordinator would
// agree on.
var ratingOf = map[string][2]string{
	"100": {"nøytral", "Politisk styring; ingen direkte virkning på fordelingen av helse."},
	"110": {"nøytral", "Kontroll og revisjon; ingen direkte virkning."},
	"120": {"nøytral", "Administrasjon; ingen direkte virkning."},
	"121": {"nøytral", "Forvaltning av eiendom; ingen direkte virkning."},
	"130": {"nøytral", "Administrasjonslokaler; ingen direkte virkning."},
	"170": {"nøytral", "Premieavvik er en regnskapsteknisk post."},
	"171": {"nøytral", "Amortisering av premieavvik er en regnskapsteknisk post."},
	"180": {"nøytral", "Fellesutgifter; ingen direkte virkning."},
	"201": {"positiv", "Barnehage av god kvalitet for alle utjevner forskjeller i språk og skolestart."},
	"202": {"positiv", "Grunnskolen er den viktigste universelle utjevneren av livssjanser."},
	"211": {"positiv", "Tidlig innsats for førskolebarn med særlige behov."},
	"213": {"positiv", "Voksenopplæring gir grunnskole til dem som mangler den."},
	"215": {"blandet", "SFO gir aktivitet og omsorg, men foreldrebetaling stenger ute barn fra familier med lav inntekt."},
	"221": {"nøytral", "Barnehagelokaler; virkning gjennom tjenesten, ikke bygget."},
	"222": {"nøytral", "Skolelokaler; virkning gjennom tjenesten, ikke bygget."},
	"223": {"positiv", "Skyss gir lik tilgang til skole uavhengig av bosted."},
	"231": {"positiv", "Fritidsklubber og ungdomstilbud når ungdom som ellers faller utenfor."},
	"232": {"positiv", "Helsestasjon og skolehelsetjeneste når alle barn og fanger opp behov tidlig."},
	"233": {"positiv", "Forebyggende helsearbeid, rettet mot bydeler med levekårsutfordringer."},
	"234": {"positiv", "Dagaktivitet og frivilligsentral motvirker ensomhet."},
	"241": {"positiv", "Fastlege og legevakt gir lik tilgang til helsehjelp."},
	"242": {"positiv", "Råd og veiledning i sosialtjenesten og psykisk helse, mest brukt av dem med minst ressurser."},
	"243": {"positiv", "Rustjenester til en gruppe med store helseutfordringer."},
	"244": {"positiv", "Barneverntjenesten beskytter utsatte barn."},
	"251": {"positiv", "Fosterhjem gir utsatte barn en trygg oppvekst."},
	"252": {"blandet", "Institusjonsplasser er nødvendige, men dyre og med usikre resultater."},
	"253": {"nøytral", "Langtidsopphold i institusjon; lik tilgang etter behov."},
	"254": {"nøytral", "Hjemmetjenester og bofellesskap tildeles etter behov, uavhengig av inntekt."},
	"261": {"nøytral", "Institusjonslokaler; ingen direkte virkning."},
	"265": {"positiv", "Kommunale boliger til vanskeligstilte bedrer bosituasjonen for de mest utsatte."},
	"273": {"positiv", "Arbeidsrettede tiltak for dem som står utenfor arbeidslivet."},
	"275": {"positiv", "Introduksjonsprogrammet gir nyankomne flyktninger språk og arbeid."},
	"276": {"positiv", "Kvalifiseringsprogrammet for dem som står lengst fra arbeid."},
	"281": {"blandet", "Sosialhjelp sikrer livsopphold, men satser under SIFO-nivå holder familier i lavinntekt."},
	"283": {"positiv", "Bistand til egen bolig for vanskeligstilte."},
	"301": {"nøytral", "Plansaksbehandling; virkning avhenger av planene."},
	"302": {"nøytral", "Byggesaksbehandling; ingen direkte virkning."},
	"315": {"positiv", "Boligetablering med startlån for familier med lav inntekt."},
	"325": {"nøytral", "Næringsutvikling; indirekte og usikker virkning."},
	"332": {"nøytral", "Kommunale veier; ingen direkte virkning."},
	"335": {"positiv", "Parker og byrom gir rekreasjon til dem som ikke har egen hage."},
	"360": {"positiv", "Friluftsliv er gratis og tilgjengelig for alle."},
	"370": {"positiv", "Biblioteket er et gratis og åpent møtested."},
	"375": {"nøytral", "Museer; lite brukt av grupper med lav inntekt."},
	"377": {"nøytral", "Kunstformidling; ingen direkte virkning."},
	"380": {"blandet", "Idrett gir aktivitet, men kontingenter og utstyr stenger ute barn fra familier med lav inntekt."},
	"381": {"nøytral", "Idrettsbygg; virkning gjennom bruken."},
	"383": {"blandet", "Kulturskolen når flest barn fra familier med høy inntekt; friplasser motvirker noe."},
	"385": {"positiv", "Andre kulturaktiviteter, herunder gratis tilbud for barn og unge."},
	"386": {"nøytral", "Kulturbygg; virkning gjennom bruken."},
	"800": {"nøytral", "Skatteinntekter finansierer tjenestene; fordelingsvirkningen ligger i statens skatteregler."},
	"840": {"nøytral", "Rammetilskuddet finansierer tjenestene."},
	"850": {"positiv", "Integreringstilskuddet finansierer bosetting og introduksjonsprogram."},
	"860": {"nøytral", "Motpost avskrivninger er en regnskapsteknisk post."},
	"870": {"nøytral", "Renter og avdrag; ingen direkte virkning."},
	"880": {"nøytral", "Avsetninger og overføringer; ingen direkte virkning."},
}

// Ratings returns the sample's rating of its 2027 budget: every funksjon,
// sorted by code, and one rating narrowed by ansvar (the private
// barnehager's grants, ansvar 2040, nøytral where the funksjon is
// positiv).
func Ratings() []budget.Rating {
	codes := make([]string, 0, len(ratingOf))
	for c := range ratingOf {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var out []budget.Rating
	for _, c := range codes {
		g, err := budget.ParseGrade(ratingOf[c][0])
		if err != nil {
			panic(err)
		}
		out = append(out, budget.Rating{Funksjon: c, Grade: g, Reason: ratingOf[c][1]})
		if c == "201" {
			p := budget.Pattern{Kind: budget.Exact, Value: "2040"}
			out = append(out, budget.Rating{Funksjon: c, Ansvar: &p, Grade: budget.Noytral,
				Reason: "Tilskudd til private barnehager følger barna; ingen egen utjevnende innretning."})
		}
	}
	return out
}

// FunksjonNames names the funksjoner of the sample, from its tjenester
// (the first tjeneste of each funksjon).
func FunksjonNames() map[string]string {
	out := map[string]string{}
	codes := make([]string, 0, len(tjenester))
	for t := range tjenester {
		codes = append(codes, t)
	}
	sort.Strings(codes)
	for _, t := range codes {
		f := funksjonOf(t)
		if _, ok := out[f]; !ok {
			out[f] = strings.TrimSpace(tjenester[t])
		}
	}
	return out
}
