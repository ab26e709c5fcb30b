package web

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "academy_session"

// LoadSession signs the request in from its session cookie, if it has a valid one, and
// clears a cookie that no longer works.
func (s *Site) LoadSession(c *fiber.Ctx) error {
	token := c.Cookies(SessionCookie)
	if token == "" {
		return c.Next()
	}
	u, _, err := s.Identity.SessionUser(c.UserContext(), token)
	switch {
	case errors.Is(err, errs.ErrUnauthenticated):
		s.clearCookie(c, SessionCookie)
	case err != nil:
		return err
	default:
		s.setUser(c, u)
	}
	return c.Next()
}

// SignIn starts a session for the user and sets its cookie.
func (s *Site) SignIn(c *fiber.Ctx, userID string) error {
	token, sess, err := s.Identity.StartSession(c.UserContext(), userID, Client(c))
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: SessionCookie, Value: token, Path: "/", Expires: sess.ExpiresAt,
		HTTPOnly: true, Secure: s.CookieSecure, SameSite: fiber.CookieSameSiteLaxMode,
	})
	return nil
}

// SignOut ends the request's session and clears its cookie.
func (s *Site) SignOut(c *fiber.Ctx) error {
	if token := c.Cookies(SessionCookie); token != "" {
		if err := s.Identity.EndSession(c.UserContext(), token); err != nil {
			return err
		}
	}
	s.clearCookie(c, SessionCookie)
	return nil
}

func (s *Site) clearCookie(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{
		Name: name, Value: "", Path: "/", Expires: time.Unix(1, 0), MaxAge: -1,
		HTTPOnly: true, Secure: s.CookieSecure, SameSite: fiber.CookieSameSiteLaxMode,
	})
}

// RequireUser refuses requests from people who are not signed in.
func RequireUser(c *fiber.Ctx) error {
	if CurrentUser(c) == nil {
		return errs.ErrUnauthenticated
	}
	return c.Next()
}

// SafeNext returns next if it is a path on this site, otherwise "/home". It keeps sign-in
// redirects from sending people to other sites.
func SafeNext(next string) string {
	u, err := url.Parse(next)
	if next == "" || err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") ||
		strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/home"
	}
	return next
}
