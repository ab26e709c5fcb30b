package apptest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failures CheckContract reports.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatal(args ...any) { r.failures = append(r.failures, fmt.Sprint(args...)) }

const validMe = `{"id":"01900000-0000-7000-8000-000000000001","email":"ana@example.com","name":"Ana","locale":"es",
"role":"learner","active":true,"pending":false,"organisation_id":null,"created_at":"2026-03-02T09:30:00Z",
"organisation":null,"member_of":[],"coaching":[]}`

const validError = `{"error":{"code":"bad_request","message":"No.","fields":{"limit":"No."}}}`

// TestCheckContract shows what the contract check lets through and what it reports.
func TestCheckContract(t *testing.T) {
	for _, c := range []struct {
		name, method, path string
		status             int
		header             http.Header
		body               string
		fails              string // part of the expected failure; "" for none
	}{
		{"a described answer", "GET", "/api/v1/me", 200, nil, validMe, ""},
		{"an answer that breaks its schema", "GET", "/api/v1/me", 200, nil, `{"id":3}`, "does not match"},
		{"an undocumented status", "GET", "/api/v1/me", 418, nil, validError, "does not match"},
		{"an unknown route refused", "GET", "/api/v1/nothing-here", 404, nil, validError, ""},
		{"an unknown method refused", "DELETE", "/api/v1/me", 405, nil, validError, ""},
		{"an unknown route answered", "GET", "/api/v1/nothing-here", 200, nil, `{}`, "not in api/openapi.yaml"},
		{"a bad parameter refused", "GET", "/api/v1/cohorts?limit=0", 400, nil, validError, ""},
		{"a bad parameter accepted", "GET", "/api/v1/cohorts?limit=0", 200, http.Header{"Etag": {`"x"`}},
			`{"cohorts":[],"next_cursor":null}`, "does not match api/openapi.yaml: "},
		{"an undeclared parameter accepted", "GET", "/api/v1/cohorts?colour=red", 200, http.Header{"Etag": {`"x"`}},
			`{"cohorts":[],"next_cursor":null}`, "undeclared query parameters: colour"},
		{"a list without its ETag", "GET", "/api/v1/cohorts", 200, nil, `{"cohorts":[],"next_cursor":null}`, "ETag"},
		{"a list not modified", "GET", "/api/v1/cohorts", 304, http.Header{"Etag": {`"x"`}}, "", ""},
		{"not modified where the contract does not say so", "GET", "/api/v1/me", 304, nil, "", "does not match"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, "http://academy.test"+c.path, nil)
			req.Header.Set("Authorization", "Bearer acd_x")
			header := http.Header{}
			if c.body != "" {
				header.Set("Content-Type", "application/json")
			}
			for k, v := range c.header {
				header[k] = v
			}
			r := &recorder{TB: t}
			CheckContract(r, req, &http.Response{StatusCode: c.status, Header: header}, []byte(c.body))
			switch {
			case c.fails == "" && len(r.failures) > 0:
				t.Errorf("reported %q, want nothing", r.failures)
			case c.fails != "" && (len(r.failures) == 0 || !strings.Contains(strings.Join(r.failures, "\n"), c.fails)):
				t.Errorf("reported %q, want a failure saying %q", r.failures, c.fails)
			}
		})
	}
}
