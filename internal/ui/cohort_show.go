package ui

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
)

type cohortPage struct {
	Cohort    identity.Cohort
	Members   []identity.User
	Coaches   []identity.User
	CanManage bool
	// Progress is the learners × modules table, for the cohort's coaches and admins.
	Progress *courses.LearnerReport
	Names    map[string]string
	// StalledDays is how many days without any activity make a learner need attention.
	StalledDays int
	// Attention lists the learners who need their coach's attention, and why (coaches and
	// admins); Events counts the cohort's attendance and follow-ups per recent or upcoming
	// event of the organisation or of this cohort.
	Attention []attentionRow
	Events    []development.EventCount
	EventDays int
	// Candidates are the organisation's learners and coaches not yet in the cohort, for
	// the add forms (administrators only).
	LearnerCandidates []identity.User
	CoachCandidates   []identity.User
}

// Cohort shows a cohort's learners and coaches; administrators can change them here.
func (h *Handler) Cohort(c *fiber.Ctx) error {
	cohort, err := h.cohort(c, identity.View)
	if err != nil {
		return err
	}
	page, err := h.cohortPage(c, cohort)
	if err != nil {
		return err
	}
	return h.site.Page(c, "cohorts/show", h.site.NewView(c, "cohort.title", page))
}

func (h *Handler) cohortPage(c *fiber.Ctx, cohort identity.Cohort) (*cohortPage, error) {
	page := &cohortPage{Cohort: cohort}
	var err error
	if page.Members, err = h.ids.CohortMembers(ctx(c), cohort.ID); err != nil {
		return nil, err
	}
	if page.Coaches, err = h.ids.CohortCoaches(ctx(c), cohort.ID); err != nil {
		return nil, err
	}
	page.CanManage = authorize(c, identity.Manage, identity.CohortResource(cohort)) == nil
	if authorize(c, identity.Coach, identity.CohortResource(cohort)) == nil {
		if err := h.cohortProgress(c, page); err != nil {
			return nil, err
		}
		if err := h.cohortDevelopment(c, page); err != nil {
			return nil, err
		}
	}
	if !page.CanManage {
		return page, nil
	}
	people, err := h.ids.UsersInOrganisation(ctx(c), cohort.OrganisationID)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, u := range append(page.Members, page.Coaches...) {
		in[u.ID] = true
	}
	for _, u := range people {
		switch {
		case in[u.ID] || !u.Active:
		case u.Role == identity.RoleLearner:
			page.LearnerCandidates = append(page.LearnerCandidates, u)
		case u.Role == identity.RoleCoach:
			page.CoachCandidates = append(page.CoachCandidates, u)
		}
	}
	return page, nil
}

// AddMember puts a learner into the cohort.
func (h *Handler) AddMember(c *fiber.Ctx) error {
	return h.changeCohort(c, func(cohortID string) error {
		return h.ids.AddMember(ctx(c), cohortID, c.FormValue("user_id"))
	}, "member_added")
}

// RemoveMember takes a learner out of the cohort.
func (h *Handler) RemoveMember(c *fiber.Ctx) error {
	return h.changeCohort(c, func(cohortID string) error {
		return h.ids.RemoveMember(ctx(c), cohortID, c.Params("user"))
	}, "member_removed")
}

// AssignCoach makes a coach follow the cohort.
func (h *Handler) AssignCoach(c *fiber.Ctx) error {
	return h.changeCohort(c, func(cohortID string) error {
		return h.ids.AssignCoach(ctx(c), cohortID, c.FormValue("user_id"))
	}, "coach_assigned")
}

// UnassignCoach stops a coach following the cohort.
func (h *Handler) UnassignCoach(c *fiber.Ctx) error {
	return h.changeCohort(c, func(cohortID string) error {
		return h.ids.UnassignCoach(ctx(c), cohortID, c.Params("user"))
	}, "coach_removed")
}

// changeCohort checks that the actor manages the cohort, applies change, and returns to the
// cohort page (re-rendered with the problem when the change was invalid).
func (h *Handler) changeCohort(c *fiber.Ctx, change func(cohortID string) error, done string) error {
	cohort, err := h.cohort(c, identity.Manage)
	if err != nil {
		return err
	}
	if err := change(cohort.ID); err != nil {
		page, perr := h.cohortPage(c, cohort)
		if perr != nil {
			return perr
		}
		return h.site.FormPage(c, "cohorts/show", h.site.NewView(c, "cohort.title", page), nil, err)
	}
	return redirectDone(c, "/cohorts/"+cohort.ID, done)
}

// stalledAfter is how long without any activity before a learner needs attention.
const stalledAfter = 14 * 24 * time.Hour

// cohortProgress fills the learners × modules table.
func (h *Handler) cohortProgress(c *fiber.Ctx, page *cohortPage) error {
	ids := make([]string, 0, len(page.Members))
	page.Names = map[string]string{}
	for _, u := range page.Members {
		ids = append(ids, u.ID)
		page.Names[u.ID] = u.Name
	}
	report, err := h.courses.LearnerReport(ctx(c), ids)
	if err != nil {
		return err
	}
	page.Progress = &report
	return nil
}

// attentionRow is a learner who needs attention, with the reasons.
type attentionRow struct {
	User identity.User
	development.Attention
}

// cohortDevelopment fills in the learners who need attention (no activity for the stalled
// period, goals overdue, self-assessment not started) and the cohort's event attendance.
func (h *Handler) cohortDevelopment(c *fiber.Ctx, page *cohortPage) error {
	ids := make([]string, 0, len(page.Members))
	byID := map[string]identity.User{}
	for _, u := range page.Members {
		ids = append(ids, u.ID)
		byID[u.ID] = u
	}
	page.StalledDays = int(stalledAfter / (24 * time.Hour))
	attention, err := h.dev.NeedsAttention(ctx(c), ids, page.StalledDays)
	if err != nil {
		return err
	}
	for _, a := range attention {
		page.Attention = append(page.Attention, attentionRow{User: byID[a.UserID], Attention: a})
	}
	page.EventDays = recentEventDays
	report, err := h.dev.AttendanceReport(ctx(c), page.Cohort.OrganisationID, ids,
		time.Now().AddDate(0, 0, -recentEventDays), time.Time{})
	if err != nil {
		return err
	}
	for _, e := range report.Events {
		if e.Event.CohortID == nil || *e.Event.CohortID == page.Cohort.ID {
			page.Events = append(page.Events, e)
		}
	}
	return nil
}
