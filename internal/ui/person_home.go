package ui

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// homeDevelopment is what a learner's home page shows of their networking practice: their
// open follow-up reminders and the upcoming events they are going to.
type homeDevelopment struct {
	FollowUps []followUpItem
	Going     []development.Event
}

type followUpItem struct {
	development.FollowUp
	Overdue bool
}

// homeDevelopment reads the signed-in learner's reminders and upcoming events in three
// queries, whatever their number (the home page is load-tested).
func (h *Handler) homeDevelopment(c *fiber.Ctx) (homeDevelopment, error) {
	var out homeDevelopment
	u := web.CurrentUser(c)
	followUps, err := h.dev.FollowUps(ctx(c), u.ID, true)
	if err != nil {
		return out, err
	}
	now := time.Now()
	for _, f := range followUps {
		out.FollowUps = append(out.FollowUps, followUpItem{FollowUp: f, Overdue: f.Overdue(now)})
	}
	scope, err := h.eventScope(c)
	if err != nil {
		return out, err
	}
	events, err := h.dev.Events(ctx(c), development.EventFilter{OrganisationID: u.OrgID(), From: development.Day(now),
		CohortIDs: scope.Cohorts, UserID: u.ID})
	if err != nil {
		return out, err
	}
	for _, v := range events {
		if a := v.Attendance; a != nil && a.GoingAt != nil && a.AttendedAt == nil && !v.Event.Over(now) {
			out.Going = append(out.Going, v.Event)
		}
	}
	return out, nil
}
