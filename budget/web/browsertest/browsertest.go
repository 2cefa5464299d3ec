// Package browsertest drives pages in headless Chromium for tests, as a
// user's browser would show them, and checks them with axe-core for WCAG
// 2.1 A and AA. It is imported only by _test files.
//
// Chromium is found as $CHROMIUM, else chromium, chromium-browser or
// google-chrome on the PATH (Debian's chromium package in CI); axe-core as
// $AXE_CORE_JS, else .ci/browser/node_modules/axe-core/axe.min.js in the
// module (installed from .ci/browser/package.json by `npm ci`, which
// .ci/run runs). When either is missing, New skips the test, unless
// HELSEBUDSJETT_BROWSER_TESTS=1 (set by .ci/run), which makes it fail: a
// machine that is meant to run the browser tests never passes without them.
//
// Screenshots go to $HELSEBUDSJETT_SCREENSHOTS when set (CI keeps them as
// artefacts), else to the test's temporary folder; never into the source
// tree unless that variable points there.
//
// A test against the web application (budget/web/webtest serves one):
//
//	env := webtest.New(t)
//	ctx := browsertest.New(t, 0)                          // skips without Chromium/axe-core
//	browsertest.SignIn(t, ctx, env.URL, "okonomi", webtest.Password)
//	browsertest.Open(t, ctx, env.URL+"/arshjul?lang=nn") // returns the HTTP status
//	browsertest.CheckAxe(t, ctx, "/arshjul")             // fails on any WCAG 2.1 A/AA violation
//	browsertest.Screenshot(t, ctx, "arshjul-nn")
//	browsertest.Fill(t, ctx, map[string]string{"year": "2027", "file": path})
//	browsertest.Submit(t, ctx, "button[type=submit]")    // waits for the next page
//
// Keyboard only: Tab(t, ctx, "#namn", 15) presses Tab until the selector
// has the focus (failing when it is out of the keyboard's reach), Type
// types into the focused element, Enter presses Enter and waits for the
// page; SignInKeyboard signs in that way.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Required says whether a missing browser or axe-core fails the tests.
func Required() bool { return os.Getenv("HELSEBUDSJETT_BROWSER_TESTS") == "1" }

// Chromium returns the path of the browser, or "" when there is none.
func Chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeSource reads axe.min.js once.
func axeSource() (string, error) {
	axeOnce.Do(func() {
		path := os.Getenv("AXE_CORE_JS")
		if path == "" {
			root, err := moduleRoot()
			if err != nil {
				axeErr = err
				return
			}
			path = filepath.Join(root, ".ci", "browser", "node_modules", "axe-core", "axe.min.js")
		}
		b, err := os.ReadFile(path)
		if err != nil {
			axeErr = fmt.Errorf("axe-core: %w (install it with: cd .ci/browser && npm ci)", err)
			return
		}
		axeJS = string(b)
	})
	return axeJS, axeErr
}

// moduleRoot is the folder of go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// unavailable skips or fails the test for a missing tool.
func unavailable(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("browser tests are required (HELSEBUDSJETT_BROWSER_TESTS=1) but %s", why)
	}
	t.Skipf("browser test skipped: %s (set HELSEBUDSJETT_BROWSER_TESTS=1 to make this a failure)", why)
}

// New starts headless Chromium for t at a 1280×900 window and returns the
// context to run chromedp actions in; the browser is closed when the test
// ends. Every action has at most timeout (a minute when zero).
func New(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	bin := Chromium()
	if bin == "" {
		unavailable(t, "no chromium on the PATH")
	}
	if _, err := axeSource(); err != nil {
		unavailable(t, err.Error())
	}
	if timeout == 0 {
		timeout = time.Minute
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start %s: %v", bin, err)
	}
	tctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelT(); cancelCtx(); cancelAlloc() })
	return tctx
}

// Run runs actions and fails the test on an error, naming what was done.
func Run(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// Tags are the axe-core rule tags checked: WCAG 2.0 and 2.1, levels A and
// AA, which the Norwegian rules on universal design of ICT require.
var Tags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Axe runs axe-core on the page loaded in ctx and returns the violations
// of the rules tagged Tags.
func Axe(ctx context.Context) ([]Violation, error) {
	src, err := axeSource()
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	tags, _ := json.Marshal(Tags)
	script := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, tags)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		return nil, fmt.Errorf("axe.run result: %w", err)
	}
	return vs, nil
}

// CheckAxe fails the test for every axe-core violation on the page loaded
// in ctx, naming the rule, its impact, the elements and where to read
// about it; page names the page in the messages.
func CheckAxe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	vs, err := Axe(ctx)
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 5 {
				where = append(where, fmt.Sprintf("… %d more", len(v.Nodes)-5))
				break
			}
			where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " ")))
		}
		t.Errorf("%s: axe-core %s (%s): %s, %s\n\t%s", page, v.ID, v.Impact, v.Help, v.HelpURL, strings.Join(where, "\n\t"))
	}
}

// Screenshot saves a full-page PNG of the page loaded in ctx as name.png
// and returns its path.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	dir := os.Getenv("HELSEBUDSJETT_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// SignIn opens base+"/logg-inn" and signs in through the form, as a user
// types it, then waits for the page the form leads to.
func SignIn(t testing.TB, ctx context.Context, base, name, password string) {
	t.Helper()
	Run(t, ctx, "sign in as "+name,
		chromedp.Navigate(base+"/logg-inn"),
		chromedp.WaitVisible(chromedp.ID("namn")),
		chromedp.SendKeys(chromedp.ID("namn"), name),
		chromedp.SendKeys(chromedp.ID("passord"), password),
		chromedp.Submit(chromedp.ID("passord")),
		chromedp.WaitNotPresent(chromedp.ID("passord")),
	)
}

// Keys types keys as a keyboard does ("\t" is Tab, "\r" Enter; see
// chromedp/kb for arrows), one key event after another.
func Keys(t testing.TB, ctx context.Context, keys string) {
	t.Helper()
	Run(t, ctx, fmt.Sprintf("type %q", keys), chromedp.KeyEvent(keys))
}

// FocusedID returns the id of the element that has the keyboard focus.
func FocusedID(t testing.TB, ctx context.Context) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	if err != nil {
		t.Fatalf("the focused element: %v", err)
	}
	return id
}

// WaitText waits, through page loads (a page that refreshes itself), until
// the page's text holds want, and fails the test after timeout.
func WaitText(t testing.TB, ctx context.Context, want string, timeout time.Duration) string {
	t.Helper()
	var text string
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err == nil {
			text = s
			if strings.Contains(s, want) {
				return s
			}
		}
	}
	t.Fatalf("the page never said %q; it says:\n%s", want, text)
	return ""
}
