package measurefile

import (
	"context"
	"io"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
)

// The columns of a rating sheet, in the template's order. Funksjonsnavn,
// Linjer and Beløp are there for the person rating; reading ignores them.
const (
	ColFunksjon     = "Funksjon"
	ColFunksjonNavn = "Funksjonsnavn"
	ColRAnsvar      = "Ansvar"
	ColRArt         = "Art"
	ColLinjer       = "Linjer"
	ColBelop        = "Beløp"
	ColVurdering    = "Vurdering"
	ColBegrunnelse  = "Begrunnelse"
)

var ratingColumns = []column{
	{ColFunksjon, []string{"funksjonsnr", "kostrafunksjon", "funksjonskode"}, true},
	{ColFunksjonNavn, []string{"funksjonstekst", "tekst", "navn", "namn"}, false},
	{ColRAnsvar, []string{"ansvarsnr", "ansvar (valgfritt)"}, false},
	{ColRArt, []string{"artsnr", "art (valgfritt)", "konto"}, false},
	{ColLinjer, []string{"antall linjer"}, false},
	{ColBelop, []string{"belop kr", "beløp kr", "sum"}, false},
	{ColVurdering, []string{"rating", "karakter", "effekt på helseulikhet", "vurdering helseutjevning"}, true},
	{ColBegrunnelse, []string{"grunngiving", "grunngjeving", "begrunnelse kort", "reason"}, true},
}

// Ratings is what ReadRatings found, in file order, each with Row set.
type Ratings struct {
	File
	Ratings []budget.Rating `json:"-"`
}

// ReadRatings reads a rating sheet (csv or xlsx) with the columns
// Funksjon, Vurdering and Begrunnelse, and optionally Ansvar and Art (a
// code, a prefix "31*" or a range "010-099") to narrow a rating. A row
// with neither a grade nor a reason is skipped as "unrated": its money
// stays unrated, never neutral. A grade without a reason, a reason without
// a grade, an unknown grade, a pattern that cannot be read, and the same
// (funksjon, ansvar, art) rated twice are row errors. Sum rows ("Sum" in
// the Funksjon column) are skipped.
func ReadRatings(ctx context.Context, path string, opts Options) (*Ratings, error) {
	res := &Ratings{}
	err := readTable(ctx, path, opts, "rating sheet", ratingColumns, &res.File, func(r row) {
		fn, grade, reason := strings.TrimSuffix(r.get(ColFunksjon), ".0"), r.get(ColVurdering), r.get(ColBegrunnelse)
		low := strings.ToLower(fn)
		if strings.HasPrefix(low, "sum") || strings.HasPrefix(low, "total") {
			res.Skipped["sum_rows"]++
			return
		}
		if grade == "" && reason == "" {
			res.Skipped["unrated"]++
			return
		}
		rt := budget.Rating{Row: r.num, Funksjon: fn, Reason: reason}
		ok := true
		fail := func(field, value, msg string) {
			res.Fail(r.num, field, value, msg)
			ok = false
		}
		if fn == "" {
			fail(ColFunksjon, "", "a rating without a funksjon: give the 3-digit KOSTRA funksjon")
		}
		var err error
		switch {
		case grade == "":
			fail(ColVurdering, "", "a reason without a rating: give positiv, nøytral, negativ or blandet, or clear the reason to leave the money unrated")
		default:
			if rt.Grade, err = budget.ParseGrade(grade); err != nil {
				fail(ColVurdering, grade, err.Error())
			} else if reason == "" {
				fail(ColBegrunnelse, "", "rated "+string(rt.Grade)+" without a reason: every rating needs a short reason")
			}
		}
		for _, c := range []struct {
			col string
			dst **budget.Pattern
		}{{ColRAnsvar, &rt.Ansvar}, {ColRArt, &rt.Art}} {
			if s := r.get(c.col); s != "" {
				p, err := budget.ParsePattern(s)
				if err != nil {
					fail(c.col, s, err.Error()+": give a code, a prefix such as 31*, or a range such as 010-099")
					continue
				}
				*c.dst = &p
			}
		}
		if !ok {
			res.Skipped["error"]++
			return
		}
		res.Ratings = append(res.Ratings, rt)
	})
	if err != nil {
		return nil, err
	}
	if len(res.Errors) == 0 {
		for _, e := range budget.ValidateRatings(res.Ratings) {
			res.Errors = append(res.Errors, rowErrorOf(e.Message, ColFunksjon, res.Columns[ColFunksjon]))
		}
	}
	return res, nil
}

// WriteRatingsCSV writes ratings as ReadRatings reads them: UTF-8, ";"
// separated, a header row, the columns Funksjon, Funksjonsnavn, Ansvar,
// Art, Vurdering and Begrunnelse; names gives each funksjon's name, where
// known.
func WriteRatingsCSV(w io.Writer, rs []budget.Rating, names map[string]string) error {
	cw := csvsafe.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write([]string{ColFunksjon, ColFunksjonNavn, ColRAnsvar, ColRArt, ColVurdering, ColBegrunnelse}); err != nil {
		return err
	}
	for _, r := range rs {
		if err := cw.Write([]string{r.Funksjon, names[r.Funksjon], r.AnsvarText(), r.ArtText(), string(r.Grade), r.Reason}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
