// Package ui serves Academy's HTML pages. Handlers parse the form, call the same store
// and validation functions as the JSON API, ask the identity policy before showing or
// changing anything, and render a template; errors go to the shared error handler.
package ui

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	apispec "github.com/academy-platform/academy/api"
	"github.com/academy-platform/academy/internal/apidocs"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/mail"
	"github.com/academy-platform/academy/internal/privacy"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/web"
)

// Deps is what the page handlers are built from.
type Deps struct {
	Site       *web.Site
	Identity   *identity.Store
	Assessment *assessment.Store
	Courses    *courses.Store
	// Development is 360 feedback, plans, the action log and events.
	Development *development.Store
	// Reports draws the PDF reports from the data ReportSources reads.
	Reports       *reports.Renderer
	ReportSources reports.Sources
	// Delivery is report downloads with branding, and bulk report jobs.
	Delivery Delivery
	// Privacy downloads a person's data and erases people.
	Privacy *privacy.Service
	// Badges are the Open Badges learners earn, and their public verification.
	Badges  *badges.Store
	Mail    mail.Sender
	BaseURL string
	Log     *slog.Logger
}

// Handler holds what the page handlers need.
type Handler struct {
	site    *web.Site
	ids     *identity.Store
	asmt    *assessment.Store
	courses *courses.Store
	dev     *development.Store
	reports *reports.Renderer
	sources reports.Sources
	deliver Delivery
	privacy *privacy.Service
	badges  *badges.Store
	mail    mail.Sender
	baseURL string
	log     *slog.Logger
	// apiReference is the API reference page's content, read from the contract the first
	// time the page is asked for.
	apiReference func() (*apidocs.Reference, error)
}

// New returns the page handlers.
func New(d Deps) *Handler {
	return &Handler{site: d.Site, ids: d.Identity, asmt: d.Assessment, courses: d.Courses, dev: d.Development,
		reports: d.Reports, sources: d.ReportSources, deliver: d.Delivery, privacy: d.Privacy, badges: d.Badges, mail: d.Mail, baseURL: d.BaseURL, log: d.Log,
		apiReference: sync.OnceValues(func() (*apidocs.Reference, error) { return apidocs.Parse(apispec.OpenAPI) })}
}

func ctx(c *fiber.Ctx) context.Context { return c.UserContext() }

// authorize asks the policy whether the signed-in person may do act on r.
func authorize(c *fiber.Ctx, act identity.Action, r identity.Resource) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	return identity.Authorize(a, act, r)
}

// organisation loads the organisation named in the URL (:org) if the actor may do act on it.
func (h *Handler) organisation(c *fiber.Ctx, act identity.Action) (identity.Organisation, error) {
	id := c.Params("org")
	if !identity.ValidID(id) {
		return identity.Organisation{}, fiber.ErrNotFound
	}
	if err := authorize(c, act, identity.OrganisationResource(id)); err != nil {
		return identity.Organisation{}, err
	}
	org, err := h.ids.Organisation(ctx(c), id)
	if err == nil {
		web.SetZone(c, org.Location())
	}
	return org, err
}

// zone is the time zone of the organisation orgID, which the page then shows times in.
func (h *Handler) zone(c *fiber.Ctx, orgID string) (*time.Location, error) {
	loc, err := h.ids.OrganisationLocation(ctx(c), orgID)
	if err == nil {
		web.SetZone(c, loc)
	}
	return loc, err
}

// cohort loads the cohort named in the URL (:id) if the actor may do act on it.
func (h *Handler) cohort(c *fiber.Ctx, act identity.Action) (identity.Cohort, error) {
	cohort, err := h.ids.Cohort(ctx(c), c.Params("id"))
	if err != nil {
		return cohort, err
	}
	return cohort, authorize(c, act, identity.CohortResource(cohort))
}

// person loads the user named in the URL by param if the actor may do act on them.
func (h *Handler) person(c *fiber.Ctx, param string, act identity.Action) (identity.User, error) {
	return h.personBy(c, param, act, h.ids.User)
}

// personBy is person with load (the identity store's User, or UserIncludingErased where
// an erasure may be repeated) to find the user.
func (h *Handler) personBy(c *fiber.Ctx, param string, act identity.Action, load func(context.Context, string) (identity.User, error)) (identity.User, error) {
	u, err := load(ctx(c), c.Params(param))
	if err != nil {
		return u, err
	}
	res, err := h.ids.UserResource(ctx(c), u)
	if err != nil {
		return u, err
	}
	return u, authorize(c, act, res)
}

// invitationURL is the link a person opens to set their password.
func (h *Handler) invitationURL(token string) string {
	return h.baseURL + "/invitations/" + token
}

// sendInvitation emails the link in the invitee's language. Without SMTP the message goes
// to the log and the page shows the link to the administrator instead.
func (h *Handler) sendInvitation(c *fiber.Ctx, inv identity.Invited, orgName string) error {
	lo := h.site.Catalog.Locale(inv.User.Locale)
	inviter := web.CurrentUser(c)
	return h.mail.Send(ctx(c), mail.Message{
		To:      inv.User.Email,
		Subject: lo.T("mail.invitation.subject", "Organisation", orgName),
		Body: lo.T("mail.invitation.body", "Name", inv.User.Name, "Inviter", inviter.Name,
			"Organisation", orgName, "Link", h.invitationURL(inv.Token)),
	})
}

func redirectDone(c *fiber.Ctx, path, done string) error {
	return c.Redirect(path+"?done="+done, fiber.StatusSeeOther)
}
