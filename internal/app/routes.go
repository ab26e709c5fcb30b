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
	// The contract's reference page: public like the contract, a page like the others (it
	// is registered here because everything else under /api is the API's).
	app.Get("/api/docs", site.LoadSession, site.DetectLocale, site.CSRF, pages.APIDocs)
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
	// Development: profile and 360 observers, plan, action log, footprint, coach notes, events.
	v1.Get("/users/:id/profile", apiv1.UserProfile)
	v1.Get("/users/:id/observers", apiv1.Observers)
	v1.Post("/users/:id/observers", apiv1.InviteObserver)
	v1.Delete("/observers/:id", apiv1.WithdrawObserver)
	v1.Post("/observers/:id/resend", apiv1.ResendObserver)
	v1.Get("/users/:id/goals", apiv1.Goals)
	v1.Post("/users/:id/goals", apiv1.CreateGoal)
	v1.Get("/goals/:id", apiv1.GetGoal)
	v1.Patch("/goals/:id", apiv1.UpdateGoal)
	v1.Post("/goals/:id/comments", apiv1.CommentOnGoal)
	v1.Get("/users/:id/actions", apiv1.Actions)
	v1.Post("/users/:id/actions", apiv1.LogAction)
	v1.Post("/actions/:id/comments", apiv1.CommentOnAction)
	v1.Get("/users/:id/footprint", apiv1.FootprintChecks)
	v1.Post("/users/:id/footprint", apiv1.SaveFootprint)
	v1.Get("/users/:id/notes", apiv1.Notes)
	v1.Post("/users/:id/notes", apiv1.AddNote)
	v1.Get("/events", apiv1.Events)
	v1.Post("/events", apiv1.CreateEvent)
	v1.Get("/events/:id", apiv1.GetEvent)
	v1.Post("/events/:id/attendance", apiv1.Attendance)
	// Editing a published event, by the same rules as the pages.
	v1.Patch("/events/:id", apiv1.UpdateEvent)
	// Reports as PDF (?lang=es|en): a learner's, a cohort's, an organisation's.
	v1.Get("/users/:id/report.pdf", apiv1.UserReport)
	// Privacy: a person downloads their own data; their organisation's administrators erase them.
	v1.Get("/users/:id/export", apiv1.ExportUser)
	v1.Post("/users/:id/erase", apiv1.EraseUser)
	v1.Get("/cohorts/:id/report.pdf", apiv1.CohortReport)
	v1.Get("/orgs/:org/report.pdf", apiv1.OrganisationReport)
	// A learner's Open Badges, with their signed credentials.
	v1.Get("/users/:id/badges", apiv1.Badges)
	v1.Post("/badges/:id/revoke", apiv1.RevokeBadge)
	// xAPI statements of an organisation (?organisation=, default the caller's), for its admins.
	v1.Get("/xapi/statements", apiv1.XAPIStatements)
	app.Use("/api", web.MarkAPI, site.DetectLocale, notFound)

	// Open Badges, public: a badge's credential as a download, each organisation's issuer
	// profile (its keys) and revocation list. JSON-LD for verifiers, no session.
	app.Get("/badges/:id.json", web.MarkAPI, site.DetectLocale, pages.BadgeJSON)
	app.Get("/orgs/:org/issuer", web.MarkAPI, site.DetectLocale, pages.IssuerProfile)
	app.Get("/orgs/:org/badges/status", web.MarkAPI, site.DetectLocale, pages.BadgeStatusList)

	// Pages: session cookie, language, CSRF on every form.
	p := app.Group("/", site.LoadSession, site.DetectLocale, site.CSRF, web.RequireForm)
	p.Get("/", pages.Root)
	p.Get("/login", pages.LoginForm)
	p.Post("/login", pages.Login)
	p.Post("/logout", pages.Logout)
	p.Get("/invitations/:token", pages.InvitationForm)
	p.Post("/invitations/:token", pages.AcceptInvitation)
	p.Post("/language", pages.SetLanguage)
	// A badge's public verification page (or its credential, for Accept: application/ld+json)
	// and the competency model its alignments point to: for anyone holding the link.
	p.Get("/badges/:id", pages.NegotiateBadge, pages.Badge)
	p.Get("/competencies", pages.Competencies)

	// Signed-in pages. RequireUser is set per route, not on a group: a group on "/" would
	// also catch unknown URLs and send visitors to sign in instead of answering 404.
	auth := web.RequireUser
	p.Get("/home", auth, pages.Home)
	p.Get("/account", auth, pages.Account)
	p.Post("/account", auth, pages.UpdateAccount)
	p.Post("/account/tokens", auth, pages.CreateToken)
	p.Post("/account/tokens/:id/revoke", auth, pages.RevokeToken)
	p.Get("/account/export.json", auth, pages.ExportAccount)

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
	// Erasing a person's data: a confirmation page, then the erasure.
	p.Get("/people/:id/erase", auth, pages.EraseForm)
	p.Post("/people/:id/erase", auth, pages.Erase)
	// A learner's badges (the learner, their coaches, their organisation's admins); the learner
	// shows or hides their name on a badge's public page; the organisation's admins revoke,
	// after a confirmation page.
	p.Get("/people/:id/badges", auth, pages.LearnerBadges)
	p.Post("/badges/:id/share", auth, pages.ShareBadge)
	p.Get("/badges/:id/revoke", auth, pages.RevokeBadgeForm)
	p.Post("/badges/:id/revoke", auth, pages.RevokeBadge)

	// Development: a learner's plan, action log, footprint check and coach notes; events with attendance and follow-ups.
	p.Get("/people/:id/plan", auth, pages.Plan)
	p.Post("/people/:id/goals", auth, pages.CreateGoal)
	p.Post("/goals/:id", auth, pages.UpdateGoal)
	p.Post("/goals/:id/comments", auth, pages.CommentOnGoal)
	p.Get("/people/:id/actions", auth, pages.Actions)
	p.Post("/people/:id/actions", auth, pages.LogAction)
	p.Post("/actions/:id/comments", auth, pages.CommentOnAction)
	p.Get("/people/:id/footprint", auth, pages.Footprint)
	p.Post("/people/:id/footprint", auth, pages.SaveFootprint)
	p.Post("/people/:id/notes", auth, pages.AddNote)
	p.Get("/orgs/:org/events", auth, pages.Events)
	p.Post("/orgs/:org/events", auth, pages.CreateEvent)
	p.Get("/events/:id", auth, pages.Event)
	p.Post("/events/:id/going", auth, pages.MarkGoing)
	p.Post("/events/:id/going/cancel", auth, pages.CancelGoing)
	p.Post("/events/:id/preparation", auth, pages.SavePreparation)
	p.Post("/events/:id/attended", auth, pages.MarkAttended)
	p.Post("/follow-ups/:id/done", auth, pages.CompleteFollowUp)
	// Editing a published event: its organisation's administrators, and coaches for the organisation or the cohorts they coach.
	p.Get("/events/:id/edit", auth, pages.EditEventForm)
	p.Post("/events/:id/edit", auth, pages.UpdateEvent)

	// 360 feedback of a learner (observers, results, recommendations) and the observers' public link pages.
	p.Get("/people/:id/observers", auth, pages.Observers)
	p.Post("/people/:id/observers", auth, pages.InviteObserver)
	p.Post("/people/:id/observers/:observer/resend", auth, pages.ResendObserver)
	p.Post("/people/:id/observers/:observer/withdraw", auth, pages.WithdrawObserver)
	p.Get("/people/:id/feedback", auth, pages.Feedback360)
	p.Get("/people/:id/recommendations", auth, pages.Recommendations)
	p.Get("/o/:token", pages.ObserverForm)
	p.Post("/o/:token", pages.SaveObserverPage)
	p.Post("/o/:token/answers/:item", pages.SaveObserverAnswer)

	// Report delivery: PDF and CSV downloads (?lang=es|en), bulk ZIP jobs, organisation branding.
	p.Get("/people/:id/report.pdf", auth, pages.LearnerReport)
	p.Get("/modules/:slug/certificate.pdf", auth, pages.Certificate)
	p.Get("/cohorts/:id/report.pdf", auth, pages.CohortReport)
	p.Get("/cohorts/:id/exports/:kind.csv", auth, pages.CohortExport)
	p.Get("/orgs/:org/report.pdf", auth, pages.OrganisationReport)
	p.Get("/orgs/:org/exports/:kind.csv", auth, pages.OrganisationExport)
	p.Get("/orgs/:org/reports", auth, pages.Reports)
	p.Post("/orgs/:org/reports/bulk", auth, pages.RequestBulk)
	p.Get("/report-jobs/:id", auth, pages.ReportJob)
	p.Get("/report-jobs/:id/download", auth, pages.DownloadReportJob)
	p.Get("/orgs/:org/branding", auth, pages.BrandingForm)
	p.Post("/orgs/:org/branding", auth, pages.SaveBranding)
	// The organisation's time zone, set on the branding page (organisation_zone_test.go).
	p.Post("/orgs/:org/time-zone", auth, pages.SaveTimeZone)
	p.Get("/orgs/:org/logo.png", auth, pages.Logo)
	p.Get("/orgs/:org/brand.css", auth, pages.BrandStyle)

	app.Use(site.LoadSession, site.DetectLocale, notFound)
}

func notFound(*fiber.Ctx) error { return fiber.ErrNotFound }
