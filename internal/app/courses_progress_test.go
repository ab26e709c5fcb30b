package app_test

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
)

// between returns the part of s from the first start to the next end after it, or "".
func between(s, start, end string) string {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	part, _, _ := strings.Cut(rest, end)
	return part
}

func userName(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	u, err := s.App.Identity().UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.Name
}

func TestStalledLearnersOnTheCoachPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "giving-first")
		// learner1 is active today, learner2 last did something 20 days ago, learner3
		// 10 days ago; learners 4–6 of the cohort never started.
		for _, email := range []string{"learner1@acme.example", "learner2@acme.example", "learner3@acme.example"} {
			s.Login(email).PostForm("/modules/"+m.Slug+"/lessons/"+m.Lessons[0].Slug+"/complete", nil)
		}
		for email, days := range map[string]int{"learner2@acme.example": 20, "learner3@acme.example": 10} {
			err := s.App.DB().Exec("UPDATE lesson_completions SET completed_at = ? WHERE user_id = ?",
				time.Now().UTC().AddDate(0, 0, -days), userID(t, s, email)).Error
			if err != nil {
				t.Fatal(err)
			}
		}
		// The demo's self-assessments of the cohort happened two months ago: only the
		// lessons above are recent.
		old := time.Now().UTC().AddDate(0, 0, -60)
		members := "SELECT user_id FROM cohort_members WHERE cohort_id = ?"
		for _, stmt := range []string{
			"UPDATE assessment_attempts SET started_at = ?, submitted_at = ? WHERE user_id IN (" + members + ")",
			"UPDATE assessment_answers SET answered_at = ? WHERE attempt_id IN (SELECT id FROM assessment_attempts WHERE user_id IN (" + members + "))",
		} {
			args := []any{old, old, cohortID(t, s, "Desarrollo de negocio 2026")}
			if strings.HasPrefix(stmt, "UPDATE assessment_answers") {
				args = args[1:]
			}
			if err := s.App.DB().Exec(stmt, args...).Error; err != nil {
				t.Fatal(err)
			}
		}
		cohort := "/cohorts/" + cohortID(t, s, "Desarrollo de negocio 2026")
		for _, email := range []string{"coach@acme.example", "admin@acme.example"} {
			page := apptest.Body(s.Login(email).Get(cohort))
			attention := between(page, `<section aria-labelledby="attention-title">`, `</section>`)
			// Each learner's row, up to the next one.
			row := func(email string) string {
				name := userName(t, s, email)
				i := strings.Index(attention, name)
				if i < 0 {
					return ""
				}
				rest := attention[i:]
				if j := strings.Index(rest, "</tr>"); j >= 0 {
					rest = rest[:j]
				}
				return rest
			}
			for email, want := range map[string]bool{"learner1@acme.example": false, "learner2@acme.example": true,
				"learner3@acme.example": false, "learner4@acme.example": true, "learner6@acme.example": true} {
				if got := strings.Contains(row(email), "Sin actividad en 14 días o más"); got != want {
					t.Errorf("%s flagged as inactive: %v, want %v", email, got, want)
				}
			}
			if last := row("learner2@acme.example"); strings.Contains(last, "nunca") || !strings.ContainsAny(last, "0123456789") {
				t.Error("the attention list does not say when each learner was last active")
			}
			table := between(page, `<table class="progress-table">`, `</table>`)
			if !strings.Contains(table, userName(t, s, "learner1@acme.example")) || !strings.Contains(table, "<abbr") {
				t.Error("no learners × modules table")
			}
		}
		// The other cohort's coach view does not list this cohort's learners.
		other := apptest.Body(s.Login("coach@acme.example").Get("/cohorts/" + cohortID(t, s, "Liderazgo · primavera")))
		if strings.Contains(other, userName(t, s, "learner2@acme.example")) {
			t.Error("another cohort's page lists this cohort's learner")
		}
	})
}

func TestQuizStatisticsAccessAndPopulation(t *testing.T) {
	s := apptest.New(t, "sqlite")
	m := seedModule(t, "other-focus")
	stats := "/quizzes/" + m.Quiz.Slug + "/stats"
	take := func(email string) {
		c := s.Login(email)
		c.PostForm("/quiz-attempts/"+startQuiz(t, c, m.Slug)+"/submit", correctAnswers(m))
	}
	for _, email := range []string{"learner1@acme.example", "learner2@acme.example"} {
		take(email)
	}
	for _, email := range []string{"coach@acme.example", "admin@acme.example", "admin@academy.example"} {
		resp := s.Login(email).Get(stats)
		if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "cuando hay al menos 5 primeros intentos (ahora hay 2)") {
			t.Fatalf("%s with 2 attempts: %d", email, resp.StatusCode)
		}
	}
	for _, email := range []string{"learner3@acme.example", "learner1@globex.example", "learner2@globex.example", "learner4@globex.example"} {
		take(email)
	}
	for _, email := range []string{"coach@acme.example", "admin@acme.example", "coach@globex.example"} {
		body := apptest.Body(s.Login(email).Get(stats))
		// Every organisation's first attempts count; every question is listed with its text.
		if !strings.Contains(body, "Primeros intentos: 6") || !strings.Contains(body, html.EscapeString(m.Quiz.Questions[0].Text.In("es"))) {
			t.Fatalf("%s: statistics with 6 attempts", email)
		}
		// Everyone answered right: every question is flagged as too easy.
		if n := strings.Count(body, "Demasiado fácil"); n != len(m.Quiz.Questions) {
			t.Errorf("%s: %d questions flagged too easy, want %d", email, n, len(m.Quiz.Questions))
		}
	}
	for _, email := range []string{"learner1@acme.example", "learner1@globex.example"} {
		if resp := s.Login(email).Get(stats); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%s reads quiz statistics: %d", email, resp.StatusCode)
		}
	}
	if resp := s.Login("coach@acme.example").Get("/quizzes/no-such-quiz/stats"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown quiz: %d", resp.StatusCode)
	}
}

func TestModulePagesShowProgressAndTheNextStep(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m, next := seedModule(t, "giving-first"), seedModule(t, "other-focus")
		learner := s.Login("learner11@acme.example")
		catalogue := apptest.Body(learner.Get("/modules"))
		for _, want := range []string{m.Title.In("es"), "Dar primero", "lecciones · unos", `<progress`, "Sin empezar", `aria-current="page"`} {
			if !strings.Contains(catalogue, want) {
				t.Errorf("the catalogue lacks %q", want)
			}
		}
		page := apptest.Body(learner.Get("/modules/" + m.Slug))
		step := between(page, `id="next-title"`, `</section>`)
		if !strings.Contains(step, `href="/modules/`+m.Slug+`/lessons/`+m.Lessons[0].Slug+`"`) {
			t.Fatal("the next step is not the first lesson")
		}
		for _, l := range m.Lessons {
			learner.PostForm("/modules/"+m.Slug+"/lessons/"+l.Slug+"/complete", nil)
		}
		page = apptest.Body(learner.Get("/modules/" + m.Slug))
		if step := between(page, `id="next-title"`, `</section>`); !strings.Contains(step, "ahora, el cuestionario del módulo") {
			t.Fatal("the next step after the lessons is not the quiz")
		}
		if strings.Count(page, "Hecha") != len(m.Lessons) {
			t.Error("the lessons are not all marked done")
		}
		attempt := startQuiz(t, learner, m.Slug)
		if page := apptest.Body(learner.Get("/modules/" + m.Slug)); !strings.Contains(between(page, `id="next-title"`, `</section>`), "/quiz-attempts/"+attempt) {
			t.Fatal("the next step with an open attempt is not to resume it")
		}
		learner.PostForm("/quiz-attempts/"+attempt+"/submit", correctAnswers(m))
		page = apptest.Body(learner.Get("/modules/" + m.Slug))
		if step := between(page, `id="next-title"`, `</section>`); !strings.Contains(step, `href="/modules/`+next.Slug+`"`) {
			t.Fatal("the next step after completing the module is not the next module")
		}
		if !strings.Contains(page, "Mejor nota: 100 %") || !strings.Contains(page, "Has completado este módulo") {
			t.Error("the module page lacks the best score or the completion")
		}
		home := apptest.Body(learner.Get("/home"))
		if !strings.Contains(home, "Has completado 1 de 9 módulos") || !strings.Contains(home, `href="/modules/`+seedModule(t, "networking-is-giving").Slug+`"`) {
			t.Error("the learner's home lacks the overall progress or the next module")
		}
	})
}
