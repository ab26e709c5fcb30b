package ui

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// ExportAccount downloads everything Academy keeps about the signed-in person as one JSON
// file (the format is described in docs/privacy.md). Only the person themself may: the
// file holds what nobody else sees, such as their answers and event preparation.
func (h *Handler) ExportAccount(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	if err := authorize(c, identity.View, identity.SelfResource(*u)); err != nil {
		return err
	}
	doc, err := h.privacy.Export(ctx(c), u.ID)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+doc.FileName()+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(body)
}
