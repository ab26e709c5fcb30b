package loadtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// browser is one simulated person: a cookie jar, the CSRF token of their pages, and the
// shared statistics.
type browser struct {
	bases []string // the instances, used in turn
	next  int
	http  *http.Client
	csrf  string
	stats *Stats
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func newBrowser(bases []string, transport http.RoundTripper, stats *Stats) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{bases: bases, stats: stats, http: &http.Client{
		Jar: jar, Transport: transport, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// do sends a request, times it under step, and checks the status.
func (b *browser) do(step string, req *http.Request, want int) (*http.Response, string, error) {
	start := time.Now()
	resp, err := b.http.Do(req)
	var body string
	if err == nil {
		data, rerr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		body, err = string(data), rerr
		if err == nil && resp.StatusCode != want {
			err = fmt.Errorf("%s %s: status %d, want %d", req.Method, req.URL.Path, resp.StatusCode, want)
		}
	}
	b.stats.Record(step, time.Since(start), err)
	if err == nil {
		if m := csrfInput.FindStringSubmatch(body); m != nil {
			b.csrf = m[1]
		}
	}
	return resp, body, err
}

// base returns the instance for the next request. All instances share a host (loopback),
// so the cookie jar sends the same cookies to each.
func (b *browser) base() string {
	u := b.bases[b.next%len(b.bases)]
	b.next++
	return u
}

func (b *browser) get(step, path string, want int) (*http.Response, string, error) {
	req, _ := http.NewRequest(http.MethodGet, b.base()+path, nil)
	return b.do(step, req, want)
}

func (b *browser) post(step, path string, form url.Values, want int) (*http.Response, string, error) {
	form.Set("_csrf", b.csrf)
	req, _ := http.NewRequest(http.MethodPost, b.base()+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", b.csrf)
	return b.do(step, req, want)
}

// signIn opens the sign-in page and signs in.
func (b *browser) signIn(email, password string) error {
	if _, _, err := b.get("sign-in page", "/login", http.StatusOK); err != nil {
		return err
	}
	_, _, err := b.post("sign in", "/login", url.Values{"email": {email}, "password": {password}}, http.StatusSeeOther)
	return err
}

// setSession gives the browser a session cookie for base, as if it had signed in.
func (b *browser) setSession(base, token string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	b.http.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	return nil
}

// sessionCookie is the name of Academy's session cookie.
const sessionCookie = "academy_session"
