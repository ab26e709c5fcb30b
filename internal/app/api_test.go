package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/web"
)

func TestAPIMe(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		resp, body := s.API(s.Token("coach@acme.example"), http.MethodGet, "/api/v1/me", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("me: %d %s", resp.StatusCode, body)
		}
		var me api.Me
		if err := json.Unmarshal(body, &me); err != nil {
			t.Fatal(err)
		}
		if me.Email != "coach@acme.example" || me.Role != "coach" || me.Organisation == nil || me.Organisation.Slug != "acme" || len(me.Coaching) != 2 {
			t.Fatalf("me = %+v", me)
		}
		_, body = s.API(s.Token("admin@academy.example"), http.MethodGet, "/api/v1/me", nil)
		if !strings.Contains(string(body), `"organisation":null`) {
			t.Fatalf("platform admin me: %s", body)
		}
	})
}

func TestAPIAuthentication(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		for _, token := range []string{"", "acd_not-a-real-token", "garbage"} {
			resp, body := s.API(token, http.MethodGet, "/api/v1/me", nil, "Accept-Language", "en")
			if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
				t.Fatalf("token %q: %d", token, resp.StatusCode)
			}
			var e struct{ Error web.APIErrorBody }
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Code != "unauthenticated" || e.Error.Message != "You need to sign in to continue." {
				t.Fatalf("token %q: body %s", token, body)
			}
		}
		token := s.Token("learner4@acme.example")
		u, _ := s.App.Identity().UserByEmail(t.Context(), "learner4@acme.example")
		tokens, _ := s.App.Identity().APITokens(t.Context(), u.ID)
		if err := s.App.Identity().RevokeAPIToken(t.Context(), u.ID, tokens[0].ID); err != nil {
			t.Fatal(err)
		}
		if resp, _ := s.API(token, http.MethodGet, "/api/v1/me", nil); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("revoked token: %d", resp.StatusCode)
		}
	})
}

func TestAPIUsersAndCohortsShowOnlyWhatTheCallerMaySee(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Token("learner1@acme.example")
		coach := s.Token("coach@acme.example")
		admin := s.Token("admin@acme.example")
		platform := s.Token("admin@academy.example")
		self, peer, coachID := userID(t, s, "learner1@acme.example"), userID(t, s, "learner2@acme.example"), userID(t, s, "coach@acme.example")
		foreign := userID(t, s, "learner1@globex.example")
		cases := []struct {
			token, id string
			want      int
		}{
			{learner, self, 200}, {learner, peer, 404}, {learner, coachID, 200}, {learner, foreign, 404},
			{coach, peer, 200}, {coach, foreign, 404},
			{admin, peer, 200}, {admin, foreign, 404},
			{platform, foreign, 200},
			{admin, "not-a-uuid", 404},
		}
		for _, c := range cases {
			if resp, body := s.API(c.token, http.MethodGet, "/api/v1/users/"+c.id, nil); resp.StatusCode != c.want {
				t.Errorf("GET users/%s: %d, want %d: %s", c.id, resp.StatusCode, c.want, body)
			}
		}

		list := func(token, query string) []api.Cohort {
			resp, body := s.API(token, http.MethodGet, "/api/v1/cohorts"+query, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("cohorts%s: %d %s", query, resp.StatusCode, body)
			}
			var out api.CohortList
			_ = json.Unmarshal(body, &out)
			return out.Cohorts
		}
		if got := list(learner, ""); len(got) != 1 || got[0].Name != "Desarrollo de negocio 2026" {
			t.Fatalf("learner cohorts = %+v", got)
		}
		if got := list(coach, ""); len(got) != 2 {
			t.Fatalf("coach cohorts = %d", len(got))
		}
		if got := list(admin, ""); len(got) != 2 {
			t.Fatalf("org admin cohorts = %d", len(got))
		}
		if got := list(admin, "?organisation="+orgID(t, s, "globex")); len(got) != 0 {
			t.Fatalf("org admin sees another organisation's cohorts: %+v", got)
		}
		if got := list(platform, ""); len(got) != 3 {
			t.Fatalf("platform admin cohorts = %d", len(got))
		}
		if got := list(platform, "?organisation="+orgID(t, s, "globex")); len(got) != 1 {
			t.Fatalf("platform admin filtered cohorts = %d", len(got))
		}
		resp, body := s.API(admin, http.MethodGet, "/api/v1/cohorts?organisation=bad", nil, "Accept-Language", "es")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"organisation":"El identificador no es válido."`) {
			t.Fatalf("invalid filter: %d %s", resp.StatusCode, body)
		}

		cohort := cohortID(t, s, "Desarrollo de negocio 2026")
		detail := func(token string) api.CohortDetail {
			resp, body := s.API(token, http.MethodGet, "/api/v1/cohorts/"+cohort, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("cohort: %d %s", resp.StatusCode, body)
			}
			var d api.CohortDetail
			_ = json.Unmarshal(body, &d)
			return d
		}
		// A learner sees the cohort, their coach and themself, not the other learners.
		if d := detail(learner); len(d.Members) != 1 || d.Members[0].ID != self || len(d.Coaches) != 1 || d.MembersCount != 6 {
			t.Fatalf("learner's view of their cohort: %+v", d)
		}
		if d := detail(coach); len(d.Members) != 6 {
			t.Fatalf("coach's view: %d members", len(d.Members))
		}
		if resp, _ := s.API(s.Token("learner7@acme.example"), http.MethodGet, "/api/v1/cohorts/"+cohort, nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("learner of another cohort: %d", resp.StatusCode)
		}
		if resp, _ := s.API(s.Token("admin@globex.example"), http.MethodGet, "/api/v1/cohorts/"+cohort, nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another organisation's admin: %d", resp.StatusCode)
		}
	})
}

func TestAPIUnknownRouteIsJSON(t *testing.T) {
	s := apptest.New(t, "sqlite")
	resp, body := s.API(s.Token("admin@acme.example"), http.MethodGet, "/api/v1/nothing-here", nil)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"code":"not_found"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	resp, body = s.API("", http.MethodGet, "/api/elsewhere", nil)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"code":"not_found"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
}
