package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type invitationPage struct {
	Invitee identity.User
	Token   string
}

// InvitationForm shows the form where an invited person sets their password.
func (h *Handler) InvitationForm(c *fiber.Ctx) error {
	token := c.Params("token")
	u, err := h.ids.InvitationUser(ctx(c), token)
	if err != nil {
		return err
	}
	if web.CurrentUser(c) == nil {
		h.site.RememberLanguage(c, u.Locale)
	}
	v := h.site.NewView(c, "invitation.title", invitationPage{Invitee: u, Token: token})
	v.Form = &web.Form{Values: map[string]string{"locale": u.Locale}}
	return h.site.Page(c, "auth/invitation", v)
}

// AcceptInvitation sets the password, uses up the link and signs the person in.
func (h *Handler) AcceptInvitation(c *fiber.Ctx) error {
	token := c.Params("token")
	u, err := h.ids.InvitationUser(ctx(c), token)
	if err != nil {
		return err
	}
	in := identity.AcceptInput{
		Password: c.FormValue("password"), PasswordConfirm: c.FormValue("password_confirm"), Locale: c.FormValue("locale"),
	}
	accepted, err := h.ids.AcceptInvitation(ctx(c), token, in)
	if err != nil {
		v := h.site.NewView(c, "invitation.title", invitationPage{Invitee: u, Token: token})
		return h.site.FormPage(c, "auth/invitation", v, map[string]string{"locale": in.Locale}, err)
	}
	if err := h.site.SignOut(c); err != nil {
		return err
	}
	if err := h.site.SignIn(c, accepted.ID); err != nil {
		return err
	}
	return redirectDone(c, "/home", "welcome")
}
