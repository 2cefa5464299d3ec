package letters

import (
	"strconv"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// meta is a letter's PDF metadata.
func meta(l *Letter, title string) pdf.Meta {
	lang := "nb-NO"
	if l.Lang == indicators.Nynorsk {
		lang = "nn-NO"
	}
	return pdf.Meta{Title: title, Author: l.Municipality.Name, Subject: l.Subject, Lang: lang,
		Keywords: "oppdragsbrev helsebudsjett " + strconv.Itoa(l.Year), Created: created(l.Date)}
}

// created is the documents' creation date: the letter's date at 08:00 in
// Oslo, never the clock.
func created(d time.Time) time.Time {
	d = d.In(wheel.Oslo())
	return time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, wheel.Oslo())
}

// RenderPDF writes the letter as a PDF of its own and returns it with its
// number of pages.
func RenderPDF(l *Letter) ([]byte, int, error) {
	d := pdf.New(pdf.Options{Meta: meta(l, l.Subject+" – "+l.Unit.Name)})
	Render(d, l, 0, false)
	pages := d.Pages()
	b, err := d.Bytes()
	return b, pages, err
}

// RenderCombined writes the letters into one PDF with a bookmark per unit
// and each letter's pages numbered by themselves; pages[i] is the number
// of pages of letters[i] on its own (from RenderPDF).
func RenderCombined(letters []*Letter, pages []int, title string) ([]byte, error) {
	if len(letters) == 0 {
		return nil, nil
	}
	m := meta(letters[0], title)
	m.Subject = title
	d := pdf.New(pdf.Options{Meta: m})
	for i, l := range letters {
		Render(d, l, pages[i], true)
	}
	return d.Bytes()
}

// Render sets the letter into d from a new page: its pages are numbered
// by themselves (of total pages; 0 for a letter that is the whole
// document), and in a combined document (part) it gets a bookmark of its
// own with the sections below it.
func Render(d *pdf.Document, l *Letter, total int, part bool) {
	lb := labelsFor(l.Lang)
	d.Part() // one Sect per letter in the structure tree
	d.BeginGroup(total, l.Municipality.Name+" · "+l.Subject+" · "+l.Unit.Name)
	if l.Draft {
		d.PageHeader(lb.Draft)
	} else {
		d.PageHeader("")
	}
	d.AddPage()
	if part {
		d.Nest(0)
		d.Bookmark(l.Unit.Name, 0)
		d.Nest(1)
	}
	letterhead(d, l, lb)
	d.SetY(100)
	d.Heading(0, l.Subject)
	d.Space(2)

	t := l.Titles
	d.Heading(1, t.Intro)
	paras(d, l.Intro)

	d.Heading(1, t.Challenges)
	paras(d, l.ChallengesText)
	if len(l.Challenges) > 0 {
		rows := make([][]string, len(l.Challenges))
		for i, c := range l.Challenges {
			latest, path, target := lb.NoValue, "–", "–"
			if c.Value != nil {
				latest = c.Value.Text + " (" + c.Period + ")"
			}
			if c.Path != nil {
				path = c.Path.Text
			}
			if c.Target != nil {
				target = c.Target.Text + " " + lb.In + " " + strconv.Itoa(c.TargetYear)
			}
			status := c.Status
			if c.Distance != "" {
				status += ": " + c.Distance
			}
			name := c.Name
			if c.Kommune {
				name = ""
			}
			rows[i] = []string{name, c.Area, latest, path, target, status}
		}
		d.Table(pdf.Table{Header: []string{lb.Indicator, lb.Area, lb.Latest, lb.Path, lb.Target, lb.Status},
			Rows: rows, Widths: []float64{36, 24, 24, 17, 21, 33}})
	}

	d.Heading(1, t.Budget)
	budgetText, shared := l.BudgetText, []string(nil)
	if len(l.Budget.Shared) > 0 && len(budgetText) > 1 {
		budgetText, shared = budgetText[:1], budgetText[1:]
	}
	paras(d, budgetText)
	if b := l.Budget; len(b.Rows) > 0 && len(b.Keys) > 0 {
		header := []string{lb.Nr, lb.Measure}
		widths := []float64{10, 155 - 10 - 25*float64(len(b.Keys))}
		align := []pdf.Align{pdf.Left, pdf.Left}
		for _, k := range b.Keys {
			header = append(header, strconv.Itoa(k.Year))
			widths = append(widths, 25)
			align = append(align, pdf.Right)
		}
		rows := make([][]string, len(b.Rows))
		for i, r := range b.Rows {
			rows[i] = []string{r.Nr, r.Name}
			for _, ore := range r.Ore {
				rows[i] = append(rows[i], Kroner(ore))
			}
		}
		total := []string{"", lb.Sum}
		for _, ore := range b.Total {
			total = append(total, Kroner(ore))
		}
		if b.Note != "" { // above the table, so it is never parted from it
			d.StyledParagraph(b.Note, pdf.Style{Size: 8, Gray: true})
		}
		d.Table(pdf.Table{Header: header, Rows: rows, Widths: widths, Align: align, Total: total})
	}
	paras(d, shared)

	d.Heading(1, t.Goals)
	paras(d, l.GoalsText)
	if len(l.Goals) > 0 {
		var rows [][]string
		star := false
		for _, g := range l.Goals {
			nr := g.Nr
			if g.Reports {
				nr += "*"
				star = true
			}
			if len(g.Indicators) == 0 {
				rows = append(rows, []string{nr, g.Name, "–", "–"})
				continue
			}
			for j, gi := range g.Indicators {
				target := gi.Target
				if target == "" {
					target = "–"
				}
				if gi.AreaTarget != "" {
					target += " (" + gi.AreaTarget + ")"
				}
				if j == 0 {
					rows = append(rows, []string{nr, g.Name, gi.Name, target})
				} else {
					rows = append(rows, []string{"", "", gi.Name, target})
				}
			}
		}
		d.Table(pdf.Table{Header: []string{lb.Nr, lb.Measure, lb.ResultIndicator, lb.Targets}, Rows: rows,
			Widths: []float64{10, 50, 55, 40}})
		if star {
			d.StyledParagraph(starNote(l.Lang), pdf.Style{Size: 8, Gray: true})
		}
	}

	d.Heading(1, t.Reporting)
	paras(d, l.ReportingText)
	if len(l.Reporting.Deadlines) > 0 {
		rows := make([][]string, len(l.Reporting.Deadlines))
		for i, dl := range l.Reporting.Deadlines {
			rows[i] = []string{wheel.FormatDate(dl.Date), dl.Title, dl.Note}
		}
		d.Table(pdf.Table{Header: []string{lb.Deadline, lb.Task, lb.Note}, Rows: rows, Widths: []float64{20, 85, 50}})
	}

	d.Space(2)
	d.Need(closingHeight(d, l))
	paras(d, l.Closing)
	signature(d, l, lb)
}

func starNote(lang indicators.Lang) string {
	if lang == indicators.Nynorsk {
		return "* Eininga har rapporteringsansvaret for tiltaket."
	}
	return "* Enheten har rapporteringsansvaret for tiltaket."
}

func paras(d *pdf.Document, ps []string) {
	for _, p := range ps {
		d.Paragraph(p)
	}
}

// letterhead writes the first page's head: logo and name, the contact
// lines, the recipient in the envelope's window and the references.
func letterhead(d *pdf.Document, l *Letter, lb *labels) {
	mg := d.Margins()
	d.FoldMarks(pdf.FoldMarks)
	x := mg.Left
	if len(l.logo) > 0 {
		d.Image("logo", l.logoKind, l.logo, pdf.Rect{X: mg.Left, Y: 12, W: 30, H: 16})
		x += 20
	}
	m := l.Municipality
	d.TextAt(pdf.Rect{X: x, Y: 13, W: 95 - (x - mg.Left), H: 8}, []string{m.Name}, pdf.Style{Size: 15, Bold: true})
	d.TextAt(pdf.Rect{X: x, Y: 21, W: 95 - (x - mg.Left), H: 10}, []string{m.Sender}, pdf.Style{Size: 10})
	var contact []string
	contact = append(contact, m.Address...)
	for _, c := range [][2]string{{lb.Phone, m.Phone}, {lb.Email, m.Email}, {lb.Web, m.Web}, {lb.OrgNumber, m.OrgNumber}} {
		if c[1] != "" {
			contact = append(contact, c[0]+": "+c[1])
		}
	}
	d.TextAt(pdf.Rect{X: 118, Y: 13, W: pdf.PageWidth - mg.Right - 118, H: 30}, contact, pdf.Style{Size: 7.5, Gray: true})
	d.TextAt(pdf.AddressWindow, l.Recipient, pdf.Style{Size: 10})
	refs := []pdf.KV{{Key: lb.Date, Value: dateText(l.Date)}, {Key: lb.OurRef, Value: l.OurRef}, {Key: lb.YourRef, Value: l.YourRef},
		{Key: lb.CaseOfficer, Value: l.CaseOfficer}, {Key: lb.ArchiveCode, Value: l.ArchiveCode}}
	d.KeyValue(pdf.Rect{X: 118, Y: 50, W: pdf.PageWidth - mg.Right - 118}, refs, 29, pdf.Style{Size: 8.5})
}

// signature writes the regards, the signers (the second beside or below
// the first, as the configuration says), and the line of an
// electronically approved letter.
func signature(d *pdf.Document, l *Letter, lb *labels) {
	s := l.Signature
	d.Space(2)
	d.Paragraph(lb.Regards)
	if s.Electronic {
		d.Space(2)
	} else {
		d.Space(12)
	}
	var block []string
	for _, n := range signers(s) {
		block = append(block, strings.TrimSpace(n[0]+"\n"+n[1]))
	}
	switch {
	case len(block) == 2 && s.Layout != "below":
		y, w := d.Y(), d.ContentWidth()/2
		mg := d.Margins()
		d.TextAt(pdf.Rect{X: mg.Left, Y: y, W: w - 5, H: 3 * d.LineHeight()}, strings.Split(block[0], "\n"), pdf.Style{})
		d.TextAt(pdf.Rect{X: mg.Left + w, Y: y, W: w - 5, H: 3 * d.LineHeight()}, strings.Split(block[1], "\n"), pdf.Style{})
		d.SetY(y + 2*d.LineHeight() + d.LineHeight()/2)
	case len(block) > 0:
		d.Paragraph(strings.Join(block, "\n\n"))
	}
	if s.Electronic {
		d.StyledParagraph(lb.Electronic, pdf.Style{Gray: true, Size: 9})
	}
}

// signers are the names and titles that sign, the second only when named.
func signers(s Signature) [][2]string {
	var out [][2]string
	if strings.TrimSpace(s.Name+s.Title) != "" {
		out = append(out, [2]string{s.Name, s.Title})
	}
	if s.AlsoBy != nil && strings.TrimSpace(s.AlsoBy.Name) != "" {
		out = append(out, [2]string{s.AlsoBy.Name, s.AlsoBy.Title})
	}
	return out
}

// closingHeight is the height of the closing paragraphs and the signature
// block, so they are kept on one page: a signature never stands alone.
func closingHeight(d *pdf.Document, l *Letter) float64 {
	lh := d.LineHeight()
	h := 0.0
	for _, p := range l.Closing {
		h += float64(len(d.Wrap(p, d.ContentWidth(), pdf.Style{})))*lh + lh/2
	}
	h += 2 + 1.5*lh // the regards
	if l.Signature.Electronic {
		h += 2 + 2*lh
	} else {
		h += 12
	}
	n := len(signers(l.Signature))
	if n == 2 && l.Signature.Layout == "below" {
		h += 5.5 * lh
	} else if n > 0 {
		h += 2.5 * lh
	}
	return h + 2
}
