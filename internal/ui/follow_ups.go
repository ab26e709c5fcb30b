package ui

import (
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// CompleteFollowUp marks one of the signed-in learner's follow-up reminders done, which
// logs a followed_up entry in their action log, and returns to the page it was pressed on
// (the home page or the event's page). A follow-up is addressed by its learner only:
// anyone else's is not found.
func (h *Handler) CompleteFollowUp(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	id := c.Params("id")
	mine, err := h.dev.FollowUps(ctx(c), u.ID, false)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(mine, func(f development.FollowUp) bool { return f.ID == id }) {
		return fmt.Errorf("follow-up %s: %w", id, errs.ErrNotFound)
	}
	if _, err := h.dev.CompleteFollowUp(ctx(c), u.ID, id, development.CompleteFollowUpInput{}); err != nil {
		return err
	}
	return redirectDone(c, web.SafeNext(c.FormValue("next")), "follow_up_done")
}
