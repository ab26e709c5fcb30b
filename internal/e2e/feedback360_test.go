package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// inviteObserverInBrowser fills in the observers page's invitation form and returns the
// token of the link the page shows (the tests send no email).
func inviteObserverInBrowser(t *testing.T, ctx context.Context, email, relationship string) string {
	t.Helper()
	do(t, ctx,
		chromedp.Click(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.Click(chromedp.CSS(`label[for="f-relationship-`+relationship+`"]`)),
	)
	clickAndWait(t, ctx, `form[action$="/observers"] button[type="submit"]`)
	see(t, ctx, "main .notice", "Invitación creada para "+email)
	link := text(t, ctx, "#observer-link")
	_, token, ok := strings.Cut(link, "/o/")
	if !ok || token == "" {
		t.Fatalf("the page shows %q, not an observer link", link)
	}
	return token
}

// answerAsObserverOnPhone opens the link on a 375 px phone, in a browser context of its
// own (no account, no cookies), answers every page, checks the answers and sends them.
// With checkEveryPage, every page it stops on is checked with axe-core and for sideways
// scrolling; otherwise only the first, the check step and the thank-you page.
func answerAsObserverOnPhone(t *testing.T, b *e2e.Browser, base, token string, checkEveryPage bool) {
	t.Helper()
	ctx := b.NewPage(t)
	if err := e2e.Mobile(ctx); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(base+"/o/"+token))
	wantHeading(t, ctx, "Marta te pide tu opinión")
	see(t, ctx, "main", "Te han invitado como:")
	fitsPhone(t, ctx, "observer form")
	for page := 1; page <= 20; page++ {
		answerVisiblePage(t, ctx)
		if page == 1 {
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("fieldset.question .save-status:not(:empty)")))
		}
		if evaluate[bool](t, ctx, `!!document.querySelector('button[name="go"][value="review"]')`) {
			clickAndWait(t, ctx, `button[name="go"][value="review"]`)
			break
		}
		clickAndWait(t, ctx, `button[name="go"][value="next"]`)
		if checkEveryPage {
			wantHeading(t, ctx, "Marta te pide tu opinión")
			fitsPhone(t, ctx, "observer form")
		}
	}
	wantHeading(t, ctx, "Revisa y envía tu opinión")
	see(t, ctx, "main", "Has respondido todas las preguntas.")
	fitsPhone(t, ctx, "observer check step")
	clickAndWait(t, ctx, `button[name="go"][value="submit"]`)
	wantHeading(t, ctx, "Gracias por tu opinión")
	fitsPhone(t, ctx, "observer thank-you page")
}

// TestLearnerGets360Feedback: a learner invites three observers through the form; each
// answers through their link on a phone; the learner sees nothing from observers until the
// third has answered, then the 360 results with the radar chart and its table, and the
// recommendations.
func TestLearnerGets360Feedback(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	u, err := s.App.Identity().UserByEmail(context.Background(), "learner1@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	observers := base + "/people/" + u.ID + "/observers"
	feedback := base + "/people/" + u.ID + "/feedback"

	ctx := b.NewPage(t)
	signIn(t, ctx, base, "learner1@acme.example", apptest.DemoPassword)
	do(t, ctx, chromedp.Navigate(observers))
	wantHeading(t, ctx, "Pide feedback 360")
	var tokens []string
	for _, o := range []struct{ email, relationship string }{
		{"eva.ramos@partner.example", "peer"}, {"luis.prieto@partner.example", "manager"}, {"sara.gomez@partner.example", "client"},
	} {
		tokens = append(tokens, inviteObserverInBrowser(t, ctx, o.email, o.relationship))
	}
	wantHeading(t, ctx, "Pide feedback 360")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("table.observers tbody tr").length`); n != 3 {
		t.Fatalf("the observers table has %d rows, want 3", n)
	}

	answerAsObserverOnPhone(t, b, base, tokens[0], true)
	answerAsObserverOnPhone(t, b, base, tokens[1], false)
	do(t, ctx, chromedp.Navigate(feedback))
	wantHeading(t, ctx, "Tu feedback 360")
	see(t, ctx, "main .callout", "Falta 1 respuesta.")
	if evaluate[bool](t, ctx, `!!document.querySelector("svg.radar, table.feedback-360")`) {
		t.Fatal("observer results are shown after two answers")
	}

	answerAsObserverOnPhone(t, b, base, tokens[2], false)
	do(t, ctx, chromedp.Navigate(observers))
	see(t, ctx, "main", "Respuestas recibidas: 3 de 3.")
	do(t, ctx, chromedp.Navigate(feedback))
	wantHeading(t, ctx, "Tu feedback 360")
	see(t, ctx, "#feedback-counts", "Han respondido 3 de las 3 personas invitadas.")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("svg.radar")))
	if n := evaluate[int](t, ctx, `document.querySelectorAll("svg.radar .series-a, svg.radar .series-b").length`); n != 2 {
		t.Fatalf("the radar draws %d profiles, want self and observers", n)
	}
	see(t, ctx, "table.feedback-360 caption", "Puntuación de 0 a 100 por dimensión")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("table.feedback-360 tbody tr").length`); n != 8 {
		t.Fatalf("the results table has %d rows, want 8", n)
	}
	// One peer, one manager, one client: no group is shown on its own, only all three.
	head := text(t, ctx, "table.feedback-360 thead")
	if !strings.Contains(head, "Todos los observadores") || strings.Contains(head, "Compañeros") || strings.Contains(head, "Otros") {
		t.Fatalf("table columns: %q", head)
	}
	see(t, ctx, "table.feedback-360 tbody tr:first-child", "(3)")

	// The same page on a phone: the table scrolls inside its box.
	if err := e2e.Mobile(ctx); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")))
	fitsPhone(t, ctx, "360 results")

	clickAndWait(t, ctx, `main .actions a[href$="/recommendations"]`)
	wantHeading(t, ctx, "Por dónde seguir creciendo")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("article.recommendation").length`); n < 2 || n > 3 {
		t.Fatalf("%d recommendations, want two or three", n)
	}
	see(t, ctx, "article.recommendation", "Qué hacer en las próximas semanas")
	fitsPhone(t, ctx, "recommendations")
}
