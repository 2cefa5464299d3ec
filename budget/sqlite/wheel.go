package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// StoredWheel is the wheel kept in the workspace (wheel.Stored).
type StoredWheel = wheel.Stored

// TaskRevision is a task's revision count (wheel.TaskRevision).
type TaskRevision = wheel.TaskRevision

// osloTime writes t as the wheel tables store times: RFC 3339 with the Oslo offset.
func osloTime(t time.Time) string { return wheel.FormatTime(t) }

func parseOsloTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("workspace: bad time %q: %w", s, err)
	}
	return t.In(wheel.Oslo()), nil
}

// SaveWheel stores the wheel's YAML as the one in use, replacing any
// earlier one, in one transaction. Task ids the workspace has not seen
// become active at activeFrom; those it has keep their time. Each task's
// definition in yaml is compared with the one stored: a changed one has
// its revision's sequence raised and its time set to now, a new one starts
// at sequence 0 at now (StoredWheel.Revisions).
func (db *DB) SaveWheel(ctx context.Context, source string, yaml []byte, taskIDs []string, activeFrom, now time.Time) error {
	sums := taskSums(source, yaml)
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	sum := sha256.Sum256(yaml)
	_, err = tx.ExecContext(ctx, `INSERT INTO wheel (id, source, yaml, sha256, active_from, imported_at)
		VALUES (1, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET source = excluded.source, yaml = excluded.yaml,
			sha256 = excluded.sha256, imported_at = excluded.imported_at`,
		source, string(yaml), hex.EncodeToString(sum[:]), osloTime(activeFrom), osloTime(now))
	if err != nil {
		return fmt.Errorf("save wheel: %w", err)
	}
	for _, id := range taskIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO wheel_task_active (task_id, active_from, sha256, sequence, modified_at)
			VALUES (?, ?, ?, 0, ?)
			ON CONFLICT (task_id) DO UPDATE SET
				sequence = CASE WHEN wheel_task_active.sha256 NOT IN ('', excluded.sha256) THEN wheel_task_active.sequence + 1 ELSE wheel_task_active.sequence END,
				modified_at = CASE WHEN wheel_task_active.sha256 NOT IN ('', excluded.sha256) OR wheel_task_active.modified_at = ''
					THEN excluded.modified_at ELSE wheel_task_active.modified_at END,
				sha256 = excluded.sha256`,
			id, osloTime(activeFrom), sums[id], osloTime(now)); err != nil {
			return fmt.Errorf("save wheel: %w", err)
		}
	}
	return tx.Commit()
}

// taskSums returns the sha256 of each task's definition in the wheel's
// YAML (its canonical JSON), by id; nothing for YAML that does not read as
// a wheel (the caller has parsed it already).
func taskSums(source string, yaml []byte) map[string]string {
	out := map[string]string{}
	w, err := wheel.Parse(source, yaml)
	if err != nil {
		return out
	}
	for _, t := range w.Tasks {
		b, err := json.Marshal(t)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(b)
		out[t.ID] = hex.EncodeToString(sum[:])
	}
	return out
}

// Wheel returns the stored wheel, or nil, nil when none has been stored.
func (db *DB) Wheel(ctx context.Context) (*StoredWheel, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var w StoredWheel
	var yaml, imported string
	err = tx.QueryRowContext(ctx, `SELECT source, yaml, sha256, imported_at FROM wheel WHERE id = 1`).
		Scan(&w.Source, &yaml, &w.SHA256, &imported)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read wheel: %w", err)
	}
	w.YAML = []byte(yaml)
	if w.ImportedAt, err = parseOsloTime(imported); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT task_id, active_from, sequence, modified_at FROM wheel_task_active`)
	if err != nil {
		return nil, fmt.Errorf("read wheel: %w", err)
	}
	defer rows.Close()
	w.ActiveFrom = map[string]time.Time{}
	w.Revisions = map[string]TaskRevision{}
	for rows.Next() {
		var id, from, modified string
		var rev TaskRevision
		if err := rows.Scan(&id, &from, &rev.Sequence, &modified); err != nil {
			return nil, err
		}
		if w.ActiveFrom[id], err = parseOsloTime(from); err != nil {
			return nil, err
		}
		rev.Modified = w.ImportedAt
		if modified != "" {
			if rev.Modified, err = parseOsloTime(modified); err != nil {
				return nil, err
			}
		}
		w.Revisions[id] = rev
	}
	return &w, rows.Err()
}

// ClaimRun records the run of r.TaskID at r.Occurrence as started, with
// r.Started and r.Warning, and returns its id and true. When the occurrence
// has a run already (done, failed, or started by another process or before a
// crash) it records nothing and returns false: the caller must not act.
func (db *DB) ClaimRun(ctx context.Context, r wheel.Run) (int64, bool, error) {
	res, err := db.sql.ExecContext(ctx, `INSERT INTO wheel_run (task_id, occurrence, started_at, status, warning)
		VALUES (?, ?, ?, 'started', ?) ON CONFLICT (task_id, occurrence) DO NOTHING`,
		r.TaskID, osloTime(r.Occurrence), osloTime(r.Started), r.Warning)
	if err != nil {
		return 0, false, fmt.Errorf("claim run of %s at %s: %w", r.TaskID, osloTime(r.Occurrence), err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, false, err
	}
	id, err := res.LastInsertId()
	return id, err == nil, err
}

// FinishRun records the end of a started run: its status, result, the
// files it wrote and the messages it put in the outbox, all in one
// transaction. A run that is not in state started is an error (it was
// finished already).
func (db *DB) FinishRun(ctx context.Context, id int64, status, result string, ended time.Time, files []wheel.File, msgs []wheel.Message) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE wheel_run SET status = ?, result = ?, ended_at = ?
		WHERE id = ? AND status = 'started'`, status, result, osloTime(ended), id)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("finish run %d: it is not a started run", id)
	}
	for _, f := range files {
		if _, err := tx.ExecContext(ctx, `INSERT INTO wheel_run_file (run_id, path, sha256) VALUES (?, ?, ?)`,
			id, f.Path, f.SHA256); err != nil {
			return fmt.Errorf("finish run %d: file %s: %w", id, f.Path, err)
		}
	}
	for _, m := range msgs {
		state := wheel.MsgPending
		if m.Address == "" {
			state = wheel.MsgUnaddressed
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (run_id, recipient, address, subject, body, state, next_attempt)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, m.Recipient, m.Address, m.Subject, m.Body, state, osloTime(ended)); err != nil {
			return fmt.Errorf("finish run %d: message to %s: %w", id, m.Recipient, err)
		}
	}
	return tx.Commit()
}

// Runs returns the runs whose occurrence lies in [from, to), in occurrence
// order, with their files.
func (db *DB) Runs(ctx context.Context, from, to time.Time) ([]wheel.Run, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// Stored times carry +01:00 or +02:00, so text order is instant order
	// only to within two hours: select a day wider and filter exactly.
	rows, err := tx.QueryContext(ctx, `SELECT id, task_id, occurrence, started_at, coalesce(ended_at, ''), status, result, warning
		FROM wheel_run WHERE occurrence >= ? AND occurrence < ?`,
		osloTime(from.AddDate(0, 0, -1)), osloTime(to.AddDate(0, 0, 1)))
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	runs, err := scanRuns(rows)
	if err != nil {
		return nil, err
	}
	var out []wheel.Run
	for _, r := range runs {
		if !r.Occurrence.Before(from) && r.Occurrence.Before(to) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Occurrence.Before(out[j].Occurrence) })
	for i := range out {
		if out[i].Files, err = runFiles(ctx, tx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LastRun returns the run started last, or nil when there is none.
func (db *DB) LastRun(ctx context.Context) (*wheel.Run, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, task_id, occurrence, started_at, coalesce(ended_at, ''), status, result, warning
		FROM wheel_run ORDER BY id DESC LIMIT 1`)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	runs, err := scanRuns(rows)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	return &runs[0], nil
}

func scanRuns(rows *sql.Rows) ([]wheel.Run, error) {
	defer rows.Close()
	var out []wheel.Run
	for rows.Next() {
		var r wheel.Run
		var occ, started, ended string
		if err := rows.Scan(&r.ID, &r.TaskID, &occ, &started, &ended, &r.Status, &r.Result, &r.Warning); err != nil {
			return nil, err
		}
		var err error
		if r.Occurrence, err = parseOsloTime(occ); err != nil {
			return nil, err
		}
		if r.Started, err = parseOsloTime(started); err != nil {
			return nil, err
		}
		if ended != "" {
			if r.Ended, err = parseOsloTime(ended); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func runFiles(ctx context.Context, tx *sql.Tx, id int64) ([]wheel.File, error) {
	rows, err := tx.QueryContext(ctx, `SELECT path, sha256 FROM wheel_run_file WHERE run_id = ? ORDER BY path`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []wheel.File
	for rows.Next() {
		var f wheel.File
		if err := rows.Scan(&f.Path, &f.SHA256); err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

// Messages returns the outbox messages in the given states (all when none
// is given), oldest first.
func (db *DB) Messages(ctx context.Context, states ...string) ([]wheel.Message, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, run_id, recipient, address, subject, body, state, attempts,
		next_attempt, last_error FROM outbox ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	want := map[string]bool{}
	for _, s := range states {
		want[s] = true
	}
	var out []wheel.Message
	for rows.Next() {
		var m wheel.Message
		var next string
		if err := rows.Scan(&m.ID, &m.RunID, &m.Recipient, &m.Address, &m.Subject, &m.Body, &m.State,
			&m.Attempts, &next, &m.LastError); err != nil {
			return nil, err
		}
		if m.NextAttempt, err = parseOsloTime(next); err != nil {
			return nil, err
		}
		if len(want) == 0 || want[m.State] {
			out = append(out, m)
		}
	}
	return out, rows.Err()
}

// MarkSending moves a pending message to sending and counts the attempt,
// committed before the SMTP conversation starts. It returns false when the
// message was not pending (another sender has it, or it was sent): the
// caller must not send it.
func (db *DB) MarkSending(ctx context.Context, id int64) (bool, error) {
	res, err := db.sql.ExecContext(ctx, `UPDATE outbox SET state = 'sending', attempts = attempts + 1
		WHERE id = ? AND state = 'pending'`, id)
	if err != nil {
		return false, fmt.Errorf("outbox message %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MarkSent records that the SMTP server accepted the message.
func (db *DB) MarkSent(ctx context.Context, id int64, at time.Time) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE outbox SET state = 'sent', sent_at = ?, last_error = ''
		WHERE id = ? AND state = 'sending'`, osloTime(at), id)
	return err
}

// MarkFailedAttempt records that sending failed before the server accepted
// the message: it becomes pending again from next, or failed when giveUp.
func (db *DB) MarkFailedAttempt(ctx context.Context, id int64, reason string, next time.Time, giveUp bool) error {
	state := wheel.MsgPending
	if giveUp {
		state = wheel.MsgFailed
	}
	_, err := db.sql.ExecContext(ctx, `UPDATE outbox SET state = ?, last_error = ?, next_attempt = ?
		WHERE id = ? AND state = 'sending'`, state, reason, osloTime(next), id)
	return err
}

// SetActiveFrom makes the tasks with the ids active from the instant: their
// occurrences before it are not run. run-due uses it to skip, once, the
// occurrences older than its catch-up window.
func (db *DB) SetActiveFrom(ctx context.Context, taskIDs []string, from time.Time) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range taskIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO wheel_task_active (task_id, active_from) VALUES (?, ?)
			ON CONFLICT (task_id) DO UPDATE SET active_from = excluded.active_from`, id, osloTime(from)); err != nil {
			return fmt.Errorf("set active from: %w", err)
		}
	}
	return tx.Commit()
}

// RetryRun claims again a run left "started" (by a crash) so that it can
// be run again: it records started as its new start and returns true, or
// returns false when the run is no longer started or another process
// claimed it first (its start is no longer r.Started).
func (db *DB) RetryRun(ctx context.Context, r wheel.Run, started time.Time) (bool, error) {
	res, err := db.sql.ExecContext(ctx, `UPDATE wheel_run SET started_at = ? WHERE id = ? AND status = 'started' AND started_at = ?`,
		osloTime(started), r.ID, osloTime(r.Started))
	if err != nil {
		return false, fmt.Errorf("retry run of %s at %s: %w", r.TaskID, osloTime(r.Occurrence), err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
