package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// AddUser stores a new user with its roles, units and password hash ("" for
// none) and returns it with its ID. A user of that name (ignoring case)
// is an ECONFLICT error; an invalid user an EINVALID one.
func (db *DB) AddUser(ctx context.Context, u access.User, passwordHash string) (access.User, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return u, fmt.Errorf("add user: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM app_user WHERE name = ?", u.Name).Scan(&n); err != nil {
		return u, fmt.Errorf("add user: %w", err)
	}
	if n > 0 {
		return u, budget.Errorf(budget.ECONFLICT, "a user named %s exists already: choose another name, or `user remove` it first", u.Name)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO app_user (name, password_hash, demo, created_at) VALUES (?, ?, ?, ?)",
		u.Name, passwordHash, u.Demo, formatTime(db.Now()))
	if err != nil {
		return u, fmt.Errorf("add user: %w", err)
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return u, err
	}
	if err := setGrants(ctx, tx, u); err != nil {
		return u, err
	}
	return u, tx.Commit()
}

// setGrants replaces u's roles and units with u.Roles and u.Units.
func setGrants(ctx context.Context, tx *sql.Tx, u access.User) error {
	for _, q := range []string{"DELETE FROM app_user_role WHERE user_id = ?", "DELETE FROM app_user_unit WHERE user_id = ?"} {
		if _, err := tx.ExecContext(ctx, q, u.ID); err != nil {
			return fmt.Errorf("user %s: %w", u.Name, err)
		}
	}
	for _, r := range u.Roles {
		if _, err := tx.ExecContext(ctx, "INSERT INTO app_user_role (user_id, role) VALUES (?, ?)", u.ID, string(r)); err != nil {
			return fmt.Errorf("user %s role %s: %w", u.Name, r, err)
		}
	}
	for _, c := range u.Units {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO app_user_unit (user_id, unit_code) VALUES (?, ?)", u.ID, c); err != nil {
			return fmt.Errorf("user %s unit %s: %w", u.Name, c, err)
		}
	}
	return nil
}

// Users returns every user, by name, with roles in access.Roles order and
// units sorted.
func (db *DB) Users(ctx context.Context) ([]access.User, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, name, demo FROM app_user ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var us []access.User
	for rows.Next() {
		var u access.User
		if err := rows.Scan(&u.ID, &u.Name, &u.Demo); err != nil {
			rows.Close()
			return nil, err
		}
		us = append(us, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range us {
		if err := db.grants(ctx, &us[i]); err != nil {
			return nil, err
		}
	}
	return us, nil
}

// grants fills u's roles and units.
func (db *DB) grants(ctx context.Context, u *access.User) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT role FROM app_user_role WHERE user_id = ?", u.ID)
	if err != nil {
		return err
	}
	have := map[access.Role]bool{}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return err
		}
		have[access.Role(r)] = true
	}
	rows.Close()
	u.Roles = nil
	for _, r := range access.Roles() {
		if have[r] {
			u.Roles = append(u.Roles, r)
		}
	}
	rows, err = db.sql.QueryContext(ctx, "SELECT unit_code FROM app_user_unit WHERE user_id = ? ORDER BY unit_code", u.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	u.Units = nil
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return err
		}
		u.Units = append(u.Units, c)
	}
	sort.Strings(u.Units)
	return rows.Err()
}

// UserCredentials returns the user named name (ignoring case) and its
// password hash ("" when it has none), or an ENOTFOUND error.
func (db *DB) UserCredentials(ctx context.Context, name string) (access.User, string, error) {
	var u access.User
	var hash string
	err := db.sql.QueryRowContext(ctx, "SELECT id, name, demo, password_hash FROM app_user WHERE name = ?", name).
		Scan(&u.ID, &u.Name, &u.Demo, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", budget.Errorf(budget.ENOTFOUND, "no user named %s: `user list` shows the users", name)
	}
	if err != nil {
		return u, "", fmt.Errorf("user %s: %w", name, err)
	}
	return u, hash, db.grants(ctx, &u)
}

// UserByID returns the user with id, or an ENOTFOUND error.
func (db *DB) UserByID(ctx context.Context, id int64) (access.User, error) {
	u := access.User{ID: id}
	err := db.sql.QueryRowContext(ctx, "SELECT name, demo FROM app_user WHERE id = ?", id).Scan(&u.Name, &u.Demo)
	if errors.Is(err, sql.ErrNoRows) {
		return u, budget.Errorf(budget.ENOTFOUND, "no user with id %d", id)
	}
	if err != nil {
		return u, err
	}
	return u, db.grants(ctx, &u)
}

// RemoveUser deletes the user named name with its sessions and tokens, or
// returns an ENOTFOUND error.
func (db *DB) RemoveUser(ctx context.Context, name string) error {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM app_user WHERE name = ?", name)
	if err != nil {
		return fmt.Errorf("remove user %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return budget.Errorf(budget.ENOTFOUND, "no user named %s: `user list` shows the users", name)
	}
	return nil
}

// SetPassword replaces the password hash of the user named name and ends
// all its sessions, so a changed password locks out whoever knew the old
// one. ENOTFOUND when there is no such user.
func (db *DB) SetPassword(ctx context.Context, name, hash string) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE app_user SET password_hash = ? WHERE name = ?", hash, name)
	if err != nil {
		return fmt.Errorf("set password of %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return budget.Errorf(budget.ENOTFOUND, "no user named %s: `user list` shows the users", name)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM app_session WHERE user_id = (SELECT id FROM app_user WHERE name = ?)", name); err != nil {
		return err
	}
	return tx.Commit()
}

// AddToken stores the hash of a new API token for the user named name.
func (db *DB) AddToken(ctx context.Context, name, hash string) error {
	res, err := db.sql.ExecContext(ctx, `INSERT INTO api_token (hash, user_id, created_at)
		SELECT ?, id, ? FROM app_user WHERE name = ?`, hash, formatTime(db.Now()), name)
	if err != nil {
		return fmt.Errorf("add token for %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return budget.Errorf(budget.ENOTFOUND, "no user named %s: `user list` shows the users", name)
	}
	return nil
}

// UserByToken returns the user whose API token hashes to hash and notes
// the token's use at now, or an ENOTFOUND error.
func (db *DB) UserByToken(ctx context.Context, hash string, now time.Time) (access.User, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, "SELECT user_id FROM api_token WHERE hash = ?", hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return access.User{}, budget.Errorf(budget.ENOTFOUND, "unknown token")
	}
	if err != nil {
		return access.User{}, err
	}
	if _, err := db.sql.ExecContext(ctx, "UPDATE api_token SET last_used = ? WHERE hash = ?", formatTime(now), hash); err != nil {
		return access.User{}, err
	}
	return db.UserByID(ctx, id)
}

// SSOUser returns the user single sign-on made for (issuer, subject),
// created or updated to have name, roles and units as the identity provider
// says now. A local user of that name (one without this issuer and
// subject) is an ECONFLICT error: single sign-on never takes over a local
// account.
func (db *DB) SSOUser(ctx context.Context, issuer, subject string, u access.User) (access.User, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return u, err
	}
	defer tx.Rollback()
	var byName struct {
		id      int64
		iss, sb string
	}
	err = tx.QueryRowContext(ctx, "SELECT id, oidc_issuer, oidc_subject FROM app_user WHERE name = ?", u.Name).
		Scan(&byName.id, &byName.iss, &byName.sb)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return u, err
	case byName.iss != issuer || byName.sb != subject:
		return u, budget.Errorf(budget.ECONFLICT, "user name %s belongs to another account", u.Name)
	}
	err = tx.QueryRowContext(ctx, "SELECT id FROM app_user WHERE oidc_issuer = ? AND oidc_subject = ?", issuer, subject).Scan(&u.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, "INSERT INTO app_user (name, oidc_issuer, oidc_subject, created_at) VALUES (?, ?, ?, ?)",
			u.Name, issuer, subject, formatTime(db.Now()))
		if err != nil {
			return u, fmt.Errorf("single sign-on user %s: %w", u.Name, err)
		}
		if u.ID, err = res.LastInsertId(); err != nil {
			return u, err
		}
	case err != nil:
		return u, err
	default:
		if _, err := tx.ExecContext(ctx, "UPDATE app_user SET name = ? WHERE id = ?", u.Name, u.ID); err != nil {
			return u, err
		}
	}
	if err := setGrants(ctx, tx, u); err != nil {
		return u, err
	}
	return u, tx.Commit()
}
