package wheel

import "time"

// Run states, as recorded in the workspace.
const (
	RunStarted      = "started"       // claimed; the action is running, or the process died while it ran
	RunDone         = "done"          // the action finished
	RunFailed       = "failed"        // the action returned an error; it is not retried
	RunPanicked     = "panicked"      // the action panicked; recovered and recorded
	RunNotAvailable = "not-available" // the action is not available in this version yet
)

// Run is the record of one occurrence run. A run is recorded as started
// before its action does anything, and there is at most one run per
// (TaskID, Occurrence): that is what makes a double trigger or a crash
// mid-run harmless.
type Run struct {
	ID         int64     `json:"id"`
	TaskID     string    `json:"task"`
	Occurrence time.Time `json:"occurrence"`
	Started    time.Time `json:"started"`
	Ended      time.Time `json:"ended,omitzero"`
	Status     string    `json:"status"`
	Result     string    `json:"result,omitempty"`
	Warning    string    `json:"warning,omitempty"`
	Files      []File    `json:"files,omitempty"`
}

// File is a file an action wrote, with its sha256 in hex.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Message states in the outbox.
const (
	MsgPending     = "pending"     // to be sent (again) at NextAttempt
	MsgSending     = "sending"     // handed to the SMTP server; never sent again automatically
	MsgSent        = "sent"        // accepted by the SMTP server
	MsgFailed      = "failed"      // gave up after the last attempt
	MsgUnaddressed = "unaddressed" // no address for the recipient; kept as a file only
)

// Message is a reminder in the outbox, one per run and recipient.
type Message struct {
	ID          int64     `json:"id"`
	RunID       int64     `json:"run"`
	Recipient   string    `json:"recipient"` // the role or unit responsible
	Address     string    `json:"address,omitempty"`
	Subject     string    `json:"subject"`
	Body        string    `json:"body"`
	State       string    `json:"state"`
	Attempts    int       `json:"attempts"`
	NextAttempt time.Time `json:"next_attempt"`
	LastError   string    `json:"last_error,omitempty"`
}
