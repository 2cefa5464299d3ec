package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// Record appends e to the audit log; DB is an access.Recorder.
func (db *DB) Record(ctx context.Context, e access.Event) error {
	if e.At.IsZero() {
		e.At = db.Now()
	}
	_, err := db.sql.ExecContext(ctx, "INSERT INTO audit_log (at, actor, addr, action, detail) VALUES (?, ?, ?, ?, ?)",
		formatTime(e.At), e.Actor, e.Addr, e.Action, e.Detail)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// AuditLog returns the audit log's events, oldest first.
func (db *DB) AuditLog(ctx context.Context, q access.AuditQuery) ([]access.Event, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT at, actor, addr, action, detail FROM (
		SELECT id, at, actor, addr, action, detail FROM audit_log WHERE ? = '' OR action = ? ORDER BY id DESC LIMIT ?
	) ORDER BY id`, q.Action, q.Action, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []access.Event
	for rows.Next() {
		var e access.Event
		var at string
		if err := rows.Scan(&at, &e.Actor, &e.Addr, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
