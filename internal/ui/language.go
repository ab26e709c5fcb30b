package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// SetLanguage switches the interface language: for the account when signed in, and in a
// cookie in any case. It returns to the page the switch was pressed on.
func (h *Handler) SetLanguage(c *fiber.Ctx) error {
	lang := c.FormValue("lang")
	if !web.Supported(lang) {
		return errs.Invalid("lang", "oneof", "es en")
	}
	if u := web.CurrentUser(c); u != nil {
		if err := h.ids.SetLocale(ctx(c), u.ID, lang); err != nil {
			return err
		}
	}
	h.site.RememberLanguage(c, lang)
	next := c.FormValue("next")
	if next == "" || web.SafeNext(next) != next {
		next = "/"
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}
