package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type cohortCompletion struct {
	Cohort    identity.CohortSummary
	Percent   int // mean overall progress of its learners
	Completed int // module completions
}

type orgProgressPage struct {
	Organisation identity.Organisation
	Modules      []courses.ModuleCompletionStat
	Cohorts      []cohortCompletion
}

// OrgProgress shows an organisation admin the completion of every module and the progress
// of each cohort.
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
	page := orgProgressPage{Organisation: org}
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
	for _, co := range cohorts {
		members, err := h.ids.CohortMembers(ctx(c), co.ID)
		if err != nil {
			return err
		}
		page.Cohorts = append(page.Cohorts, cohortSummary(co, members, report))
	}
	return h.site.Page(c, "courses/org_progress", h.site.NewView(c, "progress.title", page))
}

func cohortSummary(co identity.CohortSummary, members []identity.User, report courses.LearnerReport) cohortCompletion {
	in := map[string]bool{}
	for _, u := range members {
		in[u.ID] = true
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

// minStatsAttempts is the fewest first attempts before quiz statistics are shown: fewer
// would say more about individual learners than about the questions.
const minStatsAttempts = 5

type quizStatsPage struct {
	Stats     courses.QuizStats
	Module    courses.ModuleInfo
	Questions map[string]string
	Enough    bool
	Min       int
}

// QuizStats shows coaches and admins how each question of a quiz performs: facility and
// discrimination over every learner's first attempt on the latest version.
func (h *Handler) QuizStats(c *fiber.Ctx) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	if a.Role == identity.RoleLearner {
		return errs.ErrForbidden
	}
	stats, err := h.courses.QuizStats(ctx(c), c.Params("slug"), 0)
	if err != nil {
		return err
	}
	page := quizStatsPage{Stats: stats, Questions: map[string]string{}, Enough: stats.N >= minStatsAttempts, Min: minStatsAttempts}
	catalogue, err := h.courses.Catalogue(ctx(c), a.UserID)
	if err != nil {
		return err
	}
	for _, e := range catalogue {
		if e.Module.QuizSlug == stats.QuizSlug {
			page.Module = e.Module
		}
	}
	return h.site.Page(c, "courses/quiz_stats", h.site.NewView(c, "stats.title", page))
}
