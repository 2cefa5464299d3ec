package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The schema is built by these migrations, run in order of their number
// prefix. A migration, once released, is never edited: a change to the
// schema is a new file with the next number.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int // the number prefix, 1, 2, …: the user_version after it
	name    string
	sql     string
}

// migrations are the embedded migrations in order; len(migrations) is the
// schema version this binary knows.
var migrations = loadMigrations(migrationFiles)

// loadMigrations reads migrations/NNNN_name.sql and checks they are numbered
// 1, 2, … without gaps. A bad file is a build mistake, so it panics (the
// tests load the package and catch it).
func loadMigrations(fsys fs.FS) []migration {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	var ms []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("workspace: migration %s is not named NNNN_name.sql", name))
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("workspace: migration %s should be number %d", m.name, i+1))
		}
	}
	return ms
}

// migrate runs on c each migration the workspace has not had, each in its
// own transaction that also records it in user_version and stamps the
// application_id, so a crash leaves the schema at a whole migration.
// It returns the notes the migrations run now left for the user.
func migrate(ctx context.Context, c *sql.Conn) ([]string, error) {
	var notes []string
	for _, m := range migrations {
		n, err := migrateOne(ctx, c, m)
		if err != nil {
			return nil, fmt.Errorf("workspace migration %s: %w", m.name, err)
		}
		notes = append(notes, n...)
	}
	return notes, nil
}

// migrationSteps are the Go steps of migrations whose data cannot be
// filled in by SQL alone, run in the migration's transaction after its
// SQL. A step returns notes for the user, which are also kept in
// migration_note.
var migrationSteps = map[int]func(ctx context.Context, tx *sql.Tx) ([]string, error){
	10: migrateParts,
}

func migrateOne(ctx context.Context, c *sql.Conn, m migration) ([]string, error) {
	// BEGIN IMMEDIATE (see dsn) holds the write lock, so the version read
	// here cannot change under us when two processes open a new file.
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var ver int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
		return nil, err
	}
	if ver >= m.version {
		return nil, nil
	}
	if ver != m.version-1 {
		return nil, fmt.Errorf("workspace is at schema %d, expected %d", ver, m.version-1)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return nil, err
	}
	var notes []string
	if step := migrationSteps[m.version]; step != nil {
		if notes, err = step(ctx, tx); err != nil {
			return nil, err
		}
		for _, n := range notes {
			if _, err := tx.ExecContext(ctx, "INSERT INTO migration_note (migration, note) VALUES (?, ?)", m.version, n); err != nil {
				return nil, err
			}
		}
	}
	// PRAGMA takes no bound parameters; both values are our own integers.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return nil, err
	}
	return notes, tx.Commit()
}

// SchemaVersion is the schema version this binary writes: the number of its
// migrations.
func SchemaVersion() int { return len(migrations) }
