package app_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
)

func TestBadRequests(t *testing.T) {
	s := apptest.New(t, "sqlite")
	admin := s.Login("admin@acme.example")
	org := orgID(t, s, "acme")

	// Unknown pages: a 404 page in the reader's language.
	resp := admin.Get("/no/such/page")
	if body := apptest.Body(resp); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "No encontramos esta página") {
		t.Fatalf("unknown page: %d", resp.StatusCode)
	}
	anon := s.NewClient()
	anon.Lang = "en"
	if resp := anon.Get("/no/such/page"); resp.StatusCode != http.StatusNotFound || !strings.Contains(apptest.Body(resp), "Page not found") {
		t.Fatalf("unknown page, English: %d", resp.StatusCode)
	}
	// Another organisation's id in the URL.
	if resp := admin.Get("/orgs/" + orgID(t, s, "globex") + "/people"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("foreign org: %d", resp.StatusCode)
	}
	if resp := admin.Get("/cohorts/not-a-uuid"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("malformed id: %d", resp.StatusCode)
	}
	// Wrong content type on a form.
	req, _ := http.NewRequest(http.MethodPost, "/orgs/"+org+"/cohorts", strings.NewReader(`{"name":"json"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", csrfOf(t, admin))
	if resp := admin.Do(req); resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("json to a form: %d", resp.StatusCode)
	}
	// Oversized body, over a real connection (the server refuses it before any handler).
	// It declares 5 MB and is answered before it sends them.
	base := s.Listen()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /orgs/%s/cohorts HTTP/1.1\r\nHost: academy.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\nname=", org, 5<<20)
	resp, err = http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized body: %d", resp.StatusCode)
	}
	// Over-long field: a validation message, nothing stored.
	resp = admin.PostForm("/orgs/"+org+"/cohorts", map[string][]string{"name": {strings.Repeat("x", 121)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(apptest.Body(resp), "como máximo 120 caracteres") {
		t.Fatalf("long name: %d", resp.StatusCode)
	}
	// Health endpoints.
	for _, p := range []string{"/healthz", "/readyz"} {
		if resp := anon.Get(p); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
	}
}
