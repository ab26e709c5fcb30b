// Package e2e drives Academy in a real browser, headless Chromium through chromedp, for
// end-to-end tests. The tests serve a complete Academy with apptest and act on it as a
// person would: click, type, submit, read what the page shows.
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// PageTimeout bounds everything one page (tab) does in a test.
const PageTimeout = 60 * time.Second

// Browser is one headless Chromium process. Start one per test function and open a page
// for each subtest: pages share the process but not cookies.
type Browser struct {
	ctx context.Context // the browser's first tab, with no timeout: it owns the process
}

// NewBrowser starts headless Chromium for the test and stops it when the test ends. The
// browser is $CHROME_PATH, else /usr/bin/chromium, else chromium on PATH. Without one the
// test is skipped, except in CI (CI is set), where browser tests must run.
func NewBrowser(t *testing.T) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests do not run with -short")
	}
	path := chromePath(t)
	// chromedp's defaults (headless, no first run, no background work, Puppeteer's set)
	// plus what a container and a test need.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		// A Spanish-speaking visitor whatever the machine's locale: Spanish is Academy's
		// default language, and the tests read the texts people see.
		chromedp.Flag("accept-lang", "es-ES,es"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the process
		t.Fatalf("start %s: %v", path, err)
	}
	return &Browser{ctx: ctx}
}

func chromePath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("CHROME_PATH=%s: %v", p, err)
		}
		return found
	}
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found (set CHROME_PATH): browser tests must run in CI")
	}
	t.Skip("no Chromium found: set CHROME_PATH to run the browser tests")
	return ""
}

// NewPage opens a tab in a fresh browser context (no cookies, no storage) for the test
// and closes it when the test ends. Actions on the returned context time out after
// PageTimeout. If the test fails, screenshots of the last key pages (see Keep) and of the
// page as it is are saved first (see ScreenshotOnFailure).
func (b *Browser) NewPage(t *testing.T) context.Context {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil { // opens the tab, with no timeout
		t.Fatalf("open a tab: %v", err)
	}
	tab = context.WithValue(tab, trailKey{}, &trail{})
	ScreenshotOnFailure(t, tab)
	ctx, cancel := context.WithTimeout(tab, PageTimeout)
	t.Cleanup(cancel)
	return ctx
}

// Mobile sets a phone's viewport, 375 × 812 CSS pixels with touch, on the page.
func Mobile(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
}

// ArtifactsDir is where failing tests leave their screenshots: $ACADEMY_E2E_ARTIFACTS
// (.ci/run sets it to e2e-artifacts/ in the checkout, which git ignores, for CI to
// collect), else academy-e2e in the system's temporary folder.
func ArtifactsDir() string {
	if dir := os.Getenv("ACADEMY_E2E_ARTIFACTS"); dir != "" {
		return dir
	}
	return filepath.Join(os.TempDir(), "academy-e2e")
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// KeptPages is how many key pages a page (tab) keeps a screenshot of for a failure: the
// last ones marked with Keep.
const KeptPages = 8

// trail is the screenshots of the last KeptPages key pages of a tab, oldest first.
type trail struct {
	mu    sync.Mutex
	shots []shot
	count int // pages kept so far, to number them
}

type shot struct {
	name string
	jpeg []byte
}

type trailKey struct{}

// Keep marks the page as it is now as a key page of the test: a screenshot of it is kept
// (the last KeptPages of them per tab) and saved only if the test fails, so that a failing
// journey shows how it got where it failed, not just where. label names the page ("home",
// "quiz"). It costs a JPEG screenshot; a page that cannot be photographed is skipped
// without failing anything.
func Keep(ctx context.Context, label string) {
	tr, ok := ctx.Value(trailKey{}).(*trail)
	if !ok {
		return
	}
	jpeg, err := chromedp.Run(ctx, chromedp.FullScreenshot(70))
	if err != nil {
		return
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.count++
	tr.shots = append(tr.shots, shot{name: fmt.Sprintf("%03d-%s.jpg", tr.count, unsafeName.ReplaceAllString(label, "_")), jpeg: jpeg})
	if len(tr.shots) > KeptPages {
		tr.shots = tr.shots[len(tr.shots)-KeptPages:]
	}
}

// SaveScreenshot saves a full-page PNG of the page as it is now, named label, into the
// test's folder in ArtifactsDir and logs where: for a check that fails the test but lets
// it go on to other pages, so that the page it failed on is seen.
func SaveScreenshot(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	dir := filepath.Join(ArtifactsDir(), unsafeName.ReplaceAllString(t.Name(), "_"))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	file := filepath.Join(dir, unsafeName.ReplaceAllString(label, "_")+".png")
	if err == nil {
		err = os.WriteFile(file, png, 0o644)
	}
	if err != nil {
		t.Logf("no screenshot of %s: %v", label, err)
		return
	}
	t.Logf("screenshot of %s: %s", label, file)
}

// ScreenshotOnFailure saves, when the test has failed by the time it ends, a full-page
// PNG of the page as it is (failed.png) and the screenshots of its last key pages (see
// Keep) into a folder named after the test in ArtifactsDir, and logs where. Register it
// before anything that closes the page: cleanups run last first.
func ScreenshotOnFailure(t *testing.T, page context.Context) {
	t.Helper()
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		dir := filepath.Join(ArtifactsDir(), unsafeName.ReplaceAllString(t.Name(), "_"))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Logf("no screenshots: %v", err)
			return
		}
		if tr, ok := page.Value(trailKey{}).(*trail); ok {
			tr.mu.Lock()
			for _, s := range tr.shots {
				if err := os.WriteFile(filepath.Join(dir, s.name), s.jpeg, 0o644); err != nil {
					t.Logf("screenshot %s: %v", s.name, err)
				}
			}
			tr.mu.Unlock()
		}
		// page is the tab's context, without the deadline of the test's actions, which may
		// be what failed the test. The tab closes in a cleanup that runs after this one.
		ctx, cancel := context.WithTimeout(page, 10*time.Second)
		defer cancel()
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
			t.Logf("no screenshot of the page: %v", err)
		} else if err := os.WriteFile(filepath.Join(dir, "failed.png"), png, 0o644); err != nil {
			t.Logf("no screenshot of the page: %v", err)
		}
		t.Logf("screenshots of the page and the key pages before it: %s", dir)
	})
}

// SignIn opens the sign-in page and signs in as a person would: click each field, type,
// click the button. It returns once the next page has loaded, with the response of its
// document (after redirects), whatever it shows: the caller checks the outcome.
func SignIn(ctx context.Context, base, email, password string) (*network.Response, error) {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.ID("f-email")),
		chromedp.Click(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.Click(chromedp.ID("f-password")),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
	); err != nil {
		return nil, err
	}
	return ClickAndWait(ctx, chromedp.CSS(`form[action="/login"] button[type="submit"]`))
}

// ClickAndWait clicks the element and waits until the page it leads to has loaded. It
// returns the response of that page's document, after any redirects.
func ClickAndWait[S chromedp.Selectable](ctx context.Context, sel S) (*network.Response, error) {
	return chromedp.RunResponse(ctx, chromedp.Click(sel))
}

// Heading returns the visible text of the page's main heading, main h1, once it shows.
func Heading(ctx context.Context) (string, error) {
	return chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main h1")))
}
