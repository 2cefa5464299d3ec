package annual

import (
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// dropEmpty removes from t the columns from index first on whose every
// row and total cell is empty or Missing, and returns their headers: a
// column with nothing in it (a year without a budget, a period without
// reports) is left out, and the caller says so in a note.
func dropEmpty(t *pdf.Table, first int) []string {
	var keep []int
	var dropped []string
	for c := range t.Widths {
		empty := c >= first
		for _, row := range append(append([][]string{}, t.Rows...), t.Total) {
			if row != nil && c < len(row) && row[c] != "" && row[c] != Missing {
				empty = false
			}
		}
		if len(t.Rows) == 0 {
			empty = false
		}
		if empty {
			if c < len(t.Header) {
				dropped = append(dropped, t.Header[c])
			}
			continue
		}
		keep = append(keep, c)
	}
	if len(dropped) == 0 {
		return nil
	}
	pick := func(row []string) []string {
		if row == nil {
			return nil
		}
		out := make([]string, 0, len(keep))
		for _, c := range keep {
			if c < len(row) {
				out = append(out, row[c])
			} else {
				out = append(out, "")
			}
		}
		return out
	}
	t.Header = pick(t.Header)
	for i := range t.Rows {
		t.Rows[i] = pick(t.Rows[i])
	}
	t.Total = pick(t.Total)
	var ws []float64
	var al []pdf.Align
	for _, c := range keep {
		ws = append(ws, t.Widths[c])
		if c < len(t.Align) {
			al = append(al, t.Align[c])
		} else {
			al = append(al, pdf.Left)
		}
	}
	t.Widths, t.Align = ws, al
	return dropped
}

// roundingNote compares, per column, the sum of the whole-kroner figures
// the rows print (rows[i][c]) with the printed sum (totals[c]), and says
// where they differ: each amount is rounded to whole kroner on its own,
// and the sum row is the rounded exact total. "" when every column adds up
// as printed. The text starts with a space, to follow another sentence.
func roundingNote(lang indicators.Lang, names []string, rows [][]int64, totals []int64) string {
	var parts []string
	for c, name := range names {
		var sum int64
		for _, r := range rows {
			if c < len(r) {
				sum += r[c]
			}
		}
		if c >= len(totals) || sum == totals[c] {
			continue
		}
		d := totals[c] - sum
		word := lang2(lang, "høyere", "høgare")
		if d < 0 {
			word, d = lang2(lang, "lavere", "lågare"), -d
		}
		parts = append(parts, fmt.Sprintf(lang2(lang, "summen for %s er %s %s enn radene lagt sammen", "summen for %s er %s %s enn radene lagde saman"),
			strings.ToLower(name), KronerOf(d), word))
	}
	if len(parts) == 0 {
		return ""
	}
	return lang2(lang, " Hvert beløp er avrundet til hele kroner for seg, og summen er den avrundede summen av de eksakte beløpene: ",
		" Kvart beløp er avrunda til heile kroner for seg, og summen er den avrunda summen av dei eksakte beløpa: ") + joinAnd(lang, parts) + "."
}
