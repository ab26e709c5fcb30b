package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/privacy"
)

// exported is the download, read back.
type exported struct {
	Format      string                        `json:"format"`
	Version     int                           `json:"version"`
	GeneratedAt time.Time                     `json:"generated_at"`
	Profile     identity.PersonalProfile      `json:"profile"`
	Courses     courses.LearningRecord        `json:"courses"`
	Assessments assessment.AssessmentRecord   `json:"assessments"`
	Development development.DevelopmentRecord `json:"development"`
	XAPI        []json.RawMessage             `json:"xapi_statements"`
	Badges      []json.RawMessage             `json:"badges"`
}

// topKeys returns the keys of a JSON object in the order they are written.
func topKeys(t *testing.T, body []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %v", err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestExportHoldsEverythingOfThePersonAndNothingElse(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		p := newPrivacySubject(t, s)
		// Someone else in her cohort, with records of their own.
		other := userID(t, s, "learner8@acme.example")
		if _, err := s.App.Development().CreateGoal(ctx, other, other, development.GoalInput{Dimension: "giving-first",
			Title: "zzother goal", SuccessMeasure: "zzother measure", DueOn: day(20)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.App.Development().LogAction(ctx, other, other, development.ActionInput{On: day(0),
			Type: development.ActionHelped, Note: "zzother note"}); err != nil {
			t.Fatal(err)
		}

		resp := p.session.Get("/account/export.json")
		page := []byte(wantStatus(t, "the download", resp, http.StatusOK))
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="academy-personal-data-`) ||
			!strings.HasSuffix(cd, `.json"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		apiResp, apiBody := s.API(p.token, http.MethodGet, "/api/v1/users/"+p.id+"/export", nil)
		if apiResp.StatusCode != http.StatusOK {
			t.Fatalf("API export: %d %s", apiResp.StatusCode, apiBody)
		}

		var doc, viaAPI exported
		if err := json.Unmarshal(page, &doc); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(apiBody, &viaAPI); err != nil {
			t.Fatal(err)
		}
		viaAPI.GeneratedAt, viaAPI.Profile.Sessions = doc.GeneratedAt, doc.Profile.Sessions
		viaAPI.Profile.APITokens, viaAPI.Profile.UpdatedAt = doc.Profile.APITokens, doc.Profile.UpdatedAt
		a, _ := json.Marshal(doc)
		b, _ := json.Marshal(viaAPI)
		if !bytes.Equal(a, b) {
			t.Errorf("the page and the API give different documents:\npage %s\napi  %s", a, b)
		}
		want := []string{"format", "version", "generated_at", "profile", "courses", "assessments", "development", "xapi_statements", "badges"}
		if keys := topKeys(t, page); !slices.Equal(keys[:min(len(keys), len(want))], want) {
			t.Errorf("sections %v, want %v first", keys, want)
		}
		if doc.Format != privacy.Format || doc.Version != privacy.Version || time.Since(doc.GeneratedAt) > time.Hour {
			t.Errorf("header %q %d %v", doc.Format, doc.Version, doc.GeneratedAt)
		}

		t.Run("profile", func(t *testing.T) {
			pr := doc.Profile
			if pr.ID != p.id || pr.Name != subjectName || pr.Email != subjectEmail || pr.Language != "en" || pr.Role != identity.RoleLearner {
				t.Errorf("profile %+v", pr)
			}
			if pr.Organisation == nil || pr.Organisation.Slug != "acme" || len(pr.MemberOf) != 1 || pr.MemberOf[0].Name != subjectCohort {
				t.Errorf("organisation %+v, cohorts %+v", pr.Organisation, pr.MemberOf)
			}
			if len(pr.APITokens) == 0 || len(pr.Sessions) == 0 {
				t.Errorf("tokens %+v, sessions %+v", pr.APITokens, pr.Sessions)
			}
			if strings.Contains(string(page), p.token) || strings.Contains(string(page), "token_hash") {
				t.Error("the download holds a token's secret")
			}
		})
		t.Run("courses", func(t *testing.T) {
			c := doc.Courses
			if !slices.ContainsFunc(c.LessonsCompleted, func(l courses.LessonRecord) bool { return l.Lesson == "what-giving-first-means" }) {
				t.Errorf("lessons %+v", c.LessonsCompleted)
			}
			if len(c.QuizAttempts) != 1 {
				t.Fatalf("quiz attempts %+v", c.QuizAttempts)
			}
			q := c.QuizAttempts[0]
			if q.ID != p.quizAttempt || q.Quiz != "giving-first-quiz" || q.SubmittedAt == nil || q.Score == nil || len(q.Answers) == 0 {
				t.Errorf("quiz attempt %+v", q)
			}
			for _, ans := range q.Answers {
				if len(ans.Chosen) == 0 || ans.Text["es"] == "" {
					t.Errorf("answer %+v", ans)
				}
				for _, o := range ans.Chosen {
					if o.ID == "" || o.Text["es"] == "" || o.Text["en"] == "" {
						t.Errorf("chosen option %+v", o)
					}
				}
			}
			if strings.Contains(string(page), `"correct"`) {
				t.Error("the download holds a quiz's answer key")
			}
		})
		t.Run("assessments", func(t *testing.T) {
			if len(doc.Assessments.Attempts) != 1 {
				t.Fatalf("attempts %+v", doc.Assessments.Attempts)
			}
			at := doc.Assessments.Attempts[0]
			def, err := s.App.Assessment().Definition(ctx, builtInInstrument(t, s, "networking-self"))
			if err != nil {
				t.Fatal(err)
			}
			if at.ID != p.attempt || at.Instrument != "networking-self" || at.InstrumentVersion != def.Version ||
				at.Status != assessment.StatusSubmitted || len(at.Answers) != len(def.Items) || len(at.Scores) != len(def.Dimensions) {
				t.Errorf("attempt %s v%d, %d answers, %d scores", at.Instrument, at.InstrumentVersion, len(at.Answers), len(at.Scores))
			}
			for _, sc := range at.Scores {
				if sc.Score == nil || sc.Band == nil || sc.BandLabel["en"] == "" || sc.Name["en"] == "" {
					t.Errorf("score %+v", sc)
				}
			}
		})
		t.Run("development", func(t *testing.T) {
			d := doc.Development
			if len(d.ObserverInvitations) != 1 || d.ObserverInvitations[0].Email != observerEmail ||
				d.ObserverInvitations[0].Status != development.ObserverAnswered {
				t.Errorf("observers %+v", d.ObserverInvitations)
			}
			// One observer answered: fewer than the minimum, so nothing of theirs is shown.
			if d.Feedback360.Answered != 1 || d.Feedback360.Shown {
				t.Errorf("360 %+v", d.Feedback360)
			}
			for _, dim := range d.Feedback360.Dimensions {
				if dim.Observers != nil {
					t.Errorf("an observer's score of %s is in the download", dim.Slug)
				}
			}
			if len(d.Goals) != 1 || d.Goals[0].Title != marker+" goal renamed" || len(d.Goals[0].History) < 2 ||
				len(d.Goals[0].Comments) != 1 || d.Goals[0].Comments[0].Body != marker+" goal comment" {
				t.Errorf("goals %+v", d.Goals)
			}
			if len(d.SharedNotes) != 1 || d.SharedNotes[0].Body != marker+" shared note" {
				t.Errorf("notes %+v", d.SharedNotes)
			}
			found := false
			for _, e := range d.Actions {
				if e.ID == p.action {
					found = e.Who == marker+" who" && e.Note == marker+" action note" && len(e.Comments) == 1
				}
			}
			if !found || len(d.Actions) != 2 {
				t.Errorf("actions %+v", d.Actions)
			}
			if len(d.FollowUps) != 1 || d.FollowUps[0].Contact != marker+" contact" || len(d.FootprintChecks) != 1 {
				t.Errorf("follow-ups %+v, footprint %+v", d.FollowUps, d.FootprintChecks)
			}
			if len(d.Events) != 2 {
				t.Fatalf("events %+v", d.Events)
			}
			for _, e := range d.Events {
				switch e.EventID {
				case p.upcoming:
					if e.Pitch != marker+" pitch" || e.GoingAt == nil {
						t.Errorf("upcoming event %+v", e)
					}
				case p.past:
					if e.AttendedAt == nil {
						t.Errorf("past event %+v", e)
					}
				default:
					t.Errorf("event %+v is not hers", e)
				}
			}
		})
		t.Run("other parts", func(t *testing.T) {
			// Her lessons, module, quiz, self-assessment, goal and actions were recorded as xAPI
			// statements, and the module earned her a badge.
			if len(doc.XAPI) < 5 || len(doc.Badges) != 1 {
				t.Errorf("%d xAPI statements, %d badges", len(doc.XAPI), len(doc.Badges))
			}
		})
		t.Run("nothing of others", func(t *testing.T) {
			for _, leak := range []string{marker + " private note", "zzother", "learner8@acme.example", userName(t, s, "learner8@acme.example")} {
				if strings.Contains(string(page), leak) {
					t.Errorf("the download holds %q", leak)
				}
			}
			if strings.Contains(string(page), `"answers":{`) && strings.Contains(string(page), `"invitation_id"`) {
				t.Error("the download holds an observer's answers")
			}
		})
	})
}

func TestExportIsForThePersonOnly(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		p := newPrivacySubject(t, s)
		path := "/api/v1/users/" + p.id + "/export"
		cases := []struct {
			who  string
			want int
		}{
			{"coach@acme.example", http.StatusForbidden},     // sees her, may not download her data
			{"admin@acme.example", http.StatusForbidden},     // administers her organisation, likewise
			{"admin@academy.example", http.StatusForbidden},  // the platform admin too
			{"learner8@acme.example", http.StatusNotFound},   // a peer may not even see her
			{"admin@globex.example", http.StatusNotFound},    // another organisation
			{"learner2@globex.example", http.StatusNotFound}, // another organisation's learner
		}
		for _, c := range cases {
			if resp, body := s.API(s.Token(c.who), http.MethodGet, path, nil); resp.StatusCode != c.want {
				t.Errorf("%s: %d, want %d: %s", c.who, resp.StatusCode, c.want, body)
			} else if strings.Contains(string(body), subjectEmail) {
				t.Errorf("%s: the refusal shows her data", c.who)
			}
		}
		if resp, _ := s.API("", http.MethodGet, path, nil); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("without a token: %d", resp.StatusCode)
		}
		resp := s.NewClient().Get("/account/export.json")
		apptest.Body(resp)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("signed out: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		// Everyone downloads only their own data from the account page.
		body := wantStatus(t, "the coach's download", s.Login("coach@acme.example").Get("/account/export.json"), http.StatusOK)
		if strings.Contains(body, subjectEmail) || !strings.Contains(body, `"email": "coach@acme.example"`) {
			t.Errorf("the coach's download is not theirs alone")
		}
	})
}
