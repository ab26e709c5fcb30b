package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// TestSignInEveryRole signs in through the form as each kind of person and checks that
// each lands on their own home page, in Spanish, the default language.
func TestSignInEveryRole(t *testing.T) {
	b := e2e.NewBrowser(t)
	roles := []struct {
		name, email, heading string
		check                func(t *testing.T, ctx context.Context)
	}{
		{"learner", "learner1@acme.example", "Hola, Marta Gil", func(t *testing.T, ctx context.Context) {
			see(t, ctx, "#cohorts-title", "Tus grupos")
			see(t, ctx, "main .cards", "Desarrollo de negocio 2026")
			see(t, ctx, "main .cards", "Te acompaña: Irene Beltrán")
			see(t, ctx, "#question-title", "La pregunta de esta semana")
			see(t, ctx, "main .callout .big-quote", "«¿Cómo podría ayudarte a conseguir tus objetivos?»")
		}},
		{"coach", "coach@acme.example", "Hola, Irene Beltrán", func(t *testing.T, ctx context.Context) {
			see(t, ctx, "main .lead", "Acompañas a 12 participantes en tus grupos.")
			see(t, ctx, "#cohorts-title", "Tus grupos")
			see(t, ctx, "main table tbody", "Desarrollo de negocio 2026")
			see(t, ctx, "main table tbody", "Liderazgo · primavera")
		}},
		{"org admin", "admin@acme.example", "Acme Consulting", func(t *testing.T, ctx context.Context) {
			see(t, ctx, "main .stats", "Personas")
			see(t, ctx, "main .stats", "Grupos")
			see(t, ctx, "main .stats", "Invitaciones pendientes")
			see(t, ctx, "main .stats", "Cuentas desactivadas")
			// 14 people: the admin, the coach and 12 learners in two cohorts.
			for i, want := range []string{"14", "2", "0", "0"} {
				css := fmt.Sprintf("main .stats li:nth-child(%d) .stat-value", i+1)
				if got := text(t, ctx, css); got != want {
					t.Errorf("%s = %q, want %q", css, got, want)
				}
			}
			see(t, ctx, "main .actions", "Invitar a una persona")
			see(t, ctx, "header .main-nav", "Personas")
		}},
		{"platform admin", "admin@academy.example", "Organizaciones", func(t *testing.T, ctx context.Context) {
			see(t, ctx, "main table tbody", "Acme Consulting")
			see(t, ctx, "main table tbody", "Globex Iberia")
		}},
	}
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		for _, r := range roles {
			t.Run(r.name, func(t *testing.T) {
				ctx := b.NewPage(t)
				// Someone who is not signed in and opens the site is asked to sign in.
				do(t, ctx, chromedp.Navigate(base))
				wantPath(t, ctx, "/login")
				wantHeading(t, ctx, "Inicia sesión en Academy")

				if status := signIn(t, ctx, base, r.email, apptest.DemoPassword); status != 200 {
					t.Errorf("home page status = %d, want 200", status)
				}
				wantPath(t, ctx, "/home")
				wantHeading(t, ctx, r.heading)
				see(t, ctx, "header", "Cerrar sesión")
				r.check(t, ctx)
			})
		}
	})
}

// TestSignInWrongPassword: a wrong password keeps the person on the sign-in page with an
// error summary, the email address kept and the password cleared.
func TestSignInWrongPassword(t *testing.T) {
	b := e2e.NewBrowser(t)
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		ctx := b.NewPage(t)
		if status := signIn(t, ctx, base, "learner1@acme.example", "not-the-password"); status != 401 {
			t.Errorf("status = %d, want 401", status)
		}
		wantPath(t, ctx, "/login")
		wantHeading(t, ctx, "Inicia sesión en Academy")
		see(t, ctx, "main .error-summary", "Revisa lo siguiente")
		see(t, ctx, "main .error-summary", "El correo o la contraseña no son correctos.")
		if v := value(t, ctx, "#f-email"); v != "learner1@acme.example" {
			t.Errorf("email field = %q, want the address typed", v)
		}
		if v := value(t, ctx, "#f-password"); v != "" {
			t.Errorf("password field = %q, want it empty", v)
		}
	})
}

// TestSwitchToEnglish: the header's language button turns the signed-in home page into
// English, and the choice sticks on the next visit.
func TestSwitchToEnglish(t *testing.T) {
	b := e2e.NewBrowser(t)
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		ctx := b.NewPage(t)
		signIn(t, ctx, base, "learner1@acme.example", apptest.DemoPassword)
		wantHeading(t, ctx, "Hola, Marta Gil")

		clickAndWait(t, ctx, `header form.lang-switch button[value="en"]`)
		wantPath(t, ctx, "/home")
		wantHeading(t, ctx, "Hello, Marta Gil")
		see(t, ctx, "#question-title", "This week's question")
		see(t, ctx, "header", "Sign out")
		see(t, ctx, "header form.lang-switch", "Español")
		if lang := evaluate[string](t, ctx, `document.documentElement.lang`); lang != "en" {
			t.Errorf(`<html lang> = %q, want "en"`, lang)
		}

		do(t, ctx, chromedp.Navigate(base+"/home"))
		wantHeading(t, ctx, "Hello, Marta Gil")
	})
}

// TestSignOut: the header's sign-out button ends the session and shows the sign-in page;
// the home page then asks to sign in again.
func TestSignOut(t *testing.T) {
	b := e2e.NewBrowser(t)
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		ctx := b.NewPage(t)
		signIn(t, ctx, base, "coach@acme.example", apptest.DemoPassword)
		wantHeading(t, ctx, "Hola, Irene Beltrán")

		clickAndWait(t, ctx, `header form[action="/logout"] button`)
		wantPath(t, ctx, "/login")
		wantHeading(t, ctx, "Inicia sesión en Academy")
		see(t, ctx, "main .notice", "Has cerrado la sesión.")
		do(t, ctx, chromedp.WaitNotPresent(chromedp.CSS(`form[action="/logout"]`)))

		do(t, ctx, chromedp.Navigate(base+"/home"))
		wantPath(t, ctx, "/login")
		wantHeading(t, ctx, "Inicia sesión en Academy")
	})
}

// TestLearnerHomeFitsPhone: on a 375 px wide phone the learner's home page does not
// scroll sideways.
func TestLearnerHomeFitsPhone(t *testing.T) {
	b := e2e.NewBrowser(t)
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		ctx := b.NewPage(t)
		if err := e2e.Mobile(ctx); err != nil {
			t.Fatal(err)
		}
		signIn(t, ctx, base, "learner1@acme.example", apptest.DemoPassword)
		wantHeading(t, ctx, "Hola, Marta Gil")
		do(t, ctx, chromedp.WaitVisible(chromedp.ID("question-title")))
		// A phone shrinks an overflowing page to fit, which widens window.innerWidth, so
		// compare with the viewport's width too.
		w := evaluate[struct {
			Scroll int `json:"scroll"`
			Inner  int `json:"inner"`
			Client int `json:"client"`
		}](t, ctx,
			`({scroll: document.documentElement.scrollWidth, inner: window.innerWidth, client: document.documentElement.clientWidth})`)
		if w.Inner != 375 || w.Scroll > w.Inner || w.Scroll > w.Client {
			t.Errorf("page scrolls sideways at 375 px: scrollWidth %d, innerWidth %d, clientWidth %d", w.Scroll, w.Inner, w.Client)
		}
	})
}

// The helpers below fail the test at once: later steps make no sense after one fails.

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// signIn signs in through the form and returns the HTTP status of the page it led to.
func signIn(t *testing.T, ctx context.Context, base, email, password string) int64 {
	t.Helper()
	resp, err := e2e.SignIn(ctx, base, email, password)
	if err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
	return resp.Status
}

func clickAndWait(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	if _, err := e2e.ClickAndWait(ctx, chromedp.CSS(css)); err != nil {
		t.Fatalf("click %s: %v", css, err)
	}
}

// wantHeading checks the page's main heading, then checks the page with axe-core: every
// page a journey stops on is checked for accessibility, and kept as a key page for the
// screenshots of a failure.
func wantHeading(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	got, err := e2e.Heading(ctx)
	if err != nil {
		t.Fatalf("main h1: %v", err)
	}
	e2e.Keep(ctx, want)
	if got != want {
		t.Fatalf("main h1 = %q, want %q", got, want)
	}
	e2e.CheckAccessibility(t, ctx)
}

func wantPath(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != want {
		t.Fatalf("page is %s, want the path %s", loc, want)
	}
}

// text returns the visible text of the element once it shows.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("%s: %v", css, err)
	}
	return got
}

// see fails unless the element shows, and its visible text has want in it.
func see(t *testing.T, ctx context.Context, css, want string) {
	t.Helper()
	got := text(t, ctx, css)
	if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
		t.Fatalf("%s shows %q, want %q in it", css, got, want)
	}
}

func value(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("%s: %v", css, err)
	}
	return v
}

func evaluate[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
