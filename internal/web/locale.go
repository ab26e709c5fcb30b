package web

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// LangCookie remembers the language chosen by someone who is not signed in.
const LangCookie = "academy_lang"

// DetectLocale sets the request's language: the signed-in person's choice, else the
// language cookie, else the browser's Accept-Language, else Spanish. For the API, an
// explicit Accept-Language wins over the account's setting.
func (s *Site) DetectLocale(c *fiber.Ctx) error {
	lang := ""
	accept := c.Get(fiber.HeaderAcceptLanguage)
	if u := CurrentUser(c); u != nil {
		lang = u.Locale
	}
	if IsAPI(c) && accept != "" {
		lang = s.Catalog.Match(accept)
	}
	if lang == "" {
		if cookie := c.Cookies(LangCookie); Supported(cookie) {
			lang = cookie
		} else {
			lang = s.Catalog.Match(accept)
		}
	}
	c.Locals(localLocale, s.Catalog.Locale(lang))
	return c.Next()
}

// RememberLanguage stores a language choice in a cookie for a year.
func (s *Site) RememberLanguage(c *fiber.Ctx, lang string) {
	c.Cookie(&fiber.Cookie{
		Name: LangCookie, Value: lang, Path: "/", Expires: time.Now().AddDate(1, 0, 0),
		HTTPOnly: true, Secure: s.CookieSecure, SameSite: fiber.CookieSameSiteLaxMode,
	})
	c.Locals(localLocale, s.Catalog.Locale(lang))
}
