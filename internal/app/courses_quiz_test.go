package app_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/courses"
)

// Tests of the quiz rules over HTTP: whose attempt it is, the attempt limit, closed
// attempts, the review setting, invalid answers and the answer-leak checks. The seed quizzes
// allow 3 attempts, need 70 % and show the correct answers after a pass or the last attempt.

var jsonHeader = []string{"Content-Type", "application/json"}

// wrongAnswers is the form that answers every question with a wrong option.
func wrongAnswers(m courses.Module) url.Values {
	form := url.Values{}
	for _, q := range m.Quiz.Questions {
		if o, ok := wrongOption(q); ok {
			form.Add("q-"+q.ID, o.ID)
		}
	}
	return form
}

func wrongOption(q courses.Question) (courses.Option, bool) {
	for _, o := range q.Options {
		if !o.Correct {
			return o, true
		}
	}
	return courses.Option{}, false
}

func questionOfType(t *testing.T, m courses.Module, typ courses.QuestionType) courses.Question {
	t.Helper()
	for _, q := range m.Quiz.Questions {
		if q.Type == typ {
			return q
		}
	}
	t.Fatalf("quiz %s has no %s question", m.Quiz.Slug, typ)
	return courses.Question{}
}

// failQuiz starts an attempt on the module's quiz, answers it wrong and submits it.
func failQuiz(t *testing.T, c *apptest.Client, m courses.Module) string {
	t.Helper()
	id := startQuiz(t, c, m.Slug)
	resp := c.PostForm("/quiz-attempts/"+id+"/submit", wrongAnswers(m))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/quiz-attempts/"+id+"/review" {
		t.Fatalf("submit %s: %d %s", id, resp.StatusCode, resp.Header.Get("Location"))
	}
	return id
}

// apiError decodes the JSON error shape.
func apiError(t *testing.T, body []byte) (code, message string, fields map[string]string) {
	t.Helper()
	var e struct {
		Error struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %s: %v", body, err)
	}
	return e.Error.Code, e.Error.Message, e.Error.Fields
}

func TestQuizAttemptBelongsToItsLearner(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "giving-first")
		owner := s.Login("learner3@acme.example")
		attempt := startQuiz(t, owner, m.Slug)
		q := m.Quiz.Questions[0].ID
		// A learner of the same cohort, and the organisation's admin and the coach, who may
		// see the owner's progress but not act in their attempt.
		for _, email := range []string{"learner4@acme.example", "coach@acme.example", "admin@acme.example"} {
			other, token := s.Login(email), s.Token(email)
			check := func(what string, resp *http.Response) {
				t.Helper()
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %s answered %d, want 404", email, what, resp.StatusCode)
				}
			}
			check("GET attempt", other.Get("/quiz-attempts/"+attempt))
			check("GET review", other.Get("/quiz-attempts/"+attempt+"/review"))
			check("POST answer", other.PostForm("/quiz-attempts/"+attempt+"/answers/"+q, url.Values{"answer": {"a"}}))
			check("POST submit", other.PostForm("/quiz-attempts/"+attempt+"/submit", correctAnswers(m)))
			resp, _ := s.API(token, http.MethodGet, "/api/v1/quiz-attempts/"+attempt, nil)
			check("API GET", resp)
			resp, _ = s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+attempt+"/answers/"+q, strings.NewReader(`{"options":["a"]}`), jsonHeader...)
			check("API PUT answer", resp)
			resp, _ = s.API(token, http.MethodPost, "/api/v1/quiz-attempts/"+attempt+"/submit", nil)
			check("API submit", resp)
		}
		if n := countRows(t, s, "quiz_answers", "attempt_id = ?", attempt); n != 0 {
			t.Fatalf("others saved %d answers in the attempt", n)
		}
		if n := countRows(t, s, "quiz_attempts", "id = ? AND submitted_at IS NULL", attempt); n != 1 {
			t.Fatal("others submitted the attempt")
		}
		// Once submitted, its review is still the owner's alone.
		owner.PostForm("/quiz-attempts/"+attempt+"/submit", correctAnswers(m))
		if resp := s.Login("learner4@acme.example").Get("/quiz-attempts/" + attempt + "/review"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another learner reads the review: %d", resp.StatusCode)
		}
		if resp, _ := s.API(s.Token("learner4@acme.example"), http.MethodGet, "/api/v1/quiz-attempts/"+attempt, nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another learner reads the review through the API: %d", resp.StatusCode)
		}
		if resp := owner.Get("/quiz-attempts/" + attempt + "/review"); resp.StatusCode != http.StatusOK {
			t.Fatalf("the owner's review: %d", resp.StatusCode)
		}
	})
}

func TestQuizAttemptLimitReviewRulesAndClosedAttempts(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "giving-first")
		email := "learner5@acme.example"
		learner, token := s.Login(email), s.Token(email)
		single := questionOfType(t, m, courses.QuestionSingle)
		chosen, _ := wrongOption(single)
		var right courses.Option
		for _, o := range single.Options {
			if o.Correct {
				right = o
			}
		}

		first := failQuiz(t, learner, m)
		// Attempts are left and none passed: feedback on the chosen options only, no answers.
		review := apptest.Body(learner.Get("/quiz-attempts/" + first + "/review"))
		if !strings.Contains(review, html.EscapeString(chosen.Feedback.In("es"))) {
			t.Error("the review lacks the feedback on the chosen option")
		}
		if strings.Contains(review, html.EscapeString(right.Feedback.In("es"))) {
			t.Error("the review shows feedback on an option that was not chosen")
		}
		if strings.Contains(review, "tag-ok") || strings.Contains(review, ` correct"`) || !strings.Contains(review, "Las respuestas correctas se muestran") {
			t.Error("the review reveals the correct answers before a pass or the last attempt")
		}
		resp, body := s.API(token, http.MethodGet, "/api/v1/quiz-attempts/"+first, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"show_answers":false`) || strings.Contains(string(body), `"correct"`) {
			t.Fatalf("API review of the first attempt: %d %.300s", resp.StatusCode, body)
		}

		failQuiz(t, learner, m)
		last := failQuiz(t, learner, m)
		// No attempts left: the answers are shown, on every attempt's review.
		for _, id := range []string{first, last} {
			if review := apptest.Body(learner.Get("/quiz-attempts/" + id + "/review")); !strings.Contains(review, "Respuesta correcta") {
				t.Errorf("review of %s after the last attempt lacks the correct answers", id)
			}
			resp, body := s.API(token, http.MethodGet, "/api/v1/quiz-attempts/"+id, nil)
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"show_answers":true`) || !strings.Contains(string(body), `"correct":true`) {
				t.Errorf("API review of %s after the last attempt: %.300s", id, body)
			}
		}

		// The limit is reached: 409, with a link to the last review, on the page and the API.
		resp = learner.PostForm("/modules/"+m.Slug+"/quiz/attempts", nil)
		page := apptest.Body(resp)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "No te quedan intentos") ||
			!strings.Contains(page, `href="/quiz-attempts/`+last+`/review"`) {
			t.Fatalf("start with no attempts left: %d", resp.StatusCode)
		}
		resp, body = s.API(token, http.MethodPost, "/api/v1/quizzes/"+m.Quiz.Slug+"/attempts", nil)
		if code, msg, _ := apiError(t, body); resp.StatusCode != http.StatusConflict || code != "conflict" || !strings.HasPrefix(msg, "Esta acción no encaja") {
			t.Fatalf("API start with no attempts left: %d %s", resp.StatusCode, body)
		}
		resp, body = s.API(token, http.MethodPost, "/api/v1/quizzes/"+m.Quiz.Slug+"/attempts", nil, "Accept-Language", "en")
		if _, msg, _ := apiError(t, body); resp.StatusCode != http.StatusConflict || !strings.HasPrefix(msg, "This action does not fit") {
			t.Fatalf("API start with no attempts left, in English: %d %s", resp.StatusCode, body)
		}
		if n := countRows(t, s, "quiz_attempts", "user_id = ?", userID(t, s, email)); n != 3 {
			t.Fatalf("%d attempts, want 3", n)
		}
		if body := apptest.Body(learner.Get("/modules/" + m.Slug)); !strings.Contains(body, "Ya no te quedan intentos.") {
			t.Error("the module page does not say that no attempts are left")
		}

		// A submitted attempt is closed: its page, a new submit and answers are refused
		// with 409, and nothing changes.
		scoreBefore := countRows(t, s, "quiz_attempts", "id = ? AND score = 0", last)
		resp = learner.Get("/quiz-attempts/" + last)
		if page := apptest.Body(resp); resp.StatusCode != http.StatusConflict || !strings.Contains(page, "Este intento ya se ha enviado") ||
			!strings.Contains(page, `href="/quiz-attempts/`+last+`/review"`) {
			t.Fatalf("GET a submitted attempt: %d", resp.StatusCode)
		}
		if resp := learner.PostForm("/quiz-attempts/"+last+"/submit", correctAnswers(m)); resp.StatusCode != http.StatusConflict {
			t.Fatalf("submit again with right answers: %d", resp.StatusCode)
		}
		if resp := learner.PostForm("/quiz-attempts/"+last+"/answers/"+single.ID, url.Values{"answer": {right.ID}}); resp.StatusCode != http.StatusConflict {
			t.Fatalf("autosave into a submitted attempt: %d", resp.StatusCode)
		}
		resp, body = s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+last+"/answers/"+single.ID, strings.NewReader(`{"options":["`+right.ID+`"]}`), jsonHeader...)
		if code, msg, _ := apiError(t, body); resp.StatusCode != http.StatusConflict || code != "conflict" || !strings.HasPrefix(msg, "Esta acción no encaja") {
			t.Fatalf("API answer into a submitted attempt: %d %s", resp.StatusCode, body)
		}
		if countRows(t, s, "quiz_attempts", "id = ? AND score = 0", last) != scoreBefore || scoreBefore != 1 {
			t.Fatal("the closed attempt's score changed")
		}
	})
}

func TestQuizInvalidAnswersInTheLearnersLanguage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "giving-first")
		single, multiple := questionOfType(t, m, courses.QuestionSingle), questionOfType(t, m, courses.QuestionMultiple)
		two := url.Values{"q-" + single.ID: {single.Options[0].ID, single.Options[1].ID}}
		unknown := url.Values{"q-" + single.ID: {"zz"}}

		es := s.Login("learner7@acme.example")
		en := s.Login("learner8@acme.example")
		en.PostForm("/language", url.Values{"lang": {"en"}, "next": {"/home"}})
		for _, c := range []struct {
			name    string
			client  *apptest.Client
			form    url.Values
			message string
		}{
			{"two options on a single question", es, two, "Elige una de las opciones."},
			{"unknown option", es, unknown, "El valor no es válido."},
			{"two options, in English", en, two, "Choose one of the options."},
			{"unknown option, in English", en, unknown, "This value is not valid."},
		} {
			t.Run(c.name, func(t *testing.T) {
				attempt := startQuiz(t, c.client, m.Slug)
				form := url.Values{"q-" + single.ID: c.form["q-"+single.ID]} // PostForm adds the client's token
				resp := c.client.PostForm("/quiz-attempts/"+attempt+"/submit", form)
				page := apptest.Body(resp)
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, html.EscapeString(c.message)) ||
					!strings.Contains(page, `class="error-summary"`) || !strings.Contains(page, `href="#o-`+single.ID+`-`) {
					t.Fatalf("%d, want 422 with %q in the error summary", resp.StatusCode, c.message)
				}
				if countRows(t, s, "quiz_attempts", "id = ? AND submitted_at IS NULL", attempt) != 1 {
					t.Fatal("an attempt with an invalid answer was submitted")
				}
				// The same answer through autosave.
				values := url.Values{"answer": c.form["q-"+single.ID]}
				if resp := c.client.PostForm("/quiz-attempts/"+attempt+"/answers/"+single.ID, values); resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("autosave: %d", resp.StatusCode)
				}
			})
		}
		attempt := startQuiz(t, es, m.Slug)
		if resp := es.PostForm("/quiz-attempts/"+attempt+"/answers/q99", url.Values{"answer": {"a"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("autosave of an unknown question: %d", resp.StatusCode)
		}

		token := s.Token("learner9@acme.example")
		resp, body := s.API(token, http.MethodPost, "/api/v1/quizzes/"+m.Quiz.Slug+"/attempts", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("start: %d", resp.StatusCode)
		}
		var view courses.AttemptView
		if err := json.Unmarshal(body, &view); err != nil {
			t.Fatal(err)
		}
		put := func(question, body string, header ...string) (int, []byte) {
			t.Helper()
			resp, b := s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+view.ID+"/answers/"+question, strings.NewReader(body), append(jsonHeader, header...)...)
			return resp.StatusCode, b
		}
		for _, c := range []struct {
			name, question, body, lang string
			field, message             string
		}{
			{"unknown option", single.ID, `{"options":["zz"]}`, "", "options", "El valor no es válido."},
			{"two options on a single question", single.ID, `{"options":["a","b"]}`, "", "options", "Elige una de las opciones."},
			{"two options, in English", single.ID, `{"options":["a","b"]}`, "en", "options", "Choose one of the options."},
			{"no option on a single question", single.ID, `{"options":[]}`, "", "options", "Elige una de las opciones."},
			{"unknown question", "q99", `{"options":["a"]}`, "", "question", "El valor no es válido."},
			{"no options field", single.ID, `{}`, "", "options", ""},
			{"options not a list", single.ID, `{"options":"a"}`, "", "options", ""},
			{"unknown field", single.ID, `{"options":["a"],"correct":true}`, "", "body", ""},
		} {
			t.Run("API "+c.name, func(t *testing.T) {
				var header []string
				if c.lang != "" {
					header = []string{"Accept-Language", c.lang}
				}
				status, b := put(c.question, c.body, header...)
				code, _, fields := apiError(t, b)
				if status != http.StatusUnprocessableEntity || code != "invalid" || fields[c.field] == "" ||
					(c.message != "" && fields[c.field] != c.message) {
					t.Fatalf("%d %s, want 422 with %s: %q", status, b, c.field, c.message)
				}
			})
		}
		// A multiple-answer question accepts none (clearing the answer).
		if status, b := put(multiple.ID, `{"options":[]}`); status != http.StatusNoContent {
			t.Fatalf("clearing a multiple-answer question: %d %s", status, b)
		}
		if n := countRows(t, s, "quiz_answers", "attempt_id = ?", view.ID); n != 1 {
			t.Fatalf("%d answers stored, want only the cleared one", n)
		}
	})
}

// feedbackTexts returns every option feedback of the quiz in both languages.
func feedbackTexts(m courses.Module) []string {
	var out []string
	for _, q := range m.Quiz.Questions {
		for _, o := range q.Options {
			for _, lang := range []string{"es", "en"} {
				if fb := o.Feedback.In(lang); fb != "" {
					out = append(out, fb)
				}
			}
		}
	}
	return out
}

// jsonStringsAndKeys collects every string value and every object key of a JSON document.
func jsonStringsAndKeys(v any, values, keys map[string]bool) {
	switch x := v.(type) {
	case string:
		values[x] = true
	case []any:
		for _, e := range x {
			jsonStringsAndKeys(e, values, keys)
		}
	case map[string]any:
		for k, e := range x {
			keys[k] = true
			jsonStringsAndKeys(e, values, keys)
		}
	}
}

func TestOpenAttemptLeaksNoAnswers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "giving-first")
		feedback := feedbackTexts(m)
		correctWord := regexp.MustCompile(`(?i)\bcorrect\b|is-correct|data-correct|tag-ok|weight`)
		for _, lang := range []string{"es", "en"} {
			learner := s.Login("learner10@acme.example")
			learner.PostForm("/language", url.Values{"lang": {lang}, "next": {"/home"}})
			attempt := startQuiz(t, learner, m.Slug)
			// With a saved answer too: what was chosen is shown, never whether it is right.
			learner.PostForm("/quiz-attempts/"+attempt+"/answers/"+m.Quiz.Questions[0].ID, url.Values{"answer": {"a"}})
			page := apptest.Body(learner.Get("/quiz-attempts/" + attempt))
			for _, fb := range feedback {
				if strings.Contains(page, html.EscapeString(fb)) || strings.Contains(page, fb) {
					t.Errorf("%s: the open attempt page shows the feedback %q", lang, fb)
				}
			}
			if w := correctWord.FindString(page); w != "" {
				t.Errorf("%s: the open attempt page says %q", lang, w)
			}
		}

		token := s.Token("learner11@acme.example")
		_, started := s.API(token, http.MethodPost, "/api/v1/quizzes/"+m.Quiz.Slug+"/attempts", nil)
		var view courses.AttemptView
		if err := json.Unmarshal(started, &view); err != nil {
			t.Fatal(err)
		}
		s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+view.ID+"/answers/"+m.Quiz.Questions[0].ID, strings.NewReader(`{"options":["a"]}`), jsonHeader...)
		_, fetched := s.API(token, http.MethodGet, "/api/v1/quiz-attempts/"+view.ID, nil)
		for name, body := range map[string][]byte{"start": started, "get": fetched} {
			var doc any
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatal(err)
			}
			values, keys := map[string]bool{}, map[string]bool{}
			jsonStringsAndKeys(doc, values, keys)
			for _, k := range []string{"correct", "feedback", "weight", "score", "show_answers"} {
				if keys[k] {
					t.Errorf("API %s: the open attempt has a %q field", name, k)
				}
			}
			for _, fb := range feedback {
				if values[fb] {
					t.Errorf("API %s: the open attempt carries the feedback %q", name, fb)
				}
			}
			if len(view.Questions) != len(m.Quiz.Questions) {
				t.Fatalf("API %s: %d questions", name, len(view.Questions))
			}
		}
	})
}

func TestConcurrentSubmitsThroughTheAPIScoreOnce(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		m := seedModule(t, "other-focus")
		token := s.Token("learner12@acme.example")
		_, body := s.API(token, http.MethodPost, "/api/v1/quizzes/"+m.Quiz.Slug+"/attempts", nil)
		var view courses.AttemptView
		if err := json.Unmarshal(body, &view); err != nil {
			t.Fatal(err)
		}
		q := questionOfType(t, m, courses.QuestionTrueFalse)
		s.API(token, http.MethodPut, "/api/v1/quiz-attempts/"+view.ID+"/answers/"+q.ID, strings.NewReader(`{"options":["a"]}`), jsonHeader...)
		var wg sync.WaitGroup
		results := make([]string, 3)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, b := s.API(token, http.MethodPost, "/api/v1/quiz-attempts/"+view.ID+"/submit", nil)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("submit: %d %s", resp.StatusCode, b)
				}
				var r struct {
					Score       float64 `json:"score"`
					SubmittedAt string  `json:"submitted_at"`
				}
				_ = json.Unmarshal(b, &r)
				results[i] = r.SubmittedAt
			}()
		}
		wg.Wait()
		if results[0] == "" || results[0] != results[1] || results[1] != results[2] {
			t.Fatalf("the submits disagree on when the attempt was submitted: %v", results)
		}
		if n := countRows(t, s, "quiz_attempts", "id = ? AND submitted_at IS NOT NULL", view.ID); n != 1 {
			t.Fatalf("%d submitted rows", n)
		}
	})
}
