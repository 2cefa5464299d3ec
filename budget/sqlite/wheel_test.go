package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

func TestDB_SaveWheel(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	if w, err := db.Wheel(ctx); w != nil || err != nil {
		t.Fatalf("new workspace: Wheel = %v, %v; want nil, nil", w, err)
	}
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, wheel.Oslo())
	may := time.Date(2026, 5, 1, 0, 0, 0, 0, wheel.Oslo())
	if err := db.SaveWheel(ctx, "a.yaml", []byte("tasks: []"), []string{"a", "b"}, jan, jan); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveWheel(ctx, "b.yaml", []byte("tasks: [x]"), []string{"b", "c"}, may, may); err != nil {
		t.Fatal(err)
	}
	w, err := db.Wheel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if w.Source != "b.yaml" || string(w.YAML) != "tasks: [x]" || !w.ImportedAt.Equal(may) {
		t.Errorf("Wheel = %+v", w)
	}
	// b keeps January; c, new in May, starts in May.
	if !w.ActiveFrom["b"].Equal(jan) || !w.ActiveFrom["c"].Equal(may) || !w.ActiveFrom["a"].Equal(jan) {
		t.Errorf("ActiveFrom = %v", w.ActiveFrom)
	}
}

// TestDB_SaveWheel_Revisions: a task changed by an import has its sequence
// raised and its time moved to that import; an unchanged one keeps both,
// however often the wheel is imported again.
func TestDB_SaveWheel_Revisions(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	task := func(id, title string) string {
		return "  - {id: " + id + ", title: {nb: " + title + "}, schedule: \"0 8 1 1 *\", action: none}\n"
	}
	save := func(at time.Time, tasks ...string) {
		t.Helper()
		yaml := "name: {nb: Hjul}\ntasks:\n" + strings.Join(tasks, "")
		w, err := wheel.Parse("w.yaml", []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, tk := range w.Tasks {
			ids = append(ids, tk.ID)
		}
		if err := db.SaveWheel(ctx, "w.yaml", []byte(yaml), ids, at, at); err != nil {
			t.Fatal(err)
		}
	}
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, wheel.Oslo())
	mar := time.Date(2026, 3, 1, 0, 0, 0, 0, wheel.Oslo())
	may := time.Date(2026, 5, 1, 0, 0, 0, 0, wheel.Oslo())
	save(jan, task("a", "A"), task("b", "B"))
	save(mar, task("a", "A"), task("b", "B endret"))
	save(may, task("a", "A"), task("b", "B endret"), task("c", "C"))
	w, err := db.Wheel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]sqlite.TaskRevision{
		"a": {Sequence: 0, Modified: jan}, "b": {Sequence: 1, Modified: mar}, "c": {Sequence: 0, Modified: may},
	} {
		if got := w.Revisions[id]; got.Sequence != want.Sequence || !got.Modified.Equal(want.Modified) {
			t.Errorf("task %s: revision %d at %v, want %d at %v", id, got.Sequence, got.Modified, want.Sequence, want.Modified)
		}
	}
}

func TestDB_ClaimRun(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	// 02:30 CEST and 02:30 CET on 25 October 2026 are different instants.
	first := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)
	second := first.Add(time.Hour)
	id, ok, err := db.ClaimRun(ctx, wheel.Run{TaskID: "t", Occurrence: first, Started: first, Warning: "w"})
	if err != nil || !ok {
		t.Fatalf("first claim: %v %v", ok, err)
	}
	if _, ok, err := db.ClaimRun(ctx, wheel.Run{TaskID: "t", Occurrence: first, Started: second}); err != nil || ok {
		t.Fatalf("second claim of the same occurrence: %v %v; want false, nil", ok, err)
	}
	if _, ok, _ := db.ClaimRun(ctx, wheel.Run{TaskID: "t", Occurrence: second, Started: second}); !ok {
		t.Error("a different instant is a different occurrence")
	}
	files := []wheel.File{{Path: "/x/a.txt", SHA256: "ab"}}
	msgs := []wheel.Message{{Recipient: "helse", Address: "h@x.example", Subject: "S", Body: "B"}, {Recipient: "3100", Subject: "S", Body: "B"}}
	if err := db.FinishRun(ctx, id, wheel.RunDone, "ok", second, files, msgs); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(ctx, id, wheel.RunDone, "ok", second, nil, nil); err == nil {
		t.Error("finishing a run twice succeeded")
	}
	runs, err := db.Runs(ctx, time.Date(2026, 10, 25, 0, 0, 0, 0, wheel.Oslo()), time.Date(2026, 10, 26, 0, 0, 0, 0, wheel.Oslo()))
	if err != nil || len(runs) != 2 {
		t.Fatalf("Runs = %+v, %v", runs, err)
	}
	if r := runs[0]; r.Status != wheel.RunDone || r.Warning != "w" || len(r.Files) != 1 || !r.Occurrence.Equal(first) || runs[1].Status != wheel.RunStarted {
		t.Errorf("runs %+v", runs)
	}
	if last, err := db.LastRun(ctx); err != nil || last.Occurrence.Equal(first) {
		t.Errorf("LastRun = %+v, %v; want the run claimed last", last, err)
	}
	out, err := db.Messages(ctx)
	if err != nil || len(out) != 2 || out[0].State != wheel.MsgPending || out[1].State != wheel.MsgUnaddressed {
		t.Fatalf("Messages = %+v, %v", out, err)
	}
	if ok, _ := db.MarkSending(ctx, out[0].ID); !ok {
		t.Error("MarkSending of a pending message failed")
	}
	if ok, _ := db.MarkSending(ctx, out[0].ID); ok {
		t.Error("a message was claimed for sending twice")
	}
}
