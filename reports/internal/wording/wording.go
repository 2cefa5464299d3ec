// Package wording checks the text of a generated document (as pdftotext or
// a cell reader gives it) for wording a municipality would not print:
// software words, bokmål forms in a nynorsk text, ranges written with a
// hyphen, and "prosent" where a difference of percentages is meant.
//
// It is test support: the document tests of every report package call
// Check (or one of the single checks) on what they generated, so a rule
// lives in one place. The checks are deliberately conservative: a finding
// should always be worth a look, so lists hold only unambiguous forms.
package wording

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Finding is one place in a text that breaks a rule.
type Finding struct {
	Rule    string // which check: "software", "bokmål", "range", "prosent", "minus", "number"
	Match   string // the words that matched
	Context string // the text around the match, on one line
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %q in …%s…", f.Rule, f.Match, f.Context)
}

// SoftwareWordsList are whole words (any case) that belong to the program,
// not to a municipality's letter or report.
var SoftwareWordsList = []string{
	"arbeidsområdet", "arbeidsområde", "arbeidsområder", "arbeidsområda",
	"katalogen", "katalogs",
	"workspace", "workspacet", "dataset", "datasets",
	"import", "importen", "importert", "importere", "importer",
	"yaml", "sqlite", "json",
}

// SoftwarePhrases are phrases (any case) that name a program's mechanics.
var SoftwarePhrases = []string{
	"linje × andel", "linje x andel", "arket finansiering", "arket budsjettlinjer",
	"map[", "%!", "<nil>", "0001-01-01", "01.01.0001",
}

// softwareTokens match case-sensitively as whole words: Go's and the
// program's renderings of missing values.
var softwareTokens = []string{"nil", "NaN", "Inf", "+Inf", "-Inf", "null", "undefined"}

// flagRE finds a command-line flag such as --public or --lang.
var flagRE = regexp.MustCompile(`(^|[\s(«"'])--[a-zA-Z][a-zA-Z-]*`)

// SoftwareWords returns every software word, phrase or flag in text.
func SoftwareWords(text string) []Finding {
	var out []Finding
	words := set(SoftwareWordsList)
	tokens := set(softwareTokens)
	eachWord(text, func(w string, at int) {
		if words[strings.ToLower(w)] || tokens[w] {
			out = append(out, finding("software", text, at, len(w)))
		}
	})
	lower := strings.ToLower(text)
	for _, p := range SoftwarePhrases {
		for from := 0; ; {
			i := strings.Index(lower[from:], strings.ToLower(p))
			if i < 0 {
				break
			}
			out = append(out, finding("software", text, from+i, len(p)))
			from += i + len(p)
		}
	}
	for _, m := range flagRE.FindAllStringSubmatchIndex(text, -1) {
		start := m[3] // after the leading separator
		out = append(out, finding("software", text, start, m[1]-start))
	}
	return out
}

// BokmalOnly are bokmål forms that are never correct nynorsk (the nynorsk
// form in the comment). Words valid in both standards ("også", "bare" as
// an adjective, "nå" as a verb) are left out on purpose.
var BokmalOnly = []string{
	"ikke",                         // ikkje
	"hvis",                         // viss, dersom
	"hva",                          // kva
	"hvor",                         // kvar, kor
	"hvordan",                      // korleis
	"hvilke", "hvilken", "hvilket", // kva for, kva
	"hvem",                       // kven
	"hver", "hvert", "hverandre", // kvar, kvart, kvarandre
	"jeg",         // eg
	"mye",         // mykje
	"noen", "noe", // nokon, noko
	"fra",          // frå
	"ble",          // vart, blei
	"være", "vært", // vere, vore
	"dere", "deres", // de, dykkar
	"selv",                           // sjølv
	"samme",                          // same
	"enheten", "enhetene", "enheter", // eininga, einingane, einingar
	"bedre",               // betre
	"mangler",             // manglar
	"dårligere", "dårlig", // dårlegare, dårleg
	"høyere", "lavere", // høgare, lågare
	"økning",           // auke
	"gjelder",          // gjeld
	"følger",           // følgjer
	"måned", "måneder", // månad, månader
	"uke", "uker", // veke, veker
	"sykehus", "sykdom", // sjukehus, sjukdom
	"tilskudd",          // tilskot
	"innbyggere",        // innbyggjarar
	"vennlig", "hilsen", // venleg helsing
	"ansvarlig", "skriftlig", "mulig", "årlig", "daglig", // -leg
	"ulikhet", "ulikheter", // ulikskap
	"gjennomsnittlig", // gjennomsnittleg
}

// BokmalInNynorsk returns every bokmål-only word in a nynorsk text.
func BokmalInNynorsk(text string) []Finding {
	bad := set(BokmalOnly)
	var out []Finding
	eachWord(text, func(w string, at int) {
		if bad[strings.ToLower(w)] {
			out = append(out, finding("bokmål", text, at, len(w)))
		}
	})
	return out
}

// number is a Norwegian number: digits with an optional decimal comma.
const number = `\d+(?:,\d+)?`

// rangeRE finds two numbers joined by a hyphen-minus with no spaces:
// "2023-2025", "15-29 år", "0,5-1,0". The surrounding characters are
// checked in HyphenRanges so that dates, codes and negative numbers pass.
var rangeRE = regexp.MustCompile(number + `-` + number)

// HyphenRanges returns every range written with a hyphen where an en dash
// belongs. Not flagged: ISO dates (2026-12-31), number chains of three or
// more parts (codes, telephone numbers), numbers glued to letters (K-123,
// 4699-K) and a minus sign after a space (" -5").
func HyphenRanges(text string) []Finding {
	var out []Finding
	for _, m := range rangeRE.FindAllStringIndex(text, -1) {
		before, after := prevRune(text, m[0]), nextRune(text, m[1])
		if isWordRune(before) || before == '-' || before == '.' || before == '/' {
			continue
		}
		if isWordRune(after) || after == '-' || after == '/' {
			continue
		}
		// "2026-12-31" is matched as "2026-12" followed by "-31"; the
		// after-check above already drops it. A period after (a
		// sentence's end) is fine; ".5" would be a decimal, also dropped.
		if after == '.' && unicode.IsDigit(nextRune(text, m[1]+1)) {
			continue
		}
		out = append(out, finding("range", text, m[0], m[1]-m[0]))
	}
	return out
}

// gapBefore is a word that, before a number, says the number is a
// distance or a difference between two values; gapAfter, after it.
const (
	gapBefore = `(?i:mangler|manglar|forskjell(?:en)?|skilnad(?:en)?|differanse(?:n)?|avstand(?:en)?|gapet|avvik(?:et)?)`
	gapAfter  = `(?i:bedre enn|betre enn|dårligere enn|dårlegare enn|over målbanen|under målbanen|fra målbanen|frå målbanen|bak målbanen|foran målbanen|framfor målbanen|unna målet|unna målbanen)`
)

var (
	percentBeforeRE = regexp.MustCompile(gapBefore + `[^.!?\n%]{0,30}?[−-]?` + number + `[ \x{00a0}]*(?:prosent\b|%)`)
	percentAfterRE  = regexp.MustCompile(number + `[ \x{00a0}]*(?:prosent\b|%)[ \x{00a0}]+` + gapAfter)
)

// PercentForPoints returns each place where a distance or difference is
// given in "prosent" or "%" next to a word that says it is one ("mangler
// 3,1 %", "1,2 % bedre enn målbanen"): between two percentages that is
// prosentpoeng. It is a heuristic meant for texts about percentage-valued
// indicators; relative changes ("økt med 5 prosent") are not flagged.
func PercentForPoints(text string) []Finding {
	var out []Finding
	for _, re := range []*regexp.Regexp{percentBeforeRE, percentAfterRE} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			out = append(out, finding("prosent", text, m[0], m[1]-m[0]))
		}
	}
	return out
}

var (
	minusRE       = regexp.MustCompile(`−\d`)
	hyphenMinusRE = regexp.MustCompile(`(?:^|[\s(])(-\d)`)
)

// MixedMinus returns a finding when the text writes negative numbers with
// both the minus sign (U+2212) and the hyphen-minus: one sign throughout.
func MixedMinus(text string) []Finding {
	minus := minusRE.FindStringIndex(text)
	hyphen := hyphenMinusRE.FindStringSubmatchIndex(text)
	if minus == nil || hyphen == nil {
		return nil
	}
	return []Finding{finding("minus", text, hyphen[2], hyphen[3]-hyphen[2])}
}

// pluralRE finds "1" before a plural noun; SingularPlural checks that the
// "1" is a number of its own, not the end of "21" or "2 001".
var pluralRE = regexp.MustCompile(`\b1[ \x{00a0}](?:av[ \x{00a0}](\d+)[ \x{00a0}])?(indikatorer|enheter|einingar|bydeler|bydelar|frister|fristar|områder|målinger|målingar|virksomheter|verksemder|kroner|tiltakene|tiltaka)\b`)

// SingularPlural returns each "1" followed by a plural noun ("1
// indikatorer", "1 av 3 enheter" is fine, "1 av 1 indikatorer" is not).
func SingularPlural(text string) []Finding {
	var out []Finding
	for _, m := range pluralRE.FindAllStringSubmatchIndex(text, -1) {
		b := prevRune(text, m[0])
		if unicode.IsDigit(b) || b == ',' || b == '.' {
			continue
		}
		if (b == ' ' || b == '\u00a0') && unicode.IsDigit(prevRune(text, m[0]-len(string(b)))) {
			continue // a thousands group: "2 001 kroner"
		}
		if m[2] >= 0 && text[m[2]:m[3]] != "1" {
			continue // "1 av 3 enheter" agrees with 3
		}
		out = append(out, finding("number", text, m[0], m[1]-m[0]))
	}
	return out
}

// Check runs every check that applies to a text in lang ("nb" or "nn"):
// software words, ranges, prosent for prosentpoeng, mixed minus signs,
// singular/plural, and for "nn" bokmål-only words.
func Check(text, lang string) []Finding {
	var out []Finding
	out = append(out, SoftwareWords(text)...)
	out = append(out, HyphenRanges(text)...)
	out = append(out, PercentForPoints(text)...)
	out = append(out, MixedMinus(text)...)
	out = append(out, SingularPlural(text)...)
	if lang == "nn" {
		out = append(out, BokmalInNynorsk(text)...)
	}
	return out
}

// TB is the part of testing.TB that Assert uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Assert reports every finding of Check as a test error naming the document.
func Assert(t TB, name, text, lang string) {
	t.Helper()
	for _, f := range Check(text, lang) {
		t.Errorf("%s (%s): %s", name, lang, f)
	}
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// eachWord calls fn with each word of text (letters, digits, and inner
// hyphens or plus signs kept out) and its byte offset.
func eachWord(text string, fn func(w string, at int)) {
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(text[start:i], start)
			start = -1
		}
	}
	if start >= 0 {
		fn(text[start:], start)
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func prevRune(s string, i int) rune {
	if i <= 0 {
		return ' '
	}
	r := []rune(s[:i])
	return r[len(r)-1]
}

func nextRune(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	for _, r := range s[i:] {
		return r
	}
	return ' '
}

// finding builds a Finding with up to 30 bytes of context on each side,
// cut at rune boundaries and folded to one line.
func finding(rule, text string, at, n int) Finding {
	lo, hi := at-30, at+n+30
	if lo < 0 {
		lo = 0
	}
	if hi > len(text) {
		hi = len(text)
	}
	for lo > 0 && !utf8Start(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8Start(text[hi]) {
		hi++
	}
	ctx := strings.Join(strings.Fields(text[lo:hi]), " ")
	return Finding{Rule: rule, Match: text[at : at+n], Context: ctx}
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
