package e2e_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/e2e"
	"github.com/academy-platform/academy/internal/identity"
)

// fetchBody follows the link matched by css with the browser's own session, as a click on
// it would, and returns what came back with the whole body.
func fetchBody(t *testing.T, ctx context.Context, css string) (download, []byte) {
	t.Helper()
	js := `(async () => {
		const a = document.querySelector(` + "`" + css + "`" + `);
		const r = await fetch(a.href, {credentials: "same-origin"});
		const data = await new Promise((ok, fail) => {
			const f = new FileReader();
			f.onload = () => ok(f.result);
			f.onerror = () => fail(f.error);
			r.blob().then(b => f.readAsDataURL(b), fail);
		});
		return {status: r.status, type: r.headers.get("Content-Type") || "", disposition: r.headers.get("Content-Disposition") || "",
			data: data.slice(data.indexOf(",") + 1)};
	})()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Status      int    `json:"status"`
		Type        string `json:"type"`
		Disposition string `json:"disposition"`
		Data        string `json:"data"`
	}](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", css, err)
	}
	body, err := base64.StdEncoding.DecodeString(got.Data)
	if err != nil {
		t.Fatalf("fetch %s: %v", css, err)
	}
	return download{Status: got.Status, Type: got.Type, Disposition: got.Disposition,
		Head: string(body[:min(5, len(body))]), Size: len(body)}, body
}

// wantErrorSummary checks that the page announces the problems of a form as the house
// pattern has it: an error summary that screen readers announce, with a link to each
// problem that leads somewhere on the page, and at least want links.
func wantErrorSummary(t *testing.T, ctx context.Context, want int) {
	t.Helper()
	s := evaluate[struct {
		Role    string   `json:"role"`
		Links   []string `json:"links"`
		Missing []string `json:"missing"`
	}](t, ctx, `(() => {
		const box = document.querySelector("main .error-summary");
		if (!box) return {role: "", links: [], missing: []};
		const links = Array.from(box.querySelectorAll("a[href^='#']")).map(a => a.getAttribute("href"));
		return {role: box.getAttribute("role") || "", links,
			missing: links.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))};
	})()`)
	if s.Role != "alert" {
		t.Errorf(`error summary role = %q, want "alert" (announced when the page loads)`, s.Role)
	}
	if len(s.Links) < want {
		t.Errorf("error summary has %d links (%q), want at least %d", len(s.Links), s.Links, want)
	}
	if len(s.Missing) > 0 {
		t.Errorf("error summary links lead nowhere: %q", s.Missing)
	}
}

// learnerWithGoal adds a new learner to the cohort, who has not started the
// self-assessment (so their coach sees them in "needs attention"), with one goal in their
// plan, written by the learner through the development store.
func learnerWithGoal(t *testing.T, s *apptest.Server, cohortID string) (identity.User, development.Goal) {
	t.Helper()
	ctx := context.Background()
	org, err := s.App.Identity().OrganisationBySlug(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.App.Identity().CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: "rosa.nieto@acme.example",
		Name: "Rosa Nieto", Role: identity.RoleLearner, Locale: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.App.Identity().AddMember(ctx, cohortID, u.ID); err != nil {
		t.Fatal(err)
	}
	g, err := s.App.Development().CreateGoal(ctx, u.ID, u.ID, development.GoalInput{Dimension: "giving-first",
		Title: "Presentar a dos clientes entre sí este mes", SuccessMeasure: "Dos presentaciones hechas y su respuesta anotada",
		DueOn: time.Now().UTC().AddDate(0, 1, 0).Format(development.DateLayout)})
	if err != nil {
		t.Fatal(err)
	}
	return u, g
}

// TestCoachJourney: a coach signs in, opens a cohort from the home page, finds a learner
// in the "needs attention" list, opens the learner's page and then the goal in their plan,
// comments on it (an empty comment is refused with the problem announced), goes back to
// the cohort and downloads its PDF report and a CSV export. Every page passes axe-core.
func TestCoachJourney(t *testing.T) {
	b := e2e.NewBrowser(t)
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		base := s.Listen()
		cohort := cohortIDOf(t, s, "Liderazgo · primavera")
		learner, goal := learnerWithGoal(t, s, cohort)
		ctx := b.NewPage(t)

		signIn(t, ctx, base, "coach@acme.example", apptest.DemoPassword)
		wantHeading(t, ctx, "Hola, Irene Beltrán")
		clickAndWait(t, ctx, `main table a[href="/cohorts/`+cohort+`"]`)
		wantPath(t, ctx, "/cohorts/"+cohort)
		wantHeading(t, ctx, "Liderazgo · primavera")

		// Who needs attention, and why.
		attention := `main section[aria-labelledby="attention-title"]`
		see(t, ctx, attention+" h2", "Necesitan atención")
		row := attention + ` tbody tr:has(a[href="/people/` + learner.ID + `"])`
		see(t, ctx, row, "Rosa Nieto")
		see(t, ctx, row, "Autoevaluación sin empezar")
		clickAndWait(t, ctx, row+` a[href="/people/`+learner.ID+`"]`)
		wantPath(t, ctx, "/people/"+learner.ID)
		wantHeading(t, ctx, "Rosa Nieto")

		// The learner's goal, in their plan.
		goals := `main section[aria-labelledby="goals-title"]`
		see(t, ctx, goals, goal.Title)
		clickAndWait(t, ctx, goals+` a[href="/people/`+learner.ID+`/plan#goal-`+goal.ID+`"]`)
		wantPath(t, ctx, "/people/"+learner.ID+"/plan")
		wantHeading(t, ctx, "Plan de desarrollo de Rosa Nieto")
		article := "#goal-" + goal.ID
		see(t, ctx, article+" h3", goal.Title)
		see(t, ctx, article, "Todavía no hay comentarios.")

		// An empty comment is refused: 422, the problem announced and linked to the field.
		form := article + ` form[action="/goals/` + goal.ID + `/comments"]`
		resp, err := e2e.ClickAndWait(ctx, chromedp.CSS(form+` button[type="submit"]`))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != 422 {
			t.Errorf("empty comment: status %d, want 422", resp.Status)
		}
		wantHeading(t, ctx, "Plan de desarrollo de Rosa Nieto")
		wantErrorSummary(t, ctx, 1)
		see(t, ctx, "main .error-summary", "Este campo es obligatorio.")
		if invalid := evaluate[string](t, ctx, "document.querySelector(`"+form+" textarea`).getAttribute('aria-invalid') || ''"); invalid != "true" {
			t.Errorf("the comment field is not marked invalid (aria-invalid=%q)", invalid)
		}

		comment := "Buen objetivo. ¿A quién vas a presentar primero, y por qué encajan?"
		do(t, ctx,
			chromedp.Click(chromedp.CSS(form+" textarea")),
			chromedp.SendKeys(chromedp.CSS(form+" textarea"), comment),
		)
		clickAndWait(t, ctx, form+` button[type="submit"]`)
		wantPath(t, ctx, "/people/"+learner.ID+"/plan")
		wantHeading(t, ctx, "Plan de desarrollo de Rosa Nieto")
		see(t, ctx, "main .notice", "Comentario enviado.")
		see(t, ctx, article+" ul.comments", comment)
		see(t, ctx, article+" ul.comments", "Irene Beltrán")

		// Back to the cohort through the learner's page, and its downloads.
		clickAndWait(t, ctx, `nav.subnav a[href="/people/`+learner.ID+`"]`)
		wantHeading(t, ctx, "Rosa Nieto")
		clickAndWait(t, ctx, `main a[href="/cohorts/`+cohort+`"]`)
		wantHeading(t, ctx, "Liderazgo · primavera")
		downloads := `main section[aria-labelledby="cohort-downloads-title"]`
		pdf := fetchLink(t, ctx, downloads+` a[href^="/cohorts/`+cohort+`/report.pdf"][hreflang="es"]`)
		if pdf.Status != 200 || pdf.Type != "application/pdf" || pdf.Head != "%PDF-" || pdf.Size < 10_000 {
			t.Fatalf("cohort report: %+v", pdf)
		}
		if !strings.Contains(pdf.Disposition, ".pdf") {
			t.Errorf("cohort report offered as %q, want a .pdf file", pdf.Disposition)
		}
		d, body := fetchBody(t, ctx, downloads+` a[href^="/cohorts/`+cohort+`/exports/scores.csv"]`)
		if d.Status != 200 || !strings.HasPrefix(d.Type, "text/csv") || !strings.Contains(d.Disposition, ".csv") {
			t.Fatalf("scores CSV: %+v", d)
		}
		header, rest, _ := strings.Cut(strings.TrimPrefix(string(body), "\ufeff"), "\r\n")
		if !strings.HasPrefix(header, "Participante,Correo electrónico,Grupos,Dimensión,") {
			t.Errorf("scores CSV header = %q", header)
		}
		if !strings.Contains(rest, "Rosa Nieto") || !strings.Contains(rest, "Dar primero") {
			t.Errorf("scores CSV lacks the cohort's learners and dimensions:\n%.500s", rest)
		}
	})
}
