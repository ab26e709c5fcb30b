package e2e_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// fitsPhone fails the test when the page scrolls sideways on a 375 px phone.
func fitsPhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	fitsWidth(t, ctx, page, phoneWidth)
}

// fitsWidth fails the test when the page, in a viewport width CSS pixels wide, scrolls
// sideways. A phone shrinks an overflowing page to fit, which widens window.innerWidth,
// so the viewport's width is compared too. Wide tables scroll inside their own box and
// do not count.
func fitsWidth(t *testing.T, ctx context.Context, page string, width int) {
	t.Helper()
	w := evaluate[struct {
		Scroll int `json:"scroll"`
		Inner  int `json:"inner"`
		Client int `json:"client"`
	}](t, ctx, `({scroll: document.documentElement.scrollWidth, inner: window.innerWidth, client: document.documentElement.clientWidth})`)
	if w.Inner != width || w.Scroll > w.Inner || w.Scroll > w.Client {
		t.Errorf("%s scrolls sideways at %d px: scrollWidth %d, innerWidth %d, clientWidth %d", page, width, w.Scroll, w.Inner, w.Client)
		e2e.SaveScreenshot(t, ctx, fmt.Sprintf("sideways-%s-%d", page, width))
	}
}

// TestMainPagesFitAPhone takes the tour of the main pages, every role's, on a 375 px
// phone in Spanish and English: no page may scroll sideways.
func TestMainPagesFitAPhone(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	visitors := tour(t, s)
	for _, lang := range []string{"es", "en"} {
		t.Run(lang, func(t *testing.T) { takeTour(t, b, base, visitors, lang, phoneWidth, nil) })
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
