// Package web is the HTTP plumbing shared by every handler: rendering pages in the reader's
// language, the session, CSRF and locale middleware, bearer-token authentication for the
// JSON API, access logs, and the one error handler that maps domain errors to statuses,
// error pages and the JSON error shape.
package web

import (
	"log/slog"

	"github.com/academy-platform/academy/internal/identity"
)

// Site bundles what the middleware and handlers share. It is built once at start.
type Site struct {
	Catalog      *Catalog
	Renderer     *Renderer
	Identity     *identity.Store
	Log          *slog.Logger
	CookieSecure bool
	SigningKey   []byte
}
