// Package sqlite is helsebudsjett's store: it keeps all state in one SQLite
// file, the workspace (datasets and their budget lines, indicators, areas,
// targets, measures, the wheel's runs, the outbox and tertial snapshots).
//
// The file is an ordinary SQLite database (modernc.org/sqlite, pure Go) in
// WAL mode, marked with application_id 0x48424a54 ("HBJT") and versioned by
// PRAGMA user_version, one step per embedded migration. Open refuses, without
// writing a byte, any file that is not a workspace or that a newer
// helsebudsjett has written.
//
// Money is stored as INTEGER øre, never REAL, in STRICT tables, so sums are
// exact and SQLite refuses anything that is not an integer.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as a helsebudsjett workspace: "HBJT".
const ApplicationID = 0x48424a54

// DB is an open workspace. It is safe for concurrent use; writes are
// serialised by SQLite's lock (waiting up to busy_timeout, 5 s).
type DB struct {
	sql   *sql.DB
	path  string
	clock func() time.Time
	notes []string // what the migrations run by Open found
}

// MigrationNotes returns what the migrations Open ran on an older
// workspace found and the user should hear (the budget parts it inferred,
// say); nil when Open migrated nothing or found nothing to say.
func (db *DB) MigrationNotes() []string { return db.notes }

// SetClock makes the workspace stamp what it stores (imported_at and the
// like) with now instead of the wall clock, so a run can be reproduced byte
// for byte: the demo and tests use it. It is not safe to call while other
// goroutines use db.
func (db *DB) SetClock(now func() time.Time) { db.clock = now }

// Now is the workspace's clock: the one SetClock gave, else the wall clock.
func (db *DB) Now() time.Time {
	if db.clock != nil {
		return db.clock()
	}
	return time.Now()
}

// Open opens the workspace at path, creating it when the file does not exist
// or is empty, and brings its schema up to date. The directory must exist.
//
// Before the SQLite driver touches the file, Open reads its header and
// refuses with an EINVALID *budget.Error, leaving the file byte-for-byte as
// it was, when it is not an SQLite database (a spreadsheet given by mistake),
// an SQLite database of another application, or a workspace written by a
// newer helsebudsjett.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, budget.Errorf(budget.EINVALID, "no workspace file given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "workspace %s: %v", path, err)
	}
	if err := inspect(path, abs); err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: abs}
	if err := db.init(ctx, path); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the workspace. An import still open is rolled back.
func (db *DB) Close() error { return db.sql.Close() }

// Path returns the absolute path of the workspace file.
func (db *DB) Path() string { return db.path }

// dsn builds the driver's URI for path. The path is percent-encoded so that
// '?' or '#' in a file name cannot be read as URI syntax. The pragmas here
// are per connection and write nothing to the file, so they are safe to run
// on every pooled connection; journal_mode=WAL, which is persistent and does
// write, is set once by init after the file has been recognised.
// _txlock=immediate makes write transactions take the write lock at BEGIN,
// so two writers queue under busy_timeout instead of one failing with
// SQLITE_BUSY when it upgrades a read lock.
func dsn(abs string, extra ...string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive, C:/x, is file:/C:/x
	}
	u := url.URL{Scheme: "file", Path: p, OmitHost: true}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(normal)")
	q.Set("_txlock", "immediate")
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return u.String() + "?" + q.Encode()
}

// Layout of the 100-byte SQLite header, see
// https://www.sqlite.org/fileformat.html#the_database_header.
const (
	headerSize      = 100
	offUserVersion  = 60
	offApplication  = 68
	offPage1Type    = 100 // first byte of page 1's b-tree header
	offPage1Cells   = 103 // its 2-byte cell count
	page1HeaderSize = 108
	leafTablePage   = 0x0d
)

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect decides from the file's bytes alone, without the SQLite driver
// (which would switch a database to WAL, create -wal/-shm files or run
// migrations), whether path may be opened as a workspace. name is the path
// as the user gave it, for messages.
func inspect(name, abs string) error {
	fi, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		dir := filepath.Dir(abs)
		if di, err := os.Stat(dir); err != nil || !di.IsDir() {
			return budget.Errorf(budget.EINVALID, "cannot create workspace %s: directory %s does not exist", name, dir)
		}
		return nil
	}
	if err != nil {
		return budget.Errorf(budget.EINVALID, "workspace %s: %v", name, err)
	}
	if fi.IsDir() {
		return budget.Errorf(budget.EINVALID, "workspace %s is a directory, not a file", name)
	}
	if !fi.Mode().IsRegular() {
		return budget.Errorf(budget.EINVALID, "workspace %s is not a regular file", name)
	}
	if fi.Size() == 0 {
		return nil // an empty file, such as one from mktemp, is a new workspace
	}
	f, err := os.Open(abs)
	if err != nil {
		return budget.Errorf(budget.EINVALID, "workspace %s: %v", name, err)
	}
	defer f.Close()
	hdr := make([]byte, page1HeaderSize)
	n, err := io.ReadFull(f, hdr)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return budget.Errorf(budget.EINVALID, "workspace %s: %v", name, err)
	}
	hdr = hdr[:n]
	if n < headerSize || !bytes.HasPrefix(hdr, sqliteMagic) {
		return budget.Errorf(budget.EINVALID, "%s is not a helsebudsjett workspace: %s; "+
			"give the workspace file, or a new file name to create one", name, sniff(hdr))
	}
	return checkHeader(name, abs, hdr)
}

// checkHeader checks application_id and user_version in a SQLite header.
func checkHeader(name, abs string, hdr []byte) error {
	app := binary.BigEndian.Uint32(hdr[offApplication:])
	ver := binary.BigEndian.Uint32(hdr[offUserVersion:])
	switch {
	case app == ApplicationID:
		if known := len(migrations); int64(ver) > int64(known) {
			return newerError(name, int64(ver), known)
		}
		return nil
	case app != 0:
		return budget.Errorf(budget.EINVALID, "%s is not a helsebudsjett workspace: it is an SQLite database "+
			"of another application (application_id 0x%08x); give the workspace file, or a new file name to create one", name, app)
	}
	// application_id 0: an empty SQLite database (as `sqlite3 file .exit`
	// leaves) may become a workspace; one with tables belongs to someone
	// else. Page 1 is the schema table; a leaf with no cells means no
	// tables. A non-empty -wal file may hold tables the main file does not
	// show yet, so it counts as foreign too.
	empty := len(hdr) >= page1HeaderSize && hdr[offPage1Type] == leafTablePage &&
		binary.BigEndian.Uint16(hdr[offPage1Cells:]) == 0
	if wi, err := os.Stat(abs + "-wal"); err == nil && wi.Size() > 0 {
		empty = false
	}
	if !empty {
		return foreignError(name)
	}
	return nil
}

func foreignError(name string) error {
	return budget.Errorf(budget.EINVALID, "%s is not a helsebudsjett workspace: it is an SQLite database "+
		"with tables of its own; give the workspace file, or a new file name to create one", name)
}

func newerError(name string, ver int64, known int) error {
	return budget.Errorf(budget.EINVALID, "workspace %s was written by a newer helsebudsjett "+
		"(schema %d, this binary knows %d): upgrade helsebudsjett", name, ver, known)
}

// sniff names what a file that is not SQLite looks like, so the message
// tells a user who gave the spreadsheet instead of the workspace what
// happened.
func sniff(hdr []byte) string {
	switch {
	case bytes.HasPrefix(hdr, []byte("PK\x03\x04")):
		return "it is a zip file, such as an Excel workbook (.xlsx)"
	case bytes.HasPrefix(hdr, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "it is an old Office file, such as an Excel 97-2003 workbook (.xls)"
	case bytes.HasPrefix(hdr, sqliteMagic):
		return "it is a truncated SQLite file"
	}
	return "it is not an SQLite database (a text or other file)"
}

// init checks what the driver sees against what inspect saw in the header
// (the header can lag behind a -wal file left by a crash), switches to WAL
// and runs the migrations the file lacks.
func (db *DB) init(ctx context.Context, name string) error {
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open workspace %s: %w", name, err)
	}
	defer c.Close()
	var app, ver, tables int64
	err = c.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&app, &ver, &tables)
	if err != nil {
		return fmt.Errorf("open workspace %s: %w", name, err)
	}
	switch {
	case app == ApplicationID && ver > int64(len(migrations)):
		return newerError(name, ver, len(migrations))
	case app != ApplicationID && (app != 0 || tables > 0):
		return foreignError(name)
	}
	var mode string
	if err := c.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("open workspace %s: set WAL mode: %w", name, err)
	}
	if mode != "wal" {
		return fmt.Errorf("open workspace %s: journal mode is %s, not wal", name, mode)
	}
	if db.notes, err = migrate(ctx, c); err != nil {
		return err
	}
	// Until a checkpoint, a fresh schema lives only in the -wal file, and
	// another process's header check (which reads the main file before the
	// driver opens it) would see tables without our application_id and
	// refuse the workspace as foreign. Checkpointing puts the header where
	// that check reads it.
	if _, err := c.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("open workspace %s: checkpoint: %w", name, err)
	}
	return nil
}
