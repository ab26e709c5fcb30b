package web

import (
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// TestPagePath: a page re-shown by a form's POST stands for the page the form was on (the
// same-origin Referer); anything else stands for its own path.
func TestPagePath(t *testing.T) {
	app := fiber.New()
	app.All("/*", func(c *fiber.Ctx) error { return c.SendString(pagePath(c)) })
	cases := []struct {
		method, path, referer, want string
	}{
		{"GET", "/people/1/plan", "http://academy.test/home", "/people/1/plan"},
		{"POST", "/people/1/goals", "http://academy.test/people/1/plan", "/people/1/plan"},
		{"POST", "/people/1/goals", "http://evil.example/people/1/plan", "/people/1/goals"},
		{"POST", "/people/1/goals", "", "/people/1/goals"},
		{"POST", "/people/1/goals", "not a url\x7f", "/people/1/goals"},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, "http://academy.test"+c.path, nil)
		if c.referer != "" {
			req.Header.Set("Referer", c.referer)
		}
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if string(body) != c.want {
			t.Errorf("%s %s (Referer %q): page %q, want %q", c.method, c.path, c.referer, body, c.want)
		}
	}
}

// TestLanguageSwitchReturnsToThePage: the language switch leads back to the page with its
// query (the questionnaire's page, the results' group), the one-off ?done= confirmation
// left out; a page re-shown by a form's POST returns to the page the form was on, query
// included.
func TestLanguageSwitchReturnsToThePage(t *testing.T) {
	app := fiber.New()
	app.All("/*", func(c *fiber.Ctx) error {
		path, query := pageAddress(c)
		return c.SendString(returnTo(path, query))
	})
	cases := []struct {
		method, target, referer, want string
	}{
		{"GET", "/assessments/1?page=3", "", "/assessments/1?page=3"},
		{"GET", "/assessments/1/results?group=cohort", "", "/assessments/1/results?group=cohort"},
		{"GET", "/people/1/plan?done=goal_added", "", "/people/1/plan"},
		{"GET", "/people/1/plan?done=goal_added&x=1", "", "/people/1/plan?x=1"},
		{"GET", "/home", "", "/home"},
		{"GET", "/o/tok?page=2&page=3", "", "/o/tok?page=2&page=3"},
		// The query is re-encoded: what the switch posts back is one plain path and query.
		{"GET", "/modules?q=%5C%5Cevil%22%3E", "", "/modules?q=%5C%5Cevil%22%3E"},
		{"POST", "/assessments/1?page=3", "http://academy.test/assessments/1?page=3", "/assessments/1?page=3"},
		{"POST", "/people/1/goals", "http://academy.test/people/1/plan?done=x", "/people/1/plan"},
		{"POST", "/people/1/goals", "http://evil.example/people/1/plan?page=2", "/people/1/goals"},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, "http://academy.test"+c.target, nil)
		if c.referer != "" {
			req.Header.Set("Referer", c.referer)
		}
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if string(body) != c.want {
			t.Errorf("%s %s (Referer %q): returns to %q, want %q", c.method, c.target, c.referer, body, c.want)
		}
		if got := string(body); SafeNext(got) != got {
			t.Errorf("%s %s: %q is not a path on this site", c.method, c.target, got)
		}
	}
}
