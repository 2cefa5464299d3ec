package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// TestDB_Backup copies the workspace while another goroutine writes to it
// as fast as it can: the copy must be a workspace Open accepts, pass
// SQLite's integrity check, and hold a prefix of the writes (every event
// written before the backup began, none half-written).
func TestDB_Backup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openWS(t, filepath.Join(dir, "ws.db"))
	if _, err := db.AddUser(ctx, access.User{Name: "admin", Roles: []access.Role{access.Admin}}, "h"); err != nil {
		t.Fatal(err)
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.Record(ctx, access.Event{At: time.Unix(int64(i), 0), Action: "test", Detail: fmt.Sprint(i)}); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 50 {
		time.Sleep(time.Millisecond)
	}
	before := written.Load()
	out := filepath.Join(dir, "kopi.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()

	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != sqlite.BackupMode {
		t.Fatalf("backup: %v, mode %v", err, fi.Mode())
	}
	raw, err := sql.Open("sqlite", "file:"+out+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var check string
	var n, maxDetail int64
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
	if err := raw.QueryRow("SELECT count(*), coalesce(max(CAST(detail AS INTEGER)), -1) FROM audit_log").Scan(&n, &maxDetail); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if n < before || maxDetail != n-1 {
		t.Errorf("backup holds %d events (last %d); %d were written before it began: want a whole prefix", n, maxDetail, before)
	}
	copyDB := openWS(t, out)
	us, err := copyDB.Users(ctx)
	if err != nil || len(us) != 1 || us[0].Name != "admin" {
		t.Errorf("users in the copy: %+v %v", us, err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".kopi.db.tmp-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
