package wheel

import "time"

// ListItem is one occurrence as `wheel list --json` prints it and
// GET /api/v1/wheel answers it: one definition for both.
type ListItem struct {
	Task        string   `json:"task"`
	Title       string   `json:"title"`
	At          string   `json:"at"`
	Deadline    string   `json:"deadline,omitempty"`
	MovedFrom   string   `json:"moved_from,omitempty"`
	Reason      string   `json:"reason,omitempty"`
	Responsible []string `json:"responsible"`
	Action      string   `json:"action"`
	Warning     string   `json:"warning,omitempty"`
	Run         string   `json:"run"`
}

// NewListItem describes o with its run's status ("" when it has not run,
// shown as "not run"), the title in lang ("nb" or "nn").
func NewListItem(o Occurrence, run, lang string) ListItem {
	it := ListItem{Task: o.Task.ID, Title: o.Task.Title.In(lang), At: FormatTime(o.At),
		Responsible: o.Task.Responsible, Action: string(o.Task.Action), Warning: o.Warning, Run: run}
	if it.Responsible == nil {
		it.Responsible = []string{}
	}
	if it.Run == "" {
		it.Run = "not run"
	}
	if o.Due != nil {
		it.Deadline = o.Due.Date.Format(time.DateOnly)
		if o.Due.Moved() {
			it.MovedFrom, it.Reason = o.Due.MovedFrom.Format(time.DateOnly), o.Due.Reason
		}
	}
	return it
}
