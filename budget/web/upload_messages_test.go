package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// TestUploadPreview_norwegianMessages: what the budget upload page says
// when it refuses an upload is Norwegian in the reader's written standard,
// never the CLI's English (the API keeps the English), and the importer's
// own explanation is introduced as English. A wrong field showed
// "internal error" or "field year: …" before.
func TestUploadPreview_norwegianMessages(t *testing.T) {
	env := webtest.NewWith(t, func(a *web.App) { a.Imports = workspaceImports{a.Store.(*sqlite.DB)} })
	page := env.Client(t, "okonomi")
	csv := []byte("Ansvar;Funksjon;Art;Beløp\n3100;202;010;5\n")
	for _, tc := range []struct {
		name, lang, file string
		data             []byte
		fields           map[string]string
		want, notWant    []string
	}{
		{"year nb", "nb", "b.csv", csv, map[string]string{"year": "tjuetjuesju"}, []string{`Året &#34;tjuetjuesju&#34; er ikke et årstall`}, []string{"field year", "is not a year"}},
		{"year nn", "nn", "b.csv", csv, map[string]string{"year": "tjuetjuesju"}, []string{`Året &#34;tjuetjuesju&#34; er ikkje eit årstal`}, []string{"field year"}},
		{"part nb", "nb", "b.csv", csv, map[string]string{"part": "noe"}, []string{`Delen &#34;noe&#34; finnes ikke`}, []string{"field part"}},
		{"not a budget file nn", "nn", "b.xlsx", []byte("dette er ikke et regneark"), nil,
			[]string{"Fila kan ikkje importerast, og ingenting er lagra. Forklaringa frå importen (på engelsk): "}, []string{"--max-size"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, body := multipartBody(t, tc.file, tc.data, tc.fields)
			h.Set("Origin", env.URL)
			resp, out := env.Do(t, page, http.MethodPost, "/import/budsjett?lang="+tc.lang, h, body)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("status %s, want 422", resp.Status)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("page lacks %q\n%.3000s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("page shows %q\n%.3000s", w, out)
				}
			}
		})
	}
}
