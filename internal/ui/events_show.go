package ui

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type eventPage struct {
	formFocus
	Event  development.Event
	Dims   dimensionNames
	Cohort *identity.Cohort // the cohort the event is for; nil: the whole organisation
	// Started and Over place the event in time.
	Started, Over bool
	// Learner: the reader is a learner, who goes, prepares and logs attendance; Attendance
	// is theirs (nil before they say anything) and FollowUps their reminders from the event.
	Learner    bool
	Attendance *development.Attendance
	FollowUps  []development.FollowUp
	// Counts: attendance of the people the reader follows (coaches and administrators).
	Counts *development.AttendanceCount
	// Everyone: the counts are over the whole organisation (administrators), not over the
	// learners the reader coaches.
	Everyone bool
	// Attendees: who of the same people goes and attended, by name (coaches and
	// administrators; never their preparation).
	Attendees []development.EventAttendee
	// CanEdit: the reader may change the event (see mayEditEvent).
	CanEdit bool
}

// Going reports whether the learner said they are going.
func (p *eventPage) Going() bool { return p.Attendance != nil && p.Attendance.GoingAt != nil }

// Attended reports whether the learner logged the event as attended.
func (p *eventPage) Attended() bool { return p.Attendance != nil && p.Attendance.AttendedAt != nil }

// Event shows one event. A learner marks that they are going, fills in a preparation
// checklist before the day, and afterwards logs that they attended and whom they will
// follow up with; coaches and administrators see attendance and follow-ups.
func (h *Handler) Event(c *fiber.Ctx) error {
	e, err := h.dev.VisibleEvent(ctx(c), web.CurrentUser(c).ID, c.Params("id"))
	if err != nil {
		return err
	}
	page, err := h.eventPage(c, e, "")
	if err != nil {
		return err
	}
	v := h.site.NewView(c, "events.event_title", page)
	v.Title = e.Title
	return h.site.Page(c, "events/show", v)
}

func (h *Handler) eventPage(c *fiber.Ctx, e development.Event, failed string) (any, error) {
	u := web.CurrentUser(c)
	dims, err := h.dimensions(c, e.OrganisationID)
	if err != nil {
		return nil, err
	}
	if _, err := h.zone(c, e.OrganisationID); err != nil {
		return nil, err
	}
	now := time.Now()
	page := &eventPage{formFocus: formFocus{Failed: failed}, Event: e, Dims: dims,
		Started: !now.Before(e.StartsAt), Over: e.Over(now), Learner: u.Role == identity.RoleLearner}
	if e.CohortID != nil {
		cohort, err := h.ids.Cohort(ctx(c), *e.CohortID)
		if err != nil {
			return nil, err
		}
		page.Cohort = &cohort
	}
	// The event alone: every event starting at the same moment, narrowed by id.
	from, to := e.StartsAt, e.StartsAt.Add(time.Second)
	if page.Learner {
		return page, h.learnerAttendance(c, page, from, to)
	}
	scope, err := h.eventScope(c)
	if err != nil {
		return nil, err
	}
	counts, err := h.countsByEvent(c, e.OrganisationID, scope, from, to)
	if err != nil {
		return nil, err
	}
	count := counts[e.ID]
	page.Counts, page.Everyone = &count, scope.People == nil
	if page.Attendees, err = h.dev.EventAttendees(ctx(c), e.ID, scope.People); err != nil {
		return nil, err
	}
	page.CanEdit = mayEditEvent(c, e) == nil
	return page, nil
}

// learnerAttendance fills in the signed-in learner's attendance of the page's event and
// the follow-up reminders it gave them.
func (h *Handler) learnerAttendance(c *fiber.Ctx, page *eventPage, from, to time.Time) error {
	u := web.CurrentUser(c)
	views, err := h.dev.Events(ctx(c), development.EventFilter{OrganisationID: page.Event.OrganisationID,
		From: from, To: to, UserID: u.ID})
	if err != nil {
		return err
	}
	for _, v := range views {
		if v.Event.ID == page.Event.ID {
			page.Attendance = v.Attendance
		}
	}
	followUps, err := h.dev.FollowUps(ctx(c), u.ID, false)
	if err != nil {
		return err
	}
	for _, f := range followUps {
		if f.EventID != nil && *f.EventID == page.Event.ID {
			page.FollowUps = append(page.FollowUps, f)
		}
	}
	return nil
}
