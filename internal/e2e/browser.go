// Package e2e drives Academy in a real browser, headless Chromium through chromedp, for
// end-to-end tests. The tests serve a complete Academy with apptest and act on it as a
// person would: click, type, submit, read what the page shows.
package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
// PageTimeout. If the test fails, a screenshot of the page is saved first (see
// ScreenshotOnFailure).
func (b *Browser) NewPage(t *testing.T) context.Context {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil { // opens the tab, with no timeout
		t.Fatalf("open a tab: %v", err)
	}
	ScreenshotOnFailure(t, tab)
	ctx, cancel := context.WithTimeout(tab, PageTimeout)
	t.Cleanup(cancel)
	return ctx
}

// Mobile sets a phone's viewport, 375 × 812 CSS pixels with touch, on the page.
func Mobile(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
}

// ArtifactsDir is where failing tests leave their screenshots: $ACADEMY_E2E_ARTIFACTS,
// else academy-e2e in the system's temporary folder.
func ArtifactsDir() string {
	if dir := os.Getenv("ACADEMY_E2E_ARTIFACTS"); dir != "" {
		return dir
	}
	return filepath.Join(os.TempDir(), "academy-e2e")
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// ScreenshotOnFailure saves a full-page PNG of the page in ArtifactsDir when the test
// has failed by the time it ends, and logs where. Register it before anything that
// closes the page: cleanups run last first.
func ScreenshotOnFailure(t *testing.T, page context.Context) {
	t.Helper()
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		// page is the tab's context, without the deadline of the test's actions, which may
		// be what failed the test. The tab closes in a cleanup that runs after this one.
		ctx, cancel := context.WithTimeout(page, 10*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		dir := ArtifactsDir()
		file := filepath.Join(dir, unsafeName.ReplaceAllString(t.Name(), "_")+".png")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		t.Logf("screenshot of the page: %s", file)
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
