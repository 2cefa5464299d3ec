package sqlite_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

func openWS(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// header returns application_id and user_version from a SQLite file.
func header(t *testing.T, path string) (app, ver uint32) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 100 || !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
		t.Fatalf("%s is not an SQLite file", path)
	}
	return binary.BigEndian.Uint32(b[68:]), binary.BigEndian.Uint32(b[60:])
}

func TestOpenNewAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.hbj")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := db.Datasets(context.Background()); err != nil || len(ds) != 0 {
		t.Fatalf("new workspace: Datasets = %v, %v", ds, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	app, ver := header(t, path)
	if app != sqlite.ApplicationID || int(ver) != sqlite.SchemaVersion() {
		t.Errorf("header: application_id %#x user_version %d, want %#x %d", app, ver, sqlite.ApplicationID, sqlite.SchemaVersion())
	}
	if b, _ := os.ReadFile(path); len(b) < 20 || b[18] != 2 || b[19] != 2 {
		t.Error("workspace is not in WAL mode (header bytes 18-19 are not 2)")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s left after Close", suffix)
		}
	}
	db = openWS(t, path)
	if ks, err := db.Keys(context.Background()); err != nil || len(ks) != 0 {
		t.Fatalf("reopened workspace: Keys = %v, %v", ks, err)
	}
}

func TestOpenEmptyFileIsNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.hbj")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	openWS(t, path).Close()
	if app, _ := header(t, path); app != sqlite.ApplicationID {
		t.Errorf("application_id %#x", app)
	}
}

// An SQLite database with no tables and no application_id, as an
// interrupted sqlite3 session leaves, becomes a workspace.
func TestOpenAdoptsEmptySQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.hbj")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE t (x)", "DROP TABLE t", "VACUUM"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	openWS(t, path).Close()
	if app, ver := header(t, path); app != sqlite.ApplicationID || int(ver) != sqlite.SchemaVersion() {
		t.Errorf("application_id %#x user_version %d", app, ver)
	}
}

func TestOpenMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "ws.hbj")
	_, err := sqlite.Open(context.Background(), path)
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("Open in a missing directory: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); err == nil {
		t.Error("Open created the directory")
	}
}

// refuse checks that Open refuses the file at path with an EINVALID error
// containing want, and leaves it byte-for-byte as it was, with no -wal or
// -shm beside it.
func refuse(t *testing.T, path, want string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatalf("Open(%s) succeeded", filepath.Base(path))
	}
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("error code %q, want %q: %v", budget.ErrorCode(err), budget.EINVALID, err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("Open changed %s", filepath.Base(path))
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("Open left %s%s", filepath.Base(path), suffix)
		}
	}
}

func TestOpenRefusesTextFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budsjett.csv")
	if err := os.WriteFile(path, []byte("ansvar;funksjon;art;beløp\n1000;120;010;1234,50\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	refuse(t, path, "not an SQLite database")
}

func TestOpenRefusesShortTextFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("hei\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	refuse(t, path, "not a helsebudsjett workspace")
}

func TestOpenRefusesXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budsjett.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><x/>`))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	refuse(t, path, "Excel workbook (.xlsx)")
}

func TestOpenRefusesTruncatedSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.hbj")
	if err := os.WriteFile(path, []byte("SQLite format 3\x00\x10\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	refuse(t, path, "truncated")
}

// foreignDB makes an SQLite database of someone else's, with the driver.
func foreignDB(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenRefusesForeignSQLite(t *testing.T) {
	path := foreignDB(t, "CREATE TABLE person (name TEXT)", "INSERT INTO person VALUES ('Kari')")
	refuse(t, path, "tables of its own")
}

func TestOpenRefusesForeignWALSQLite(t *testing.T) {
	path := foreignDB(t, "PRAGMA journal_mode = WAL", "CREATE TABLE person (name TEXT)", "INSERT INTO person VALUES ('Kari')")
	refuse(t, path, "tables of its own")
}

func TestOpenRefusesOtherApplication(t *testing.T) {
	// No tables, but another application has claimed the file.
	path := foreignDB(t, "PRAGMA application_id = 1179537227", "VACUUM")
	refuse(t, path, "another application")
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.hbj")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	refuse(t, path, fmt.Sprintf("was written by a newer helsebudsjett (schema 99, this binary knows %d): upgrade helsebudsjett", sqlite.SchemaVersion()))
}

func TestOpenRefusesDirectory(t *testing.T) {
	_, err := sqlite.Open(context.Background(), t.TempDir())
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Fatalf("Open(directory): %v", err)
	}
}

// A file name with URI syntax in it must name that file, not a query.
func TestOpenOddFileName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "budsjett ?mode=ro#1 100%.hbj")
	openWS(t, path).Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("workspace not at %q: %v", path, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files in dir: %v", entries)
	}
}

// TestOpenTwoHandlesOnNewWorkspace opens a new workspace a second time while
// the first handle is still open, as `serve` and `wheel run-due` do.
func TestOpenTwoHandlesOnNewWorkspace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.db")
	first := openWS(t, path)
	defer first.Close()
	second, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("second handle refused: %v", err)
	}
	second.Close()
}
