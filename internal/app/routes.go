package app

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"

	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/ui"
	"github.com/academy-platform/academy/internal/web"
)

// routes registers every URL Academy answers. Keep it the one place to read them all.
func (a *App) routes(pages *ui.Handler, apiv1 *api.Handler) {
	app, site := a.fiber, a.site

	app.Get("/healthz", a.healthz)
	app.Get("/readyz", a.readyz)
	app.Use("/static", filesystem.New(filesystem.Config{
		Root: a.staticFS, MaxAge: int((24 * time.Hour).Seconds()),
	}))

	// JSON API: bearer tokens, JSON errors.
	v1 := app.Group("/api/v1", web.MarkAPI, site.BearerAuth, site.DetectLocale)
	v1.Get("/me", apiv1.Me)
	v1.Get("/users/:id", apiv1.User)
	v1.Get("/cohorts", apiv1.Cohorts)
	v1.Get("/cohorts/:id", apiv1.Cohort)
	app.Use("/api", web.MarkAPI, site.DetectLocale, notFound)

	// Pages: session cookie, language, CSRF on every form.
	p := app.Group("/", site.LoadSession, site.DetectLocale, site.CSRF, web.RequireForm)
	p.Get("/", pages.Root)
	p.Get("/login", pages.LoginForm)
	p.Post("/login", pages.Login)
	p.Post("/logout", pages.Logout)
	p.Get("/invitations/:token", pages.InvitationForm)
	p.Post("/invitations/:token", pages.AcceptInvitation)
	p.Post("/language", pages.SetLanguage)

	u := p.Group("/", web.RequireUser)
	u.Get("/home", pages.Home)
	u.Get("/account", pages.Account)
	u.Post("/account", pages.UpdateAccount)
	u.Post("/account/tokens", pages.CreateToken)
	u.Post("/account/tokens/:id/revoke", pages.RevokeToken)

	u.Get("/orgs/:org/cohorts", pages.Cohorts)
	u.Post("/orgs/:org/cohorts", pages.CreateCohort)
	u.Get("/orgs/:org/people", pages.People)
	u.Get("/orgs/:org/people/invite", pages.InviteForm)
	u.Post("/orgs/:org/people/invite", pages.Invite)
	u.Get("/orgs/:org/people/import", pages.ImportForm)
	u.Post("/orgs/:org/people/import", pages.Import)

	u.Get("/cohorts/:id", pages.Cohort)
	u.Post("/cohorts/:id/members", pages.AddMember)
	u.Post("/cohorts/:id/members/:user/remove", pages.RemoveMember)
	u.Post("/cohorts/:id/coaches", pages.AssignCoach)
	u.Post("/cohorts/:id/coaches/:user/remove", pages.UnassignCoach)

	u.Get("/people/:id", pages.Person)
	u.Post("/people/:id/deactivate", pages.Deactivate)
	u.Post("/people/:id/activate", pages.Activate)
	u.Post("/people/:id/invitation", pages.Reinvite)

	app.Use(site.LoadSession, site.DetectLocale, notFound)
}

func notFound(*fiber.Ctx) error { return fiber.ErrNotFound }
