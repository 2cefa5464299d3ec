package annualtest

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/internal/wording"
)

// Check runs every check on d, the text of the rendered r, as subtests.
func Check(t *testing.T, r *annual.Report, d *Doc) {
	t.Helper()
	t.Run("summary furthest from path", func(t *testing.T) { checkFurthest(t, r, d) })
	t.Run("summary counts on and off track", func(t *testing.T) { checkTrackCounts(t, r, d) })
	t.Run("summary gaps narrowed and widened", func(t *testing.T) { checkGaps(t, r, d) })
	t.Run("summary money", func(t *testing.T) { checkMoney(t, r, d) })
	t.Run("summary measures by status", func(t *testing.T) { checkMeasureStatus(t, r, d) })
	t.Run("units and signs", func(t *testing.T) { checkUnits(t, r, d) })
	t.Run("sums as printed", func(t *testing.T) { checkSums(t, d) })
	t.Run("sum rows in the table's font size", func(t *testing.T) { checkSumFont(t, d) })
	t.Run("group gaps as printed", func(t *testing.T) { checkGroupRows(t, r, d) })
	t.Run("wording", func(t *testing.T) { checkWording(t, r, d) })
	t.Run("page breaks", func(t *testing.T) { checkPages(t, d) })
	t.Run("cover date", func(t *testing.T) { checkCover(t, r, d) })
	if r.Public {
		t.Run("public", func(t *testing.T) { checkPublic(t, r, d) })
	}
}

// nb or nn picks the text of the edition's language.
func lang(r *annual.Report, nb, nn string) string {
	if r.Lang == indicators.Nynorsk {
		return nn
	}
	return nb
}

func summary(r *annual.Report, d *Doc) []string {
	return chapter(d, lang(r, "1 Sammendrag", "1 Samandrag"))
}
func indicatorsChapter(r *annual.Report, d *Doc) []string {
	return chapter(d, lang(r, "2 Indikatorer", "2 Indikatorar"))
}

// areaRow is a row of an indicator's table of areas, as printed.
type areaRow struct {
	section, area, status string
	behind                float64 // the distance behind the path; 0 when on or ahead of it
	unit                  string
}

var (
	sectionRE = regexp.MustCompile(`^2\.\d+ (.+)$`)
	// "Nordbyen   21,9 ikke i rute   mangler 2,0 prosentpoeng   stabilt"
	areaRowRE = regexp.MustCompile(`^\s*(\S.*?)\s{2,}.*?\s(ikke i rute|ikkje i rute|i rute)\s{2,}(mangl(?:er|ar) ([\d,]+) (prosentpoeng|år|poeng|per 1000)|[\d,]+ (?:prosentpoeng|år|poeng|per 1000)|på målban)`)
)

// areaRows reads every area row with a status from chapter 2.
func areaRows(r *annual.Report, d *Doc) []areaRow {
	var out []areaRow
	section := ""
	for _, l := range indicatorsChapter(r, d) {
		if m := sectionRE.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			section = m[1]
			continue
		}
		m := areaRowRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		row := areaRow{section: section, area: m[1], status: m[2], unit: m[5]}
		if m[4] != "" {
			row.behind, _ = number(m[4])
		}
		out = append(out, row)
	}
	return out
}

func checkFurthest(t *testing.T, r *annual.Report, d *Doc) {
	text := flat(strings.Join(summary(r, d), "\n"))
	rows := areaRows(r, d)
	max := map[string]float64{}
	for _, row := range rows {
		if row.behind > max[row.unit] {
			max[row.unit] = row.behind
		}
	}
	type named struct {
		what, unit string // "indikator nummer 1 i Bydel 02"
		dist       float64
	}
	var said []named
	one := regexp.MustCompile(`Lengst bak målban(?:en|a) er (.+?), som mangl(?:er|ar) ([\d,]+) (prosentpoeng|år|poeng|per 1000)\.`)
	many := regexp.MustCompile(`Av indikator(?:ene|ane) målte? i \S+(?: 1000)? er (.+?) lengst bak målban(?:en|a) og mangl(?:er|ar) ([\d,]+) (prosentpoeng|år|poeng|per 1000)\.`)
	for _, re := range []*regexp.Regexp{one, many} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			f, _ := number(m[2])
			said = append(said, named{m[1], m[3], f})
		}
	}
	if len(max) == 0 {
		if len(said) > 0 {
			t.Errorf("the summary names a furthest target %v, but no table shows a target behind its path", said)
		}
		return
	}
	if len(said) != len(max) {
		t.Fatalf("the summary names %d furthest targets (%v), the tables have targets behind their path in %d units (%v):\n%s", len(said), said, len(max), max, text)
	}
	for _, s := range said {
		if s.dist != max[s.unit] {
			t.Errorf("the summary says %s is furthest behind (%v %s), but a table shows %v %s", s.what, s.dist, s.unit, max[s.unit], s.unit)
		}
		found := false
		for _, row := range rows {
			if row.behind == s.dist && row.unit == s.unit && strings.EqualFold(row.section+" i "+row.area, s.what) {
				found = true
			}
		}
		if !found {
			t.Errorf("no table has %q %v %s behind its path", s.what, s.dist, s.unit)
		}
	}
}

func checkTrackCounts(t *testing.T, r *annual.Report, d *Doc) {
	text := flat(strings.Join(summary(r, d), "\n"))
	m := regexp.MustCompile(`Av (\d+) målbaner? for indikator(?:ene|ane) er (\d+) i rute og (\d+) ikk(?:e|je) i rute(?:; (\d+) mangl(?:er|ar) data)?\.`).FindStringSubmatch(text)
	rows := areaRows(r, d)
	if m == nil {
		if len(rows) > 0 {
			t.Fatalf("no sentence on targets on and off track, but the tables show %d:\n%s", len(rows), text)
		}
		return
	}
	on, off := 0, 0
	for _, row := range rows {
		if row.status == "i rute" {
			on++
		} else {
			off++
		}
	}
	if m[2] != fmt.Sprint(on) || m[3] != fmt.Sprint(off) {
		t.Errorf("the summary says %s on track and %s off; the tables show %d and %d", m[2], m[3], on, off)
	}
	n, nodata := 0, 0
	fmt.Sscan(m[1], &n)
	if m[4] != "" {
		fmt.Sscan(m[4], &nodata)
	}
	if n != on+off+nodata {
		t.Errorf("the summary's %d targets are not %d + %d + %d", n, on, off, nodata)
	}
}

func checkGaps(t *testing.T, r *annual.Report, d *Doc) {
	text := flat(strings.Join(summary(r, d), "\n"))
	narrowed, widened, same := 0, 0, 0
	var gapRow []string
	ch := indicatorsChapter(r, d)
	gapRE := regexp.MustCompile(`^\s*(?:Forskjell|Skilnad) \(h.+?\),.*?\s{2,}([\d,]+)\s{2,}([\d,]+)\s*$`)
	for _, l := range ch {
		fl := flat(l)
		if m := gapRE.FindStringSubmatch(l); m != nil {
			gapRow = m[1:]
		}
		var change string
		switch {
		case strings.Contains(fl, "områdene ble mindre enn i perioden før") || strings.Contains(fl, "områda vart mindre enn i perioden før"):
			narrowed++
			change = "narrowed"
		case strings.Contains(fl, "områdene ble større enn i perioden før") || strings.Contains(fl, "områda vart større enn i perioden før"):
			widened++
			change = "widened"
		case strings.Contains(fl, "er uendret fra perioden før") || strings.Contains(fl, "er uendra frå perioden før"):
			same++
			change = "same"
		default:
			continue
		}
		if gapRow == nil {
			t.Errorf("a sentence on the gap between areas without a table before it: %q", fl)
			continue
		}
		a, _ := number(gapRow[0])
		b, _ := number(gapRow[1])
		want := map[bool]string{true: "narrowed", false: "widened"}[a < b]
		if a == b {
			want = "same"
		}
		if change != want {
			t.Errorf("the text says the gap %s, but the table prints %s against %s the period before", change, gapRow[0], gapRow[1])
		}
		gapRow = nil
	}
	m := regexp.MustCompile(`Av (\d+) indikatora?e?r? der (?:forskjellen|skilnaden) mellom områd(?:ene|a) kan samanliknast|Av (\d+) indikatorer? der forskjellen mellom områdene kan sammenlignes`).FindStringSubmatch(text)
	if m == nil {
		if narrowed+widened+same > 0 {
			t.Fatalf("no summary sentence on the gaps, but chapter 2 compares %d:\n%s", narrowed+widened+same, text)
		}
		return
	}
	count := func(re string) int {
		n := 0
		if mm := regexp.MustCompile(re).FindStringSubmatch(text); mm != nil {
			fmt.Sscan(mm[1], &n)
		}
		return n
	}
	got := [3]int{count(`mindre for (\d+)`), count(`større for (\d+)`), count(`uendr(?:et|a) for (\d+)`)}
	if want := [3]int{narrowed, widened, same}; got != want {
		t.Errorf("the summary says narrowed/widened/same %v; chapter 2 says %v", got, want)
	}
}

var krRE = regexp.MustCompile(`(−?\d{1,3}(?: \d{3})*) kr\b`)

func checkMoney(t *testing.T, r *annual.Report, d *Doc) {
	if r.Budget.Year == 0 {
		return
	}
	sum := flat(strings.Join(summary(r, d), "\n"))
	re := regexp.MustCompile(`er (−?\d{1,3}(?: \d{3})*) kr knytte?t? til tiltak`)
	m := re.FindStringSubmatch(sum)
	if m == nil {
		t.Fatalf("the summary does not state the linked amount:\n%s", sum)
	}
	money := flat(strings.Join(chapter(d, "4 Budsjett"), "\n"))
	if m4 := re.FindStringSubmatch(money); m4 == nil || m4[1] != m[1] {
		t.Errorf("the summary says %s kr linked, chapter 4 says %v", m[1], m4)
	}
	if want := annual.Kroner(r.Summary.LinkedOre); strings.ReplaceAll(want, "\u00a0", " ") != m[1]+" kr" {
		t.Errorf("the summary says %s kr, the workspace %s", m[1], want)
	}
	// the share as printed is the measures' gross expenditure over the
	// kommune's, both as the key figures print them, and says its base
	sh := regexp.MustCompile(`brutto driftsutgift(?:er|ene til tiltaka) er (−?\d{1,3}(?: \d{3})*) kr, ([\d,]+) % av (?:kommunens )?brutto driftsutgifter etter (KOSTRA|kommunens avgrensing|avgrensinga til kommunen)`).FindStringSubmatch(sum)
	if sh == nil {
		t.Fatalf("the summary does not state the share of gross operating expenditure and its base:\n%s", sum)
	}
	var total string
	for _, l := range summary(r, d) {
		if mm := regexp.MustCompile(`^\s*(?:Kommunens brutto driftsutgifter|Brutto driftsutgifter for kommunen)\s{2,}(−?\d{1,3}(?: \d{3})*) kr`).FindStringSubmatch(l); mm != nil {
			total = mm[1]
		}
	}
	part, _ := number(sh[1])
	whole, ok := number(total)
	pct, _ := number(sh[2])
	if !ok || whole == 0 || math.Abs(math.Round(part/whole*1000)/10-pct) > 0.05 {
		t.Errorf("the summary's share %s %% is not %s kr of %s kr", sh[2], sh[1], total)
	}
}

func checkMeasureStatus(t *testing.T, r *annual.Report, d *Doc) {
	text := flat(strings.Join(summary(r, d), "\n"))
	m := regexp.MustCompile(`Status (?:per [^:]+|ut[ae]n [^:]+): ([^.]+)\.`).FindStringSubmatch(text)
	if m == nil {
		if len(r.Measures.Rows) > 0 {
			t.Fatalf("no sentence on the measures' status:\n%s", text)
		}
		return
	}
	said := map[string]int{}
	for _, part := range regexp.MustCompile(`(\d+) ([^,]+?)(?:,| og |$)`).FindAllStringSubmatch(m[1], -1) {
		var n int
		fmt.Sscan(part[1], &n)
		said[part[2]] += n
	}
	statuses := map[string]bool{"ikke startet": true, "ikkje starta": true, "i rute": true, "forsinket": true, "forseinka": true,
		"fullført": true, "avbrutt": true, "–": true}
	table := map[string]int{}
	in := false
	for _, l := range chapter(d, lang(r, "3 Tiltak", "3 Tiltak")) {
		tl := strings.TrimSpace(l)
		switch {
		case tl == "Status per tertial":
			in = true
			continue
		case strings.HasPrefix(tl, "Budsjett og r"):
			in = false
		}
		if !in || !regexp.MustCompile(`^\d+\s`).MatchString(tl) {
			continue
		}
		cells := regexp.MustCompile(`\s{2,}`).Split(tl, -1)
		latest := ""
		for i := len(cells) - 1; i >= 0 && statuses[cells[i]]; i-- {
			if latest == "" && cells[i] != "–" {
				latest = cells[i]
			}
		}
		if latest == "" {
			latest = lang(r, "ikke rapportert", "ikkje rapportert")
		}
		table[latest]++
	}
	if fmt.Sprint(said) != fmt.Sprint(table) {
		t.Errorf("the summary counts the measures by status as %v; the status table gives %v", said, table)
	}
}

func checkUnits(t *testing.T, r *annual.Report, d *Doc) {
	text := d.Layout
	for _, bad := range []struct{ re, why string }{
		{`\((?:\+|−|-)\d+(?:,\d+)?\)`, "a bare signed distance in brackets"},
		{`(?:^|\s)-\d[\d ]*(?:,\d+)? kr\b`, "a negative amount with a hyphen-minus"},
		{`\d,\d\d kr\b`, "øre in a council document"},
		{`(?:mangler|manglar) [\d,]+ prosent\b`, "prosent for a difference of percentages"},
		{`(?:ikke|ikkje) i rute \([^)]*\)`, "a status with a bare number"},
	} {
		for _, m := range regexp.MustCompile(`(?m)`+bad.re).FindAllString(text, 5) {
			t.Errorf("%s: %q", bad.why, m)
		}
	}
	for _, f := range append(wording.PercentForPoints(text), wording.MixedMinus(text)...) {
		t.Errorf("%s", f)
	}
	// every distance to the path is in words
	for _, row := range r.Indicators {
		for _, a := range row.Rows {
			if a.Status != nil && a.Status.Distance != nil && !strings.Contains(flat(d.Raw), flat(strings.ReplaceAll(a.DistanceText, "\u00a0", " "))) {
				t.Errorf("%s, %s: the distance %q is not in the text", row.Name, a.Name, a.DistanceText)
			}
		}
	}
}

// spacedKr are the amounts of a table row: those set off from the text
// before them by two spaces or more (a paragraph's amounts are not).
var spacedKr = regexp.MustCompile(`\s{2}\s*(−?\d{1,3}(?: \d{3})*) kr\b`)

// checkSums finds every sum row ("Sum" and amounts) and adds up the
// amounts of the rows above it, up to the table's start, column by column:
// they must give the sum as printed, or a note right below the table must
// state the difference. Each row's Avvik must be its accounts minus its
// budget as printed.
func checkSums(t *testing.T, d *Doc) {
	ls := lines(d.Layout)
	sums := 0
	for i, l := range ls {
		if !regexp.MustCompile(`^\s*Sum\s{2,}`).MatchString(l) {
			continue
		}
		total := amounts(l)
		if len(total) == 0 {
			continue
		}
		sums++
		cols := make([]int64, len(total))
		rows := 0
		for j := i - 1; j >= 0; j-- {
			tl := strings.TrimSpace(ls[j])
			if regexp.MustCompile(`^Sum\s{2,}`).MatchString(tl) || chapterHead.MatchString(tl) {
				break
			}
			a := amounts(ls[j])
			if len(a) == 0 {
				continue
			}
			if len(a) != len(total) {
				break
			}
			rows++
			for c := range a {
				cols[c] += a[c]
			}
			if len(a) == 3 && strings.Contains(ls[j], "%") && a[1]-a[0] != a[2] {
				t.Errorf("a row's Avvik is not its accounts minus its budget as printed: %q", strings.TrimSpace(ls[j]))
			}
		}
		if rows == 0 {
			t.Errorf("a sum row with no rows above it: %q", strings.TrimSpace(l))
			continue
		}
		after := flat(strings.Join(ls[i+1:min(i+10, len(ls))], " "))
		for c := range total {
			if cols[c] == total[c] {
				continue
			}
			diff := total[c] - cols[c]
			word := "høyere|høgare"
			if diff < 0 {
				diff, word = -diff, "lavere|lågare"
			}
			note := regexp.MustCompile(fmt.Sprintf(`er %s kr (?:%s) enn radene`, group(diff), word))
			if !note.MatchString(after) {
				t.Errorf("column %d of the table ending %q: the rows add up to %d kr, the sum row says %d kr, and no note says so",
					c+1, strings.TrimSpace(l), cols[c], total[c])
			}
		}
	}
	if sums == 0 {
		t.Error("no sum row found")
	}
}

func amounts(l string) []int64 {
	var out []int64
	for _, m := range spacedKr.FindAllStringSubmatch(l, -1) {
		f, ok := number(m[1])
		if ok {
			out = append(out, int64(f))
		}
	}
	return out
}

// group writes n with spaces between groups of three digits.
func group(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// checkGroupRows reads each group table's rows ("2019–2025  47,5  54,3
// 6,8") and checks that the gap is B − A as printed.
func checkGroupRows(t *testing.T, r *annual.Report, d *Doc) {
	want := 0
	for _, ind := range r.Indicators {
		if ind.Groups != nil {
			want += len(ind.Groups.Series)
		}
	}
	row := regexp.MustCompile(`^\s*(\d{4}(?:–\d{4})?)\s{2,}(−?[\d,]+)\s{2,}(−?[\d,]+)\s{2,}(−?[\d,]+)\s*$`)
	got := 0
	for _, l := range indicatorsChapter(r, d) {
		m := row.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		a, _ := number(m[2])
		b, _ := number(m[3])
		g, _ := number(m[4])
		got++
		if math.Abs(b-a-g) > 1e-9 {
			t.Errorf("group gap %s is not %s − %s", m[4], m[3], m[2])
		}
	}
	if got < want {
		t.Errorf("%d rows of group gaps in the text, the report has %d", got, want)
	}
}

// checkWording runs the shared wording rules on the report's own texts:
// what the municipality typed (measure and unit names, the units' notes)
// and catalogue texts without a nynorsk version are taken out first.
func checkWording(t *testing.T, r *annual.Report, d *Doc) {
	var user []string
	for _, m := range r.Measures.Rows {
		user = append(user, m.Name, m.Unit)
	}
	for _, m := range r.Measures.Deviations {
		user = append(user, m.Note, m.Comment, m.Name)
	}
	for _, m := range r.Measures.NotRunning {
		user = append(user, m.Name)
	}
	for _, g := range r.Money.ByUnit {
		user = append(user, g.Name)
	}
	for _, e := range r.Measures.Effects {
		user = append(user, e.Name)
	}
	for _, ind := range r.Indicators {
		if !ind.DefinitionTranslated {
			user = append(user, ind.Definition)
		}
	}
	text := userText(d.Raw, user)
	l := "nb"
	if r.Lang == indicators.Nynorsk {
		l = "nn"
	}
	wording.Assert(t, "report", text, l)
}

// checkPages asserts no page holds only a sum row, only a chart, or ends
// with a numbered heading, and no page is a single stray line.
func checkPages(t *testing.T, d *Doc) {
	for i, pg := range d.Pages {
		var content []string
		for _, l := range lines(pg) {
			tl := strings.TrimSpace(l)
			if tl == "" || strings.Contains(tl, "Side ") && strings.Contains(tl, " av ") || strings.HasPrefix(tl, "INTERN") {
				continue
			}
			content = append(content, tl)
		}
		if i == 0 || len(content) == 0 {
			continue // the cover
		}
		sum, rest := false, 0
		for _, c := range content {
			switch {
			case regexp.MustCompile(`^Sum\s{2,}`).MatchString(c):
				sum = true
			case !isHeaderRow(c) || len(content) > 3:
				rest++
			}
		}
		if sum && rest == 0 {
			t.Errorf("page %d holds only a sum row:\n%s", i+1, strings.Join(content, "\n"))
		}
		if regexp.MustCompile(`^Figur( \d+)?:`).MatchString(content[0]) && len(content) <= 3 && d.Images[i] <= 1 {
			t.Errorf("page %d is spent on one chart:\n%s", i+1, strings.Join(content, "\n"))
		}
		if last := content[len(content)-1]; regexp.MustCompile(`^\d(?:\.\d+)? \S`).MatchString(last) && !regexp.MustCompile(`\d$`).MatchString(last) {
			t.Errorf("page %d ends with the heading %q", i+1, last)
		}
		if len(content) == 1 && d.Images[i] == 0 {
			t.Errorf("page %d holds one line: %q", i+1, content[0])
		}
	}
}

// isHeaderRow is a repeated table header: words and years, no figures.
func isHeaderRow(l string) bool {
	return !krRE.MatchString(l) && !regexp.MustCompile(`\d,\d`).MatchString(l)
}

func checkCover(t *testing.T, r *annual.Report, d *Doc) {
	cover := flat(d.Pages[0])
	m := regexp.MustCompile(`Dato: (\d{1,2})\. (\S+) (\d{4})`).FindStringSubmatch(cover)
	if m == nil {
		t.Fatalf("no date on the cover:\n%s", cover)
	}
	months := []string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}
	var day, year int
	fmt.Sscan(m[1], &day)
	fmt.Sscan(m[3], &year)
	month := 0
	for i, n := range months {
		if n == m[2] {
			month = i + 1
		}
	}
	date := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	end := time.Date(r.PeriodEnd.Year(), r.PeriodEnd.Month(), r.PeriodEnd.Day(), 0, 0, 0, 0, time.UTC)
	if date.Before(end) {
		t.Errorf("the cover is dated %s, before the period ends (%s)", m[0], end.Format("2006-01-02"))
	}
	if !regexp.MustCompile(`(?:Tallgrunnlag|Talgrunnlag) per \d{1,2}\. \S+ \d{4}`).MatchString(cover) {
		t.Errorf("the cover does not state the data's date:\n%s", cover)
	}
}

// checkPublic: the public edition never says which figure protects
// another, and every page with a note on withheld figures in a chart
// holds that chart.
func checkPublic(t *testing.T, r *annual.Report, d *Doc) {
	for _, w := range []string{"skjermer en annen", "skjermar ein annan", "sekundær", "komplementær"} {
		if strings.Contains(strings.ToLower(d.Layout), w) {
			t.Errorf("the public edition says %q", w)
		}
	}
	for i, pg := range d.Pages {
		f := flat(pg)
		if (strings.Contains(f, "er holdt tilbake for å verne små grupper, så linjene") || strings.Contains(f, "er haldne tilbake for å verne små grupper, så linjene")) && d.Images[i] == 0 {
			t.Errorf("page %d explains a gap in a chart that is not on the page", i+1)
		}
	}
	for _, ind := range r.Indicators {
		for _, n := range ind.ChartNotes {
			if !strings.Contains(flat(d.Layout), flat(strings.ReplaceAll(n, "\u00a0", " "))) {
				t.Errorf("%s: the note on the chart's gaps is missing: %q", ind.Name, n)
			}
		}
	}
}

var (
	pageRE = regexp.MustCompile(`<page `)
	wordRE = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
)

// checkSumFont compares the height of a sum row's amounts with that of
// the amounts in the row above it: the sum row is set in the table's
// size (bold, but not smaller).
func checkSumFont(t *testing.T, d *Doc) {
	type line struct {
		y      string
		words  []string
		height []float64
	}
	checked := 0
	for pi, page := range pageRE.Split(d.Bbox, -1) {
		var ls []*line
		at := map[string]*line{}
		for _, m := range wordRE.FindAllStringSubmatch(page, -1) {
			l, ok := at[m[1]]
			if !ok {
				l = &line{y: m[1]}
				at[m[1]] = l
				ls = append(ls, l)
			}
			lo, _ := number(strings.Replace(m[1], ".", ",", 1))
			hi, _ := number(strings.Replace(m[2], ".", ",", 1))
			l.words = append(l.words, m[3])
			l.height = append(l.height, math.Round((hi-lo)*100)/100)
		}
		amountHeights := func(l *line) []float64 {
			var out []float64
			for i, w := range l.words {
				if w == "kr" {
					out = append(out, l.height[i])
				}
			}
			return out
		}
		for i, l := range ls {
			if len(l.words) == 0 || !slices.Contains(l.words, "Sum") {
				continue
			}
			sum := amountHeights(l)
			if len(sum) == 0 {
				continue
			}
			for j := i - 1; j >= 0; j-- {
				row := amountHeights(ls[j])
				if len(row) == 0 {
					continue
				}
				checked++
				if row[0] != sum[0] {
					t.Errorf("page %d: the sum row's amounts are %v high, the row above %v: not the table's size", pi, sum, row)
				}
				break
			}
		}
	}
	if checked == 0 {
		t.Error("no sum row with amounts found")
	}
}
