package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/identity"
)

// publicRoutes answer without signing in, by design.
var publicRoutes = []string{
	"GET /", "GET /login", "POST /login", "POST /logout", "POST /language",
	"GET /invitations/:token", "POST /invitations/:token", "GET /healthz", "GET /readyz", "GET /api/openapi.yaml", "GET /api/docs",
	// An observer's link is the credential: anyone holding it answers (feedback360_test.go).
	"GET /o/:token", "POST /o/:token", "POST /o/:token/answers/:item",
	// A badge's link is meant to be shared: its verification page and credential, the
	// issuer's profile and revocation list, and the competency model it aligns to (badges_test.go).
	"GET /badges/:id", "GET /badges/:id.json", "GET /orgs/:org/issuer", "GET /orgs/:org/badges/status", "GET /competencies",
}

// allowedSameOrg lists, per role, the routes that role may use on another person's
// resources inside its own organisation. The resources are chosen so that the learner
// is not their owner or member, and the coach coaches them. Every other route must be
// refused. Routes without parameters act on the caller's own data and are not listed.
var allowedSameOrg = map[identity.Role][]string{
	identity.RoleLearner: {"GET /orgs/:org/events",
		// The organisation's logo and colours for the header, for all its people.
		"GET /orgs/:org/logo.png", "GET /orgs/:org/brand.css"},
	identity.RoleCoach: {
		"GET /cohorts/:id", "GET /people/:id", "GET /api/v1/users/:id", "GET /api/v1/cohorts/:id",
		"GET /assessments/:id/results", "GET /api/v1/assessments/:id/results", "GET /api/v1/instruments/:id/psychometrics",
		"GET /instruments/:id/psychometrics",
		// A coach asks for, follows and reads their learners' 360 feedback.
		"GET /people/:id/observers", "POST /people/:id/observers", "POST /people/:id/observers/:observer/resend",
		"POST /people/:id/observers/:observer/withdraw", "GET /people/:id/feedback", "GET /people/:id/recommendations",
		// The same through the API, with the learner's plan, log, footprint and notes, and their
		// cohort's events (development_api_test.go).
		"GET /api/v1/users/:id/profile", "GET /api/v1/users/:id/observers", "POST /api/v1/users/:id/observers",
		"DELETE /api/v1/observers/:id", "POST /api/v1/observers/:id/resend", "GET /api/v1/users/:id/goals", "GET /api/v1/goals/:id",
		"POST /api/v1/goals/:id/comments", "GET /api/v1/users/:id/actions", "POST /api/v1/actions/:id/comments",
		"GET /api/v1/users/:id/footprint", "GET /api/v1/users/:id/notes", "POST /api/v1/users/:id/notes", "GET /api/v1/events/:id",
		// The pages: a learner's plan, log, footprint and notes, comments, and the organisation's events.
		"GET /people/:id/plan", "POST /goals/:id/comments", "GET /people/:id/actions", "POST /actions/:id/comments",
		"GET /people/:id/footprint", "POST /people/:id/notes", "GET /orgs/:org/events", "POST /orgs/:org/events", "GET /events/:id",
		// Editing an event of a cohort they coach, as they may publish one (event_edit_test.go).
		"GET /events/:id/edit", "POST /events/:id/edit", "PATCH /api/v1/events/:id",
		// Reports of their learners and cohorts (reports_http_test.go), and the header's branding.
		"GET /people/:id/report.pdf", "GET /api/v1/users/:id/report.pdf", "GET /cohorts/:id/report.pdf",
		"GET /api/v1/cohorts/:id/report.pdf", "GET /cohorts/:id/exports/:kind.csv",
		"GET /orgs/:org/logo.png", "GET /orgs/:org/brand.css",
		// Their learners' badges (badges_test.go).
		"GET /people/:id/badges", "GET /api/v1/users/:id/badges",
	},
	// Organisation admins may do everything inside their organisation, except act as
	// another person: use their credentials or answer their questionnaires.
	identity.RoleOrgAdmin: {"*", "!POST /account/tokens/:id/revoke",
		"!GET /assessments/:id", "!POST /assessments/:id", "!POST /assessments/:id/answers/:item",
		"!GET /assessments/:id/review", "!POST /assessments/:id/submit",
		"!GET /api/v1/assessments/:id", "!PUT /api/v1/assessments/:id/answers/:item", "!POST /api/v1/assessments/:id/submit",
		"!GET /quiz-attempts/:id", "!POST /quiz-attempts/:id/submit", "!POST /quiz-attempts/:id/answers/:question",
		"!GET /quiz-attempts/:id/review", "!GET /api/v1/quiz-attempts/:id", "!PUT /api/v1/quiz-attempts/:id/answers/:question",
		"!POST /api/v1/quiz-attempts/:id/submit",
		// Only the learner writes their plan, log and footprint, and only learners attend events.
		"!POST /api/v1/users/:id/goals", "!PATCH /api/v1/goals/:id", "!POST /api/v1/users/:id/actions",
		"!POST /api/v1/users/:id/footprint", "!POST /api/v1/events/:id/attendance",
		"!POST /people/:id/goals", "!POST /goals/:id", "!POST /people/:id/actions", "!POST /people/:id/footprint",
		"!POST /events/:id/going", "!POST /events/:id/going/cancel", "!POST /events/:id/preparation", "!POST /events/:id/attended",
		"!POST /follow-ups/:id/done",
		// Only the person downloads their own data (privacy_test.go).
		"!GET /api/v1/users/:id/export",
		// Only the learner chooses whether a badge's public page shows their name.
		"!POST /badges/:id/share"},
}

var paramPattern = regexp.MustCompile(`:[a-z]+`)

type sweepIDs struct {
	org, cohort, person, token, attempt, instrument, quizAttempt, observer string
	// The learner's development records (developmentRecords in development_api_test.go).
	goal, action, event string
	// A follow-up reminder of the learner's (sweepFollowUp in development_pages_test.go).
	followUp string
	// A bulk report job of the organisation (sweepReportJob in reports_jobs_test.go).
	reportJob string
	// The learner's badge for a module (earnBadge in badges_test.go).
	badge string
}

// ownDataRoutes have parameters that name shared content (a module, a lesson), not
// someone's data: every signed-in person may use them, and they act on the caller's own
// progress.
var ownDataRoutes = []string{
	"GET /modules/:slug", "GET /modules/:slug/lessons/:lesson", "POST /modules/:slug/lessons/:lesson/complete",
	"POST /modules/:slug/quiz/attempts",
	// Aggregates over every organisation's first attempts, for content quality; learners
	// are refused (tested in courses_test.go).
	"GET /quizzes/:slug/stats",
	"GET /api/v1/modules/:slug", "GET /api/v1/lessons/:id", "POST /api/v1/lessons/:id/complete",
	"POST /api/v1/quizzes/:slug/attempts",
	// The caller's own certificate of a module (reports_http_test.go).
	"GET /modules/:slug/certificate.pdf",
}

// orgQueryRoutes name their organisation in a query parameter rather than in the path:
// the sweep calls them with it set to the organisation under test.
var orgQueryRoutes = map[string]string{
	// An organisation's xAPI statements, for its admins (xapi_test.go).
	"GET /api/v1/xapi/statements": "organisation",
}

// fill replaces the parameters of a route with the given resources. A route with a
// parameter this function does not know fails the test, so that new routes get covered.
func fill(t *testing.T, route string, ids sweepIDs) string {
	_, path, _ := strings.Cut(route, " ")
	if name, ok := orgQueryRoutes[route]; ok {
		return path + "?" + name + "=" + ids.org
	}
	return paramPattern.ReplaceAllStringFunc(path, func(p string) string {
		switch {
		case p == ":org":
			return ids.org
		case p == ":user":
			return ids.person
		case p == ":id" && strings.Contains(route, "/cohorts/"):
			return ids.cohort
		case p == ":id" && (strings.Contains(route, "/people/") || strings.Contains(route, "/users/")):
			return ids.person
		case p == ":id" && strings.Contains(route, "/tokens/"):
			return ids.token
		case p == ":id" && strings.Contains(route, "/assessments/"):
			return ids.attempt
		case p == ":id" && strings.Contains(route, "/instruments/"):
			return ids.instrument
		case p == ":item":
			return "gf1"
		case p == ":id" && strings.Contains(route, "/lessons/"):
			return "giving-first.what-giving-first-means"
		case p == ":slug" && strings.Contains(path, "/quizzes/"):
			return "giving-first-quiz"
		case p == ":slug":
			return "giving-first"
		case p == ":lesson":
			return "what-giving-first-means"
		case p == ":question":
			return "q1"
		case p == ":id" && strings.Contains(route, "/quiz-attempts/"):
			return ids.quizAttempt
		case p == ":key":
			return "customer-framework"
		case p == ":cohort":
			return ids.cohort
		case p == ":observer":
			return ids.observer
		case p == ":id" && strings.Contains(route, "/observers/"):
			return ids.observer
		case p == ":id" && strings.Contains(route, "/goals/"):
			return ids.goal
		case p == ":id" && strings.Contains(route, "/actions/"):
			return ids.action
		case p == ":id" && strings.Contains(route, "/events/"):
			return ids.event
		case p == ":id" && strings.Contains(route, "/follow-ups/"):
			return ids.followUp
		case p == ":id" && strings.Contains(route, "/report-jobs/"):
			return ids.reportJob
		case p == ":id" && strings.Contains(route, "/badges/"):
			return ids.badge
		case p == ":kind":
			return "scores"
		}
		t.Fatalf("authorization sweep: no resource for %s in route %s; teach fill() about it", p, route)
		return ""
	})
}

// routes lists every route registered in routes.go, as "METHOD /path".
func routes(s *apptest.Server) []string {
	var out []string
	for _, r := range s.App.Handler().GetRoutes(true) {
		if r.Method == http.MethodHead || r.Method == http.MethodConnect || r.Method == http.MethodTrace || r.Path == "/" && r.Method != http.MethodGet {
			continue
		}
		if strings.HasPrefix(r.Path, "/static") {
			continue
		}
		key := r.Method + " " + r.Path
		if !slices.Contains(out, key) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// TestAuthorizationSweep walks every route as every role and as another organisation's
// people, and fails on any answer that the policy should have refused.
func TestAuthorizationSweep(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		ids := s.App.Identity()
		otherToken := func(email string) string {
			u, _ := ids.UserByEmail(ctx, email)
			tok, _, err := ids.CreateAPIToken(ctx, u.ID, identity.APITokenInput{Name: "someone else's"})
			if err != nil {
				t.Fatal(err)
			}
			return tok.ID
		}
		foreign := sweepIDs{org: orgID(t, s, "globex"), cohort: cohortID(t, s, "Business development"),
			person: userID(t, s, "learner2@globex.example"), token: otherToken("learner3@globex.example"),
			attempt: submittedAttempt(t, s, "learner2@globex.example"), instrument: customInstrument(t, s, "globex"),
			quizAttempt: openQuizAttempt(t, s, "learner2@globex.example"), observer: observerInvitation(t, s, "learner2@globex.example")}
		sameOrg := sweepIDs{org: orgID(t, s, "acme"), cohort: cohortID(t, s, "Liderazgo · primavera"),
			person: userID(t, s, "learner8@acme.example"), token: otherToken("learner9@acme.example"),
			attempt: submittedAttempt(t, s, "learner8@acme.example"), instrument: builtInInstrument(t, s, "networking-self"),
			quizAttempt: openQuizAttempt(t, s, "learner8@acme.example"), observer: observerInvitation(t, s, "learner8@acme.example")}
		foreign.goal, foreign.action, foreign.event = developmentRecords(t, s, "learner2@globex.example", "coach@globex.example", "Business development")
		sameOrg.goal, sameOrg.action, sameOrg.event = developmentRecords(t, s, "learner8@acme.example", "coach@acme.example", "Liderazgo · primavera")
		foreign.followUp = sweepFollowUp(t, s, "learner2@globex.example", "coach@globex.example")
		sameOrg.followUp = sweepFollowUp(t, s, "learner8@acme.example", "coach@acme.example")
		foreign.reportJob, sameOrg.reportJob = sweepReportJob(t, s, "globex"), sweepReportJob(t, s, "acme")
		foreign.badge, sameOrg.badge = earnBadge(t, s, "learner2@globex.example", "giving-first"), earnBadge(t, s, "learner8@acme.example", "giving-first")
		all := routes(s)
		if len(all) < 20 {
			t.Fatalf("only %d routes found", len(all))
		}

		t.Run("anonymous", func(t *testing.T) {
			anon := s.NewClient()
			for _, route := range all {
				if slices.Contains(publicRoutes, route) {
					continue
				}
				status, loc := call(t, s, anon, "", route, fill(t, route, sameOrg))
				denied := status == http.StatusUnauthorized || (status == http.StatusSeeOther && strings.HasPrefix(loc, "/login"))
				if !denied {
					t.Errorf("%s as nobody: %d %s, want 401 or a redirect to sign in", route, status, loc)
				}
			}
		})

		actors := []struct {
			email string
			role  identity.Role
		}{
			{"learner1@acme.example", identity.RoleLearner},
			{"coach@acme.example", identity.RoleCoach},
			{"admin@acme.example", identity.RoleOrgAdmin},
		}
		for _, a := range actors {
			t.Run(a.email, func(t *testing.T) {
				client, token := s.Login(a.email), s.Token(a.email)
				for _, route := range all {
					if slices.Contains(publicRoutes, route) || slices.Contains(ownDataRoutes, route) ||
						!strings.Contains(route, ":") && orgQueryRoutes[route] == "" {
						continue
					}
					status, loc := call(t, s, client, token, route, fill(t, route, foreign))
					if !refused(status) {
						t.Errorf("%s on another organisation: %d %s, want 404 or 403", route, status, loc)
					}
					allowed := allowedSameOrg[a.role]
					status, loc = call(t, s, client, token, route, fill(t, route, sameOrg))
					switch {
					case !slices.Contains(allowed, "!"+route) && (slices.Contains(allowed, "*") || slices.Contains(allowed, route)):
						if refused(status) {
							t.Errorf("%s in own organisation: %d, want it allowed", route, status)
						}
					case !refused(status):
						t.Errorf("%s in own organisation: %d %s, want 404 or 403", route, status, loc)
					}
				}
			})
		}
	})
}

func refused(status int) bool {
	return status == http.StatusNotFound || status == http.StatusForbidden
}

// call sends one request for route to path, as the client (pages) or with the token (API),
// and returns the status and redirect location.
func call(t *testing.T, s *apptest.Server, c *apptest.Client, token, route, path string) (int, string) {
	t.Helper()
	method, _, _ := strings.Cut(route, " ")
	if strings.HasPrefix(path, "/api/") {
		var body io.Reader
		var header []string
		if method != http.MethodGet {
			body, header = strings.NewReader("{}"), []string{"Content-Type", "application/json"}
		}
		resp, _ := s.API(token, method, path, body, header...)
		return resp.StatusCode, ""
	}
	var resp *http.Response
	if method == http.MethodGet {
		resp = c.Get(path)
	} else {
		resp = c.PostForm(path, url.Values{"user_id": {""}, "name": {fmt.Sprintf("sweep %s", path)}})
	}
	apptest.Body(resp)
	return resp.StatusCode, resp.Header.Get("Location")
}
