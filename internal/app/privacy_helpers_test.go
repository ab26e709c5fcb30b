package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/identity"
)

// The person the privacy tests export and erase, with data in every part of Academy. Her
// name, address and every text she or others wrote about her are distinctive, so that a
// search finds them wherever they are left.
const (
	subjectName   = "Zelda Quintanilla-Erasmus"
	subjectEmail  = "zelda.qe@acme.example"
	subjectCohort = "Liderazgo · primavera" // coached by coach@acme.example
	// marker starts every text written in her records, and her observer's address.
	marker        = "qxmarker"
	observerEmail = marker + ".observer@example.com"
)

// subjectTraces are what must be gone once she is erased: her name (in pieces, as a PDF
// may break it), her address and the marker.
var subjectTraces = []string{"quintanilla", "zelda", "zelda.qe@", marker}

// tracesIn returns the traces of the subject found in text, ignoring case.
func tracesIn(text string) []string {
	lower := strings.ToLower(text)
	var out []string
	for _, tr := range subjectTraces {
		if strings.Contains(lower, tr) {
			out = append(out, tr)
		}
	}
	return out
}

// privacySubject is the subject's account and the ids of her records.
type privacySubject struct {
	id, cohort, attempt, quizAttempt, observer, badge string
	goal, action, upcoming, past, followUp            string
	// token is one of her API tokens; session a browser signed in as her.
	token   string
	session *apptest.Client
}

// newPrivacySubject creates the subject in subjectCohort and gives her data everywhere:
// a module completed with its badge (her name shown on it), a self-assessment, an observer who answered, a goal changed and
// commented on, notes by her coach (one private, one shared), an action with a comment,
// a footprint check, an upcoming event with her preparation, a past one attended with a
// follow-up, an API token and a session.
func newPrivacySubject(t *testing.T, s *apptest.Server) privacySubject {
	t.Helper()
	ctx := context.Background()
	ids, dev := s.App.Identity(), s.App.Development()
	org := orgID(t, s, "acme")
	u, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org, Email: subjectEmail, Name: subjectName,
		Role: identity.RoleLearner, Locale: "en", Password: apptest.DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	p := privacySubject{id: u.ID, cohort: cohortID(t, s, subjectCohort)}
	if err := ids.AddMember(ctx, p.cohort, u.ID); err != nil {
		t.Fatal(err)
	}
	p.session = s.Login(subjectEmail)
	p.token = s.Token(subjectEmail)

	// Courses: a module completed (its lessons and quiz), with its badge, on whose public
	// page she shows her name.
	p.badge = earnBadge(t, s, subjectEmail, "giving-first")
	if err := s.App.Badges().SetShareName(ctx, p.badge, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.App.DB().Raw("SELECT id FROM quiz_attempts WHERE user_id = ?", u.ID).Scan(&p.quizAttempt).Error; err != nil || p.quizAttempt == "" {
		t.Fatalf("her quiz attempt: %v", err)
	}

	// Assessment, and one observer who answered.
	p.attempt = submittedAttempt(t, s, subjectEmail)
	link, err := dev.InviteObserver(ctx, u.ID, u.ID, development.ObserverInput{Email: observerEmail, Relationship: threesixty.Peer, Language: "es"})
	if err != nil {
		t.Fatal(err)
	}
	p.observer = link.Invitation.ID
	answerAsObserver(t, s, link.Token, 4)

	// Development: plan, notes, log, footprint, events.
	coach, err := ids.UserByEmail(ctx, "coach@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	g, err := dev.CreateGoal(ctx, u.ID, u.ID, development.GoalInput{Dimension: "giving-first", Title: marker + " goal title",
		SuccessMeasure: marker + " success measure", DueOn: day(30)})
	if err != nil {
		t.Fatal(err)
	}
	p.goal = g.ID
	title := marker + " goal renamed"
	if _, err := dev.UpdateGoal(ctx, u.ID, g.ID, development.GoalPatch{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if _, err := dev.CommentOnGoal(ctx, coach.ID, g.ID, development.CommentInput{Body: marker + " goal comment"}); err != nil {
		t.Fatal(err)
	}
	for _, shared := range []bool{false, true} {
		body := marker + " private note"
		if shared {
			body = marker + " shared note"
		}
		if _, err := dev.AddNote(ctx, coach.ID, u.ID, development.NoteInput{Body: body, Shared: shared}); err != nil {
			t.Fatal(err)
		}
	}
	e, err := dev.LogAction(ctx, u.ID, u.ID, development.ActionInput{On: day(0), Type: development.ActionIntroduced,
		Who: marker + " who", Note: marker + " action note"})
	if err != nil {
		t.Fatal(err)
	}
	p.action = e.ID
	if _, err := dev.CommentOnAction(ctx, coach.ID, e.ID, development.CommentInput{Body: marker + " action comment"}); err != nil {
		t.Fatal(err)
	}
	answers := footprint.Answers{"profile_problems": 1, "profile_updated": 1, "interactions": 5, "content_shared": 2,
		"conversations": 1, "helped_online": 1}
	if _, err := dev.SaveFootprint(ctx, u.ID, u.ID, answers); err != nil {
		t.Fatal(err)
	}
	p.upcoming = devEvent(t, s, "coach@acme.example", time.Now().UTC().AddDate(0, 0, 3))
	if _, err := dev.MarkGoing(ctx, u.ID, p.upcoming); err != nil {
		t.Fatal(err)
	}
	if _, err := dev.SavePreparation(ctx, u.ID, p.upcoming, development.PreparationInput{Pitch: marker + " pitch",
		PersonToHelp: marker + " person to help", NeedToExpress: marker + " need"}); err != nil {
		t.Fatal(err)
	}
	p.past = devEvent(t, s, "admin@acme.example", yesterdayEvening())
	out, err := dev.MarkAttended(ctx, u.ID, p.past, development.AttendedInput{Note: marker + " attended note",
		FollowUps: []development.FollowUpInput{{Contact: marker + " contact", Note: marker + " follow-up note"}}})
	if err != nil {
		t.Fatal(err)
	}
	p.followUp = out.FollowUps[0].ID
	return p
}
