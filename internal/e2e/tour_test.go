package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/identity"
)

// The tour is every main page of Academy, as each kind of person sees it, on the demo
// organisations with some history added (a module done, goals, actions, a footprint
// check, events, 360 feedback from three observers, a coach's note, a bulk report job).
// The phone test opens every page of it in both languages; the screenshot pass
// (TestScreenshots) photographs it at a phone's and a laptop's width.

// tourPage is one page of the tour: Name names its screenshot, Status is the HTTP status
// it answers with (200 unless said). A page with a Lang is always in that language (an
// observer's form is in the invitation's) and is seen only on the tour in it.
type tourPage struct {
	Name   string
	Path   string
	Status int64
	Lang   string
	// Long pages are too tall for a full-page screenshot; the screenshot pass checks
	// them but saves no picture.
	Long bool
}

// tourVisitor is someone who takes the tour: a demo account signed in through the form,
// or, with no Email, a visitor without an account.
type tourVisitor struct {
	Role  string
	Email string
	Pages []tourPage
}

// The newcomer has an account and a cohort but has done nothing yet: their pages show
// the empty states.
const (
	newcomerEmail = "nerea.blanco@acme.example"
	newcomerName  = "Nerea Blanco"
)

// tour adds the history to the demo and returns who sees which pages.
func tour(t *testing.T, s *apptest.Server) []tourVisitor {
	t.Helper()
	ctx := context.Background()
	ids, dev := s.App.Identity(), s.App.Development()
	user := func(email string) identity.User {
		u, err := ids.UserByEmail(ctx, email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		return u
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	org := orgIDOf(t, s, "acme")
	cohort := cohortIDOf(t, s, "Desarrollo de negocio 2026")
	learner, coach, admin := user("learner1@acme.example"), user("coach@acme.example"), user("admin@acme.example")
	newcomer, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org, Email: newcomerEmail, Name: newcomerName,
		Role: identity.RoleLearner, Locale: "es", PasswordHash: identity.HashPassword(apptest.DemoPassword)})
	must(err)
	must(ids.AddMember(ctx, cohort, newcomer.ID))

	// Courses: the first module done (lessons and quiz), the second started; another
	// learner has a quiz open.
	m := builtInModule(t, "giving-first")
	courses := s.App.Courses()
	for _, l := range m.Lessons {
		_, err := courses.CompleteLesson(ctx, learner.ID, m.Slug, l.Slug)
		must(err)
	}
	quiz, err := courses.StartAttempt(ctx, learner.ID, m.Quiz.Slug)
	must(err)
	for _, q := range m.Quiz.Questions {
		var right []string
		for _, o := range q.Options {
			if o.Correct {
				right = append(right, o.ID)
			}
		}
		must(courses.SaveAnswer(ctx, learner.ID, quiz.ID, q.ID, right))
	}
	_, err = courses.Submit(ctx, learner.ID, quiz.ID)
	must(err)
	badge, err := s.App.Badges().ForModule(ctx, learner.ID, m.Slug) // the module's badge, earned with it
	must(err)
	learner2 := user("learner2@acme.example")
	openQuiz, err := courses.StartAttempt(ctx, learner2.ID, m.Quiz.Slug)
	must(err)

	// The self-assessment: learner1 has two sittings (the demo's); learner2 has a third
	// under way, one page answered.
	asmt := s.App.Assessment()
	instruments, err := asmt.Instruments(ctx, org)
	must(err)
	var self string
	for _, i := range instruments {
		if i.Key == "networking-self" {
			self = i.ID
		}
	}
	attempts, err := asmt.Attempts(ctx, learner.ID)
	must(err)
	var results string // the newest, which has growth to show
	for _, a := range attempts {
		if a.Submitted() && results == "" {
			results = a.ID
		}
	}
	open, err := asmt.Start(ctx, learner2.ID, org, "networking-self")
	must(err)
	def, err := asmt.Definition(ctx, open.InstrumentID)
	must(err)
	for _, it := range def.Items[:6] {
		v := 4
		if it.Type == instrument.SJT {
			must(asmt.SaveAnswer(ctx, learner2.ID, open.ID, it.ID, nil, new(int)))
			continue
		}
		must(asmt.SaveAnswer(ctx, learner2.ID, open.ID, it.ID, &v, nil))
	}

	// Development: goals (one commented by the coach), actions, a footprint check and a
	// coach's note.
	due := time.Now().UTC().AddDate(0, 1, 0).Format(development.DateLayout)
	goal, err := dev.CreateGoal(ctx, learner.ID, learner.ID, development.GoalInput{Dimension: "giving-first",
		Title: "Presentar entre sí a dos personas de mi red cada mes", SuccessMeasure: "Dos presentaciones hechas y su respuesta anotada", DueOn: due})
	must(err)
	_, err = dev.CommentOnGoal(ctx, coach.ID, goal.ID, development.CommentInput{Body: "Buen objetivo. ¿A quién vas a presentar primero, y por qué encajan?"})
	must(err)
	_, err = dev.CreateGoal(ctx, learner.ID, learner.ID, development.GoalInput{Dimension: "event-presence",
		Title: "Ir a un encuentro del sector con tres preguntas preparadas", SuccessMeasure: "Tres conversaciones con seguimiento", DueOn: due, Status: development.GoalInProgress})
	must(err)
	today := time.Now().UTC()
	for i, a := range []development.ActionInput{
		{Type: "introduced", Who: "Eva Ramos y Luis Prieto", Note: "Los dos buscan socios para el mismo proyecto.", Dimensions: []string{"giving-first"}},
		{Type: "helped", Who: "Sara Gómez", Note: "Le pasé el estudio de mercado que necesitaba para su propuesta."},
		{Type: "followed_up", Who: "Jorge Lara", Note: "Le escribí después del desayuno de la cámara de comercio."},
	} {
		a.On = today.AddDate(0, 0, -3*i).Format(development.DateLayout)
		_, err := dev.LogAction(ctx, learner.ID, learner.ID, a)
		must(err)
	}
	answers := footprint.Answers{}
	for i, q := range footprint.Checklist() {
		answers[q.ID] = i % 2
		if q.Kind == footprint.Count {
			answers[q.ID] = 3
		}
	}
	_, err = dev.SaveFootprint(ctx, learner.ID, learner.ID, answers)
	must(err)
	_, err = dev.AddNote(ctx, coach.ID, learner.ID, development.NoteInput{Body: "Avanza bien con las presentaciones; le cuesta pedir ayuda.", Shared: true})
	must(err)

	// Events: one coming, one past that the learner attended with a follow-up.
	place := "Cámara de Comercio, Madrid"
	soon := today.AddDate(0, 0, 10).Truncate(time.Hour)
	event, err := dev.CreateEvent(ctx, admin.ID, org, development.EventInput{Title: "Desayuno de networking del sector",
		StartsAt: soon, Place: place, Organiser: "Cámara de Comercio", Dimensions: []string{"event-presence"},
		Preparation: "Piensa en dos personas a las que podrías ayudar y en qué necesitas tú."})
	must(err)
	_, err = dev.SavePreparation(ctx, learner.ID, event.ID, development.PreparationInput{Pitch: "Ayudo a equipos comerciales a preparar propuestas.",
		PersonToHelp: "Alguien que busque socios", NeedToExpress: "Contactos en logística"})
	must(err)
	past, err := dev.CreateEvent(ctx, coach.ID, org, development.EventInput{Title: "Encuentro de antiguos alumnos",
		StartsAt: today.AddDate(0, 0, -5).Truncate(time.Hour), Place: place, CohortID: cohort})
	must(err)
	_, err = dev.MarkAttended(ctx, learner.ID, past.ID, development.AttendedInput{Note: "Buenas conversaciones.",
		FollowUps: []development.FollowUpInput{{Contact: "Jorge Lara", Note: "Enviarle el estudio"}}})
	must(err)

	// 360 feedback: three observers answered; a fourth, in English, has not yet: their link
	// is the public form of the tour. A withdrawn link shows the page for links that no
	// longer work.
	for _, o := range []development.ObserverInput{
		{Email: "eva.ramos@partner.example", Relationship: "peer"},
		{Email: "luis.prieto@partner.example", Relationship: "manager"},
		{Email: "sara.gomez@partner.example", Relationship: "client"},
	} {
		link, err := dev.InviteObserver(ctx, learner.ID, learner.ID, o)
		must(err)
		answerAsObserver(t, s, link.Token)
	}
	pendingES, err := dev.InviteObserver(ctx, learner.ID, learner.ID, development.ObserverInput{Email: "jorge.lara@partner.example", Relationship: "client", Language: "es"})
	must(err)
	pendingEN, err := dev.InviteObserver(ctx, learner.ID, learner.ID, development.ObserverInput{Email: "kim.lee@partner.example", Relationship: "peer", Language: "en"})
	must(err)
	withdrawn, err := dev.InviteObserver(ctx, learner.ID, learner.ID, development.ObserverInput{Email: "old.friend@partner.example", Relationship: "peer"})
	must(err)
	must(dev.WithdrawObserver(ctx, learner.ID, withdrawn.Invitation.ID))

	// A bulk report job, asked for as the admin would.
	client := s.Login("admin@acme.example")
	resp := client.PostForm("/orgs/"+org+"/reports/bulk", url.Values{"cohort_id": {cohort}, "lang": {"es"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/report-jobs/") {
		t.Fatalf("bulk report request: %d %s", resp.StatusCode, apptest.Body(resp))
	}
	job := resp.Header.Get("Location")

	people := "/people/" + learner.ID
	return []tourVisitor{
		{Role: "visitor", Pages: []tourPage{
			{Name: "login", Path: "/login"},
			{Name: "observer-form", Path: "/o/" + pendingES.Token, Lang: "es"},
			{Name: "observer-form-page-8", Path: "/o/" + pendingES.Token + "?page=8", Lang: "es"},
			{Name: "observer-check", Path: "/o/" + pendingES.Token + "?page=99", Lang: "es"},
			{Name: "observer-form", Path: "/o/" + pendingEN.Token, Lang: "en"},
			{Name: "observer-gone", Path: "/o/" + withdrawn.Token, Status: http.StatusGone, Lang: "es"},
			{Name: "not-found", Path: "/no-such-page", Status: http.StatusNotFound},
			{Name: "badge", Path: "/badges/" + badge.ID},
			{Name: "competencies", Path: "/competencies"},
			{Name: "api-docs", Path: "/api/docs", Long: true},
		}},
		{Role: "learner", Email: "learner1@acme.example", Pages: []tourPage{
			{Name: "home", Path: "/home"},
			{Name: "modules", Path: "/modules"},
			{Name: "module", Path: "/modules/" + m.Slug},
			{Name: "lesson", Path: "/modules/" + m.Slug + "/lessons/" + m.Lessons[0].Slug},
			{Name: "quiz-review", Path: "/quiz-attempts/" + quiz.ID + "/review"},
			{Name: "assessments", Path: "/assessments"},
			{Name: "results", Path: "/assessments/" + results + "/results"},
			{Name: "recommendations", Path: people + "/recommendations"},
			{Name: "overview", Path: people},
			{Name: "plan", Path: people + "/plan"},
			{Name: "actions", Path: people + "/actions"},
			{Name: "footprint", Path: people + "/footprint"},
			{Name: "events", Path: "/orgs/" + org + "/events"},
			{Name: "event", Path: "/events/" + event.ID},
			{Name: "event-past", Path: "/events/" + past.ID},
			{Name: "observers", Path: people + "/observers"},
			{Name: "feedback", Path: people + "/feedback"},
			{Name: "badges", Path: people + "/badges"},
			{Name: "badge", Path: "/badges/" + badge.ID},
			{Name: "account", Path: "/account"},
			{Name: "forbidden", Path: "/orgs/" + org + "/people", Status: http.StatusForbidden},
			{Name: "not-found", Path: "/no-such-page", Status: http.StatusNotFound},
		}},
		{Role: "learner-busy", Email: "learner2@acme.example", Pages: []tourPage{
			{Name: "quiz", Path: "/quiz-attempts/" + openQuiz.ID},
			{Name: "assessments", Path: "/assessments"},
			{Name: "questionnaire", Path: "/assessments/" + open.ID},
			{Name: "questionnaire-scenarios", Path: "/assessments/" + open.ID + "?page=12"},
			{Name: "questionnaire-check", Path: "/assessments/" + open.ID + "/review"},
		}},
		{Role: "newcomer", Email: newcomerEmail, Pages: []tourPage{
			{Name: "home", Path: "/home"},
			{Name: "assessments", Path: "/assessments"},
			{Name: "plan", Path: "/people/" + newcomer.ID + "/plan"},
			{Name: "actions", Path: "/people/" + newcomer.ID + "/actions"},
			{Name: "observers", Path: "/people/" + newcomer.ID + "/observers"},
			{Name: "feedback", Path: "/people/" + newcomer.ID + "/feedback"},
			{Name: "recommendations", Path: "/people/" + newcomer.ID + "/recommendations"},
		}},
		{Role: "coach", Email: "coach@acme.example", Pages: []tourPage{
			{Name: "home", Path: "/home"},
			{Name: "cohort", Path: "/cohorts/" + cohort},
			{Name: "person", Path: people},
			{Name: "plan", Path: people + "/plan"},
			{Name: "feedback", Path: people + "/feedback"},
			{Name: "quiz-stats", Path: "/quizzes/" + m.Quiz.Slug + "/stats"},
			{Name: "event-edit", Path: "/events/" + past.ID + "/edit"},
			{Name: "events", Path: "/orgs/" + org + "/events"},
		}},
		{Role: "admin", Email: "admin@acme.example", Pages: []tourPage{
			{Name: "home", Path: "/home"},
			{Name: "cohorts", Path: "/orgs/" + org + "/cohorts"},
			{Name: "cohort", Path: "/cohorts/" + cohort},
			{Name: "people", Path: "/orgs/" + org + "/people"},
			{Name: "person", Path: people},
			{Name: "erase", Path: "/people/" + newcomer.ID + "/erase"},
			{Name: "badge-revoke", Path: "/badges/" + badge.ID + "/revoke"},
			{Name: "invite", Path: "/orgs/" + org + "/people/invite"},
			{Name: "import", Path: "/orgs/" + org + "/people/import"},
			{Name: "progress", Path: "/orgs/" + org + "/progress"},
			{Name: "instruments", Path: "/orgs/" + org + "/instruments"},
			{Name: "psychometrics", Path: "/instruments/" + self + "/psychometrics"},
			{Name: "responses-import", Path: "/orgs/" + org + "/responses/import"},
			{Name: "reports", Path: "/orgs/" + org + "/reports"},
			{Name: "report-job", Path: job},
			{Name: "branding", Path: "/orgs/" + org + "/branding"},
			{Name: "events", Path: "/orgs/" + org + "/events"},
			{Name: "account", Path: "/account"},
		}},
		{Role: "platform-admin", Email: "admin@academy.example", Pages: []tourPage{
			{Name: "home", Path: "/home"},
		}},
	}
}

// answerAsObserver answers every question of the observer link and sends the feedback.
func answerAsObserver(t *testing.T, s *apptest.Server, token string) {
	t.Helper()
	ctx := context.Background()
	dev := s.App.Development()
	form, err := dev.ObserverByToken(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range form.Dimensions {
		for j, it := range d.Items {
			var value, option *int
			if it.Type == instrument.SJT {
				o := (i + j) % len(it.Options)
				option = &o
			} else {
				v := form.ScaleMin + (i+j+len(token))%(form.ScaleMax-form.ScaleMin+1)
				value = &v
			}
			if err := dev.SaveObserverAnswer(ctx, token, it.ID, value, option); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := dev.SubmitObserver(ctx, token); err != nil {
		t.Fatal(err)
	}
}
