package apptest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
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

// contract is the parsed api/openapi.yaml and its router, loaded once per test binary.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

var spec = sync.OnceValues(func() (contract, error) {
	doc, err := Spec()
	if err != nil {
		return contract{}, err
	}
	router, err := gorillamux.NewRouter(doc)
	return contract{doc: doc, router: router}, err
})

// Spec parses and validates api/openapi.yaml.
func Spec() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(apispec.OpenAPI)
	if err != nil {
		return nil, fmt.Errorf("api/openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("api/openapi.yaml: %w", err)
	}
	return doc, nil
}

// IsAPI reports whether a path is under /api/v1, where every request is checked against
// the contract.
func IsAPI(path string) bool { return strings.HasPrefix(path, "/api/v1/") }

// CheckContract fails the test when an /api/v1 exchange does not match api/openapi.yaml:
//
//   - a request to a method and path the contract does not describe must be refused with
//     404 or 405;
//   - a request that does not match its operation (path, query or header parameters, an
//     undeclared query parameter, the body) must be refused with a 4xx: answering it
//     successfully means the server accepts what the contract says it refuses;
//   - every answer, refusals included, must have a status the operation lists, with the
//     headers and body that status describes.
//
// Server.Do runs it for every in-process request under /api/v1, so no test can bypass it.
func CheckContract(t testing.TB, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	c, err := spec()
	if err != nil {
		t.Fatal(err)
	}
	r := req.Clone(context.Background())
	r.URL.Scheme, r.URL.Host = "", ""
	route, params, err := c.router.FindRoute(r)
	if err != nil {
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s answered %d but is not in api/openapi.yaml: %v", req.Method, req.URL.Path, resp.StatusCode, err)
		}
		return
	}
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	reqErr := openapi3filter.ValidateRequest(context.Background(), in)
	if reqErr == nil {
		reqErr = undeclaredQuery(route, r)
	}
	if reqErr != nil && resp.StatusCode < http.StatusBadRequest {
		t.Errorf("%s %s answered %d to a request that does not match api/openapi.yaml: %v",
			req.Method, req.URL.RequestURI(), resp.StatusCode, reqErr)
	}
	if err := unvalidatedStatus(route, resp, body); err != nil {
		t.Errorf("%s %s → %d does not match api/openapi.yaml: %v", req.Method, req.URL.RequestURI(), resp.StatusCode, err)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s → %d does not match api/openapi.yaml: %v\nbody: %s", req.Method, req.URL.RequestURI(), resp.StatusCode, err, body)
	}
}

// unvalidatedStatus checks the answers kin-openapi lets through unchecked (304 and
// redirects): the operation must list the status, with its required headers, and a 304
// has no body.
func unvalidatedStatus(route *routers.Route, resp *http.Response, body []byte) error {
	switch resp.StatusCode {
	case http.StatusNotModified, http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil
	}
	ref := route.Operation.Responses.Status(resp.StatusCode)
	if ref == nil || ref.Value == nil {
		return errors.New("status is not supported")
	}
	for name, h := range ref.Value.Headers {
		if h.Value != nil && h.Value.Required && resp.Header.Get(name) == "" {
			return fmt.Errorf("response header %s is missing", name)
		}
	}
	if resp.StatusCode == http.StatusNotModified && len(body) > 0 {
		return errors.New("a 304 answer has a body")
	}
	return nil
}

// undeclaredQuery returns an error naming the query parameters that the operation does
// not declare (kin-openapi lets them through).
func undeclaredQuery(route *routers.Route, r *http.Request) error {
	var declared []string
	for _, p := range slices.Concat(route.PathItem.Parameters, route.Operation.Parameters) {
		if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
			declared = append(declared, p.Value.Name)
		}
	}
	var unknown []string
	for name := range r.URL.Query() {
		if !slices.Contains(declared, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return errors.New("undeclared query parameters: " + strings.Join(unknown, ", "))
}

// API sends an API request with a bearer token (empty: none) and returns the response
// with its body. Like every request under /api/v1, it is checked against the contract.
func (s *Server) API(token, method, path string, body io.Reader, header ...string) (*http.Response, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest(method, "http://academy.test"+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp := s.Do(req)
	data, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp, data
}

// checked runs an in-process exchange under /api/v1 through CheckContract. The request
// and response bodies stay readable.
func (s *Server) checked(req *http.Request, do func(*http.Request) *http.Response) *http.Response {
	s.t.Helper()
	var sent []byte
	if req.Body != nil {
		sent, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(sent))
	}
	resp := do(req)
	data, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	req.Body = io.NopCloser(bytes.NewReader(sent))
	CheckContract(s.t, req, resp, data)
	return resp
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
