package wheel_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

func TestWheel_Validate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		yaml    string
		warning bool
		want    []string // substrings of the one problem
	}{
		{"never fires", `tasks: [{id: feb, title: {nb: Feb}, schedule: "0 8 30 2 *", action: none}]`,
			false, []string{"task feb", "never fires", "2026-2034"}},
		{"spring forward", `tasks: [{id: natt, title: {nb: N}, schedule: "30 2 29 3 *", action: none}]`,
			true, []string{"task natt", "does not exist", "02:30 on 29 March 2026"}},
		{"fall back", `tasks: [{id: natt, title: {nb: N}, schedule: "15 2 * 10 0", action: none}]`,
			true, []string{"task natt", "occurs twice", "02:15 on 25 October 2026", "02:15 on 31 October 2027"}},
		{"bad action", `tasks: [{id: a, title: {nb: A}, schedule: "0 8 1 1 *", action: send}]`,
			false, []string{"task a", `unknown action "send"`}},
		{"bad schedule", `tasks: [{id: a, title: {nb: A}, schedule: "0 25 1 1 *", action: none}]`,
			false, []string{"task a", `schedule "0 25 1 1 *"`}},
		{"interval", `tasks: [{id: a, title: {nb: A}, schedule: "@every 1h", action: none}]`,
			false, []string{"task a", "interval"}},
		{"bad deadline", `tasks: [{id: a, title: {nb: A}, schedule: "0 8 1 1 *", action: none, deadline: {date: "31-04"}}]`,
			false, []string{"task a", `deadline date "31-04"`}},
		{"remind nobody", `tasks: [{id: a, title: {nb: A}, schedule: "0 8 1 1 *", action: remind}]`,
			false, []string{"task a", "needs someone responsible"}},
		{"duplicate", `tasks: [{id: a, title: {nb: A}, schedule: "0 8 1 1 *", action: none}, {id: a, title: {nb: B}, schedule: "0 8 1 2 *", action: none}]`,
			false, []string{"task a", "more than one task"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := wheel.Parse("test.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			ps := w.Validate(2026)
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(ps), ps)
			}
			if ps[0].Warning != tc.warning {
				t.Errorf("warning = %v, want %v", ps[0].Warning, tc.warning)
			}
			for _, s := range tc.want {
				if !strings.Contains(ps[0].Message, s) {
					t.Errorf("message %q lacks %q", ps[0].Message, s)
				}
			}
			if err := wheel.Check(ps); (err != nil) == tc.warning || err != nil && budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("Check = %v", err)
			}
		})
	}
}

func TestParse_unknownField(t *testing.T) {
	_, err := wheel.Parse("w.yaml", []byte("tasks:\n  - id: a\n    deadlines: {date: \"01-01\"}\n"))
	if err == nil || !strings.Contains(err.Error(), "deadlines") || budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("Parse with a misspelt field: %v", err)
	}
}

func TestWheel_Extend(t *testing.T) {
	base, _ := wheel.Parse("a", []byte(`tasks: [{id: a, title: {nb: A}, schedule: "0 8 1 1 *", action: none}, {id: b, title: {nb: B}, schedule: "0 8 1 2 *", action: none}]`))
	more, _ := wheel.Parse("b", []byte(`tasks: [{id: b, title: {nb: B2}, schedule: "0 8 1 3 *", action: none}, {id: c, title: {nb: C}, schedule: "0 8 1 4 *", action: none}]`))
	got := base.Extend(more)
	var ids []string
	for _, t := range got.Tasks {
		ids = append(ids, t.ID+":"+t.Title.NB)
	}
	if g, w := strings.Join(ids, ","), "a:A,b:B2,c:C"; g != w {
		t.Errorf("Extend = %s, want %s", g, w)
	}
}

func TestWheel_Identity(t *testing.T) {
	for _, c := range []struct {
		name, yaml, want, problem string
	}{
		{"domain wins", "municipality: {org_number: \"999 999 999\", domain: Fjordvik.Kommune.no}\n", "fjordvik.kommune.no", ""},
		{"organisation number", "municipality: {org_number: \"999 999 999\"}\n", "999999999", ""},
		{"none", "", "", ""},
		{"bad domain", "municipality: {domain: \"fjordvik kommune\"}\n", "fjordvik kommune", "not a domain name"},
		{"bad number", "municipality: {org_number: \"12345\"}\n", "12345", "9 digits"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, err := wheel.Parse("w.yaml", []byte(c.yaml+"tasks: [{id: a, title: {nb: A}, schedule: \"0 8 1 1 *\", action: none}]\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := w.Identity(); got != c.want {
				t.Errorf("Identity = %q, want %q", got, c.want)
			}
			var msgs []string
			for _, p := range w.Validate(2026) {
				msgs = append(msgs, p.Message)
			}
			all := strings.Join(msgs, "; ")
			if c.problem == "" && len(msgs) > 0 || c.problem != "" && !strings.Contains(all, c.problem) {
				t.Errorf("problems %q, want %q", all, c.problem)
			}
		})
	}
	w, _ := wheel.Parse("w.yaml", []byte("municipality: {org_number: \"999 999 999\"}\ntasks: []\n"))
	more, _ := wheel.Parse("m.yaml", []byte("tasks: []\n"))
	if got := w.Extend(more).Identity(); got != "999999999" {
		t.Errorf("Extend lost the municipality: %q", got)
	}
}
