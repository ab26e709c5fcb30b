package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// Widths of the screenshot pass: a phone's and a laptop's, in CSS pixels.
const (
	phoneWidth  = 375
	laptopWidth = 1280
)

// takeTour opens, as each visitor, every page of theirs in the language at the width, in
// one browser: it checks each page's status and language and that it does not scroll
// sideways, then calls each (if not nil) on it.
func takeTour(t *testing.T, b *e2e.Browser, base string, visitors []tourVisitor, lang string, width int,
	each func(t *testing.T, ctx context.Context, v tourVisitor, p tourPage)) {
	t.Helper()
	for _, v := range visitors {
		t.Run(v.Role, func(t *testing.T) {
			ctx := b.NewPage(t)
			if err := viewport(ctx, width); err != nil {
				t.Fatal(err)
			}
			if v.Email != "" {
				signIn(t, ctx, base, v.Email, apptest.DemoPassword)
			} else {
				do(t, ctx, chromedp.Navigate(base+"/login"))
			}
			if evaluate[string](t, ctx, `document.documentElement.lang`) != lang {
				clickAndWait(t, ctx, `header form.lang-switch button[value="`+lang+`"]`)
			}
			for _, p := range v.Pages {
				if p.Lang != "" && p.Lang != lang {
					continue
				}
				resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+p.Path))
				if err != nil {
					t.Fatalf("open %s: %v", p.Path, err)
				}
				want := p.Status
				if want == 0 {
					want = 200
				}
				if resp.Status != want {
					t.Errorf("%s answers %d, want %d", p.Path, resp.Status, want)
				}
				do(t, ctx, chromedp.WaitVisible(chromedp.CSS("main h1")))
				wantLang := lang
				if p.Lang != "" {
					wantLang = p.Lang
				}
				if got := evaluate[string](t, ctx, `document.documentElement.lang`); got != wantLang {
					t.Errorf("%s is in %q, want %q", p.Path, got, wantLang)
				}
				page := v.Role + " " + p.Name + " (" + p.Path + ")"
				fitsWidth(t, ctx, page, width)
				for _, problem := range evaluate[[]string](t, ctx, pageProblems+`(`+strconv.Itoa(width)+`)`) {
					t.Errorf("%s at %d px: %s", page, width, problem)
				}
				if each != nil {
					each(t, ctx, v, p)
				}
			}
		})
	}
}

// pageProblems finds, on the page as it is, what the eye might miss: a catalog key shown
// instead of its text (a message that failed to translate); a box that scrolls sideways
// without being reachable by keyboard and named (axe-core's scrollable-region-focusable,
// cheaply) or, at a laptop's width, at all: tables fit there; a radar chart label cut off
// at the chart's edge.
const pageProblems = `(width => {
	const out = [];
	const describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "");
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const s = n.textContent.trim();
		if (n.parentElement.closest("code, pre, kbd, samp")) continue;
		if (/^[a-z][a-z_]*(\.[a-z0-9_]+)+$/.test(s)) out.push("shows the catalog key " + s);
	}
	for (const e of document.querySelectorAll("main *")) {
		const ox = getComputedStyle(e).overflowX;
		if (e.scrollWidth <= e.clientWidth + 1 || (ox !== "auto" && ox !== "scroll")) continue;
		if (width > 400) out.push(describe(e) + " scrolls sideways: at this width it should fit");
		else if (e.tabIndex < 0 || !(e.getAttribute("aria-labelledby") || e.getAttribute("aria-label")))
			out.push(describe(e) + " scrolls sideways but cannot be reached by keyboard or has no name");
	}
	for (const svg of document.querySelectorAll("svg.radar")) {
		const vb = svg.viewBox.baseVal;
		for (const t of svg.querySelectorAll(".labels text")) {
			const b = t.getBBox();
			if (b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width || b.y + b.height > vb.y + vb.height)
				out.push("the radar chart cuts off its label " + t.textContent);
		}
	}
	return out;
})`

// viewport sets the page's viewport: a phone's (with touch) at phoneWidth, otherwise a
// desktop window of the width.
func viewport(ctx context.Context, width int) error {
	if width == phoneWidth {
		return e2e.Mobile(ctx)
	}
	return chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900))
}

// TestScreenshots is the screenshot pass: with ACADEMY_SCREENSHOTS set to a folder, it
// saves a full-page PNG of every page of the tour at a phone's and a laptop's width in
// Spanish and English, named role-page.lang.width.png, for a person to look at; every
// page is also checked with axe-core and for sideways scrolling. Without the variable it
// is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("ACADEMY_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ACADEMY_SCREENSHOTS to a folder to take the screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	only := os.Getenv("ACADEMY_SCREENSHOTS_ONLY") // a role-page prefix, to shoot a few pages again
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	runJobs(t, s)
	base := s.Listen()
	visitors := tour(t, s)
	for _, lang := range []string{"es", "en"} {
		for _, width := range []int{phoneWidth, laptopWidth} {
			t.Run(fmt.Sprintf("%s-%d", lang, width), func(t *testing.T) {
				var pick []tourVisitor
				for _, v := range visitors {
					var pages []tourPage
					for _, p := range v.Pages {
						if strings.HasPrefix(v.Role+"-"+p.Name, only) {
							pages = append(pages, p)
						}
					}
					if len(pages) > 0 {
						v.Pages = pages
						pick = append(pick, v)
					}
				}
				takeTour(t, b, base, pick, lang, width, func(t *testing.T, ctx context.Context, v tourVisitor, p tourPage) {
					t.Helper()
					e2e.CheckAccessibility(t, ctx)
					if p.Long {
						return
					}
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatalf("screenshot of %s: %v", p.Path, err)
					}
					file := filepath.Join(dir, fmt.Sprintf("%s-%s.%s.%d.png", v.Role, p.Name, lang, width))
					if err := os.WriteFile(file, png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			})
		}
	}
	t.Logf("screenshots in %s", dir)
}
