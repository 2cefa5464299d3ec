package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

// RecordInputs remembers files that were imported, so that no output is
// ever written over them (outguard.Check). Recording a file again changes
// nothing.
func (db *DB) RecordInputs(ctx context.Context, ins ...outguard.Input) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record imported files: %w", err)
	}
	defer tx.Rollback()
	for _, in := range ins {
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO input_file (path, sha256, size) VALUES (?, ?, ?)`,
			in.Path, strings.ToLower(in.SHA256), in.Size)
		if err != nil {
			return fmt.Errorf("record imported file %s: %w", in.Path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record imported files: %w", err)
	}
	return nil
}

// Inputs returns every file recorded as imported, for outguard.Check.
func (db *DB) Inputs(ctx context.Context) ([]outguard.Input, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT path, sha256, size FROM input_file ORDER BY path, sha256`)
	if err != nil {
		return nil, fmt.Errorf("list imported files: %w", err)
	}
	defer rows.Close()
	var out []outguard.Input
	for rows.Next() {
		var in outguard.Input
		if err := rows.Scan(&in.Path, &in.SHA256, &in.Size); err != nil {
			return nil, fmt.Errorf("list imported files: %w", err)
		}
		out = append(out, in)
	}
	return out, rows.Err()
}
