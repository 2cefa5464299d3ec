package sample

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
	"github.com/xuri/excelize/v2"
)

// Spec says what WriteCSV and WriteXLSX write.
type Spec struct {
	// Lines is 0 for the sample itself, in the shape of its committed
	// template; or the number of synthetic lines of a benchmark file.
	Lines int
	// Seed varies the synthetic amounts; the structure does not change.
	// It is ignored when Lines is 0: the sample is always the same.
	Seed uint64
}

// benchHeader is the header of benchmark files: one amount column, whose
// year and version the importer is told.
var benchHeader = []string{"Ansvar", "Ansvar tekst", "Funksjon", "Art", "Prosjekt", "Tekst", "Beløp"}

// WriteCSV writes a csv file. With spec.Lines 0 it is the sample's
// regnskap-2026.csv. Otherwise it is a benchmark file of exactly
// spec.Lines lines below the header, streamed with constant memory: UTF-8
// without BOM, ';'-separated, LF line ends, the columns of benchHeader,
// 3-digit funksjon and art, and amounts like "-1 362 250" or "810,50"
// (groups separated by a non-breaking space, decimals only when there is
// øre). Every (ansvar, funksjon, art, prosjekt) occurs once, and the
// amounts sum to exactly 0: the last line balances the rest on funksjon
// 880. Lines < 0 is an EINVALID error.
func WriteCSV(w io.Writer, spec Spec) error {
	if spec.Lines == 0 {
		return writeAccounts(w)
	}
	if err := spec.check(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	c := csvsafe.NewWriter(bw)
	c.Comma = ';'
	_ = c.Write(benchHeader)
	err := synthesize(spec, func(l synthLine) error {
		_ = c.Write([]string{l.ansvar, l.ansvarTekst, l.funksjon, l.art, l.prosjekt, l.tekst,
			formatNOK(l.ore, "\u00a0", false)})
		return c.Error() // the first write error, if any, stops the stream
	})
	c.Flush()
	if err == nil {
		err = c.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	return err
}

// WriteXLSX writes an xlsx workbook. With spec.Lines 0 it is the sample's
// okonomiplan-2027-2030.xlsx. Otherwise it is a benchmark workbook with the
// same lines as WriteCSV writes for spec: sheet "Budsjett", the header of
// benchHeader on row 1, codes as text cells, Beløp as a numeric cell. It
// streams: memory stays bounded for a million lines.
func WriteXLSX(w io.Writer, spec Spec) error {
	if spec.Lines == 0 {
		return writePlan(w)
	}
	if err := spec.check(); err != nil {
		return err
	}
	b, err := newBook(w, "Budsjett", Name+" – syntetiske budsjettlinjer",
		[]float64{9, 44, 10, 8, 10, 36, 16})
	if err != nil {
		return err
	}
	header := make([]any, len(benchHeader))
	for i, h := range benchHeader {
		header[i] = excelize.Cell{StyleID: b.bold, Value: h}
	}
	err = b.row(1, header)
	n := 1
	if err == nil {
		err = synthesize(spec, func(l synthLine) error {
			n++
			return b.row(n, []any{l.ansvar, l.ansvarTekst, l.funksjon, l.art,
				textOrNil(l.prosjekt), l.tekst, b.amount(l.ore)})
		})
	}
	if err != nil {
		_ = b.f.Close()
		return err
	}
	return b.close()
}

// maxLines is the most synthetic lines with unique keys: prosjekt runs out
// of five digits beyond it.
func maxLines() int { return len(combos()) * 10 * 100_000 }

func (s Spec) check() error {
	if s.Lines < 0 || s.Lines > maxLines() {
		return budget.Errorf(budget.EINVALID, "cannot generate %d lines: use 1 to %d, or 0 for the sample", s.Lines, maxLines())
	}
	return nil
}

// A synthLine is one line of a benchmark file.
type synthLine struct {
	ansvar, ansvarTekst, funksjon, art, prosjekt, tekst string
	ore                                                 int64
}

// A combo is one (activity, art) of the sample's structure; synthetic
// lines cycle through them.
type combo struct {
	ansvar        int // the activity's ansvar; lines add 0-9
	ansvarTekst   string
	funksjon, art string
	tekst         string
	base          int64 // the sample's 2026 size of the line, øre
}

var combos = sync.OnceValue(func() []combo {
	var cs []combo
	seen := map[string]bool{}
	for _, u := range units {
		from, _ := atoi(u.AnsvarFrom)
		for i, a := range u.acts {
			for _, it := range a.prof {
				k := fmt.Sprint(from+10*i, a.tjeneste[:3], it.konto[:3])
				if seen[k] {
					continue // two kontos of one art: one combo
				}
				seen[k] = true
				cs = append(cs, combo{
					ansvar: from + 10*i, ansvarTekst: u.Name + " – " + tjenester[a.tjeneste],
					funksjon: funksjonOf(a.tjeneste), art: artOf(it.konto), tekst: kontoer[it.konto],
					base: a.size * thousand * it.permille / 1000,
				})
			}
		}
	}
	return cs
})

// synthesize calls emit with spec.Lines lines. Line i takes combo i mod C
// in round r = i div C; the round picks the ansvar's last digit (r mod 10)
// and the prosjekt (none in the first ten rounds, then "00001", "00002"
// ...), which makes every key unique. Amounts are 5-15 % of the sample's
// 2026 line, a third of them with øre; the last line balances the sum.
func synthesize(spec Spec, emit func(synthLine) error) error {
	cs := combos()
	g := rng{s: spec.Seed}
	var sum int64
	for i := range spec.Lines - 1 {
		c, r := cs[i%len(cs)], i/len(cs)
		ore := scale(c.base, g.between(50_000, 150_000))
		if g.intn(3) != 0 {
			ore = roundTo(ore, krone)
		}
		if ore == 0 {
			ore = krone
		}
		var ok bool
		if sum, ok = budget.SumOre(sum, ore); !ok {
			return budget.Errorf(budget.EINVALID, "the sum of %d synthetic lines overflows", spec.Lines)
		}
		l := synthLine{ansvar: itoa(c.ansvar + r%10), ansvarTekst: c.ansvarTekst,
			funksjon: c.funksjon, art: c.art, tekst: c.tekst, ore: ore}
		if p := r / 10; p > 0 {
			l.prosjekt = fmt.Sprintf("%05d", p)
		}
		if err := emit(l); err != nil {
			return err
		}
	}
	// Close on the finance unit, an ansvar no combo has.
	last := synthLine{ansvar: "9050", ansvarTekst: "Finans – Avsetninger og overføringer",
		funksjon: "880", art: "540", tekst: kontoer["54000"], ore: -sum}
	if sum > 0 {
		last.art, last.tekst = "940", "Bruk av disposisjonsfond"
	}
	return emit(last)
}
