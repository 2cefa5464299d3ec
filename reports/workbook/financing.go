package workbook

import (
	"fmt"
)

// financing writes Finansiering: a table of Virksomhet, Tiltak, a drift
// and an investering column per plan year (the budget's two parts,
// kommuneloven § 14-4, adopted apart) and the unit's code, one row per unit and measure
// (model.UnitFinancing says which unit a krone goes to); below it a sum row
// per unit and the sum of all. A unit's sum picks the table's rows by the
// unit's code, compared exactly (SUMPRODUCT of EXACT, not SUMIF, whose
// criteria read ">0", "a*" or "=x" as conditions and ignore case), so
// sorting and filtering the table keeps the sums right and no name can
// change them.
func (wr *writer) financing() error {
	b := wr.b
	s := wr.sheet(SheetFinancing)
	st := wr.st
	n := len(b.Plan)
	s.title(fmt.Sprintf(wr.l("Finansiering av tiltakene %s", "Finansiering av tiltaka %s"), planSpan(b.Plan)))
	s.note(2, wr.l("Beløp i kroner. Pengene til et tiltak regnes til den ansvarlige virksomheten som har budsjettlinjens ansvar, ellers til virksomheten som rapporterer (*).",
		"Beløp i kroner. Pengane til eit tiltak blir rekna til den ansvarlege verksemda som har ansvaret på budsjettlina, elles til verksemda som rapporterer (*)."))
	head := []string{wr.l("Virksomhet", "Verksemd"), wr.l("Tiltak", "Tiltak")}
	for _, k := range b.Plan {
		head = append(head, wr.yearLabel(k)+" drift", wr.yearLabel(k)+" investering")
	}
	codeCol := 3 + 2*n
	row := 4
	s.header(1, row, append(head, wr.l("Kode", "Kode"))...)
	s.freeze(row + 1)
	s.printTitles(row, row)
	top := row
	row++
	first := row
	for _, uf := range b.Financing {
		for _, m := range uf.Measures {
			s.str(1, row, uf.Unit.Name, st.text)
			s.str(2, row, m.Nr+" "+m.Name, st.text)
			for j, o := range m.Drift() {
				s.money(3+2*j, row, o, st.kr)
				s.money(4+2*j, row, m.Investering[j], st.kr)
			}
			s.str(codeCol, row, uf.Unit.Code, st.text)
			row++
		}
	}
	last := row - 1
	s.table("Finansiering", 1, top, codeCol, max(last, top))
	if last < first {
		last = first // the table's empty row
		row++
	}
	row += 2
	s.str(1, row, wr.l("Sum per virksomhet", "Sum per verksemd"), st.bold)
	row++
	s.header(1, row, append(append([]string{wr.l("Virksomhet", "Verksemd"), ""}, head[2:]...), wr.l("Kode", "Kode"))...)
	row++
	total := make([]int64, 2*n)
	k := colName(codeCol)
	for _, uf := range b.Financing {
		s.str(1, row, wr.l("Sum ", "Sum ")+uf.Unit.Name, st.bold)
		s.str(codeCol, row, uf.Unit.Code, st.text)
		for j, o := range uf.Total {
			for i, v := range []int64{o - uf.TotalInvestering[j], uf.TotalInvestering[j]} {
				col := 3 + 2*j + i
				c := colName(col)
				s.formula(col, row, fmt.Sprintf(`SUMPRODUCT(--EXACT($%s$%d:$%s$%d,$%s%d),%s$%d:%s$%d)`, k, first, k, last, k, row, c, first, c, last), v, st.krSum)
				total[2*j+i] += v
			}
		}
		row++
	}
	s.str(1, row, wr.l("Sum alle virksomheter", "Sum alle verksemder"), st.bold)
	for j := 0; j < 2*n; j++ {
		c := colName(3 + j)
		s.formula(3+j, row, fmt.Sprintf("SUM(%s%d:%s%d)", c, first, c, last), total[j], st.krSum)
	}
	if s.err != nil {
		return s.err
	}
	return s.finish(50)
}
