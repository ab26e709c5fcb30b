package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// GoalList is one page of a learner's development plan: open goals first, then by due day.
type GoalList struct {
	Goals      []development.Goal `json:"goals"`
	NextCursor *string            `json:"next_cursor"`
}

// GoalDetail is one goal with its coaches' comments and every change made to it.
type GoalDetail struct {
	development.Goal
	History []development.GoalChange `json:"history"`
}

// Goals answers GET /api/v1/users/{id}/goals?from=&to=: one page of the goals due from
// one day to another.
func (h *Handler) Goals(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	f, p, err := datedPage(c, "goals")
	if err != nil {
		return err
	}
	goals, err := h.dev.GoalList(ctx(c), a.Learner.ID, f)
	if err != nil {
		return storeErr(err)
	}
	goals, next := nextPage(p, goals)
	for i := range goals {
		goals[i].Comments = nonNil(goals[i].Comments)
	}
	return sendList(c, GoalList{Goals: nonNil(goals), NextCursor: next})
}

// CreateGoal answers POST /api/v1/users/{id}/goals: only the learner writes their plan.
func (h *Handler) CreateGoal(c *fiber.Ctx) error {
	u, err := h.ownLearner(c, c.Params("id"))
	if err != nil {
		return err
	}
	var in development.GoalInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	g, err := h.dev.CreateGoal(ctx(c), u.ID, u.ID, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(withComments(g))
}

// GetGoal answers GET /api/v1/goals/{id}: the goal with its comments and history.
func (h *Handler) GetGoal(c *fiber.Ctx) error {
	g, _, err := h.goal(c)
	if err != nil {
		return err
	}
	history, err := h.dev.GoalHistory(ctx(c), g.ID)
	if err != nil {
		return err
	}
	return c.JSON(GoalDetail{Goal: withComments(g), History: history})
}

// UpdateGoal answers PATCH /api/v1/goals/{id}: the learner changes some fields of their
// goal; each change is recorded in its history.
func (h *Handler) UpdateGoal(c *fiber.Ctx) error {
	g, a, err := h.goal(c)
	if err != nil {
		return err
	}
	if err := a.RequireSelf(); err != nil {
		return err
	}
	var in development.GoalPatch
	if err := h.decode(c, &in); err != nil {
		return err
	}
	g, err = h.dev.UpdateGoal(ctx(c), web.CurrentUser(c).ID, g.ID, in)
	if err != nil {
		return err
	}
	return c.JSON(withComments(g))
}

// CommentOnGoal answers POST /api/v1/goals/{id}/comments, for the learner's coaches and
// organisation administrators.
func (h *Handler) CommentOnGoal(c *fiber.Ctx) error {
	g, a, err := h.goal(c)
	if err != nil {
		return err
	}
	if err := a.RequireCoach(); err != nil {
		return err
	}
	var in development.CommentInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	comment, err := h.dev.CommentOnGoal(ctx(c), web.CurrentUser(c).ID, g.ID, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(comment)
}

// goal loads the goal named in the URL if the caller may see its learner's plan, with
// what else they may do with it.
func (h *Handler) goal(c *fiber.Ctx) (development.Goal, learnerAccess, error) {
	g, err := h.dev.Goal(ctx(c), c.Params("id"))
	if err != nil {
		return g, learnerAccess{}, err
	}
	a, err := h.learnerFor(c, g.LearnerID)
	return g, a, err
}

// withComments gives a goal without comments an empty list, as the contract promises.
func withComments(g development.Goal) development.Goal {
	g.Comments = nonNil(g.Comments)
	return g
}
