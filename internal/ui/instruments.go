package ui

import (
	"context"
	"errors"

	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// maxInstrumentBytes bounds an uploaded instrument file.
const maxInstrumentBytes = 1 << 20

type instrumentsPage struct {
	Organisation identity.Organisation
	Instruments  []assessment.Instrument
	Cohorts      []identity.CohortSummary
	Assigned     map[string][]identity.CohortSummary
	Added        *assessment.Instrument
	Created      bool
	Problems     []instrumentProblem
}

type instrumentProblem struct {
	Line    int
	Message string
	Detail  string
}

func (h *Handler) instrumentsPage(c *fiber.Ctx, org identity.Organisation) (*instrumentsPage, error) {
	list, err := h.asmt.Instruments(ctx(c), org.ID)
	if err != nil {
		return nil, err
	}
	cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		return nil, err
	}
	assignments, err := h.asmt.Assignments(ctx(c), org.ID)
	if err != nil {
		return nil, err
	}
	page := &instrumentsPage{Organisation: org, Instruments: list, Cohorts: cohorts, Assigned: map[string][]identity.CohortSummary{}}
	for key, ids := range assignments {
		for _, co := range cohorts {
			if slices.Contains(ids, co.ID) {
				page.Assigned[key] = append(page.Assigned[key], co)
			}
		}
	}
	return page, nil
}

// Instruments lists the instruments an organisation can use, with the form to add its own.
func (h *Handler) Instruments(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	page, err := h.instrumentsPage(c, org)
	if err != nil {
		return err
	}
	return h.site.Page(c, "instruments/list", h.site.NewView(c, "instruments.title", page))
}

// AddInstrument validates an uploaded instrument file and stores it as the organisation's
// (a new version when it changed). Every problem is listed with its line; nothing is
// stored when there is one.
func (h *Handler) AddInstrument(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	data, err := uploadedFile(c, "file", maxInstrumentBytes)
	if err != nil {
		page, perr := h.instrumentsPage(c, org)
		if perr != nil {
			return perr
		}
		return h.site.FormPage(c, "instruments/list", h.site.NewView(c, "instruments.title", page), nil, err)
	}
	fh, _ := c.FormFile("file")
	id, _, created, addErr := h.asmt.AddInstrument(ctx(c), data, fh.Filename, org.ID)
	page, err := h.instrumentsPage(c, org)
	if err != nil {
		return err
	}
	v := h.site.NewView(c, "instruments.title", page)
	var bad *instrument.Error
	switch {
	case errors.As(addErr, &bad):
		for _, p := range bad.Problems {
			page.Problems = append(page.Problems, instrumentProblem{Line: p.Line,
				Message: web.TranslateFieldError(v.Locale, errs.FieldError{Code: p.Code}), Detail: p.Reason})
		}
		return h.site.Renderer.Render(c, fiber.StatusUnprocessableEntity, "instruments/list", v)
	case errors.Is(addErr, errs.ErrConflict):
		page.Problems = []instrumentProblem{{Message: v.T("validation.version"), Detail: addErr.Error()}}
		return h.site.Renderer.Render(c, fiber.StatusConflict, "instruments/list", v)
	case addErr != nil:
		return addErr
	}
	added, err := h.asmt.Instrument(ctx(c), id)
	if err != nil {
		return err
	}
	page.Added, page.Created = &added, created
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	return h.site.Renderer.Render(c, status, "instruments/list", v)
}

// AssignInstrument offers one of the organisation's own instruments to a cohort.
func (h *Handler) AssignInstrument(c *fiber.Ctx) error {
	return h.changeAssignment(c, c.FormValue("cohort_id"), h.asmt.Assign, "instrument_assigned")
}

// UnassignInstrument stops offering an instrument to a cohort.
func (h *Handler) UnassignInstrument(c *fiber.Ctx) error {
	return h.changeAssignment(c, c.Params("cohort"), h.asmt.Unassign, "instrument_unassigned")
}

func (h *Handler) changeAssignment(c *fiber.Ctx, cohortID string,
	change func(ctx context.Context, orgID, key, cohortID string) error, done string) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	cohort, err := h.ids.Cohort(ctx(c), cohortID)
	if err != nil || cohort.OrganisationID != org.ID {
		return errs.Invalid("cohort_id", "unknown", "")
	}
	if err := change(ctx(c), org.ID, c.Params("key"), cohort.ID); err != nil {
		return err
	}
	return redirectDone(c, "/orgs/"+org.ID+"/instruments", done)
}
