package ui

import (
	"bytes"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// maxResponsesBytes bounds an uploaded response file (10,000 respondents × 60 items fit).
const maxResponsesBytes = 8 << 20

type responsesPage struct {
	Organisation identity.Organisation
	Instruments  []assessment.Instrument
	Report       *assessment.ImportReport
	Problems     []importProblemView
	Imported     bool
}

type importProblemView struct {
	Line    int
	Column  string
	Message string
}

func (h *Handler) responsesPage(c *fiber.Ctx, org identity.Organisation) (*responsesPage, error) {
	list, err := h.asmt.Instruments(ctx(c), org.ID)
	return &responsesPage{Organisation: org, Instruments: list}, err
}

// ResponsesForm shows the form to import responses gathered outside Academy.
func (h *Handler) ResponsesForm(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	page, err := h.responsesPage(c, org)
	if err != nil {
		return err
	}
	v := h.site.NewView(c, "responses.title", page)
	v.Form = &web.Form{Values: map[string]string{"instrument_id": c.Query("instrument")}}
	return h.site.Page(c, "instruments/responses", v)
}

// ImportResponses checks the whole file, reports every problem by line, and stores the
// responses only when the file is valid (or the admin chose to skip invalid rows).
func (h *Handler) ImportResponses(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	page, err := h.responsesPage(c, org)
	if err != nil {
		return err
	}
	values := map[string]string{"instrument_id": c.FormValue("instrument_id"), "match_users": c.FormValue("match_users"),
		"skip_invalid": c.FormValue("skip_invalid")}
	v := h.site.NewView(c, "responses.title", page)
	inst, err := h.asmt.Instrument(ctx(c), values["instrument_id"])
	if err != nil || !inst.VisibleTo(org.ID) {
		return h.site.FormPage(c, "instruments/responses", v, values, errs.Invalid("instrument_id", "required", ""))
	}
	data, err := uploadedFile(c, "file", maxResponsesBytes)
	if err != nil {
		return h.site.FormPage(c, "instruments/responses", v, values, err)
	}
	report, err := h.asmt.ImportResponses(ctx(c), assessment.ImportOptions{
		InstrumentID: inst.ID, OrganisationID: org.ID,
		MatchUsers: values["match_users"] != "", SkipInvalid: values["skip_invalid"] != "",
	}, bytes.NewReader(data))
	if err != nil && !errors.Is(err, assessment.ErrImportInvalid) {
		return err
	}
	page.Report, page.Imported = &report, report.Imported > 0
	for _, p := range report.Problems {
		page.Problems = append(page.Problems, importProblemView{Line: p.Line, Column: p.Column,
			Message: v.T("import_problem."+p.Code, "Value", p.Value, "Detail", p.Detail)})
	}
	v.Form = &web.Form{Values: values}
	status := fiber.StatusOK
	if err != nil {
		status = fiber.StatusUnprocessableEntity
	}
	return h.site.Renderer.Render(c, status, "instruments/responses", v)
}
