package api

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// UpdateEvent answers PATCH /api/v1/events/{id}: whoever may publish the event changes it,
// with the fields of EventInput; fields left out keep their values (null clears ends_at,
// "" as cohort_id makes the event organisation-wide). The rules are those of publishing:
// the organisation's administrators change any of its events; a coach changes the
// organisation-wide events and those of the cohorts they coach, and may move an event only
// to one of those (422 on cohort_id otherwise). Every check runs before the body is read.
func (h *Handler) UpdateEvent(c *fiber.Ctx) error {
	e, err := h.event(c)
	if err != nil {
		return err
	}
	if err := mayEditEvent(c, e); err != nil {
		return err
	}
	in := e.Input()
	if err := h.decode(c, &in); err != nil {
		return err
	}
	if err := h.checkPublishCohort(c, e.OrganisationID, in.CohortID); err != nil {
		return err
	}
	out, err := h.dev.UpdateEvent(ctx(c), web.CurrentUser(c).ID, e.ID, in)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// mayEditEvent refuses, with errs.ErrForbidden, a caller who sees the event but may not
// publish it: learners, and a coach who does not coach the event's cohort.
func mayEditEvent(c *fiber.Ctx, e development.Event) error {
	if web.CurrentUser(c).Role == identity.RoleLearner {
		return fmt.Errorf("events are changed by coaches and administrators: %w", errs.ErrForbidden)
	}
	if e.CohortID == nil {
		return nil
	}
	return authorize(c, identity.Coach, identity.Resource{Kind: identity.KindCohort, ID: *e.CohortID, OrgID: e.OrganisationID})
}
