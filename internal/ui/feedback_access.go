package ui

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// feedbackSubject loads the learner named in the URL (:id) whose observers, 360 results
// or recommendations are asked for. The learner themself may use them, and so may whoever
// may coach them (their coaches, their organisation's administrators): others who may
// see the learner get 403, everyone else 404. People who are not learners have no 360
// feedback (404).
func (h *Handler) feedbackSubject(c *fiber.Ctx) (identity.User, error) {
	act := identity.Coach
	if me := web.CurrentUser(c); me != nil && me.ID == c.Params("id") {
		act = identity.View
	}
	u, err := h.person(c, "id", act)
	if err != nil {
		return u, err
	}
	if u.Role != identity.RoleLearner {
		return u, fmt.Errorf("360 feedback of %s, a %s: %w", u.ID, u.Role, errs.ErrNotFound)
	}
	return u, nil
}
