package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development/threesixty"
)

// TestContinueOpensTheFirstUnansweredPage: someone who comes back to a questionnaire they
// left (the "Continue" button, the link in the email) carries on at the first page with
// a question they have not answered, not at page 1; a page asked for by number is that
// page; once every question is answered, the way on is the check step.
func TestContinueOpensTheFirstUnansweredPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner5@acme.example")
		attempt := startAssessment(t, learner)
		continueAt := "/assessments/" + attempt
		if body := apptest.Body(learner.Get(continueAt)); !strings.Contains(body, "Página 1 de 12") {
			t.Fatal("a fresh attempt does not start at page 1")
		}
		for page := 1; page <= 2; page++ {
			if resp := answerPage(t, learner, attempt, page, false); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("answer page %d: %d", page, resp.StatusCode)
			}
		}
		// One question of page 4 answered too: the gap on page 3 comes first.
		body := apptest.Body(learner.Get(continueAt + "?page=4"))
		item := itemInput.FindStringSubmatch(body)
		if resp := learner.PostForm(continueAt+"/answers/"+item[1], url.Values{"answer": {item[2]}}); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("autosave: %d", resp.StatusCode)
		}
		if body := apptest.Body(learner.Get("/assessments")); !strings.Contains(body, `href="`+continueAt+`"`) {
			t.Fatal("the assessments page has no way to continue the attempt")
		}
		if body := apptest.Body(learner.Get(continueAt)); !strings.Contains(body, "Página 3 de 12") {
			t.Fatal("continuing does not open page 3, the first with unanswered questions")
		}
		if body := apptest.Body(learner.Get(continueAt + "?page=1")); !strings.Contains(body, "Página 1 de 12") || !strings.Contains(body, " checked") {
			t.Fatal("page 1, asked for by number, is not shown with its answers")
		}
		for page := 3; page <= 12; page++ {
			answerPage(t, learner, attempt, page, false)
		}
		resp := learner.Get(continueAt)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != continueAt+"/review" {
			t.Fatalf("with every question answered, continuing answers %d to %q, want the check step", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp := learner.Get(continueAt + "?page=12"); resp.StatusCode != http.StatusOK {
			t.Fatalf("the last page, asked for by number: %d", resp.StatusCode)
		}
	})
}

// TestObserverLinkOpensTheFirstUnansweredPage: the same for an observer coming back
// through the link in their email.
func TestObserverLinkOpensTheFirstUnansweredPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner1@acme.example")
		token := inviteObserver(t, learner, userID(t, s, "learner1@acme.example"), "vera@partner.example", threesixty.Peer, "es")
		visitor := s.NewClient()
		link := "/o/" + token
		if page := pageAs(t, visitor, link, http.StatusOK); !strings.Contains(page, "Página 1 de 8") {
			t.Fatal("a fresh link does not start at page 1")
		}
		answerObserverPage := func(n int) {
			t.Helper()
			page := pageAs(t, visitor, fmt.Sprintf("%s?page=%d", link, n), http.StatusOK)
			form := url.Values{"go": {"next"}}
			for _, m := range itemInput.FindAllStringSubmatch(page, -1) {
				form.Set("item-"+m[1], m[2])
			}
			if resp := visitor.PostForm(fmt.Sprintf("%s?page=%d", link, n), form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("answer page %d: %d", n, resp.StatusCode)
			}
		}
		answerObserverPage(1)
		if page := pageAs(t, visitor, link, http.StatusOK); !strings.Contains(page, "Página 2 de 8") {
			t.Fatal("coming back does not open page 2, the first with unanswered questions")
		}
		for n := 2; n <= 8; n++ {
			answerObserverPage(n)
		}
		if page := pageAs(t, visitor, link, http.StatusOK); !strings.Contains(page, "Revisa y envía tu opinión") {
			t.Fatal("with every question answered, the link does not open the check step")
		}
	})
}
