package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// minStatsAttempts is the fewest first attempts before quiz statistics are shown.
//
// Population: Store.QuizStats analyses every learner's first attempt on the quiz's
// latest version, across all organisations (the quizzes are the same built-in content for
// everyone, and the statistics describe questions, not people); the store cannot narrow it
// to one organisation. So the page shows only per-question aggregates (facility,
// discrimination, the mean score), never a learner, and only from 5 first attempts on:
// fewer would say more about individual learners than about the questions.
const minStatsAttempts = 5

// Flag thresholds: a question is worth reviewing when almost nobody (facility < 0.2) or
// almost everybody (> 0.95) gets it right, or when it hardly separates stronger from
// weaker learners (discrimination < 0.2).
const (
	facilityLow       = 0.2
	facilityHigh      = 0.95
	discriminationLow = 0.2
)

type questionStatRow struct {
	courses.QuestionStat
	TooHard, TooEasy, LowDiscrimination bool
}

type quizStatsPage struct {
	Stats     courses.QuizStats
	Module    courses.ModuleInfo
	Questions []questionStatRow
	Enough    bool
	Min       int
}

// QuizStats shows coaches and admins how each question of a quiz performs: facility and
// discrimination over every learner's first attempt on the latest version.
func (h *Handler) QuizStats(c *fiber.Ctx) error {
	if err := h.authorizeQuizStats(c); err != nil {
		return err
	}
	stats, err := h.courses.QuizStats(ctx(c), c.Params("slug"), 0)
	if err != nil {
		return err
	}
	page := quizStatsPage{Stats: stats, Enough: stats.N >= minStatsAttempts, Min: minStatsAttempts}
	for _, q := range stats.Questions {
		page.Questions = append(page.Questions, questionStatRow{QuestionStat: q,
			TooHard: q.N > 0 && q.Facility < facilityLow, TooEasy: q.Facility > facilityHigh,
			LowDiscrimination: q.HasDiscrimination && q.Discrimination < discriminationLow})
	}
	catalogue, err := h.courses.Catalogue(ctx(c), web.CurrentUser(c).ID)
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

// authorizeQuizStats asks the policy whether the signed-in person may read quiz
// statistics: coaches as the coach of one of their cohorts, organisation admins as the
// managers of their organisation (platform admins always). Learners get 403.
func (h *Handler) authorizeQuizStats(c *fiber.Ctx) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	if len(a.CoachesIn) > 0 {
		cohort, err := h.ids.Cohort(ctx(c), a.CoachesIn[0])
		if err != nil {
			return err
		}
		if authorize(c, identity.Coach, identity.CohortResource(cohort)) == nil {
			return nil
		}
	}
	return authorize(c, identity.Manage, identity.OrganisationResource(a.OrgID))
}
