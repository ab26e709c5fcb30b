package app_test

import (
	"context"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development"
)

// TestEventAttendees: coaches see the learners they coach at an event by name, and
// administrators everyone; learners see nobody else's attendance; and nobody but the
// learner sees their preparation, on any page or API answer.
func TestEventAttendees(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		dev := s.App.Development()
		// learner8 is in "Liderazgo · primavera", learner1 in "Desarrollo de negocio 2026";
		// coach@acme coaches both, coach2 only the second.
		l8, l1, l9 := userID(t, s, "learner8@acme.example"), userID(t, s, "learner1@acme.example"), userID(t, s, "learner9@acme.example")
		name8, name1 := html.EscapeString(userName(t, s, "learner8@acme.example")), html.EscapeString(userName(t, s, "learner1@acme.example"))
		next := devEvent(t, s, "admin@acme.example", time.Now().UTC().AddDate(0, 0, 2))
		past := devEvent(t, s, "admin@acme.example", yesterdayEvening())

		private := []string{"Resuelvo cuellos de botella logísticos", "Jordi Puig, que busca socio", "Necesito un mentor financiero"}
		if _, err := dev.SavePreparation(ctx, l8, next, development.PreparationInput{Pitch: private[0], PersonToHelp: private[1],
			NeedToExpress: private[2]}); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{l1, l9} {
			if _, err := dev.MarkGoing(ctx, id, next); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := dev.CancelGoing(ctx, l9, next); err != nil {
			t.Fatal(err)
		}
		followUp := devFollowUp(t, s, "learner8@acme.example", past)
		if _, err := dev.CompleteFollowUp(ctx, l8, followUp, development.CompleteFollowUpInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := dev.MarkAttended(ctx, l1, past, development.AttendedInput{}); err != nil {
			t.Fatal(err)
		}

		coach, admin, coach2 := s.Login("coach@acme.example"), s.Login("admin@acme.example"), secondCoach(t, s)
		learner9, learner8 := s.Login("learner9@acme.example"), s.Login("learner8@acme.example")
		table := func(who string, c *apptest.Client, event string) string {
			t.Helper()
			body := wantStatus(t, who+"'s event page", c.Get("/events/"+event), http.StatusOK)
			return between(body, `<caption id="attendees-caption">`, `</table>`)
		}

		// The pages.
		for who, c := range map[string]*apptest.Client{"admin": admin, "coach": coach} {
			rows := table(who, c, next)
			if !strings.Contains(rows, `<th scope="col">Nombre</th>`) || !strings.Contains(rows, `<th scope="row"><a href="/people/`+l8+`">`+name8+`</a></th>`) ||
				!strings.Contains(rows, name1) || strings.Count(rows, `<th scope="row">`) != 2 {
				t.Errorf("%s's attendees of the next event: %s", who, rows)
			}
		}
		if rows := table("coach2", coach2, next); !strings.Contains(rows, name1) || strings.Contains(rows, name8) ||
			!strings.Contains(rows, "las personas participantes a las que acompañas") {
			t.Errorf("the second coach's attendees: %s", rows)
		}
		rows := table("admin", admin, past)
		if row := between(rows, name8, `</tr>`); !strings.Contains(row, `<span class="tag tag-ok">Sí</span>`) || !strings.Contains(row, "1 de 1") {
			t.Errorf("learner8 at the past event: %s", row)
		}
		if row := between(rows, name1, `</tr>`); !strings.Contains(row, "0 de 0") {
			t.Errorf("learner1 at the past event: %s", row)
		}
		for who, c := range map[string]*apptest.Client{"learner9": learner9, "learner8": learner8} {
			for _, event := range []string{next, past} {
				body := wantStatus(t, who+"'s event page", c.Get("/events/"+event), http.StatusOK)
				if strings.Contains(body, name1) || strings.Contains(body, "attendees-caption") || (who == "learner9" && strings.Contains(body, name8)) {
					t.Errorf("%s sees who else goes to the event", who)
				}
			}
		}

		// The API: the attendees in the event's detail, for coaches and administrators only.
		attendees := func(email string) []development.EventAttendee {
			t.Helper()
			var detail api.EventDetail
			newDevClient(t, s, email).must(http.StatusOK, http.MethodGet, "/api/v1/events/"+next, "", &detail)
			return detail.Attendees
		}
		ids := func(list []development.EventAttendee) []string {
			var out []string
			for _, a := range list {
				out = append(out, a.UserID)
			}
			slices.Sort(out)
			return out
		}
		both := []string{l1, l8}
		slices.Sort(both)
		for _, email := range []string{"admin@acme.example", "coach@acme.example"} {
			if got := ids(attendees(email)); !slices.Equal(got, both) {
				t.Errorf("%s: attendees %v, want %v", email, got, both)
			}
		}
		if got := attendees("coach2@acme.example"); len(got) != 1 || got[0].UserID != l1 || !got[0].Going || got[0].Attended {
			t.Errorf("coach2's attendees: %+v", got)
		}
		for _, email := range []string{"learner8@acme.example", "learner9@acme.example"} {
			if _, body := newDevClient(t, s, email).do(http.MethodGet, "/api/v1/events/"+next, "", nil); strings.Contains(body, `"attendees"`) {
				t.Errorf("%s gets the attendees: %s", email, body)
			}
		}

		// The preparation: the learner sees it; nobody else, anywhere.
		if body := wantStatus(t, "learner8's event", learner8.Get("/events/"+next), http.StatusOK); !strings.Contains(body, private[0]) {
			t.Fatal("the learner does not see their own preparation")
		}
		acme, cohort := orgID(t, s, "acme"), cohortID(t, s, "Liderazgo · primavera")
		pages := []string{"/events/" + next, "/events/" + past, "/orgs/" + acme + "/events", "/home", "/cohorts/" + cohort,
			"/people/" + l8, "/people/" + l8 + "/plan", "/people/" + l8 + "/actions"}
		apiPaths := []string{"/api/v1/events", "/api/v1/events/" + next, "/api/v1/events/" + past, "/api/v1/users/" + l8 + "/profile",
			"/api/v1/users/" + l8 + "/actions", "/api/v1/cohorts/" + cohort}
		for _, email := range []string{"coach@acme.example", "coach2@acme.example", "admin@acme.example", "learner9@acme.example", "learner1@acme.example"} {
			c, token := s.Login(email), s.Token(email)
			for _, path := range pages {
				body := apptest.Body(c.Get(path))
				for _, p := range private {
					if strings.Contains(body, html.EscapeString(p)) {
						t.Errorf("%s sees learner8's preparation on %s", email, path)
					}
				}
			}
			for _, path := range apiPaths {
				_, data := s.API(token, http.MethodGet, path, nil)
				for _, p := range private {
					if strings.Contains(string(data), p) {
						t.Errorf("%s gets learner8's preparation from %s", email, path)
					}
				}
			}
		}
	})
}
