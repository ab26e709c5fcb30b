package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/reports"
)

// exportKinds are the CSV exports, as named in their URLs.
func exportKinds() []string { return []string{"scores", "progress", "actions"} }

// CohortExport downloads a CSV export of a cohort (:kind is scores, progress or
// actions): for its coaches and the organisation's admins.
func (h *Handler) CohortExport(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	cohort, err := h.cohort(c, reportjobs.GroupReportAction)
	if err != nil {
		return err
	}
	return h.sendExport(c, reports.Scope{OrganisationID: cohort.OrganisationID, CohortID: cohort.ID}, cohort.Name, lang)
}

// OrganisationExport downloads a CSV export of the whole organisation: for its admins.
func (h *Handler) OrganisationExport(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	org, err := h.organisation(c, reportjobs.OrganisationReportAction)
	if err != nil {
		return err
	}
	return h.sendExport(c, reports.Scope{OrganisationID: org.ID}, org.Name, lang)
}

// sendExport writes the export named by :kind of scope, about subject, in lang.
func (h *Handler) sendExport(c *fiber.Ctx, scope reports.Scope, subject, lang string) error {
	kind := c.Params("kind")
	var write func(context.Context, io.Writer, reports.Scope, string) error
	switch kind {
	case "scores":
		write = h.sources.ScoresCSV
	case "progress":
		write = h.sources.ProgressCSV
	case "actions":
		write = h.sources.ActionsCSV
	default:
		return fmt.Errorf("export %q: %w", kind, errs.ErrNotFound)
	}
	var buf bytes.Buffer
	if err := write(ctx(c), &buf, scope, lang); err != nil {
		return err
	}
	name := h.deliver.Documents.FileName(lang, kind, subject, "csv")
	return sendDocument(c, reportjobs.Doc{Name: name, Data: buf.Bytes()}, "text/csv; charset=utf-8")
}
