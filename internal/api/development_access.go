package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// learnerAccess is web.LearnerAccess: the same rules as the pages. Every check runs
// before the request body is read, so a caller who may not act learns nothing from what
// is wrong with the body.
type learnerAccess = web.LearnerAccess

// learnerFor loads the learner with the given id if the caller may see their development
// records (web.AccessToLearner).
func (h *Handler) learnerFor(c *fiber.Ctx, learnerID string) (learnerAccess, error) {
	u, err := h.ids.User(ctx(c), learnerID)
	if err != nil {
		return learnerAccess{}, err
	}
	return web.AccessToLearner(c, h.ids, u)
}

// ownLearner is learnerFor for writing: the caller must be the learner.
func (h *Handler) ownLearner(c *fiber.Ctx, learnerID string) (identity.User, error) {
	a, err := h.learnerFor(c, learnerID)
	if err == nil {
		err = a.RequireSelf()
	}
	return a.Learner, err
}

// coachedLearner is learnerFor for coaching: the caller must coach the learner (or
// administer their organisation).
func (h *Handler) coachedLearner(c *fiber.Ctx, learnerID string) (identity.User, error) {
	a, err := h.learnerFor(c, learnerID)
	if err == nil {
		err = a.RequireCoach()
	}
	return a.Learner, err
}

// nonNil returns s, or an empty list for nil: lists are never null in the API's answers.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
