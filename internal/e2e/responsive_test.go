package e2e_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// fitsPhone fails the test when the page scrolls sideways at 375 px. A phone shrinks an
// overflowing page to fit, which widens window.innerWidth, so the viewport width is
// compared too. Wide tables scroll inside their own box and do not count.
func fitsPhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	w := evaluate[struct {
		Scroll int `json:"scroll"`
		Inner  int `json:"inner"`
		Client int `json:"client"`
	}](t, ctx, `({scroll: document.documentElement.scrollWidth, inner: window.innerWidth, client: document.documentElement.clientWidth})`)
	if w.Inner != 375 || w.Scroll > w.Inner || w.Scroll > w.Client {
		t.Errorf("%s scrolls sideways at 375 px: scrollWidth %d, innerWidth %d, clientWidth %d", page, w.Scroll, w.Inner, w.Client)
	}
}

// TestMainPagesFitAPhone opens the main pages of each role on a 375 px phone.
func TestMainPagesFitAPhone(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	org := orgIDOf(t, s, "acme")
	pages := map[string][]string{
		"learner1@acme.example": {"/home", "/modules", "/modules/giving-first", "/modules/giving-first/lessons/what-giving-first-means",
			"/assessments", "/account"},
		"coach@acme.example": {"/home"},
		"admin@acme.example": {"/home", "/orgs/" + org + "/people", "/orgs/" + org + "/cohorts", "/orgs/" + org + "/people/invite",
			"/orgs/" + org + "/people/import", "/orgs/" + org + "/instruments", "/orgs/" + org + "/progress"},
	}
	for email, paths := range pages {
		t.Run(email, func(t *testing.T) {
			ctx := b.NewPage(t)
			if err := e2e.Mobile(ctx); err != nil {
				t.Fatal(err)
			}
			signIn(t, ctx, base, email, apptest.DemoPassword)
			for _, p := range paths {
				do(t, ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
				fitsPhone(t, ctx, p)
			}
		})
	}
}

func orgIDOf(t *testing.T, s *apptest.Server, slug string) string {
	t.Helper()
	org, err := s.App.Identity().OrganisationBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return org.ID
}
