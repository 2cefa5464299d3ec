package wheel_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// TestWheel_Validate_Contacts: an address with a line break could add
// headers or recipients to every reminder; it is an error at import.
func TestWheel_Validate_Contacts(t *testing.T) {
	for _, c := range []struct {
		name, addr string
		ok         bool
	}{
		{"plain", "post@fjordvik.kommune.no", true},
		{"with name", "Økonomi <okonomi@fjordvik.kommune.no>", true},
		{"CRLF header", "post@fjordvik.no\r\nBcc: alle@example.com", false},
		{"LF", "post@fjordvik.no\nx", false},
		{"CR", "post@fjordvik.no\rx", false},
		{"two addresses", "a@b.no, c@d.no", false},
		{"no address", "kommunedirektøren", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, err := wheel.Parse("w.yaml", []byte(`tasks: [{id: a, title: {nb: A}, schedule: "0 8 1 1 *", action: remind, responsible: [x]}]`))
			if err != nil {
				t.Fatal(err)
			}
			w.Contacts = map[string]string{"x": c.addr}
			err = wheel.Check(w.Validate(2027))
			if c.ok != (err == nil) {
				t.Fatalf("err = %v, want ok %v", err, c.ok)
			}
			if err != nil && (budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "contacts: x")) {
				t.Errorf("err = %v, want EINVALID naming the contact", err)
			}
		})
	}
}
