package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
)

// MarkAPI flags the request as a JSON API request, so errors are answered as JSON.
func MarkAPI(c *fiber.Ctx) error {
	c.Locals(localAPI, true)
	return c.Next()
}

// BearerAuth signs API requests in from "Authorization: Bearer <token>". Requests without a
// valid token are refused with 401.
func (s *Site) BearerAuth(c *fiber.Ctx) error {
	scheme, token, ok := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="academy"`)
		return errs.ErrUnauthenticated
	}
	u, err := s.Identity.APITokenUser(c.UserContext(), strings.TrimSpace(token))
	if errors.Is(err, errs.ErrUnauthenticated) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="academy", error="invalid_token"`)
	}
	if err != nil {
		return err
	}
	s.setUser(c, u)
	return c.Next()
}

// RequireForm refuses state-changing page requests whose body is not a form.
func RequireForm(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	if len(c.Body()) == 0 || strings.HasPrefix(ct, fiber.MIMEApplicationForm) || strings.HasPrefix(ct, fiber.MIMEMultipartForm) {
		return c.Next()
	}
	return fiber.ErrUnsupportedMediaType
}
