package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type accountPage struct {
	Tokens   []identity.APIToken
	NewToken string
}

func (h *Handler) accountView(c *fiber.Ctx, newToken string) (*web.View, error) {
	u := web.CurrentUser(c)
	tokens, err := h.ids.APITokens(ctx(c), u.ID)
	if err != nil {
		return nil, err
	}
	v := h.site.NewView(c, "account.title", accountPage{Tokens: tokens, NewToken: newToken})
	v.Form = &web.Form{Values: map[string]string{"name": u.Name, "locale": u.Locale}}
	return v, nil
}

// Account shows the person's profile and API tokens.
func (h *Handler) Account(c *fiber.Ctx) error {
	v, err := h.accountView(c, "")
	if err != nil {
		return err
	}
	return h.site.Page(c, "account/show", v)
}

// UpdateAccount saves the person's name and language.
func (h *Handler) UpdateAccount(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	in := identity.ProfileInput{Name: c.FormValue("name"), Locale: c.FormValue("locale")}
	if err := h.ids.UpdateProfile(ctx(c), u.ID, in); err != nil {
		v, verr := h.accountView(c, "")
		if verr != nil {
			return verr
		}
		return h.site.FormPage(c, "account/show", v, map[string]string{"name": in.Name, "locale": in.Locale}, err)
	}
	h.site.RememberLanguage(c, in.Locale)
	return redirectDone(c, "/account", "saved")
}

// CreateToken makes a personal API token and shows it once.
func (h *Handler) CreateToken(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	_, secret, err := h.ids.CreateAPIToken(ctx(c), u.ID, identity.APITokenInput{Name: c.FormValue("token_name")})
	v, verr := h.accountView(c, secret)
	if verr != nil {
		return verr
	}
	if err != nil {
		if ve, ok := errs.AsValidation(err); ok {
			for i := range ve.Fields {
				ve.Fields[i].Field = "token_name"
			}
		}
		return h.site.FormPage(c, "account/show", v, map[string]string{"token_name": c.FormValue("token_name"), "name": u.Name, "locale": u.Locale}, err)
	}
	return h.site.Renderer.Render(c, fiber.StatusCreated, "account/show", v)
}

// RevokeToken stops one of the person's tokens from working.
func (h *Handler) RevokeToken(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	if err := h.ids.RevokeAPIToken(ctx(c), u.ID, c.Params("id")); err != nil {
		return err
	}
	return redirectDone(c, "/account", "token_revoked")
}
