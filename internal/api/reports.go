package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/web"
)

// UserReport answers GET /api/v1/users/{id}/report.pdf: the learner development report,
// for the learner, their coaches and the organisation's admins.
func (h *Handler) UserReport(c *fiber.Ctx) error {
	lang, err := h.lang(c)
	if err != nil {
		return err
	}
	u, err := h.person(c, reportjobs.LearnerReportAction(web.CurrentUser(c).ID, c.Params("id")), h.ids.User)
	if err != nil {
		return err
	}
	doc, err := h.docs.LearnerReport(ctx(c), u, lang)
	if err != nil {
		return err
	}
	return sendPDF(c, doc)
}

// CohortReport answers GET /api/v1/cohorts/{id}/report.pdf: for the cohort's coaches and
// the organisation's admins.
func (h *Handler) CohortReport(c *fiber.Ctx) error {
	lang, err := h.lang(c)
	if err != nil {
		return err
	}
	cohort, err := h.ids.Cohort(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if err := authorize(c, reportjobs.GroupReportAction, identity.CohortResource(cohort)); err != nil {
		return err
	}
	doc, err := h.docs.CohortReport(ctx(c), cohort, lang)
	if err != nil {
		return err
	}
	return sendPDF(c, doc)
}

// OrganisationReport answers GET /api/v1/orgs/{org}/report.pdf: for the organisation's
// admins.
func (h *Handler) OrganisationReport(c *fiber.Ctx) error {
	lang, err := h.lang(c)
	if err != nil {
		return err
	}
	id := c.Params("org")
	if !identity.ValidID(id) {
		return fiber.ErrNotFound
	}
	if err := authorize(c, reportjobs.OrganisationReportAction, identity.OrganisationResource(id)); err != nil {
		return err
	}
	org, err := h.ids.Organisation(ctx(c), id)
	if err != nil {
		return err
	}
	doc, err := h.docs.OrganisationReport(ctx(c), org, lang)
	if err != nil {
		return err
	}
	return sendPDF(c, doc)
}

func sendPDF(c *fiber.Ctx, doc reportjobs.Doc) error {
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, reportjobs.Attachment(doc.Name))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(doc.Data)
}
