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
