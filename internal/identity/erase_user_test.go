package identity_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// erase runs CheckErasure and, when it allows, EraseUser, in one transaction, as the
// privacy service does.
func (f *fixture) erase(actorID, userID string) error {
	return f.gdb.WithContext(f.ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := f.store.CheckErasure(tx, actorID, userID); err != nil {
			return err
		}
		return f.store.EraseUser(tx, userID)
	})
}

func TestErasureRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		admin := f.user(org.ID, identity.RoleOrgAdmin, "admin@acme.test", "Ada Admin")
		platform := f.user("", identity.RoleAdmin, "root@academy.test", "Root")
		learner := f.user(org.ID, identity.RoleLearner, "lea@acme.test", "Lea Learner")
		before := f.snapshot()

		wantField(t, f.erase(admin.ID, admin.ID), "user", "erase_self")
		wantField(t, f.erase(platform.ID, admin.ID), "user", "last_admin")
		// A second administrator who is deactivated does not count.
		second := f.user(org.ID, identity.RoleOrgAdmin, "second@acme.test", "Second Admin")
		if err := f.store.SetActive(f.ctx, admin.ID, second.ID, false); err != nil {
			t.Fatal(err)
		}
		wantField(t, f.erase(platform.ID, admin.ID), "user", "last_admin")
		wantIs(t, f.erase(admin.ID, platform.ID), errs.ErrForbidden)
		wantIs(t, f.erase(admin.ID, identity.NewID()), errs.ErrNotFound)
		wantIs(t, f.erase(admin.ID, "not-an-id"), errs.ErrNotFound)
		before["users"]++
		f.wantUnchanged(before)

		// Once another administrator is active, either may erase the other.
		if err := f.store.SetActive(f.ctx, admin.ID, second.ID, true); err != nil {
			t.Fatal(err)
		}
		wantIs(t, f.erase(second.ID, admin.ID), nil)
		wantIs(t, f.erase(second.ID, admin.ID), identity.ErrAlreadyErased)
		wantField(t, f.erase(platform.ID, second.ID), "user", "last_admin")
		wantIs(t, f.erase(second.ID, learner.ID), nil)
	})
}

func TestEraseUserAnonymisesAndHides(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		admin := f.user(org.ID, identity.RoleOrgAdmin, "admin@acme.test", "Ada Admin")
		coach := f.user(org.ID, identity.RoleCoach, "kim@acme.test", "Kim Coach")
		lea := f.user(org.ID, identity.RoleLearner, "lea@acme.test", "Lea Learner")
		other := f.user(org.ID, identity.RoleLearner, "otto@acme.test", "Otto Other")
		c := f.cohort(org.ID, "Spring")
		f.member(c, lea)
		f.member(c, other)
		f.coach(c, coach)
		if _, _, err := f.store.StartSession(f.ctx, lea.ID, identity.ClientInfo{IP: "10.0.0.1", UserAgent: "test"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.store.CreateAPIToken(f.ctx, lea.ID, identity.APITokenInput{Name: "mine"}); err != nil {
			t.Fatal(err)
		}
		invited, err := f.store.Invite(f.ctx, coach.ID, org.ID, identity.InviteInput{Email: "new@acme.test", Name: "New", Role: identity.RoleLearner})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Authenticate(f.ctx, "lea@acme.test", "wrong password", identity.ClientInfo{IP: "10.0.0.2"}); err == nil {
			t.Fatal("a wrong password signed in")
		}

		for _, u := range []identity.User{lea, coach} {
			if err := f.erase(admin.ID, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		row, err := f.store.UserIncludingErased(f.ctx, lea.ID)
		if err != nil {
			t.Fatal(err)
		}
		if row.Name != "" || row.Email != lea.ID+"@"+identity.ErasedEmailDomain || row.PasswordHash != nil || row.Active ||
			row.ErasedAt == nil || row.OrgID() != org.ID || row.Role != identity.RoleLearner {
			t.Errorf("erased row %+v", row)
		}
		for table, where := range map[string][]any{
			"sessions":       {"user_id = ?", lea.ID},
			"api_tokens":     {"user_id = ?", lea.ID},
			"login_failures": {"subject = ?", "account:lea@acme.test"},
			"cohort_coaches": {"user_id = ?", coach.ID},
			"invitations":    {"invited_by = ?", coach.ID},
		} {
			if n := f.count(table, where...); n != 0 {
				t.Errorf("%s: %d rows left", table, n)
			}
		}
		if n := f.count("invitations", "id IS NOT NULL AND user_id = ?", invited.User.ID); n != 1 {
			t.Errorf("the invitation the coach sent was deleted: %d", n)
		}
		// Her membership stays for the statistics, but nobody lists her any more.
		if n := f.count("cohort_members", "user_id = ?", lea.ID); n != 1 {
			t.Errorf("membership rows %d, want 1", n)
		}
		wantIs(t, func() error { _, err := f.store.User(f.ctx, lea.ID); return err }(), errs.ErrNotFound)
		wantIs(t, func() error { _, err := f.store.UserByEmail(f.ctx, "lea@acme.test"); return err }(), errs.ErrNotFound)
		wantIs(t, func() error { _, err := f.store.UserByEmail(f.ctx, row.Email); return err }(), errs.ErrNotFound)
		people, err := f.store.UsersInOrganisation(f.ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		members, err := f.store.CohortMembers(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		coaches, err := f.store.CohortCoaches(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		cohorts, err := f.store.Cohorts(f.ctx, identity.CohortFilter{OrganisationID: org.ID})
		if err != nil {
			t.Fatal(err)
		}
		orgs, err := f.store.Organisations(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		counted, err := f.store.UsersCountedInOrganisation(f.ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if names(people) != "Ada Admin,New,Otto Other" || names(members) != "Otto Other" || len(coaches) != 0 ||
			cohorts[0].Members != 1 || orgs[0].People != 3 || len(counted) != 5 {
			t.Errorf("people %s; members %s; coaches %d; cohort count %d; organisation count %d; counted %d",
				names(people), names(members), len(coaches), cohorts[0].Members, orgs[0].People, len(counted))
		}
		// She cannot sign in, nor be put back in a cohort or reactivated.
		if _, err := f.store.Authenticate(f.ctx, row.Email, testPassword, identity.ClientInfo{IP: "10.0.0.3"}); err == nil {
			t.Error("the erased account signed in")
		}
		if err := f.store.AddMember(f.ctx, c.ID, lea.ID); err == nil {
			t.Error("the erased account was added to a cohort")
		}
		wantIs(t, f.store.SetActive(f.ctx, admin.ID, lea.ID, true), errs.ErrNotFound)
	})
}

func TestDeleteSpentInvitations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		admin := f.user(org.ID, identity.RoleOrgAdmin, "admin@acme.test", "Ada Admin")
		invite := func(email string) identity.Invited {
			inv, err := f.store.Invite(f.ctx, admin.ID, org.ID, identity.InviteInput{Email: email, Name: email, Role: identity.RoleLearner})
			if err != nil {
				t.Fatal(err)
			}
			return inv
		}
		used, unused := invite("used@acme.test"), invite("unused@acme.test")
		if _, err := f.store.AcceptInvitation(f.ctx, used.Token, identity.AcceptInput{Password: testPassword, PasswordConfirm: testPassword}); err != nil {
			t.Fatal(err)
		}
		keep := 48 * time.Hour
		// The used link is kept for keep after its use; the other for keep after it expired.
		f.clock.Advance(keep - time.Minute)
		if n, err := f.store.DeleteSpentInvitations(f.ctx, keep); err != nil || n != 0 {
			t.Fatalf("before the time: %d %v", n, err)
		}
		f.clock.Advance(2 * time.Minute)
		if n, err := f.store.DeleteSpentInvitations(f.ctx, keep); err != nil || n != 1 || f.count("invitations", "user_id = ?", used.User.ID) != 0 {
			t.Fatalf("the used link: %d %v", n, err)
		}
		f.clock.Advance(f.cfg.InvitationTTL - 2*time.Minute)
		if n, _ := f.store.DeleteSpentInvitations(f.ctx, keep); n != 0 {
			t.Fatalf("an unused link deleted before %v after it was sent", f.cfg.InvitationTTL+keep)
		}
		f.clock.Advance(2 * time.Minute)
		if n, _ := f.store.DeleteSpentInvitations(f.ctx, keep); n != 1 || f.count("invitations", "user_id = ?", unused.User.ID) != 0 {
			t.Fatalf("the expired link was not deleted")
		}
	})
}
