package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
)

// CSRF protection is a signed double-submit token: the browser holds a random value in an
// HttpOnly cookie, and every form carries an HMAC of that value under the installation's
// key. A forged form from another site cannot know the value; a cookie planted by another
// site cannot come with a valid signature. No server-side state, so any instance checks
// any form.
const (
	csrfCookie = "academy_csrf"
	// CSRFField is the hidden form field that carries the token.
	CSRFField = "_csrf"
	// CSRFHeader carries the token for scripts.
	CSRFHeader = "X-CSRF-Token"
)

// CSRF issues the cookie when missing and checks the token on every state-changing request.
func (s *Site) CSRF(c *fiber.Ctx) error {
	nonce := c.Cookies(csrfCookie)
	if len(nonce) < 32 {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		nonce = base64.RawURLEncoding.EncodeToString(b)
		c.Cookie(&fiber.Cookie{
			Name: csrfCookie, Value: nonce, Path: "/", HTTPOnly: true,
			Secure: s.CookieSecure, SameSite: fiber.CookieSameSiteLaxMode,
		})
	}
	token := s.csrfToken(nonce)
	c.Locals(localCSRF, token)
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	sent := c.Get(CSRFHeader)
	if sent == "" {
		sent = c.FormValue(CSRFField)
	}
	if !hmac.Equal([]byte(sent), []byte(token)) {
		return &CSRFError{}
	}
	return c.Next()
}

func (s *Site) csrfToken(nonce string) string {
	mac := hmac.New(sha256.New, s.SigningKey)
	mac.Write([]byte(nonce))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// CSRFError is a missing or wrong form token: usually a page left open too long.
type CSRFError struct{}

func (*CSRFError) Error() string { return "form token missing or wrong" }

// Unwrap maps the error to 403.
func (*CSRFError) Unwrap() error { return errs.ErrForbidden }
