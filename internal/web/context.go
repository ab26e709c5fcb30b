package web

import (
	"time"

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
	localZone   = "academy.zone"
)

// CurrentUser returns the signed-in person, or nil.
func CurrentUser(c *fiber.Ctx) *identity.User {
	u, _ := c.Locals(localUser).(*identity.User)
	return u
}

// CurrentActor returns the policy's view of the signed-in person, reading their cohorts on
// first use in the request. It returns errs.ErrUnauthenticated when nobody is signed in.
func CurrentActor(c *fiber.Ctx) (identity.Actor, error) {
	l, ok := c.Locals(localActor).(*lazyActor)
	if !ok {
		return identity.Actor{}, errs.ErrUnauthenticated
	}
	if !l.loaded {
		l.actor, l.err = l.ids.Actor(c.UserContext(), *l.user)
		l.loaded = true
	}
	return l.actor, l.err
}

// lazyActor is the signed-in person's actor, read when a handler first asks the policy:
// many requests (a learner's own pages, saving their answers) never do, and reading the
// cohorts was one or two queries on every request. A request is handled by one goroutine.
type lazyActor struct {
	ids    *identity.Store
	user   *identity.User
	loaded bool
	actor  identity.Actor
	err    error
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

func (s *Site) setUser(c *fiber.Ctx, u identity.User) {
	c.Locals(localUser, &u)
	c.Locals(localActor, &lazyActor{ids: s.Identity, user: &u})
}

// Client describes the request's origin for sessions and rate limits.
func Client(c *fiber.Ctx) identity.ClientInfo {
	return identity.ClientInfo{IP: c.IP(), UserAgent: string(c.Request().Header.UserAgent())}
}

// SetZone makes loc the time zone the request's page shows times in: that of the
// organisation the page is about, which for a platform admin is not their own.
func SetZone(c *fiber.Ctx, loc *time.Location) {
	c.Locals(localZone, loc)
}
