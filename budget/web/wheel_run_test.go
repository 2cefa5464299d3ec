package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

type fakeWheel struct{ why []string }

func (f *fakeWheel) Trigger(why string) error { f.why = append(f.why, why); return nil }

// TestWheel_runByHand: the rådmann's office sees the button on the wheel
// page and pressing it triggers the wheel once, naming who; a unit leader
// sees no button and is refused.
func TestWheel_runByHand(t *testing.T) {
	wh := &fakeWheel{}
	env := webtest.NewWith(t, func(a *web.App) { a.Wheel = wh })
	rådmann, leader := env.Client(t, "kommunedirektor"), env.Client(t, "enhet")
	if _, page := env.Get(t, rådmann, "/arshjul"); !strings.Contains(page, `action="/arshjul/kjor"`) || !strings.Contains(page, "Oppgavene i") {
		t.Errorf("the rådmann's wheel page has no run button or task table")
	}
	if _, page := env.Get(t, leader, "/arshjul"); strings.Contains(page, `action="/arshjul/kjor"`) {
		t.Errorf("a unit leader sees the run button")
	}
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	if resp, _ := env.Do(t, leader, http.MethodPost, "/arshjul/kjor", form, "x=1"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a unit leader's run: %s", resp.Status)
	}
	resp, _ := env.Do(t, rådmann, http.MethodPost, "/arshjul/kjor", form, "x=1")
	if resp.StatusCode != http.StatusSeeOther || len(wh.why) != 1 || !strings.Contains(wh.why[0], "kommunedirektor") {
		t.Errorf("run by hand: %s, triggers %q", resp.Status, wh.why)
	}
}
