// Package apptest runs a complete Academy on a fresh database for tests: in-process
// requests through the Fiber handler, or a real listener for browser tests, and a small
// client that keeps cookies and sends the CSRF token like a browser does.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// DemoPassword is the password of every demo account in tests.
const DemoPassword = "academy-demo"

// Server is an Academy built for one test.
type Server struct {
	App *app.App
	t   testing.TB
}

// New builds Academy on a fresh database of the given kind, with the demo organisations
// loaded. Extra environment values (ACADEMY_…) may be given as name/value pairs.
func New(t testing.TB, kind db.Kind, env ...string) *Server {
	t.Helper()
	return Instances(t, kind, 1, env...)[0]
}

// Instances builds n Academy instances on one fresh database, as when several servers run
// behind a load balancer; the demo organisations are loaded once.
func Instances(t testing.TB, kind db.Kind, n int, env ...string) []*Server {
	t.Helper()
	target := dbtest.Target(t, kind)
	url := target.DSN
	if kind == db.SQLite {
		url = "sqlite:" + target.Path
	}
	servers := make([]*Server, n)
	for i := range servers {
		servers[i] = build(t, url, env)
	}
	if err := app.LoadDemo(context.Background(), servers[0].App, DemoPassword); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	return servers
}

func build(t testing.TB, url string, env []string) *Server {
	t.Helper()
	values := map[string]string{"ACADEMY_DATABASE_URL": url, "ACADEMY_LOG_LEVEL": "error", "ACADEMY_BASE_URL": "http://academy.test"}
	for i := 0; i+1 < len(env); i += 2 {
		values[env[i]] = env[i+1]
	}
	cfg, err := app.NewConfig(func(k string) string { return values[k] })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))
	a, err := app.Build(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	t.Cleanup(func() { _ = a.Close() })
	return &Server{App: a, t: t}
}

// Each runs fn against a fresh server on every database kind under test.
func Each(t *testing.T, fn func(t *testing.T, s *Server)) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) { fn(t, New(t, kind)) })
	}
}

// Listen serves the app on a loopback port until the test ends and returns its base URL.
func (s *Server) Listen() string {
	s.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.t.Fatal(err)
	}
	go func() { _ = s.App.Handler().Listener(ln) }()
	s.t.Cleanup(func() { _ = s.App.Handler().Shutdown() })
	return "http://" + ln.Addr().String()
}

// Do sends a request through the app in-process. A request under /api/v1, whoever sends
// it, is checked against the API contract with its answer (CheckContract).
func (s *Server) Do(req *http.Request) *http.Response {
	s.t.Helper()
	if IsAPI(req.URL.Path) {
		return s.checked(req, s.do)
	}
	return s.do(req)
}

func (s *Server) do(req *http.Request) *http.Response {
	s.t.Helper()
	resp, err := s.App.Handler().Test(req, -1)
	if err != nil {
		s.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	return resp
}

// Client is a browser-like client: it keeps cookies and the last CSRF token it saw.
type Client struct {
	s       *Server
	cookies map[string]string
	csrf    string
	Lang    string // Accept-Language to send, if any
}

// NewClient returns a client with no session.
func (s *Server) NewClient() *Client {
	return &Client{s: s, cookies: map[string]string{}}
}

// Login signs a demo account in and returns its client. It fails the test if sign-in fails.
func (s *Server) Login(email string) *Client {
	s.t.Helper()
	c := s.NewClient()
	resp := c.PostForm("/login", url.Values{"email": {email}, "password": {DemoPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("login %s: status %d: %s", email, resp.StatusCode, Body(resp))
	}
	return c
}

// Get fetches path.
func (c *Client) Get(path string) *http.Response {
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	return c.Do(req)
}

// PostForm sends a form with the CSRF token, fetching a page first if no token is known.
func (c *Client) PostForm(path string, form url.Values) *http.Response {
	c.CSRF()
	if form == nil {
		form = url.Values{}
	}
	if !form.Has("_csrf") {
		form.Set("_csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// Do sends req with the client's cookies, records new cookies and any CSRF token in an
// HTML answer. The body stays readable.
func (c *Client) Do(req *http.Request) *http.Response {
	for name, value := range c.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	resp := c.s.Do(req)
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		body := Body(resp)
		if m := csrfInput.FindStringSubmatch(body); m != nil {
			c.csrf = m[1]
		}
		resp.Body = io.NopCloser(strings.NewReader(body))
	}
	return resp
}

// CSRF returns the token the client's pages carry, loading a page first if needed.
func (c *Client) CSRF() string {
	if c.csrf == "" {
		c.Get("/login")
	}
	if c.csrf == "" {
		c.Get("/home")
	}
	return c.csrf
}

// Cookie returns the value of a cookie the client holds.
func (c *Client) Cookie(name string) string { return c.cookies[name] }

// Body reads and closes a response body.
func Body(resp *http.Response) string {
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return string(b)
}

// testWriter sends the server's error log lines to the test log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
