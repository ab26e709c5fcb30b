package api

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/privacy"
	"github.com/academy-platform/academy/internal/web"
)

// ExportUser answers GET /api/v1/users/{id}/export: everything Academy keeps about the
// person, as the download on their account page. Only the person themself: anyone else
// who may see them is refused (403), anyone who may not is told nothing (404).
func (h *Handler) ExportUser(c *fiber.Ctx) error {
	u, err := h.person(c, identity.View, h.ids.User)
	if err != nil {
		return err
	}
	if web.CurrentUser(c).ID != u.ID {
		return fmt.Errorf("only %s downloads their own data: %w", u.ID, errs.ErrForbidden)
	}
	doc, err := h.privacy.Export(ctx(c), u.ID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.JSON(doc)
}

// EraseUser answers POST /api/v1/users/{id}/erase: an administrator of the person's
// organisation erases their data, confirming with the person's name. Repeating a
// successful request answers the same erasure again.
func (h *Handler) EraseUser(c *fiber.Ctx) error {
	u, err := h.person(c, identity.Manage, h.ids.UserIncludingErased)
	if err != nil {
		return err
	}
	var in privacy.EraseInput
	if err := h.decode(c, &in); err != nil {
		return err
	}
	erasure, err := h.privacy.Erase(ctx(c), web.CurrentUser(c).ID, u.ID, in)
	if err != nil {
		return err
	}
	return c.JSON(erasure)
}
