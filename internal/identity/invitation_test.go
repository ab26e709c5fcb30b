package identity_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func (f *fixture) invite(inviter identity.User, orgID string, in identity.InviteInput) identity.Invited {
	f.t.Helper()
	inv, err := f.store.Invite(f.ctx, inviter.ID, orgID, in)
	if err != nil {
		f.t.Fatalf("invite %s: %v", in.Email, err)
	}
	return inv
}

func TestInvite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		alpha := f.cohort(org.ID, "Alpha")

		cases := []struct {
			name   string
			in     identity.InviteInput
			member bool // in alpha's learners
			coach  bool // among alpha's coaches
			locale string
		}{
			{"learner into a cohort", identity.InviteInput{Email: " Ana@Acme.TEST ", Name: " Ana ", Role: "learner", CohortID: alpha.ID}, true, false, "es"},
			{"coach of a cohort", identity.InviteInput{Email: "kim@acme.test", Name: "Kim", Role: "coach", Locale: "en", CohortID: " " + alpha.ID + " "}, false, true, "en"},
			{"learner without cohort", identity.InviteInput{Email: "lu@acme.test", Name: "Lu", Role: "learner"}, false, false, "es"},
			{"org admin", identity.InviteInput{Email: "oa@acme.test", Name: "Oa", Role: "org_admin"}, false, false, "es"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := f.on(t)
				inv := f.invite(boss, org.ID, c.in)
				u := inv.User
				if u.Email != identity.NormaliseEmail(c.in.Email) || u.Name != strings.TrimSpace(c.in.Name) ||
					u.Role != c.in.Role || u.OrgID() != org.ID || !u.Active || u.Locale != c.locale {
					t.Fatalf("invited user = %+v", u)
				}
				stored, err := f.store.User(f.ctx, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !stored.Pending() || stored.PasswordHash != nil {
					t.Fatal("an invited person has a password before accepting")
				}
				members, _ := f.store.CohortMembers(f.ctx, alpha.ID)
				coaches, _ := f.store.CohortCoaches(f.ctx, alpha.ID)
				if got := containsUser(members, u.ID); got != c.member {
					t.Errorf("member of Alpha = %v, want %v", got, c.member)
				}
				if got := containsUser(coaches, u.ID); got != c.coach {
					t.Errorf("coach of Alpha = %v, want %v", got, c.coach)
				}

				// Only the token's hash is stored, with its inviter and expiry.
				var rows []identity.Invitation
				if err := gdb.Where("user_id = ?", u.ID).Find(&rows).Error; err != nil {
					t.Fatal(err)
				}
				if len(rows) != 1 {
					t.Fatalf("%d invitations stored, want 1", len(rows))
				}
				r := rows[0]
				if inv.Token == "" || r.TokenHash == inv.Token || r.TokenHash != sha256Hex(inv.Token) {
					t.Fatalf("stored token hash %q for token %q", r.TokenHash, inv.Token)
				}
				if r.InvitedBy == nil || *r.InvitedBy != boss.ID || r.UsedAt != nil ||
					!r.ExpiresAt.Equal(t0.Add(f.cfg.InvitationTTL)) {
					t.Fatalf("stored invitation = %+v", r)
				}
				got, err := f.store.InvitationUser(f.ctx, inv.Token)
				if err != nil || got.ID != u.ID {
					t.Fatalf("InvitationUser = %s, %v", got.Email, err)
				}
				// A pending person cannot sign in.
				_, err = f.store.Authenticate(f.ctx, u.Email, "", identity.ClientInfo{IP: c.name})
				wantIs(t, err, identity.ErrBadCredentials)
			})
		}
	})
}

func containsUser(users []identity.User, id string) bool {
	for _, u := range users {
		if u.ID == id {
			return true
		}
	}
	return false
}

func TestInviteInvalidStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org, other := f.org("acme"), f.org("other")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		f.user(other.ID, identity.RoleLearner, "elsewhere@other.test", "Elsewhere")
		alpha := f.cohort(org.ID, "Alpha")
		foreign := f.cohort(other.ID, "Foreign")

		ok := identity.InviteInput{Email: "new@acme.test", Name: "New", Role: "learner", CohortID: alpha.ID}
		with := func(change func(*identity.InviteInput)) identity.InviteInput {
			in := ok
			change(&in)
			return in
		}
		cases := []struct {
			name        string
			in          identity.InviteInput
			field, code string
		}{
			{"bad email", with(func(in *identity.InviteInput) { in.Email = "not-an-email" }), "email", "email"},
			{"missing email", with(func(in *identity.InviteInput) { in.Email = "" }), "email", "required"},
			{"missing name", with(func(in *identity.InviteInput) { in.Name = "" }), "name", "required"},
			{"email taken in the organisation", with(func(in *identity.InviteInput) { in.Email = "BOSS@acme.test" }), "email", "taken"},
			{"email taken in another organisation", with(func(in *identity.InviteInput) { in.Email = "elsewhere@other.test" }), "email", "taken"},
			{"unknown role", with(func(in *identity.InviteInput) { in.Role = "superuser" }), "role", "oneof"},
			{"admin role", with(func(in *identity.InviteInput) { in.Role = identity.RoleAdmin; in.CohortID = "" }), "role", "oneof"},
			{"missing role", with(func(in *identity.InviteInput) { in.Role = "" }), "role", "required"},
			{"bad locale", with(func(in *identity.InviteInput) { in.Locale = "fr" }), "locale", "oneof"},
			{"org admin with a cohort", with(func(in *identity.InviteInput) { in.Role = identity.RoleOrgAdmin }), "cohort_id", "no_cohort_for_role"},
			{"cohort id not an id", with(func(in *identity.InviteInput) { in.CohortID = "alpha" }), "cohort_id", "uuid"},
			{"unknown cohort", with(func(in *identity.InviteInput) { in.CohortID = identity.NewID() }), "cohort_id", "unknown"},
			// Another organisation's cohort must look exactly like an unknown one.
			{"cohort of another organisation", with(func(in *identity.InviteInput) { in.CohortID = foreign.ID }), "cohort_id", "unknown"},
			{"coach of another organisation's cohort", with(func(in *identity.InviteInput) {
				in.Role = identity.RoleCoach
				in.CohortID = foreign.ID
			}), "cohort_id", "unknown"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := f.on(t)
				before := f.snapshot()
				inv, err := f.store.Invite(f.ctx, boss.ID, org.ID, c.in)
				wantField(t, err, c.field, c.code)
				if inv.Token != "" || inv.User.ID != "" {
					t.Errorf("a failed invitation returned %+v", inv)
				}
				f.wantUnchanged(before)
				if _, err := f.store.UserByEmail(f.ctx, c.in.Email); c.code != "taken" && !errors.Is(err, errs.ErrNotFound) {
					t.Errorf("UserByEmail(%q) = %v, want not found", c.in.Email, err)
				}
			})
		}
		// The valid input works, so the failures above were about the one changed field.
		f.invite(boss, org.ID, ok)
	})
}

func TestAcceptInvitation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		inv := f.invite(boss, org.ID, identity.InviteInput{Email: "ana@acme.test", Name: "Ana", Role: "learner"})
		const pw = "a brand new password"

		// Bad input is refused and leaves the link working.
		bad := []struct {
			name        string
			in          identity.AcceptInput
			field, code string
			param       string
		}{
			{"too short", identity.AcceptInput{Password: "short", PasswordConfirm: "short"}, "password", "min", "10"},
			{"nine characters", identity.AcceptInput{Password: "123456789", PasswordConfirm: "123456789"}, "password", "min", "10"},
			{"too long", identity.AcceptInput{Password: strings.Repeat("x", 129), PasswordConfirm: strings.Repeat("x", 129)}, "password", "max", "128"},
			{"mismatch", identity.AcceptInput{Password: pw, PasswordConfirm: pw + "!"}, "password_confirm", "eqfield", "password"},
			{"missing confirmation", identity.AcceptInput{Password: pw}, "password_confirm", "eqfield", "password"},
			{"bad locale", identity.AcceptInput{Password: pw, PasswordConfirm: pw, Locale: "fr"}, "locale", "oneof", "es en"},
		}
		for _, c := range bad {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.store.AcceptInvitation(f.ctx, inv.Token, c.in)
				var v *errs.ValidationError
				if !errors.As(err, &v) {
					t.Fatalf("error = %v, want *errs.ValidationError", err)
				}
				if fe := wantField(t, err, c.field, c.code); fe.Param != c.param {
					t.Fatalf("param = %q, want %q", fe.Param, c.param)
				}
				if _, err := f.store.InvitationUser(f.ctx, inv.Token); err != nil {
					t.Fatalf("the link stopped working after a refused attempt: %v", err)
				}
				if u, _ := f.store.User(f.ctx, inv.User.ID); !u.Pending() {
					t.Fatal("a refused attempt set a password")
				}
			})
		}

		_, err := f.store.AcceptInvitation(f.ctx, "no-such-token", identity.AcceptInput{Password: pw, PasswordConfirm: pw})
		wantIs(t, err, errs.ErrNotFound)

		u, err := f.store.AcceptInvitation(f.ctx, inv.Token, identity.AcceptInput{Password: pw, PasswordConfirm: pw, Locale: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != inv.User.ID || u.Pending() || u.Locale != "en" {
			t.Fatalf("accepted user = %+v", u)
		}
		if stored, _ := f.store.User(f.ctx, u.ID); stored.Pending() || stored.Locale != "en" {
			t.Fatalf("stored user = %+v", stored)
		}
		if got, err := f.store.Authenticate(f.ctx, "ana@acme.test", pw, browser); err != nil || got.ID != u.ID {
			t.Fatalf("cannot sign in with the new password: %v", err)
		}

		// The link is used up.
		_, err = f.store.AcceptInvitation(f.ctx, inv.Token, identity.AcceptInput{Password: "another password", PasswordConfirm: "another password"})
		wantIs(t, err, identity.ErrInvitationUsed)
		wantIs(t, err, errs.ErrGone)
		_, err = f.store.InvitationUser(f.ctx, inv.Token)
		wantIs(t, err, identity.ErrInvitationUsed)
		if got, err := f.store.Authenticate(f.ctx, "ana@acme.test", pw, browser); err != nil || got.ID != u.ID {
			t.Fatalf("the second attempt changed the password: %v", err)
		}

		// Resending to someone who has accepted is refused.
		_, err = f.store.ResendInvitation(f.ctx, boss.ID, u.ID)
		wantIs(t, err, identity.ErrAlreadyActive)
		wantIs(t, err, errs.ErrConflict)
	})
}

func TestInvitationExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		inv := f.invite(identity.User{}, org.ID, identity.InviteInput{Email: "ana@acme.test", Name: "Ana", Role: "learner"})
		var stored identity.Invitation
		if err := gdb.Where("user_id = ?", inv.User.ID).Take(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if stored.InvitedBy != nil {
			t.Fatalf("invited_by = %q, want NULL without an inviter", *stored.InvitedBy)
		}

		f.clock.Advance(f.cfg.InvitationTTL - time.Microsecond)
		if _, err := f.store.InvitationUser(f.ctx, inv.Token); err != nil {
			t.Fatalf("just before expiry: %v", err)
		}
		f.clock.Advance(time.Microsecond)
		_, err := f.store.InvitationUser(f.ctx, inv.Token)
		wantIs(t, err, identity.ErrInvitationExpired)
		wantIs(t, err, errs.ErrGone)
		_, err = f.store.AcceptInvitation(f.ctx, inv.Token, identity.AcceptInput{Password: "a long enough password", PasswordConfirm: "a long enough password"})
		wantIs(t, err, identity.ErrInvitationExpired)
		if u, _ := f.store.User(f.ctx, inv.User.ID); !u.Pending() {
			t.Fatal("an expired link set a password")
		}

		// A new link works again for another full period.
		again, err := f.store.ResendInvitation(f.ctx, "", inv.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(f.cfg.InvitationTTL - time.Second)
		if _, err := f.store.InvitationUser(f.ctx, again.Token); err != nil {
			t.Fatalf("resent link: %v", err)
		}
	})
}

func TestResendInvitation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		first := f.invite(boss, org.ID, identity.InviteInput{Email: "ana@acme.test", Name: "Ana", Role: "learner"})
		second, err := f.store.ResendInvitation(f.ctx, boss.ID, first.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		if second.Token == first.Token || second.User.ID != first.User.ID {
			t.Fatalf("resend returned %+v", second)
		}
		_, err = f.store.InvitationUser(f.ctx, first.Token)
		wantIs(t, err, errs.ErrNotFound)
		if u, err := f.store.InvitationUser(f.ctx, second.Token); err != nil || u.ID != first.User.ID {
			t.Fatalf("new link: %v", err)
		}
		if n := f.count("invitations", "user_id = ?", first.User.ID); n != 1 {
			t.Fatalf("%d invitations for one person, want 1", n)
		}
		_, err = f.store.ResendInvitation(f.ctx, boss.ID, identity.NewID())
		wantIs(t, err, errs.ErrNotFound)
	})
}

// TestAcceptInvitationRace accepts one link from two goroutines at once, a few times:
// exactly one must succeed and its password must be the one stored.
func TestAcceptInvitationRace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		passwords := [2]string{"password number one", "password number two"}
		for round := range 3 {
			inv := f.invite(identity.User{}, org.ID, identity.InviteInput{
				Email: "racer" + string(rune('a'+round)) + "@acme.test", Name: "Racer", Role: "learner",
			})
			var wg sync.WaitGroup
			start := make(chan struct{})
			var errsOut [2]error
			for i := range 2 {
				wg.Go(func() {
					<-start
					_, errsOut[i] = f.store.AcceptInvitation(f.ctx, inv.Token,
						identity.AcceptInput{Password: passwords[i], PasswordConfirm: passwords[i]})
				})
			}
			close(start)
			wg.Wait()

			winner := -1
			for i, err := range errsOut {
				switch {
				case err == nil && winner >= 0:
					t.Fatalf("round %d: both accepts succeeded", round)
				case err == nil:
					winner = i
				case !errors.Is(err, identity.ErrInvitationUsed):
					t.Fatalf("round %d: losing accept = %v, want ErrInvitationUsed", round, err)
				}
			}
			if winner < 0 {
				t.Fatalf("round %d: no accept succeeded: %v", round, errsOut)
			}
			u, err := f.store.User(f.ctx, inv.User.ID)
			if err != nil || u.PasswordHash == nil {
				t.Fatalf("round %d: %v, %+v", round, err, u)
			}
			if !identity.CheckPassword(*u.PasswordHash, passwords[winner]) {
				t.Fatalf("round %d: the stored password is not the winner's", round)
			}
			if n := f.count("invitations", "user_id = ? AND used_at IS NOT NULL", u.ID); n != 1 {
				t.Fatalf("round %d: %d used invitations", round, n)
			}
		}
	})
}

func TestInvitationOfDeactivatedPersonAndOrderOfChecks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		admin := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		inv := f.invite(identity.User{}, org.ID, identity.InviteInput{Email: "ana@acme.test", Name: "Ana", Role: "learner"})
		if err := f.store.SetActive(f.ctx, admin.ID, inv.User.ID, false); err != nil {
			t.Fatal(err)
		}
		_, err := f.store.AcceptInvitation(f.ctx, inv.Token, identity.AcceptInput{Password: "a long enough password", PasswordConfirm: "a long enough password"})
		wantIs(t, err, errs.ErrGone)
		// A dead link is reported as such even when the password is also too short.
		_, err = f.store.AcceptInvitation(f.ctx, inv.Token, identity.AcceptInput{Password: "short", PasswordConfirm: "short"})
		wantIs(t, err, errs.ErrGone)
		if u, _ := f.store.User(f.ctx, inv.User.ID); !u.Pending() {
			t.Fatal("a deactivated person activated their account")
		}
	})
}
