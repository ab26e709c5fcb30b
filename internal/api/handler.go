// Package api serves the JSON API under /api/v1. It uses the same stores, validation and
// authorization policy as the pages; only the response format differs. Every response
// shape is described in api/openapi.yaml.
package api

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/mail"
	"github.com/academy-platform/academy/internal/privacy"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/web"
	"github.com/academy-platform/academy/internal/xapi"
)

// Deps is what the API handlers are built from.
type Deps struct {
	Identity   *identity.Store
	Assessment *assessment.Store
	Courses    *courses.Store
	// Development is 360 feedback, plans, the action log and events.
	Development *development.Store
	// Reports draws the PDF reports from the data ReportSources reads.
	Reports       *reports.Renderer
	ReportSources reports.Sources
	// Documents draws the downloadable reports with their organisation's branding.
	Documents reportjobs.Documents
	// Privacy downloads a person's data and erases people.
	Privacy *privacy.Service
	// Statements are the xAPI statements of what learners do, for their organisation's
	// export.
	Statements *xapi.Store
	// Badges are the Open Badges learners earn.
	Badges *badges.Store
	// Mail sends observer invitations; BaseURL makes the links in them.
	Mail    mail.Sender
	BaseURL string
	// Site writes the observer invitation email, the same one the pages send.
	Site *web.Site
}

// Handler holds what the API handlers need.
type Handler struct {
	ids        *identity.Store
	asmt       *assessment.Store
	courses    *courses.Store
	dev        *development.Store
	reports    *reports.Renderer
	sources    reports.Sources
	docs       reportjobs.Documents
	privacy    *privacy.Service
	statements *xapi.Store
	badges     *badges.Store
	mail       mail.Sender
	baseURL    string
	site       *web.Site
	validate   *errs.Validator
}

// New returns the API handlers.
func New(d Deps) *Handler {
	return &Handler{ids: d.Identity, asmt: d.Assessment, courses: d.Courses, dev: d.Development,
		reports: d.Reports, sources: d.ReportSources, docs: d.Documents, privacy: d.Privacy, statements: d.Statements, badges: d.Badges, mail: d.Mail, baseURL: d.BaseURL, site: d.Site,
		validate: errs.NewValidator()}
}

func ctx(c *fiber.Ctx) context.Context { return c.UserContext() }

// person loads, with load (the identity store's User, or UserIncludingErased where an
// erasure may be repeated), the user the URL's :id names if the actor may do act on them.
func (h *Handler) person(c *fiber.Ctx, act identity.Action, load func(context.Context, string) (identity.User, error)) (identity.User, error) {
	u, err := load(ctx(c), c.Params("id"))
	if err != nil {
		return u, err
	}
	res, err := h.ids.UserResource(ctx(c), u)
	if err != nil {
		return u, err
	}
	return u, authorize(c, act, res)
}

func authorize(c *fiber.Ctx, act identity.Action, r identity.Resource) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	return identity.Authorize(a, act, r)
}
