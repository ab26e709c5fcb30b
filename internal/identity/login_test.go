package identity_test

import (
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func TestAuthenticate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		gone := f.user(org.ID, identity.RoleLearner, "gone@acme.test", "Gone")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		if err := f.store.SetActive(f.ctx, boss.ID, gone.ID, false); err != nil {
			t.Fatal(err)
		}
		f.pending(org.ID, identity.RoleLearner, "new@acme.test")

		cases := []struct {
			name, email, password string
			want                  string // email of the user signed in, or "" for ErrBadCredentials
		}{
			{"right password", "ana@acme.test", testPassword, "ana@acme.test"},
			{"email in another case, with spaces", "  Ana@ACME.test ", testPassword, "ana@acme.test"},
			{"wrong password", "ana@acme.test", "wrong password!", ""},
			{"empty password", "ana@acme.test", "", ""},
			{"unknown email", "nobody@acme.test", testPassword, ""},
			{"empty email", "", testPassword, ""},
			{"deactivated, right password", "gone@acme.test", testPassword, ""},
			{"pending, empty password", "new@acme.test", "", ""},
			{"pending, some password", "new@acme.test", testPassword, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				client := identity.ClientInfo{IP: "198.51.100." + c.name} // no shared address limit
				u, err := f.store.Authenticate(f.ctx, c.email, c.password, client)
				if c.want != "" {
					if err != nil || u.Email != c.want || u.ID != ana.ID {
						t.Fatalf("Authenticate = %q, %v; want %s", u.Email, err, c.want)
					}
					return
				}
				// Every failure is the same error, whatever went wrong.
				if err != identity.ErrBadCredentials || !errors.Is(err, errs.ErrUnauthenticated) {
					t.Fatalf("Authenticate = %q, %v; want ErrBadCredentials", u.Email, err)
				}
				if u.ID != "" {
					t.Fatalf("a failed sign-in returned user %q", u.Email)
				}
			})
		}
	})
}

// rateLimited fails unless err is a *RateLimitError with the given wait.
func rateLimited(t *testing.T, err error, retryAfter time.Duration) {
	t.Helper()
	var rl *identity.RateLimitError
	if !errors.As(err, &rl) || !errors.Is(err, errs.ErrRateLimited) {
		t.Fatalf("error = %v, want a *RateLimitError", err)
	}
	if rl.RetryAfter != retryAfter {
		t.Fatalf("RetryAfter = %s, want %s", rl.RetryAfter, retryAfter)
	}
}

func TestLoginAccountLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		bob := f.user(org.ID, identity.RoleLearner, "bob@acme.test", "Bob")
		ip := identity.ClientInfo{IP: "192.0.2.1"}
		limit := f.cfg.LoginMaxAccount
		if limit != 5 || f.cfg.LoginWindow != 15*time.Minute {
			t.Fatalf("default limits changed: %d per %s", limit, f.cfg.LoginWindow)
		}

		// Failures one minute apart, under different spellings of the same address.
		spellings := []string{"ana@acme.test", "ANA@acme.test", " ana@Acme.Test"}
		for i := range limit {
			if i > 0 {
				f.clock.Advance(time.Minute)
			}
			_, err := f.store.Authenticate(f.ctx, spellings[i%len(spellings)], "wrong password!", ip)
			wantIs(t, err, identity.ErrBadCredentials)
		}
		f.clock.Advance(time.Minute) // t0+5m; the first failure leaves the window at t0+15m

		// Refused even with the right password, and without checking it.
		_, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, ip)
		rateLimited(t, err, 10*time.Minute)
		_, err = f.store.Authenticate(f.ctx, "ana@acme.test", "wrong password!", ip)
		rateLimited(t, err, 10*time.Minute)
		if n := f.count("login_failures", "subject = ?", "account:ana@acme.test"); n != int64(limit) {
			t.Fatalf("%d failures recorded, want %d: refused attempts must not count", n, limit)
		}

		// Another account from the same address is not affected.
		if u, err := f.store.Authenticate(f.ctx, "bob@acme.test", testPassword, ip); err != nil || u.ID != bob.ID {
			t.Fatalf("Bob: %v", err)
		}

		f.clock.Advance(10*time.Minute - time.Second)
		_, err = f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, ip)
		rateLimited(t, err, time.Second)

		// The first failure leaves the window: four remain, under the limit.
		f.clock.Advance(time.Second)
		u, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, ip)
		if err != nil || u.ID != ana.ID {
			t.Fatalf("after the window: %v", err)
		}
		if n := f.count("login_failures", "subject = ?", "account:ana@acme.test"); n != 0 {
			t.Fatalf("%d account failures left after a successful sign-in", n)
		}
		if n := f.count("login_failures", "subject = ?", "address:192.0.2.1"); n != int64(limit) {
			t.Fatalf("%d address failures, want %d: success must not clear the address's count", n, limit)
		}
	})
}

func TestLoginSuccessClearsAccountFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		ip := identity.ClientInfo{IP: "192.0.2.1"}
		fail := func(n int) {
			t.Helper()
			for range n {
				_, err := f.store.Authenticate(f.ctx, "ana@acme.test", "wrong password!", ip)
				wantIs(t, err, identity.ErrBadCredentials)
			}
		}
		fail(f.cfg.LoginMaxAccount - 1)
		if _, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, ip); err != nil {
			t.Fatal(err)
		}
		// Without the reset these would make 2×(max−1) ≥ max failures in the window.
		fail(f.cfg.LoginMaxAccount - 1)
		if u, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, ip); err != nil || u.ID != ana.ID {
			t.Fatalf("second sign-in: %v", err)
		}
	})
}

func TestLoginAddressLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb, func(c *identity.Config) { c.LoginMaxAddress = 4 })
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		f.user(org.ID, identity.RoleLearner, "bob@acme.test", "Bob")
		attacker := identity.ClientInfo{IP: "192.0.2.66"}

		// One failure each on four accounts, known and unknown, from one address.
		for _, email := range []string{"bob@acme.test", "carl@acme.test", "dora@acme.test", "ana@acme.test"} {
			_, err := f.store.Authenticate(f.ctx, email, "wrong password!", attacker)
			wantIs(t, err, identity.ErrBadCredentials)
			f.clock.Advance(time.Minute)
		}
		// The address is paused for every account, even with the right password.
		_, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, attacker)
		rateLimited(t, err, 11*time.Minute)
		_, err = f.store.Authenticate(f.ctx, "eve@acme.test", "whatever", attacker)
		rateLimited(t, err, 11*time.Minute)

		// Ana, from her own address, is not paused: one failure on her account is under its limit.
		if u, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, identity.ClientInfo{IP: "192.0.2.1"}); err != nil || u.ID != ana.ID {
			t.Fatalf("Ana from another address: %v", err)
		}

		f.clock.Advance(11 * time.Minute)
		if u, err := f.store.Authenticate(f.ctx, "ana@acme.test", testPassword, attacker); err != nil || u.ID != ana.ID {
			t.Fatalf("after the window: %v", err)
		}
	})
}
