package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// developmentRecords gives the learner a goal and an action-log entry, and has the coach
// publish an upcoming event for the learner's cohort, straight through the store; it
// returns their ids (for the authorization sweep).
func developmentRecords(t *testing.T, s *apptest.Server, learnerEmail, coachEmail, cohort string) (goal, action, event string) {
	t.Helper()
	ctx := context.Background()
	dev, learner := s.App.Development(), userID(t, s, learnerEmail)
	g, err := dev.CreateGoal(ctx, learner, learner, development.GoalInput{Dimension: "giving-first",
		Title: "Introduce two clients", SuccessMeasure: "Two introductions that lead to a meeting", DueOn: day(30)})
	if err != nil {
		t.Fatal(err)
	}
	e, err := dev.LogAction(ctx, learner, learner, development.ActionInput{On: day(0), Type: development.ActionHelped})
	if err != nil {
		t.Fatal(err)
	}
	coach, err := s.App.Identity().UserByEmail(ctx, coachEmail)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := dev.CreateEvent(ctx, coach.ID, coach.OrgID(), development.EventInput{Title: "Networking breakfast",
		StartsAt: time.Now().UTC().AddDate(0, 0, 7), Place: "Madrid", CohortID: cohortID(t, s, cohort)})
	if err != nil {
		t.Fatal(err)
	}
	return g.ID, e.ID, ev.ID
}

// day is the calendar day n days from today (UTC), written 2026-03-02.
func day(n int) string { return time.Now().UTC().AddDate(0, 0, n).Format(development.DateLayout) }

// devClient calls the JSON API as one person, in one language (English unless set).
type devClient struct {
	t     *testing.T
	s     *apptest.Server
	token string
	lang  string
}

func newDevClient(t *testing.T, s *apptest.Server, email string) *devClient {
	return &devClient{t: t, s: s, token: s.Token(email), lang: "en"}
}

// do sends a request with a JSON body (none when body is ""), decodes a successful answer
// into out when given, and returns the status and the body.
func (c *devClient) do(method, path, body string, out any) (int, string) {
	c.t.Helper()
	var r io.Reader
	header := []string{"Accept-Language", c.lang}
	if body != "" {
		r, header = strings.NewReader(body), append(header, "Content-Type", "application/json")
	}
	resp, data := c.s.API(c.token, method, path, r, header...)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return resp.StatusCode, string(data)
}

// must is do that fails the test unless the answer has the status want.
func (c *devClient) must(want int, method, path, body string, out any) {
	c.t.Helper()
	if status, data := c.do(method, path, body, out); status != want {
		c.t.Fatalf("%s %s: %d, want %d: %s", method, path, status, want, data)
	}
}

// devTables are the development store's tables, to check that refused requests change
// nothing.
var devTables = []string{"development_goals", "development_goal_changes", "development_goal_comments", "action_entries",
	"action_comments", "footprint_checks", "coach_notes", "observer_invitations", "observer_answers", "networking_events",
	"event_attendees", "follow_ups"}

func devCounts(t *testing.T, s *apptest.Server) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range devTables {
		out[table] = countRows(t, s, table, "1 = 1")
	}
	return out
}

func TestDevelopmentAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		learnerID := userID(t, s, "learner8@acme.example")
		user := "/api/v1/users/" + learnerID
		learner, coach, admin := newDevClient(t, s, "learner8@acme.example"), newDevClient(t, s, "coach@acme.example"),
			newDevClient(t, s, "admin@acme.example")

		t.Run("goals", func(t *testing.T) {
			var g development.Goal
			learner.must(201, http.MethodPost, user+"/goals", `{"dimension":"giving-first","title":"  Introduce two clients ",`+
				`"success_measure":"Two introductions that lead to a meeting","due_on":"`+day(30)+`"}`, &g)
			if g.Title != "Introduce two clients" || g.Status != development.GoalPlanned || g.LearnerID != learnerID || g.Comments == nil {
				t.Fatalf("created %+v", g)
			}
			var list api.GoalList
			coach.must(200, http.MethodGet, user+"/goals", "", &list)
			if len(list.Goals) != 1 || list.Goals[0].ID != g.ID {
				t.Fatalf("the coach sees %+v", list)
			}
			learner.must(200, http.MethodPatch, "/api/v1/goals/"+g.ID, `{"status":"in_progress"}`, &g)
			if g.Status != development.GoalInProgress {
				t.Fatalf("patched %+v", g)
			}
			var comment development.Comment
			coach.must(201, http.MethodPost, "/api/v1/goals/"+g.ID+"/comments", `{"body":"Start with last week's client."}`, &comment)
			if comment.AuthorName != "Irene Beltrán" || comment.Body != "Start with last week's client." {
				t.Fatalf("comment %+v", comment)
			}
			var detail api.GoalDetail
			admin.must(200, http.MethodGet, "/api/v1/goals/"+g.ID, "", &detail)
			if len(detail.Comments) != 1 || len(detail.History) != 2 || detail.History[0].Field != development.ChangeCreated ||
				detail.History[1].Field != "status" || detail.History[1].NewValue != "in_progress" {
				t.Fatalf("detail %+v", detail)
			}
		})

		t.Run("actions", func(t *testing.T) {
			var e development.ActionEntry
			learner.must(201, http.MethodPost, user+"/actions", `{"on":"`+day(0)+`","type":"helped","who":"Carmen","note":"Sent her the report"}`, &e)
			if !slices.Equal(e.Dimensions, development.DefaultDimensions(development.ActionHelped)) || e.Who != "Carmen" {
				t.Fatalf("logged %+v", e)
			}
			coach.must(201, http.MethodPost, "/api/v1/actions/"+e.ID+"/comments", `{"body":"A good first step."}`, nil)
			var log api.ActionLog
			learner.must(200, http.MethodGet, user+"/actions?weeks=4", "", &log)
			if len(log.Entries) != 1 || len(log.Entries[0].Comments) != 1 || len(log.Weekly.Weeks) != 4 {
				t.Fatalf("log %+v", log)
			}
			this := log.Weekly.Weeks[3]
			if this.Total != 1 || this.ByDimension["giving-first"] != 1 || this.ByDimension["other-focus"] != 1 || this.ByKind["helped"] != 1 ||
				!log.Weekly.Streak.ThisWeek || log.Weekly.Streak.Current != 1 {
				t.Fatalf("this week %+v, streak %+v", this, log.Weekly.Streak)
			}
			var later api.ActionLog
			admin.must(200, http.MethodGet, user+"/actions?from="+day(1), "", &later)
			if len(later.Entries) != 0 || len(later.Weekly.Weeks) != 12 {
				t.Fatalf("from tomorrow: %d entries, %d weeks", len(later.Entries), len(later.Weekly.Weeks))
			}
		})

		t.Run("footprint", func(t *testing.T) {
			var fp api.Footprint
			coach.must(200, http.MethodGet, user+"/footprint", "", &fp)
			if len(fp.Checklist) != len(footprint.Checklist()) || len(fp.Checks) != 0 || !strings.Contains(fp.Checklist[0].Text, "profile") {
				t.Fatalf("footprint %+v", fp)
			}
			var check development.FootprintCheck
			learner.must(201, http.MethodPost, user+"/footprint", `{"answers":{"profile_problems":1,"profile_updated":0,`+
				`"interactions":4,"content_shared":4,"conversations":3,"helped_online":1}}`, &check)
			if check.Score != 75 { // 20 + 0 + 20×4/8 + 20 + 20 + 10×1/2
				t.Fatalf("score %v, want 75", check.Score)
			}
			learner.must(200, http.MethodGet, user+"/footprint", "", &fp)
			if len(fp.Checks) != 1 || fp.Checks[0].ID != check.ID {
				t.Fatalf("checks %+v", fp.Checks)
			}
		})

		t.Run("notes", func(t *testing.T) {
			var n development.Note
			coach.must(201, http.MethodPost, user+"/notes", `{"body":"Prefers written feedback."}`, &n)
			if n.Shared || n.AuthorName != "Irene Beltrán" {
				t.Fatalf("note %+v", n)
			}
			admin.must(201, http.MethodPost, user+"/notes", `{"body":"Shared with the learner.","shared":true}`, nil)
			var list api.NoteList
			coach.must(200, http.MethodGet, user+"/notes", "", &list)
			if len(list.Notes) != 2 || !list.Notes[0].Shared || list.Notes[1].Shared {
				t.Fatalf("notes %+v", list)
			}
		})

		t.Run("observers", func(t *testing.T) {
			var sent api.ObserverSent
			learner.must(201, http.MethodPost, user+"/observers", `{"email":"Peer.One@Partner.example","relationship":"peer","language":"en"}`, &sent)
			if !strings.HasPrefix(sent.Link, "http://academy.test/o/") || sent.Invitation.Email != "peer.one@partner.example" ||
				sent.Invitation.Status != development.ObserverInvited || sent.Invitation.Language != "en" || sent.Emailed {
				t.Fatalf("invited %+v", sent)
			}
			first := strings.TrimPrefix(sent.Link, "http://academy.test/o/")
			if _, err := s.App.Development().ObserverByToken(ctx, first); err != nil {
				t.Fatalf("the link does not work: %v", err)
			}
			coach.must(201, http.MethodPost, user+"/observers", `{"email":"manager@partner.example","relationship":"manager"}`, nil)
			var resent api.ObserverSent
			coach.must(200, http.MethodPost, "/api/v1/observers/"+sent.Invitation.ID+"/resend", "", &resent)
			if resent.Link == sent.Link || resent.Invitation.ID != sent.Invitation.ID {
				t.Fatalf("resent %+v", resent)
			}
			if _, err := s.App.Development().ObserverByToken(ctx, first); err == nil {
				t.Fatal("the old link still works after a resend")
			}
			learner.must(204, http.MethodDelete, "/api/v1/observers/"+sent.Invitation.ID, "", nil)
			var list api.ObserverList
			admin.must(200, http.MethodGet, user+"/observers", "", &list)
			if len(list.Invitations) != 2 || list.Invitations[0].Status != development.ObserverInvited ||
				list.Invitations[1].Status != development.ObserverWithdrawn {
				t.Fatalf("invitations %+v", list)
			}
		})

		t.Run("events", func(t *testing.T) {
			at := func(days int) string {
				return time.Now().UTC().AddDate(0, 0, days).Truncate(time.Minute).Format(time.RFC3339)
			}
			var next, past development.Event
			coach.must(201, http.MethodPost, "/api/v1/events", fmt.Sprintf(`{"title":"Desayuno de networking","starts_at":%q,`+
				`"place":"Madrid","dimensions":["event-presence"],"cohort_id":%q}`, at(7), cohortID(t, s, "Liderazgo · primavera")), &next)
			admin.must(201, http.MethodPost, "/api/v1/events", fmt.Sprintf(`{"title":"Feria de empleo","starts_at":%q,`+
				`"online_url":"https://example.com/feria"}`, at(-2)), &past)
			ids := func(c *devClient, query string) []string {
				var list api.EventList
				c.must(200, http.MethodGet, "/api/v1/events"+query, "", &list)
				var out []string
				for _, v := range list.Events {
					out = append(out, v.Event.ID)
				}
				return out
			}
			for name, c := range map[string]struct {
				got, want []string
			}{
				"the learner":                {ids(learner, ""), []string{past.ID, next.ID}},
				"a learner of another group": {ids(newDevClient(t, s, "learner1@acme.example"), ""), []string{past.ID}},
				"from today":                 {ids(learner, "?from="+day(0)), []string{next.ID}},
				"up to today":                {ids(learner, "?to="+day(0)), []string{past.ID}},
				"another cohort, as admin":   {ids(admin, "?cohort="+cohortID(t, s, "Desarrollo de negocio 2026")), []string{past.ID}},
			} {
				if !slices.Equal(c.got, c.want) {
					t.Errorf("%s: events %v, want %v", name, c.got, c.want)
				}
			}
			learner.must(404, http.MethodGet, "/api/v1/events?cohort="+cohortID(t, s, "Desarrollo de negocio 2026"), "", nil)

			attend := "/api/v1/events/" + next.ID + "/attendance"
			var res api.AttendanceResult
			learner.must(200, http.MethodPost, attend, `{"status":"going","preparation":{"pitch":"I help teams find clients",`+
				`"person_to_help":"Ana","need_to_express":"An introduction to a CFO"}}`, &res)
			if res.Attendance.GoingAt == nil || res.Attendance.Pitch != "I help teams find clients" || res.Entry != nil {
				t.Fatalf("going %+v", res)
			}
			learner.must(200, http.MethodPost, attend, `{"status":"not_going"}`, &res)
			if res.Attendance.GoingAt != nil || res.Attendance.NeedToExpress != "An introduction to a CFO" {
				t.Fatalf("not going %+v", res)
			}
			learner.must(200, http.MethodPost, attend, `{"status":"going"}`, &res)
			if res.Attendance.GoingAt == nil || res.Attendance.PersonToHelp != "Ana" {
				t.Fatalf("going again %+v", res)
			}
			learner.must(409, http.MethodPost, attend, `{"status":"attended"}`, nil)

			attended := "/api/v1/events/" + past.ID + "/attendance"
			learner.must(200, http.MethodPost, attended, `{"status":"attended","note":"Met three recruiters",`+
				`"follow_ups":[{"contact":"Laura (Initech)","due_on":"`+day(3)+`"},{"contact":"Pedro"}]}`, &res)
			if res.Attendance.AttendedAt == nil || res.Entry == nil || res.Entry.Type != development.ActionAttendedEvent ||
				res.Entry.Note != "Met three recruiters" || len(res.FollowUps) != 2 {
				t.Fatalf("attended %+v", res)
			}
			learner.must(409, http.MethodPost, attended, `{"status":"attended"}`, nil)
			var detail api.EventDetail
			learner.must(200, http.MethodGet, "/api/v1/events/"+past.ID, "", &detail)
			if detail.Attendance == nil || detail.Attendance.AttendedAt == nil || len(detail.FollowUps) != 2 || detail.FollowUps[0].Contact != "Laura (Initech)" {
				t.Fatalf("event %+v", detail)
			}
			coach.must(200, http.MethodGet, "/api/v1/events/"+next.ID, "", &detail)
			if detail.Attendance != nil || len(detail.FollowUps) != 0 || detail.Event.Title != "Desayuno de networking" {
				t.Fatalf("the coach's view %+v", detail)
			}
		})

		t.Run("profile", func(t *testing.T) {
			// The demo gave the learner two self-assessments.
			var p api.Profile
			coach.must(200, http.MethodGet, user+"/profile", "", &p)
			if p.User.ID != learnerID || p.SelfAssessment == nil || len(p.SelfAssessment.Dimensions) != 8 || len(p.Growth) != 1 ||
				len(p.Recommendations) < development.MinRecommendations || len(p.Recommendations) > development.MaxRecommendations ||
				p.Feedback360.Shown || len(p.Feedback360.Dimensions) != 8 {
				t.Fatalf("profile %+v", p)
			}
			if d := p.SelfAssessment.Dimensions[0]; d.Name != "Giving first" || d.Score == nil || d.Band == nil {
				t.Fatalf("first dimension %+v", d)
			}
			if r := p.Recommendations[0]; r.Name == "" || r.Band == nil || len(r.Actions) == 0 || len(r.Modules) == 0 || r.Observers != nil {
				t.Fatalf("first recommendation %+v", r)
			}
			latest := submittedAttempt(t, s, "learner8@acme.example")
			learner.lang = "es"
			learner.must(200, http.MethodGet, user+"/profile", "", &p)
			if p.SelfAssessment.AttemptID != latest || len(p.Growth) != 2 || p.SelfAssessment.Dimensions[0].Name != "Dar primero" {
				t.Fatalf("after another self-assessment: %+v", p)
			}
			// Someone new has nothing to show yet.
			newcomer := addPerson(t, s, "newcomer@acme.example", identity.RoleLearner, "Liderazgo · primavera")
			var empty api.Profile
			admin.must(200, http.MethodGet, "/api/v1/users/"+newcomer+"/profile", "", &empty)
			if empty.SelfAssessment != nil || len(empty.Growth) != 0 || len(empty.Recommendations) != 0 || empty.Feedback360.Shown ||
				len(empty.Feedback360.Dimensions) != 0 {
				t.Fatalf("a newcomer's profile: %+v", empty)
			}
		})
	})
}

func TestDevelopmentAPIValidation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		user := "/api/v1/users/" + learnerID
		learner, coach := newDevClient(t, s, "learner8@acme.example"), newDevClient(t, s, "coach@acme.example")
		goalID, actionID, eventID := developmentRecords(t, s, "learner8@acme.example", "coach@acme.example", "Liderazgo · primavera")
		start := time.Now().UTC().AddDate(0, 0, 9).Format(time.RFC3339)
		before := devCounts(t, s)
		for _, c := range []struct {
			c                  *devClient
			method, path, body string
			fields             map[string]string
		}{
			{learner, http.MethodPost, user + "/goals", `{"dimension":"giving-first","title":"","success_measure":"ok","due_on":"2026-02-30"}`,
				map[string]string{"title": "This field is required.", "success_measure": "Too short: at least 3 characters.", "due_on": "Enter a valid date."}},
			{learner, http.MethodPost, user + "/goals", `{"dimension":"giving-first","title":"A goal","success_measure":"Measured","due_on":"` + day(-1) + `"}`,
				map[string]string{"due_on": "The due date is in the past."}},
			{learner, http.MethodPost, user + "/goals", `{"dimension":"giving-first","titel":"A typo"}`,
				map[string]string{"body": "The request body is not valid JSON, or it has unknown fields."}},
			{learner, http.MethodPatch, "/api/v1/goals/" + goalID, `{"status":"finished","title":"x"}`,
				map[string]string{"status": "Choose one of the options.", "title": "Too short: at least 3 characters."}},
			{learner, http.MethodPost, user + "/actions", `{"on":"` + day(5) + `","type":"helped"}`,
				map[string]string{"on": "This date is in the future; log what you have already done."}},
			{learner, http.MethodPost, user + "/actions", `{"on":"yesterday","type":"gossip"}`,
				map[string]string{"on": "Enter a valid date.", "type": "Choose one of the options."}},
			{learner, http.MethodPost, user + "/footprint", `{"answers":{"profile_problems":3,"mystery":1}}`,
				map[string]string{"profile_problems": "This is outside what is allowed (0..1).", "interactions": "This field is required.",
					"mystery": "That question is not part of this checklist."}},
			{learner, http.MethodPost, user + "/observers", `{"email":"not an email","relationship":"friend"}`,
				map[string]string{"email": "Enter a valid email address, like name@company.com.", "relationship": "Choose one of the options."}},
			{learner, http.MethodPost, user + "/observers", `{"email":"learner8@acme.example","relationship":"peer"}`,
				map[string]string{"email": "You cannot invite yourself as an observer."}},
			{coach, http.MethodPost, user + "/notes", `{"body":"   "}`, map[string]string{"body": "This field is required."}},
			{coach, http.MethodPost, "/api/v1/goals/" + goalID + "/comments", `{"body":""}`, map[string]string{"body": "This field is required."}},
			{coach, http.MethodPost, "/api/v1/actions/" + actionID + "/comments", `{"body":"` + strings.Repeat("x", 2001) + `"}`,
				map[string]string{"body": "Too long: 2000 characters at most."}},
			{coach, http.MethodPost, "/api/v1/events", `{"title":"","starts_at":"` + start + `"}`, map[string]string{"title": "This field is required."}},
			{coach, http.MethodPost, "/api/v1/events", `{"title":"Meetup","starts_at":"` + start + `"}`, map[string]string{"place": "This field is required."}},
			{coach, http.MethodPost, "/api/v1/events", `{"title":"Meetup","starts_at":"` + start + `","online_url":"ftp://example.com"}`,
				map[string]string{"online_url": "Enter a full web address starting with http:// or https://."}},
			{coach, http.MethodPost, "/api/v1/events", `{"title":"Meetup","starts_at":"` + start + `","place":"Madrid","cohort_id":"` +
				cohortID(t, s, "Business development") + `"}`, map[string]string{"cohort_id": "This does not exist in this organisation."}},
			{learner, http.MethodPost, "/api/v1/events/" + eventID + "/attendance", `{"status":"maybe"}`,
				map[string]string{"status": "Choose one of the options."}},
			{learner, http.MethodPost, "/api/v1/events/" + eventID + "/attendance", `{"status":"going","note":"Bring cards"}`,
				map[string]string{"note": "This does not go with the option you chose; leave it out."}},
			{learner, http.MethodPost, "/api/v1/events/" + eventID + "/attendance", `{"status":"going","preparation":{"pitch":"` + strings.Repeat("p", 501) + `"}}`,
				map[string]string{"pitch": "Too long: 500 characters at most."}},
		} {
			status, body := c.c.do(c.method, c.path, c.body, nil)
			var e web.APIError
			if err := json.Unmarshal([]byte(body), &e); status != http.StatusUnprocessableEntity || err != nil || e.Error.Code != "invalid" {
				t.Errorf("%s %s %s: %d %s, want 422", c.method, c.path, c.body, status, body)
				continue
			}
			for field, want := range c.fields {
				if got := e.Error.Fields[field]; got != want {
					t.Errorf("%s %s %s: %s is %q, want %q", c.method, c.path, c.body, field, got, want)
				}
			}
		}
		// In the caller's language.
		learner.lang = "es"
		status, body := learner.do(http.MethodPost, user+"/goals", `{"dimension":"giving-first","title":"","success_measure":"Medible","due_on":"`+day(3)+`"}`, nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"title":"Este campo es obligatorio."`) {
			t.Errorf("in Spanish: %d %s", status, body)
		}
		// A body that is not JSON.
		resp, _ := s.API(learner.token, http.MethodPost, user+"/goals", strings.NewReader("title=x"), "Content-Type", "application/x-www-form-urlencoded")
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("a form body: %d, want 415", resp.StatusCode)
		}
		if after := devCounts(t, s); !mapsEqual(before, after) {
			t.Fatalf("invalid requests changed rows: before %v, after %v", before, after)
		}
	})
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// addPerson adds a learner or a coach to the cohort (and its organisation) and returns
// their id.
func addPerson(t *testing.T, s *apptest.Server, email string, role identity.Role, cohort string) string {
	t.Helper()
	ctx := context.Background()
	ids := s.App.Identity()
	co, err := ids.Cohort(ctx, cohortID(t, s, cohort))
	if err != nil {
		t.Fatal(err)
	}
	u, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: co.OrganisationID, Email: email, Name: "Alex Newcomer",
		Role: role, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if role == identity.RoleCoach {
		err = ids.AssignCoach(ctx, co.ID, u.ID)
	} else {
		err = ids.AddMember(ctx, co.ID, u.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestDevelopmentAPIAuthorization(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learnerID := userID(t, s, "learner8@acme.example")
		user := "/api/v1/users/" + learnerID
		goalID, actionID, eventID := developmentRecords(t, s, "learner8@acme.example", "coach@acme.example", "Liderazgo · primavera")
		observer := observerInvitation(t, s, "learner8@acme.example")
		addPerson(t, s, "coach2@acme.example", identity.RoleCoach, "Desarrollo de negocio 2026")
		type request struct{ method, path, body string }
		reads := []request{{http.MethodGet, user + "/profile", ""}, {http.MethodGet, user + "/observers", ""},
			{http.MethodGet, user + "/goals", ""}, {http.MethodGet, "/api/v1/goals/" + goalID, ""},
			{http.MethodGet, user + "/actions", ""}, {http.MethodGet, user + "/footprint", ""}}
		ownWrites := []request{
			{http.MethodPost, user + "/goals", `{"dimension":"giving-first","title":"Taken over","success_measure":"Someone else's","due_on":"` + day(9) + `"}`},
			{http.MethodPatch, "/api/v1/goals/" + goalID, `{"title":"Taken over"}`},
			{http.MethodPost, user + "/actions", `{"on":"` + day(0) + `","type":"introduced"}`},
			{http.MethodPost, user + "/footprint", `{"answers":{"profile_problems":1,"profile_updated":1,"interactions":1,"content_shared":1,"conversations":1,"helped_online":1}}`},
		}
		observerWrites := []request{{http.MethodPost, user + "/observers", `{"email":"someone@partner.example","relationship":"peer"}`},
			{http.MethodPost, "/api/v1/observers/" + observer + "/resend", ""}, {http.MethodDelete, "/api/v1/observers/" + observer, ""}}
		coaching := []request{{http.MethodGet, user + "/notes", ""}, {http.MethodPost, user + "/notes", `{"body":"A note"}`},
			{http.MethodPost, "/api/v1/goals/" + goalID + "/comments", `{"body":"A comment"}`},
			{http.MethodPost, "/api/v1/actions/" + actionID + "/comments", `{"body":"A comment"}`}}
		event := []request{{http.MethodGet, "/api/v1/events/" + eventID, ""},
			{http.MethodPost, "/api/v1/events/" + eventID + "/attendance", `{"status":"going"}`}}
		before := devCounts(t, s)

		// Another learner of the same cohort, a coach of another cohort and another
		// organisation's people: nothing of the learner's exists for them.
		for _, email := range []string{"learner7@acme.example", "coach2@acme.example", "learner2@globex.example", "coach@globex.example", "admin@globex.example"} {
			c := newDevClient(t, s, email)
			for _, r := range slices.Concat(reads, ownWrites, observerWrites, coaching) {
				if status, body := c.do(r.method, r.path, r.body, nil); status != http.StatusNotFound {
					t.Errorf("%s: %s %s: %d, want 404: %s", email, r.method, r.path, status, body)
				}
			}
			if email == "learner7@acme.example" {
				continue // the event is for their cohort
			}
			for _, r := range event {
				if status, _ := c.do(r.method, r.path, r.body, nil); status != http.StatusNotFound {
					t.Errorf("%s: %s %s: %d, want 404", email, r.method, r.path, status)
				}
			}
		}

		// The learner may not read or write coach notes, nor comment on their own records.
		learner := newDevClient(t, s, "learner8@acme.example")
		for _, r := range coaching {
			if status, _ := learner.do(r.method, r.path, r.body, nil); status != http.StatusForbidden {
				t.Errorf("the learner: %s %s: %d, want 403", r.method, r.path, status)
			}
		}
		learner.must(403, http.MethodPost, "/api/v1/events", `{"title":"My own event","starts_at":"`+time.Now().UTC().AddDate(0, 0, 3).Format(time.RFC3339)+`","place":"Madrid"}`, nil)
		// Their coach and the organisation's admin read everything, but write nothing in the
		// learner's place, nor attend events.
		for _, email := range []string{"coach@acme.example", "admin@acme.example"} {
			c := newDevClient(t, s, email)
			for _, r := range reads {
				c.must(200, r.method, r.path, r.body, nil)
			}
			c.must(200, http.MethodGet, user+"/notes", "", nil)
			for _, r := range append(ownWrites, event[1]) {
				if status, _ := c.do(r.method, r.path, r.body, nil); status != http.StatusForbidden {
					t.Errorf("%s: %s %s: %d, want 403", email, r.method, r.path, status)
				}
			}
		}
		// A coach has no development records: their learner and their admin get 404.
		coachID := userID(t, s, "coach@acme.example")
		for _, c := range []*devClient{learner, newDevClient(t, s, "admin@acme.example")} {
			c.must(404, http.MethodGet, "/api/v1/users/"+coachID+"/goals", "", nil)
			c.must(404, http.MethodGet, "/api/v1/users/"+coachID+"/profile", "", nil)
		}
		if after := devCounts(t, s); !mapsEqual(before, after) {
			t.Fatalf("refused requests changed rows: before %v, after %v", before, after)
		}
	})
}

// observerPattern is observer k's answers: in every dimension, every item but one (a
// different one for each observer), with values that depend on the observer, the item and
// the dimension. With the six observers of TestObserverAnonymityAPI, no mean shown (of all,
// of the peers, of the others) equals any observer's own score, and the observers' scores
// are low enough for every dimension to be a blind spot beside a self score of 100.
func observerPattern(def *instrument.Definition, k int) map[string]scoring.Answer {
	out := map[string]scoring.Answer{}
	for d, dim := range def.Dimensions {
		items := def.ItemsOf(dim.Slug)
		for j, it := range items {
			if j == k%len(items) {
				continue
			}
			v := 1 + (4*k+2*j+3*d)%5
			out[it.ID] = scoring.Answer{Value: &v}
		}
	}
	return out
}

// notFromObservers are the fields whose numbers come from elsewhere and may equal an
// observer's score by chance: a self-assessment's percentile in its norm group.
var notFromObservers = []string{"percentile"}

// leak360 returns what, in an API answer, gives away one observer: a number equal to one
// observer's score on a dimension, answers keyed by an observer item, an item or a
// relationship group shown over fewer than three observers; "" when there is none.
func leak360(body []byte, items map[string]bool, individual []float64) string {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	var walk func(path string, v any) string
	walk = func(path string, v any) string {
		switch x := v.(type) {
		case map[string]any:
			n, hasN := x["n"].(float64)
			for k, e := range x {
				if items[k] {
					return path + "." + k + ": an answer keyed by an observer item"
				}
				if s, ok := e.(string); ok && items[s] && (!hasN || n < threesixty.MinObservers) {
					return path + ": item " + s + " without the number of observers behind it, or with fewer than three"
				}
				if k == "relationship" && hasN && n < threesixty.MinObservers {
					return path + ": a relationship group of fewer than three"
				}
				if slices.Contains(notFromObservers, k) {
					continue
				}
				if leak := walk(path+"."+k, e); leak != "" {
					return leak
				}
			}
		case []any:
			for i, e := range x {
				if leak := walk(fmt.Sprintf("%s[%d]", path, i), e); leak != "" {
					return leak
				}
			}
		case float64:
			for _, f := range individual {
				if math.Abs(x-f) < 1e-9 {
					return fmt.Sprintf("%s: %v is one observer's score", path, x)
				}
			}
		}
		return ""
	}
	return walk("", v)
}

// meanOf is the mean score on the dimension of the observers with one of the
// relationships (nil: all observers).
func meanOf(scores []map[string]float64, rels []threesixty.Relationship, slug string, of []threesixty.Relationship) float64 {
	var sum float64
	n := 0
	for k, rel := range rels {
		if of == nil || slices.Contains(of, rel) {
			sum += scores[k][slug]
			n++
		}
	}
	return sum / float64(n)
}

// TestObserverAnonymityAPI: with fewer than three answers the profile has no observer
// result; with six (three peers, two managers, a client) it shows the overall mean, the
// peers and "others" (the managers and the client merged); and no API answer, whoever asks
// and whatever the route, holds one observer's scores or item answers.
func TestObserverAnonymityAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		email := "learner8@acme.example"
		learnerID := userID(t, s, email)
		attempt := submittedAttempt(t, s, email)
		topSelfAssessment(t, s, email) // 100 everywhere: every dimension becomes a blind spot, with its items
		goal, action, event := developmentRecords(t, s, email, "coach@acme.example", "Liderazgo · primavera")
		learner := newDevClient(t, s, email)
		def := observerDefinition(t, s)
		items := map[string]bool{}
		for _, it := range def.Items {
			items[it.ID] = true
		}
		rels := []threesixty.Relationship{threesixty.Peer, threesixty.Manager, threesixty.Peer, threesixty.Client, threesixty.Peer, threesixty.Manager}
		// scores: observer → dimension → score; later: the links of the observers who send
		// after the first two.
		scores := make([]map[string]float64, len(rels))
		var invitations, later []string
		for k, rel := range rels {
			var sent api.ObserverSent
			learner.must(201, http.MethodPost, "/api/v1/users/"+learnerID+"/observers",
				fmt.Sprintf(`{"email":"observer%d@partner.example","relationship":%q}`, k, rel), &sent)
			invitations = append(invitations, sent.Invitation.ID)
			answers := observerPattern(def, k)
			token := strings.TrimPrefix(sent.Link, "http://academy.test/o/")
			for id, a := range answers {
				if err := s.App.Development().SaveObserverAnswer(ctx, token, id, a.Value, nil); err != nil {
					t.Fatal(err)
				}
			}
			dims, err := scoring.Score(def, answers)
			if err != nil {
				t.Fatal(err)
			}
			scores[k] = map[string]float64{}
			for _, d := range dims {
				scores[k][d.Dimension] = *d.Score
			}
			if k >= 2 {
				later = append(later, token)
			} else if err := s.App.Development().SubmitObserver(ctx, token); err != nil {
				t.Fatal(err)
			}
		}
		// fingerprints are the observers' scores that no mean of whole numbers is likely to
		// hit by chance (not whole numbers themselves).
		fingerprints := func(observers int) []float64 {
			var out []float64
			for _, byDim := range scores[:observers] {
				for _, v := range byDim {
					if v != math.Trunc(v) {
						out = append(out, v)
					}
				}
			}
			return out
		}
		readers := map[string]string{"learner": learner.token, "coach": s.Token("coach@acme.example"), "admin": s.Token("admin@acme.example")}
		ids := sweepIDs{org: orgID(t, s, "acme"), cohort: cohortID(t, s, "Liderazgo · primavera"), person: learnerID,
			token: "none", attempt: attempt, instrument: builtInInstrument(t, s, "networking-self"),
			quizAttempt: openQuizAttempt(t, s, email), observer: invitations[0], goal: goal, action: action, event: event}
		walk := func(individual []float64) {
			t.Helper()
			// The check itself finds what it looks for.
			for _, leak := range []string{fmt.Sprintf(`{"score":%v}`, individual[0]), `{"answers":{"o-gf1":3}}`,
				`{"items":[{"item_id":"o-gf1","value":3}]}`, `{"item_id":"o-gf1","n":2,"mean":3.5}`,
				`{"groups":[{"relationship":"manager","n":2,"mean":40}]}`} {
				if leak360([]byte(leak), items, individual) == "" {
					t.Fatalf("leak360 misses %s", leak)
				}
			}
			checked := 0
			for _, route := range routes(s) {
				method, path, _ := strings.Cut(route, " ")
				if !strings.HasPrefix(path, "/api/v1/") {
					continue
				}
				for who, token := range readers {
					var body io.Reader
					var header []string
					if method != http.MethodGet {
						body, header = strings.NewReader("{}"), []string{"Content-Type", "application/json"}
					}
					resp, data := s.API(token, method, fill(t, route, ids), body, header...)
					if leak := leak360(data, items, individual); leak != "" {
						t.Errorf("%s as the %s (%d): %s", route, who, resp.StatusCode, leak)
					}
					checked++
				}
			}
			if checked < 60 {
				t.Fatalf("only %d answers checked", checked)
			}
		}

		// Two answers: nothing from observers anywhere.
		for who, token := range readers {
			c := &devClient{t: t, s: s, token: token, lang: "en"}
			var p api.Profile
			c.must(200, http.MethodGet, "/api/v1/users/"+learnerID+"/profile", "", &p)
			fb := p.Feedback360
			if fb.Shown || fb.Answered != 2 || fb.Invited != len(rels) || len(fb.BlindSpots) != 0 || len(fb.HiddenStrengths) != 0 {
				t.Fatalf("%s, two answers: %+v", who, fb)
			}
			for _, d := range fb.Dimensions {
				if d.Observers.Mean != nil || d.Observers.N != 0 || len(d.Observers.Groups) != 0 || d.Gap != nil || d.Kind != nil {
					t.Fatalf("%s, two answers: observer results for %s: %+v", who, d.Slug, d)
				}
			}
			for _, r := range p.Recommendations {
				if r.Observers != nil || r.BlindSpot {
					t.Fatalf("%s, two answers: a recommendation uses observers: %+v", who, r)
				}
			}
		}
		if len(fingerprints(2)) < 4 {
			t.Fatalf("the pattern gives too few distinctive scores: %v", fingerprints(2))
		}
		walk(fingerprints(2))

		// Six answers: means over all, the peers and the merged others only.
		for _, token := range later {
			if err := s.App.Development().SubmitObserver(ctx, token); err != nil {
				t.Fatal(err)
			}
		}
		individual := fingerprints(len(rels))
		for who, token := range readers {
			c := &devClient{t: t, s: s, token: token, lang: "en"}
			var p api.Profile
			c.must(200, http.MethodGet, "/api/v1/users/"+learnerID+"/profile", "", &p)
			fb := p.Feedback360
			if !fb.Shown || fb.Answered != len(rels) || len(fb.Dimensions) != len(def.Dimensions) || len(fb.BlindSpots) != len(def.Dimensions) ||
				len(fb.BlindSpots[0].Items) == 0 {
				t.Fatalf("%s, six answers: %+v", who, fb)
			}
			for _, d := range fb.Dimensions {
				all, peers, others := meanOf(scores, rels, d.Slug, nil), meanOf(scores, rels, d.Slug, []threesixty.Relationship{threesixty.Peer}),
					meanOf(scores, rels, d.Slug, []threesixty.Relationship{threesixty.Manager, threesixty.Client})
				g := d.Observers.Groups
				if d.Observers.Mean == nil || math.Abs(*d.Observers.Mean-all) > 1e-9 || len(g) != 2 ||
					g[0].Relationship != "peer" || g[0].N != 3 || math.Abs(g[0].Mean-peers) > 1e-9 ||
					g[1].Relationship != "others" || g[1].N != 3 || math.Abs(g[1].Mean-others) > 1e-9 {
					t.Fatalf("%s, %s: %+v; want all %v, peers %v, others %v", who, d.Slug, d.Observers, all, peers, others)
				}
				for _, f := range individual {
					if slices.ContainsFunc([]float64{all, peers, others}, func(m float64) bool { return math.Abs(m-f) < 1e-9 }) {
						t.Fatalf("the pattern is ambiguous: a mean equals one observer's score (%v)", f)
					}
				}
			}
		}
		walk(individual)
	})
}
