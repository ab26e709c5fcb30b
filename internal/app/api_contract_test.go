package app_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db"
)

// fiberParam is a path parameter as routes.go writes it (:id).
var fiberParam = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)

// TestEveryAPIRouteIsInTheContract compares the routes registered under /api/v1 with the
// operations of api/openapi.yaml, both ways: a route the contract does not describe, or an
// operation no route answers, fails. Parameter names must match too.
func TestEveryAPIRouteIsInTheContract(t *testing.T) {
	s := apptest.New(t, db.SQLite)
	doc, err := apptest.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("servers: want the one /api/v1")
	}
	var specified []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			specified = append(specified, method+" /api/v1"+path)
		}
	}
	var served []string
	for _, r := range s.App.Handler().GetRoutes(true) {
		// HEAD mirrors every GET (Fiber registers it with it); the contract lists the GET.
		if r.Method == http.MethodHead || !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		if strings.ContainsAny(r.Path, "*?+") {
			t.Errorf("%s %s: a wildcard or optional parameter cannot be described in the contract", r.Method, r.Path)
		}
		route := r.Method + " " + fiberParam.ReplaceAllString(r.Path, "{$1}")
		if !slices.Contains(served, route) {
			served = append(served, route)
		}
	}
	if len(served) < 40 {
		t.Fatalf("only %d API routes found", len(served))
	}
	slices.Sort(specified)
	slices.Sort(served)
	for _, route := range served {
		if !slices.Contains(specified, route) {
			t.Errorf("%s is served (internal/app/routes.go) but not described in api/openapi.yaml", route)
		}
	}
	for _, op := range specified {
		if !slices.Contains(served, op) {
			t.Errorf("%s is described in api/openapi.yaml but no route answers it", op)
		}
	}
}
