package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// cmdAudit prints the audit log: audit list [--json] [--limit N] [--action A].
func cmdAudit(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "list" {
		return usagef("audit what? use: audit list [--json] [--limit N] [--action A]")
	}
	fs, dbFlag := newFlags("audit list", e)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 0, "only the newest N events (default all)")
	action := fs.String("action", "", "only this action, such as login.failed or user.add")
	if pos, err := parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("audit list takes no arguments")
	}
	db, err := openReading(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	log, err := db.AuditLog(ctx, access.AuditQuery{Limit: *limit, Action: *action})
	if err != nil {
		return err
	}
	if *asJSON {
		if log == nil {
			log = []access.Event{}
		}
		writeJSON(e.stdout, log)
		return nil
	}
	if len(log) == 0 {
		fmt.Fprintln(e.stdout, "The audit log is empty.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tWHO\tFROM\tWHAT\tDETAIL")
	for _, ev := range log {
		who := ev.Actor
		if who == "" {
			who = "-"
		}
		from := ev.Addr
		if from == "" {
			from = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ev.At.In(wheel.Oslo()).Format("2006-01-02 15:04:05"), who, from, ev.Action, ev.Detail)
	}
	return tw.Flush()
}
