package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// TestSession_touchWhileWorkspaceLocked: while another writer (a long
// import) holds the workspace's write lock past SQLite's busy timeout, a
// signed-in user's page whose session is due its touch still answers 200
// at once (it answered 500 after 5 s when the request waited for the
// touch); the touch is written once the lock is free, and the idle
// timeout counts from it.
func TestSession_touchWhileWorkspaceLocked(t *testing.T) {
	env := webtest.New(t)
	c := env.Client(t, "lesetilgang")
	env.Advance(2 * time.Minute) // the session is due its touch

	lock, err := sql.Open("sqlite", "file:"+env.DB.Path()+"?_pragma=busy_timeout(100)")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	ctx := context.Background()
	conn, err := lock.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	used := env.Now()
	start := time.Now()
	for range 3 {
		if resp, body := env.Get(t, c, "/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("page while the workspace is locked: %s\n%s", resp.Status, body)
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("three pages took %v while the workspace was locked: the requests waited for the touch", d)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}

	hash := access.HashSecret(sessionCookie(t, env, c).Value)
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, err := env.DB.Session(ctx, hash)
		if err != nil {
			t.Fatal(err)
		}
		if s.LastSeen.Equal(used) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the touch was not written after the lock was freed: last seen %v, used %v", s.LastSeen, used)
		}
		time.Sleep(20 * time.Millisecond)
	}
	env.Advance(access.DefaultLifetimes.Idle - time.Minute)
	if resp, _ := env.Get(t, c, "/"); resp.StatusCode != http.StatusOK {
		t.Errorf("the idle timeout did not count from the touch: %s", resp.Status)
	}
}
