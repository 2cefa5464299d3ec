package letters

import (
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// labels are the fixed words of a letter in one written standard.
type labels struct {
	Titles                                            Titles
	Date, OurRef, YourRef, CaseOfficer, ArchiveCode   string
	Nr, Measure, Sum                                  string
	Indicator, Area, Latest, Path, Target, Status     string
	ResultIndicator, Targets                          string
	Deadline, Task, Note                              string
	Regards, Electronic, NoTarget, NoValue, MovedFrom string
	In, And, Measures1, CarriedBy, ReportsFor         string
	NoMoney                                           string
	TheMunicipality, NoValueArea, TargetFor           string
	WholeMunicipality                                 string
	OnPath, Lacks, BetterThanPath                     string
	Rounding, Draft                                   string
	Budget, Plan, Combined, Contents                  string
	Page                                              string
	Phone, Email, Web, OrgNumber                      string
}

var nb = labels{
	Titles: Titles{Intro: "Innledning", Challenges: "Utfordringer", Budget: "Budsjett",
		Goals: "Mål og resultatkrav", Reporting: "Rapportering"},
	Date: "Dato", OurRef: "Vår ref.", YourRef: "Deres ref.", CaseOfficer: "Saksbehandler", ArchiveCode: "Arkivkode",
	Nr: "Nr", Measure: "Tiltak", Sum: "Sum",
	Indicator: "Indikator", Area: "Område", Latest: "Siste verdi", Path: "Målbane", Target: "Mål", Status: "Status",
	ResultIndicator: "Resultatindikator", Targets: "Måltall (tiltakets resultatkrav)",
	Deadline: "Frist", Task: "Oppgave", Note: "Merknad",
	Regards: "Med hilsen", Electronic: "Dokumentet er godkjent elektronisk og har derfor ingen signatur.",
	NoTarget: "ingen mål", NoValue: "ingen verdi", MovedFrom: "flyttet fra",
	In: "i", And: "og", Measures1: "tiltak", CarriedBy: "ført på", ReportsFor: "for tiltak", NoMoney: "ingen midler ført",
	TheMunicipality: "kommunen", NoValueArea: "ingen verdi for bydelen", TargetFor: "målet for",
	WholeMunicipality: "Hele kommunen", OnPath: "på målbanen", Lacks: "mangler", BetterThanPath: "bedre enn målbanen",
	Draft: "Utkast", Rounding: "Summen i tabellen er regnet av beløpene i øre og avviker derfor fra summen av de avrundede beløpene med",
	Budget: "vedtatt budsjett", Plan: "økonomiplan", Combined: "alle", Contents: "Oppdragsbrev",
	Page: "Side", Phone: "Telefon", Email: "E-post", Web: "Nett", OrgNumber: "Org.nr.",
}

var nn = labels{
	Titles: Titles{Intro: "Innleiing", Challenges: "Utfordringar", Budget: "Budsjett",
		Goals: "Mål og resultatkrav", Reporting: "Rapportering"},
	Date: "Dato", OurRef: "Vår ref.", YourRef: "Dykkar ref.", CaseOfficer: "Sakshandsamar", ArchiveCode: "Arkivkode",
	Nr: "Nr", Measure: "Tiltak", Sum: "Sum",
	Indicator: "Indikator", Area: "Område", Latest: "Siste verdi", Path: "Målbane", Target: "Mål", Status: "Status",
	ResultIndicator: "Resultatindikator", Targets: "Måltal (resultatkravet til tiltaket)",
	Deadline: "Frist", Task: "Oppgåve", Note: "Merknad",
	Regards: "Med helsing", Electronic: "Dokumentet er godkjent elektronisk og har difor inga underskrift.",
	NoTarget: "ingen mål", NoValue: "ingen verdi", MovedFrom: "flytta frå",
	In: "i", And: "og", Measures1: "tiltak", CarriedBy: "ført på", ReportsFor: "for tiltak", NoMoney: "ingen midlar førte",
	TheMunicipality: "kommunen", NoValueArea: "ingen verdi for bydelen", TargetFor: "målet for",
	WholeMunicipality: "Heile kommunen", OnPath: "på målbanen", Lacks: "manglar", BetterThanPath: "betre enn målbanen",
	Draft: "Utkast", Rounding: "Summen i tabellen er rekna av beløpa i øre og skil seg difor frå summen av dei avrunda beløpa med",
	Budget: "vedteke budsjett", Plan: "økonomiplan", Combined: "alle", Contents: "Oppdragsbrev",
	Page: "Side", Phone: "Telefon", Email: "E-post", Web: "Nett", OrgNumber: "Org.nr.",
}

func labelsFor(lang indicators.Lang) *labels {
	if lang == indicators.Nynorsk {
		return &nn
	}
	return &nb
}

// nnWords are the words of the wheel's (bokmål) reasons that nynorsk
// writes otherwise.
var nnWords = strings.NewReplacer("lørdag", "laurdag", "søndag", "sundag", "tirsdag", "tysdag", "onsdag", "onsdag")

// joinWords joins items the Norwegian way: "a, b og c".
func joinWords(items []string, and string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}
