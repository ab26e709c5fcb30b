package e2e_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/e2e"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/seed"
)

func builtInModule(t *testing.T, slug string) courses.Module {
	t.Helper()
	sub, _ := fs.Sub(seed.Files, "courses")
	content, err := courses.Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range content.Modules {
		if m.Slug == slug {
			return m
		}
	}
	t.Fatalf("no module %s", slug)
	return courses.Module{}
}

// completeModule reads every lesson of the module marking it done, then takes the quiz
// answering right (the answer key comes from the content files, not the page) and submits.
func completeModule(t *testing.T, ctx context.Context, base, lang string, m courses.Module) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/modules"))
	wantHeading(t, ctx, map[string]string{"es": "Módulos del curso", "en": "Course modules"}[lang])
	clickAndWait(t, ctx, `.modules a[href="/modules/`+m.Slug+`"]`)
	wantHeading(t, ctx, m.Title.In(lang))
	clickAndWait(t, ctx, `.lesson-list a[href$="/`+m.Lessons[0].Slug+`"]`)
	for _, l := range m.Lessons {
		wantHeading(t, ctx, l.Title.In(lang))
		clickAndWait(t, ctx, `form[action$="/complete"] button`)
	}
	wantHeading(t, ctx, m.Title.In(lang))
	clickAndWait(t, ctx, `form[action="/modules/`+m.Slug+`/quiz/attempts"] button`)
	wantHeading(t, ctx, m.Quiz.Title.In(lang))
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			if o.Correct {
				do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="o-`+q.ID+`-`+o.ID+`"]`)))
			}
		}
	}
	// Each choice is saved by the page's script as it is clicked (each question's fieldset
	// is aria-busy until its saves are done): the answers are there after a reload.
	do(t, ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll("fieldset.question").length > 0 &&
		document.querySelectorAll("fieldset.question[aria-busy]").length === 0 &&
		document.querySelectorAll("fieldset.question .save-status:empty").length === 0`,
		chromedp.WithPollingTimeout(10*time.Second)))
	do(t, ctx, chromedp.Reload())
	wantHeading(t, ctx, m.Quiz.Title.In(lang))
	want := 0
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			if o.Correct {
				want++
				if !evaluate[bool](t, ctx, `document.getElementById("o-`+q.ID+`-`+o.ID+`").checked`) {
					t.Fatalf("after a reload, option %s of %s is not chosen: the autosave lost it", o.ID, q.ID)
				}
			}
		}
	}
	if got := evaluate[int](t, ctx, `document.querySelectorAll("form.questionnaire input:checked").length`); got != want {
		t.Fatalf("after a reload, %d options are chosen, want %d", got, want)
	}
	clickAndWait(t, ctx, `form.questionnaire button[type="submit"]`)
	wantHeading(t, ctx, m.Quiz.Title.In(lang))
}

func TestLearnerCompletesAModuleInTheBrowser(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	m := builtInModule(t, "giving-first")

	t.Run("es", func(t *testing.T) {
		ctx := b.NewPage(t)
		signIn(t, ctx, base, "learner5@acme.example", apptest.DemoPassword)
		completeModule(t, ctx, base, "es", m)
		see(t, ctx, "main", "Resultado: 100 %")
		see(t, ctx, "main", "Has completado este módulo")
		// Back to the submitted attempt: it is closed (409), with a way to its review.
		review := evaluate[string](t, ctx, `location.pathname`)
		do(t, ctx, chromedp.Navigate(base+strings.TrimSuffix(review, "/review")))
		wantHeading(t, ctx, "Este intento ya se ha enviado")
		clickAndWait(t, ctx, `main a[href="`+review+`"]`)
		wantHeading(t, ctx, m.Quiz.Title.In("es"))
	})
	t.Run("en", func(t *testing.T) {
		ctx := b.NewPage(t)
		signIn(t, ctx, base, "learner6@acme.example", apptest.DemoPassword)
		clickAndWait(t, ctx, `form[action="/language"] button[value="en"]`)
		completeModule(t, ctx, base, "en", m)
		see(t, ctx, "main", "Result: 100 %")
		see(t, ctx, "main", "You completed this module")
	})
}

// TestCoachAndAdminFollowCourseProgress: the coach opens a cohort with the learners ×
// modules table and who has stalled, then a quiz's question statistics; the organisation
// admin opens the organisation's progress. Each page is checked for accessibility.
func TestCoachAndAdminFollowCourseProgress(t *testing.T) {
	b := e2e.NewBrowser(t)
	s := apptest.New(t, "sqlite")
	base := s.Listen()
	m := builtInModule(t, "giving-first")
	ctx := context.Background()
	store, ids := s.App.Courses(), s.App.Identity()
	for _, email := range []string{"learner1@acme.example", "learner2@acme.example", "learner3@acme.example", "learner4@acme.example", "learner5@acme.example"} {
		u, err := ids.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.CompleteLesson(ctx, u.ID, m.Slug, m.Lessons[0].Slug); err != nil {
			t.Fatal(err)
		}
		a, err := store.StartAttempt(ctx, u.ID, m.Quiz.Slug)
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range m.Quiz.Questions {
			if err := store.SaveAnswer(ctx, u.ID, a.ID, q.ID, []string{q.Options[(i+len(email))%2].ID}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := store.Submit(ctx, u.ID, a.ID); err != nil {
			t.Fatal(err)
		}
	}

	page := b.NewPage(t)
	signIn(t, page, base, "coach@acme.example", apptest.DemoPassword)
	do(t, page, chromedp.Navigate(base+"/cohorts/"+cohortIDOf(t, s, "Desarrollo de negocio 2026")))
	wantHeading(t, page, "Desarrollo de negocio 2026")
	see(t, page, "main", "Necesitan atención")
	do(t, page, chromedp.Click(chromedp.CSS(".quiz-stats-links summary")))
	clickAndWait(t, page, `.quiz-stats-links a[href="/quizzes/`+m.Quiz.Slug+`/stats"]`)
	wantHeading(t, page, "Estadísticas del cuestionario: "+m.Title.In("es"))
	see(t, page, "main", "Primeros intentos: 5")

	admin := b.NewPage(t)
	signIn(t, admin, base, "admin@acme.example", apptest.DemoPassword)
	do(t, admin, chromedp.Navigate(base+"/orgs/"+orgIDOf(t, s, "acme")+"/progress"))
	wantHeading(t, admin, "Progreso de la organización")
	see(t, admin, "main", "Avance por módulo")
}

func cohortIDOf(t *testing.T, s *apptest.Server, name string) string {
	t.Helper()
	ctx := context.Background()
	org, err := s.App.Identity().OrganisationBySlug(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	cohorts, err := s.App.Identity().Cohorts(ctx, identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cohorts {
		if c.Name == name {
			return c.ID
		}
	}
	t.Fatalf("no cohort %s", name)
	return ""
}
