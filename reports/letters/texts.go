package letters

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// Parts are the template files of a letter, in the order it uses them.
var Parts = []string{"innledning", "utfordringer", "budsjett", "mal", "rapportering", "avslutning"}

// Texts are the parsed templates of the letters' texts, per written
// standard and part.
type Texts struct {
	t map[indicators.Lang]map[string]*template.Template
}

// LoadTexts parses the letters' templates: the embedded ones
// (templates/letters), each replaced by the file of the same name under
// dir (dir/nb/innledning.tmpl, dir/nn/…) when dir is given and has it. A
// template that does not parse is an EINVALID error naming the file; a
// file in dir that is not a known part is one too, so a misspelt name
// does not go unnoticed.
func LoadTexts(dir string) (*Texts, error) {
	tx := &Texts{t: map[indicators.Lang]map[string]*template.Template{}}
	for _, lang := range []indicators.Lang{indicators.Bokmal, indicators.Nynorsk} {
		tx.t[lang] = map[string]*template.Template{}
		if dir != "" {
			if err := checkOverrides(filepath.Join(dir, string(lang))); err != nil {
				return nil, err
			}
		}
		for _, part := range Parts {
			name := string(lang) + "/" + part + ".tmpl"
			data, err := fs.ReadFile(templates.Letters, "letters/"+name)
			if err != nil {
				return nil, budget.Errorf(budget.EINTERNAL, "embedded letter template %s: %v", name, err)
			}
			src := "templates/letters/" + name
			if dir != "" {
				p := filepath.Join(dir, string(lang), part+".tmpl")
				if own, err := readLimited(p, maxConfig); err == nil {
					data, src = own, p
				} else if !errors.Is(err, fs.ErrNotExist) {
					return nil, budget.Errorf(budget.EINVALID, "letter template %s: %v", p, err)
				}
			}
			t, err := template.New(src).Option("missingkey=error").Funcs(funcs(lang)).Parse(string(data))
			if err != nil {
				return nil, budget.Errorf(budget.EINVALID, "letter template %v", err)
			}
			tx.t[lang][part] = t
		}
	}
	return tx, nil
}

func checkOverrides(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return budget.Errorf(budget.EINVALID, "letter templates: %v", err)
	}
	known := map[string]bool{}
	for _, p := range Parts {
		known[p+".tmpl"] = true
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tmpl") && !known[e.Name()] {
			return budget.Errorf(budget.EINVALID, "letter template %s: not a part of the letter; name it one of %s.tmpl",
				filepath.Join(dir, e.Name()), strings.Join(Parts, ".tmpl, "))
		}
	}
	return nil
}

func funcs(lang indicators.Lang) template.FuncMap {
	and := labelsFor(lang).And
	return template.FuncMap{
		"join":   func(items []string) string { return joinWords(items, and) },
		"kroner": func(ore int64) string { return kroner(ore) },
		"lower":  strings.ToLower,
		// plural picks the singular or the plural by n: {{plural 1 "indikator" "indikatorer"}}.
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
}

// execute runs the part's template on l and returns its paragraphs: text
// separated by blank lines, each paragraph's lines joined by spaces.
func (tx *Texts) execute(lang indicators.Lang, part string, l *Letter) ([]string, error) {
	t := tx.t[lang][part]
	var b strings.Builder
	if err := t.Execute(&b, l); err != nil {
		return nil, budget.Errorf(budget.EINVALID, "letter template %v", err)
	}
	return paragraphs(b.String()), nil
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		p = strings.Join(strings.Fields(strings.ReplaceAll(p, "\u00a0", "\x00")), " ")
		p = strings.ReplaceAll(p, "\x00", "\u00a0")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// executeString runs a one-line template from the configuration.
func executeString(name, text string, l *Letter) (string, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", budget.Errorf(budget.EINVALID, "letter configuration: %s: %v", name, err)
	}
	var b strings.Builder
	if err := t.Execute(&b, l); err != nil {
		return "", budget.Errorf(budget.EINVALID, "letter configuration: %v", err)
	}
	return strings.TrimSpace(b.String()), nil
}
