package apptest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	apispec "github.com/academy-platform/academy/api"
	"github.com/academy-platform/academy/internal/identity"
)

// spec is the parsed contract, loaded once per test binary.
var spec = sync.OnceValues(func() (routers.Router, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(apispec.OpenAPI)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	return gorillamux.NewRouter(doc)
})

// CheckContract fails the test when an /api/v1 request or its response does not match
// api/openapi.yaml. Every API call made through a Client passes through it.
func CheckContract(t testing.TB, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	router, err := spec()
	if err != nil {
		t.Fatalf("api/openapi.yaml: %v", err)
	}
	r := req.Clone(context.Background())
	r.URL.Scheme, r.URL.Host = "", ""
	route, params, err := router.FindRoute(r)
	if err != nil {
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusMethodNotAllowed {
			return // unknown routes are refused; nothing to check against
		}
		t.Errorf("%s %s answered %d but is not in api/openapi.yaml: %v", req.Method, req.URL.Path, resp.StatusCode, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s → %d does not match api/openapi.yaml: %v\nbody: %s", req.Method, req.URL.Path, resp.StatusCode, err, body)
	}
}

// API sends an API request with a bearer token (empty: none), checks it against the
// contract, and returns the response with its body.
func (s *Server) API(token, method, path string, body io.Reader, header ...string) (*http.Response, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest(method, "http://academy.test"+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	var saved []byte
	if body != nil {
		saved, _ = io.ReadAll(body)
		req.Body = io.NopCloser(bytes.NewReader(saved))
	}
	resp := s.Do(req)
	data, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if strings.HasPrefix(path, "/api/v1/") {
		req.Body = io.NopCloser(bytes.NewReader(saved))
		CheckContract(s.t, req, resp, data)
	}
	return resp, data
}

// Token creates a personal API token for the account with that email.
func (s *Server) Token(email string) string {
	s.t.Helper()
	ctx := context.Background()
	u, err := s.App.Identity().UserByEmail(ctx, email)
	if err != nil {
		s.t.Fatalf("token for %s: %v", email, err)
	}
	_, secret, err := s.App.Identity().CreateAPIToken(ctx, u.ID, identity.APITokenInput{Name: "test"})
	if err != nil {
		s.t.Fatal(err)
	}
	return secret
}
