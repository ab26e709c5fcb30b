package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// tabStop is the element that has the focus after a press of Tab.
type tabStop struct {
	InForm  bool   `json:"inForm"`
	Index   int    `json:"index"`   // its position among the form's elements, in document order
	Name    string `json:"name"`    // the control's name ("" for a button without one)
	Label   string `json:"label"`   // how the test names it in a message
	Visible bool   `json:"visible"` // the stylesheet draws the focus on it (outline or ring)
	Submit  bool   `json:"submit"`  // it is the form's submit button
}

const currentTabStop = `(form => {
	const e = document.activeElement, f = document.querySelector(form), s = getComputedStyle(e);
	const drawn = (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none";
	// A date field keeps the focus on its own while Tab moves through its day, month and year.
	return {inForm: !!f && f.contains(e), index: f ? Array.from(f.querySelectorAll("*")).indexOf(e) : -1,
		name: e.getAttribute("name") || "", label: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[" + e.name + "]" : ""),
		visible: drawn, submit: !!f && f.contains(e) && e.type === "submit"};
})`

// tabThroughForm presses Tab from the top of the page, as someone using only the
// keyboard, until the form's submit button has the focus. On the way every field of the
// form must be reached, in the order the form shows them, each showing the focus; no
// element of the page may force an order of its own (tabindex above 0).
func tabThroughForm(t *testing.T, ctx context.Context, form string) {
	t.Helper()
	if n := evaluate[int](t, ctx, `document.querySelectorAll("[tabindex]:not([tabindex='0']):not([tabindex^='-'])").length`); n > 0 {
		t.Errorf("%d elements set their own tab order (tabindex above 0)", n)
	}
	want := evaluate[[]string](t, ctx, `Array.from(new Set(Array.from(document.querySelectorAll(`+"`"+form+`
		:is(input:not([type=hidden]), select, textarea)`+"`"+`)).map(e => e.name)))`)
	if len(want) == 0 {
		t.Fatalf("%s has no fields", form)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); window.scrollTo(0, 0)`))
	reached, last := map[string]bool{}, -1
	for range 150 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		stop := evaluate[tabStop](t, ctx, currentTabStop+"(`"+form+"`)")
		if !stop.Visible {
			t.Errorf("%s has the focus but does not show it", stop.Label)
		}
		if !stop.InForm {
			continue
		}
		if stop.Index < last {
			t.Errorf("Tab goes back up the form to %s", stop.Label)
		}
		last = stop.Index
		reached[stop.Name] = true
		if stop.Submit {
			for _, name := range want {
				if !reached[name] {
					t.Errorf("Tab never reaches the field %s of %s", name, form)
				}
			}
			return
		}
	}
	t.Fatalf("150 presses of Tab never reached the submit button of %s", form)
}

// submitByKeyboard presses Enter on the focused submit button and expects the form back
// with its problems: the page opens with the focus on the error summary; Tab moves to its
// first link, and Enter on that link takes the focus to the field (for a group of radio
// buttons, the next Tab lands in the group).
func submitByKeyboard(t *testing.T, ctx context.Context) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 422 {
		t.Errorf("the empty form answered %d, want 422", resp.Status)
	}
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("main h1")))
	e2e.Keep(ctx, "errors")
	focusOnSummary := `document.readyState === "complete" && document.activeElement.matches(".error-summary")`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](focusOnSummary, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Fatalf("the page with the form's problems opens with the focus on %s, not on the error summary",
			evaluate[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	do(t, ctx, chromedp.KeyEvent(kb.Tab))
	target := evaluate[string](t, ctx, `document.activeElement.matches(".error-summary a") ? document.activeElement.getAttribute("href") : ""`)
	if !strings.HasPrefix(target, "#") {
		t.Fatal("Tab from the error summary does not reach its first link")
	}
	do(t, ctx, chromedp.KeyEvent(kb.Enter))
	inTarget := `(() => { const f = document.getElementById(decodeURIComponent("` + target[1:] + `"));
		return !!f && (f === document.activeElement || f.contains(document.activeElement)); })()`
	// The page's script moves the focus once the key is done; without it, the next Tab does.
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](inTarget, chromedp.WithPollingTimeout(time.Second))); err != nil {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		if !evaluate[bool](t, ctx, inTarget) {
			t.Errorf("following the error summary's link to %s brings the keyboard to %s, not to the field", target,
				evaluate[string](t, ctx, `document.activeElement.outerHTML.slice(0, 120)`))
		}
	}
	wantFocusVisible(t, ctx)
}

// TestFormsByKeyboard goes through the forms people fill in most, with the keyboard only:
// the goal, the action log, the observer invitation, the account (name and API token),
// the coach's note, publishing and editing an event, and the people import. Each is
// reached field by field in order with the focus showing, sent empty with Enter, and its
// problems are then reachable from the error summary the page opens on.
func TestFormsByKeyboard(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	visitors := tour(t, s)
	paths := map[string]map[string]string{}
	for _, v := range visitors {
		paths[v.Role] = map[string]string{}
		for _, p := range v.Pages {
			paths[v.Role][p.Name] = p.Path
		}
	}
	forms := []struct {
		role, email, page, form, name string
		prepare                       string // script run before, such as emptying a field
	}{
		{"learner", "learner1@acme.example", "plan", `form[action$="/goals"]`, "goal", ""},
		{"learner", "learner1@acme.example", "actions", `form[action$="/actions"]`, "action", ""},
		{"learner", "learner1@acme.example", "observers", `form[action$="/observers"]`, "observer invitation", ""},
		{"learner", "learner1@acme.example", "account", `form[action="/account"]`, "account", `document.getElementById("f-name").value = ""`},
		{"learner", "learner1@acme.example", "account", `form[action="/account/tokens"]`, "API token", ""},
		{"coach", "coach@acme.example", "person", `form[action*="/notes"]`, "coach's note", ""},
		{"coach", "coach@acme.example", "events", `form[action$="/events"]`, "new event", ""},
		{"coach", "coach@acme.example", "event-edit", `form[action$="/edit"]`, "event edit", `document.getElementById("f-title").value = ""`},
		{"admin", "admin@acme.example", "import", `form[action$="/people/import"]`, "people import", ""},
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			ctx := b.NewPage(t)
			signIn(t, ctx, base, f.email, apptest.DemoPassword)
			do(t, ctx, chromedp.Navigate(base+paths[f.role][f.page]), chromedp.WaitVisible(chromedp.CSS(f.form)))
			e2e.Keep(ctx, f.page)
			if f.prepare != "" {
				do(t, ctx, chromedp.Evaluate[chromedp.Void](f.prepare))
			}
			tabThroughForm(t, ctx, f.form)
			submitByKeyboard(t, ctx)
			e2e.CheckAccessibility(t, ctx)
		})
	}
}
