package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/web"
)

const pdfType = "application/pdf"

// LearnerReport downloads a learner's development report (?lang=es|en, by default the
// reader's language): for the learner, their coaches and the organisation's admins.
func (h *Handler) LearnerReport(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	learner, err := h.person(c, "id", reportjobs.LearnerReportAction(web.CurrentUser(c).ID, c.Params("id")))
	if err != nil {
		return err
	}
	doc, err := h.deliver.Documents.LearnerReport(ctx(c), learner, lang)
	if err != nil {
		return err
	}
	return sendDocument(c, doc, pdfType)
}

// Certificate downloads the reader's own certificate of a module they have completed; any
// other module answers 404.
func (h *Handler) Certificate(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	doc, err := h.deliver.Documents.Certificate(ctx(c), *web.CurrentUser(c), c.Params("slug"), lang)
	if err != nil {
		return err
	}
	return sendDocument(c, doc, pdfType)
}

// CohortReport downloads a cohort's report: for its coaches and the organisation's admins.
func (h *Handler) CohortReport(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	cohort, err := h.cohort(c, reportjobs.GroupReportAction)
	if err != nil {
		return err
	}
	doc, err := h.deliver.Documents.CohortReport(ctx(c), cohort, lang)
	if err != nil {
		return err
	}
	return sendDocument(c, doc, pdfType)
}

// OrganisationReport downloads the organisation's competency report: for its admins.
func (h *Handler) OrganisationReport(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	org, err := h.organisation(c, reportjobs.OrganisationReportAction)
	if err != nil {
		return err
	}
	doc, err := h.deliver.Documents.OrganisationReport(ctx(c), org, lang)
	if err != nil {
		return err
	}
	return sendDocument(c, doc, pdfType)
}
