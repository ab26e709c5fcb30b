package ui

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// recentEventDays is how far back the events pages look: long enough to log an event as
// attended and to follow its attendance.
const recentEventDays = 60

// eventScope is the part of an organisation's events and attendance a person sees.
type eventScope struct {
	// Cohorts: besides the organisation-wide events, those of these cohorts (the ones the
	// person learns in or coaches); nil for administrators, who see every event.
	Cohorts []string
	// People: whose attendance the person follows (a coach: the learners of their
	// cohorts); nil for administrators (everyone). Learners follow nobody's.
	People []string
	// Publish: the person publishes events and follows attendance (coaches and
	// administrators).
	Publish bool
}

// eventScope works out what the signed-in person sees of their organisation's events.
func (h *Handler) eventScope(c *fiber.Ctx) (eventScope, error) {
	a, err := web.CurrentActor(c)
	if err != nil {
		return eventScope{}, err
	}
	switch {
	case !publishes(a.Role):
		return eventScope{Cohorts: append([]string{}, a.MemberOf...)}, nil
	case a.Role == identity.RoleCoach:
		people, err := h.dev.FollowedPeople(ctx(c), a)
		if err != nil {
			return eventScope{}, err
		}
		return eventScope{Cohorts: append(append([]string{}, a.CoachesIn...), a.MemberOf...), People: people, Publish: true}, nil
	}
	return eventScope{Publish: true}, nil
}

// publishes reports whether people with the role publish events: coaches and
// administrators (the store enforces the same rule).
func publishes(r identity.Role) bool {
	return r == identity.RoleCoach || r == identity.RoleOrgAdmin || r == identity.RoleAdmin
}

// countsByEvent counts attendance and follow-ups of the scope's people per event of the
// organisation starting from from (zero: all), by event id.
func (h *Handler) countsByEvent(c *fiber.Ctx, orgID string, scope eventScope, from, to time.Time) (map[string]development.AttendanceCount, error) {
	report, err := h.dev.AttendanceReport(ctx(c), orgID, scope.People, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]development.AttendanceCount, len(report.Events))
	for _, e := range report.Events {
		out[e.Event.ID] = e.Counts
	}
	return out, nil
}
