package reports

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reports/internal/pdftest"
	"github.com/academy-platform/academy/seed"
)

// testClock is a settable clock shared by the stores.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// world is the stores over one database, seeded with the built-in content.
type world struct {
	t       testing.TB
	ctx     context.Context
	clock   *testClock
	people  *identity.Store
	asmt    *assessment.Store
	courses *courses.Store
	dev     *development.Store
	content courses.Content
	org     identity.Organisation
	n       int
}

func newWorld(t testing.TB, gdb *gorm.DB) *world {
	t.Helper()
	clk := &testClock{t: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	icfg := identity.DefaultConfig()
	icfg.Now = clk.Now
	acfg := assessment.DefaultConfig()
	acfg.Now = clk.Now
	acfg.MinNormGroup = 3
	w := &world{t: t, ctx: context.Background(), clock: clk, people: identity.NewStore(gdb, icfg),
		asmt: assessment.NewStore(gdb, acfg), courses: courses.NewStore(gdb, courses.WithClock(clk.Now))}
	dcfg := development.DefaultConfig()
	dcfg.Now = clk.Now
	w.dev = development.NewStore(gdb, dcfg, w.people, w.asmt, w.courses)
	instruments, err := fs.Sub(seed.Files, "instruments")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.asmt.LoadInstruments(w.ctx, instruments); err != nil {
		t.Fatal(err)
	}
	modules, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		t.Fatal(err)
	}
	if w.content, err = courses.Load(modules); err != nil {
		t.Fatal(err)
	}
	if _, err := w.courses.Seed(w.ctx, modules); err != nil {
		t.Fatal(err)
	}
	if w.org, err = w.people.CreateOrganisation(w.ctx, identity.OrganisationInput{Slug: "iberica", Name: "Consultora Ibérica"}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) learner(name string) identity.User {
	w.t.Helper()
	w.n++
	u, err := w.people.CreateUser(w.ctx, identity.NewUser{OrganisationID: w.org.ID, Email: fmt.Sprintf("l%d@example.com", w.n),
		Name: name, Role: identity.RoleLearner})
	if err != nil {
		w.t.Fatal(err)
	}
	return u
}

// selfAssessment answers every item of the self-assessment with level (1–5; SJT items get
// the option of the matching weight) and submits it.
func (w *world) selfAssessment(u identity.User, level int) {
	w.t.Helper()
	a, err := w.asmt.Start(w.ctx, u.ID, w.org.ID, DefaultInstrument)
	if err != nil {
		w.t.Fatal(err)
	}
	def, err := w.asmt.Definition(w.ctx, a.InstrumentID)
	if err != nil {
		w.t.Fatal(err)
	}
	for i, it := range def.Items {
		v := max(1, min(5, level+(i%3)-1))
		var value, option *int
		if it.Type == instrument.SJT {
			for k, o := range it.Options {
				if o.Weight == min(3, (v-1)*3/4) {
					option = ptr(k)
				}
			}
		} else {
			if it.Reverse {
				v = 6 - v
			}
			value = &v
		}
		if err := w.asmt.SaveAnswer(w.ctx, u.ID, a.ID, it.ID, value, option); err != nil {
			w.t.Fatal(err)
		}
	}
	if err := w.asmt.Submit(w.ctx, u.ID, a.ID); err != nil {
		w.t.Fatal(err)
	}
	w.clock.Advance(24 * time.Hour)
}

// completeModule finishes every lesson of the i-th module and, with pass, its quiz.
func (w *world) completeModule(u identity.User, i int, pass bool) {
	w.t.Helper()
	m := w.content.Modules[i]
	for _, l := range m.Lessons {
		if _, err := w.courses.CompleteLesson(w.ctx, u.ID, m.Slug, l.Slug); err != nil {
			w.t.Fatal(err)
		}
	}
	if !pass || m.Quiz.Slug == "" {
		return
	}
	view, err := w.courses.StartAttempt(w.ctx, u.ID, m.Quiz.Slug)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, q := range m.Quiz.Questions {
		var correct []string
		for _, o := range q.Options {
			if o.Correct {
				correct = append(correct, o.ID)
			}
		}
		if err := w.courses.SaveAnswer(w.ctx, u.ID, view.ID, q.ID, correct); err != nil {
			w.t.Fatal(err)
		}
	}
	if _, err := w.courses.Submit(w.ctx, u.ID, view.ID); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) sources() Sources {
	return Sources{People: w.people, Assessments: w.asmt, Courses: w.courses, Development: w.dev, Now: w.clock.Now}
}

// countQueries counts the SQL statements gdb runs while fn runs.
func countQueries(t *testing.T, gdb *gorm.DB, fn func()) int64 {
	t.Helper()
	var n atomic.Int64
	var on atomic.Bool
	count := func(*gorm.DB) {
		if on.Load() {
			n.Add(1)
		}
	}
	name := fmt.Sprintf("test:count:%p", &n)
	cb := gdb.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register(name, count),
		cb.Row().After("gorm:row").Register(name, count),
		cb.Raw().After("gorm:raw").Register(name, count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	on.Store(true)
	fn()
	on.Store(false)
	return n.Load()
}

func TestSourcesLearnerReportData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newWorld(t, gdb)
		ana, luis := w.learner("Ana Núñez"), w.learner("Luis Peña")
		for _, other := range []string{"Eva", "Íñigo", "Sofía"} {
			w.selfAssessment(w.learner(other), 3)
		}
		w.selfAssessment(ana, 2)
		w.clock.Advance(90 * 24 * time.Hour)
		w.selfAssessment(ana, 4)
		w.completeModule(ana, 0, true)
		w.completeModule(ana, 1, false)
		w.selfAssessment(luis, 3)
		w.completeModule(luis, 0, false)

		src := w.sources()
		data, err := src.LearnerReportData(w.ctx, ana.ID, LearnerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		a := data.Assessment
		if data.Learner.Name != "Ana Núñez" || data.Organisation.Name != "Consultora Ibérica" || a == nil {
			t.Fatalf("data = %+v", data)
		}
		if len(a.Dimensions) != 8 || a.Version != 1 || a.Group != "organisation" || a.ScaleMax != 5 {
			t.Fatalf("assessment = %+v", a)
		}
		for _, d := range a.Dimensions {
			if d.Score == nil || d.Band == nil || len(d.Bands) != 4 || len(d.Actions) == 0 || d.Percentile == nil || d.GroupSize != 5 {
				t.Errorf("dimension %s = %+v", d.Slug, d)
			}
			if d.SEM == nil || *d.SEM <= 0 {
				t.Errorf("dimension %s has no SEM", d.Slug)
			}
		}
		g := data.Growth
		if g == nil || len(g.Attempts) != 2 || len(g.Dimensions) != 8 || len(g.Dimensions[0].Scores) != 2 {
			t.Fatalf("growth = %+v", g)
		}
		if dg := g.Dimensions[0]; dg.Change == nil || *dg.Change <= 0 || *dg.Scores[1] != *a.Dimensions[0].Score {
			t.Errorf("growth of %s = %+v", dg.Slug, dg)
		}
		tr := data.Training
		if tr.Overall.Modules != len(w.content.Modules) || tr.Overall.ModulesCompleted != 1 || tr.Modules[0].CompletedAt == nil ||
			!tr.Modules[0].QuizPassed || tr.Modules[1].LessonsDone != tr.Modules[1].Lessons {
			t.Errorf("training = %+v", tr)
		}

		// The number of queries does not grow with attempts or progress.
		var nAna, nLuis int64
		nAna = countQueries(t, gdb, func() { _, err = src.LearnerReportData(w.ctx, ana.ID, LearnerOptions{Group: "cohort"}) })
		if err != nil {
			t.Fatal(err)
		}
		nLuis = countQueries(t, gdb, func() { _, err = src.LearnerReportData(w.ctx, luis.ID, LearnerOptions{Group: "cohort"}) })
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("queries per learner report: %d", nAna)
		if nAna != nLuis || nAna == 0 || nAna > 40 {
			t.Errorf("queries: %d for two attempts and two modules, %d for one and one", nAna, nLuis)
		}

		// It renders.
		doc, err := newRenderer(t).LearnerReport(data, Spanish)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
		if text := pdftest.Squash(pdftest.Text(t, doc)); !strings.Contains(text, "Ana Núñez") || !strings.Contains(text, "Mejora fiable") && !strings.Contains(text, "Dentro del margen") {
			t.Errorf("report text: %.300s", text)
		}

		// A learner without a self-assessment, and an unknown one.
		newcomer := w.learner("Nadia")
		data, err = src.LearnerReportData(w.ctx, newcomer.ID, LearnerOptions{})
		if err != nil || data.Assessment != nil || data.Growth != nil {
			t.Errorf("newcomer: %+v, %v", data, err)
		}
		if _, err := src.LearnerReportData(w.ctx, identity.NewID(), LearnerOptions{}); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("unknown learner: %v", err)
		}
		if _, err := src.LearnerReportData(w.ctx, ana.ID, LearnerOptions{Group: "planet"}); err == nil {
			t.Error("unknown group accepted")
		}
	})
}

func TestSourcesCertificateData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newWorld(t, gdb)
		ana := w.learner("Ana Núñez")
		w.completeModule(ana, 0, true)
		w.completeModule(ana, 1, false)
		src := w.sources()
		first := w.content.Modules[0]
		data, err := src.CertificateData(w.ctx, ana.ID, first.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if data.Learner != "Ana Núñez" || data.Organisation != "Consultora Ibérica" || data.Module.In(Spanish) != first.Title.In(Spanish) ||
			data.CompletedAt.IsZero() || data.Lessons != len(first.Lessons) || data.QuizScore == nil || len(data.Reference) != 9 {
			t.Errorf("certificate data = %+v", data)
		}
		if _, err := src.CertificateData(w.ctx, ana.ID, w.content.Modules[1].Slug); !errors.Is(err, errs.ErrConflict) {
			t.Errorf("uncompleted module: %v", err)
		}
		if _, err := src.CertificateData(w.ctx, ana.ID, "no-such-module"); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("unknown module: %v", err)
		}
		doc, err := newRenderer(t).Certificate(data, English)
		if err != nil {
			t.Fatal(err)
		}
		pdftest.Check(t, doc)
	})
}
