package app_test

import (
	"encoding/json"
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
	resp := c.PostForm("/modules/"+module+"/quiz/attempts", nil)
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

func TestCourseProgressForCoachesAndAdmins(t *testing.T) {
	s := apptest.New(t, "sqlite")
	m := seedModule(t, "giving-first")
	for _, email := range []string{"learner1@acme.example", "learner2@acme.example", "learner3@acme.example", "learner4@acme.example", "learner5@acme.example"} {
		c := s.Login(email)
		for _, l := range m.Lessons {
			c.PostForm("/modules/"+m.Slug+"/lessons/"+l.Slug+"/complete", nil)
		}
		c.PostForm("/quiz-attempts/"+startQuiz(t, c, m.Slug)+"/submit", correctAnswers(m))
	}
	coach := s.Login("coach@acme.example")
	body := apptest.Body(coach.Get("/cohorts/" + cohortID(t, s, "Desarrollo de negocio 2026")))
	if !strings.Contains(body, "Progreso en los módulos") || !strings.Contains(body, "Necesitan atención") || !strings.Contains(body, "Pablo Serrano") {
		t.Fatal("the coach's cohort page lacks the progress table or the stalled learners")
	}
	// learner6 did nothing in the modules: the progress table says so.
	if !strings.Contains(between(body, `<table class="progress-table">`, `</table>`), `<span class="muted">nunca</span>`) {
		t.Fatal("an inactive learner is not flagged")
	}
	// A learner of the cohort sees no one's progress.
	if body := apptest.Body(s.Login("learner6@acme.example").Get("/cohorts/" + cohortID(t, s, "Desarrollo de negocio 2026"))); strings.Contains(body, "Progreso en los módulos") {
		t.Fatal("a learner sees the cohort's progress table")
	}
	admin := s.Login("admin@acme.example")
	if body := apptest.Body(admin.Get("/orgs/" + orgID(t, s, "acme") + "/progress")); !strings.Contains(body, "Avance por módulo") || !strings.Contains(body, "5 / 12") {
		t.Fatal("the organisation progress page")
	}
	if body := apptest.Body(coach.Get("/quizzes/giving-first-quiz/stats")); !strings.Contains(body, "Primeros intentos: 5") {
		t.Fatal("quiz statistics")
	}
	if resp := s.Login("learner1@acme.example").Get("/quizzes/giving-first-quiz/stats"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a learner sees quiz statistics: %d", resp.StatusCode)
	}
}

func TestCoursesThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "other-focus")
		token := s.Token("learner9@acme.example")
		resp, body := s.API(token, http.MethodGet, "/api/v1/modules?lang=en", nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), m.Title.In("en")) {
			t.Fatalf("modules: %d", resp.StatusCode)
		}
		if resp, _ := s.API(token, http.MethodGet, "/api/v1/modules?lang=fr", nil); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("lang=fr: %d", resp.StatusCode)
		}
		for _, l := range m.Lessons {
			id := m.Slug + "." + l.Slug
			if resp, body := s.API(token, http.MethodGet, "/api/v1/lessons/"+id, nil); resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"html":"\u003c`) && !strings.Contains(string(body), `"html":"<`) {
				t.Fatalf("lesson %s: %d %.200s", id, resp.StatusCode, body)
			}
			if resp, _ := s.API(token, http.MethodPost, "/api/v1/lessons/"+id+"/complete", nil); resp.StatusCode != http.StatusOK {
				t.Fatalf("complete %s: %d", id, resp.StatusCode)
			}
		}
		resp, body = s.API(token, http.MethodPost, "/api/v1/quizzes/"+m.Quiz.Slug+"/attempts", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("start: %d %s", resp.StatusCode, body)
		}
		if regexp.MustCompile(`"correct"|"feedback"`).Match(body) {
			t.Fatal("the open attempt leaks correct flags or feedback")
		}
		attempt := regexp.MustCompile(`"id":"([0-9a-f-]{36})"`).FindStringSubmatch(string(body))[1]
		jsonH := []string{"Content-Type", "application/json"}
		for _, q := range m.Quiz.Questions {
			var ids []string
			for _, o := range q.Options {
				if o.Correct {
					ids = append(ids, `"`+o.ID+`"`)
				}
			}
			if resp, b := s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+attempt+"/answers/"+q.ID, strings.NewReader(`{"options":[`+strings.Join(ids, ",")+`]}`), jsonH...); resp.StatusCode != http.StatusNoContent {
				t.Fatalf("answer %s: %d %s", q.ID, resp.StatusCode, b)
			}
		}
		if resp, _ := s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+attempt+"/answers/"+m.Quiz.Questions[0].ID, strings.NewReader(`{"options":["zz"]}`), jsonH...); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("unknown option: %d", resp.StatusCode)
		}
		if resp, _ := s.API(s.Token("learner10@acme.example"), http.MethodGet, "/api/v1/quiz-attempts/"+attempt, nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another learner reads the attempt: %d", resp.StatusCode)
		}
		resp, body = s.API(token, http.MethodPost, "/api/v1/quiz-attempts/"+attempt+"/submit", nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"passed":true`) {
			t.Fatalf("submit: %d %s", resp.StatusCode, body)
		}
		if resp, _ := s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+attempt+"/answers/"+m.Quiz.Questions[0].ID, strings.NewReader(`{"options":["a"]}`), jsonH...); resp.StatusCode != http.StatusConflict {
			t.Fatalf("answer after submit: %d", resp.StatusCode)
		}
		resp, body = s.API(token, http.MethodGet, "/api/v1/quiz-attempts/"+attempt, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"show_answers":true`) {
			t.Fatalf("review: %d %.300s", resp.StatusCode, body)
		}
		resp, body = s.API(token, http.MethodGet, "/api/v1/modules/"+m.Slug, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"percent":100`) {
			t.Fatalf("module after completing: %s", body)
		}
		// The catalogue (read in a fixed number of queries) says the same as the module.
		_, list := s.API(token, http.MethodGet, "/api/v1/modules", nil)
		var catalogue struct{ Modules []json.RawMessage }
		if err := json.Unmarshal(list, &catalogue); err != nil || len(catalogue.Modules) != 9 {
			t.Fatalf("catalogue: %v, %d modules", err, len(catalogue.Modules))
		}
		if got := string(catalogue.Modules[m.Position-1]); got != strings.TrimSpace(string(body)) {
			t.Fatalf("the catalogue's entry differs from the module:\n%s\n%s", got, body)
		}
		for _, bad := range []string{"/api/v1/modules/" + m.Slug + "?lang=de", "/api/v1/lessons/" + m.Slug + "." + m.Lessons[0].Slug + "?lang=ES"} {
			if resp, _ := s.API(token, http.MethodGet, bad, nil); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s: %d, want 400", bad, resp.StatusCode)
			}
		}
		for _, bad := range []string{"/api/v1/lessons/" + m.Slug, "/api/v1/lessons/" + m.Slug + ".nope", "/api/v1/modules/nope", "/api/v1/lessons/nope." + m.Lessons[0].Slug} {
			if resp, _ := s.API(token, http.MethodGet, bad, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", bad, resp.StatusCode)
			}
		}
	})
}
