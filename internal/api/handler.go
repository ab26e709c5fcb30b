// Package api serves the JSON API under /api/v1. It uses the same stores, validation and
// authorization policy as the pages; only the response format differs. Every response
// shape is described in api/openapi.yaml.
package api

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/mail"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/web"
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
	// Mail sends observer invitations; BaseURL makes the links in them.
	Mail    mail.Sender
	BaseURL string
	// Site writes the observer invitation email, the same one the pages send.
	Site *web.Site
}

// Handler holds what the API handlers need.
type Handler struct {
	ids      *identity.Store
	asmt     *assessment.Store
	courses  *courses.Store
	dev      *development.Store
	reports  *reports.Renderer
	sources  reports.Sources
	docs     reportjobs.Documents
	mail     mail.Sender
	baseURL  string
	site     *web.Site
	validate *errs.Validator
}

// New returns the API handlers.
func New(d Deps) *Handler {
	return &Handler{ids: d.Identity, asmt: d.Assessment, courses: d.Courses, dev: d.Development,
		reports: d.Reports, sources: d.ReportSources, docs: d.Documents, mail: d.Mail, baseURL: d.BaseURL, site: d.Site,
		validate: errs.NewValidator()}
}

func ctx(c *fiber.Ctx) context.Context { return c.UserContext() }

func authorize(c *fiber.Ctx, act identity.Action, r identity.Resource) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	return identity.Authorize(a, act, r)
}
