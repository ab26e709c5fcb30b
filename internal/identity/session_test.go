package identity_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

var browser = identity.ClientInfo{IP: "203.0.113.7", UserAgent: "Firefox/140"}

func (f *fixture) signIn(u identity.User) string {
	f.t.Helper()
	token, _, err := f.store.StartSession(f.ctx, u.ID, browser)
	if err != nil {
		f.t.Fatalf("start session: %v", err)
	}
	return token
}

// sessionOK reports whether token still signs in u.
func (f *fixture) sessionOK(token string, u identity.User) bool {
	f.t.Helper()
	got, _, err := f.store.SessionUser(f.ctx, token)
	if err != nil {
		if !errorsIsUnauth(err) {
			f.t.Fatalf("SessionUser: %v, want nil or ErrUnauthenticated", err)
		}
		return false
	}
	if got.ID != u.ID {
		f.t.Fatalf("session belongs to %s, want %s", got.Email, u.Email)
	}
	return true
}

func errorsIsUnauth(err error) bool { return errors.Is(err, errs.ErrUnauthenticated) }

func TestSessionLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		u := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		long := identity.ClientInfo{IP: strings.Repeat("9", 100), UserAgent: strings.Repeat("x", 300)}

		token, sess, err := f.store.StartSession(f.ctx, u.ID, long)
		if err != nil {
			t.Fatal(err)
		}
		if len(token) < 43 {
			t.Fatalf("token %q is shorter than 256 bits of base64", token)
		}
		// Only the SHA-256 of the token is stored.
		if sess.ID == token || sess.ID != sha256Hex(token) {
			t.Fatalf("session id = %q, want the SHA-256 of the token", sess.ID)
		}
		if n := f.count("sessions", "id = ? OR ip = ? OR user_agent = ?", token, token, token); n != 0 {
			t.Fatal("the token is stored in clear")
		}
		var stored identity.Session
		if err := gdb.Where("id = ?", sha256Hex(token)).Take(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if stored.UserID != u.ID || !stored.CreatedAt.Equal(t0) || !stored.LastSeenAt.Equal(t0) ||
			!stored.ExpiresAt.Equal(t0.Add(f.cfg.SessionAbsolute)) {
			t.Fatalf("stored session = %+v", stored)
		}
		if len(stored.IP) != 64 || len(stored.UserAgent) != 255 {
			t.Fatalf("ip/user agent stored with %d/%d characters, want 64/255", len(stored.IP), len(stored.UserAgent))
		}

		got, gotSess, err := f.store.SessionUser(f.ctx, token)
		if err != nil || got.ID != u.ID || gotSess.ID != sess.ID {
			t.Fatalf("SessionUser = %s, %s, %v", got.Email, gotSess.ID, err)
		}

		for _, bad := range []string{"", "not-a-token", sess.ID, token + "x"} {
			if _, _, err := f.store.SessionUser(f.ctx, bad); !errorsIsUnauth(err) {
				t.Errorf("SessionUser(%q) = %v, want ErrUnauthenticated", bad, err)
			}
		}

		if err := f.store.EndSession(f.ctx, token); err != nil {
			t.Fatal(err)
		}
		if f.sessionOK(token, u) {
			t.Fatal("session still works after EndSession")
		}
		if n := f.count("sessions"); n != 0 {
			t.Fatalf("%d sessions left after EndSession", n)
		}
		if err := f.store.EndSession(f.ctx, token); err != nil {
			t.Fatalf("ending an ended session: %v", err)
		}
	})
}

func TestSessionNewTokenEachSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		u := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		first, second := f.signIn(u), f.signIn(u)
		if first == second {
			t.Fatal("two sign-ins got the same token")
		}
		if !f.sessionOK(first, u) || !f.sessionOK(second, u) {
			t.Fatal("both sessions should work")
		}
		if err := f.store.EndSession(f.ctx, first); err != nil {
			t.Fatal(err)
		}
		if f.sessionOK(first, u) || !f.sessionOK(second, u) {
			t.Fatal("signing out one browser must leave the other signed in")
		}
	})
}

// TestSessionTimeouts replays request times against a session started at t0, with the
// default two-hour idle limit and seven-day absolute limit.
func TestSessionTimeouts(t *testing.T) {
	type step struct {
		after time.Duration // since the previous step
		ok    bool
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"just before idle limit", []step{{2*time.Hour - time.Microsecond, true}}},
		{"at idle limit", []step{{2 * time.Hour, false}}},
		{"past idle limit", []step{{3 * time.Hour, false}}},
		{"activity extends idle limit", []step{
			{90 * time.Minute, true}, {90 * time.Minute, true}, {119 * time.Minute, true}, {121 * time.Minute, false},
		}},
		{"expired session stays expired", []step{{2 * time.Hour, false}, {time.Second, false}}},
		// Last-seen is written at most once a minute: a request 30 s in does not move it.
		{"touch at most once a minute", []step{{30 * time.Second, true}, {2*time.Hour - 30*time.Second, false}}},
		{"touch after a minute", []step{{61 * time.Second, true}, {2*time.Hour - time.Second, true}}},
	}
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := newFixture(t, gdb)
				u := f.user("", identity.RoleAdmin, strings.ReplaceAll(c.name, " ", "-")+"@academy.test", "Admin")
				token := f.signIn(u)
				for i, s := range c.steps {
					f.clock.Advance(s.after)
					if got := f.sessionOK(token, u); got != s.ok {
						t.Fatalf("step %d (+%s): session valid = %v, want %v", i, s.after, got, s.ok)
					}
				}
			})
		}

		t.Run("absolute limit", func(t *testing.T) {
			f := newFixture(t, gdb)
			u := f.user("", identity.RoleAdmin, "absolute@academy.test", "Admin")
			token := f.signIn(u)
			step := 110 * time.Minute
			elapsed := time.Duration(0)
			for elapsed+step < f.cfg.SessionAbsolute {
				f.clock.Advance(step)
				elapsed += step
				if !f.sessionOK(token, u) {
					t.Fatalf("session ended %s after sign-in despite activity", elapsed)
				}
			}
			f.clock.Advance(f.cfg.SessionAbsolute - elapsed - time.Microsecond)
			if !f.sessionOK(token, u) {
				t.Fatal("session ended just before its absolute limit")
			}
			f.clock.Advance(time.Microsecond)
			if f.sessionOK(token, u) {
				t.Fatal("session still works at its absolute limit")
			}
		})
	})
}

func TestDeleteExpiredSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		u := f.user("", identity.RoleAdmin, "admin@academy.test", "Admin")
		old := f.signIn(u)
		f.clock.Advance(90 * time.Minute)
		recent := f.signIn(u)
		f.clock.Advance(time.Hour) // old is idle for 2h30, recent for 1h
		n, err := f.store.DeleteExpiredSessions(f.ctx)
		if err != nil || n != 1 {
			t.Fatalf("DeleteExpiredSessions = %d, %v; want 1", n, err)
		}
		if f.count("sessions", "id = ?", sha256Hex(old)) != 0 || !f.sessionOK(recent, u) {
			t.Fatal("the wrong session was deleted")
		}
	})
}

func TestDeactivationEndsSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		admin := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		bob := f.user(org.ID, identity.RoleLearner, "bob@acme.test", "Bob")
		anaPhone, anaLaptop, bobToken := f.signIn(ana), f.signIn(ana), f.signIn(bob)

		if err := f.store.SetActive(f.ctx, admin.ID, ana.ID, false); err != nil {
			t.Fatal(err)
		}
		if f.sessionOK(anaPhone, ana) || f.sessionOK(anaLaptop, ana) {
			t.Fatal("a deactivated person is still signed in")
		}
		if n := f.count("sessions", "user_id = ?", ana.ID); n != 0 {
			t.Fatalf("%d sessions of a deactivated person remain", n)
		}
		if !f.sessionOK(bobToken, bob) {
			t.Fatal("deactivating Ana signed Bob out")
		}

		// Reactivating does not bring the old sessions back.
		if err := f.store.SetActive(f.ctx, admin.ID, ana.ID, true); err != nil {
			t.Fatal(err)
		}
		if f.sessionOK(anaPhone, ana) {
			t.Fatal("an old session works again after reactivation")
		}
		if !f.sessionOK(f.signIn(ana), ana) {
			t.Fatal("a reactivated person cannot start a session")
		}

		// A session whose person is inactive does not work even if its row is still there.
		token := f.signIn(bob)
		if err := gdb.Table("users").Where("id = ?", bob.ID).Update("active", false).Error; err != nil {
			t.Fatal(err)
		}
		if f.sessionOK(token, bob) {
			t.Fatal("a session of an inactive person works")
		}
	})
}

func TestEndAllSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		bob := f.user(org.ID, identity.RoleLearner, "bob@acme.test", "Bob")
		anaTokens := []string{f.signIn(ana), f.signIn(ana), f.signIn(ana)}
		bobToken := f.signIn(bob)
		if err := f.store.EndAllSessions(f.ctx, ana.ID); err != nil {
			t.Fatal(err)
		}
		for i, tok := range anaTokens {
			if f.sessionOK(tok, ana) {
				t.Errorf("session %d survived EndAllSessions", i)
			}
		}
		if !f.sessionOK(bobToken, bob) {
			t.Fatal("EndAllSessions for Ana signed Bob out")
		}
		if !f.sessionOK(f.signIn(ana), ana) {
			t.Fatal("cannot sign in again after EndAllSessions")
		}
	})
}

func TestHousekeepingDeletesOnlyDeadRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		u := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		old, _, err := f.store.StartSession(f.ctx, u.ID, identity.ClientInfo{})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.store.Authenticate(f.ctx, "ana@acme.test", "wrong password", identity.ClientInfo{IP: "10.0.0.1"})
		f.clock.Advance(f.cfg.SessionIdle + time.Second)
		fresh, _, err := f.store.StartSession(f.ctx, u.ID, identity.ClientInfo{})
		if err != nil {
			t.Fatal(err)
		}
		n, err := f.store.DeleteExpiredSessions(f.ctx)
		if err != nil || n != 1 {
			t.Fatalf("deleted %d sessions, %v; want 1", n, err)
		}
		if _, _, err := f.store.SessionUser(f.ctx, fresh); err != nil {
			t.Fatalf("the live session was deleted: %v", err)
		}
		if _, _, err := f.store.SessionUser(f.ctx, old); err == nil {
			t.Fatal("the idle session still works")
		}
		if n, err := f.store.DeleteStaleLoginFailures(f.ctx); err != nil || n != 2 {
			t.Fatalf("deleted %d failures, %v; want 2 (account and address)", n, err)
		}
	})
}
