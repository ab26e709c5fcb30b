package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/apidocs"
)

type apiDocsPage struct {
	Reference *apidocs.Reference
}

// APIDocs shows the JSON API's reference, read from its contract (api/openapi.yaml, served
// at /api/openapi.yaml). Like the contract, it is public.
func (h *Handler) APIDocs(c *fiber.Ctx) error {
	ref, err := h.apiReference()
	if err != nil {
		return err
	}
	return h.site.Page(c, "api/docs", h.site.NewView(c, "apidocs.title", apiDocsPage{Reference: ref}))
}
