package identity_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// testPassword is the password of every account the fixtures create with a password.
const testPassword = "correct horse battery"

// testHash is computed once: Argon2 costs ~50 ms, so fixtures share one hash.
var testHash = sync.OnceValue(func() string { return identity.HashPassword(testPassword) })

// clock is a controllable Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// t0 has a fractional second on purpose: timestamps must compare correctly in SQL on both
// databases whether or not they carry a fraction.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 250_000_000, time.UTC)

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is one store over one fresh database, with a controllable clock.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	gdb   *gorm.DB
	store *identity.Store
	clock *clock
	cfg   identity.Config
}

func newFixture(t *testing.T, gdb *gorm.DB, tune ...func(*identity.Config)) *fixture {
	t.Helper()
	clk := &clock{t: t0}
	cfg := identity.DefaultConfig()
	cfg.Now = clk.Now
	for _, f := range tune {
		f(&cfg)
	}
	return &fixture{t: t, ctx: context.Background(), gdb: gdb, store: identity.NewStore(gdb, cfg), clock: clk, cfg: cfg}
}

// on returns the fixture reporting to t, for use inside a subtest.
func (f *fixture) on(t *testing.T) *fixture {
	g := *f
	g.t = t
	return &g
}

func (f *fixture) org(slug string) identity.Organisation {
	f.t.Helper()
	org, err := f.store.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: slug, Name: "Org " + slug})
	if err != nil {
		f.t.Fatalf("create organisation %s: %v", slug, err)
	}
	return org
}

// user creates an active account with testPassword.
func (f *fixture) user(orgID string, role identity.Role, email, name string) identity.User {
	f.t.Helper()
	u, err := f.store.CreateUser(f.ctx, identity.NewUser{
		OrganisationID: orgID, Email: email, Name: name, Role: role, PasswordHash: testHash(),
	})
	if err != nil {
		f.t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// pending creates an account without a password.
func (f *fixture) pending(orgID string, role identity.Role, email string) identity.User {
	f.t.Helper()
	u, err := f.store.CreateUser(f.ctx, identity.NewUser{OrganisationID: orgID, Email: email, Name: email, Role: role})
	if err != nil {
		f.t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func (f *fixture) cohort(orgID, name string) identity.Cohort {
	f.t.Helper()
	c, err := f.store.CreateCohort(f.ctx, orgID, identity.CohortInput{Name: name})
	if err != nil {
		f.t.Fatalf("create cohort %s: %v", name, err)
	}
	return c
}

func (f *fixture) member(c identity.Cohort, u identity.User) {
	f.t.Helper()
	if err := f.store.AddMember(f.ctx, c.ID, u.ID); err != nil {
		f.t.Fatalf("add %s to %s: %v", u.Email, c.Name, err)
	}
}

func (f *fixture) coach(c identity.Cohort, u identity.User) {
	f.t.Helper()
	if err := f.store.AssignCoach(f.ctx, c.ID, u.ID); err != nil {
		f.t.Fatalf("assign %s to %s: %v", u.Email, c.Name, err)
	}
}

// count returns the number of rows in table matching an optional condition.
func (f *fixture) count(table string, where ...any) int64 {
	f.t.Helper()
	var n int64
	q := f.gdb.Table(table)
	if len(where) > 0 {
		q = q.Where(where[0], where[1:]...)
	}
	if err := q.Count(&n).Error; err != nil {
		f.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// snapshot counts the rows of every table a write could touch.
func (f *fixture) snapshot() map[string]int64 {
	f.t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"organisations", "users", "cohorts", "cohort_members", "cohort_coaches",
		"invitations", "sessions", "api_tokens"} {
		out[table] = f.count(table)
	}
	return out
}

func (f *fixture) wantUnchanged(before map[string]int64) {
	f.t.Helper()
	after := f.snapshot()
	for table, n := range before {
		if after[table] != n {
			f.t.Errorf("%s: %d rows before, %d after; nothing should have been stored", table, n, after[table])
		}
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// wantIs fails unless errors.Is(err, target) (or err is nil when target is nil).
func wantIs(t *testing.T, err, target error) {
	t.Helper()
	if target == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
}

// wantField fails unless err is a ValidationError with field carrying code.
func wantField(t *testing.T, err error, field, code string) errs.FieldError {
	t.Helper()
	v, ok := errs.AsValidation(err)
	if !ok {
		t.Fatalf("error = %v (%T), want a validation error on %s: %s", err, err, field, code)
	}
	fe, ok := v.Field(field)
	if !ok || fe.Code != code {
		t.Fatalf("validation error = %v, want %s: %s", v, field, code)
	}
	return fe
}

func names(users []identity.User) string {
	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, u.Name)
	}
	return strings.Join(out, ",")
}
