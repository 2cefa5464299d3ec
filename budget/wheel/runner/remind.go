package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// remind writes one message per responsible role or unit: a text file under
// OutDir/YEAR/paminnelser and a message for the outbox, addressed from the
// wheel's contacts (unaddressed when the wheel has no address for it).
func (r *Runner) remind(ctx context.Context, plan *Plan, o wheel.Occurrence) ([]string, []wheel.Message, error) {
	dir := filepath.Join(r.OutDir, fmt.Sprint(o.At.In(wheel.Oslo()).Year()), "paminnelser")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("task %s: make %s: %w", o.Task.ID, dir, err)
	}
	var files []string
	var msgs []wheel.Message
	for _, who := range o.Task.Responsible {
		m := reminder(o, who)
		m.Address = plan.Wheel.Contacts[who]
		name := fmt.Sprintf("%s-%s-%s.txt", o.Task.ID, o.At.In(wheel.Oslo()).Format("20060102-1504"), slug(who))
		p := filepath.Join(dir, name)
		text := "Til: " + who + "\nEmne: " + m.Subject + "\n\n" + m.Body
		if r.Guard != nil {
			if err := r.Guard(ctx, p); err != nil {
				return files, nil, fmt.Errorf("task %s: %w", o.Task.ID, err)
			}
		}
		if err := atomicfile.WriteBytes(p, []byte(text)); err != nil {
			return files, nil, fmt.Errorf("task %s: write reminder to %s: %w", o.Task.ID, who, err)
		}
		files = append(files, p)
		msgs = append(msgs, m)
	}
	return files, msgs, nil
}

// reminder composes the message in bokmål.
func reminder(o wheel.Occurrence, who string) wheel.Message {
	title := o.Task.Title.In("nb")
	subject := "Årshjul: " + title
	var b strings.Builder
	fmt.Fprintf(&b, "Påminnelse fra årshjulet for helsebudsjettet.\n\n%s\n", title)
	if o.Task.Description != "" {
		fmt.Fprintf(&b, "%s\n", o.Task.Description)
	}
	if o.Due != nil {
		subject += " – frist " + wheel.FormatDate(o.Due.Date)
		fmt.Fprintf(&b, "\nFrist: %s", wheel.LongDate(o.Due.Date))
		switch {
		case o.Due.Moved() && wheel.Holiday(o.Due.MovedFrom) != "":
			fmt.Fprintf(&b, " (flyttet fra %s: %s)", wheel.LongDate(o.Due.MovedFrom), o.Due.Reason)
		case o.Due.Moved(): // the weekday in the long date says why
			fmt.Fprintf(&b, " (flyttet fra %s)", wheel.LongDate(o.Due.MovedFrom))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Ansvarlig: %s\n\nMeldingen er laget av helsebudsjett (oppgave %s, %s).\n",
		who, o.Task.ID, o.At.In(wheel.Oslo()).Format("02.01.2006 15:04"))
	return wheel.Message{Recipient: who, Subject: subject, Body: b.String()}
}

// slug makes a role or unit name safe and readable in a file name.
func slug(s string) string {
	r := strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "ae", "Ø", "o", "Å", "a")
	s = strings.ToLower(r.Replace(s))
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
