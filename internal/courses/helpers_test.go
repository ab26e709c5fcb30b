package courses_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// t0 has a fractional second on purpose: times must compare correctly on both databases.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 250_000_000, time.UTC)

// clock advances one second every time it is read, so every write has its own time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// fixture is a Store over a fresh database seeded with testdata/valid.
type fixture struct {
	t       *testing.T
	ctx     context.Context
	gdb     *gorm.DB
	store   *courses.Store
	content courses.Content
	org     string
	queries *atomic.Int64
}

func newFixture(t *testing.T, gdb *gorm.DB, opts ...courses.StoreOption) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), gdb: gdb, queries: countQueries(t, gdb)}
	clk := &clock{t: t0}
	opts = append([]courses.StoreOption{courses.WithClock(clk.Now), courses.WithRand(rand.New(rand.NewPCG(1, 2)))}, opts...)
	f.store = courses.NewStore(gdb, opts...)
	f.seed(validFS(t))
	org, err := identity.NewStore(gdb, identity.DefaultConfig()).CreateOrganisation(f.ctx,
		identity.OrganisationInput{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	f.org = org.ID
	return f
}

// seed stores content and remembers it as the current content.
func (f *fixture) seed(tree fstest.MapFS) courses.SeedSummary {
	f.t.Helper()
	sum, err := f.store.Seed(f.ctx, tree)
	if err != nil {
		f.t.Fatalf("seed: %v", err)
	}
	if f.content, err = courses.Load(tree); err != nil {
		f.t.Fatal(err)
	}
	return sum
}

// learner creates a learner account and returns its id.
func (f *fixture) learner(name string) string {
	f.t.Helper()
	u, err := identity.NewStore(f.gdb, identity.DefaultConfig()).CreateUser(f.ctx, identity.NewUser{
		OrganisationID: f.org, Email: name + "@example.com", Name: name, Role: identity.RoleLearner})
	if err != nil {
		f.t.Fatal(err)
	}
	return u.ID
}

// quiz returns the current content of a quiz, with its answer key.
func (f *fixture) quiz(slug string) courses.Quiz {
	f.t.Helper()
	for _, m := range f.content.Modules {
		if m.Quiz.Slug == slug {
			return m.Quiz
		}
	}
	f.t.Fatalf("no quiz %s", slug)
	return courses.Quiz{}
}

// answers picks, for each question, the correct options (right) or one wrong option.
func answers(q courses.Quiz, right bool) map[string][]string {
	out := map[string][]string{}
	for _, qu := range q.Questions {
		for _, o := range qu.Options {
			if o.Correct == right {
				out[qu.ID] = append(out[qu.ID], o.ID)
				if !right || qu.Type != courses.QuestionMultiple {
					break
				}
			}
		}
	}
	return out
}

// take starts an attempt, answers it with the given answers and submits it.
func (f *fixture) take(userID, quizSlug string, ans map[string][]string) courses.SubmitResult {
	f.t.Helper()
	a, err := f.store.StartAttempt(f.ctx, userID, quizSlug)
	if err != nil {
		f.t.Fatalf("start: %v", err)
	}
	for q, ids := range ans {
		if err := f.store.SaveAnswer(f.ctx, userID, a.ID, q, ids); err != nil {
			f.t.Fatalf("answer %s %v: %v", q, ids, err)
		}
	}
	res, err := f.store.Submit(f.ctx, userID, a.ID)
	if err != nil {
		f.t.Fatalf("submit: %v", err)
	}
	return res
}

// completeLessons completes every lesson of a module.
func (f *fixture) completeLessons(userID, moduleSlug string) courses.ModuleProgress {
	f.t.Helper()
	var p courses.ModuleProgress
	for _, m := range f.content.Modules {
		if m.Slug != moduleSlug {
			continue
		}
		for _, l := range m.Lessons {
			var err error
			if p, err = f.store.CompleteLesson(f.ctx, userID, moduleSlug, l.Slug); err != nil {
				f.t.Fatal(err)
			}
		}
	}
	return p
}

func (f *fixture) count(table string, where ...any) int64 {
	f.t.Helper()
	var n int64
	q := f.gdb.Table(table)
	if len(where) > 0 {
		q = q.Where(where[0], where[1:]...)
	}
	if err := q.Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

// courseTables are every table the package writes.
func courseTables() []string {
	return []string{"modules", "lessons", "quizzes", "quiz_versions", "lesson_completions",
		"quiz_attempts", "quiz_answers", "module_completions"}
}

func (f *fixture) snapshot() map[string]int64 {
	out := map[string]int64{}
	for _, table := range courseTables() {
		out[table] = f.count(table)
	}
	return out
}

// countQueries counts the statements gdb runs.
func countQueries(t *testing.T, gdb *gorm.DB) *atomic.Int64 {
	t.Helper()
	n := &atomic.Int64{}
	inc := func(*gorm.DB) { n.Add(1) }
	cb := gdb.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("test:count_query", inc),
		cb.Row().After("gorm:row").Register("test:count_row", inc),
		cb.Raw().After("gorm:raw").Register("test:count_raw", inc),
		cb.Create().After("gorm:create").Register("test:count_create", inc),
		cb.Update().After("gorm:update").Register("test:count_update", inc),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return n
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
func wantField(t *testing.T, err error, field, code string) {
	t.Helper()
	v, ok := errs.AsValidation(err)
	if !ok {
		t.Fatalf("error = %v (%T), want a validation error on %s: %s", err, err, field, code)
	}
	if fe, ok := v.Field(field); !ok || fe.Code != code {
		t.Fatalf("validation error = %v, want %s: %s", v, field, code)
	}
}

// edit returns a copy of tree with replacements applied to one file.
func edit(tree fstest.MapFS, file string, oldNew ...string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range tree {
		out[k] = v
	}
	data := strings.NewReplacer(oldNew...).Replace(string(tree[file].Data))
	if data == string(tree[file].Data) {
		panic("edit changed nothing in " + file)
	}
	out[file] = &fstest.MapFile{Data: []byte(data)}
	return out
}

func ptr[T any](v T) *T { return &v }

// errsNotFound is errs.ErrNotFound, for brevity in tests.
var errsNotFound = errs.ErrNotFound

func hasPrefix(s, prefix string) bool      { return strings.HasPrefix(s, prefix) }
func containsStr(s, sub string) bool       { return strings.Contains(s, sub) }
func replaceAll(s, old, new string) string { return strings.ReplaceAll(s, old, new) }

func equalStrings(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

func cutPrefix(s, prefix string) (string, bool) { return strings.CutPrefix(s, prefix) }
