package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/identity"
)

type cohortCompletion struct {
	Cohort    identity.CohortSummary
	Percent   int // mean overall progress of its learners
	Completed int // module completions
}

type orgProgressPage struct {
	Organisation identity.Organisation
	Learners     int
	Modules      []courses.ModuleCompletionStat
	Cohorts      []cohortCompletion
}

// OrgProgress shows an organisation admin the completion of every module and the progress
// of each cohort, in a fixed number of queries.
func (h *Handler) OrgProgress(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	people, err := h.ids.UsersInOrganisation(ctx(c), org.ID)
	if err != nil {
		return err
	}
	var learners []string
	for _, u := range people {
		if u.Role == identity.RoleLearner {
			learners = append(learners, u.ID)
		}
	}
	page := orgProgressPage{Organisation: org, Learners: len(learners)}
	if page.Modules, err = h.courses.CompletionByModule(ctx(c), learners); err != nil {
		return err
	}
	report, err := h.courses.LearnerReport(ctx(c), learners)
	if err != nil {
		return err
	}
	cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		return err
	}
	ids := make([]string, len(cohorts))
	for i, co := range cohorts {
		ids[i] = co.ID
	}
	members, err := h.ids.MemberIDsOf(ctx(c), ids)
	if err != nil {
		return err
	}
	for _, co := range cohorts {
		page.Cohorts = append(page.Cohorts, cohortSummary(co, members[co.ID], report))
	}
	return h.site.Page(c, "courses/org_progress", h.site.NewView(c, "progress.title", page))
}

// cohortSummary averages the overall progress of a cohort's members.
func cohortSummary(co identity.CohortSummary, members []string, report courses.LearnerReport) cohortCompletion {
	in := map[string]bool{}
	for _, id := range members {
		in[id] = true
	}
	out := cohortCompletion{Cohort: co}
	n, sum := 0, 0
	for _, row := range report.Rows {
		if !in[row.UserID] {
			continue
		}
		n++
		sum += row.Overall.Percent
		out.Completed += row.Overall.ModulesCompleted
	}
	if n > 0 {
		out.Percent = sum / n
	}
	return out
}
