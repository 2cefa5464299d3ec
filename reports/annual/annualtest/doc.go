// Package annualtest reads a generated annual report as its reader gets it
// (the text pdftotext extracts, page by page) and checks it against the
// rules a council holds the report to: every summary sentence agrees with
// the tables it sums up, units and signs are written as a municipality
// writes them, printed columns add up to their sum rows, the wording is
// fit to print in the edition's written standard, and no page is spent on
// a lone sum row, a lone chart or a heading without its text.
//
// It is test support, shared by the report package's own tests (on data
// sets built in the test) and the command's tests (on the sample
// municipality), so one set of checks holds for every data set.
package annualtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Doc is a rendered report as text: the whole document in layout mode and
// in raw (content-stream) order, and each page in layout mode.
type Doc struct {
	Layout string
	Raw    string
	Pages  []string // layout text of page 1, 2, …
	Images []int    // images per page
	Bbox   string   // pdftotext -bbox: every word with its box
}

// Read extracts the text of the PDF data with pdftotext, each page on its
// own (pdftotext -f N -l N), and counts each page's images with pdfimages.
// poppler-utils must be installed (CI installs it).
func Read(t testing.TB, data []byte) *Doc {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s %v: %v (install poppler-utils)", name, args, err)
		}
		return strings.ReplaceAll(string(out), "\u00a0", " ")
	}
	d := &Doc{Layout: run("pdftotext", "-enc", "UTF-8", "-layout", p, "-"), Raw: run("pdftotext", "-enc", "UTF-8", "-raw", p, "-")}
	d.Bbox = run("pdftotext", "-enc", "UTF-8", "-bbox", p, "-")
	info := run("pdfinfo", p)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page count in\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	imgs := run("pdfimages", "-list", p)
	d.Images = make([]int, n)
	ls := strings.Split(imgs, "\n")
	for _, line := range ls[min(2, len(ls)):] {
		f := strings.Fields(line)
		if len(f) > 0 {
			if pg, err := strconv.Atoi(f[0]); err == nil && pg >= 1 && pg <= n {
				d.Images[pg-1]++
			}
		}
	}
	// pdftotext ends every page with a form feed, and a page's text is
	// the same read alone (-f i -l i) as within the document: split it
	// rather than run pdftotext once per page.
	pages := strings.SplitAfter(d.Layout, "\f")
	if len(pages) != n+1 || pages[n] != "" {
		t.Fatalf("pdftotext gives %d form feeds for %d pages", len(pages)-1, n)
	}
	d.Pages = pages[:n]
	return d
}

// lines splits text into lines without the form feeds pdftotext puts
// between pages.
func lines(text string) []string {
	return strings.Split(strings.ReplaceAll(text, "\f", "\n"), "\n")
}

// flat folds every run of white space to one space, so a sentence wrapped
// over lines reads as one.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// chapter returns the layout lines of the chapter whose heading is one of
// heads, up to the next chapter heading (a line "N Title" with no dot
// leaders, as in the contents).
func chapter(d *Doc, heads ...string) []string {
	var out []string
	in := false
	for _, l := range lines(d.Layout) {
		tl := strings.TrimSpace(l)
		if chapterHead.MatchString(tl) && !strings.Contains(tl, "..") && !strings.Contains(tl, ". .") {
			in = false
			for _, h := range heads {
				if tl == h {
					in = true
				}
			}
			continue
		}
		if in {
			out = append(out, l)
		}
	}
	return out
}

var chapterHead = regexp.MustCompile(`^[1-9] [A-ZÆØÅ][a-zæøå ]+$`)

// number parses a Norwegian figure as printed: "1 234 567", "−2,0".
func number(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	s = strings.Replace(s, "−", "-", 1)
	s = strings.Replace(s, ",", ".", 1)
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// userText removes from raw every given text (whatever white space the
// layout put between its words): what the municipality typed (measure
// names, units' notes) is checked by nobody's grammar but its own.
func userText(raw string, texts []string) string {
	for _, t := range texts {
		words := strings.Fields(t)
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		re, err := regexp.Compile(strings.Join(words, `\s+`))
		if err != nil {
			continue
		}
		raw = re.ReplaceAllString(raw, " ")
	}
	return raw
}
