package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm/logger"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

// Demo people these tests use: learner8 learns in "Liderazgo · primavera", coached by
// coach@acme; learner9 is in the same cohort; coach2 (made by secondCoach) coaches only
// the other acme cohort.

// secondCoach creates an acme coach who coaches only "Desarrollo de negocio 2026" and
// signs them in.
func secondCoach(t *testing.T, s *apptest.Server) *apptest.Client {
	t.Helper()
	ctx := context.Background()
	u, err := s.App.Identity().CreateUser(ctx, identity.NewUser{OrganisationID: orgID(t, s, "acme"), Email: "coach2@acme.example",
		Name: "Rosa Prieto", Role: identity.RoleCoach, Password: apptest.DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.App.Identity().AssignCoach(ctx, cohortID(t, s, "Desarrollo de negocio 2026"), u.ID); err != nil {
		t.Fatal(err)
	}
	return s.Login("coach2@acme.example")
}

// devGoal adds a goal to the learner's plan through the store and returns its id.
func devGoal(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	id := userID(t, s, email)
	g, err := s.App.Development().CreateGoal(context.Background(), id, id, development.GoalInput{Dimension: "giving-first",
		Title: "Offer two introductions", SuccessMeasure: "Two people met", DueOn: time.Now().UTC().AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		t.Fatal(err)
	}
	return g.ID
}

// devAction logs an action for the learner through the store and returns its id.
func devAction(t *testing.T, s *apptest.Server, email string) string {
	t.Helper()
	id := userID(t, s, email)
	e, err := s.App.Development().LogAction(context.Background(), id, id, development.ActionInput{
		On: time.Now().UTC().Format(time.DateOnly), Type: development.ActionHelped, Note: "Sent a useful contact"})
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// devEvent publishes an organisation-wide event starting at start, by the author (a coach
// or administrator), and returns its id.
func devEvent(t *testing.T, s *apptest.Server, authorEmail string, start time.Time) string {
	t.Helper()
	u, err := s.App.Identity().UserByEmail(context.Background(), authorEmail)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.App.Development().CreateEvent(context.Background(), u.ID, u.OrgID(), development.EventInput{
		Title: "Breakfast of the " + u.OrgID()[:8], StartsAt: start.UTC(), Place: "Barcelona", Dimensions: []string{"event-presence"}})
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// devFollowUp logs the learner's attendance of a started event with one follow-up and
// returns the follow-up's id.
func devFollowUp(t *testing.T, s *apptest.Server, email, eventID string) string {
	t.Helper()
	out, err := s.App.Development().MarkAttended(context.Background(), userID(t, s, email), eventID,
		development.AttendedInput{FollowUps: []development.FollowUpInput{{Contact: "Someone met there"}}})
	if err != nil {
		t.Fatal(err)
	}
	return out.FollowUps[0].ID
}

// yesterdayEvening is a start time for an event that is over.
func yesterdayEvening() time.Time {
	return development.Day(time.Now().UTC()).AddDate(0, 0, -1).Add(18 * time.Hour)
}

// wantStatus fails the test when the response's status is not want.
func wantStatus(t *testing.T, what string, resp *http.Response, want int) string {
	t.Helper()
	body := apptest.Body(resp)
	if resp.StatusCode != want {
		t.Fatalf("%s: %d, want %d", what, resp.StatusCode, want)
	}
	return body
}

func TestDevelopmentPlanPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		plan := "/people/" + learnerID + "/plan"
		learner, coach := s.Login("learner8@acme.example"), s.Login("coach@acme.example")

		body := wantStatus(t, "own plan", learner.Get(plan), http.StatusOK)
		if !strings.Contains(body, "Tu plan de desarrollo") || !strings.Contains(body, `action="/people/`+learnerID+`/goals"`) {
			t.Fatal("the learner's plan page has no heading or no form")
		}

		// Invalid: every problem listed, nothing stored.
		body = wantStatus(t, "invalid goal", learner.PostForm("/people/"+learnerID+"/goals", url.Values{
			"title": {""}, "success_measure": {"ok"}, "due_on": {"2020-01-01"}, "dimension": {"giving-first"}}), http.StatusUnprocessableEntity)
		for _, want := range []string{`class="error-summary"`, `href="#f-title"`, "Este campo es obligatorio.", `id="f-success_measure"`} {
			if !strings.Contains(body, want) {
				t.Errorf("invalid goal page lacks %q", want)
			}
		}
		if n := countRows(t, s, "development_goals", "learner_id = ?", learnerID); n != 0 {
			t.Fatalf("%d goals after an invalid form", n)
		}
		past := wantStatus(t, "past due day", learner.PostForm("/people/"+learnerID+"/goals", url.Values{
			"title": {"Meet three peers"}, "success_measure": {"Three coffees"}, "due_on": {"2020-01-01"}, "dimension": {"giving-first"}}),
			http.StatusUnprocessableEntity)
		if !strings.Contains(past, "La fecha límite ya ha pasado.") || !strings.Contains(past, `value="Meet three peers"`) {
			t.Error("a past due day is not explained, or the typed title is lost")
		}

		due := time.Now().UTC().AddDate(0, 2, 0).Format(time.DateOnly)
		resp := learner.PostForm("/people/"+learnerID+"/goals", url.Values{"title": {"Introduce two colleagues"},
			"success_measure": {"They have met"}, "due_on": {due}, "dimension": {"giving-first"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != plan+"?done=goal_created" {
			t.Fatalf("create goal: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		var goalID string
		s.App.DB().Raw("SELECT id FROM development_goals WHERE learner_id = ?", learnerID).Scan(&goalID)

		// An update that fails changes nothing; one that works is kept in the history.
		body = wantStatus(t, "invalid update", learner.PostForm("/goals/"+goalID, url.Values{"title": {"x"}, "status": {"done"}}),
			http.StatusUnprocessableEntity)
		if !strings.Contains(body, `id="f-title"`) || !strings.Contains(body, "al menos 3 caracteres") {
			t.Error("the failed update does not show its problem at the goal's form")
		}
		if n := countRows(t, s, "development_goal_changes", "goal_id = ?", goalID); n != 1 {
			t.Fatalf("%d history entries after a failed update, want 1", n)
		}
		wantStatus(t, "update", learner.PostForm("/goals/"+goalID, url.Values{"status": {"in_progress"}}), http.StatusSeeOther)
		body = wantStatus(t, "history", learner.Get(plan+"?history="+goalID), http.StatusOK)
		history := between(body, `class="history-list"`, `</ol>`)
		if !strings.Contains(history, "creó el objetivo como «Previsto»") || !strings.Contains(history, "de «Previsto» a «En curso»") {
			t.Errorf("history: %s", history)
		}

		// Coaches comment; the learner sees it; learners do not comment, coaches do not write goals.
		wantStatus(t, "empty comment", coach.PostForm("/goals/"+goalID+"/comments", url.Values{"body": {" "}}), http.StatusUnprocessableEntity)
		wantStatus(t, "comment", coach.PostForm("/goals/"+goalID+"/comments", url.Values{"body": {"Buena elección: empieza por Marta."}}), http.StatusSeeOther)
		if n := countRows(t, s, "development_goal_comments", "goal_id = ?", goalID); n != 1 {
			t.Fatalf("%d comments, want 1", n)
		}
		if body := wantStatus(t, "plan with comment", learner.Get(plan), http.StatusOK); !strings.Contains(body, "Buena elección: empieza por Marta.") {
			t.Error("the learner does not see the coach's comment")
		}
		wantStatus(t, "learner comments", learner.PostForm("/goals/"+goalID+"/comments", url.Values{"body": {"Hola"}}), http.StatusForbidden)
		wantStatus(t, "coach writes a goal", coach.PostForm("/people/"+learnerID+"/goals", url.Values{"title": {"Coach's goal"},
			"success_measure": {"Done"}, "due_on": {due}, "dimension": {"giving-first"}}), http.StatusForbidden)
		wantStatus(t, "coach edits a goal", coach.PostForm("/goals/"+goalID, url.Values{"status": {"dropped"}}), http.StatusForbidden)
		if body := wantStatus(t, "coach reads", coach.Get(plan), http.StatusOK); strings.Contains(body, `action="/goals/`+goalID+`"`) {
			t.Error("the coach is offered the learner's edit form")
		}
		wantStatus(t, "admin reads", s.Login("admin@acme.example").Get(plan), http.StatusOK)

		// Nobody else sees the plan or can act on its goals.
		others := map[string]*apptest.Client{"another learner": s.Login("learner9@acme.example"),
			"another cohort's coach": secondCoach(t, s), "another organisation's admin": s.Login("admin@globex.example")}
		for who, c := range others {
			wantStatus(t, who+" reads the plan", c.Get(plan), http.StatusNotFound)
			wantStatus(t, who+" edits a goal", c.PostForm("/goals/"+goalID, url.Values{"status": {"done"}}), http.StatusNotFound)
			wantStatus(t, who+" comments", c.PostForm("/goals/"+goalID+"/comments", url.Values{"body": {"Hola"}}), http.StatusNotFound)
		}
		// Development pages belong to learners.
		wantStatus(t, "a coach's plan", coach.Get("/people/"+userID(t, s, "coach@acme.example")+"/plan"), http.StatusNotFound)
	})
}

func TestActionLogPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		log := "/people/" + learnerID + "/actions"
		learner, coach := s.Login("learner8@acme.example"), s.Login("coach@acme.example")

		body := wantStatus(t, "no type", learner.PostForm(log, url.Values{"on": {"2099-01-01"}, "who": {"Marta"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-type"`) || !strings.Contains(body, `id="f-type"`) || !strings.Contains(body, `value="Marta"`) {
			t.Error("a missing type is not linked, or the typed value is lost")
		}
		body = wantStatus(t, "future", learner.PostForm(log, url.Values{"on": {"2099-01-01"}, "type": {"helped"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-on"`) || !strings.Contains(body, `value="helped" checked`) {
			t.Error("a future day is not reported, or the chosen type is lost")
		}
		if n := countRows(t, s, "action_entries", "learner_id = ?", learnerID); n != 0 {
			t.Fatalf("%d entries after an invalid form", n)
		}
		today := time.Now().UTC().Format(time.DateOnly)
		resp := learner.PostForm(log, url.Values{"on": {today}, "type": {"introduced"}, "dimensions": {"giving-first", "relationship-depth"},
			"who": {"Marta y Joan"}, "note": {"Les presenté por el proyecto de logística."}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != log+"?done=action_logged" {
			t.Fatalf("log action: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		body = wantStatus(t, "log", learner.Get(log), http.StatusOK)
		for _, want := range []string{"Presenté a dos personas", "Marta y Joan", "semana seguida con alguna acción", `<caption id="weeks-caption">Acciones por dimensión`} {
			if !strings.Contains(body, want) {
				t.Errorf("action log lacks %q", want)
			}
		}
		var entryID string
		s.App.DB().Raw("SELECT id FROM action_entries WHERE learner_id = ?", learnerID).Scan(&entryID)
		wantStatus(t, "comment", coach.PostForm("/actions/"+entryID+"/comments", url.Values{"body": {"¡Así se hace!"}}), http.StatusSeeOther)
		if body := wantStatus(t, "log with comment", learner.Get(log), http.StatusOK); !strings.Contains(body, "¡Así se hace!") {
			t.Error("the learner does not see the comment")
		}
		wantStatus(t, "coach logs", coach.PostForm(log, url.Values{"on": {today}, "type": {"helped"}}), http.StatusForbidden)
		wantStatus(t, "learner comments", learner.PostForm("/actions/"+entryID+"/comments", url.Values{"body": {"Hola"}}), http.StatusForbidden)
		for who, c := range map[string]*apptest.Client{"another learner": s.Login("learner1@acme.example"), "another cohort's coach": secondCoach(t, s)} {
			wantStatus(t, who+" reads the log", c.Get(log), http.StatusNotFound)
			wantStatus(t, who+" comments", c.PostForm("/actions/"+entryID+"/comments", url.Values{"body": {"Hola"}}), http.StatusNotFound)
		}
		if n := countRows(t, s, "action_comments", "entry_id = ?", entryID); n != 1 {
			t.Fatalf("%d comments, want 1", n)
		}
	})
}

func TestFootprintPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		page := "/people/" + learnerID + "/footprint"
		learner, coach := s.Login("learner8@acme.example"), s.Login("coach@acme.example")

		body := wantStatus(t, "incomplete check", learner.PostForm(page, url.Values{"profile_problems": {"1"}, "interactions": {"many"}}),
			http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-profile_updated"`) || !strings.Contains(body, `href="#f-interactions"`) {
			t.Error("the missing and malformed answers are not listed")
		}
		if n := countRows(t, s, "footprint_checks", "learner_id = ?", learnerID); n != 0 {
			t.Fatalf("%d checks after an invalid form", n)
		}
		answers := url.Values{"profile_problems": {"1"}, "profile_updated": {"0"}, "interactions": {"8"}, "content_shared": {"2"},
			"conversations": {"3"}, "helped_online": {"1"}}
		wantStatus(t, "check", learner.PostForm(page, answers), http.StatusSeeOther)
		body = wantStatus(t, "footprint", learner.Get(page), http.StatusOK)
		// 20 + 0 + 20 + 10 + 20 + 5
		if !strings.Contains(body, `<span class="stat-value">75,0</span>`) || !strings.Contains(body, `name="interactions" type="number" inputmode="numeric" min="0" max="1000" step="1" required value="8"`) {
			t.Error("the score or the previous answers are not shown")
		}
		body = wantStatus(t, "coach reads", coach.Get(page), http.StatusOK)
		if !strings.Contains(body, "75,0") || strings.Contains(body, `name="profile_problems"`) {
			t.Error("the coach does not see the score, or sees the form")
		}
		wantStatus(t, "coach fills in", coach.PostForm(page, answers), http.StatusForbidden)
		wantStatus(t, "another learner", s.Login("learner9@acme.example").Get(page), http.StatusNotFound)
	})
}

func TestCoachNotesStayPrivate(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		person, notes := "/people/"+learnerID, "/people/"+learnerID+"/notes"
		learner, coach := s.Login("learner8@acme.example"), s.Login("coach@acme.example")

		body := wantStatus(t, "empty note", coach.PostForm(notes, url.Values{"body": {""}, "shared": {"1"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-body"`) || !strings.Contains(body, `id="f-shared" name="shared" value="1" checked`) {
			t.Error("the empty note's problem or the share choice is lost")
		}
		wantStatus(t, "private note", coach.PostForm(notes, url.Values{"body": {"Le cuesta pedir ayuda; no se lo digas aún."}}), http.StatusSeeOther)
		wantStatus(t, "shared note", coach.PostForm(notes, url.Values{"body": {"Muy buen avance con las presentaciones."}, "shared": {"1"}}), http.StatusSeeOther)
		if n := countRows(t, s, "coach_notes", "learner_id = ?", learnerID); n != 2 {
			t.Fatalf("%d notes, want 2", n)
		}
		for who, c := range map[string]*apptest.Client{"coach": coach, "admin": s.Login("admin@acme.example")} {
			body := wantStatus(t, who+" reads", c.Get(person), http.StatusOK)
			if !strings.Contains(body, "no se lo digas aún") || !strings.Contains(body, "Muy buen avance") {
				t.Errorf("%s does not see both notes", who)
			}
		}
		body = wantStatus(t, "learner reads", learner.Get(person), http.StatusOK)
		if strings.Contains(body, "no se lo digas aún") || !strings.Contains(body, "Muy buen avance") {
			t.Error("the learner sees a private note or misses the shared one")
		}
		if !strings.Contains(body, "Perfil y evolución") || !strings.Contains(body, "/people/"+learnerID+"/observers") {
			t.Error("the learner's overview lacks the profile or the 360 links")
		}
		for _, page := range []string{"/plan", "/actions", "/footprint"} {
			if body := wantStatus(t, "learner "+page, learner.Get(person+page), http.StatusOK); strings.Contains(body, "no se lo digas aún") {
				t.Errorf("%s shows the private note", page)
			}
		}
		wantStatus(t, "learner writes a note", learner.PostForm(notes, url.Values{"body": {"Nota"}}), http.StatusForbidden)
		for who, c := range map[string]*apptest.Client{"another learner": s.Login("learner9@acme.example"), "another cohort's coach": secondCoach(t, s),
			"another organisation's coach": s.Login("coach@globex.example")} {
			wantStatus(t, who+" reads", c.Get(person), http.StatusNotFound)
			wantStatus(t, who+" writes", c.PostForm(notes, url.Values{"body": {"Nota"}}), http.StatusNotFound)
		}
		if n := countRows(t, s, "coach_notes", "learner_id = ?", learnerID); n != 2 {
			t.Fatalf("%d notes after refused writes, want 2", n)
		}
		// A learner may see their coach's page, which has no development overview.
		body = wantStatus(t, "coach's page", learner.Get("/people/"+userID(t, s, "coach@acme.example")), http.StatusOK)
		if strings.Contains(body, `id="notes"`) {
			t.Error("the coach's page shows a notes section")
		}
	})
}

func TestEventPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		acme := orgID(t, s, "acme")
		events := "/orgs/" + acme + "/events"
		learnerID := userID(t, s, "learner8@acme.example")
		learner, coach := s.Login("learner8@acme.example"), s.Login("coach@acme.example")

		body := wantStatus(t, "invalid event", coach.PostForm(events, url.Values{"title": {""}, "starts_at": {"tomorrow"},
			"online_url": {"ftp://x"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-starts_at"`) || !strings.Contains(body, "Escribe una fecha válida.") {
			t.Error("a malformed start is not reported")
		}
		tomorrow := development.Day(time.Now().UTC()).AddDate(0, 0, 1).Add(18*time.Hour + 30*time.Minute)
		body = wantStatus(t, "no place", coach.PostForm(events, url.Values{"title": {"Desayuno"}, "starts_at": {tomorrow.Format("2006-01-02T15:04")}}),
			http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-place"`) || !strings.Contains(body, `value="Desayuno"`) {
			t.Error("an event without place or link is not reported at the place")
		}
		other := cohortID(t, s, "Desarrollo de negocio 2026")
		wantStatus(t, "another cohort", secondCoach(t, s).PostForm(events, url.Values{"title": {"Desayuno"}, "place": {"Madrid"},
			"starts_at": {tomorrow.Format("2006-01-02T15:04")}, "cohort_id": {cohortID(t, s, "Liderazgo · primavera")}}), http.StatusUnprocessableEntity)
		if n := countRows(t, s, "networking_events", "organisation_id = ?", acme); n != 0 {
			t.Fatalf("%d events after invalid forms", n)
		}
		wantStatus(t, "learner publishes", learner.PostForm(events, url.Values{"title": {"Mine"}, "place": {"Bilbao"},
			"starts_at": {tomorrow.Format("2006-01-02T15:04")}}), http.StatusForbidden)

		resp := coach.PostForm(events, url.Values{"title": {"Desayuno de innovación"}, "place": {"Barcelona, Pier01"},
			"starts_at": {tomorrow.Format("2006-01-02T15:04")}, "organiser": {"Cámara de Comercio"},
			"dimensions": {"event-presence", "giving-first"}, "preparation": {"Busca a quien lleve proyectos de logística."}})
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/events/") {
			t.Fatalf("publish: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		upcoming := strings.TrimSuffix(resp.Header.Get("Location"), "?done=event_published")
		resp = coach.PostForm(events, url.Values{"title": {"Sesión del grupo"}, "place": {"Sala 2"},
			"starts_at": {tomorrow.Format("2006-01-02T15:04")}, "cohort_id": {other}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish for a cohort: %d", resp.StatusCode)
		}
		cohortOnly := strings.TrimSuffix(resp.Header.Get("Location"), "?done=event_published")

		body = wantStatus(t, "events list", learner.Get(events), http.StatusOK)
		if !strings.Contains(body, "Desayuno de innovación") || strings.Contains(body, "Sesión del grupo") {
			t.Error("the learner's list misses the event or shows another cohort's")
		}
		wantStatus(t, "another cohort's event", learner.Get(cohortOnly), http.StatusNotFound)
		wantStatus(t, "the cohort's event", s.Login("learner1@acme.example").Get(cohortOnly), http.StatusOK)
		body = wantStatus(t, "event", learner.Get(upcoming), http.StatusOK)
		if !strings.Contains(body, "Busca a quien lleve proyectos de logística.") || !strings.Contains(body, `action="`+upcoming+`/going"`) {
			t.Error("the event page lacks its preparation note or the going button")
		}
		wantStatus(t, "attended too early", learner.PostForm(upcoming+"/attended", url.Values{"follow_ups": {"Ana"}}), http.StatusConflict)
		wantStatus(t, "coach goes", coach.PostForm(upcoming+"/going", nil), http.StatusForbidden)
		wantStatus(t, "going", learner.PostForm(upcoming+"/going", nil), http.StatusSeeOther)
		body = wantStatus(t, "prep too long", learner.PostForm(upcoming+"/preparation", url.Values{"pitch": {strings.Repeat("a", 501)},
			"person_to_help": {"Joan"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-pitch"`) || !strings.Contains(body, `value="Joan"`) {
			t.Error("the preparation's problem or typed values are lost")
		}
		wantStatus(t, "prep", learner.PostForm(upcoming+"/preparation", url.Values{"pitch": {"Ayudo a equipos de logística a medir."},
			"person_to_help": {"Joan"}, "need_to_express": {"Busco un mentor"}}), http.StatusSeeOther)
		body = wantStatus(t, "event after prep", learner.Get(upcoming), http.StatusOK)
		if !strings.Contains(body, "Ayudo a equipos de logística a medir.") || !strings.Contains(body, "Ya no puedo ir") {
			t.Error("the saved preparation or the cancel button is missing")
		}
		home := wantStatus(t, "home", learner.Get("/home"), http.StatusOK)
		if !strings.Contains(between(home, "Eventos a los que vas", "</ul>"), "Desayuno de innovación") {
			t.Error("the home page does not list the event the learner is going to")
		}

		// After an event: attendance, follow-ups on the home page, done.
		past := devEvent(t, s, "coach@acme.example", yesterdayEvening())
		body = wantStatus(t, "follow-up before the event", learner.PostForm("/events/"+past+"/attended", url.Values{
			"follow_ups": {"Ana Ruiz"}, "due_on": {"2020-01-01"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-due_on"`) || !strings.Contains(body, "no puede vencer antes del evento") {
			t.Error("a follow-up due before the event is not reported at the date")
		}
		if n := countRows(t, s, "action_entries", "learner_id = ?", learnerID); n != 0 {
			t.Fatalf("%d entries after a refused attendance", n)
		}
		wantStatus(t, "attended", learner.PostForm("/events/"+past+"/attended", url.Values{
			"follow_ups": {"Ana Ruiz\n\n  Luis Gómez  \n"}, "note": {"Buen ambiente"}}), http.StatusSeeOther)
		wantStatus(t, "attended twice", learner.PostForm("/events/"+past+"/attended", nil), http.StatusConflict)
		if n := countRows(t, s, "action_entries", "learner_id = ? AND kind = ?", learnerID, "attended_event"); n != 1 {
			t.Fatalf("%d attended entries, want 1", n)
		}
		if n := countRows(t, s, "follow_ups", "learner_id = ?", learnerID); n != 2 {
			t.Fatalf("%d follow-ups, want 2", n)
		}
		home = wantStatus(t, "home with follow-ups", learner.Get("/home"), http.StatusOK)
		if !strings.Contains(home, "Ana Ruiz") || !strings.Contains(home, "Luis Gómez") {
			t.Error("the home page does not remind the follow-ups")
		}
		var followUp string
		s.App.DB().Raw("SELECT id FROM follow_ups WHERE learner_id = ? AND contact = ?", learnerID, "Ana Ruiz").Scan(&followUp)
		for who, c := range map[string]*apptest.Client{"coach": coach, "another learner": s.Login("learner9@acme.example")} {
			wantStatus(t, who+" completes", c.PostForm("/follow-ups/"+followUp+"/done", url.Values{"next": {"/home"}}), http.StatusNotFound)
		}
		resp = learner.PostForm("/follow-ups/"+followUp+"/done", url.Values{"next": {"/home"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/home?done=follow_up_done" {
			t.Fatalf("done: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		wantStatus(t, "done twice", learner.PostForm("/follow-ups/"+followUp+"/done", nil), http.StatusConflict)
		if n := countRows(t, s, "action_entries", "learner_id = ? AND kind = ?", learnerID, "followed_up"); n != 1 {
			t.Fatalf("%d followed_up entries, want 1", n)
		}
		if home := wantStatus(t, "home after done", learner.Get("/home"), http.StatusOK); strings.Contains(home, "Ana Ruiz") {
			t.Error("a done follow-up is still reminded")
		}

		// Coaches and administrators see attendance per event and per cohort.
		for who, c := range map[string]*apptest.Client{"coach": coach, "admin": s.Login("admin@acme.example")} {
			body := wantStatus(t, who+" event", c.Get("/events/"+past), http.StatusOK)
			stats := between(body, `id="attendance-title"`, `</section>`)
			if !strings.Contains(stats, `<span class="stat-value">1</span> <span class="stat-label">Asistieron`) ||
				!strings.Contains(stats, `<span class="stat-value">2</span> <span class="stat-label">Seguimientos previstos`) ||
				!strings.Contains(stats, `<span class="stat-value">1</span> <span class="stat-label">Seguimientos hechos`) {
				t.Errorf("%s's attendance: %s", who, stats)
			}
			cohort := wantStatus(t, who+" cohort", c.Get("/cohorts/"+cohortID(t, s, "Liderazgo · primavera")), http.StatusOK)
			if row := between(cohort, `href="/events/`+past+`"`, `</tr>`); !strings.Contains(row, `data-label="Asistieron">1</td>`) || !strings.Contains(row, "1 de 2") {
				t.Errorf("%s's cohort attendance row: %s", who, row)
			}
		}

		// Another organisation's events and people are out of reach.
		globex := s.Login("learner2@globex.example")
		wantStatus(t, "foreign event", globex.Get(upcoming), http.StatusNotFound)
		wantStatus(t, "foreign going", globex.PostForm(upcoming+"/going", nil), http.StatusNotFound)
		wantStatus(t, "foreign list", globex.Get(events), http.StatusNotFound)
		wantStatus(t, "foreign publish", s.Login("coach@globex.example").PostForm(events, url.Values{"title": {"X"}}), http.StatusNotFound)
	})
}

func TestNeedsAttentionOnTheCohortPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		goal := devGoal(t, s, "learner8@acme.example")
		if err := s.App.DB().Exec("UPDATE development_goals SET due_on = ? WHERE id = ?", development.Day(time.Now().UTC()).AddDate(0, 0, -3), goal).Error; err != nil {
			t.Fatal(err)
		}
		devAction(t, s, "learner9@acme.example")
		cohort := "/cohorts/" + cohortID(t, s, "Liderazgo · primavera")
		body := wantStatus(t, "coach's cohort", s.Login("coach@acme.example").Get(cohort), http.StatusOK)
		section := between(body, `id="attention-title"`, `</section>`)
		row := between(section, `href="/people/`+learnerID+`"`, `</tr>`)
		if !strings.Contains(row, "Objetivos fuera de plazo") || !strings.Contains(row, "1 objetivo fuera de plazo") {
			t.Errorf("learner8's row: %s", row)
		}
		if row := between(section, `href="/people/`+userID(t, s, "learner9@acme.example")+`"`, `</tr>`); strings.Contains(row, "Sin actividad") {
			t.Errorf("learner9 logged an action today but is listed as inactive: %s", row)
		}
		if body := wantStatus(t, "learner's cohort", s.Login("learner7@acme.example").Get(cohort), http.StatusOK); strings.Contains(body, `id="attention-title"`) {
			t.Error("a learner sees who needs attention")
		}
		if plan := wantStatus(t, "plan", s.Login("learner8@acme.example").Get("/people/"+learnerID+"/plan"), http.StatusOK); !strings.Contains(plan, "Fuera de plazo") {
			t.Error("the overdue goal is not marked on the plan")
		}
	})
}

// queryCounter is a GORM logger that counts the statements sent.
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) LogMode(logger.LogLevel) logger.Interface { return q }
func (q *queryCounter) Info(context.Context, string, ...any)     {}
func (q *queryCounter) Warn(context.Context, string, ...any)     {}
func (q *queryCounter) Error(context.Context, string, ...any)    {}
func (q *queryCounter) Trace(context.Context, time.Time, func() (string, int64), error) {
	q.n.Add(1)
}

// TestLearnerHomeQueriesDoNotGrow: the home page reads follow-ups and events in a fixed
// number of queries, however many the learner has.
func TestLearnerHomeQueriesDoNotGrow(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner8@acme.example")
		gdb := s.App.DB()
		count := func() int64 {
			counter := &queryCounter{}
			saved := gdb.Config.Logger
			gdb.Config.Logger = counter
			defer func() { gdb.Config.Logger = saved }()
			wantStatus(t, "home", learner.Get("/home"), http.StatusOK)
			return counter.n.Load()
		}
		// One follow-up and one upcoming event first: the counts compare like with like.
		add := func() {
			devFollowUp(t, s, "learner8@acme.example", devEvent(t, s, "coach@acme.example", yesterdayEvening()))
			upcoming := devEvent(t, s, "admin@acme.example", time.Now().UTC().AddDate(0, 0, 2))
			if _, err := s.App.Development().MarkGoing(context.Background(), userID(t, s, "learner8@acme.example"), upcoming); err != nil {
				t.Fatal(err)
			}
		}
		add()
		count() // warm caches
		before := count()
		for range 3 {
			add()
		}
		if body := wantStatus(t, "home", learner.Get("/home"), http.StatusOK); strings.Count(body, `action="/follow-ups/`) != 4 {
			t.Fatal("the home page does not list the four follow-ups")
		}
		if after := count(); after != before {
			t.Fatalf("the home page ran %d queries with four follow-ups and events, %d with one", after, before)
		}
	})
}

// sweepFollowUp gives the learner a follow-up reminder from an event of their organisation
// that the coach published yesterday, for the authorization sweep.
func sweepFollowUp(t *testing.T, s *apptest.Server, learnerEmail, coachEmail string) string {
	t.Helper()
	return devFollowUp(t, s, learnerEmail, devEvent(t, s, coachEmail, yesterdayEvening()))
}
