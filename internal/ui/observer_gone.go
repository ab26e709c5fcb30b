package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/development"
)

// linkProblem answers for an observer link that no longer works with 410 and a page that
// says why in plain words (the feedback was sent, the request withdrawn, the link
// expired). Any other error, such as an unknown link, goes to the error handler.
func (h *Handler) linkProblem(c *fiber.Ctx, err error) error {
	var reason string
	switch {
	case errors.Is(err, development.ErrLinkUsed):
		reason = "used"
	case errors.Is(err, development.ErrLinkWithdrawn):
		reason = "withdrawn"
	case errors.Is(err, development.ErrLinkExpired):
		reason = "expired"
	default:
		return err
	}
	v := h.site.NewView(c, "observer.gone.title", reason)
	return h.site.Renderer.Render(c, fiber.StatusGone, "observer/gone", v)
}
