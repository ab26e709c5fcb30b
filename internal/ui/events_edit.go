package ui

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type eventEditPage struct {
	Event development.Event
	Form  eventForm
}

// EditEventForm shows the form that changes a published event, filled in with the event
// as it is.
func (h *Handler) EditEventForm(c *fiber.Ctx) error {
	e, err := h.editableEvent(c)
	if err != nil {
		return err
	}
	page, err := h.eventEditPage(c, e)
	if err != nil {
		return err
	}
	loc, err := h.zone(c, e.OrganisationID)
	if err != nil {
		return err
	}
	v := h.site.NewView(c, "events.edit_title", page)
	v.Form = &web.Form{Values: eventValues(e, loc)}
	return h.site.Page(c, "events/edit", v)
}

// UpdateEvent changes a published event with the same form and rules as publishing one;
// a form with problems is shown again (422) and changes nothing.
func (h *Handler) UpdateEvent(c *fiber.Ctx) error {
	e, err := h.editableEvent(c)
	if err != nil {
		return err
	}
	in, values, err := h.eventInput(c, e.OrganisationID)
	if err == nil {
		if _, err = h.dev.UpdateEvent(ctx(c), web.CurrentUser(c).ID, e.ID, in); err == nil {
			return redirectDone(c, "/events/"+e.ID, "event_updated")
		}
	}
	return h.refill(c, "events/edit", "events.edit_title", func() (any, error) { return h.eventEditPage(c, e) }, values, err)
}

func (h *Handler) eventEditPage(c *fiber.Ctx, e development.Event) (any, error) {
	dims, err := h.dimensions(c, e.OrganisationID)
	if err != nil {
		return nil, err
	}
	form, err := h.newEventForm(c, e.OrganisationID, dims, "/events/"+e.ID+"/edit", "events.save_changes")
	return &eventEditPage{Event: e, Form: form}, err
}

// editableEvent loads the event named in the URL for changing it: an event the signed-in
// person may not see is errs.ErrNotFound, one they may not change errs.ErrForbidden (see
// mayEditEvent).
func (h *Handler) editableEvent(c *fiber.Ctx) (development.Event, error) {
	e, err := h.dev.VisibleEvent(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if err != nil {
		return e, err
	}
	return e, mayEditEvent(c, e)
}

// mayEditEvent applies the rule of publishing to changing a visible event: coaches and
// administrators change the organisation-wide events, and a cohort's events if they may
// publish for that cohort (a coach: one they coach; an administrator: any). Anyone else
// is refused with errs.ErrForbidden.
func mayEditEvent(c *fiber.Ctx, e development.Event) error {
	if !publishes(web.CurrentUser(c).Role) {
		return fmt.Errorf("events are changed by coaches and administrators: %w", errs.ErrForbidden)
	}
	if e.CohortID == nil {
		return nil
	}
	return authorize(c, identity.Coach, identity.Resource{Kind: identity.KindCohort, ID: *e.CohortID, OrgID: e.OrganisationID})
}
