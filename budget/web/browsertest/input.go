package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Open navigates to url, waits for the page to load and returns the
// document's HTTP status (after redirects); it fails the test when the page
// does not load.
func Open(t testing.TB, ctx context.Context, url string) int {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	return int(resp.Status)
}

// Fill types values into the form fields named by the keys (a field's
// name attribute), emptying each first; a file input takes the value as
// the path of the file to upload.
func Fill(t testing.TB, ctx context.Context, fields map[string]string) {
	t.Helper()
	for name, v := range fields {
		sel := chromedp.CSS(fmt.Sprintf("[name=%q]", name))
		typ, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector('[name=%q]')?.type ?? ""`, name)))
		if err != nil {
			t.Fatalf("fill %s: %v", name, err)
		}
		switch typ {
		case "":
			t.Fatalf("fill %s: no such field", name)
		case "file":
			Run(t, ctx, "choose the file for "+name, chromedp.SetUploadFiles(sel, []string{v}))
		case "select-one":
			Run(t, ctx, "choose "+name, chromedp.SetValue(sel, v))
		default:
			Run(t, ctx, "fill "+name, chromedp.Clear(sel), chromedp.SendKeys(sel, v))
		}
	}
}

// Submit clicks the element sel (a submit button), waits for the page the
// form leads to and returns its HTTP status.
func Submit(t testing.TB, ctx context.Context, sel string) int {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("submit with %s: %v", sel, err)
	}
	return int(resp.Status)
}

// Focused describes the element that has the keyboard focus: its tag, id
// and name, as in "input#namn[name=namn]" ("body" when nothing has it).
func Focused(t testing.TB, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.activeElement;
		if (!e) return ""; let s = e.tagName.toLowerCase();
		if (e.id) s += "#" + e.id; if (e.name) s += "[name=" + e.name + "]"; return s; })()`))
	if err != nil {
		t.Fatalf("focused element: %v", err)
	}
	return s
}

// Tab presses the Tab key until the focused element matches the CSS
// selector sel, as a keyboard user moves through a page, and fails the test
// when sel is not reached within max presses (so an element the keyboard
// cannot reach fails). It returns the number of presses.
func Tab(t testing.TB, ctx context.Context, sel string, max int) int {
	t.Helper()
	check := fmt.Sprintf(`document.activeElement != null && document.activeElement.matches(%q)`, sel)
	var path []string
	for n := 0; n <= max; n++ {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check))
		if err != nil {
			t.Fatalf("tab to %s: %v", sel, err)
		}
		if ok {
			return n
		}
		if n == max {
			break
		}
		Run(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		path = append(path, Focused(t, ctx))
	}
	t.Fatalf("%s not reached with %d Tab presses; the focus went %s", sel, max, strings.Join(path, " → "))
	return 0
}

// Type types text into the focused element, key by key.
func Type(t testing.TB, ctx context.Context, text string) {
	t.Helper()
	Run(t, ctx, "type", chromedp.KeyEvent(text))
}

// Enter presses Enter on the focused element (submitting its form or
// following its link), waits for the page that loads and returns its HTTP
// status.
func Enter(t testing.TB, ctx context.Context) int {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
	if err != nil {
		t.Fatalf("press Enter on %s: %v", Focused(t, ctx), err)
	}
	return int(resp.Status)
}

// SignInKeyboard signs in at base+"/logg-inn" with the keyboard alone:
// Tab to the name field, type, Tab to the password, type, Enter.
func SignInKeyboard(t testing.TB, ctx context.Context, base, name, password string) {
	t.Helper()
	Open(t, ctx, base+"/logg-inn")
	Tab(t, ctx, "#namn", 15)
	Type(t, ctx, name)
	Tab(t, ctx, "#passord", 1)
	Type(t, ctx, password)
	if status := Enter(t, ctx); status != 200 {
		t.Fatalf("sign in as %s with the keyboard: HTTP %d", name, status)
	}
	if Present(t, ctx, "#passord") {
		t.Fatalf("sign in as %s with the keyboard: still on the sign-in page", name)
	}
}

// Present reports whether an element matches the CSS selector sel on the
// loaded page (without waiting for one).
func Present(t testing.TB, ctx context.Context, sel string) bool {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q) != null`, sel)))
	if err != nil {
		t.Fatalf("look for %s: %v", sel, err)
	}
	return ok
}

// Lang is the language of the loaded page (the html element's lang).
func Lang(t testing.TB, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatalf("page language: %v", err)
	}
	return s
}
