package measurefile_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWriteMeasuresTemplate_RoundTrip(t *testing.T) {
	csv := "FIKTIVE DATA\n\nnr;TILTAK;Ansvarleg;Innsats;Påverknadsfaktor;Indikatorar;Maaltall;Effekt;Budsjettkopling;Andel (%);Område;Fra år;Til år;Status\n" +
		"1;Fritidskort;kultur;universell;sosial deltakelse;fritidsaktivitet;fritidsaktivitet=85@2030;middels;prosjekt=71003;;;2027;;\n" +
		"2.1;Los;\"bydel-a*, bydel-b\";Målrettet;utdanning;frafall-vgs;\"frafall-vgs=11,5@2030\";-0,5@2030;\"tjeneste=23100;bydel=469902|tjeneste=23100;bydel=469903\";40;469902, 469903;2027;2030;igangsatt\n"
	res, err := measurefile.ReadMeasures(context.Background(), writeFile(t, "tiltak.csv", []byte(csv)), measurefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.Measures) != 2 || res.Skipped["title"] != 1 {
		t.Fatalf("errors %v, %d measures, skipped %v", res.Errors, len(res.Measures), res.Skipped)
	}
	m := res.Measures[1]
	if m.Reporting != "bydel-a" || m.Effort != budget.Malrettet || m.Share.String() != "40" || m.Effect.Indicator != "frafall-vgs" ||
		m.End != 2030 || m.Status != budget.StatusIgangsatt || len(m.Areas) != 2 || m.Row != 5 {
		t.Errorf("measure 2.1: %+v", m)
	}
	// Lists long enough to need the hidden sheet.
	var units []measurefile.Item
	for i := range 60 {
		units = append(units, measurefile.Item{Code: fmt.Sprintf("enhet-%02d", i), Name: fmt.Sprintf("Enhet %d", i)})
	}
	var buf bytes.Buffer
	err = measurefile.WriteMeasuresTemplate(&buf, measurefile.MeasuresTemplate{Units: units, Indicators: []measurefile.Item{{Code: "frafall-vgs"}},
		Determinants: []string{"inntekt", "utdanning"}, Measures: res.Measures})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetSheetVisible(measurefile.SheetLists); v {
		t.Errorf("the list sheet is visible")
	}
	dvs, _ := f.GetDataValidations(measurefile.SheetMeasures)
	var refs []string
	for _, dv := range dvs {
		refs = append(refs, dv.Formula1)
	}
	if !strings.Contains(strings.Join(refs, " "), measurefile.SheetLists+"!$A$2:$A$61") {
		t.Errorf("units list not on the list sheet: %v", refs)
	}
	comments, _ := f.GetComments(measurefile.SheetMeasures)
	if len(comments) != len(measurefile.MeasureColumns()) {
		t.Errorf("%d notes, want one per column", len(comments))
	}
	panes, _ := f.GetPanes(measurefile.SheetMeasures)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
	f.Close()
	back, err := measurefile.ReadMeasures(context.Background(), writeFile(t, "tiltak.xlsx", buf.Bytes()), measurefile.Options{})
	if err != nil || len(back.Errors) > 0 {
		t.Fatalf("%v %v", err, back)
	}
	for i := range res.Measures {
		a, b := res.Measures[i], back.Measures[i]
		a.Row, b.Row = 0, 0
		if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
			t.Errorf("measure %s read back as\n%+v\nwant\n%+v", a.Nr, b, a)
		}
	}
}

func TestReadMeasures_RowErrors(t *testing.T) {
	csv := "Nr;Tiltak;Ansvarlig;Innsatstype;Andel;Budsjettkobling;Måltall\n" +
		"1;A;nav;universell;120;;\n" +
		";B;nav;universell;;;\n" +
		"3;C;nav;tilfeldig;;;\n" +
		"4;D;nav;universell;;funksjon=2*3;\n" +
		"5;E;nav;universell;;;x=1\n" +
		"5;F;nav;universell;;;\n"
	res, err := measurefile.ReadMeasures(context.Background(), writeFile(t, "t.csv", []byte(csv)), measurefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2 E Andel", "3 A Nr", "4 D Innsatstype", "5 F Budsjettkobling", "6 G Måltall", "7 A Nr"}
	var got []string
	for _, e := range res.Errors {
		got = append(got, fmt.Sprintf("%d %s %s", e.Row, e.Column, e.Field))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("errors at %v, want %v\n%v", got, want, res.Errors)
	}
}

func TestReadRatings(t *testing.T) {
	csv := "Funksjon;Ansvar;Art;Vurdering;Begrunnelse\n232;;;positiv;når alle barn\n233;;;;\n244;52*;;Nøytral;tildeles etter behov\n281;;;negativ;\n283;;;;uten vurdering\nSum;;;;\n"
	res, err := measurefile.ReadRatings(context.Background(), writeFile(t, "v.csv", []byte(csv)), measurefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 2 || res.Errors[0].Row != 5 || res.Errors[0].Field != "Begrunnelse" || res.Errors[1].Row != 6 {
		t.Errorf("errors %+v", res.Errors)
	}
	if res.Skipped["unrated"] != 1 || res.Skipped["sum_rows"] != 1 || len(res.Ratings) != 2 || res.Ratings[1].AnsvarText() != "52*" {
		t.Errorf("skipped %v, ratings %+v", res.Skipped, res.Ratings)
	}
}

func TestReadUnits(t *testing.T) {
	csv := "Kode;Navn;Type;Overordnet;Ansvar;Bydel\nsektor;Oppvekst;sektor;;;\nskole;Skolen;virksomhet;sektor;2100-2199, 2300;469901\nbhg;Barnehagen;;sektor;2150-2160;\n"
	res, err := measurefile.ReadUnits(context.Background(), writeFile(t, "e.csv", []byte(csv)), measurefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "both hold ansvar") || res.Errors[0].Row != 3 {
		t.Errorf("errors %+v", res.Errors)
	}
}

func TestReadUnits_Codes(t *testing.T) {
	csv := "Kode;Navn\n" +
		"a b;Med mellomrom\n" +
		"Skole;Skolen\n" +
		"skole;Skolen igjen\n" +
		"bydel-østbyen_2;Gyldig\n" +
		"\"x\"\"y\";Med anførsel\n"
	res, err := measurefile.ReadUnits(context.Background(), writeFile(t, "e.csv", []byte(csv)), measurefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2 A Kode letters, digits", "4 A Kode differ only in case", "6 A Kode letters, digits"}
	var got []string
	for _, e := range res.Errors {
		for _, w := range want {
			if strings.HasPrefix(w, fmt.Sprintf("%d %s %s", e.Row, e.Column, e.Field)) && strings.Contains(e.Message, strings.SplitN(w, " ", 4)[3]) {
				got = append(got, w)
			}
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("errors %+v, want %v", res.Errors, want)
	}
}

// TestWriteCSV_Safe: the units, measures and ratings CSV writers escape text
// a spreadsheet would run as a formula.
func TestWriteCSV_Safe(t *testing.T) {
	var b bytes.Buffer
	if err := measurefile.WriteUnitsCSV(&b, []budget.Unit{{Code: "u1", Name: "=1+1", Kind: budget.Virksomhet, Leader: "@x"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'=1+1") || !strings.Contains(b.String(), "'@x") {
		t.Errorf("units CSV not escaped:\n%s", b.String())
	}
	b.Reset()
	if err := measurefile.WriteRatingsCSV(&b, []budget.Rating{{Funksjon: "232", Grade: budget.Positiv, Reason: "+cmd"}}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'+cmd") {
		t.Errorf("ratings CSV not escaped:\n%s", b.String())
	}
	b.Reset()
	if err := measurefile.WriteMeasuresCSV(&b, []budget.Measure{{Nr: "1", Name: "-tiltak", Responsible: []string{"u1"}, Effort: budget.Universell, Share: budget.FullShare}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'-tiltak") {
		t.Errorf("measures CSV not escaped:\n%s", b.String())
	}
}

// TestRead_LongText: a text longer than a spreadsheet cell holds is an
// error naming row and column in the measures, units and ratings files;
// nothing is cut short.
func TestRead_LongText(t *testing.T) {
	long := strings.Repeat("ø", 32768)
	ctx := context.Background()
	t.Run("measures", func(t *testing.T) {
		csv := "Nr;Tiltak;Beskrivelse;Ansvarlig;Innsatstype\n1;A;" + long + ";nav;universell\n"
		res, err := measurefile.ReadMeasures(ctx, writeFile(t, "t.csv", []byte(csv)), measurefile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) != 1 || res.Errors[0].Row != 2 || res.Errors[0].Column != "C" || !strings.Contains(res.Errors[0].Message, "32767") || len(res.Measures) != 0 {
			t.Errorf("errors %+v, measures %d", res.Errors, len(res.Measures))
		}
	})
	t.Run("units", func(t *testing.T) {
		csv := "Kode;Navn\nu1;" + long + "\n"
		res, err := measurefile.ReadUnits(ctx, writeFile(t, "e.csv", []byte(csv)), measurefile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) != 1 || res.Errors[0].Row != 2 || res.Errors[0].Column != "B" || len(res.Units) != 0 {
			t.Errorf("errors %+v, units %d", res.Errors, len(res.Units))
		}
	})
	t.Run("ratings", func(t *testing.T) {
		csv := "Funksjon;Vurdering;Begrunnelse\n232;positiv;" + long + "\n"
		res, err := measurefile.ReadRatings(ctx, writeFile(t, "v.csv", []byte(csv)), measurefile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) != 1 || res.Errors[0].Row != 2 || res.Errors[0].Column != "C" || len(res.Ratings) != 0 {
			t.Errorf("errors %+v, ratings %d", res.Errors, len(res.Ratings))
		}
	})
}

// TestReadMeasures_NynorskName: the optional column Tiltak (nynorsk) gives
// a measure its nynorsk name; a row without one keeps it empty, so the
// nynorsk letters fall back to the bokmål name.
func TestReadMeasures_NynorskName(t *testing.T) {
	csv := "Nr;Tiltak;Tiltak (nynorsk);Ansvarlig;Innsatstype\n" +
		"1;Familieveiledere;Familierettleiarar;nav;universell\n" +
		"2;Leksehjelp;;nav;universell\n"
	res, err := measurefile.ReadMeasures(context.Background(), writeFile(t, "t.csv", []byte(csv)), measurefile.Options{})
	if err != nil || len(res.Errors) > 0 || len(res.Measures) != 2 {
		t.Fatalf("%v %+v", err, res)
	}
	if got := res.Measures[0].NameNN; got != "Familierettleiarar" {
		t.Errorf("measure 1's nynorsk name = %q", got)
	}
	if got := res.Measures[1].NameNN; got != "" {
		t.Errorf("measure 2's nynorsk name = %q, want none", got)
	}
}

// TestReadMeasures_HeaderOnly: a measures file with a header and no
// measure would delete every measure; it is an error unless ReplaceAll.
func TestReadMeasures_HeaderOnly(t *testing.T) {
	p := writeFile(t, "t.csv", []byte("Nr;Tiltak;Ansvarlig;Innsatstype\n;;;\n"))
	_, err := measurefile.ReadMeasures(context.Background(), p, measurefile.Options{})
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "--replace-all") {
		t.Errorf("err = %v, want EINVALID naming --replace-all", err)
	}
	res, err := measurefile.ReadMeasures(context.Background(), p, measurefile.Options{ReplaceAll: true})
	if err != nil || len(res.Measures) != 0 {
		t.Errorf("with ReplaceAll: %v, %d measures", err, len(res.Measures))
	}
}
