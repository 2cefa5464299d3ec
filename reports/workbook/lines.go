package workbook

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// lines streams Budsjettlinjer: every budget line linked to a measure, one
// row per (line, measure), with its codes, its part of the budget (Del),
// its row in the budget file of that part, its
// texts and other attributes, the measure, its Andel, the line's amount and
// the amount counted as a formula, ROUND(amount × Andel / 100; 2), whose
// cached value is budget.Counted (Excel's ROUND rounds half away from zero,
// as Counted does). A sum row closes the table.
func (wr *writer) lines(links Links) error {
	b := wr.b
	st := wr.st
	head := []string{wr.l("Nr", "Nr"), wr.l("Tiltak", "Tiltak"), wr.l("Rad i budsjettfila", "Rad i budsjettfila"),
		"Ansvar", "Funksjon", wr.l("Tjeneste", "Teneste"), "Art", "Konto", "Prosjekt", "Del"}
	widths := []float64{6, 36, 10, 9, 9, 10, 7, 8, 10, 12}
	seen := map[string]bool{}
	for _, h := range head {
		seen[h] = true
	}
	var attrs []string
	for _, a := range b.Attributes {
		if seen[a] {
			continue // a table's headers must differ
		}
		seen[a] = true
		attrs = append(attrs, a)
		head = append(head, a)
		widths = append(widths, 30)
	}
	colAmount := len(head) + 1
	head = append(head, wr.l("Beløp på linjen", "Beløp på lina"), wr.l("Andel (%)", "Del (%)"), wr.l("Regnet til tiltaket", "Rekna til tiltaket"))
	widths = append(widths, 18, 10, 18)
	var width float64
	for i, h := range head {
		widths[i] = max(widths[i], float64(utf8.RuneCountInString(h)+2)) // headers whole, on one line
		width += widths[i]
	}
	// Before the stream: its writer copies the page setup.
	if err := wr.printSetup(SheetLines, width, 1, 1); err != nil {
		return err
	}
	sw, err := wr.f.NewStreamWriter(SheetLines)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	cells := make([]any, len(head))
	for i, h := range head {
		cells[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	names := map[string]string{}
	for _, m := range b.Measures {
		names[m.Nr] = m.Name
	}
	amountCol, shareCol := colName(colAmount), colName(colAmount+1)
	row := 1
	var total budget.BigSum
	// top places a cell's value at the top of its row, as the wrapped
	// texts beside it are.
	top := func(v any) any {
		if v == nil {
			return nil // an empty cell needs no style
		}
		return excelize.Cell{StyleID: st.text, Value: v}
	}
	err = links(func(l budget.Link) error {
		row++
		if row > maxRows-2 {
			return budget.Errorf(budget.EINVALID, "more than %d budget lines are linked to measures in %s: more than an Excel sheet holds; narrow the measures' budget links (Budsjettkobling)",
				maxRows-3, b.Key)
		}
		line, counted := l.Line, l.CountedOre
		amount, err := kroner(l.LineOre)
		if err != nil {
			return err
		}
		cnt, err := kroner(counted)
		if err != nil {
			return err
		}
		share, _ := l.Share.Float64()
		clear(cells)
		// The measure's name and the texts wrap in their columns, on a
		// row as high as its longest text needs, so nothing is cut in print.
		lines := lineCount(names[l.Measure], widths[1])
		cells[0], cells[1], cells[2] = top(l.Measure), excelize.Cell{StyleID: st.wrap, Value: names[l.Measure]}, top(line.Row)
		cells[3], cells[4], cells[5], cells[6], cells[7], cells[8] = top(text(line.Ansvar)), top(text(line.Funksjon)), top(text(line.Tjeneste)),
			top(text(line.Art)), top(text(line.Konto)), top(text(line.Prosjekt))
		cells[9] = top(string(line.Part)) // drift, investering, or begge for a file holding both: the file Rad refers to
		for i, a := range attrs {
			if v, ok := line.Attr(a); ok && v != "" {
				cells[10+i] = excelize.Cell{StyleID: st.wrap, Value: v}
				lines = max(lines, lineCount(v, widths[10+i]))
			}
		}
		r := itoa(row)
		cells[colAmount-1] = excelize.Cell{StyleID: st.krOre, Value: amount}
		cells[colAmount] = excelize.Cell{StyleID: st.num, Value: share}
		cells[colAmount+1] = excelize.Cell{StyleID: st.krOre, Value: cnt,
			Formula: "ROUND(" + amountCol + r + "*" + shareCol + r + "/100,2)"}
		total.Add(counted)
		if lines > 1 {
			return sw.SetRow("A"+r, cells, excelize.RowOpts{Height: rowHeight(lines)})
		}
		return sw.SetRow("A"+r, cells)
	})
	if err != nil {
		return err
	}
	sum, ok := total.Ore()
	if !ok {
		return budget.Errorf(budget.EINVALID, "the amount linked to measures in %s is too large", b.Key)
	}
	// Both parts: the lines sheet lists the investeringsdel's linked lines
	// too, which Linked (the driftsdel's) leaves out.
	if len(b.Years) > 0 && sum != b.Years[0].Linked+b.Years[0].LinkedInvestering {
		return budget.Errorf(budget.ECONFLICT, "the budget or the measures changed while the workbook was written (%s kr linked, then %s kr): write it again",
			budget.FormatOre(b.Years[0].Linked+b.Years[0].LinkedInvestering), budget.FormatOre(sum))
	}
	last := max(row, 2)
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + cellName(len(head), last), Name: "Budsjettlinjer",
		StyleName: "TableStyleLight9", ShowRowStripes: ptr(true)}); err != nil {
		return err
	}
	sumCell, err := kroner(sum)
	if err != nil {
		return err
	}
	counted := colName(colAmount + 2)
	clear(cells)
	cells[0] = excelize.Cell{StyleID: st.bold, Value: wr.l("Sum", "Sum")}
	cells[colAmount+1] = excelize.Cell{StyleID: st.krSum, Value: sumCell,
		Formula: fmt.Sprintf("SUM(%s2:%s%d)", counted, counted, last)}
	if err := sw.SetRow(cellName(1, last+1), cells); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return wr.measureFormulas(row, counted)
}

// text is a code cell: the code as text, nothing when empty.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
