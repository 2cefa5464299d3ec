package budgetfile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// SSB's KOSTRA accounts file ("0A_V2019_K4_R040200_OK.dat") is fixed
// width, one 48-character ASCII record a line. Positions, 1-based:
//
//	1-2 skjema ("0A") | 3-6 aargang | 7 kvartal (" " = year) | 8-13 region
//	| 14-22 orgnr | 23-31 foretaksnr | 32 kontoklasse | 33-36 funksjon
//	("232 ") or kapittel | 37-39 art or sektor | 40-48 beløp in NOK 1000,
//	right-aligned, may be negative
//
// Kontoklasse 1 and 3 are drift, 0 and 4 investering, 2 and 5 balanse:
// balance records have a kapittel and sektor, not a funksjon and art, so
// they are not budget lines and are skipped as "balance".
const kostraLen = 48

// kostraUnit is what one unit of a KOSTRA beløp is in øre: NOK 1000.
const kostraUnit = 1000 * 100

// looksKostra reports whether the file at path is a KOSTRA file: named
// .dat or .txt, and its first line starts like a record ("0A2019").
func looksKostra(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".dat" && ext != ".txt" {
		return false
	}
	f, err := inputfile.Open(context.Background(), path, "", 0)
	if err != nil {
		return false // Import's reader reports it
	}
	defer f.Close()
	var b [6]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return false
	}
	return kostraStart(b[:])
}

func kostraStart(b []byte) bool {
	return len(b) >= 6 && b[0] == '0' && b[1] >= 'A' && b[1] <= 'Z' &&
		isDigit(b[2]) && isDigit(b[3]) && isDigit(b[4]) && isDigit(b[5])
}

// importKostra is Import for a KOSTRA file.
func importKostra(ctx context.Context, path string, opts Options, add func(*budget.Line) error) (*Result, error) {
	f, err := inputfile.Open(ctx, path, opts.Name, opts.MaxSize)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	res := newResult(opts.Name)
	res.Format, res.Encoding = "kostra", "ascii"
	if res.SHA256, res.Size, err = inputfile.Hash(ctx, path, "", opts.MaxSize); err != nil {
		return nil, err
	}
	im := newImporter(ctx, opts, res, add)
	res.Mapping = Mapping{Format: "kostra", Unit: 1000}
	var progress func()
	if opts.Progress != nil {
		progress = func() {
			opts.Progress(f.Consumed(), f.Size())
		}
	}
	if err := im.kostra(f, progress); err != nil {
		return nil, err
	}
	return res, nil
}

// kostra reads KOSTRA records from r.
func (im *importer) kostra(r io.Reader, progress func()) error {
	sc := bufio.NewScanner(tabular.LoneCR(r)) // a lone CR ends a record too
	sc.Buffer(make([]byte, 4096), 64<<10)
	n := 0
	for sc.Scan() {
		n++
		if n%progressEvery == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress()
			}
		}
		im.res.RowsRead++
		if err := im.kostraRecord(n, strings.TrimRight(sc.Text(), "\r")); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return budget.Errorf(budget.EINVALID, "%s line %d is longer than 64 KB: this is not a KOSTRA file; give --mapping with format: csv or xlsx if it is a spreadsheet", im.where, n+1)
		}
		return fmt.Errorf("read %s: %w", im.where, err)
	}
	if progress != nil {
		progress()
	}
	if im.res.RowsRead == 0 {
		return budget.Errorf(budget.EINVALID, "%s is empty: export the KOSTRA file again", im.where)
	}
	return im.finish()
}

// kostraRecord handles one record.
func (im *importer) kostraRecord(n int, rec string) error {
	if strings.TrimSpace(rec) == "" {
		im.skip("blank")
		return nil
	}
	errs := im.res.ErrorCount
	bad := func(cols, field, value, msg string) {
		im.rowError(RowError{Row: n, Column: cols, Field: field, Value: value, Message: msg})
	}
	for i := 0; i < len(rec); i++ {
		if rec[i] >= 0x80 || rec[i] < ' ' {
			bad("1-48", "record", rec, "has a character that is not ASCII: KOSTRA records are plain ASCII")
			im.skip("error")
			return nil
		}
	}
	if len(rec) < kostraLen || strings.TrimSpace(rec[kostraLen:]) != "" {
		bad("1-48", "record", rec, fmt.Sprintf("is %d characters long: a KOSTRA record has %d", len(strings.TrimRight(rec, " ")), kostraLen))
		im.skip("error")
		return nil
	}
	skjema, aargang, kvartal, region := rec[0:2], rec[2:6], rec[6:7], rec[7:13]
	orgnr, foretaksnr, klasse := strings.TrimSpace(rec[13:22]), strings.TrimSpace(rec[22:31]), rec[31:32]
	funksjon, art, belop := strings.TrimSpace(rec[32:36]), strings.TrimSpace(rec[36:39]), strings.TrimSpace(rec[39:48])

	if !kostraStart([]byte(rec[:6])) {
		bad("1-2", "skjema", skjema, "is not a KOSTRA skjema such as 0A")
	}
	year, ok := parseYear(aargang)
	if !ok {
		bad("3-6", "aargang", aargang, "is not a year from 1990 to 2100")
	}
	switch klasse {
	case "0", "1", "3", "4":
	case "2", "5":
		if im.res.ErrorCount == errs {
			im.skip("balance")
			return nil
		}
	default:
		bad("32", "kontoklasse", klasse, "is not a kontoklasse: 1 or 3 drift, 0 or 4 investering, 2 or 5 balanse")
	}
	if _, _, ok := splitCode(funksjon); !ok || len(funksjon) != 3 {
		bad("33-36", fieldFunksjon, funksjon, "is not a funksjon: three digits")
	}
	if _, _, ok := splitCode(art); !ok || len(art) != 3 {
		bad("37-39", fieldArt, art, "is not an art: three digits")
	}
	v, ok := kostraAmount(belop)
	if !ok {
		bad("40-48", fieldAmount, belop, "is not a whole number of NOK 1000")
	}
	if im.res.ErrorCount != errs {
		im.skip("error")
		return nil
	}
	k := budget.Key{Year: year, Version: budget.Regnskap}
	line := &budget.Line{
		Row: n, Funksjon: funksjon, Art: art,
		Amounts: []budget.Amount{{Key: k, Ore: v * kostraUnit}},
		Attributes: []budget.Attribute{
			{Name: "skjema", Value: skjema},
			{Name: "region", Value: region},
			{Name: "kontoklasse", Value: klasse},
		},
	}
	for _, a := range [...]budget.Attribute{{Name: "kvartal", Value: strings.TrimSpace(kvartal)}, {Name: "orgnr", Value: orgnr}, {Name: "foretaksnr", Value: foretaksnr}} {
		if a.Value != "" {
			line.Attributes = append(line.Attributes, a)
		}
	}
	im.keySums(k).add(line.Amounts[0].Ore)
	im.res.Lines++
	if err := im.add(line); err != nil {
		return fmt.Errorf("%s line %d: %w", im.where, n, err)
	}
	return nil
}

// kostraAmount parses a KOSTRA beløp: an optional minus and at most eight
// digits (nine positions), so that × 100 000 øre cannot overflow.
func kostraAmount(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 9 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int64(s[i]-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}
