package app

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"

	apispec "github.com/academy-platform/academy/api"
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

	app.Get("/api/openapi.yaml", func(c *fiber.Ctx) error {
		c.Type("yaml", "utf-8")
		return c.Send(apispec.OpenAPI)
	})
	// JSON API: bearer tokens, JSON errors.
	v1 := app.Group("/api/v1", web.MarkAPI, site.BearerAuth, site.DetectLocale)
	v1.Get("/me", apiv1.Me)
	v1.Get("/users/:id", apiv1.User)
	v1.Get("/cohorts", apiv1.Cohorts)
	v1.Get("/cohorts/:id", apiv1.Cohort)
	v1.Get("/instruments", apiv1.Instruments)
	v1.Post("/instruments", apiv1.AddInstrument)
	v1.Get("/instruments/:id/psychometrics", apiv1.Psychometrics)
	v1.Post("/assessments", apiv1.StartAssessment)
	v1.Get("/assessments/:id", apiv1.GetAssessment)
	v1.Put("/assessments/:id/answers/:item", apiv1.SaveAnswer)
	v1.Post("/assessments/:id/submit", apiv1.SubmitAssessment)
	v1.Get("/assessments/:id/results", apiv1.AssessmentResults)
	v1.Get("/modules", apiv1.Modules)
	v1.Get("/modules/:slug", apiv1.GetModule)
	v1.Get("/lessons/:id", apiv1.GetLesson)
	v1.Post("/lessons/:id/complete", apiv1.CompleteLesson)
	v1.Post("/quizzes/:slug/attempts", apiv1.StartQuiz)
	v1.Get("/quiz-attempts/:id", apiv1.GetQuizAttempt)
	v1.Put("/quiz-attempts/:id/answers/:question", apiv1.SaveQuizAnswer)
	v1.Post("/quiz-attempts/:id/submit", apiv1.SubmitQuiz)
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

	// Signed-in pages. RequireUser is set per route, not on a group: a group on "/" would
	// also catch unknown URLs and send visitors to sign in instead of answering 404.
	auth := web.RequireUser
	p.Get("/home", auth, pages.Home)
	p.Get("/account", auth, pages.Account)
	p.Post("/account", auth, pages.UpdateAccount)
	p.Post("/account/tokens", auth, pages.CreateToken)
	p.Post("/account/tokens/:id/revoke", auth, pages.RevokeToken)

	p.Get("/orgs/:org/cohorts", auth, pages.Cohorts)
	p.Post("/orgs/:org/cohorts", auth, pages.CreateCohort)
	p.Get("/orgs/:org/people", auth, pages.People)
	p.Get("/orgs/:org/people/invite", auth, pages.InviteForm)
	p.Post("/orgs/:org/people/invite", auth, pages.Invite)
	p.Get("/orgs/:org/people/import", auth, pages.ImportForm)
	p.Post("/orgs/:org/people/import", auth, pages.Import)

	p.Get("/cohorts/:id", auth, pages.Cohort)
	p.Post("/cohorts/:id/members", auth, pages.AddMember)
	p.Post("/cohorts/:id/members/:user/remove", auth, pages.RemoveMember)
	p.Post("/cohorts/:id/coaches", auth, pages.AssignCoach)
	p.Post("/cohorts/:id/coaches/:user/remove", auth, pages.UnassignCoach)

	p.Get("/modules", auth, pages.Catalogue)
	p.Get("/modules/:slug", auth, pages.Module)
	p.Get("/modules/:slug/lessons/:lesson", auth, pages.Lesson)
	p.Post("/modules/:slug/lessons/:lesson/complete", auth, pages.CompleteLesson)
	p.Post("/modules/:slug/quiz/attempts", auth, pages.StartQuiz)
	p.Get("/quiz-attempts/:id", auth, pages.QuizAttempt)
	p.Post("/quiz-attempts/:id/submit", auth, pages.SubmitQuiz)
	p.Post("/quiz-attempts/:id/answers/:question", auth, pages.SaveQuizAnswer)
	p.Get("/quiz-attempts/:id/review", auth, pages.QuizReview)

	p.Get("/orgs/:org/progress", auth, pages.OrgProgress)
	p.Get("/quizzes/:slug/stats", auth, pages.QuizStats)

	p.Get("/assessments", auth, pages.Assessments)
	p.Post("/assessments", auth, pages.StartAssessment)
	p.Get("/assessments/:id", auth, pages.TakeAssessment)
	p.Post("/assessments/:id", auth, pages.SaveAssessmentPage)
	p.Post("/assessments/:id/answers/:item", auth, pages.SaveAssessmentAnswer)
	p.Get("/assessments/:id/review", auth, pages.ReviewAssessment)
	p.Post("/assessments/:id/submit", auth, pages.SubmitAssessment)
	p.Get("/assessments/:id/results", auth, pages.AssessmentResults)

	p.Get("/orgs/:org/instruments", auth, pages.Instruments)
	p.Post("/orgs/:org/instruments", auth, pages.AddInstrument)
	p.Post("/orgs/:org/instruments/:key/cohorts", auth, pages.AssignInstrument)
	p.Post("/orgs/:org/instruments/:key/cohorts/:cohort/remove", auth, pages.UnassignInstrument)
	p.Get("/orgs/:org/responses/import", auth, pages.ResponsesForm)
	p.Post("/orgs/:org/responses/import", auth, pages.ImportResponses)
	p.Get("/instruments/:id/psychometrics", auth, pages.Psychometrics)

	p.Get("/people/:id", auth, pages.Person)
	p.Post("/people/:id/deactivate", auth, pages.Deactivate)
	p.Post("/people/:id/activate", auth, pages.Activate)
	p.Post("/people/:id/invitation", auth, pages.Reinvite)

	app.Use(site.LoadSession, site.DetectLocale, notFound)
}

func notFound(*fiber.Ctx) error { return fiber.ErrNotFound }
