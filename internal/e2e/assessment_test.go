package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/e2e"
)

// answerVisiblePage clicks, like a person, one answer in every unanswered question of the
// questionnaire page: the fourth point of a statement, the first option of a scenario.
func answerVisiblePage(t *testing.T, ctx context.Context) {
	t.Helper()
	ids := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll("fieldset.question"))
		.filter(f => !f.querySelector("input:checked"))
		.map(f => { const r = f.querySelectorAll("input[type=radio]"); return (r.length > 3 ? r[3] : r[0]).id; })`)
	for _, id := range ids {
		do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="`+id+`"]`)))
	}
}

// TestLearnerTakesTheSelfAssessmentInTwoSittings: a learner starts the self-assessment,
// answers some pages (each answer is saved as it is clicked), signs out, comes back,
// resumes at the first page with questions left, finds the earlier answers going back,
// finishes, checks the answers, submits and sees the radar chart with the table of the
// same numbers.
func TestLearnerTakesTheSelfAssessmentInTwoSittings(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	ctx := b.NewPage(t)
	signIn(t, ctx, base, "learner2@acme.example", apptest.DemoPassword)
	do(t, ctx, chromedp.Navigate(base+"/assessments"))
	wantHeading(t, ctx, "Tu perfil de networking")
	clickAndWait(t, ctx, `form[action="/assessments"] button[type="submit"]`)
	wantHeading(t, ctx, "Autoevaluación de networking")

	// First sitting: two pages. The first answer is saved by the page's script at once.
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("fieldset.question")))
	first := evaluate[string](t, ctx, `document.querySelector("fieldset.question input[type=radio]").name.slice(5)`)
	answerVisiblePage(t, ctx)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("fieldset.question .save-status:not(:empty)")))
	clickAndWait(t, ctx, `button[name="go"][value="next"]`)
	answerVisiblePage(t, ctx)
	clickAndWait(t, ctx, `button[name="go"][value="next"]`)
	clickAndWait(t, ctx, `form[action="/logout"] button`)

	// Second sitting: resume; the first answer is still there.
	signIn(t, ctx, base, "learner2@acme.example", apptest.DemoPassword)
	do(t, ctx, chromedp.Navigate(base+"/assessments"))
	see(t, ctx, "main .cards", "En curso: 16 de 72 respuestas")
	// "Continue" opens the first page with questions left, the third; two pages back is
	// the first answer.
	clickAndWait(t, ctx, `main .cards a.button`)
	see(t, ctx, "main .progress-block", "Página 3 de 12")
	clickAndWait(t, ctx, `button[name="go"][value="previous"]`)
	clickAndWait(t, ctx, `button[name="go"][value="previous"]`)
	see(t, ctx, "main .progress-block", "Página 1 de 12")
	if checked := evaluate[bool](t, ctx, `!!document.querySelector("input[name='item-`+first+`']:checked")`); !checked {
		t.Fatal("the answer given in the first sitting is gone")
	}
	for range 20 {
		answerVisiblePage(t, ctx)
		if evaluate[bool](t, ctx, `!!document.querySelector('button[name="go"][value="review"]')`) {
			clickAndWait(t, ctx, `button[name="go"][value="review"]`)
			break
		}
		clickAndWait(t, ctx, `button[name="go"][value="next"]`)
	}
	wantHeading(t, ctx, "Revisa tus respuestas")
	see(t, ctx, "main", "Has respondido todas las preguntas.")
	clickAndWait(t, ctx, `form[action$="/submit"] button[type="submit"]`)

	wantHeading(t, ctx, "Tu perfil de networking")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("svg.radar")))
	see(t, ctx, "main table caption", "Puntuación por dimensión")
	rows := evaluate[int](t, ctx, `document.querySelectorAll(".profile table tbody tr").length`)
	if rows != 8 {
		t.Fatalf("the results table has %d rows, want 8", rows)
	}
	labels := evaluate[string](t, ctx, `Array.from(document.querySelectorAll("svg.radar text")).map(t => t.textContent).join("|")`)
	if !strings.Contains(labels, "Dar primero") {
		t.Fatalf("radar labels = %q", labels)
	}
}
