package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/web"
)

func TestSignInLandsOnEachRolesHome(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		cases := []struct{ email, want string }{
			{"admin@academy.example", "Organizaciones"},
			{"admin@acme.example", "Acme Consulting"},
			{"coach@acme.example", "Desarrollo de negocio 2026"},
			{"learner1@acme.example", "La pregunta de esta semana"},
		}
		for _, c := range cases {
			t.Run(c.email, func(t *testing.T) {
				client := s.Login(c.email)
				resp := client.Get("/home")
				body := apptest.Body(resp)
				if resp.StatusCode != http.StatusOK || !strings.Contains(body, c.want) {
					t.Fatalf("home: status %d, want %q in page", resp.StatusCode, c.want)
				}
			})
		}
	})
}

func TestSignInFailures(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		c := s.NewClient()
		resp := c.PostForm("/login", url.Values{"email": {"admin@acme.example"}, "password": {"wrong password"}})
		body := apptest.Body(resp)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "El correo o la contraseña no son correctos.") {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
		if c.Cookie(web.SessionCookie) != "" {
			t.Fatal("a failed sign-in set a session cookie")
		}
		resp = c.PostForm("/login", url.Values{"email": {"nobody@acme.example"}, "password": {"whatever123"}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("unknown email: %d", resp.StatusCode)
		}
		resp = c.PostForm("/login", url.Values{"email": {""}, "password": {""}})
		if body := apptest.Body(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Este campo es obligatorio.") {
			t.Fatalf("empty form: %d", resp.StatusCode)
		}
		// After five failures the account is paused, even with the right password.
		for range 4 {
			c.PostForm("/login", url.Values{"email": {"admin@acme.example"}, "password": {"wrong password"}})
		}
		resp = c.PostForm("/login", url.Values{"email": {"admin@acme.example"}, "password": {apptest.DemoPassword}})
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("rate limit: status %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		// Other accounts are not affected.
		s.Login("coach@acme.example")
	})
}

func TestSessionCookieAndSignOut(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		c := s.NewClient()
		c.Get("/login")
		req, _ := http.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{
			"email": {"learner1@acme.example"}, "password": {apptest.DemoPassword}, "_csrf": {csrfOf(t, c)},
		}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp := c.Do(req)
		var session *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == web.SessionCookie {
				session = ck
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || len(session.Value) < 40 {
			t.Fatalf("session cookie = %+v", session)
		}
		first := session.Value
		if resp := c.PostForm("/logout", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %d", resp.StatusCode)
		}
		// The old token no longer works.
		old := s.NewClient()
		req, _ = http.NewRequest(http.MethodGet, "/home", nil)
		req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: first})
		if resp := old.Do(req); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Fatalf("old session after logout: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		// A new sign-in gets a new token.
		again := s.Login("learner1@acme.example")
		if again.Cookie(web.SessionCookie) == first {
			t.Fatal("a new sign-in reused the old session token")
		}
	})
}

func TestCSRFIsRequiredOnForms(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		admin := s.Login("admin@acme.example")
		org := orgID(t, s, "acme")
		for _, token := range []string{"", "forged-token"} {
			resp := admin.PostForm("/orgs/"+org+"/cohorts", url.Values{"name": {"Forged"}, "_csrf": {token}})
			body := apptest.Body(resp)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "El formulario ha caducado") {
				t.Fatalf("token %q: status %d", token, resp.StatusCode)
			}
		}
		// A token from another browser (another cookie) does not work either.
		other := s.NewClient()
		other.Get("/login")
		resp := admin.PostForm("/orgs/"+org+"/cohorts", url.Values{"name": {"Forged"}, "_csrf": {csrfOf(t, other)}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("token of another browser: %d", resp.StatusCode)
		}
		if n := countRows(t, s, "cohorts", "name = ?", "Forged"); n != 0 {
			t.Fatalf("forged forms created %d cohorts", n)
		}
		// Sign-in itself needs the token too.
		resp = s.NewClient().Do(formRequest("/login", url.Values{"email": {"admin@acme.example"}, "password": {apptest.DemoPassword}}))
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("login without token: %d", resp.StatusCode)
		}
	})
}

func TestDeactivationEndsSessions(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		learner := s.Login("learner2@acme.example")
		admin := s.Login("admin@acme.example")
		id := userID(t, s, "learner2@acme.example")
		if resp := admin.PostForm("/people/"+id+"/deactivate", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("deactivate: %d %s", resp.StatusCode, apptest.Body(resp))
		}
		if resp := learner.Get("/home"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("deactivated learner still signed in: %d", resp.StatusCode)
		}
		resp := s.NewClient().PostForm("/login", url.Values{"email": {"learner2@acme.example"}, "password": {apptest.DemoPassword}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("deactivated learner can sign in: %d", resp.StatusCode)
		}
		if resp := admin.PostForm("/people/"+id+"/activate", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("activate: %d", resp.StatusCode)
		}
		s.Login("learner2@acme.example")
	})
}

func TestLanguageSwitch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		anon := s.NewClient()
		anon.Lang = "en-GB,en;q=0.9"
		if body := apptest.Body(anon.Get("/login")); !strings.Contains(body, "Sign in to Academy") {
			t.Fatal("Accept-Language en did not give the English sign-in page")
		}
		c := s.Login("learner3@acme.example")
		resp := c.PostForm("/language", url.Values{"lang": {"en"}, "next": {"/home"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/home" {
			t.Fatalf("switch: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if body := apptest.Body(c.Get("/home")); !strings.Contains(body, "This week&#39;s question") && !strings.Contains(body, "This week's question") {
			t.Fatal("home is not in English after switching")
		}
		if resp := c.PostForm("/language", url.Values{"lang": {"fr"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("unknown language: %d", resp.StatusCode)
		}
		if resp := c.PostForm("/language", url.Values{"lang": {"es"}, "next": {"https://evil.example/"}}); resp.Header.Get("Location") != "/" {
			t.Fatalf("open redirect: %s", resp.Header.Get("Location"))
		}
	})
}

func formRequest(path string, form url.Values) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}
