package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

var (
	attemptPath = regexp.MustCompile(`^/assessments/([0-9a-f-]{36})$`)
	itemInput   = regexp.MustCompile(`name="item-([a-z0-9-]+)" value="(\d+)"`)
)

// answerPage answers every question of the page with its first or last choice and saves.
func answerPage(t *testing.T, c *apptest.Client, attempt string, page int, last bool) *http.Response {
	t.Helper()
	body := apptest.Body(c.Get(fmt.Sprintf("/assessments/%s?page=%d", attempt, page)))
	form := url.Values{}
	for _, m := range itemInput.FindAllStringSubmatch(body, -1) {
		if !form.Has("item-"+m[1]) || last {
			form.Set("item-"+m[1], m[2])
		}
	}
	if len(form) == 0 {
		t.Fatalf("page %d has no questions", page)
	}
	form.Set("go", "next")
	return c.PostForm(fmt.Sprintf("/assessments/%s?page=%d", attempt, page), form)
}

func startAssessment(t *testing.T, c *apptest.Client) string {
	t.Helper()
	resp := c.PostForm("/assessments", url.Values{"instrument": {"networking-self"}})
	m := attemptPath.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("start: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return m[1]
}

func TestLearnerTakesTheSelfAssessment(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner1@acme.example")
		if body := apptest.Body(learner.Get("/assessments")); !strings.Contains(body, "Autoevaluación de networking") && !strings.Contains(body, "Empezar") {
			t.Fatal("the assessments page does not offer the self-assessment")
		}
		attempt := startAssessment(t, learner)
		if again := startAssessment(t, learner); again != attempt {
			t.Fatalf("a second start opened another attempt: %s vs %s", again, attempt)
		}
		// Autosave one answer, and reject nonsense.
		ok := learner.Do(autosave(t, learner, attempt, "gf1", "4"))
		if ok.StatusCode != http.StatusNoContent {
			t.Fatalf("autosave: %d %s", ok.StatusCode, apptest.Body(ok))
		}
		for _, bad := range [][2]string{{"gf1", "9"}, {"gf1", "x"}, {"nope", "3"}} {
			if resp := learner.Do(autosave(t, learner, attempt, bad[0], bad[1])); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("autosave %v: %d", bad, resp.StatusCode)
			}
		}
		// Leave and resume: the saved answer is still checked.
		if body := apptest.Body(s.Login("learner1@acme.example").Get("/assessments/" + attempt)); !regexp.MustCompile(`name="item-gf1" value="4" checked`).MatchString(body) {
			t.Fatal("the autosaved answer is not shown after signing in again")
		}
		// Answer every page, then review and submit twice.
		for page := 1; ; page++ {
			resp := answerPage(t, learner, attempt, page, page%2 == 0)
			loc := resp.Header.Get("Location")
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("page %d: %d", page, resp.StatusCode)
			}
			if strings.HasSuffix(loc, "/review") {
				break
			}
			if page > 20 {
				t.Fatal("the questionnaire never ends")
			}
		}
		if body := apptest.Body(learner.Get("/assessments/" + attempt + "/review")); !strings.Contains(body, "Has respondido todas las preguntas.") {
			t.Fatal("review does not say everything is answered")
		}
		for range 2 {
			resp := learner.PostForm("/assessments/"+attempt+"/submit", nil)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/assessments/"+attempt+"/results" {
				t.Fatalf("submit: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		if n := countRows(t, s, "assessment_dimension_scores", "attempt_id = ?", attempt); n != 8 {
			t.Fatalf("%d dimension scores stored, want 8", n)
		}
		body := apptest.Body(learner.Get("/assessments/" + attempt + "/results"))
		// The demo gave learner1 two earlier attempts, so the page shows the change since the last.
		for _, want := range []string{`<svg class="radar"`, "Dar primero", "Puntuación por dimensión", "Cambio respecto a tu intento del"} {
			if !strings.Contains(body, want) {
				t.Errorf("results lack %q", want)
			}
		}
		// Answers to a submitted attempt are refused.
		if resp := learner.Do(autosave(t, learner, attempt, "gf1", "2")); resp.StatusCode != http.StatusConflict {
			t.Fatalf("answer after submit: %d", resp.StatusCode)
		}
		// Who else may see the results.
		for email, want := range map[string]int{
			"coach@acme.example": 200, "admin@acme.example": 200, "learner2@acme.example": 404,
			"admin@globex.example": 404, "coach@globex.example": 404,
		} {
			if resp := s.Login(email).Get("/assessments/" + attempt + "/results"); resp.StatusCode != want {
				t.Errorf("%s sees the results: %d, want %d", email, resp.StatusCode, want)
			}
		}
		// Another learner cannot answer or submit it.
		other := s.Login("learner2@acme.example")
		if resp := other.PostForm("/assessments/"+attempt+"/submit", nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another learner submits: %d", resp.StatusCode)
		}
	})
}

func autosave(t *testing.T, c *apptest.Client, attempt, item, answer string) *http.Request {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "/assessments/"+attempt+"/answers/"+item, strings.NewReader(url.Values{"answer": {answer}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", csrfOf(t, c))
	return req
}

func TestPercentilesNeedALargeEnoughGroup(t *testing.T) {
	s := apptest.New(t, "sqlite")
	var last string
	for i := 1; i <= 12; i++ {
		last = submittedAttempt(t, s, fmt.Sprintf("learner%d@acme.example", i))
	}
	c := s.Login("learner12@acme.example")
	body := apptest.Body(c.Get("/assessments/" + last + "/results"))
	if !strings.Contains(body, "Percentil dentro de tu organización (12 personas") {
		t.Fatal("the organisation's percentiles are not shown for 12 people")
	}
	// learner12's cohort has 6 learners: fewer than 10, so no percentiles.
	body = apptest.Body(c.Get("/assessments/" + last + "/results?group=cohort"))
	if !strings.Contains(body, "El percentil se muestra cuando el grupo de referencia tiene al menos 10 personas.") {
		t.Fatal("a cohort of 6 shows percentiles")
	}
	if resp := c.Get("/assessments/" + last + "/results?group=galaxy"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("unknown group: %d", resp.StatusCode)
	}
}
