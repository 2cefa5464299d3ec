package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// CreateSession stores s (its Hash, never the identifier itself).
func (db *DB) CreateSession(ctx context.Context, s access.Session) error {
	_, err := db.sql.ExecContext(ctx, "INSERT INTO app_session (hash, user_id, created_at, last_seen, addr) VALUES (?, ?, ?, ?, ?)",
		s.Hash, s.UserID, formatTime(s.Created), formatTime(s.LastSeen), s.Addr)
	if err != nil {
		return fmt.Errorf("store session: %w", err)
	}
	return nil
}

// Session returns the session with hash, or an ENOTFOUND error.
func (db *DB) Session(ctx context.Context, hash string) (access.Session, error) {
	s := access.Session{Hash: hash}
	var created, seen string
	err := db.sql.QueryRowContext(ctx, "SELECT user_id, created_at, last_seen, addr FROM app_session WHERE hash = ?", hash).
		Scan(&s.UserID, &created, &seen, &s.Addr)
	if errors.Is(err, sql.ErrNoRows) {
		return s, budget.Errorf(budget.ENOTFOUND, "no such session")
	}
	if err != nil {
		return s, err
	}
	if s.Created, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return s, err
	}
	s.LastSeen, err = time.Parse(time.RFC3339Nano, seen)
	return s, err
}

// TouchSession sets the session's last request to now.
func (db *DB) TouchSession(ctx context.Context, hash string, now time.Time) error {
	_, err := db.sql.ExecContext(ctx, "UPDATE app_session SET last_seen = ? WHERE hash = ?", formatTime(now), hash)
	return err
}

// DeleteSession ends one session; ending one that does not exist is no error.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	_, err := db.sql.ExecContext(ctx, "DELETE FROM app_session WHERE hash = ?", hash)
	return err
}

// DeleteUserSessions ends every session of the user (logout everywhere) and
// returns how many there were.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) (int, error) {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM app_session WHERE user_id = ?", userID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// DeleteSessionsBefore removes sessions whose last request or start is
// older than the given times, so the table does not grow with abandoned
// browsers; it returns how many it removed.
func (db *DB) DeleteSessionsBefore(ctx context.Context, lastSeen, created time.Time) (int, error) {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM app_session WHERE last_seen < ? OR created_at < ?",
		formatTime(lastSeen), formatTime(created))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
