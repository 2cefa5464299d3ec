package measurefile

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
)

// The columns of a units file, in the order WriteUnitsCSV writes them.
const (
	ColKode       = "Kode"
	ColNavn       = "Navn"
	ColType       = "Type"
	ColOverordnet = "Overordnet"
	ColLeder      = "Leder"
	ColTittel     = "Tittel"
	ColAdresse    = "Adresse"
	ColAnsvar     = "Ansvar"
	ColBydel      = "Bydel"
)

var unitColumns = []column{
	{ColKode, []string{"enhetskode", "enhet", "kode", "code", "eining", "einingskode"}, true},
	{ColNavn, []string{"enhetsnavn", "namn", "name"}, true},
	{ColType, []string{"enhetstype", "art enhet", "kind", "nivå"}, false},
	{ColOverordnet, []string{"overordna", "tilhører", "sektor", "parent"}, false},
	{ColLeder, []string{"leders navn", "leiar", "leder navn", "leader"}, false},
	{ColTittel, []string{"ledertittel", "leiartittel", "stilling", "title"}, false},
	{ColAdresse, []string{"postadresse", "besøksadresse", "address"}, false},
	{ColAnsvar, []string{"ansvarsnummer", "ansvarskoder", "ansvarsområde", "ansvar (fra-til)"}, false},
	{ColBydel, []string{"bydelsnummer", "bydelskode", "betjener bydel"}, false},
}

// Units is what ReadUnits found, in file order, each with Row set.
type Units struct {
	File
	Units []budget.Unit `json:"-"`
}

// ReadUnits reads a units file (csv or xlsx) with the columns Kode, Navn
// (required), Type (virksomhet, etat, bydel, sektor; default virksomhet),
// Overordnet (the code of the unit it belongs to), Leder, Tittel, Adresse,
// Ansvar (codes and ranges, "3300-3399, 3410") and Bydel (the code of the
// bydel it serves). A row without a code or name, an unknown type or an
// ansvar list that cannot be read is a row error; so are the problems of
// budget.ValidateUnits (a code given twice, an unknown Overordnet, an
// ansvar in two units), reported at the row of the unit.
func ReadUnits(ctx context.Context, path string, opts Options) (*Units, error) {
	res := &Units{}
	err := readTable(ctx, path, opts, "units file", unitColumns, &res.File, func(r row) {
		u := budget.Unit{Row: r.num, Code: r.get(ColKode), Name: r.get(ColNavn), Parent: r.get(ColOverordnet),
			Leader: r.get(ColLeder), LeaderTitle: r.get(ColTittel), Address: r.get(ColAdresse), Bydel: r.get(ColBydel)}
		ok := true
		if u.Code == "" {
			res.Fail(r.num, ColKode, "", "no unit code")
			ok = false
		}
		if u.Name == "" {
			res.Fail(r.num, ColNavn, "", "no unit name")
			ok = false
		}
		var err error
		if u.Kind, err = budget.ParseUnitKind(r.get(ColType)); err != nil {
			res.Fail(r.num, ColType, r.get(ColType), err.Error())
			ok = false
		}
		if u.Ansvar, err = budget.ParseCodeRanges(r.get(ColAnsvar)); err != nil {
			res.Fail(r.num, ColAnsvar, r.get(ColAnsvar), err.Error())
			ok = false
		}
		if !ok {
			res.Skipped["error"]++
			return
		}
		res.Units = append(res.Units, u)
	})
	if err != nil {
		return nil, err
	}
	if len(res.Errors) == 0 {
		for _, e := range budget.ValidateUnits(res.Units) {
			res.Errors = append(res.Errors, rowErrorOf(e.Message, ColKode, res.Columns[ColKode]))
		}
	}
	return res, nil
}

// WriteUnitsCSV writes units as ReadUnits reads them: UTF-8, ";"
// separated, a header row.
func WriteUnitsCSV(w io.Writer, units []budget.Unit) error {
	cw := csvsafe.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write([]string{ColKode, ColNavn, ColType, ColOverordnet, ColLeder, ColTittel, ColAdresse, ColAnsvar, ColBydel}); err != nil {
		return err
	}
	for _, u := range units {
		if err := cw.Write([]string{u.Code, u.Name, string(u.Kind), u.Parent, u.Leader, u.LeaderTitle, u.Address,
			budget.FormatCodeRanges(u.Ansvar), u.Bydel}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// rowErrorOf turns a message of budget.ValidateUnits or
// budget.ValidateRatings, which starts "row N: ", into a row error.
func rowErrorOf(msg, field, column string) budgetfile.RowError {
	e := budgetfile.RowError{Column: column, Field: field, Message: msg}
	if rest, ok := strings.CutPrefix(msg, "row "); ok {
		num, tail, _ := strings.Cut(rest, ":")
		if n, err := strconv.Atoi(num); err == nil {
			e.Row, e.Message = n, strings.TrimSpace(tail)
		}
	}
	return e
}
