package ui

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type loginPage struct {
	Next string
}

// Root sends people to their home page, or to sign in.
func (h *Handler) Root(c *fiber.Ctx) error {
	if web.CurrentUser(c) != nil {
		return c.Redirect("/home", fiber.StatusSeeOther)
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}

// LoginForm shows the sign-in form.
func (h *Handler) LoginForm(c *fiber.Ctx) error {
	if web.CurrentUser(c) != nil {
		return c.Redirect(web.SafeNext(c.Query("next")), fiber.StatusSeeOther)
	}
	return h.site.Page(c, "auth/login", h.site.NewView(c, "login.title", loginPage{Next: web.SafeNext(c.Query("next"))}))
}

// Login checks the email and password and starts a session.
func (h *Handler) Login(c *fiber.Ctx) error {
	email, password := c.FormValue("email"), c.FormValue("password")
	next := web.SafeNext(c.FormValue("next"))
	v := h.site.NewView(c, "login.title", loginPage{Next: next})
	values := map[string]string{"email": email}
	if email == "" || password == "" {
		verr := &errs.ValidationError{}
		if email == "" {
			verr.Fields = append(verr.Fields, errs.FieldError{Field: "email", Code: "required"})
		}
		if password == "" {
			verr.Fields = append(verr.Fields, errs.FieldError{Field: "password", Code: "required"})
		}
		return h.site.FormPage(c, "auth/login", v, values, verr)
	}
	u, err := h.ids.Authenticate(ctx(c), email, password, web.Client(c))
	var rl *identity.RateLimitError
	switch {
	case errors.Is(err, identity.ErrBadCredentials):
		v.Form = &web.Form{Values: values, Errors: []web.FieldMessage{{Field: "email", Message: v.T("login.bad_credentials")}}}
		return h.site.Renderer.Render(c, fiber.StatusUnauthorized, "auth/login", v)
	case errors.As(err, &rl):
		minutes := int(rl.RetryAfter.Minutes()) + 1
		v.Form = &web.Form{Values: values, Errors: []web.FieldMessage{{Field: "email", Message: v.T("error.rate_limited.wait", "Minutes", minutes)}}}
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(rl.RetryAfter.Seconds())+1))
		return h.site.Renderer.Render(c, fiber.StatusTooManyRequests, "auth/login", v)
	case err != nil:
		return err
	}
	if err := h.site.SignIn(c, u.ID); err != nil {
		return err
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// Logout ends the session.
func (h *Handler) Logout(c *fiber.Ctx) error {
	if err := h.site.SignOut(c); err != nil {
		return err
	}
	return redirectDone(c, "/login", "signed_out")
}
