package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

const (
	localUser   = "academy.user"
	localActor  = "academy.actor"
	localLocale = "academy.locale"
	localCSRF   = "academy.csrf"
	localAPI    = "academy.api"
)

// CurrentUser returns the signed-in person, or nil.
func CurrentUser(c *fiber.Ctx) *identity.User {
	u, _ := c.Locals(localUser).(*identity.User)
	return u
}

// CurrentActor returns the policy's view of the signed-in person. It returns
// errs.ErrUnauthenticated when nobody is signed in.
func CurrentActor(c *fiber.Ctx) (identity.Actor, error) {
	a, ok := c.Locals(localActor).(identity.Actor)
	if !ok {
		return identity.Actor{}, errs.ErrUnauthenticated
	}
	return a, nil
}

// CurrentLocale returns the request's language.
func CurrentLocale(c *fiber.Ctx) Locale {
	lo, _ := c.Locals(localLocale).(Locale)
	return lo
}

// IsAPI reports whether the request is for the JSON API.
func IsAPI(c *fiber.Ctx) bool {
	v, _ := c.Locals(localAPI).(bool)
	return v
}

func (s *Site) setUser(c *fiber.Ctx, u identity.User) error {
	actor, err := s.Identity.Actor(c.UserContext(), u)
	if err != nil {
		return err
	}
	c.Locals(localUser, &u)
	c.Locals(localActor, actor)
	return nil
}

// Client describes the request's origin for sessions and rate limits.
func Client(c *fiber.Ctx) identity.ClientInfo {
	return identity.ClientInfo{IP: c.IP(), UserAgent: string(c.Request().Header.UserAgent())}
}
