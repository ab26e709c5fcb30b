package app_test

import (
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/seed"
)

// seedModule loads the built-in content to know its lessons and answer keys.
func seedModule(t *testing.T, slug string) courses.Module {
	t.Helper()
	sub, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		t.Fatal(err)
	}
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

var quizAttemptPath = regexp.MustCompile(`^/quiz-attempts/([0-9a-f-]{36})$`)

func startQuiz(t *testing.T, c *apptest.Client, module string) string {
	t.Helper()
	resp := c.PostForm("/modules/"+module+"/quiz", nil)
	m := quizAttemptPath.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("start quiz: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return m[1]
}

// correctAnswers is the form that answers every question of the quiz right.
func correctAnswers(m courses.Module) url.Values {
	form := url.Values{}
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			if o.Correct {
				form.Add("q-"+q.ID, o.ID)
			}
		}
	}
	return form
}

func TestLearnerCompletesAModule(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "giving-first")
		learner := s.Login("learner3@acme.example")
		if body := apptest.Body(learner.Get("/modules")); !strings.Contains(body, m.Title.In("es")) || !strings.Contains(body, "Sin empezar") {
			t.Fatal("the catalogue does not list the module")
		}
		for i, l := range m.Lessons {
			page := learner.Get("/modules/" + m.Slug + "/lessons/" + l.Slug)
			if body := apptest.Body(page); page.StatusCode != http.StatusOK || !strings.Contains(body, l.Title.In("es")) {
				t.Fatalf("lesson %s: %d", l.Slug, page.StatusCode)
			}
			resp := learner.PostForm("/modules/"+m.Slug+"/lessons/"+l.Slug+"/complete", nil)
			want := "/modules/" + m.Slug + "/lessons/"
			if i == len(m.Lessons)-1 {
				want = "/modules/" + m.Slug + "?done=lessons_done"
			}
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), want) {
				t.Fatalf("complete %s: %d %s", l.Slug, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		attempt := startQuiz(t, learner, m.Slug)
		// No correct flag or feedback reaches the page of an open attempt.
		body := apptest.Body(learner.Get("/quiz-attempts/" + attempt))
		for _, q := range m.Quiz.Questions {
			for _, o := range q.Options {
				if fb := o.Feedback.In("es"); fb != "" && strings.Contains(body, fb[:min(40, len(fb))]) {
					t.Fatalf("the open attempt shows feedback %q", fb)
				}
			}
		}
		if regexp.MustCompile(`\bcorrect\b|is-correct|data-correct|tag-ok`).MatchString(body) {
			t.Fatal("the open attempt page mentions correctness")
		}
		// Another learner cannot open or submit it.
		other := s.Login("learner4@acme.example")
		for _, p := range []string{"/quiz-attempts/" + attempt, "/quiz-attempts/" + attempt + "/review"} {
			if resp := other.Get(p); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("another learner GET %s: %d", p, resp.StatusCode)
			}
		}
		if resp := other.PostForm("/quiz-attempts/"+attempt+"/submit", correctAnswers(m)); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another learner submits: %d", resp.StatusCode)
		}
		// A wrong answer shape is refused with a message.
		bad := url.Values{}
		for _, q := range m.Quiz.Questions {
			if q.Type == courses.QuestionSingle {
				bad.Add("q-"+q.ID, q.Options[0].ID)
				bad.Add("q-"+q.ID, q.Options[1].ID)
				break
			}
		}
		if resp := learner.PostForm("/quiz-attempts/"+attempt+"/submit", bad); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("two options on a single question: %d", resp.StatusCode)
		}
		// Two concurrent submits score once.
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				learner.PostForm("/quiz-attempts/"+attempt+"/submit", correctAnswers(m))
			}()
		}
		wg.Wait()
		if n := countRows(t, s, "quiz_attempts", "id = ? AND submitted_at IS NOT NULL", attempt); n != 1 {
			t.Fatalf("%d submitted rows", n)
		}
		review := apptest.Body(learner.Get("/quiz-attempts/" + attempt + "/review"))
		if !strings.Contains(review, "Resultado: 100 %") || !strings.Contains(review, "Has completado este módulo") {
			t.Fatal("the review does not show a pass and the completed module")
		}
		if body := apptest.Body(learner.Get("/modules")); !strings.Contains(body, "Completado el") {
			t.Fatal("the catalogue does not show the module completed")
		}
	})
}
