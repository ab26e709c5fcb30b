package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// TestBadgeJourney: a learner completes a module in the browser, finds its badge on the
// module, chooses to show their name, and anyone opens the public link (on a phone too);
// the organisation admin revokes it after the confirmation step, and the public page says
// so. Every page is checked for accessibility.
func TestBadgeJourney(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	m := builtInModule(t, "giving-first")
	u, err := s.App.Identity().UserByEmail(context.Background(), "learner5@acme.example")
	if err != nil {
		t.Fatal(err)
	}

	learner := b.NewPage(t)
	signIn(t, learner, base, u.Email, apptest.DemoPassword)
	completeModule(t, learner, base, "es", m)
	do(t, learner, chromedp.Navigate(base+"/modules/"+m.Slug))
	wantHeading(t, learner, m.Title.In("es"))
	see(t, learner, "main .badge-earned", "Has obtenido la insignia de este módulo.")
	clickAndWait(t, learner, `main .badge-earned a[href="/people/`+u.ID+`/badges"]`)
	wantHeading(t, learner, "Tus insignias")
	see(t, learner, "main .badge-card h2", m.Title.In("es"))
	clickAndWait(t, learner, `main .badge-card form[action$="/share"] button[value="1"]`)
	see(t, learner, ".notice", "La página pública de la insignia muestra ahora tu nombre.")
	link := text(t, learner, "main .badge-card code.secret")
	if !strings.HasPrefix(link, "http://academy.test/badges/") {
		t.Fatalf("share link %q", link)
	}
	path := strings.TrimPrefix(link, "http://academy.test")

	anyone := b.NewPage(t)
	if err := e2e.Mobile(anyone); err != nil {
		t.Fatal(err)
	}
	do(t, anyone, chromedp.Navigate(base+path))
	wantHeading(t, anyone, "Verificación de insignia")
	see(t, anyone, "main .verification", "Insignia válida")
	see(t, anyone, "main", u.Name)
	see(t, anyone, "main", "Dar primero")
	if w := evaluate[int](t, anyone, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("the public page scrolls sideways on a phone by %d px", w)
	}
	clickAndWait(t, anyone, `main a[href="/competencies"]`)
	wantHeading(t, anyone, "El modelo de competencias de networking")

	admin := b.NewPage(t)
	signIn(t, admin, base, "admin@acme.example", apptest.DemoPassword)
	do(t, admin, chromedp.Navigate(base+"/people/"+u.ID+"/badges"))
	wantHeading(t, admin, "Insignias de "+u.Name)
	clickAndWait(t, admin, `main a[href="`+path+`/revoke"]`)
	wantHeading(t, admin, "¿Revocar esta insignia?")
	clickAndWait(t, admin, `main form button[type="submit"]`)
	wantHeading(t, admin, "¿Revocar esta insignia?")
	see(t, admin, ".error-summary", "Motivo: Este campo es obligatorio.")
	do(t, admin, chromedp.Click(chromedp.ID("f-reason")), chromedp.SendKeys(chromedp.ID("f-reason"), "Se emitió por error"))
	clickAndWait(t, admin, `main form button[type="submit"]`)
	wantHeading(t, admin, "Insignias de "+u.Name)
	see(t, admin, ".notice", "Insignia revocada")
	see(t, admin, "main .badge-card", "Motivo: Se emitió por error")

	do(t, anyone, chromedp.Navigate(base+path))
	wantHeading(t, anyone, "Verificación de insignia")
	see(t, anyone, "main .verification", "Insignia revocada")
}
