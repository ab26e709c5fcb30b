package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
)

type cohortsPage struct {
	Organisation identity.Organisation
	Cohorts      []identity.CohortSummary
}

func (h *Handler) cohortsView(c *fiber.Ctx, org identity.Organisation) (*cohortsPage, error) {
	cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: org.ID})
	return &cohortsPage{Organisation: org, Cohorts: cohorts}, err
}

// Cohorts lists an organisation's cohorts, with a form to create one.
func (h *Handler) Cohorts(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	page, err := h.cohortsView(c, org)
	if err != nil {
		return err
	}
	return h.site.Page(c, "cohorts/list", h.site.NewView(c, "cohorts.title", page))
}

// CreateCohort adds a cohort to the organisation.
func (h *Handler) CreateCohort(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	in := identity.CohortInput{Name: c.FormValue("name"), Description: c.FormValue("description")}
	cohort, err := h.ids.CreateCohort(ctx(c), org.ID, in)
	if err != nil {
		page, lerr := h.cohortsView(c, org)
		if lerr != nil {
			return lerr
		}
		values := map[string]string{"name": in.Name, "description": in.Description}
		return h.site.FormPage(c, "cohorts/list", h.site.NewView(c, "cohorts.title", page), values, err)
	}
	return redirectDone(c, "/cohorts/"+cohort.ID, "cohort_created")
}
