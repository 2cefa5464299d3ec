package wheel

import (
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Stored is a wheel as the workspace keeps it: the file it came from, when
// each task becomes active, and each task's revisions.
type Stored struct {
	Source     string
	YAML       []byte
	SHA256     string
	ImportedAt time.Time
	// ActiveFrom is, per task id, the instant before which the task's
	// occurrences are not run.
	ActiveFrom map[string]time.Time
	// Revisions are, per task id, how often an import changed the task
	// and when it last did.
	Revisions map[string]TaskRevision
}

// TaskRevision is how often an import changed a task's definition
// (Sequence, 0 for a task never changed since it was added) and when
// (Modified: the import that added or last changed it).
type TaskRevision struct {
	Sequence int
	Modified time.Time
}

// BudgetYear is the budget year an occurrence at t works on: from July on
// the next year's (the proposal in the autumn), before July this year's
// (the revised budget in June).
func BudgetYear(t time.Time) int {
	at := t.In(Oslo())
	if at.Month() >= time.July {
		return at.Year() + 1
	}
	return at.Year()
}

// ReportPeriod is the report an occurrence at t produces: until April the
// previous year's annual report, from May to August this year's first
// tertial, from September the second.
func ReportPeriod(t time.Time) budget.Period {
	at := t.In(Oslo())
	switch {
	case at.Month() <= time.April:
		return budget.Period{Year: at.Year() - 1, Term: budget.TermYear}
	case at.Month() <= time.August:
		return budget.Period{Year: at.Year(), Term: budget.T1}
	}
	return budget.Period{Year: at.Year(), Term: budget.T2}
}
