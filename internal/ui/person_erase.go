package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/privacy"
	"github.com/academy-platform/academy/internal/web"
)

type erasePage struct {
	Person identity.User
	IsSelf bool
}

// EraseForm asks an administrator of the person's organisation to confirm the erasure of
// their data: what goes, what stays, and their name to type.
func (h *Handler) EraseForm(c *fiber.Ctx) error {
	u, err := h.person(c, "id", identity.Manage)
	if err != nil {
		return err
	}
	return h.site.Page(c, "people/erase", h.eraseView(c, u))
}

func (h *Handler) eraseView(c *fiber.Ctx, u identity.User) *web.View {
	return h.site.NewView(c, "erase.title", erasePage{Person: u, IsSelf: web.CurrentUser(c).ID == u.ID})
}

// Erase erases the person's data once the administrator typed their name, and returns to
// the organisation's people. Sending the form again after it worked (a double click, the
// back button) ends the same way and changes nothing.
func (h *Handler) Erase(c *fiber.Ctx) error {
	u, err := h.personBy(c, "id", identity.Manage, h.ids.UserIncludingErased)
	if err != nil {
		return err
	}
	in := privacy.EraseInput{ConfirmName: c.FormValue("confirm_name")}
	if _, err := h.privacy.Erase(ctx(c), web.CurrentUser(c).ID, u.ID, in); err != nil {
		return h.site.FormPage(c, "people/erase", h.eraseView(c, u), map[string]string{"confirm_name": in.ConfirmName}, err)
	}
	return redirectDone(c, "/orgs/"+u.OrgID()+"/people", "erased")
}
