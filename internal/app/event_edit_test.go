package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

// cohortEvent has the author publish an event for the cohort, starting at start, straight
// through the store, and returns it.
func cohortEvent(t *testing.T, s *apptest.Server, authorEmail, cohort string, start time.Time) development.Event {
	t.Helper()
	u, err := s.App.Identity().UserByEmail(context.Background(), authorEmail)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.App.Development().CreateEvent(context.Background(), u.ID, u.OrgID(), development.EventInput{
		Title: "Desayuno del grupo", StartsAt: start, Place: "Madrid", Organiser: "Cámara de Comercio",
		Dimensions: []string{"event-presence"}, Preparation: "Lleva tarjetas.", CohortID: cohortID(t, s, cohort)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// storedEvent reads the event as it is in the database, as JSON, to compare before and
// after a request.
func storedEvent(t *testing.T, s *apptest.Server, id string) string {
	t.Helper()
	e, err := s.App.Development().Event(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestEditEventPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		start := development.Day(time.Now().UTC()).AddDate(0, 0, 3).Add(18*time.Hour + 30*time.Minute)
		e := cohortEvent(t, s, "coach@acme.example", "Liderazgo · primavera", start)
		page, edit := "/events/"+e.ID, "/events/"+e.ID+"/edit"
		coach, admin, learner := s.Login("coach@acme.example"), s.Login("admin@acme.example"), s.Login("learner8@acme.example")

		// The event page links to the form for those who may change the event only.
		for who, c := range map[string]*apptest.Client{"coach": coach, "admin": admin} {
			if body := wantStatus(t, who+"'s event page", c.Get(page), http.StatusOK); !strings.Contains(body, `href="`+edit+`"`) {
				t.Errorf("%s: no link to edit the event", who)
			}
		}
		if body := wantStatus(t, "learner's event page", learner.Get(page), http.StatusOK); strings.Contains(body, edit) {
			t.Error("a learner is offered to edit the event")
		}

		// The form, filled in with the event as it is.
		body := wantStatus(t, "edit form", coach.Get(edit), http.StatusOK)
		// The form is in the organisation's time zone (Europe/Madrid).
		madrid, err := time.LoadLocation("Europe/Madrid")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`action="` + edit + `"`, `value="Desayuno del grupo"`, `value="` + start.In(madrid).Format("2006-01-02T15:04") + `"`,
			`value="Madrid"`, `value="Cámara de Comercio"`, `value="event-presence" checked`, ">Lleva tarjetas.</textarea>",
			`value="` + cohortID(t, s, "Liderazgo · primavera") + `" selected`, "Guardar los cambios"} {
			if !strings.Contains(body, want) {
				t.Errorf("the edit form lacks %s", want)
			}
		}

		// Problems are shown again, with what was typed, and change nothing.
		before := storedEvent(t, s, e.ID)
		body = wantStatus(t, "invalid edit", coach.PostForm(edit, url.Values{"title": {""}, "starts_at": {"mañana"},
			"place": {"Bilbao"}, "online_url": {"ftp://example.com"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-starts_at"`) || !strings.Contains(body, `value="mañana"`) || !strings.Contains(body, `value="Bilbao"`) ||
			!strings.Contains(body, `action="`+edit+`"`) {
			t.Error("the malformed start or the typed values are not shown again")
		}
		body = wantStatus(t, "no title", coach.PostForm(edit, url.Values{"title": {" "}, "starts_at": {start.Format("2006-01-02T15:04")},
			"place": {"Bilbao"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-title"`) {
			t.Error("a missing title is not reported")
		}
		body = wantStatus(t, "ends before it starts", coach.PostForm(edit, url.Values{"title": {"Desayuno"}, "place": {"Bilbao"},
			"starts_at": {start.Format("2006-01-02T15:04")}, "ends_at": {start.Add(-time.Hour).Format("2006-01-02T15:04")}}), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-ends_at"`) {
			t.Error("an end before the start is not reported")
		}
		if after := storedEvent(t, s, e.ID); after != before {
			t.Fatalf("invalid forms changed the event: %s, was %s", after, before)
		}

		// Who may not change it: a learner who sees it (403), a coach of another cohort and
		// another organisation's people (404). Nothing changes.
		// A new form each time: PostForm adds the client's CSRF token to it.
		valid := func() url.Values {
			return url.Values{"title": {"Taken over"}, "place": {"Bilbao"}, "starts_at": {start.Format("2006-01-02T15:04")}}
		}
		wantStatus(t, "learner's form", learner.Get(edit), http.StatusForbidden)
		wantStatus(t, "learner edits", learner.PostForm(edit, valid()), http.StatusForbidden)
		coach2 := secondCoach(t, s)
		for who, c := range map[string]*apptest.Client{"a coach of another cohort": coach2, "another organisation's admin": s.Login("admin@globex.example"),
			"another organisation's coach": s.Login("coach@globex.example"), "another organisation's learner": s.Login("learner2@globex.example")} {
			wantStatus(t, who+"'s form", c.Get(edit), http.StatusNotFound)
			wantStatus(t, who+" edits", c.PostForm(edit, valid()), http.StatusNotFound)
		}
		if after := storedEvent(t, s, e.ID); after != before {
			t.Fatalf("refused requests changed the event: %s, was %s", after, before)
		}

		// The coach changes everything, the cohort included (to the whole organisation).
		later := start.AddDate(0, 0, 1)
		resp := coach.PostForm(edit, url.Values{"title": {"Desayuno de innovación"}, "starts_at": {later.In(madrid).Format("2006-01-02T15:04")},
			"ends_at": {later.Add(2 * time.Hour).In(madrid).Format("2006-01-02T15:04")}, "place": {""}, "online_url": {"https://meet.example.com/desayuno"},
			"organiser": {""}, "dimensions": {"giving-first", "other-focus"}, "preparation": {"Busca a quien lleve logística."}, "cohort_id": {""}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"?done=event_updated" {
			t.Fatalf("edit: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		got, err := s.App.Development().Event(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Desayuno de innovación" || !got.StartsAt.Equal(later) || got.EndsAt == nil || !got.EndsAt.Equal(later.Add(2*time.Hour)) ||
			got.Place != "" || got.OnlineURL != "https://meet.example.com/desayuno" || got.Organiser != "" || got.CohortID != nil ||
			fmt.Sprint(got.Dimensions) != "[giving-first other-focus]" || got.Preparation != "Busca a quien lleve logística." || *got.CreatedBy != *e.CreatedBy {
			t.Fatalf("after the edit: %+v", got)
		}
		if body := wantStatus(t, "event after the edit", coach.Get(page+"?done=event_updated"), http.StatusOK); !strings.Contains(body, "Evento actualizado.") ||
			!strings.Contains(body, "Desayuno de innovación") {
			t.Error("the event page does not confirm the change or show the new title")
		}

		// Now organisation-wide, a coach of another cohort may change it, but may not give it
		// to a cohort they do not coach.
		before = storedEvent(t, s, e.ID)
		moved := func(cohort string) url.Values {
			return url.Values{"title": {"Mine now"}, "place": {"Bilbao"}, "starts_at": {later.Format("2006-01-02T15:04")},
				"cohort_id": {cohortID(t, s, cohort)}}
		}
		body = wantStatus(t, "a coach moves it to another's cohort", coach2.PostForm(edit, moved("Liderazgo · primavera")), http.StatusUnprocessableEntity)
		if !strings.Contains(body, `href="#f-cohort_id"`) || strings.Contains(body, `value="`+cohortID(t, s, "Liderazgo · primavera")+`"`) {
			t.Error("the cohort a coach may not publish for is not reported, or is offered")
		}
		if after := storedEvent(t, s, e.ID); after != before {
			t.Fatalf("a refused cohort changed the event: %s, was %s", after, before)
		}
		// An administrator may give it to any cohort of the organisation.
		if resp := admin.PostForm(edit, moved("Desarrollo de negocio 2026")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the admin moves the event: %d", resp.StatusCode)
		}
		if got, _ := s.App.Development().Event(context.Background(), e.ID); got.CohortID == nil || *got.CohortID != cohortID(t, s, "Desarrollo de negocio 2026") {
			t.Fatalf("after the admin's edit: %+v", got)
		}
		// Learner8 no longer sees it; learner1 (of that cohort) sees it but may not edit it.
		wantStatus(t, "another cohort's event", learner.Get(edit), http.StatusNotFound)
		wantStatus(t, "the cohort's learner", s.Login("learner1@acme.example").Get(edit), http.StatusForbidden)
	})
}

func TestEditEventAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		start := time.Now().UTC().AddDate(0, 0, 5).Truncate(time.Minute)
		e := cohortEvent(t, s, "coach@acme.example", "Liderazgo · primavera", start)
		path := "/api/v1/events/" + e.ID
		coach, admin := newDevClient(t, s, "coach@acme.example"), newDevClient(t, s, "admin@acme.example")
		addPerson(t, s, "coach2@acme.example", identity.RoleCoach, "Desarrollo de negocio 2026")
		coach2 := newDevClient(t, s, "coach2@acme.example")

		// Only the fields given change.
		var got development.Event
		coach.must(200, http.MethodPatch, path, `{"title":"Desayuno de innovación","ends_at":"`+start.Add(time.Hour).Format(time.RFC3339)+`"}`, &got)
		if got.Title != "Desayuno de innovación" || got.EndsAt == nil || !got.StartsAt.Equal(start) || got.Place != "Madrid" ||
			got.Organiser != "Cámara de Comercio" || got.Preparation != "Lleva tarjetas." || fmt.Sprint(got.Dimensions) != "[event-presence]" ||
			got.CohortID == nil || *got.CohortID != cohortID(t, s, "Liderazgo · primavera") {
			t.Fatalf("after a partial change: %+v", got)
		}
		coach.must(200, http.MethodPatch, path, `{"ends_at":null,"dimensions":["giving-first"]}`, &got)
		if got.EndsAt != nil || fmt.Sprint(got.Dimensions) != "[giving-first]" || got.Title != "Desayuno de innovación" {
			t.Fatalf("after clearing the end: %+v", got)
		}
		var detail struct {
			Event development.Event `json:"event"`
		}
		newDevClient(t, s, "learner8@acme.example").must(200, http.MethodGet, path, "", &detail)
		if detail.Event.Title != "Desayuno de innovación" {
			t.Fatalf("the learner sees %+v", detail.Event)
		}

		// Invalid changes: 422, nothing changed.
		before := storedEvent(t, s, e.ID)
		for _, c := range []struct {
			c           *devClient
			body        string
			field, want string
		}{
			{coach, `{"title":""}`, "title", "This field is required."},
			{coach, `{"place":"","online_url":""}`, "place", "This field is required."},
			{coach, `{"online_url":"javascript:alert(1)"}`, "online_url", "Enter a full web address starting with http:// or https://."},
			{coach, `{"ends_at":"` + start.Add(-time.Hour).Format(time.RFC3339) + `"}`, "ends_at", "The end must come after the start."},
			{coach, `{"dimensions":["charisma"]}`, "dimensions", ""},
			{coach, `{"titel":"A typo"}`, "body", "The request body is not valid JSON, or it has unknown fields."},
			{coach, `{"cohort_id":"` + cohortID(t, s, "Business development") + `"}`, "cohort_id", "This does not exist in this organisation."},
			{admin, `{"cohort_id":"` + cohortID(t, s, "Business development") + `"}`, "cohort_id", "This does not exist in this organisation."},
		} {
			status, body := c.c.do(http.MethodPatch, path, c.body, nil)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"`+c.field+`":"`+c.want) {
				t.Errorf("PATCH %s: %d %s, want 422 on %s", c.body, status, body, c.field)
			}
		}
		if resp, _ := s.API(coach.token, http.MethodPatch, path, strings.NewReader("title=x"), "Content-Type", "application/x-www-form-urlencoded"); resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("a form body: %d, want 415", resp.StatusCode)
		}

		// Who may not change it: learners (403 when they see it), a coach of another cohort
		// and another organisation's people (404).
		change := `{"title":"Taken over"}`
		for email, want := range map[string]int{"learner8@acme.example": 403, "learner1@acme.example": 404, "coach2@acme.example": 404,
			"admin@globex.example": 404, "coach@globex.example": 404, "learner2@globex.example": 404} {
			if status, body := newDevClient(t, s, email).do(http.MethodPatch, path, change, nil); status != want {
				t.Errorf("%s: %d, want %d: %s", email, status, want, body)
			}
		}
		if after := storedEvent(t, s, e.ID); after != before {
			t.Fatalf("refused requests changed the event: %s, was %s", after, before)
		}

		// Organisation-wide, another coach may change it but not give it to a cohort they do
		// not coach; an administrator may.
		coach.must(200, http.MethodPatch, path, `{"cohort_id":""}`, &got)
		if got.CohortID != nil {
			t.Fatalf("still for a cohort: %+v", got)
		}
		coach2.must(422, http.MethodPatch, path, `{"cohort_id":"`+cohortID(t, s, "Liderazgo · primavera")+`"}`, nil)
		coach2.must(200, http.MethodPatch, path, `{"organiser":"Rosa"}`, &got)
		admin.must(200, http.MethodPatch, path, `{"cohort_id":"`+cohortID(t, s, "Liderazgo · primavera")+`"}`, &got)
		if got.CohortID == nil || got.Organiser != "Rosa" {
			t.Fatalf("after the admin's change: %+v", got)
		}
		coach2.must(404, http.MethodPatch, path, `{"organiser":"Rosa again"}`, nil)
	})
}
