package api

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// EventList is one page of the events the caller may see, by start time, each with the
// caller's attendance (null when they have none).
type EventList struct {
	Events     []development.EventView `json:"events"`
	NextCursor *string                 `json:"next_cursor"`
}

// EventDetail is one event with the caller's attendance and the follow-ups they named
// after it. Coaches and administrators also get Attendees: who of the people they follow
// (a coach: the learners they coach; an administrator: everyone) goes and attended, by
// name, with their follow-up counts; learners never get it.
type EventDetail struct {
	Event      development.Event           `json:"event"`
	Attendance *development.Attendance     `json:"attendance"`
	FollowUps  []development.FollowUp      `json:"follow_ups"`
	Attendees  []development.EventAttendee `json:"attendees,omitzero"`
}

// AttendanceResult is the caller's attendance after a change; Entry and FollowUps are what
// logging the event as attended created (null and empty otherwise).
type AttendanceResult struct {
	Attendance development.Attendance   `json:"attendance"`
	Entry      *development.ActionEntry `json:"entry"`
	FollowUps  []development.FollowUp   `json:"follow_ups"`
}

// attendanceInput changes the caller's attendance: "going" (with the preparation
// checklist, if given, which replaces the saved one), "not_going", or "attended" (with the
// people to follow up with and a note).
type attendanceInput struct {
	Status      string                        `json:"status" validate:"required,oneof=going not_going attended"`
	Preparation *development.PreparationInput `json:"preparation" validate:"excluded_unless=Status going"`
	FollowUps   []development.FollowUpInput   `json:"follow_ups" validate:"excluded_unless=Status attended,max=20,dive"`
	Note        string                        `json:"note" validate:"excluded_unless=Status attended,max=1000"`
}

// Events answers GET /api/v1/events?from=&to=&cohort=ID: one page of the events of the
// caller's organisation (platform admins name it with ?organisation=ID) that they may see,
// starting from one time to another (both included, each end optional); ?cohort= keeps
// the organisation-wide events and those of that cohort.
func (h *Handler) Events(c *fiber.Ctx) error {
	a, orgID, err := h.eventOrganisation(c)
	if err != nil {
		return err
	}
	from, to, err := dateRange(c)
	if err != nil {
		return err
	}
	p, err := page(c, "events")
	if err != nil {
		return err
	}
	f := development.EventFilter{OrganisationID: orgID, From: from, To: to, UserID: a.UserID, Page: p.Page}
	switch {
	case c.Query("cohort") != "":
		co, err := h.ids.Cohort(ctx(c), c.Query("cohort"))
		if err != nil {
			return err
		}
		if co.OrganisationID != orgID {
			return errs.ErrNotFound
		}
		if err := authorize(c, identity.View, identity.CohortResource(co)); err != nil {
			return err
		}
		f.CohortIDs = []string{co.ID}
	case a.Role == identity.RoleLearner || a.Role == identity.RoleCoach:
		f.CohortIDs = append(append([]string{}, a.MemberOf...), a.CoachesIn...)
	}
	events, err := h.dev.Events(ctx(c), f)
	if err != nil {
		return storeErr(err)
	}
	events, next := nextPage(p, events)
	return sendList(c, EventList{Events: nonNil(events), NextCursor: next})
}

// CreateEvent answers POST /api/v1/events: a coach or organisation administrator
// publishes an event for the organisation, or for one cohort they coach (any cohort, for
// administrators).
func (h *Handler) CreateEvent(c *fiber.Ctx) error {
	a, orgID, err := h.eventOrganisation(c)
	if err != nil {
		return err
	}
	if a.Role == identity.RoleLearner {
		return fmt.Errorf("events are published by coaches and administrators: %w", errs.ErrForbidden)
	}
	var in development.EventInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	if err := h.checkPublishCohort(c, orgID, in.CohortID); err != nil {
		return err
	}
	e, err := h.dev.CreateEvent(ctx(c), a.UserID, orgID, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(e)
}

// checkPublishCohort refuses, as a validation error on cohort_id, a cohort the caller may
// not publish an event for: one of their organisation's that they do not coach (any of it,
// for its administrators).
func (h *Handler) checkPublishCohort(c *fiber.Ctx, orgID, cohortID string) error {
	if cohortID == "" {
		return nil
	}
	co, err := h.ids.Cohort(ctx(c), cohortID)
	if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return err
	}
	if err != nil || co.OrganisationID != orgID || authorize(c, identity.Coach, identity.CohortResource(co)) != nil {
		return errs.Invalid("cohort_id", "unknown", "")
	}
	return nil
}

// GetEvent answers GET /api/v1/events/{id} with the caller's attendance and follow-ups,
// and the attendees they follow for coaches and administrators.
func (h *Handler) GetEvent(c *fiber.Ctx) error {
	e, err := h.event(c)
	if err != nil {
		return err
	}
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	userID := a.UserID
	// The event's own start time selects it (and any other event starting at the same
	// instant) with the caller's attendance.
	views, err := h.dev.Events(ctx(c), development.EventFilter{OrganisationID: e.OrganisationID,
		From: e.StartsAt, To: e.StartsAt.Add(time.Microsecond), UserID: userID})
	if err != nil {
		return err
	}
	out := EventDetail{Event: e, FollowUps: []development.FollowUp{}}
	for _, v := range views {
		if v.Event.ID == e.ID {
			out.Attendance = v.Attendance
		}
	}
	followUps, err := h.dev.FollowUps(ctx(c), userID, false)
	if err != nil {
		return err
	}
	for _, f := range followUps {
		if f.EventID != nil && *f.EventID == e.ID {
			out.FollowUps = append(out.FollowUps, f)
		}
	}
	if a.Role != identity.RoleLearner {
		people, err := h.dev.FollowedPeople(ctx(c), a)
		if err != nil {
			return err
		}
		if out.Attendees, err = h.dev.EventAttendees(ctx(c), e.ID, people); err != nil {
			return err
		}
	}
	return c.JSON(out)
}

// Attendance answers POST /api/v1/events/{id}/attendance: the learner says they are going
// (optionally with their preparation), no longer going, or logs the event as attended.
// As on the pages, only learners attend events.
func (h *Handler) Attendance(c *fiber.Ctx) error {
	e, err := h.event(c)
	if err != nil {
		return err
	}
	if web.CurrentUser(c).Role != identity.RoleLearner {
		return fmt.Errorf("only learners attend events: %w", errs.ErrForbidden)
	}
	var in attendanceInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	userID := web.CurrentUser(c).ID
	out := AttendanceResult{FollowUps: []development.FollowUp{}}
	switch {
	case in.Status == "going" && in.Preparation != nil:
		out.Attendance, err = h.dev.SavePreparation(ctx(c), userID, e.ID, *in.Preparation)
	case in.Status == "going":
		out.Attendance, err = h.dev.MarkGoing(ctx(c), userID, e.ID)
	case in.Status == "not_going":
		out.Attendance, err = h.dev.CancelGoing(ctx(c), userID, e.ID)
	default:
		var done development.Attended
		done, err = h.dev.MarkAttended(ctx(c), userID, e.ID, development.AttendedInput{FollowUps: in.FollowUps, Note: in.Note})
		done.Entry.Comments = nonNil(done.Entry.Comments)
		out.Attendance, out.Entry, out.FollowUps = done.Attendance, &done.Entry, nonNil(done.FollowUps)
	}
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// event loads the event named in the URL if the caller may see it: an organisation-wide
// event as their organisation, a cohort's event as that cohort.
func (h *Handler) event(c *fiber.Ctx) (development.Event, error) {
	e, err := h.dev.Event(ctx(c), c.Params("id"))
	if err != nil {
		return e, err
	}
	res := identity.OrganisationResource(e.OrganisationID)
	if e.CohortID != nil {
		res = identity.Resource{Kind: identity.KindCohort, ID: *e.CohortID, OrgID: e.OrganisationID}
	}
	return e, authorize(c, identity.View, res)
}

// eventOrganisation is the organisation whose events the request is about: the caller's,
// or the one named by ?organisation= (platform administrators, who have none).
func (h *Handler) eventOrganisation(c *fiber.Ctx) (identity.Actor, string, error) {
	a, err := web.CurrentActor(c)
	if err != nil {
		return a, "", err
	}
	orgID := c.Query("organisation", a.OrgID)
	if orgID == "" {
		return a, "", errs.InQuery(errs.Invalid("organisation", "required", ""))
	}
	return a, orgID, authorize(c, identity.View, identity.OrganisationResource(orgID))
}
