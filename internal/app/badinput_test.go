package app_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
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

func TestHTMLInTextFieldsIsShownEscaped(t *testing.T) {
	s := apptest.New(t, "sqlite")
	admin := s.Login("admin@acme.example")
	org := orgID(t, s, "acme")
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>'"`
	resp := admin.PostForm("/orgs/"+org+"/cohorts", url.Values{"name": {hostile}, "description": {hostile}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	for _, page := range []string{"/orgs/" + org + "/cohorts", resp.Header.Get("Location"), "/home"} {
		body := apptest.Body(admin.Get(page))
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Fatalf("%s shows the text unescaped", page)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Fatalf("%s does not show the text at all", page)
		}
	}
	if n := countRows(t, s, "cohorts", "name = ?", hostile); n != 1 {
		t.Fatalf("stored %d cohorts with the exact text", n)
	}
}
