// Package storetest is the conformance suite of helsebudsjett's store: the
// behaviour the budget and indicator importers, the read layer, the wheel's
// runner and its mailer rely on, written against the interfaces they
// declare, so that any store proves itself with the same tests:
// budget/sqlite today, a PostgreSQL store for a service hosting many
// municipalities later. Run is called from the store's own tests; only test
// code imports this package.
package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// Store is the store under test: the dataset reads of the read layer,
// what the budget importer (importer.Store) and the indicator importer
// (indicatorimport.Store) read and write, and what the runner
// (runner.Store) and the mailer (runner.Outbox) need.
type Store interface {
	Datasets(ctx context.Context) ([]budget.Dataset, error)
	Lines(ctx context.Context, key budget.Key, fn func(*budget.Line) error) error
	// IndicatorValues are one indicator's values known at asOf (the zero
	// time: the latest vintage), as the read layer reads them.
	IndicatorValues(ctx context.Context, indicatorID string, asOf time.Time) ([]indicators.Value, error)
	importer.Store
	indicatorimport.Store
	runner.Store
	runner.Outbox
}

// Harness gives the suite a store: Open returns a fresh, empty one for each
// test (closed by the harness with t.Cleanup).
type Harness struct {
	Open func(t *testing.T) Store
}

// Run runs every conformance test against h's store.
func Run(t *testing.T, h Harness) {
	t.Run("ImportAllOrNothing", func(t *testing.T) { importAllOrNothing(t, h) })
	t.Run("CurrentDatasetPerKey", func(t *testing.T) { currentPerKey(t, h) })
	t.Run("SameFileTwice", func(t *testing.T) { sameFileTwice(t, h) })
	t.Run("WheelRunExactlyOnce", func(t *testing.T) { runExactlyOnce(t, h) })
	t.Run("OutboxSendsOnce", func(t *testing.T) { outboxOnce(t, h) })
	t.Run("IndicatorVintages", func(t *testing.T) { vintages(t, h) })
	t.Run("ReplacedReported", func(t *testing.T) { replacedReported(t, h) })
	t.Run("SameBytesOtherOptions", func(t *testing.T) { sameBytesOtherOptions(t, h) })
	t.Run("VintagesReported", func(t *testing.T) { vintagesReported(t, h) })
}

var (
	vedtatt = budget.Key{Year: 2027, Version: budget.Vedtatt}
	forslag = budget.Key{Year: 2027, Version: budget.Forslag}
)

func lines(k budget.Key, ores ...int64) []budget.Line {
	var out []budget.Line
	for i, o := range ores {
		out = append(out, budget.Line{Row: i + 2, Ansvar: "1000", Funksjon: "232", Art: "010", Amounts: []budget.Amount{{Key: k, Ore: o}}})
	}
	return out
}

// store imports ls as one dataset from a file with sha and returns it.
func store(t *testing.T, s Store, sha string, ls []budget.Line) (budget.Dataset, error) {
	t.Helper()
	d, _, err := storeAs(t, s, budget.Dataset{Source: sha + ".csv", SHA256: sha, Size: 100, Format: "csv"}, budget.Begge, ls)
	return d, err
}

// storeAs imports ls as one dataset begun as d and committed as part, and
// returns it with what it took over.
func storeAs(t *testing.T, s Store, d budget.Dataset, part budget.Part, ls []budget.Line) (budget.Dataset, []budget.Replacement, error) {
	t.Helper()
	im, err := s.BeginImport(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	for i := range ls {
		if err := im.Add(&ls[i]); err != nil {
			t.Fatal(err)
		}
	}
	got, err := im.Commit(budget.Dataset{RowsRead: len(ls) + 1, Skipped: map[string]int{"header": 1}, Part: part})
	if err != nil {
		return got, nil, err
	}
	return got, im.Replaced(), nil
}

// vintage imports vals as one vintage of indicator from a file with sha,
// read with the options optionsKey, at at, in one transaction, and returns
// what Commit reports.
func vintage(t *testing.T, s Store, indicator, sha, optionsKey string, at time.Time, vals []indicators.Value) ([]indicators.Vintage, error) {
	t.Helper()
	im, err := s.BeginIndicatorImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	if _, err := im.BeginVintage(indicators.Vintage{Indicator: indicator, Source: sha + ".csv", SHA256: sha, RowsRead: len(vals) + 1,
		ImportedAt: at, OptionsKey: optionsKey}); err != nil {
		return nil, err
	}
	for _, v := range vals {
		if err := im.Add(v); err != nil {
			return nil, err
		}
	}
	return im.Commit()
}

// read returns the øre of key's current lines, in order.
func read(t *testing.T, s Store, key budget.Key) ([]int64, error) {
	t.Helper()
	var out []int64
	err := s.Lines(context.Background(), key, func(l *budget.Line) error {
		out = append(out, l.OreFor(key))
		return nil
	})
	return out, err
}

func datasets(t *testing.T, s Store) []budget.Dataset {
	t.Helper()
	ds, err := s.Datasets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// importAllOrNothing: an import rolled back, or whose context ends, leaves
// nothing; one committed is there whole, its totals the sum of its lines.
func importAllOrNothing(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	im, err := s.BeginImport(ctx, budget.Dataset{Source: "a.csv", SHA256: "a", Format: "csv", Part: budget.Drift})
	if err != nil {
		t.Fatal(err)
	}
	ls := lines(vedtatt, 100, 250)
	for i := range ls {
		if err := im.Add(&ls[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Rollback(); err != nil {
		t.Fatal(err)
	}
	im2, err := s.BeginImport(ctx, budget.Dataset{Source: "b.csv", SHA256: "b", Format: "csv", Part: budget.Drift})
	if err != nil {
		t.Fatal(err)
	}
	ls = lines(vedtatt, 1, 2, 3)
	if err := im2.Add(&ls[0]); err != nil {
		t.Fatal(err)
	}
	cancel() // the user pressed Ctrl-C in the middle
	for i := 1; i < len(ls); i++ {
		_ = im2.Add(&ls[i])
	}
	if _, err := im2.Commit(budget.Dataset{}); err == nil {
		t.Error("an import whose context ended was committed")
	}
	_ = im2.Rollback()
	if ds := datasets(t, s); len(ds) != 0 {
		t.Fatalf("after a rollback and a cancelled import the store holds %d datasets", len(ds))
	}
	if got, err := read(t, s, vedtatt); len(got) != 0 || budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("lines of a key never imported: %v, %v; want none and ENOTFOUND", got, err)
	}

	d, err := store(t, s, "c", lines(vedtatt, 100_000_50, -20_000_25, 1))
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, tt := range d.Totals {
		if tt.Key == vedtatt {
			total = tt.Ore
		}
	}
	if d.Lines != 3 || total != 100_000_50-20_000_25+1 {
		t.Errorf("committed dataset: %d lines, total %d; want 3 lines and %d øre", d.Lines, total, 100_000_50-20_000_25+1)
	}
	if got, err := read(t, s, vedtatt); err != nil || len(got) != 3 || got[0]+got[1]+got[2] != total {
		t.Errorf("lines read back: %v, %v", got, err)
	}
}

// currentPerKey: a later dataset for a key replaces the earlier one as
// current for that key only; another version of the year stays current.
func currentPerKey(t *testing.T, h Harness) {
	s := h.Open(t)
	first, err := store(t, s, "first", lines(vedtatt, 10, 20))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store(t, s, "proposal", lines(forslag, 7)); err != nil {
		t.Fatal(err)
	}
	second, err := store(t, s, "second", lines(vedtatt, 5))
	if err != nil {
		t.Fatal(err)
	}
	current := map[int64][]budget.Key{}
	for _, d := range datasets(t, s) {
		current[d.ID] = d.Current
	}
	if len(current) != 3 || len(current[first.ID]) != 0 || len(current[second.ID]) != 1 || current[second.ID][0] != vedtatt {
		t.Errorf("current keys per dataset %v: want the second vedtatt current and the first kept, not current", current)
	}
	if got, _ := read(t, s, vedtatt); len(got) != 1 || got[0] != 5 {
		t.Errorf("vedtatt reads %v, want the second dataset's [5]", got)
	}
	if got, _ := read(t, s, forslag); len(got) != 1 || got[0] != 7 {
		t.Errorf("forslag reads %v, want [7]: another version stays current", got)
	}
}

// sameFileTwice: the same bytes with the same options are refused as a
// conflict, not stored twice.
func sameFileTwice(t *testing.T, h Harness) {
	s := h.Open(t)
	if _, err := store(t, s, "same", lines(vedtatt, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := store(t, s, "same", lines(vedtatt, 1)); budget.ErrorCode(err) != budget.ECONFLICT {
		t.Errorf("the same file again: %v, want ECONFLICT", err)
	}
	if ds := datasets(t, s); len(ds) != 1 {
		t.Errorf("%d datasets, want 1", len(ds))
	}
}

// runExactlyOnce: of many claims of one occurrence, at the same time, one
// wins; the run is finished once and listed with its files.
func runExactlyOnce(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	occ := time.Date(2027, 4, 30, 9, 0, 0, 0, wheel.Oslo())
	r := wheel.Run{TaskID: "tertial-1", Occurrence: occ, Started: occ.Add(time.Minute)}
	var mu sync.Mutex
	var wins []int64
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, claimed, err := s.ClaimRun(ctx, r)
			if err != nil {
				t.Error(err)
				return
			}
			if claimed {
				mu.Lock()
				wins = append(wins, id)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(wins) != 1 {
		t.Fatalf("%d of 8 claims of one occurrence won, want 1", len(wins))
	}
	files := []wheel.File{{Path: "2027/brev.zip", SHA256: "ab"}}
	if err := s.FinishRun(ctx, wins[0], wheel.RunDone, "letters", occ.Add(2*time.Minute), files, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, wins[0], wheel.RunDone, "letters", occ.Add(3*time.Minute), nil, nil); err == nil {
		t.Error("a run was finished twice")
	}
	if _, claimed, err := s.ClaimRun(ctx, r); err != nil || claimed {
		t.Errorf("a finished occurrence was claimed again (%v)", err)
	}
	runs, err := s.Runs(ctx, occ.Add(-time.Hour), occ.Add(time.Hour))
	if err != nil || len(runs) != 1 || runs[0].Status != wheel.RunDone || len(runs[0].Files) != 1 || runs[0].Files[0] != files[0] {
		t.Errorf("runs %+v (%v): want the one run, done, with its file", runs, err)
	}
}

// outboxOnce: a run's messages wait as pending; one sender takes each, and
// once sent it is never pending again.
func outboxOnce(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	occ := time.Date(2027, 9, 1, 9, 0, 0, 0, wheel.Oslo())
	id, claimed, err := s.ClaimRun(ctx, wheel.Run{TaskID: "remind", Occurrence: occ, Started: occ})
	if err != nil || !claimed {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	msg := wheel.Message{Recipient: "3100", Address: "leder@kommune.no", Subject: "Tertialrapport", Body: "Frist 15. september.", State: wheel.MsgPending, NextAttempt: occ}
	if err := s.FinishRun(ctx, id, wheel.RunDone, "1 reminder", occ, nil, []wheel.Message{msg}); err != nil {
		t.Fatal(err)
	}
	pending, err := s.Messages(ctx, wheel.MsgPending)
	if err != nil || len(pending) != 1 || pending[0].Subject != msg.Subject || pending[0].RunID != id {
		t.Fatalf("pending %+v (%v)", pending, err)
	}
	m := pending[0].ID
	got := make(chan bool, 2)
	for i := 0; i < 2; i++ {
		go func() {
			ok, err := s.MarkSending(ctx, m)
			if err != nil {
				t.Error(err)
			}
			got <- ok
		}()
	}
	if a, b := <-got, <-got; a == b {
		t.Fatalf("two senders took the message: %v %v, want exactly one", a, b)
	}
	if err := s.MarkSent(ctx, m, occ.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.MarkSending(ctx, m); ok || err != nil {
		t.Errorf("a sent message was taken for sending again (%v)", err)
	}
	sent, err := s.Messages(ctx, wheel.MsgSent)
	if err != nil || len(sent) != 1 || sent[0].ID != m {
		t.Errorf("sent %+v (%v)", sent, err)
	}
	if p, _ := s.Messages(ctx, wheel.MsgPending); len(p) != 0 {
		t.Errorf("still pending: %+v", p)
	}
}

// vintages: every import of an indicator is a vintage kept beside the
// earlier ones; reading as of a time gives the values known then, a value
// a later vintage gives replaces the earlier one from then on, and one it
// does not give stays.
func vintages(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	p := indicators.Period{Label: "2024", Start: 2024, End: 2024}
	dec := func(v string) *decimal.Decimal { d := decimal.RequireFromString(v); return &d }
	jan := time.Date(2025, 1, 10, 12, 0, 0, 0, wheel.Oslo())
	mar := time.Date(2025, 3, 10, 12, 0, 0, 0, wheel.Oslo())
	if _, err := vintage(t, s, "trangboddhet", "jan", "", jan, []indicators.Value{
		{Area: "469901", Period: p, Value: dec("10.5")}, {Area: "469902", Period: p, Value: dec("20")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := vintage(t, s, "trangboddhet", "mar", "", mar, []indicators.Value{
		{Area: "469902", Period: p, Value: dec("21.25")}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		asOf time.Time
		want map[string]string
	}{
		{"latest", time.Time{}, map[string]string{"469901": "10.5", "469902": "21.25"}},
		{"as of the first", jan, map[string]string{"469901": "10.5", "469902": "20"}},
		{"just before the second", mar.Add(-time.Second), map[string]string{"469901": "10.5", "469902": "20"}},
		{"before any", jan.Add(-time.Hour), map[string]string{}},
	} {
		vs, err := s.IndicatorValues(ctx, "trangboddhet", c.asOf)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, v := range vs {
			if v.Value != nil {
				got[v.Area] = v.Value.String()
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// replacedReported: an import reports the (year, version, part) it took
// over from which earlier dataset, as the budget importer shows it; a
// dataset of both parts that loses one loses the other too (Whole), so its
// money is not counted beside the new file's.
func replacedReported(t *testing.T, h Harness) {
	s := h.Open(t)
	both, repl, err := storeAs(t, s, budget.Dataset{Source: "both.csv", SHA256: "both", Format: "csv"}, budget.Begge, lines(vedtatt, 10, 20))
	if err != nil || len(repl) != 0 {
		t.Fatalf("the first import: replaced %+v (%v), want nothing", repl, err)
	}
	proposal, repl, err := storeAs(t, s, budget.Dataset{Source: "proposal.csv", SHA256: "proposal", Format: "csv"}, budget.Begge, lines(forslag, 7))
	if err != nil || len(repl) != 0 {
		t.Fatalf("another version: replaced %+v (%v), want nothing", repl, err)
	}
	_, repl, err = storeAs(t, s, budget.Dataset{Source: "drift.csv", SHA256: "drift", Format: "csv"}, budget.Drift, lines(vedtatt, 5))
	if err != nil {
		t.Fatal(err)
	}
	want := []budget.Replacement{
		{Key: vedtatt, Part: budget.Drift, Dataset: both.ID, Source: "both.csv"},
		{Key: vedtatt, Part: budget.Investering, Dataset: both.ID, Source: "both.csv", Whole: true},
	}
	if fmt.Sprint(repl) != fmt.Sprint(want) {
		t.Errorf("replaced %+v, want %+v", repl, want)
	}
	if got, err := read(t, s, vedtatt); err != nil || fmt.Sprint(got) != "[5]" {
		t.Errorf("vedtatt reads %v (%v), want only the drift file's [5]", got, err)
	}
	_, repl, err = storeAs(t, s, budget.Dataset{Source: "both2.csv", SHA256: "both2", Format: "csv"}, budget.Begge, lines(forslag, 8))
	want = []budget.Replacement{{Key: forslag, Part: budget.Begge, Dataset: proposal.ID, Source: "proposal.csv"}}
	if err != nil || fmt.Sprint(repl) != fmt.Sprint(want) {
		t.Errorf("both parts over both parts: replaced %+v (%v), want %+v, said once", repl, err, want)
	}
}

// sameBytesOtherOptions: every dataset of the same bytes is listed by its
// sha256, oldest first, so the importer tells an import with the same
// options (unchanged) from one with others (a new dataset).
func sameBytesOtherOptions(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	if ds, err := s.DatasetsBySHA256(ctx, "same"); err != nil || len(ds) != 0 {
		t.Fatalf("before any import: %+v (%v), want none", ds, err)
	}
	first, _, err := storeAs(t, s, budget.Dataset{Source: "plan.csv", SHA256: "same", Format: "csv", Options: `{"version":"forslag"}`}, budget.Begge, lines(forslag, 1))
	if err != nil {
		t.Fatal(err)
	}
	second, _, err := storeAs(t, s, budget.Dataset{Source: "plan.csv", SHA256: "same", Format: "csv", Options: `{"version":"vedtatt"}`}, budget.Begge, lines(vedtatt, 1))
	if err != nil {
		t.Fatalf("the same bytes with other options: %v, want a new dataset", err)
	}
	if _, _, err := storeAs(t, s, budget.Dataset{Source: "other.csv", SHA256: "other", Format: "csv"}, budget.Begge, lines(vedtatt, 2)); err != nil {
		t.Fatal(err)
	}
	ds, err := s.DatasetsBySHA256(ctx, "same")
	if err != nil || len(ds) != 2 || ds[0].ID != first.ID || ds[1].ID != second.ID || ds[0].Options != `{"version":"forslag"}` || ds[1].Options != `{"version":"vedtatt"}` {
		t.Errorf("datasets of the bytes: %+v (%v), want the two, oldest first, with their options", ds, err)
	}
}

// vintagesReported: a vintage's import reports what it stored (its id,
// its count of values, the vintage of the same bytes it replaced), the
// latest vintage of the same bytes is found by its sha256, the same bytes
// with the same options are refused, and a rolled-back vintage leaves
// nothing: what the indicator importer decides unchanged and replaced by.
func vintagesReported(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	p := indicators.Period{Label: "2024", Start: 2024, End: 2024}
	dec := func(v string) *decimal.Decimal { d := decimal.RequireFromString(v); return &d }
	at := time.Date(2025, 5, 2, 8, 0, 0, 0, wheel.Oslo())
	vals := []indicators.Value{{Area: "469901", Period: p, Value: dec("1")}, {Area: "469902", Period: p, Value: dec("2")}, {Area: "469903", Period: p}}
	if v, err := s.VintageBySHA256(ctx, "lavinntekt", "f"); err != nil || v != nil {
		t.Fatalf("before any import: %+v (%v), want nil", v, err)
	}
	first, err := vintage(t, s, "lavinntekt", "f", "percent", at, vals)
	if err != nil || len(first) != 1 || first[0].ID == 0 || first[0].Values != 3 || first[0].Replaces != 0 {
		t.Fatalf("first vintage: %+v (%v), want one with an id, 3 values, replacing none", first, err)
	}
	if got, err := s.VintageBySHA256(ctx, "lavinntekt", "f"); err != nil || got == nil || got.ID != first[0].ID || got.OptionsKey != "percent" {
		t.Errorf("found by sha256: %+v (%v), want the first vintage with its options", got, err)
	}
	if _, err := vintage(t, s, "lavinntekt", "f", "percent", at.Add(time.Hour), vals); budget.ErrorCode(err) != budget.ECONFLICT {
		t.Errorf("the same bytes with the same options: %v, want ECONFLICT", err)
	}
	second, err := vintage(t, s, "lavinntekt", "f", "fraction", at.Add(2*time.Hour), vals[:2])
	if err != nil || len(second) != 1 || second[0].Replaces != first[0].ID || second[0].Values != 2 {
		t.Fatalf("the same bytes with other options: %+v (%v), want a vintage of 2 values replacing %d", second, err, first[0].ID)
	}
	if got, _ := s.VintageBySHA256(ctx, "lavinntekt", "f"); got == nil || got.ID != second[0].ID {
		t.Errorf("found by sha256: %+v, want the latest, %d", got, second[0].ID)
	}
	im, err := s.BeginIndicatorImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.BeginVintage(indicators.Vintage{Indicator: "sosialhjelp", Source: "g.csv", SHA256: "g", ImportedAt: at}); err != nil {
		t.Fatal(err)
	}
	if err := im.Add(vals[0]); err != nil {
		t.Fatal(err)
	}
	if err := im.Rollback(); err != nil {
		t.Fatal(err)
	}
	if v, err := s.VintageBySHA256(ctx, "sosialhjelp", "g"); err != nil || v != nil {
		t.Errorf("a rolled-back vintage: %+v (%v), want none", v, err)
	}
	if vs, err := s.IndicatorValues(ctx, "sosialhjelp", time.Time{}); err != nil || len(vs) != 0 {
		t.Errorf("values of a rolled-back vintage: %+v (%v), want none", vs, err)
	}
}
