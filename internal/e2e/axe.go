package e2e

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource reads axe-core from node_modules (npm install at the repository root puts it
// there; .ci/run does). Without it the accessibility checks are skipped locally and fail
// in CI.
var axeSource = sync.OnceValues(func() ([]byte, error) {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	return os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
})

// Violation is one serious or critical accessibility problem axe-core found.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
	.filter(v => v.impact === 'serious' || v.impact === 'critical')
	.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))`

// CheckAccessibility runs axe-core on the page as it is now and fails the test for every
// serious or critical violation (WCAG 2.1 A and AA rules, axe's defaults).
func CheckAccessibility(t *testing.T, ctx context.Context) {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is missing (run npm install): %v", err)
		}
		t.Log("axe-core not installed (npm install); accessibility not checked")
		return
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== 'undefined'`))
	if err != nil {
		t.Fatalf("check for axe-core: %v", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			t.Fatalf("inject axe-core: %v", err)
		}
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	for _, v := range found {
		t.Errorf("accessibility (%s) on %s: %s [%s] at %s", v.Impact, url, v.Help, v.ID, strings.Join(v.Nodes, ", "))
	}
}
