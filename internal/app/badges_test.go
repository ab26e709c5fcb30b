package app_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app"
	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/badges/dataintegrity"
	"github.com/academy-platform/academy/internal/badges/openbadges"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// earnBadge has the person complete the module through the courses store, as the pages
// do, and returns the badge that earned them.
func earnBadge(t *testing.T, s *apptest.Server, email, slug string) string {
	t.Helper()
	completeModule(t, s, email, slug)
	b, err := s.App.Badges().ForModule(context.Background(), userID(t, s, email), slug)
	if err != nil {
		t.Fatalf("no badge after %s completed %s: %v", email, slug, err)
	}
	return b.ID
}

// get fetches path from the app with the given headers (name, value, …).
func get(t *testing.T, h interface {
	Test(*http.Request, ...int) (*http.Response, error)
}, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := h.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp, string(body)
}

// verifyOverHTTP verifies a signed document as an outside verifier would: with the keys
// the issuer's profile publishes at its public address.
func verifyOverHTTP(t *testing.T, h interface {
	Test(*http.Request, ...int) (*http.Response, error)
}, doc []byte) (dataintegrity.Proof, error) {
	t.Helper()
	var head struct {
		Issuer any `json:"issuer"`
	}
	if err := json.Unmarshal(doc, &head); err != nil {
		t.Fatal(err)
	}
	issuer, _ := head.Issuer.(string)
	if m, ok := head.Issuer.(map[string]any); ok {
		issuer, _ = m["id"].(string)
	}
	u, err := url.Parse(issuer)
	if err != nil || u.Host != "academy.test" {
		t.Fatalf("issuer %q is not under the base URL", issuer)
	}
	resp, body := get(t, h, u.Path)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/ld+json") {
		t.Fatalf("issuer profile %s: %d %s", u.Path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var profile struct {
		ID                 string `json:"id"`
		VerificationMethod []struct {
			ID                 string `json:"id"`
			Type               string `json:"type"`
			Controller         string `json:"controller"`
			PublicKeyMultibase string `json:"publicKeyMultibase"`
		} `json:"verificationMethod"`
		AssertionMethod []string `json:"assertionMethod"`
	}
	if err := json.Unmarshal([]byte(body), &profile); err != nil || profile.ID != issuer {
		t.Fatalf("issuer profile: %v, id %q", err, profile.ID)
	}
	return dataintegrity.Verify(doc, dataintegrity.AssertionMethod, func(vm string) (ed25519.PublicKey, error) {
		for _, m := range profile.VerificationMethod {
			if m.ID == vm && m.Type == "Multikey" && m.Controller == issuer && strings.Contains(strings.Join(profile.AssertionMethod, " "), vm) {
				return dataintegrity.DecodePublicKey(m.PublicKeyMultibase)
			}
		}
		return nil, fmt.Errorf("the issuer profile does not publish %s", vm)
	})
}

// statusBit reads a credential's bit in its issuer's revocation list, over HTTP, after
// checking the list's signature.
func statusBit(t *testing.T, s *apptest.Server, credential []byte) bool {
	t.Helper()
	var c struct {
		CredentialStatus openbadges.StatusEntry `json:"credentialStatus"`
	}
	_ = json.Unmarshal(credential, &c)
	u, _ := url.Parse(c.CredentialStatus.StatusListCredential)
	resp, body := get(t, s.App.Handler(), u.Path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status list %s: %d", u.Path, resp.StatusCode)
	}
	if _, err := verifyOverHTTP(t, s.App.Handler(), []byte(body)); err != nil {
		t.Fatalf("status list signature: %v", err)
	}
	var list openbadges.StatusListCredential
	_ = json.Unmarshal([]byte(body), &list)
	bits, err := openbadges.DecodeBitstring(list.CredentialSubject.EncodedList)
	if err != nil {
		t.Fatal(err)
	}
	i, _ := strconv.Atoi(c.CredentialStatus.StatusListIndex)
	return bits.Get(i)
}

func TestBadgeEarnedByCompletingAModule(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		h := s.App.Handler()
		learner := userID(t, s, "learner1@acme.example")
		id := earnBadge(t, s, "learner1@acme.example", "giving-first")
		b, err := s.App.Badges().Badge(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if err := openbadges.Check(b.Credential); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b.Credential), "/competencies#giving-first") || !strings.Contains(string(b.Credential), `"targetName":"Dar primero"`) {
			t.Errorf("the credential does not align with the module's dimension: %s", b.Credential)
		}

		// The learner sees it on the module and in their badges.
		member := s.Login("learner1@acme.example")
		if body := apptest.Body(member.Get("/modules/giving-first")); !strings.Contains(body, "/badges/"+id+".json") {
			t.Error("the completed module does not offer its badge")
		}
		if body := apptest.Body(member.Get("/modules/other-focus")); strings.Contains(body, ".json") {
			t.Error("a module not completed offers a badge")
		}
		resp := member.Get("/people/" + learner + "/badges")
		if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Dar primero") ||
			!strings.Contains(body, "http://academy.test/badges/"+id) {
			t.Fatalf("badges page: %d", resp.StatusCode)
		}

		// Anyone with the link sees the verification, in their language, without the learner.
		resp, body := get(t, h, "/badges/"+id, "Accept-Language", "en")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Valid badge") || !strings.Contains(body, "Acme") ||
			!strings.Contains(body, "Dar primero") {
			t.Fatalf("public page: %d\n%s", resp.StatusCode, body)
		}
		if strings.Contains(body, "learner1") || strings.Contains(body, "Learner One") || strings.Contains(body, "sha256$") {
			t.Error("the public page discloses the learner")
		}
		if _, body := get(t, h, "/badges/"+id); !strings.Contains(body, "Insignia válida") {
			t.Error("the public page is not in Spanish by default")
		}

		// Software asking for JSON-LD gets the credential, which verifies with the published keys.
		resp, body = get(t, h, "/badges/"+id, "Accept", "application/ld+json")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/ld+json") ||
			!strings.Contains(resp.Header.Get("Vary"), "Accept") {
			t.Fatalf("credential by content negotiation: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		proof, err := verifyOverHTTP(t, h, []byte(body))
		if err != nil {
			t.Fatalf("the served credential does not verify with the published keys: %v", err)
		}
		if proof.VerificationMethod != "http://academy.test/orgs/"+orgID(t, s, "acme")+"/issuer#key-1" {
			t.Errorf("signed with %s", proof.VerificationMethod)
		}
		resp, _ = get(t, h, "/badges/"+id+".json")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Disposition") != `attachment; filename="academy-badge-giving-first.json"` {
			t.Errorf("download: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		if statusBit(t, s, b.Credential) {
			t.Error("a new badge is marked revoked")
		}
		if _, body := get(t, h, "/competencies", "Accept-Language", "en"); !strings.Contains(body, `id="giving-first"`) || !strings.Contains(body, "Giving first") {
			t.Error("the competency model page lacks the dimension the badge aligns to")
		}

		// Unknown ids: 404, as a page or as JSON.
		if resp, _ := get(t, h, "/badges/0190a000-0000-7000-8000-000000000000"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown badge: %d", resp.StatusCode)
		}
		resp, body = get(t, h, "/badges/nonsense", "Accept", "application/ld+json")
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"not_found"`) {
			t.Errorf("unknown badge as JSON: %d %s", resp.StatusCode, body)
		}
		if resp, body := get(t, h, "/orgs/nonsense/issuer"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"not_found"`) {
			t.Errorf("unknown issuer: %d %s", resp.StatusCode, body)
		}

		// The API lists the badge for the learner, their coach and admin; nobody else.
		for _, email := range []string{"learner1@acme.example", "coach@acme.example", "admin@acme.example"} {
			resp, data := s.API(s.Token(email), http.MethodGet, "/api/v1/users/"+learner+"/badges", nil)
			var list struct {
				Badges []struct {
					ID, Module, Status, URL string
					Credential              json.RawMessage
				}
			}
			_ = json.Unmarshal(data, &list)
			if resp.StatusCode != http.StatusOK || len(list.Badges) != 1 || list.Badges[0].ID != id || list.Badges[0].Status != "active" ||
				list.Badges[0].Module != "giving-first" || string(list.Badges[0].Credential) != string(b.Credential) {
				t.Errorf("API as %s: %d %s", email, resp.StatusCode, data)
			}
		}
		for _, email := range []string{"learner2@acme.example", "admin@globex.example", "coach@globex.example"} {
			if resp, _ := s.API(s.Token(email), http.MethodGet, "/api/v1/users/"+learner+"/badges", nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("API as %s: %d, want 404", email, resp.StatusCode)
			}
		}
		if resp, _ := s.API(s.Token("learner1@acme.example"), http.MethodGet, "/api/v1/users/"+learner+"/badges?limit=0", nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("limit=0: %d", resp.StatusCode)
		}
	})
}

func TestBadgeListPages(t *testing.T) {
	s := apptest.New(t, db.SQLite)
	learner := userID(t, s, "learner1@acme.example")
	for _, slug := range []string{"networking-is-giving", "giving-first", "other-focus"} {
		earnBadge(t, s, "learner1@acme.example", slug)
	}
	token := s.Token("learner1@acme.example")
	var seen []string
	path := "/api/v1/users/" + learner + "/badges?limit=2"
	for range 3 {
		resp, data := s.API(token, http.MethodGet, path, nil)
		var page struct {
			Badges     []struct{ Module string }
			NextCursor *string `json:"next_cursor"`
		}
		if err := json.Unmarshal(data, &page); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, data)
		}
		for _, b := range page.Badges {
			seen = append(seen, b.Module)
		}
		if page.NextCursor == nil {
			break
		}
		path = "/api/v1/users/" + learner + "/badges?limit=2&cursor=" + *page.NextCursor
	}
	if strings.Join(seen, " ") != "networking-is-giving giving-first other-focus" {
		t.Errorf("pages gave %v", seen)
	}
	resp, data := s.API(token, http.MethodGet, "/api/v1/users/"+learner+"/badges?from=2999-01-01", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), `"badges":[]`) {
		t.Errorf("from the future: %d %s", resp.StatusCode, data)
	}
}

func TestRevokingABadge(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		h := s.App.Handler()
		learner := userID(t, s, "learner1@acme.example")
		id := earnBadge(t, s, "learner1@acme.example", "giving-first")
		path := "/badges/" + id + "/revoke"
		// A new form each time: the client adds its own token to the values it is given.
		reason := func() url.Values { return url.Values{"reason": {"Emitida por error"}} }

		// Only the organisation's administrators revoke: the learner, their coach and another
		// organisation are refused, and nothing changes.
		for email, want := range map[string]int{"learner1@acme.example": http.StatusForbidden, "coach@acme.example": http.StatusForbidden,
			"learner2@acme.example": http.StatusForbidden, "admin@globex.example": http.StatusNotFound} {
			c := s.Login(email)
			if resp := c.Get(path); resp.StatusCode != want {
				t.Errorf("%s opens the revocation: %d, want %d", email, resp.StatusCode, want)
			}
			if resp := c.PostForm(path, reason()); resp.StatusCode != want {
				t.Errorf("%s revokes: %d, want %d", email, resp.StatusCode, want)
			}
		}
		if v, _ := s.App.Badges().Verify(context.Background(), id); v.Status != badges.Valid {
			t.Fatalf("a refused revocation left the badge %s", v.Status)
		}

		admin := s.Login("admin@acme.example")
		if body := apptest.Body(admin.Get("/people/" + learner + "/badges")); !strings.Contains(body, path) {
			t.Error("the admin's view of the learner's badges offers no revocation")
		}
		if body := apptest.Body(s.Login("coach@acme.example").Get("/people/" + learner + "/badges")); strings.Contains(body, path) {
			t.Error("the coach is offered the revocation")
		}
		resp := admin.Get(path)
		if body := apptest.Body(resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="reason"`) || !strings.Contains(body, "¿Revocar esta insignia?") {
			t.Fatalf("confirmation page: %d", resp.StatusCode)
		}
		// Without a reason: the form again, with the problem in the reader's language.
		resp = admin.PostForm(path, url.Values{"reason": {"  "}})
		if body := apptest.Body(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Este campo es obligatorio") ||
			!strings.Contains(body, `href="#f-reason"`) {
			t.Fatalf("revocation without a reason: %d\n%s", resp.StatusCode, body)
		}
		if v, _ := s.App.Badges().Verify(context.Background(), id); v.Status != badges.Valid {
			t.Fatal("a revocation without a reason changed the badge")
		}
		resp = admin.PostForm(path, reason())
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/people/"+learner+"/badges?done=badge_revoked" {
			t.Fatalf("revocation: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}

		if _, body := get(t, h, "/badges/"+id, "Accept-Language", "en"); !strings.Contains(body, "Revoked badge") || strings.Contains(body, "Emitida por error") {
			t.Error("the public page does not say revoked, or publishes the reason")
		}
		b, _ := s.App.Badges().Badge(context.Background(), id)
		if !statusBit(t, s, b.Credential) {
			t.Error("the revocation list does not list the badge")
		}
		if body := apptest.Body(s.Login("learner1@acme.example").Get("/people/" + learner + "/badges")); !strings.Contains(body, "Emitida por error") {
			t.Error("the learner is not told why")
		}
		_, data := s.API(s.Token("learner1@acme.example"), http.MethodGet, "/api/v1/users/"+learner+"/badges", nil)
		if !strings.Contains(string(data), `"status":"revoked"`) || !strings.Contains(string(data), `"revocation_reason":"Emitida por error"`) {
			t.Errorf("API after revocation: %s", data)
		}
		if resp := admin.Get(path); resp.StatusCode != http.StatusConflict {
			t.Errorf("revoking again: %d, want 409", resp.StatusCode)
		}
	})
}

func TestShowingTheLearnerNameOnABadge(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		h := s.App.Handler()
		id := earnBadge(t, s, "learner1@acme.example", "giving-first")
		u, _ := s.App.Identity().UserByEmail(context.Background(), "learner1@acme.example")
		path := "/badges/" + id + "/share"
		if _, body := get(t, h, "/badges/"+id); strings.Contains(body, u.Name) {
			t.Fatal("the public page shows the learner's name before they chose to")
		}
		for email, want := range map[string]int{"coach@acme.example": http.StatusForbidden, "admin@acme.example": http.StatusForbidden,
			"learner2@acme.example": http.StatusNotFound, "admin@globex.example": http.StatusNotFound} {
			if resp := s.Login(email).PostForm(path, url.Values{"share": {"1"}}); resp.StatusCode != want {
				t.Errorf("%s shows the name: %d, want %d", email, resp.StatusCode, want)
			}
		}
		member := s.Login("learner1@acme.example")
		if resp := member.PostForm(path, url.Values{"share": {"yes"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("share=yes: %d", resp.StatusCode)
		}
		if _, body := get(t, h, "/badges/"+id); strings.Contains(body, u.Name) {
			t.Fatal("someone else's or a malformed request showed the name")
		}
		if resp := member.PostForm(path, url.Values{"share": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("share: %d", resp.StatusCode)
		}
		if _, body := get(t, h, "/badges/"+id); !strings.Contains(body, u.Name) || strings.Contains(body, u.Email) {
			t.Error("the public page does not show the name the learner shared, or shows their email")
		}
		if resp := member.PostForm(path, url.Values{"share": {"0"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unshare: %d", resp.StatusCode)
		}
		if _, body := get(t, h, "/badges/"+id); strings.Contains(body, u.Name) {
			t.Error("the name stays after the learner hid it")
		}
	})
}

// TestDemoBadgesVerify: `academy seed --demo` (what `make run` loads) gives every demo
// learner who completed a module its badge, issued through the courses store like any
// completion, and each verifies, on its own and over HTTP with the published keys.
func TestDemoBadgesVerify(t *testing.T) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			target := dbtest.Target(t, kind)
			dbURL := target.DSN
			if kind == db.SQLite {
				dbURL = "sqlite:" + target.Path
			}
			env := map[string]string{"ACADEMY_DATABASE_URL": dbURL, "ACADEMY_LOG_LEVEL": "error", "ACADEMY_BASE_URL": "http://academy.test"}
			if code, _, errOut := run(t, env, "seed", "--demo"); code != 0 {
				t.Fatalf("seed --demo: %d %s", code, errOut)
			}
			cfg, err := app.NewConfig(func(k string) string { return env[k] })
			if err != nil {
				t.Fatal(err)
			}
			a, err := app.Build(context.Background(), cfg, discardLogger())
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			var completions, issued int64
			a.DB().Table("module_completions").Count(&completions)
			a.DB().Table("badges").Count(&issued)
			if completions == 0 || issued != completions {
				t.Fatalf("%d module completions in the demo, %d badges", completions, issued)
			}
			var ids []string
			a.DB().Table("badges").Order("id").Pluck("id", &ids)
			for _, id := range ids {
				v, err := a.Badges().Verify(context.Background(), id)
				if err != nil || v.Status != badges.Valid {
					t.Fatalf("demo badge %s: %+v, %v", id, v, err)
				}
			}
			resp, body := get(t, a.Handler(), "/badges/"+ids[0], "Accept", "application/ld+json")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("demo credential: %d", resp.StatusCode)
			}
			if _, err := verifyOverHTTP(t, a.Handler(), []byte(body)); err != nil {
				t.Fatalf("demo credential with the published keys: %v", err)
			}
			if _, page := get(t, a.Handler(), "/badges/"+ids[0], "Accept-Language", "en"); !strings.Contains(page, "Valid badge") {
				t.Error("the demo badge's public page does not say valid")
			}
		})
	}
}

// TestRotateKeyCommand: after `academy badges rotate-key`, new badges are signed with the
// new key and earlier ones still verify with the old one, which stays published.
func TestRotateKeyCommand(t *testing.T) {
	env := map[string]string{"ACADEMY_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "cli.db"),
		"ACADEMY_LOG_LEVEL": "error", "ACADEMY_BASE_URL": "http://academy.test"}
	if code, _, errOut := run(t, env, "seed", "--demo"); code != 0 {
		t.Fatalf("seed --demo: %d %s", code, errOut)
	}
	code, out, errOut := run(t, env, "badges", "rotate-key", "--org", "acme")
	if code != 0 || !strings.Contains(out, "key 2") || !strings.Contains(out, "/issuer#key-2") {
		t.Fatalf("rotate-key: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, env, "badges", "rotate-key", "--org", "nowhere"); code != 1 || !strings.Contains(errOut, "no organisation") {
		t.Errorf("unknown organisation: %d %q", code, errOut)
	}
	if code, _, _ := run(t, env, "badges", "rotate-key"); code != 2 {
		t.Errorf("without --org: %d", code)
	}
	if code, _, _ := run(t, env, "badges", "shred"); code != 2 {
		t.Errorf("unknown subcommand: %d", code)
	}

	cfg, err := app.NewConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Build(context.Background(), cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	var old string
	if err := a.DB().Table("badges b").Joins("JOIN organisations o ON o.id = b.organisation_id").Where("o.slug = ?", "acme").
		Limit(1).Pluck("b.id", &old).Error; err != nil || old == "" {
		t.Fatalf("no demo badge of acme: %v", err)
	}
	if v, _ := a.Badges().Verify(ctx, old); v.Status != badges.Valid || !strings.HasSuffix(v.Key, "#key-1") {
		t.Errorf("badge signed before the rotation: %+v", v)
	}
	// learner12 has not started any module in the demo.
	learner, _ := a.Identity().UserByEmail(ctx, "learner12@acme.example")
	passModule(t, a.Courses(), learner.ID, "networking-is-giving")
	b, err := a.Badges().ForModule(ctx, learner.ID, "networking-is-giving")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := a.Badges().Verify(ctx, b.ID); v.Status != badges.Valid || !strings.HasSuffix(v.Key, "#key-2") {
		t.Errorf("badge signed after the rotation: %+v", v)
	}
	if v, _ := a.Badges().Verify(ctx, old); v.Status != badges.Valid {
		t.Errorf("badge signed before the rotation, after it: %+v", v)
	}
}

// TestRevokingABadgeThroughTheAPI: only the organisation's administrators revoke through
// the API, with a reason in their language when it is missing, once.
func TestRevokingABadgeThroughTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		id := earnBadge(t, s, "learner1@acme.example", "giving-first")
		path := "/api/v1/badges/" + id + "/revoke"
		revoke := func(email, body string, header ...string) (*http.Response, []byte) {
			return s.API(s.Token(email), http.MethodPost, path, strings.NewReader(body), append([]string{"Content-Type", "application/json"}, header...)...)
		}
		for email, want := range map[string]int{"learner1@acme.example": http.StatusForbidden, "coach@acme.example": http.StatusForbidden,
			"learner2@acme.example": http.StatusForbidden, "admin@globex.example": http.StatusNotFound} {
			if resp, body := revoke(email, `{"reason":"Emitida por error"}`); resp.StatusCode != want {
				t.Errorf("%s revokes: %d, want %d: %s", email, resp.StatusCode, want, body)
			}
		}
		if v, _ := s.App.Badges().Verify(context.Background(), id); v.Status != badges.Valid {
			t.Fatalf("a refused revocation left the badge %s", v.Status)
		}
		for lang, want := range map[string]string{"es": "obligatorio", "en": "required"} {
			resp, body := revoke("admin@acme.example", `{"reason":"   "}`, "Accept-Language", lang)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), want) {
				t.Errorf("revocation without a reason (%s): %d %s", lang, resp.StatusCode, body)
			}
		}
		if v, _ := s.App.Badges().Verify(context.Background(), id); v.Status != badges.Valid {
			t.Fatal("a revocation without a reason changed the badge")
		}
		resp, body := revoke("admin@acme.example", `{"reason":"Emitida por error"}`)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"status":"revoked"`) || !strings.Contains(string(body), `"revocation_reason":"Emitida por error"`) {
			t.Fatalf("revocation: %d %s", resp.StatusCode, body)
		}
		if v, _ := s.App.Badges().Verify(context.Background(), id); v.Status != badges.Revoked {
			t.Errorf("after the revocation the badge is %s", v.Status)
		}
		if resp, body := revoke("admin@acme.example", `{"reason":"Otra vez"}`); resp.StatusCode != http.StatusConflict {
			t.Errorf("revoking again: %d %s", resp.StatusCode, body)
		}
	})
}
