package development_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/seed"
)

// t0 is a Wednesday with a fractional second on purpose: times must compare correctly in
// SQL on both databases.
var t0 = time.Date(2026, 3, 4, 9, 0, 0, 250_000_000, time.UTC)

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

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// fixture is the development store and the stores it builds on, over one fresh database
// with the built-in instruments and courses loaded.
type fixture struct {
	t       testing.TB
	ctx     context.Context
	gdb     *gorm.DB
	dev     *development.Store
	people  *identity.Store
	assess  *assessment.Store
	courses *courses.Store
	clock   *clock
	org     identity.Organisation
	n       int
}

func newFixture(t testing.TB, gdb *gorm.DB) *fixture {
	t.Helper()
	clk := &clock{t: t0}
	icfg := identity.DefaultConfig()
	icfg.Now = clk.Now
	acfg := assessment.DefaultConfig()
	acfg.Now = clk.Now
	dcfg := development.DefaultConfig()
	dcfg.Now = clk.Now
	f := &fixture{t: t, ctx: context.Background(), gdb: gdb, clock: clk,
		people: identity.NewStore(gdb, icfg), assess: assessment.NewStore(gdb, acfg),
		courses: courses.NewStore(gdb, courses.WithClock(clk.Now))}
	f.dev = development.NewStore(gdb, dcfg, f.people, f.assess, f.courses)
	instruments, err := fs.Sub(seed.Files, "instruments")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.assess.LoadInstruments(f.ctx, instruments); err != nil {
		t.Fatalf("load instruments: %v", err)
	}
	content, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.courses.Seed(f.ctx, content); err != nil {
		t.Fatalf("seed courses: %v", err)
	}
	f.org = f.newOrg("acme")
	return f
}

func (f *fixture) newOrg(slug string) identity.Organisation {
	f.t.Helper()
	org, err := f.people.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: slug, Name: "Org " + slug})
	if err != nil {
		f.t.Fatalf("create organisation: %v", err)
	}
	return org
}

// person creates an account of the fixture's organisation.
func (f *fixture) person(role identity.Role, name string) identity.User {
	f.t.Helper()
	f.n++
	u, err := f.people.CreateUser(f.ctx, identity.NewUser{OrganisationID: f.org.ID, Role: role,
		Email: fmt.Sprintf("person%d@test.example", f.n), Name: name})
	if err != nil {
		f.t.Fatalf("create %s: %v", role, err)
	}
	return u
}

func (f *fixture) learner(name string) identity.User { return f.person(identity.RoleLearner, name) }
func (f *fixture) coach(name string) identity.User   { return f.person(identity.RoleCoach, name) }

func (f *fixture) cohort(name string, members ...identity.User) identity.Cohort {
	f.t.Helper()
	c, err := f.people.CreateCohort(f.ctx, f.org.ID, identity.CohortInput{Name: name})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range members {
		if m.Role == identity.RoleCoach {
			err = f.people.AssignCoach(f.ctx, c.ID, m.ID)
		} else {
			err = f.people.AddMember(f.ctx, c.ID, m.ID)
		}
		if err != nil {
			f.t.Fatal(err)
		}
	}
	return c
}

// definition returns the newest built-in version of an instrument.
func (f *fixture) definition(key string) *instrument.Definition {
	f.t.Helper()
	versions, err := f.assess.InstrumentVersions(f.ctx, "", key)
	if err != nil {
		f.t.Fatal(err)
	}
	def, err := f.assess.Definition(f.ctx, versions[0].ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return def
}

// levelAnswers answers every Likert item of each dimension in levels so that its item
// score is the level (1–5; reverse-keyed items are answered 6 − level), which makes the
// dimension score (level − 1) × 25. SJT items are left out (a dimension needs two thirds of
// its items). Dimensions not in levels are not answered.
func levelAnswers(def *instrument.Definition, levels map[string]int) map[string]scoring.Answer {
	out := map[string]scoring.Answer{}
	for _, it := range def.Items {
		level, ok := levels[it.Dimension]
		if !ok || it.Type == instrument.SJT {
			continue
		}
		v := level
		if it.Reverse {
			v = def.Scale.Min + def.Scale.Max - level
		}
		out[it.ID] = scoring.Answer{Value: &v}
	}
	return out
}

// allDims gives every dimension of the model the same level.
func allDims(level int) map[string]int {
	out := map[string]int{}
	for _, d := range []string{"giving-first", "other-focus", "problem-solving-pitch", "digital-presence",
		"relationship-depth", "event-presence", "expressing-needs", "deliberate-practice"} {
		out[d] = level
	}
	return out
}

// selfAssess submits a self-assessment of u with the given levels per dimension.
func (f *fixture) selfAssess(u identity.User, levels map[string]int) assessment.Attempt {
	f.t.Helper()
	a, err := f.assess.Start(f.ctx, u.ID, u.OrgID(), development.DefaultSelfInstrument)
	if err != nil {
		f.t.Fatal(err)
	}
	for item, ans := range levelAnswers(f.definition(development.DefaultSelfInstrument), levels) {
		if err := f.assess.SaveAnswer(f.ctx, u.ID, a.ID, item, ans.Value, ans.Option); err != nil {
			f.t.Fatalf("answer %s: %v", item, err)
		}
	}
	if err := f.assess.Submit(f.ctx, u.ID, a.ID); err != nil {
		f.t.Fatal(err)
	}
	return a
}

// invite invites an observer of the learner and returns the link's token.
func (f *fixture) invite(learner identity.User, rel string) (development.ObserverLink, string) {
	f.t.Helper()
	f.n++
	link, err := f.dev.InviteObserver(f.ctx, learner.ID, learner.ID, development.ObserverInput{
		Email: fmt.Sprintf("observer%d@test.example", f.n), Relationship: threesixty.Relationship(rel), Language: "en"})
	if err != nil {
		f.t.Fatalf("invite: %v", err)
	}
	return link, link.Token
}

// answerAll saves answers through an observer link.
func (f *fixture) answerAll(token string, answers map[string]scoring.Answer) {
	f.t.Helper()
	for item, a := range answers {
		if err := f.dev.SaveObserverAnswer(f.ctx, token, item, a.Value, a.Option); err != nil {
			f.t.Fatalf("observer answer %s: %v", item, err)
		}
	}
}

// observe invites an observer of the learner who answers with the given levels and
// submits.
func (f *fixture) observe(learner identity.User, rel string, levels map[string]int) {
	f.t.Helper()
	_, token := f.invite(learner, rel)
	f.answerAll(token, levelAnswers(f.definition(development.DefaultObserverInstrument), levels))
	if err := f.dev.SubmitObserver(f.ctx, token); err != nil {
		f.t.Fatalf("submit observer: %v", err)
	}
}

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

// queries returns the number of statements gdb runs during fn.
func queries(t testing.TB, gdb *gorm.DB, fn func()) int64 {
	t.Helper()
	n := &atomic.Int64{}
	inc := func(*gorm.DB) { n.Add(1) }
	cb := gdb.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("test:count_query", inc),
		cb.Row().After("gorm:row").Register("test:count_row", inc),
		cb.Raw().After("gorm:raw").Register("test:count_raw", inc),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		_ = cb.Query().Remove("test:count_query")
		_ = cb.Row().Remove("test:count_row")
		_ = cb.Raw().Remove("test:count_raw")
	}()
	fn()
	return n.Load()
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

func approx(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
