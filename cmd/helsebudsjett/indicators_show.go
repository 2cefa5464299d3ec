package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// defaultBy is the socio-economic indicator areas are ranked by for SII
// and RII unless --by names another.
const defaultBy = "lavinntekt"

// whereFlags collects repeated --where DIM=VALUE.
type whereFlags []indicators.Dim

func (w *whereFlags) String() string { return fmt.Sprint(*w) }

func (w *whereFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("%q: write DIM=VALUE, such as kjønn=kjønn samlet", s)
	}
	*w = append(*w, indicators.Dim{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	return nil
}

func cmdIndicatorsShow(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("indicators show", e)
	var o model.ShowOptions
	fs.StringVar(&o.Area, "area", "", "show the series, targets and trend of this area only (code or name)")
	fs.Var((*whereFlags)(&o.Where), "where", "DIM=VALUE: take only the values of this group (repeatable), e.g. kjønn=kjønn samlet")
	fs.StringVar(&o.By, "by", defaultBy, "the socio-economic indicator areas are ranked by for SII and RII")
	fs.StringVar(&o.Groups, "groups", "", "DIM=A,B: compare group B with group A (default: the indicator's own pair, if any)")
	asOf := fs.String("as-of", "", "DATE (YYYY-MM-DD): the figures as known at the end of that day")
	fs.BoolVar(&o.Public, "public", false, "public output: suppress small numbers (prikking)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("indicators show takes one indicator ID, got %d", len(pos))
	}
	o.ID = pos[0]
	if o.Lang, err = langFlag(*langS); err != nil {
		return err
	}
	if o.AsOf, err = parseAsOf(*asOf); err != nil {
		return err
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	cat, err := catalogue(ctx, db)
	if err != nil {
		return err
	}
	if _, err := cat.Lookup(o.ID); err != nil {
		return err // not found: exit 3, as every command says it
	}
	out, err := model.ShowIndicator(ctx, db, cat, o)
	var oe *model.OptionError
	if errors.As(err, &oe) {
		return usagef("%s", oe.Msg)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	return text.IndicatorShow(e.stdout, out, o.Lang)
}

// parseAsOf reads --as-of: a date is the end of that day in Norway.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, boundTime(s, t)
	}
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		return time.Time{}, err
	}
	d, err := time.ParseInLocation("2006-01-02", s, oslo)
	if err != nil {
		return time.Time{}, usagef("--as-of %q: write a date such as 2025-06-30", s)
	}
	if err := boundTime(s, d); err != nil {
		return time.Time{}, err
	}
	return d.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
}
