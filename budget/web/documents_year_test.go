package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

type unitsOnly struct{ web.Documents }

func (unitsOnly) Units(context.Context) ([]budget.Unit, error) {
	return []budget.Unit{{Code: "3100", Name: "Helse"}}, nil
}

// TestDocumentsPage_lettersYear: from October the documents page, like the
// home page, offers next year's letters (in December 2026 the demo's
// letters are 2027's; the page linked 2026's, which answer 404); before
// October this year's; ?year= chooses.
func TestDocumentsPage_lettersYear(t *testing.T) {
	var now time.Time
	env := webtest.NewWith(t, func(a *web.App) {
		a.Documents = unitsOnly{}
		a.Now = func() time.Time { return now }
	})
	for _, tc := range []struct {
		now         time.Time
		query, want string
	}{
		{time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), "", "/brev/2027/3100"},
		{time.Date(2026, 9, 30, 12, 0, 0, 0, time.UTC), "", "/brev/2026/3100"},
		{time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), "?year=2025", "/brev/2025/3100"},
	} {
		now = tc.now
		c := env.Client(t, "kommunedirektor") // signed in at now
		resp, body := env.Do(t, c, http.MethodGet, "/dokumenter"+tc.query, nil, "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `href="`+tc.want+`"`) {
			t.Errorf("%s%s: %s, want a link to %s", tc.now.Format("2006-01-02"), tc.query, resp.Status, tc.want)
		}
	}
}
