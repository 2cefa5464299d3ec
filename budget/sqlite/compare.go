package sqlite

import (
	"context"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Compare compares the current datasets of two keys (the proposal and the
// adopted budget of a year, say) grouped by the field by: a code, part,
// art-group, side, or an attribute of either (budget.GroupOf). The
// arithmetic is budget.Comparer's: every group to the øre, with the lines
// added, removed and changed. A key without a current dataset is
// ENOTFOUND; a field that is none of these is EINVALID listing the
// choices.
func (db *DB) Compare(ctx context.Context, from, to budget.Key, by string) (budget.Comparison, error) {
	if err := db.checkGroup(ctx, by, from, to); err != nil {
		return budget.Comparison{}, err
	}
	c := budget.NewComparer(by)
	if err := db.Lines(ctx, from, func(l *budget.Line) error { c.From(l, l.OreFor(from)); return nil }); err != nil {
		return budget.Comparison{}, err
	}
	if err := db.Lines(ctx, to, func(l *budget.Line) error { c.To(l, l.OreFor(to)); return nil }); err != nil {
		return budget.Comparison{}, err
	}
	return c.Result(budget.GroupLess(by, indicators.NorwegianLess))
}

// checkGroup refuses a group field that is no code, derived group or
// attribute of the keys' datasets.
func (db *DB) checkGroup(ctx context.Context, by string, keys ...budget.Key) error {
	if _, ok := codeColumn(by); ok || derivedGroup(by) {
		return nil
	}
	choices := strings.Split(codeColumns, ",")
	choices = append(choices, budget.ByPart, budget.ByArtGroup, budget.BySide)
	for _, k := range keys {
		names, err := db.AttributeNames(ctx, k)
		if err != nil {
			return err
		}
		for _, n := range names {
			if strings.EqualFold(n, strings.TrimSpace(by)) {
				return nil
			}
		}
		choices = append(choices, names...)
	}
	return budget.Errorf(budget.EINVALID, "cannot group by %q: choose one of %s", by, strings.Join(choices, ", "))
}
