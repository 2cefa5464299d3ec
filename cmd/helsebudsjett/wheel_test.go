package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

func TestWheelList_defaultYear2026(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := cli(t, dir, "wheel", "list", "--year", "2026", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var items []wheel.ListItem
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 12 {
		t.Errorf("%d occurrences in 2026, want 12", len(items))
	}
	found := false
	for _, it := range items {
		if it.Task == "tertial1-innspill" {
			found = true
			if it.Deadline != "2026-05-18" || it.MovedFrom != "2026-05-17" || it.Reason != "17. mai" || it.Run != "not run" {
				t.Errorf("tertial1-innspill: %+v", it)
			}
		}
	}
	if !found {
		t.Error("tertial1-innspill missing")
	}
	code, out, _ = cli(t, dir, "wheel", "list", "--year", "2026")
	if code != exitOK || !strings.Contains(out, "18.05.2026 (flyttet fra 17.05.2026: 17. mai)") || !strings.Contains(out, "16.02.2026 (flyttet fra 15.02.2026: søndag)") {
		t.Errorf("text list:\n%s", out)
	}
}

const testWheel = `name: {nb: Testhjul, nn: Testhjul}
tasks:
  - {id: daglig, title: {nb: Daglig, nn: Dagleg}, schedule: "0 9 * * *", action: none}
  - {id: brev, title: {nb: Brev, nn: Brev}, schedule: "0 8 3 3 *", deadline: {date: "03-31"}, action: letters}
  - {id: minn, title: {nb: Minn, nn: Minn}, schedule: "0 10 4 3 *", responsible: [helse], action: remind}
`

func TestWheelImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	bad := write(t, dir, "bad.yaml", `tasks: [{id: feb, title: {nb: F}, schedule: "0 8 30 2 *", action: none}]`)
	code, _, stderr := cli(t, dir, "--db", db, "wheel", "import", bad)
	if code != exitRejected || !strings.Contains(stderr, "task feb") || !strings.Contains(stderr, "never fires") {
		t.Errorf("bad wheel: exit %d, stderr %s", code, stderr)
	}
	night := write(t, dir, "night.yaml", `tasks: [{id: natt, title: {nb: N}, schedule: "30 2 * * *", action: none}]`)
	code, _, stderr = cli(t, dir, "--db", db, "wheel", "import", night)
	if code != exitOK || !strings.Contains(stderr, "warning: task natt") || !strings.Contains(stderr, "does not exist") || !strings.Contains(stderr, "occurs twice") {
		t.Errorf("night wheel: exit %d, stderr %s", code, stderr)
	}
	good := write(t, dir, "good.yaml", testWheel)
	if code, _, stderr := cli(t, dir, "--db", db, "wheel", "import", good, "--extend"); code != exitOK {
		t.Fatalf("extend: exit %d, %s", code, stderr)
	}
	_, out, _ := cli(t, dir, "--db", db, "wheel", "list", "--year", "2026", "--json")
	var items []wheel.ListItem
	_ = json.Unmarshal([]byte(out), &items)
	tasks := map[string]bool{}
	for _, it := range items {
		tasks[it.Task] = true
	}
	if !tasks["natt"] || !tasks["daglig"] || len(tasks) != 4 {
		t.Errorf("after --extend the wheel has tasks %v", tasks)
	}
}

func TestWheelRunDue(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	f := write(t, dir, "w.yaml", testWheel)
	if code, _, stderr := cli(t, dir, "--db", db, "wheel", "import", f, "--active-from", "2026-03-01T00:00"); code != exitOK {
		t.Fatalf("import: %s", stderr)
	}
	// The workspace has no units or measures, so the letters task fails:
	// run-due says so with exit 1, records the failure and never retries it.
	code, out, stderr := cli(t, dir, "--db", db, "wheel", "run-due", "--now", "2026-03-05T12:00", "--json")
	if code != exitFailure {
		t.Fatalf("run-due exit %d, want %d (the letters task fails): %s", code, exitFailure, stderr)
	}
	var runs []struct {
		Task   string
		Status string
		Files  []struct{ Path, SHA256 string }
	}
	if err := json.Unmarshal([]byte(out), &runs); err != nil {
		t.Fatal(err)
	}
	// daglig 1-5 March, brev 3 March, minn 4 March.
	if len(runs) != 7 {
		t.Fatalf("%d runs, want 7: %s", len(runs), out)
	}
	for _, r := range runs {
		switch r.Task {
		case "brev":
			if r.Status != "failed" {
				t.Errorf("brev: %s, want failed", r.Status)
			}
		case "minn":
			if r.Status != "done" || len(r.Files) != 1 || len(r.Files[0].SHA256) != 64 || !strings.Contains(r.Files[0].Path, filepath.Join("helsebudsjett-ut", "2026", "paminnelser")) {
				t.Errorf("minn: %+v", r)
			}
		}
	}
	code, out, _ = cli(t, dir, "--db", db, "wheel", "run-due", "--now", "2026-03-05T12:00")
	if code != exitOK || !strings.Contains(out, "Nothing due") {
		t.Errorf("second run-due: exit %d\n%s", code, out)
	}
	_, out, _ = cli(t, dir, "--db", db, "wheel", "list", "--year", "2026", "--json")
	if !strings.Contains(out, `"run": "failed"`) || !strings.Contains(out, `"run": "done"`) {
		t.Errorf("list does not show the runs:\n%s", out)
	}
}

func TestWheelICS(t *testing.T) {
	dir := t.TempDir()
	ics := filepath.Join(dir, "arshjul.ics")
	code, _, stderr := cli(t, dir, "wheel", "ics", "-o", ics, "--year", "2026")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("BEGIN:VCALENDAR\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) ||
		!bytes.Contains(b, []byte("TZID:Europe/Oslo")) || !bytes.Contains(b, []byte("DUE;VALUE=DATE:20260518")) {
		t.Errorf("calendar:\n%.600s", b)
	}
	if code, _, _ := cli(t, dir, "wheel", "ics"); code != exitUsage {
		t.Errorf("ics without -o: exit %d, want %d", code, exitUsage)
	}
}

// TestWheelICS_revisions: importing the wheel again with one task changed
// raises that task's SEQUENCE and moves its LAST-MODIFIED to the second
// import; the other tasks' entries are unchanged, and the UIDs name the
// municipality given in the wheel.
func TestWheelICS_revisions(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	head := "municipality: {org_number: \"999 999 999\"}\n"
	f := write(t, dir, "w.yaml", head+testWheel)
	if code, _, stderr := cli(t, dir, "--db", db, "wheel", "import", f); code != exitOK {
		t.Fatalf("import: %s", stderr)
	}
	calendar := func(name string) map[string]map[string]string {
		t.Helper()
		out := filepath.Join(dir, name)
		if code, _, stderr := cli(t, dir, "--db", db, "wheel", "ics", "-o", out, "--year", "2026", "--years", "1"); code != exitOK {
			t.Fatalf("ics: %s", stderr)
		}
		b, _ := os.ReadFile(out)
		cal, err := ical.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		props := map[string]map[string]string{}
		add := func(c *ical.ComponentBase) {
			m := map[string]string{}
			for _, p := range []ical.ComponentProperty{ical.ComponentPropertySequence, ical.ComponentPropertyLastModified, ical.ComponentPropertyDtstamp} {
				if v := c.GetProperty(p); v != nil {
					m[string(p)] = v.Value
				}
			}
			props[c.Id()] = m
		}
		for _, ev := range cal.Events() {
			add(&ev.ComponentBase)
		}
		for _, td := range cal.Todos() {
			add(&td.ComponentBase)
		}
		return props
	}
	before := calendar("a.ics")
	time.Sleep(1100 * time.Millisecond) // the second import is stamped a second later
	g := write(t, dir, "w.yaml", head+strings.Replace(testWheel, `deadline: {date: "03-31"}`, `deadline: {date: "03-27"}`, 1))
	if code, _, stderr := cli(t, dir, "--db", db, "wheel", "import", g); code != exitOK {
		t.Fatalf("second import: %s", stderr)
	}
	after := calendar("b.ics")
	brev := 0
	for uid, b := range before {
		if !strings.HasSuffix(uid, "@999999999.arshjul.helsebudsjett") {
			t.Errorf("UID %s does not name the municipality", uid)
		}
		a, ok := after[uid]
		if !ok {
			t.Errorf("%s is gone after the second import", uid)
			continue
		}
		if strings.Contains(uid, "brev-") {
			brev++
			if b["SEQUENCE"] != "0" || a["SEQUENCE"] != "1" || a["LAST-MODIFIED"] <= b["LAST-MODIFIED"] || a["DTSTAMP"] != a["LAST-MODIFIED"] {
				t.Errorf("%s: %v then %v, want SEQUENCE 0 then 1 and a later LAST-MODIFIED", uid, b, a)
			}
			continue
		}
		if a["SEQUENCE"] != "0" || a["LAST-MODIFIED"] != b["LAST-MODIFIED"] || a["DTSTAMP"] != b["DTSTAMP"] {
			t.Errorf("%s changed though its task did not: %v then %v", uid, b, a)
		}
	}
	if brev != 3 {
		t.Errorf("%d components of the changed task, want 3 (event, deadline event, to-do)", brev)
	}
}

// lockedBuffer is an output the serve goroutine writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestServe(t *testing.T) {
	dir := t.TempDir()
	var out, errOut lockedBuffer
	if code, _, errOut := cliIn(t, dir, "et langt nok passord\n", "user", "add", "leser", "--role", "lesetilgang", "--password-stdin"); code != 0 {
		t.Fatal(errOut)
	}
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, workdir: dir}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, e) }()
	re := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("serve did not start: %s %s", out.String(), errOut.String())
	}
	// The wheel page needs a sign-in; the calendar and the health check do not.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	if resp, err := client.Get(base + "/arshjul"); err != nil || !strings.Contains(resp.Request.URL.Path, "/logg-inn") {
		t.Errorf("the wheel page without sign-in: %v", err)
	}
	if resp, err := client.PostForm(base+"/logg-inn", url.Values{"namn": {"leser"}, "passord": {"et langt nok passord"}}); err != nil || resp.Request.URL.Path != "/" {
		t.Fatalf("sign in: %v", err)
	}
	for path, want := range map[string]string{"/healthz": `"next_trigger"`, "/arshjul.ics": "BEGIN:VCALENDAR", "/arshjul": "<svg", "/": "Innlogget som"} {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, body lacks %q", path, resp.StatusCode, want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d after cancel: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
