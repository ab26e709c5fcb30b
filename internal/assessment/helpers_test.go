package assessment_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// t0 has a fractional second on purpose: timestamps must compare correctly in SQL on both
// databases.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 250_000_000, time.UTC)

// clock is a controllable Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

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

// fixture is an assessment store and an identity store over one fresh database.
type fixture struct {
	t     testing.TB
	ctx   context.Context
	gdb   *gorm.DB
	store *assessment.Store
	ids   *identity.Store
	clock *clock
	n     int
}

func newFixture(t testing.TB, gdb *gorm.DB, tune ...func(*assessment.Config)) *fixture {
	t.Helper()
	clk := &clock{t: t0}
	cfg := assessment.DefaultConfig()
	cfg.Now = clk.Now
	for _, f := range tune {
		f(&cfg)
	}
	icfg := identity.DefaultConfig()
	icfg.Now = clk.Now
	return &fixture{t: t, ctx: context.Background(), gdb: gdb, store: assessment.NewStore(gdb, cfg),
		ids: identity.NewStore(gdb, icfg), clock: clk}
}

func (f *fixture) org(slug string) identity.Organisation {
	f.t.Helper()
	org, err := f.ids.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: slug, Name: "Org " + slug})
	if err != nil {
		f.t.Fatalf("create organisation %s: %v", slug, err)
	}
	return org
}

// learner creates a learner of the organisation.
func (f *fixture) learner(orgID string) identity.User {
	f.t.Helper()
	f.n++
	u, err := f.ids.CreateUser(f.ctx, identity.NewUser{OrganisationID: orgID, Email: fmt.Sprintf("learner%d@test.example", f.n),
		Name: fmt.Sprintf("Learner %d", f.n), Role: identity.RoleLearner})
	if err != nil {
		f.t.Fatalf("create learner: %v", err)
	}
	return u
}

// add stores an instrument from testdata or from YAML text, failing the test on error.
func (f *fixture) add(orgID, fileOrYAML string) string {
	f.t.Helper()
	data := []byte(fileOrYAML)
	name := "inline.yaml"
	if !strings.Contains(fileOrYAML, "\n") {
		var err error
		if data, err = os.ReadFile("testdata/" + fileOrYAML); err != nil {
			f.t.Fatal(err)
		}
		name = fileOrYAML
	}
	id, _, _, err := f.store.AddInstrument(f.ctx, data, name, orgID)
	if err != nil {
		f.t.Fatalf("add instrument %s: %v", name, err)
	}
	return id
}

// start starts an attempt, failing the test on error.
func (f *fixture) start(u identity.User, key string) assessment.Attempt {
	f.t.Helper()
	a, err := f.store.Start(f.ctx, u.ID, u.OrgID(), key)
	if err != nil {
		f.t.Fatalf("start %s: %v", key, err)
	}
	return a
}

// answer saves Likert values (int) or SJT options (opt) for item ids.
func (f *fixture) answer(u identity.User, a assessment.Attempt, answers map[string]any) {
	f.t.Helper()
	for item, v := range answers {
		var err error
		switch v := v.(type) {
		case int:
			err = f.store.SaveAnswer(f.ctx, u.ID, a.ID, item, &v, nil)
		case opt:
			o := int(v)
			err = f.store.SaveAnswer(f.ctx, u.ID, a.ID, item, nil, &o)
		}
		if err != nil {
			f.t.Fatalf("answer %s: %v", item, err)
		}
	}
}

// opt is an SJT answer (0-based option index) in fixture.answer.
type opt int

// submit answers and submits an attempt of u on key.
func (f *fixture) submit(u identity.User, key string, answers map[string]any) assessment.Attempt {
	f.t.Helper()
	a := f.start(u, key)
	f.answer(u, a, answers)
	if err := f.store.Submit(f.ctx, u.ID, a.ID); err != nil {
		f.t.Fatalf("submit: %v", err)
	}
	a, err := f.store.Attempt(f.ctx, a.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
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

// snapshot counts the rows of every assessment table.
func (f *fixture) snapshot() map[string]int64 {
	f.t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"instruments", "assessment_attempts", "assessment_answers", "assessment_dimension_scores"} {
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

// wantIs fails unless errors.Is(err, target) (or err is nil when target is nil).
func wantIs(t testing.TB, err, target error) {
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
func wantField(t testing.TB, err error, field, code string) {
	t.Helper()
	v, ok := errs.AsValidation(err)
	if !ok {
		t.Fatalf("error = %v (%T), want a validation error on %s: %s", err, err, field, code)
	}
	if fe, ok := v.Field(field); !ok || fe.Code != code {
		t.Fatalf("validation error = %v, want %s: %s", v, field, code)
	}
}

func ptr[T any](v T) *T { return &v }
