package web

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// The wheel's geometry in SVG user units.
const (
	cx, cy    = 320.0, 320.0
	rOuter    = 280.0 // month ring, outer edge
	rMonth    = 240.0 // month ring, inner edge
	rTask     = 215.0 // task marks
	rDeadline = 185.0 // deadline marks
	rLabel    = 260.0 // month names
)

type point struct{ X, Y float64 }

type monthSector struct {
	Name    string
	Path    string // the ring segment
	Label   point
	Current bool
}

type mark struct {
	At, Due  point
	HasDue   bool
	Title    string
	When     string
	Deadline string
	Ran      string
	Past     bool
}

type listed struct {
	Date, Title, Note, Who string
}

type pageData struct {
	Name, Lang       string
	Self             string // the page's own path, for its links
	Year, Prev, Next int
	Today            string
	ShowToday        bool
	Hand             point
	Months           []monthSector
	Marks            []mark
	Upcoming         []listed
	Tasks            []taskRow // every occurrence of the year, with its run
	CanRun           bool      // the caller may run what is due now
	Message          string
}

// taskRow is one occurrence of the year as the wheel page's table lists
// it: when, what, whether it ran, and the page where its work is done.
type taskRow struct {
	When, Title, Run, Link, LinkText string
}

// taskLink is the page of a task's work, by its action.
func taskLink(a wheel.Action, year int, lang string) (string, string) {
	pick := func(nb, nn string) string {
		if lang == "nn" {
			return nn
		}
		return nb
	}
	switch a {
	case wheel.Letters:
		return fmt.Sprintf("/dokumenter?year=%d", year), pick("Oppdragsbrevene", "Oppdragsbreva")
	case wheel.Report:
		return "/rapport/", pick("Rapportene", "Rapportane")
	case wheel.ExportBudget:
		return "/budsjett", pick("Budsjettet", "Budsjettet")
	case wheel.Remind:
		return "/tertial", pick("Tertialrapporten", "Tertialrapporten")
	}
	return "", ""
}

// angle maps an instant to its place on the year's circle, January at the
// top, clockwise.
func angle(t time.Time, year int) float64 {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, wheel.Oslo())
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, wheel.Oslo())
	f := float64(t.Sub(start)) / float64(end.Sub(start))
	return f*2*math.Pi - math.Pi/2
}

func at(a, r float64) point {
	return point{math.Round((cx+r*math.Cos(a))*10) / 10, math.Round((cy+r*math.Sin(a))*10) / 10}
}

func buildPage(name string, year int, lang string, now time.Time, entries []Entry) pageData {
	p := pageData{Name: name, Lang: lang, Year: year, Prev: year - 1, Next: year + 1,
		Today: wheel.LongDate(now), ShowToday: now.Year() == year}
	if p.ShowToday {
		p.Hand = at(angle(now, year), rOuter+10)
	}
	for m := time.January; m <= time.December; m++ {
		a0 := angle(time.Date(year, m, 1, 0, 0, 0, 0, wheel.Oslo()), year)
		a1 := angle(time.Date(year, m+1, 1, 0, 0, 0, 0, wheel.Oslo()), year)
		o0, o1, i1, i0 := at(a0, rOuter), at(a1, rOuter), at(a1, rMonth), at(a0, rMonth)
		mid := at((a0+a1)/2, rLabel)
		p.Months = append(p.Months, monthSector{
			Name: wheel.MonthName(m),
			Path: fmt.Sprintf("M%v %v A%v %v 0 0 1 %v %v L%v %v A%v %v 0 0 0 %v %v Z",
				o0.X, o0.Y, rOuter, rOuter, o1.X, o1.Y, i1.X, i1.Y, rMonth, rMonth, i0.X, i0.Y),
			Label: mid, Current: p.ShowToday && now.Month() == m,
		})
	}
	for _, e := range entries {
		o := e.Occ
		mk := mark{At: at(angle(o.At, year), rTask), Title: o.Task.Title.In(lang),
			When: o.At.In(wheel.Oslo()).Format("02.01.2006 15:04"), Ran: e.Status, Past: o.At.Before(now)}
		if o.Due != nil {
			mk.Deadline = o.Due.String()
			if o.Due.Date.Year() == year {
				mk.HasDue, mk.Due = true, at(angle(o.Due.Date.Add(12*time.Hour), year), rDeadline)
			}
		}
		p.Marks = append(p.Marks, mk)
	}
	p.Upcoming = upcoming(entries, now, lang, 8)
	for _, e := range entries {
		o := e.Occ
		run := e.Status
		if run == "" {
			run = map[bool]string{true: "ikke kjørt", false: "ikkje køyrt"}[lang != "nn"]
			if o.At.After(now) {
				run = "–"
			}
		}
		link, text := taskLink(o.Task.Action, year, lang)
		p.Tasks = append(p.Tasks, taskRow{When: wheel.LongDate(o.At), Title: o.Task.Title.In(lang), Run: run, Link: link, LinkText: text})
	}
	return p
}

// upcoming lists the next n deadlines from today, in date order.
func upcoming(entries []Entry, now time.Time, lang string, n int) []listed {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, wheel.Oslo())
	var dues []wheel.Occurrence
	for _, e := range entries {
		if e.Occ.Due != nil && !e.Occ.Due.Date.Before(today) {
			dues = append(dues, e.Occ)
		}
	}
	sort.SliceStable(dues, func(i, j int) bool { return dues[i].Due.Date.Before(dues[j].Due.Date) })
	if len(dues) > n {
		dues = dues[:n]
	}
	moved := "flyttet fra"
	if lang == "nn" {
		moved = "flytta frå"
	}
	out := make([]listed, 0, len(dues))
	for _, o := range dues {
		l := listed{Date: wheel.LongDate(o.Due.Date), Title: o.Task.Title.In(lang), Who: strings.Join(o.Task.Responsible, ", ")}
		if o.Due.Moved() {
			l.Note = fmt.Sprintf("%s %s (%s)", moved, wheel.FormatDate(o.Due.MovedFrom), o.Due.Reason)
		}
		out = append(out, l)
	}
	return out
}

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))
