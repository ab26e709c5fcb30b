package ui

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/development/weekly"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// overviewActions is how many recent action-log entries the overview lists, from the last
// overviewActionDays days.
const (
	overviewActions    = 5
	overviewActionDays = 28
)

// learnerOverview is the development side of a learner's page, for the learner and for
// their coaches: latest self-assessment profile with its growth, the 360 summary
// (aggregates only), goals, recent actions, the footprint score and notes.
type learnerOverview struct {
	learnerAccess
	Links []devLink
	Dims  dimensionNames
	// Profile is the latest self-assessment per dimension beside the observers' mean;
	// SelfAttemptID is that attempt ("" before the first), Since the earlier attempt the
	// changes are measured from (nil when there is none).
	Profile       []profileRow
	SelfAttemptID string
	Since         *time.Time
	Feedback      development.Feedback360
	Goals         []goalSummary
	Actions       []development.ActionEntry
	ActionDays    int // Actions are from the last ActionDays days
	Streak        weekly.Streak
	ThisWeek      int
	Footprint     *development.FootprintCheck
	// Notes: every note for the learner's coaches, the shared ones for the learner.
	Notes []development.Note
}

type profileRow struct {
	Name      string
	Self      *float64
	Change    *float64
	Reliable  bool
	Observers *float64
	Kind      threesixty.Kind
}

type goalSummary struct {
	development.Goal
	Overdue bool
}

// learnerOverview builds the overview of u for the signed-in person, or nil when u is not
// a learner or the reader is neither u nor one of their coaches.
func (h *Handler) learnerOverview(c *fiber.Ctx, u identity.User) (*learnerOverview, error) {
	a, err := h.accessTo(c, u)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	o := &learnerOverview{learnerAccess: a, Links: developmentLinks(u.ID, "/people/"+u.ID), ActionDays: overviewActionDays}
	if o.Dims, err = h.dimensions(c, u.OrgID()); err != nil {
		return nil, err
	}
	if err := h.overviewProfile(c, o); err != nil {
		return nil, err
	}
	if err := h.overviewPractice(c, o); err != nil {
		return nil, err
	}
	if a.CanCoach {
		o.Notes, err = h.dev.CoachNotes(ctx(c), u.ID)
	} else {
		o.Notes, err = h.dev.SharedNotes(ctx(c), u.ID)
	}
	return o, err
}

// overviewProfile reads the latest self-assessment, its change since the attempt before,
// and the 360 aggregates.
func (h *Handler) overviewProfile(c *fiber.Ctx, o *learnerOverview) error {
	fb, err := h.dev.Feedback360(ctx(c), o.Learner.ID)
	if err != nil {
		return err
	}
	o.Feedback, o.SelfAttemptID = fb, fb.SelfAttemptID
	changes := map[string]assessment.DimensionChange{}
	if fb.SelfAttemptID != "" {
		growth, err := h.asmt.Growth(ctx(c), fb.SelfAttemptID)
		if err != nil {
			return err
		}
		if len(growth.Earlier) > 0 {
			last := growth.Earlier[0]
			o.Since = &last.SubmittedAt
			for _, d := range last.Dimensions {
				changes[d.Slug] = d
			}
		}
	}
	lang := web.CurrentLocale(c).Lang
	for _, d := range fb.Dimensions {
		row := profileRow{Name: d.Name.In(lang, web.Languages...), Self: d.Self, Observers: d.Observers.Mean, Kind: d.Kind}
		if ch, ok := changes[d.Slug]; ok {
			row.Change, row.Reliable = ch.Change, ch.Reliable
		}
		o.Profile = append(o.Profile, row)
	}
	return nil
}

// overviewPractice reads the goals, the recent actions with the weekly streak, and the
// latest footprint check.
func (h *Handler) overviewPractice(c *fiber.Ctx, o *learnerOverview) error {
	goals, err := h.dev.Goals(ctx(c), o.Learner.ID)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, g := range goals {
		o.Goals = append(o.Goals, goalSummary{Goal: g, Overdue: g.Overdue(now)})
	}
	view, err := h.dev.ActionWeeks(ctx(c), o.Learner.ID, 1)
	if err != nil {
		return err
	}
	o.Streak, o.ThisWeek = view.Streak, view.Weeks[len(view.Weeks)-1].Total
	entries, err := h.dev.ActionLog(ctx(c), o.Learner.ID, now.AddDate(0, 0, -overviewActionDays), time.Time{})
	if err != nil {
		return err
	}
	o.Actions = entries[:min(len(entries), overviewActions)]
	checks, err := h.dev.FootprintHistory(ctx(c), o.Learner.ID)
	if err != nil {
		return err
	}
	if len(checks) > 0 {
		o.Footprint = &checks[0]
	}
	return nil
}
