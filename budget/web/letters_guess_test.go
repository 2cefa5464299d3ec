package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// recordingDocs makes every letter that is asked for and records which
// units it was asked for.
type recordingDocs struct {
	mu    sync.Mutex
	asked []string
}

func (d *recordingDocs) record(s string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.asked = append(d.asked, s)
}

func (d *recordingDocs) LettersZip(_ context.Context, w io.Writer, _ int, units []string, _ string) (int, error) {
	d.record("zip:" + strings.Join(units, ","))
	_, err := w.Write([]byte("PK"))
	return len(units), err
}

func (d *recordingDocs) Letter(_ context.Context, _ int, unit, _ string) ([]byte, error) {
	d.record(unit)
	return []byte("%PDF-1.7 letter for " + unit), nil
}

func (d *recordingDocs) Workbook(context.Context, io.Writer, int, string) error { return nil }

func (d *recordingDocs) Report(context.Context, int, bool, string) ([]byte, error) {
	return []byte("%PDF-1.7"), nil
}

func (d *recordingDocs) Units(context.Context) ([]budget.Unit, error) { return nil, nil }

// TestLetters_guessedURL: a unit leader (enhet, bound to 3100) who guesses
// the address of another unit's letter, spelt in the ways that might slip
// past a check (percent-encoded, with a slash or dot segments inside the
// unit, a trailing space, a query naming its own unit), gets no letter:
// the letters service is never asked for another unit, and the zip of all
// letters holds only its own. The rådmann's office gets any letter (so the
// service does answer).
func TestLetters_guessedURL(t *testing.T) {
	docs := &recordingDocs{}
	env := webtest.NewWith(t, func(a *web.App) { a.Documents = docs })
	leader := env.Client(t, "enhet")
	own, other := webtest.Units[0], webtest.OtherUnit
	for _, path := range []string{
		"/brev/2027/" + other,
		fmt.Sprintf("/brev/2027/%%%02X%s", other[0], other[1:]),
		"/brev/2027/" + other + "%20",
		"/brev/2027/" + own + "%2F..%2F" + other,
		"/brev/2027/" + own + "/../" + other,
		"/brev/2027/./" + other,
		"/brev/2027/" + other + "?unit=" + own,
		"/brev/2027/" + other + "?enhet=" + own,
		"/brev/2027//" + other,
	} {
		t.Run(path, func(t *testing.T) {
			resp, body := env.Get(t, leader, path)
			if resp.StatusCode == http.StatusOK || strings.Contains(body, "letter for") {
				t.Errorf("got %s with %.80q, want no letter", resp.Status, body)
			}
			// A redirect (the mux cleaning the path) must lead to a refusal.
			if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode < 400 {
				if resp, _ := env.Get(t, leader, loc); resp.StatusCode == http.StatusOK {
					t.Errorf("the redirect to %s gives the letter", loc)
				}
			}
		})
	}
	if resp, body := env.Get(t, leader, "/brev/2027/"+own); resp.StatusCode != http.StatusOK || !strings.Contains(body, "letter for "+own) {
		t.Errorf("the unit's own letter: %s", resp.Status)
	}
	if resp, _ := env.Get(t, leader, "/api/v1/letters/2027.zip"); resp.StatusCode != http.StatusOK {
		t.Errorf("the unit's zip: %s", resp.Status)
	}
	docs.mu.Lock()
	asked := slices.Clone(docs.asked)
	docs.mu.Unlock()
	for _, a := range asked {
		if a != own && a != "zip:"+own {
			t.Errorf("the letters service was asked for %q on the unit leader's behalf", a)
		}
	}
	if resp, body := env.Get(t, env.Client(t, "kommunedirektor"), "/brev/2027/"+other); resp.StatusCode != http.StatusOK || !strings.Contains(body, "letter for "+other) {
		t.Errorf("the rådmann's office reading %s's letter: %s", other, resp.Status)
	}
}
