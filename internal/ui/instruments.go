package ui

import (
	"errors"

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
	return &instrumentsPage{Organisation: org, Instruments: list}, err
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
