package e2e_test

import (
	"context"
	"io/fs"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/e2e"
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
	clickAndWait(t, ctx, `a[href="/modules/`+m.Slug+`"]`)
	wantHeading(t, ctx, m.Title.In(lang))
	clickAndWait(t, ctx, `.lesson-list a[href$="/`+m.Lessons[0].Slug+`"]`)
	for _, l := range m.Lessons {
		wantHeading(t, ctx, l.Title.In(lang))
		clickAndWait(t, ctx, `form[action$="/complete"] button`)
	}
	wantHeading(t, ctx, m.Title.In(lang))
	clickAndWait(t, ctx, `form[action="/modules/`+m.Slug+`/quiz"] button`)
	wantHeading(t, ctx, m.Quiz.Title.In(lang))
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			if o.Correct {
				do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="o-`+q.ID+`-`+o.ID+`"]`)))
			}
		}
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
