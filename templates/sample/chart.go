package sample

// The local chart of accounts of the fictional municipality, Visma-style:
// a 5-digit konto whose first three digits are the national KOSTRA art, and
// a 5-digit tjeneste whose first three digits are the KOSTRA funksjon. The
// names follow KOSTRA's wording loosely; they are labels, not a reference.

// kontoer maps each konto to its name. Income kontos (art 600-990) carry
// negative amounts.
var kontoer = map[string]string{
	"01000": "Fastlønn",
	"01010": "Fastlønn undervisningspersonale",
	"01020": "Fastlønn assistenter og fagarbeidere",
	"01030": "Fastlønn sykepleiere",
	"01040": "Fastlønn helsefagarbeidere",
	"01050": "Fastlønn pedagogisk personale",
	"01060": "Fastlønn helsesykepleiere",
	"02000": "Lønn til vikarer",
	"03000": "Lønn til ekstrahjelp",
	"04000": "Overtidslønn",
	"05000": "Annen lønn og trekkpliktige godtgjørelser",
	"05010": "Fosterhjemsgodtgjørelse",
	"07500": "Lønn renhold",
	"08000": "Godtgjørelse folkevalgte",
	"08900": "Introduksjonsstønad",
	"08910": "Kvalifiseringsstønad",
	"08920": "Utgiftsdekning fosterhjem",
	"09000": "Pensjon",
	"09010": "Årets premieavvik",
	"09020": "Amortisering av tidligere års premieavvik",
	"09900": "Arbeidsgiveravgift",
	"10000": "Kontormateriell",
	"10500": "Undervisningsmateriell",
	"11000": "Medisinsk forbruksmateriell",
	"11400": "Medikamenter",
	"11500": "Matvarer",
	"12000": "Annet forbruksmateriell",
	"13000": "Post, telefon og bredbånd",
	"14000": "Annonser og informasjon",
	"15000": "Opplæring og kurs",
	"16000": "Reiseutgifter",
	"17000": "Transport og drift av egne transportmidler",
	"18000": "Energi",
	"18500": "Forsikringer og vakthold",
	"19000": "Leie av lokaler og grunn",
	"19500": "Avgifter, gebyrer og lisenser",
	"20000": "Inventar og utstyr",
	"23000": "Vedlikehold og byggetjenester",
	"24000": "Serviceavtaler og reparasjoner",
	"25000": "Materialer til vedlikehold",
	"26000": "Renhold og vaskeritjenester",
	"27000": "Konsulenttjenester og andre tjenester",
	"30000": "Kjøp fra staten",
	"33000": "Kjøp fra fylkeskommunen",
	"35000": "Kjøp fra kommuner",
	"37000": "Kjøp fra private",
	"37010": "Kjøp av fastlegetjenester",
	"47000": "Overføring til andre",
	"47010": "Tilskudd private barnehager",
	"47020": "Tilskudd lag og foreninger",
	"47030": "Partistøtte",
	"47040": "Økonomisk sosialhjelp, livsopphold",
	"47050": "Økonomisk sosialhjelp, bolig",
	"47060": "Fritidskort",
	"47070": "Redusert foreldrebetaling og gratis kjernetid",
	"50000": "Renteutgifter",
	"51000": "Avdrag på lån",
	"54000": "Avsetning til disposisjonsfond",
	"57000": "Overføring til investeringsregnskapet",
	"58000": "Regnskapsmessig mindreforbruk",
	"59000": "Avskrivninger",
	"60000": "Brukerbetaling",
	"60010": "Foreldrebetaling",
	"60020": "Vederlag institusjon",
	"62000": "Gebyrer",
	"63000": "Husleieinntekter",
	"70000": "Refusjon fra staten",
	"70010": "Tilskudd ressurskrevende tjenester",
	"71000": "Sykelønnsrefusjon",
	"72800": "Momskompensasjon drift",
	"75000": "Refusjon fra kommuner",
	"77000": "Refusjon fra andre",
	"80000": "Rammetilskudd",
	"81000": "Andre statlige overføringer",
	"81010": "Integreringstilskudd",
	"87000": "Skatt på inntekt og formue",
	"87400": "Eiendomsskatt annen eiendom",
	"87500": "Eiendomsskatt boliger og fritidsboliger",
	"90000": "Renteinntekter",
	"90500": "Utbytte",
	"98000": "Regnskapsmessig merforbruk",
	"99000": "Motpost avskrivninger",
}

// tjenester maps each tjeneste to its name.
var tjenester = map[string]string{
	"10000": "Politisk styring",
	"11000": "Kontroll og revisjon",
	"12000": "Kommunedirektørens stab",
	"12010": "Økonomi, lønn og regnskap",
	"12020": "HR og organisasjon",
	"12030": "IKT og digitalisering",
	"12100": "Forvaltningsutgifter i eiendomsforvaltningen",
	"13000": "Administrasjonslokaler",
	"17000": "Årets premieavvik",
	"17100": "Amortisering av tidligere års premieavvik",
	"18000": "Diverse fellesutgifter",
	"20100": "Kommunale barnehager",
	"20110": "Private barnehager",
	"20120": "Gratis kjernetid og redusert foreldrebetaling",
	"20200": "Grunnskoleundervisning",
	"20210": "Grunnskole, felles",
	"20220": "PP-tjenesten og spesialundervisning",
	"21100": "Styrket tilbud til førskolebarn",
	"21300": "Voksenopplæring",
	"21500": "Skolefritidstilbud",
	"22100": "Barnehagelokaler",
	"22200": "Skolelokaler",
	"22300": "Skoleskyss",
	"23100": "Fritidsklubber og ungdomstilbud",
	"23110": "Fritidskortet",
	"23120": "Levekårsløft Elvebakken",
	"23200": "Helsestasjon og skolehelsetjeneste",
	"23300": "Forebyggende helsearbeid",
	"23310": "Områdeløft Nordbyen",
	"23400": "Dagaktivitet og frivilligsentral",
	"24100": "Fastleger",
	"24110": "Legevakt",
	"24200": "Sosialtjenesten, råd og veiledning",
	"24210": "Psykisk helse, råd og veiledning",
	"24300": "Rustjenester",
	"24400": "Barneverntjenesten",
	"25100": "Fosterhjem",
	"25200": "Barneverninstitusjoner",
	"25300": "Langtidsopphold i institusjon",
	"25310": "Korttid og rehabilitering",
	"25400": "Hjemmetjenester",
	"25410": "Bofellesskap for funksjonshemmede",
	"25420": "Tildeling av tjenester",
	"26100": "Institusjonslokaler",
	"26500": "Kommunale boliger",
	"26510": "Boliger for vanskeligstilte",
	"27300": "Arbeidsrettede tiltak",
	"27310": "Jobbsjansen ungdom",
	"27320": "Sommerjobb for ungdom 2026",
	"27500": "Introduksjonsprogrammet",
	"27600": "Kvalifiseringsprogrammet",
	"28100": "Økonomisk sosialhjelp",
	"28300": "Bistand til etablering i egen bolig",
	"30100": "Plansaksbehandling",
	"30200": "Byggesaksbehandling",
	"31500": "Boligbygging og etablering",
	"32500": "Næringsutvikling",
	"33200": "Kommunale veier",
	"33500": "Parker og byrom",
	"36000": "Naturforvaltning og friluftsliv",
	"37000": "Bibliotek",
	"37500": "Museer",
	"37700": "Kunstformidling",
	"38000": "Idrett",
	"38100": "Idrettsbygg",
	"38300": "Kulturskole",
	"38500": "Andre kulturaktiviteter",
	"38600": "Kulturbygg",
	"80000": "Skatt på inntekt og formue",
	"84000": "Rammetilskudd",
	"85000": "Integreringstilskudd",
	"86000": "Motpost avskrivninger",
	"87000": "Renter, utbytte og avdrag",
	"88000": "Avsetninger og overføringer",
}

// An item is one konto of a cost profile and its share of the activity's
// gross amount in per mille; income items have negative shares.
type item struct {
	konto    string
	permille int64
}

// A profile is the typical split of an activity over kontos. The shares of
// expenses sum to roughly 1000, so an activity's size is its gross expense.
type profile []item

var (
	pAdm = profile{{"01000", 520}, {"02000", 10}, {"04000", 5}, {"05000", 15},
		{"09000", 90}, {"09900", 85}, {"10000", 10}, {"13000", 15}, {"14000", 5},
		{"15000", 25}, {"16000", 10}, {"19500", 15}, {"20000", 20}, {"24000", 60},
		{"27000", 80}, {"71000", -15}, {"72800", -20}}
	pPolitisk = profile{{"08000", 480}, {"09900", 70}, {"10000", 10}, {"11500", 30},
		{"14000", 20}, {"15000", 15}, {"16000", 40}, {"27000", 80}, {"47030", 220},
		{"72800", -10}}
	pService = profile{{"01000", 470}, {"02000", 25}, {"03000", 10}, {"04000", 8},
		{"05000", 15}, {"09000", 85}, {"09900", 80}, {"10000", 6}, {"11500", 6},
		{"12000", 25}, {"13000", 8}, {"15000", 10}, {"16000", 5}, {"17000", 6},
		{"20000", 12}, {"27000", 15}, {"37000", 20}, {"71000", -22}, {"72800", -10}}
	pKjop = profile{{"01000", 60}, {"09000", 10}, {"09900", 10}, {"35000", 500},
		{"37000", 420}, {"72800", -20}}
	pBygg = profile{{"01000", 90}, {"07500", 110}, {"09000", 35}, {"09900", 30},
		{"12000", 30}, {"18000", 220}, {"18500", 60}, {"19500", 40}, {"23000", 200},
		{"25000", 40}, {"26000", 50}, {"59000", 180}, {"63000", -40}, {"72800", -60}}
	pBolig = profile{{"12000", 20}, {"18000", 40}, {"19000", 420}, {"23000", 200},
		{"59000", 200}, {"63000", -700}, {"72800", -40}}
	pSkole = profile{{"01010", 420}, {"01020", 90}, {"02000", 30}, {"05000", 15},
		{"09000", 80}, {"09900", 75}, {"10500", 30}, {"11500", 10}, {"12000", 20},
		{"15000", 10}, {"17000", 8}, {"20000", 25}, {"27000", 10}, {"35000", 15},
		{"71000", -25}, {"72800", -12}, {"75000", -10}}
	pSFO = profile{{"01020", 560}, {"02000", 40}, {"09000", 90}, {"09900", 80},
		{"11500", 40}, {"12000", 30}, {"60010", -330}, {"71000", -20}}
	pBarnehage = profile{{"01050", 300}, {"01020", 250}, {"02000", 40}, {"05000", 10},
		{"09000", 85}, {"09900", 80}, {"11500", 30}, {"12000", 25}, {"15000", 8},
		{"20000", 10}, {"60010", -130}, {"71000", -30}, {"72800", -10}}
	pPrivatBhg = profile{{"47010", 940}, {"27000", 10}, {"01000", 30}, {"09000", 5},
		{"09900", 5}, {"81000", -40}}
	pSkyss    = profile{{"17000", 80}, {"33000", 850}, {"37000", 70}}
	pTilskudd = profile{{"01000", 120}, {"09000", 20}, {"09900", 17}, {"14000", 10},
		{"27000", 50}, {"47020", 780}, {"72800", -5}}
	pInstBv    = profile{{"30000", 600}, {"37000", 380}, {"16000", 10}, {"27000", 10}}
	pFosterhjm = profile{{"01000", 150}, {"05010", 300}, {"08920", 200}, {"09000", 25},
		{"09900", 50}, {"37000", 250}, {"75000", -60}}
	pBarnevern = profile{{"01000", 520}, {"02000", 20}, {"05000", 15}, {"09000", 90},
		{"09900", 85}, {"15000", 15}, {"16000", 15}, {"27000", 40}, {"37000", 120},
		{"71000", -20}}
	pIntro = profile{{"08900", 520}, {"01000", 250}, {"09000", 40}, {"09900", 35},
		{"10500", 20}, {"12000", 10}, {"15000", 5}, {"27000", 20}, {"81000", -90},
		{"72800", -5}}
	pKvp = profile{{"08910", 600}, {"01000", 250}, {"09000", 40}, {"09900", 35},
		{"27000", 40}, {"37000", 35}}
	pLege = profile{{"01000", 120}, {"09000", 20}, {"09900", 20}, {"37010", 700},
		{"12000", 30}, {"11000", 20}, {"60000", -60}, {"70000", -40}}
	pLegevakt    = profile{{"35000", 950}, {"27000", 50}}
	pInstitusjon = profile{{"01030", 260}, {"01040", 250}, {"02000", 60}, {"04000", 15},
		{"05000", 30}, {"09000", 90}, {"09900", 85}, {"11000", 25}, {"11400", 20},
		{"11500", 55}, {"12000", 20}, {"15000", 8}, {"20000", 10}, {"26000", 15},
		{"60020", -180}, {"71000", -35}, {"72800", -10}}
	pHjemme = profile{{"01030", 200}, {"01040", 330}, {"02000", 50}, {"04000", 10},
		{"05000", 25}, {"09000", 85}, {"09900", 80}, {"11000", 20}, {"17000", 35},
		{"37000", 30}, {"60000", -30}, {"70010", -40}, {"71000", -35}}
	pBofellesskp = profile{{"01040", 520}, {"02000", 60}, {"04000", 15}, {"05000", 25},
		{"09000", 90}, {"09900", 85}, {"11500", 20}, {"12000", 15}, {"70010", -180},
		{"71000", -30}}
	pHelsestasjon = profile{{"01060", 520}, {"01000", 80}, {"02000", 20}, {"09000", 95},
		{"09900", 85}, {"11000", 15}, {"12000", 10}, {"15000", 12}, {"16000", 8},
		{"81000", -60}, {"71000", -20}}
	pSosialhjelp = profile{{"47040", 650}, {"47050", 300}, {"12000", 5}, {"77000", -20}}
	pVei         = profile{{"01000", 180}, {"09000", 30}, {"09900", 25}, {"17000", 40},
		{"18000", 120}, {"23000", 300}, {"25000", 60}, {"37000", 180}, {"59000", 90},
		{"72800", -40}}
	pGebyr = profile{{"01000", 560}, {"09000", 95}, {"09900", 88}, {"13000", 15},
		{"15000", 20}, {"19500", 40}, {"27000", 60}, {"62000", -450}, {"71000", -15}}
	pKulturskole = profile{{"01010", 580}, {"09000", 90}, {"09900", 80}, {"10500", 20},
		{"12000", 20}, {"20000", 20}, {"60000", -120}, {"71000", -15}}
	pFelles = profile{{"18500", 400}, {"27000", 300}, {"19500", 200}, {"14000", 50},
		{"13000", 50}}
	pIKT = profile{{"01000", 300}, {"09000", 50}, {"09900", 45}, {"20000", 150},
		{"19500", 250}, {"24000", 150}, {"13000", 40}, {"72800", -40}}
	pDag = profile{{"01000", 520}, {"09000", 85}, {"09900", 80}, {"11500", 30},
		{"12000", 20}, {"17000", 15}, {"47000", 60}, {"60000", -40}, {"71000", -20}}
	pSosialtj = profile{{"01000", 560}, {"09000", 95}, {"09900", 88}, {"13000", 15},
		{"15000", 15}, {"27000", 40}, {"37000", 60}, {"71000", -20}}
	pTiltak = profile{{"01000", 260}, {"09000", 45}, {"09900", 40}, {"27000", 150},
		{"47000", 120}, {"81000", -200}}
	pFritidskort = profile{{"47060", 920}, {"14000", 20}, {"27000", 60}}
	pKjernetid   = profile{{"47070", 1000}}
	pSommerjobb  = profile{{"03000", 800}, {"09900", 110}, {"27000", 90}}
)

// funksjonOf returns the KOSTRA funksjon of a tjeneste and artOf the art of
// a konto: their first three digits.
func funksjonOf(tjeneste string) string { return tjeneste[:3] }
func artOf(konto string) string         { return konto[:3] }
