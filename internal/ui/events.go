package ui

import (
	"fmt"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// eventItem is an event in a list, with the reader's attendance (learners) or the
// attendance of the people the reader follows (coaches and administrators).
type eventItem struct {
	development.Event
	Attendance *development.Attendance
	Counts     development.AttendanceCount
}

type eventsPage struct {
	Organisation identity.Organisation
	Dims         dimensionNames
	Upcoming     []eventItem
	Recent       []eventItem // over, newest first
	RecentDays   int
	// Publish: the reader publishes events (with Form) and sees attendance.
	Publish bool
	Form    eventForm
}

// Events lists an organisation's upcoming and recent events. Learners see the events of
// their cohorts and of the whole organisation and whether they are going; coaches and
// administrators also see attendance and publish events here.
func (h *Handler) Events(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.View)
	if err != nil {
		return err
	}
	page, err := h.eventsPage(c, org)
	if err != nil {
		return err
	}
	return h.site.Page(c, "events/list", h.site.NewView(c, "events.title", page))
}

func (h *Handler) eventsPage(c *fiber.Ctx, org identity.Organisation) (any, error) {
	scope, err := h.eventScope(c)
	if err != nil {
		return nil, err
	}
	dims, err := h.dimensions(c, org.ID)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	from := now.AddDate(0, 0, -recentEventDays)
	views, err := h.dev.Events(ctx(c), development.EventFilter{OrganisationID: org.ID, From: from,
		CohortIDs: scope.Cohorts, UserID: web.CurrentUser(c).ID})
	if err != nil {
		return nil, err
	}
	page := &eventsPage{Organisation: org, Dims: dims, RecentDays: recentEventDays, Publish: scope.Publish}
	var counts map[string]development.AttendanceCount
	if scope.Publish {
		if counts, err = h.countsByEvent(c, org.ID, scope, from, time.Time{}); err != nil {
			return nil, err
		}
		if page.Form, err = h.newEventForm(c, org.ID, dims, "/orgs/"+org.ID+"/events", "events.publish_submit"); err != nil {
			return nil, err
		}
	}
	for _, v := range views {
		item := eventItem{Event: v.Event, Attendance: v.Attendance, Counts: counts[v.Event.ID]}
		if v.Event.Over(now) {
			page.Recent = append(page.Recent, item)
		} else {
			page.Upcoming = append(page.Upcoming, item)
		}
	}
	slices.Reverse(page.Recent)
	return page, nil
}

// publishCohorts lists the cohorts the signed-in person may publish an event for: the ones
// they coach, or every cohort of the organisation for its administrators.
func (h *Handler) publishCohorts(c *fiber.Ctx, orgID string) ([]identity.CohortSummary, error) {
	u := web.CurrentUser(c)
	if u.Role == identity.RoleCoach {
		return h.ids.Cohorts(ctx(c), identity.CohortFilter{CoachID: u.ID})
	}
	return h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: orgID})
}

// CreateEvent publishes an event of the organisation (coaches and administrators).
func (h *Handler) CreateEvent(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.View)
	if err != nil {
		return err
	}
	if !publishes(web.CurrentUser(c).Role) {
		return fmt.Errorf("events are published by coaches and administrators: %w", errs.ErrForbidden)
	}
	in, values, err := h.eventInput(c, org.ID)
	if err == nil {
		var e development.Event
		if e, err = h.dev.CreateEvent(ctx(c), web.CurrentUser(c).ID, org.ID, in); err == nil {
			return redirectDone(c, "/events/"+e.ID, "event_published")
		}
	}
	return h.refill(c, "events/list", "events.title", func() (any, error) { return h.eventsPage(c, org) }, values, err)
}
