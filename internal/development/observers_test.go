package development_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
)

// TestObserverLinkLifecycle follows one link from invitation to use: it works until it is
// submitted, withdrawn, expired or replaced, and only ever addresses its own invitation.
func TestObserverLinkLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea := f.learner("Ana García"), f.learner("Bea Ruiz")
		anaLink, anaToken := f.invite(ana, "peer")
		_, beaToken := f.invite(bea, "manager")

		form, err := f.dev.ObserverByToken(f.ctx, anaToken)
		wantIs(t, err, nil)
		if form.LearnerFirstName != "Ana" || form.Language != "en" || form.Total != 40 || len(form.Dimensions) != 8 ||
			form.Title != "Networking 360 feedback" || len(form.ScaleLabels) != 5 || form.Relationship != "peer" {
			t.Fatalf("form = %+v", form)
		}
		four := 4
		wantIs(t, f.dev.SaveObserverAnswer(f.ctx, anaToken, "o-gf1", &four, nil), nil)
		wantField(t, f.dev.SaveObserverAnswer(f.ctx, anaToken, "o-gf1", ptr(9), nil), "value", "out_of_range")
		wantField(t, f.dev.SaveObserverAnswer(f.ctx, anaToken, "gf1", &four, nil), "item", "unknown_item")
		form, _ = f.dev.ObserverByToken(f.ctx, anaToken)
		if form.Answered != 1 || *form.Answers["o-gf1"].Value != 4 {
			t.Fatalf("saved answers = %+v", form.Answers)
		}
		// Bea's link sees Bea only and none of the answers given through Ana's.
		form, _ = f.dev.ObserverByToken(f.ctx, beaToken)
		if form.LearnerFirstName != "Bea" || form.Answered != 0 {
			t.Fatalf("Bea's form = %+v", form)
		}

		// The learner sees who was invited and where it stands, never answers.
		list, err := f.dev.ObserverInvitations(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(list) != 1 || list[0].ID != anaLink.Invitation.ID || list[0].Status != development.ObserverInvited {
			t.Fatalf("invitations = %+v", list)
		}

		// Submitting uses the link up, for every purpose.
		wantIs(t, f.dev.SubmitObserver(f.ctx, anaToken), nil)
		_, err = f.dev.ObserverByToken(f.ctx, anaToken)
		wantIs(t, err, development.ErrLinkUsed)
		wantIs(t, err, errs.ErrGone)
		wantIs(t, f.dev.SaveObserverAnswer(f.ctx, anaToken, "o-gf2", &four, nil), errs.ErrGone)
		wantIs(t, f.dev.SubmitObserver(f.ctx, anaToken), errs.ErrGone)
		_, err = f.dev.ResendObserver(f.ctx, ana.ID, ana.ID, anaLink.Invitation.ID)
		wantIs(t, err, errs.ErrConflict)
		wantIs(t, f.dev.WithdrawObserver(f.ctx, ana.ID, anaLink.Invitation.ID), errs.ErrConflict)
		if n := f.count("observer_invitations", "learner_id = ? AND status = ?", bea.ID, "answered"); n != 0 {
			t.Fatalf("Ana's observer answered for Bea")
		}

		// Unknown links and other learners' invitations are not found.
		_, err = f.dev.ObserverByToken(f.ctx, "not-a-token")
		wantIs(t, err, errs.ErrNotFound)
		_, err = f.dev.ObserverByToken(f.ctx, "")
		wantIs(t, err, errs.ErrNotFound)
		wantIs(t, f.dev.WithdrawObserver(f.ctx, bea.ID, anaLink.Invitation.ID), errs.ErrNotFound)
		_, err = f.dev.ResendObserver(f.ctx, bea.ID, bea.ID, anaLink.Invitation.ID)
		wantIs(t, err, errs.ErrNotFound)
	})
}

func TestObserverResendWithdrawExpire(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		coach := f.coach("Carla")

		// Resend: a new link, the old one stops working, draft answers are kept.
		link, old := f.invite(ana, "client")
		wantIs(t, f.dev.SaveObserverAnswer(f.ctx, old, "o-gf1", ptr(5), nil), nil)
		f.clock.Advance(24 * time.Hour)
		again, err := f.dev.ResendObserver(f.ctx, coach.ID, ana.ID, link.Invitation.ID)
		wantIs(t, err, nil)
		if again.Token == old || !again.Invitation.ExpiresAt.After(link.Invitation.ExpiresAt) || *again.Invitation.InvitedBy != coach.ID {
			t.Fatalf("resent = %+v", again)
		}
		_, err = f.dev.ObserverByToken(f.ctx, old)
		wantIs(t, err, errs.ErrNotFound)
		form, err := f.dev.ObserverByToken(f.ctx, again.Token)
		wantIs(t, err, nil)
		if form.Answered != 1 {
			t.Fatalf("draft lost on resend: %+v", form.Answers)
		}

		// Withdraw: the link is gone, the draft deleted, and it can be done twice.
		wantIs(t, f.dev.WithdrawObserver(f.ctx, ana.ID, link.Invitation.ID), nil)
		wantIs(t, f.dev.WithdrawObserver(f.ctx, ana.ID, link.Invitation.ID), nil)
		_, err = f.dev.ObserverByToken(f.ctx, again.Token)
		wantIs(t, err, development.ErrLinkWithdrawn)
		wantIs(t, f.dev.SubmitObserver(f.ctx, again.Token), errs.ErrGone)
		if n := f.count("observer_answers", "invitation_id = ?", link.Invitation.ID); n != 0 {
			t.Fatalf("%d draft answers kept after withdrawal", n)
		}
		// The address can be invited again once withdrawn, but not twice at once.
		in := development.ObserverInput{Email: link.Invitation.Email, Relationship: "client"}
		_, err = f.dev.InviteObserver(f.ctx, ana.ID, ana.ID, in)
		wantIs(t, err, nil)
		_, err = f.dev.InviteObserver(f.ctx, ana.ID, ana.ID, in)
		wantField(t, err, "email", "taken")

		// Expiry: after the TTL the link is gone; a resend revives it.
		link2, token2 := f.invite(ana, "peer")
		f.clock.Advance(development.DefaultConfig().ObserverTTL)
		_, err = f.dev.ObserverByToken(f.ctx, token2)
		wantIs(t, err, development.ErrLinkExpired)
		wantIs(t, f.dev.SaveObserverAnswer(f.ctx, token2, "o-gf1", ptr(5), nil), errs.ErrGone)
		wantIs(t, f.dev.SubmitObserver(f.ctx, token2), errs.ErrGone)
		list, _ := f.dev.ObserverInvitations(f.ctx, ana.ID)
		for _, inv := range list {
			if inv.ID == link2.Invitation.ID && (!inv.Expired || inv.Status != development.ObserverInvited) {
				t.Fatalf("expired invitation listed as %+v", inv)
			}
		}
		revived, err := f.dev.ResendObserver(f.ctx, ana.ID, ana.ID, link2.Invitation.ID)
		wantIs(t, err, nil)
		_, err = f.dev.ObserverByToken(f.ctx, revived.Token)
		wantIs(t, err, nil)
	})
}

func TestInviteObserverValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		cases := []struct {
			name        string
			in          development.ObserverInput
			field, code string
		}{
			{"no email", development.ObserverInput{Relationship: "peer"}, "email", "required"},
			{"bad email", development.ObserverInput{Email: "nope", Relationship: "peer"}, "email", "email"},
			{"own email", development.ObserverInput{Email: " " + ana.Email + " ", Relationship: "peer"}, "email", "self"},
			{"unknown relationship", development.ObserverInput{Email: "x@test.example", Relationship: "others"}, "relationship", "oneof"},
			{"unknown language", development.ObserverInput{Email: "x@test.example", Relationship: "peer", Language: "fr"}, "language", "oneof"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.dev.InviteObserver(f.ctx, ana.ID, ana.ID, c.in)
				wantField(t, err, c.field, c.code)
			})
		}
		link, err := f.dev.InviteObserver(f.ctx, ana.ID, ana.ID, development.ObserverInput{Email: "Boss@Test.Example", Relationship: "manager"})
		wantIs(t, err, nil)
		if link.Invitation.Email != "boss@test.example" || link.Invitation.Language != "es" || len(link.Token) < 43 {
			t.Fatalf("invitation = %+v", link)
		}
		if n := f.count("observer_invitations", "token_hash = ?", link.Token); n != 0 {
			t.Fatal("the token is stored in clear")
		}
		_, err = f.dev.InviteObserver(f.ctx, ana.ID, "00000000-0000-7000-8000-000000000000", development.ObserverInput{Email: "x@test.example", Relationship: "peer"})
		wantIs(t, err, errs.ErrNotFound)
	})
}

// TestObserverSubmitExactlyOnce submits one link from many goroutines released together.
func TestObserverSubmitExactlyOnce(t *testing.T) {
	const callers = 12
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		link, token := f.invite(ana, "peer")
		f.answerAll(token, levelAnswers(f.definition(development.DefaultObserverInstrument), allDims(4)))

		barrier := make(chan struct{})
		results := make(chan error, callers)
		var ready sync.WaitGroup
		for range callers {
			ready.Add(1)
			go func() {
				ready.Done()
				<-barrier
				results <- f.dev.SubmitObserver(f.ctx, token)
			}()
		}
		ready.Wait()
		close(barrier)
		var won, gone int
		for range callers {
			switch err := <-results; {
			case err == nil:
				won++
			case errors.Is(err, errs.ErrGone):
				gone++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if won != 1 || gone != callers-1 {
			t.Fatalf("%d submissions succeeded and %d were refused, want 1 and %d", won, gone, callers-1)
		}
		if n := f.count("observer_dimension_scores", "invitation_id = ?", link.Invitation.ID); n != 8 {
			t.Fatalf("%d score rows, want 8", n)
		}
	})
}

func TestSubmitObserverNeedsAnAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		_, token := f.invite(f.learner("Ana"), "peer")
		wantField(t, f.dev.SubmitObserver(f.ctx, token), "answers", "required")
		_, err := f.dev.ObserverByToken(f.ctx, token)
		wantIs(t, err, nil) // nothing was used up
	})
}
