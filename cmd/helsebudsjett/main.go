// Command helsebudsjett keeps a municipality's health-equity budget
// (helsebudsjett) in one workspace file: it imports the budget and accounts
// spreadsheets finance staff export from their ERP and answers questions
// about them to the øre.
//
// This package parses flags, opens the workspace, calls the service each
// command stands for (an importer, reports/model, reports/documents, the
// wheel's runner, the web application), prints the result with
// reports/text and maps errors to exit codes (exitCode); it holds no
// workflow of its own.
//
// Exit codes (the same for every command):
//
//	0  done
//	1  failure (I/O, a damaged workspace and the like)
//	2  usage: unknown command or flag, missing argument
//	3  input rejected: the file or a value in it is wrong; nothing was changed
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // Europe/Oslo must be known on machines without a zoneinfo database

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Exit codes; see the package comment.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitRejected = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{
		stdin:   os.Stdin,
		stdout:  os.Stdout,
		stderr:  os.Stderr,
		getenv:  os.Getenv,
		isatty:  isTerminal(os.Stderr),
		workdir: ".",
	})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the world, so tests can give their own.
type env struct {
	stdin          io.Reader // nil reads as empty
	stdout, stderr io.Writer
	getenv         func(string) string
	isatty         bool   // stderr is a terminal: progress may be drawn
	workdir        string // where relative defaults (the workspace, the demo) go
}

// usageError is a command-line mistake; it exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

const usage = `helsebudsjett keeps a municipality's health-equity budget in one workspace file.

Usage:
  helsebudsjett demo [-o DIR]                 build a workspace and every document from the fictional sample municipality

Budget (finance staff):
  helsebudsjett import budget FILE [flags]    a budget or accounts file (xlsx, csv, KOSTRA); see --help
  helsebudsjett budget datasets [--json]      the imported files, current and replaced
  helsebudsjett budget summary --year Y --by FIELD [--version V] [--json]
  helsebudsjett budget lines --year Y [--version V] --csv [-o FILE]
  helsebudsjett budget compare --year Y [--from forslag] [--to vedtatt] [--by FIELD] [--json]
  helsebudsjett generate budget --lines N -o FILE.csv|FILE.xlsx
                                              a synthetic budget of any size (for trials and benchmarks)

Indicators (the public-health coordinator):
  helsebudsjett import areas FILE             kommune, bydeler, levekårssoner with populations (csv, xlsx)
  helsebudsjett areas set-home CODE           the municipality's own kommune (others are kept for comparison)
  helsebudsjett areas list [--level L] [--all] [--json]
                                              the areas the workspace knows, with their role
  helsebudsjett import indicators FILE --indicator ID [--scale fraction|percent] [--where COL=VAL]…
                        [--exclude COL=VAL]… [--area-alias TEXT=AREA]…
                                              values from FHI, SSB, Udir, NAV: long or wide tables, JSON-stat
  helsebudsjett import catalogue FILE         add or override indicators (yaml, or an xlsx/csv sheet)
  helsebudsjett import targets FILE           baseline and target per indicator and area (csv, xlsx, yaml)
  helsebudsjett indicators list [--json] [--lang nb|nn]
  helsebudsjett indicators show ID [--area CODE] [--where DIM=VALUE] [--by ID] [--as-of DATE] [--public] [--json]
                                              series, target status, trend and inequality (gap, ratio, SII, RII)
  helsebudsjett indicators trajectory ID [--area CODE] [--json]
                                              target path, the path the adopted measures give, and the gap

Measures and the helsebudsjett:
  helsebudsjett import units FILE             the organisation: units, leaders, ansvar ranges (csv, xlsx)
  helsebudsjett template measures OUT.xlsx [--from-workspace]
  helsebudsjett import measures FILE          the measures (tiltak) with budget links, måltall and effects
  helsebudsjett measures list [--year Y] [--json]   each measure's money per økonomiplan year
  helsebudsjett template ratings OUT.xlsx --year Y [--version V]
  helsebudsjett import ratings FILE           the rating of the whole budget per funksjon
  helsebudsjett export budget --year Y [--version V] [-o FILE.xlsx] [--lang nb|nn] [--gross-base ARTS]
                                              the helsebudsjett workbook (default helsebudsjett-YEAR.xlsx)

Letters, follow-up and the council:
  helsebudsjett letters --year Y [--unit CODE]… [--lang nb|nn] [-o DIR] [--combined] [--force]
                        [--config FILE.yaml] [--templates DIR] [--date YYYY-MM-DD] [--json]
                                              the oppdragsbrev to every unit, as PDF, with manifest.csv
  helsebudsjett template report --period 2026-T1 (--unit CODE -o FILE.xlsx | --all -o DIR)
                                              the tertial reporting form per unit (T1, T2 or year)
  helsebudsjett import report FILE... [--unit CODE] [--period P] [--dry-run] [--json]
                                              filled-in reporting forms, each all or nothing
  helsebudsjett report --year Y [--public] [--lang nb|nn] [--gross-base ARTS] -o FILE.pdf
                                              the annual report on the helsebudsjett to the council, as PDF
  helsebudsjett report --year Y --format html [--public] [--lang nb|nn] -o DIR
                                              the same report as an accessible web page (a new folder)

The yearly wheel (årshjul):
  helsebudsjett wheel import FILE.yaml [--extend]   replace (or extend) the wheel
  helsebudsjett wheel list [--year Y] [--json]      the year's tasks, deadlines and runs
  helsebudsjett wheel ics -o FILE.ics [--year Y]    the wheel as a calendar (iCalendar)
  helsebudsjett wheel run-due [--now TIME]          run every task that is due and has not run
  helsebudsjett serve [--addr 127.0.0.1:8080]       the web application, the wheel's schedule, /healthz

Users and running it:
  helsebudsjett user add NAME --role ROLE [--unit CODE]… [--password-stdin]
  helsebudsjett user list [--json] | user remove NAME | user passwd NAME | user token NAME
  helsebudsjett audit list [--json] [--limit N] [--action A]   who did what, when, from where
  helsebudsjett backup -o FILE [--force]            a consistent copy of the workspace, also while serve runs

Every command takes --db PATH (else $HELSEBUDSJETT_DB, else ./helsebudsjett.db) and --help.
Exit codes: 0 done, 1 failure, 2 usage, 3 input rejected (nothing changed).
`

func run(ctx context.Context, args []string, e *env) int {
	err := dispatch(ctx, args, e)
	return exitCode(err, e)
}

func dispatch(ctx context.Context, args []string, e *env) error {
	args = moveGlobalFlags(args)
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return usagef("no command given")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "areas":
		return cmdAreas(ctx, rest, e)
	case "demo":
		return cmdDemo(ctx, rest, e)
	case "import":
		return cmdImport(ctx, rest, e)
	case "budget":
		return cmdBudget(ctx, rest, e)
	case "indicators":
		return cmdIndicators(ctx, rest, e)
	case "generate":
		return cmdGenerate(ctx, rest, e)
	case "wheel":
		return cmdWheel(ctx, rest, e)
	case "serve":
		return cmdServe(ctx, rest, e)
	case "template":
		return cmdTemplate(ctx, rest, e)
	case "measures":
		return cmdMeasures(ctx, rest, e)
	case "report":
		return cmdReport(ctx, rest, e)
	case "letters":
		return cmdLetters(ctx, rest, e)
	case "export":
		return cmdExport(ctx, rest, e)
	case "user":
		return cmdUser(ctx, rest, e)
	case "audit":
		return cmdAudit(ctx, rest, e)
	case "backup":
		return cmdBackup(ctx, rest, e)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	default:
		fmt.Fprint(e.stderr, usage)
		return usagef("unknown command %q", cmd)
	}
}

// moveGlobalFlags lets "--db PATH" stand before the command, as in
// "helsebudsjett --db ws.db budget datasets", by moving it after the command
// words, where every command's own flags take it.
func moveGlobalFlags(args []string) []string {
	var global []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case (a == "--db" || a == "-db") && len(args) > 1:
			global, args = append(global, a, args[1]), args[2:]
			continue
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			global, args = append(global, a), args[1:]
			continue
		}
		break
	}
	return append(args, global...)
}

func cmdImport(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("import what? use: helsebudsjett import budget FILE")
	}
	switch args[0] {
	case "budget":
		return cmdImportBudget(ctx, args[1:], e)
	case "catalogue":
		return cmdImportCatalogue(ctx, args[1:], e)
	case "targets":
		return cmdImportTargets(ctx, args[1:], e)
	case "areas":
		return cmdImportAreas(ctx, args[1:], e)
	case "indicators":
		return cmdImportIndicators(ctx, args[1:], e)
	case "units":
		return cmdImportUnits(ctx, args[1:], e)
	case "measures":
		return cmdImportMeasures(ctx, args[1:], e)
	case "ratings":
		return cmdImportRatings(ctx, args[1:], e)
	case "report":
		return cmdImportReport(ctx, args[1:], e)
	}
	return usagef("unknown import %q: use budget, areas, indicators, catalogue, targets, units, measures, ratings or report", args[0])
}

func cmdBudget(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("budget what? use: datasets, summary or lines")
	}
	switch args[0] {
	case "datasets":
		return cmdDatasets(ctx, args[1:], e)
	case "summary":
		return cmdSummary(ctx, args[1:], e)
	case "compare":
		return cmdCompare(ctx, args[1:], e)
	case "lines":
		return cmdLines(ctx, args[1:], e)
	}
	return usagef("unknown budget command %q: use datasets, summary, lines or compare", args[0])
}

// exitCode prints err for the user and turns it into the process's exit
// code: usage 2; rejected input and anything not found 3, with the same
// message whichever command meets it; other failures 1.
func exitCode(err error, e *env) int {
	var ue *usageError
	var rej *rejectedError
	var help *helpRequest
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &help):
		fmt.Fprint(e.stdout, help.text)
		return exitOK
	case errors.As(err, &rej):
		return exitRejected // the command has printed the errors already
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "helsebudsjett: %s\nRun 'helsebudsjett help' for usage.\n", ue.msg)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "helsebudsjett: interrupted; nothing was changed")
		return exitFailure
	}
	if budget.ErrorCode(err) == budget.EMISSING {
		fmt.Fprintf(e.stderr, "helsebudsjett: %s\nRun the command with --help for its flags.\n", err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "helsebudsjett: %s\n", err)
	switch budget.ErrorCode(err) {
	case budget.EINVALID, budget.ENOTFOUND:
		return exitRejected
	}
	return exitFailure
}

// rejectedError says the input was rejected and the command has already
// told the user why.
type rejectedError struct{}

func (*rejectedError) Error() string { return "input rejected" }
