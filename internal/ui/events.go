package ui

import (
	"fmt"
	"slices"
	"strings"
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
	// Publish: the reader publishes events and sees attendance; Cohorts are the cohorts
	// they may publish an event for.
	Publish bool
	Cohorts []identity.CohortSummary
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
		if page.Cohorts, err = h.publishCohorts(c, org.ID); err != nil {
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

// eventInput reads the publish form. Start and end are written as a datetime-local input
// sends them (2026-03-02T18:30) and taken as UTC; a malformed one is a validation error,
// as is a cohort the person may not publish for.
func (h *Handler) eventInput(c *fiber.Ctx, orgID string) (development.EventInput, map[string]string, error) {
	form := formValues(c)
	in := development.EventInput{Title: c.FormValue("title"), Place: c.FormValue("place"), OnlineURL: c.FormValue("online_url"),
		Organiser: c.FormValue("organiser"), Dimensions: form["dimensions"], Preparation: c.FormValue("preparation"),
		CohortID: strings.TrimSpace(c.FormValue("cohort_id"))}
	values := map[string]string{"title": in.Title, "starts_at": c.FormValue("starts_at"), "ends_at": c.FormValue("ends_at"),
		"place": in.Place, "online_url": in.OnlineURL, "organiser": in.Organiser, "preparation": in.Preparation, "cohort_id": in.CohortID}
	for _, d := range in.Dimensions {
		values["dimensions."+d] = d
	}
	problems := &errs.ValidationError{}
	start, ok := parseMoment(values["starts_at"])
	if !ok {
		problems.Fields = append(problems.Fields, errs.FieldError{Field: "starts_at", Code: "datetime"})
	}
	in.StartsAt = start
	if end, ok := parseMoment(values["ends_at"]); !ok {
		problems.Fields = append(problems.Fields, errs.FieldError{Field: "ends_at", Code: "datetime"})
	} else if !end.IsZero() {
		in.EndsAt = &end
	}
	if in.CohortID != "" {
		cohorts, err := h.publishCohorts(c, orgID)
		if err != nil {
			return in, values, err
		}
		if !slices.ContainsFunc(cohorts, func(co identity.CohortSummary) bool { return co.ID == in.CohortID }) {
			problems.Fields = append(problems.Fields, errs.FieldError{Field: "cohort_id", Code: "unknown"})
		}
	}
	if len(problems.Fields) > 0 {
		return in, values, problems
	}
	return in, values, nil
}

// parseMoment reads a datetime-local value (2026-03-02T18:30, seconds optional) as UTC;
// "" is the zero time. ok is false for anything else.
func parseMoment(value string) (t time.Time, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, value, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
