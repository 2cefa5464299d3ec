package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// periodsOf imports data as arbeidsledighet (a count, so any whole
// number goes) and returns the stored period labels and the warnings.
func periodsOf(t *testing.T, data string, f indicators.PeriodFormat) ([]string, []string) {
	t.Helper()
	db := openDB(t)
	importAreas(t, db, "../../templates/sample/omrader.csv")
	p := filepath.Join(t.TempDir(), "p.csv")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	o := options(t, "barn-lavinntekt")
	o.PeriodFormat = f
	rep := run(t, db, p, o)
	vs, err := db.IndicatorValues(context.Background(), "barn-lavinntekt", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Period.Label)
	}
	sort.Strings(got)
	return got, rep.Result.Warnings
}

func TestRun_Periods(t *testing.T) {
	for _, c := range []struct {
		name, data string
		f          indicators.PeriodFormat
		want       []string
		warn       string
	}{
		{"years, spans and dates", "Geografi;År;Andel\nSentrum;2024;1\nSentrum;2013-2015;2\nSentrum;2012-2018;3\nSentrum;2015-01-01;4\n", "",
			[]string{"2012-2018", "2013-2015", "2015", "2024"}, ""},
		{"school years", "Geografi;Skoleår;Andel\nSentrum;2011-12;1\nSentrum;2012-13;2\nSentrum;2013/2014;3\n", "",
			[]string{"2011-2012", "2012-2013", "2013-2014"}, ""},
		{"months in every spelling", "Geografi;Periode;Andel\nSentrum;januar 2022;1\nSentrum;feb 2022;2\nSentrum;2022-03;3\nSentrum;2022M04;4\n", "",
			[]string{"2022-01", "2022-02", "2022-03", "2022-04"}, ""},
		{"quarters", "Geografi;Periode;Andel\nSentrum;2022K1;1\nSentrum;2022K2;2\n", "", []string{"2022K1", "2022K2"}, ""},
		{"2011-12 among months is December", "Geografi;Periode;Andel\nSentrum;2011-11;1\nSentrum;2011-12;2\nSentrum;2012-01;3\n", "",
			[]string{"2011-11", "2011-12", "2012-01"}, "as a month"},
		{"2011-12 alone is a school year, said so", "Geografi;Periode;Andel\nSentrum;2011-12;1\n", "", []string{"2011-2012"}, "--period-format month"},
		{"2011-12 with --period-format month", "Geografi;Periode;Andel\nSentrum;2011-12;1\n", indicators.PeriodMonth, []string{"2011-12"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, warns := periodsOf(t, c.data, c.f)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("periods %v, want %v", got, c.want)
			}
			all := strings.Join(warns, "\n")
			if c.warn != "" && !strings.Contains(all, c.warn) {
				t.Errorf("warnings %q do not say %q", all, c.warn)
			}
			if c.warn == "" && strings.Contains(all, "period") {
				t.Errorf("unexpected warning about periods: %q", all)
			}
		})
	}
}

// Months across, as NAV publishes them, are periods across.
func TestRun_MonthsAcross(t *testing.T) {
	got, _ := periodsOf(t, "Geografi;januar 2022;februar 2022;2022K1\nSentrum;1;2;3\n", "")
	want := []string{"2022-01", "2022-02", "2022K1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("periods %v, want %v", got, want)
	}
}
