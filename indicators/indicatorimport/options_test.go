package indicatorimport_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// TestParseOptions reads a form's options as the CLI reads its flags, and
// refuses a bad value naming the option and the value.
func TestParseOptions(t *testing.T) {
	o, err := indicatorimport.ParseOptions("trangboddhet", "fraction", "school-year",
		[]string{"Innvandringsbakgrunn = totalt"}, []string{"Kjønn=Gutter"}, []string{"I alt=0", " Bydel Sentrum =Sentrum"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Indicator != "trangboddhet" || o.Scale != indicatorfile.ScaleFraction || o.PeriodFormat != indicators.PeriodSchoolYear {
		t.Errorf("options = %+v", o)
	}
	if len(o.Where) != 1 || o.Where[0] != (indicatorfile.Where{Column: "Innvandringsbakgrunn", Value: "totalt"}) ||
		len(o.Exclude) != 1 || o.Exclude[0].Column != "Kjønn" || o.AreaAliases["I alt"] != "0" || o.AreaAliases["Bydel Sentrum"] != "Sentrum" {
		t.Errorf("filters and aliases = %+v %+v %v", o.Where, o.Exclude, o.AreaAliases)
	}
	for _, c := range []struct {
		name                  string
		scale, period         string
		where, exclude, alias []string
		want                  string
	}{
		{"scale", "tenths", "", nil, nil, nil, `scale "tenths"`},
		{"period", "", "quarter", nil, nil, nil, `period format "quarter"`},
		{"where", "", "", []string{"novalue"}, nil, nil, `where: want COLUMN=VALUE, got "novalue"`},
		{"exclude", "", "", nil, []string{"=x"}, nil, `exclude: want COLUMN=VALUE`},
		{"alias", "", "", nil, nil, []string{"I alt="}, `area alias: want TEXT=AREA`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := indicatorimport.ParseOptions("", c.scale, c.period, c.where, c.exclude, c.alias)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to say %s", err, c.want)
			}
		})
	}
}
