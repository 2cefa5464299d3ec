package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// cmdIndicatorsTrajectory: helsebudsjett indicators trajectory ID [--area CODE] [--json] [--lang nb|nn].
func cmdIndicatorsTrajectory(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("indicators trajectory", e)
	area := fs.String("area", "", "only the target of this area (code or name)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("indicators trajectory takes one indicator ID, got %d", len(pos))
	}
	lang, err := langFlag(*langS)
	if err != nil {
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
	out, err := model.TrajectoryOf(ctx, db, cat, pos[0], *area, lang)
	if err != nil {
		return err // an unknown indicator or area: exit 3
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	return text.Trajectories(e.stdout, out, lang)
}
