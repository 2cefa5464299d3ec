package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// TestSummary_NorwegianOrder checks that groups sort as Norwegians read
// them, with Æ Ø Å after Z, not in byte order (Å Æ Ø).
func TestSummary_NorwegianOrder(t *testing.T) {
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	defer db.Close()
	var lines []budget.Line
	for i, bydel := range []string{"Åsen", "Ørje", "Ærlighet", "Bø", "aker"} {
		lines = append(lines, line(i+2, "1000", "120", "010", map[string]string{"Bydel": bydel}, amt(v2025, int64(i+1))))
	}
	importLines(t, db, "order", lines)
	rows, err := db.Summary(context.Background(), v2025, "bydel")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Value)
	}
	want := []string{"aker", "Bø", "Ærlighet", "Ørje", "Åsen"}
	if len(got) != len(want) {
		t.Fatalf("groups %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("groups %q, want %q", got, want)
		}
	}
}
