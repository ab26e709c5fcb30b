package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/identity"
)

// erasePage posts the confirmation form of the person's erasure as c.
func erasePage(c *apptest.Client, personID, typed string) *http.Response {
	return c.PostForm("/people/"+personID+"/erase", url.Values{"confirm_name": {typed}})
}

// eraseAPI asks for the person's erasure through the API with the token.
func eraseAPI(s *apptest.Server, token, personID, body string) (*http.Response, []byte) {
	return s.API(token, http.MethodPost, "/api/v1/users/"+personID+"/erase", strings.NewReader(body), "Content-Type", "application/json")
}

func TestEraseThroughThePages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		p := newPrivacySubject(t, s)
		admin := s.Login("admin@acme.example") // who reads Academy in Spanish

		person := wantStatus(t, "her page", admin.Get("/people/"+p.id), http.StatusOK)
		if !strings.Contains(person, `href="/people/`+p.id+`/erase"`) {
			t.Fatal("her page has no way to erase her data")
		}
		form := wantStatus(t, "the confirmation page", admin.Get("/people/"+p.id+"/erase"), http.StatusOK)
		for _, w := range []string{"No se puede deshacer", subjectName, `name="confirm_name"`} {
			if !strings.Contains(form, w) {
				t.Errorf("the confirmation page lacks %q", w)
			}
		}

		// A wrong name changes nothing and says why, next to the field.
		before := devCounts(t, s)
		resp := erasePage(admin, p.id, "Zelda")
		body := wantStatus(t, "a wrong name", resp, http.StatusUnprocessableEntity)
		if !strings.Contains(body, "Ese no es el nombre de la persona") || !strings.Contains(body, `href="#f-confirm_name"`) {
			t.Errorf("the error is not explained: %.400s", body)
		}
		if after := devCounts(t, s); !mapsEqual(before, after) || countRows(t, s, "users", "id = ? AND erased_at IS NULL", p.id) != 1 {
			t.Fatalf("a refused erasure changed data: %v → %v", before, after)
		}
		if resp := erasePage(admin, p.id, ""); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("an empty name: %d", resp.StatusCode)
		}

		// Her name, typed with other capitals and spaces, erases her.
		resp = erasePage(admin, p.id, "  zelda   QUINTANILLA-erasmus ")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/orgs/"+orgID(t, s, "acme")+"/people?done=erased" {
			t.Fatalf("erase: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		people := wantStatus(t, "the people page", admin.Get(resp.Header.Get("Location")), http.StatusOK)
		if !strings.Contains(people, "Se han borrado los datos de la persona") || !strings.Contains(people, "borrado por") {
			t.Errorf("the people page does not confirm nor log the erasure")
		}
		if len(tracesIn(people)) > 0 {
			t.Errorf("the people page still shows her: %v", tracesIn(people))
		}

		// A second submit (double click, back button) ends the same way and logs nothing new.
		resp = erasePage(admin, p.id, subjectName)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?done=erased") {
			t.Errorf("second submit: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := countRows(t, s, "erasures", "subject_id = ?", p.id); n != 1 {
			t.Errorf("%d erasure log entries, want 1", n)
		}
		// Her pages are gone.
		for _, path := range []string{"/people/" + p.id, "/people/" + p.id + "/erase", "/people/" + p.id + "/plan"} {
			if resp := admin.Get(path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s after the erasure: %d", path, resp.StatusCode)
			}
		}
	})
}

func TestErasedPersonCannotSignInNorUseATokenOrSession(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		p := newPrivacySubject(t, s)
		if resp, _ := s.API(p.token, http.MethodGet, "/api/v1/me", nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("her token before: %d", resp.StatusCode)
		}
		if resp, body := eraseAPI(s, s.Token("admin@acme.example"), p.id, `{"confirm_name":"`+subjectName+`"}`); resp.StatusCode != http.StatusOK {
			t.Fatalf("erase: %d %s", resp.StatusCode, body)
		}
		if resp, _ := s.API(p.token, http.MethodGet, "/api/v1/me", nil); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("her token after: %d", resp.StatusCode)
		}
		resp := p.session.Get("/home")
		apptest.Body(resp)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("her session after: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		c := s.NewClient()
		resp = c.PostForm("/login", url.Values{"email": {subjectEmail}, "password": {apptest.DemoPassword}})
		apptest.Body(resp)
		if resp.StatusCode == http.StatusSeeOther {
			t.Errorf("she signed in after the erasure")
		}
		for table, where := range map[string]string{"sessions": "user_id = ?", "api_tokens": "user_id = ?",
			"invitations": "user_id = ?", "cohort_coaches": "user_id = ?"} {
			if n := countRows(t, s, table, where, p.id); n != 0 {
				t.Errorf("%d rows of hers left in %s", n, table)
			}
		}
		var u identity.User
		if err := s.App.DB().Where("id = ?", p.id).Take(&u).Error; err != nil {
			t.Fatal(err)
		}
		if u.Name != "" || u.Email != p.id+"@"+identity.ErasedEmailDomain || u.PasswordHash != nil || u.Active || u.ErasedAt == nil {
			t.Errorf("her row after the erasure: %+v", u)
		}
		// Her address is free again: she can be invited anew, as a new person.
		if _, err := s.App.Identity().Invite(context.Background(), userID(t, s, "admin@acme.example"), orgID(t, s, "acme"),
			identity.InviteInput{Email: subjectEmail, Name: subjectName, Role: identity.RoleLearner}); err != nil {
			t.Errorf("invite her address again: %v", err)
		}
	})
}

func TestEraseAuthorization(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		p := newPrivacySubject(t, s)
		confirm := `{"confirm_name":"` + subjectName + `"}`
		refused := []struct {
			who  string
			want int
		}{
			{subjectEmail, http.StatusForbidden},             // herself: she may see herself, not manage
			{"learner8@acme.example", http.StatusNotFound},   // a peer
			{"coach@acme.example", http.StatusForbidden},     // her coach sees her but does not administer
			{"admin@globex.example", http.StatusNotFound},    // another organisation's administrator
			{"learner2@globex.example", http.StatusNotFound}, // and its learner
		}
		for _, r := range refused {
			if resp, body := eraseAPI(s, s.Token(r.who), p.id, confirm); resp.StatusCode != r.want {
				t.Errorf("API as %s: %d, want %d: %s", r.who, resp.StatusCode, r.want, body)
			}
			c := s.Login(r.who)
			for _, resp := range []*http.Response{c.Get("/people/" + p.id + "/erase"), erasePage(c, p.id, subjectName)} {
				apptest.Body(resp)
				if resp.StatusCode != r.want {
					t.Errorf("page as %s: %d, want %d", r.who, resp.StatusCode, r.want)
				}
			}
		}
		if resp, _ := eraseAPI(s, "", p.id, confirm); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("without a token: %d", resp.StatusCode)
		}
		if n := countRows(t, s, "users", "id = ? AND erased_at IS NULL AND name = ?", p.id, subjectName); n != 1 {
			t.Fatal("a refused request erased her")
		}

		// Administrators may not erase themselves, nor the last administrator.
		admin := newDevClient(t, s, "admin@acme.example")
		adminID := userID(t, s, "admin@acme.example")
		status, body := admin.do(http.MethodPost, "/api/v1/users/"+adminID+"/erase", `{"confirm_name":"`+userName(t, s, "admin@acme.example")+`"}`, nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "You cannot erase your own account") {
			t.Errorf("erase yourself: %d %s", status, body)
		}
		platform := newDevClient(t, s, "admin@academy.example")
		status, body = platform.do(http.MethodPost, "/api/v1/users/"+adminID+"/erase", `{"confirm_name":"`+userName(t, s, "admin@acme.example")+`"}`, nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "only active administrator") {
			t.Errorf("erase the last administrator: %d %s", status, body)
		}
		// A platform administrator has no organisation and is not erased this way.
		status, _ = admin.do(http.MethodPost, "/api/v1/users/"+userID(t, s, "admin@academy.example")+"/erase", `{"confirm_name":"x"}`, nil)
		if status != http.StatusNotFound {
			t.Errorf("erase the platform administrator as an organisation's: %d", status)
		}
		// Bad input: a wrong name, no name, not JSON.
		for body, want := range map[string]int{`{"confirm_name":"Zelda Q"}`: 422, `{}`: 422, `{"confirm_name":1}`: 422, `{"other":"x"}`: 422} {
			if status, got := admin.do(http.MethodPost, "/api/v1/users/"+p.id+"/erase", body, nil); status != want {
				t.Errorf("%s: %d, want %d: %s", body, status, want, got)
			} else if !strings.Contains(got, `"fields"`) {
				t.Errorf("%s: no field says what is wrong: %s", body, got)
			}
		}
		if n := countRows(t, s, "erasures", "1 = 1"); n != 0 {
			t.Fatalf("%d erasures after refused requests", n)
		}

		// The platform administrator may erase her, once; repeating answers the same erasure.
		var first, again map[string]any
		platform.must(http.StatusOK, http.MethodPost, "/api/v1/users/"+p.id+"/erase", confirm, &first)
		platform.must(http.StatusOK, http.MethodPost, "/api/v1/users/"+p.id+"/erase", confirm, &again)
		if first["id"] != again["id"] || first["user_id"] != p.id || first["erased_by"] != userID(t, s, "admin@academy.example") {
			t.Errorf("erasures %v and %v", first, again)
		}
		// Once erased she is unknown, even to those who could see her.
		if status, _ := admin.do(http.MethodGet, "/api/v1/users/"+p.id, "", nil); status != http.StatusNotFound {
			t.Errorf("GET her after the erasure: %d", status)
		}
	})
}
