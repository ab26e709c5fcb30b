package app_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app"
	"github.com/academy-platform/academy/internal/app/apptest"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/identity"
)

func TestRetentionSettings(t *testing.T) {
	cfg, err := app.NewConfig(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ReportZIPRetention != 24*time.Hour || cfg.InvitationRetention != 30*24*time.Hour {
		t.Errorf("defaults: ZIPs %v, invitations %v", cfg.ReportZIPRetention, cfg.InvitationRetention)
	}
	env := map[string]string{"ACADEMY_REPORT_ZIP_RETENTION": "2h", "ACADEMY_INVITATION_RETENTION": "72h"}
	if cfg, err = app.NewConfig(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if cfg.ReportZIPRetention != 2*time.Hour || cfg.InvitationRetention != 72*time.Hour {
		t.Errorf("set: ZIPs %v, invitations %v", cfg.ReportZIPRetention, cfg.InvitationRetention)
	}
	for _, name := range []string{"ACADEMY_REPORT_ZIP_RETENTION", "ACADEMY_INVITATION_RETENTION"} {
		for _, bad := range []string{"0s", "-1h", "a month"} {
			_, err := app.NewConfig(func(k string) string {
				if k == name {
					return bad
				}
				return ""
			})
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s=%s: %v", name, bad, err)
			}
		}
	}
}

// TestHousekeepingAppliesRetention sets both retention periods and checks that
// housekeeping deletes what is past them, and only that.
func TestHousekeepingAppliesRetention(t *testing.T) {
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			s := apptest.New(t, kind, "ACADEMY_REPORT_ZIP_RETENTION", "1h", "ACADEMY_INVITATION_RETENTION", "48h")
			ctx := context.Background()
			gdb, ids, dev := s.App.DB(), s.App.Identity(), s.App.Development()
			now := time.Now().UTC()
			ago := func(d time.Duration) time.Time { return now.Add(-d) }

			// A bulk ZIP is downloadable for the configured hour.
			admin := s.Login("admin@acme.example")
			job := requestBulk(t, admin, orgID(t, s, "acme"), url.Values{"lang": {"es"}})
			if err := s.App.RunReportJob(ctx, job); err != nil {
				t.Fatal(err)
			}
			var times struct{ FinishedAt, ExpiresAt time.Time }
			if err := gdb.Raw("SELECT finished_at, expires_at FROM report_jobs WHERE id = ?", job).Scan(&times).Error; err != nil {
				t.Fatal(err)
			}
			if d := times.ExpiresAt.Sub(times.FinishedAt); d != time.Hour {
				t.Errorf("the ZIP is kept %v, want 1h", d)
			}

			// Invitations to an account: used or expired, more or less than 48 hours ago.
			inviter, org := userID(t, s, "admin@acme.example"), orgID(t, s, "acme")
			invite := func(email string) identity.Invited {
				inv, err := ids.Invite(ctx, inviter, org, identity.InviteInput{Email: email, Name: "Retention " + email, Role: identity.RoleLearner})
				if err != nil {
					t.Fatal(err)
				}
				return inv
			}
			usedLongAgo, expiredLongAgo, expiredRecently, live := invite("r1@acme.example"), invite("r2@acme.example"),
				invite("r3@acme.example"), invite("r4@acme.example")
			if _, err := ids.AcceptInvitation(ctx, usedLongAgo.Token, identity.AcceptInput{Password: "a long password", PasswordConfirm: "a long password"}); err != nil {
				t.Fatal(err)
			}
			set := func(table, column string, at time.Time, id string) {
				t.Helper()
				if err := gdb.Exec("UPDATE "+table+" SET "+column+" = ? WHERE "+
					map[string]string{"invitations": "user_id", "observer_invitations": "id", "report_jobs": "id"}[table]+" = ?", at, id).Error; err != nil {
					t.Fatal(err)
				}
			}
			set("invitations", "used_at", ago(72*time.Hour), usedLongAgo.User.ID)
			set("invitations", "expires_at", ago(72*time.Hour), expiredLongAgo.User.ID)
			set("invitations", "expires_at", ago(24*time.Hour), expiredRecently.User.ID)

			// 360 invitations: expired or withdrawn long ago, expired recently, answered.
			learner := userID(t, s, "learner8@acme.example")
			observe := func(email string) development.ObserverLink {
				link, err := dev.InviteObserver(ctx, learner, learner, development.ObserverInput{Email: email,
					Relationship: threesixty.Peer, Language: "es"})
				if err != nil {
					t.Fatal(err)
				}
				return link
			}
			staleObs, withdrawnObs, recentObs, answeredObs := observe("o1@example.com"), observe("o2@example.com"),
				observe("o3@example.com"), observe("o4@example.com")
			def := observerDefinition(t, s)
			four := 4
			if err := dev.SaveObserverAnswer(ctx, staleObs.Token, def.Items[0].ID, &four, nil); err != nil {
				t.Fatal(err)
			}
			if err := dev.WithdrawObserver(ctx, learner, withdrawnObs.Invitation.ID); err != nil {
				t.Fatal(err)
			}
			answerAsObserver(t, s, answeredObs.Token, 4)
			set("observer_invitations", "expires_at", ago(72*time.Hour), staleObs.Invitation.ID)
			set("observer_invitations", "withdrawn_at", ago(72*time.Hour), withdrawnObs.Invitation.ID)
			set("observer_invitations", "expires_at", ago(24*time.Hour), recentObs.Invitation.ID)
			set("observer_invitations", "expires_at", ago(72*time.Hour), answeredObs.Invitation.ID)

			// The ZIP's hour is over too; housekeeping deletes what is past its time.
			set("report_jobs", "expires_at", ago(time.Minute), job)
			s.App.Tidy(ctx)

			if n := countRows(t, s, "report_job_chunks", "job_id = ?", job); n != 0 {
				t.Errorf("%d pieces of the expired ZIP left", n)
			}
			for user, want := range map[string]int64{usedLongAgo.User.ID: 0, expiredLongAgo.User.ID: 0,
				expiredRecently.User.ID: 1, live.User.ID: 1} {
				if n := countRows(t, s, "invitations", "user_id = ?", user); n != want {
					t.Errorf("invitation of %s: %d rows, want %d", user, n, want)
				}
			}
			for id, want := range map[string]int64{staleObs.Invitation.ID: 0, withdrawnObs.Invitation.ID: 0,
				recentObs.Invitation.ID: 1, answeredObs.Invitation.ID: 1} {
				if n := countRows(t, s, "observer_invitations", "id = ?", id); n != want {
					t.Errorf("observer invitation %s: %d rows, want %d", id, n, want)
				}
			}
			if n := countRows(t, s, "observer_answers", "invitation_id = ?", staleObs.Invitation.ID); n != 0 {
				t.Errorf("%d answers of a deleted observer invitation left", n)
			}
			if n := countRows(t, s, "observer_answers", "invitation_id = ?", answeredObs.Invitation.ID); n == 0 {
				t.Error("the answered observer's answers were deleted")
			}
			// A person whose invitation was deleted can be invited again from their page.
			if _, err := ids.ResendInvitation(ctx, inviter, expiredLongAgo.User.ID); err != nil {
				t.Errorf("re-invite after the deletion: %v", err)
			}
		})
	}
}
