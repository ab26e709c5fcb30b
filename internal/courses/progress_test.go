package courses_test

import (
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestLessonNavigationAndCompletion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		cases := []struct {
			lesson     string
			position   int
			prev, next string
		}{
			{"why-give", 1, "", "ask-goals"},
			{"ask-goals", 2, "why-give", "this-week"},
			{"this-week", 3, "ask-goals", ""},
		}
		for _, c := range cases {
			t.Run(c.lesson, func(t *testing.T) {
				p, err := f.store.Lesson(f.ctx, ana, "first-steps", c.lesson)
				if err != nil {
					t.Fatal(err)
				}
				if p.Position != c.position || p.Count != 3 || ref(p.Prev) != c.prev || ref(p.Next) != c.next ||
					p.QuizSlug != "first-steps-quiz" || p.Module.Title.In("en") != "First steps" || p.Done() {
					t.Fatalf("page = %+v", p)
				}
			})
		}
		for _, bad := range [][2]string{{"first-steps", "nope"}, {"nope", "why-give"}, {"follow-up", "why-give"}} {
			_, err := f.store.Lesson(f.ctx, ana, bad[0], bad[1])
			wantIs(t, err, errsNotFound)
			_, err = f.store.CompleteLesson(f.ctx, ana, bad[0], bad[1])
			wantIs(t, err, errsNotFound)
		}
		_, err := f.store.CompleteLesson(f.ctx, "no-such-user", "first-steps", "why-give")
		wantIs(t, err, errsNotFound)

		p1, err := f.store.CompleteLesson(f.ctx, ana, "first-steps", "ask-goals")
		if err != nil {
			t.Fatal(err)
		}
		p2, err := f.store.CompleteLesson(f.ctx, ana, "first-steps", "ask-goals")
		if err != nil {
			t.Fatal(err)
		}
		if p1.LessonsDone != 1 || p2.LessonsDone != 1 || f.count("lesson_completions") != 1 || p1.Percent != 25 {
			t.Fatalf("after completing twice: %+v, %+v", p1, p2)
		}
		page, _ := f.store.Lesson(f.ctx, ana, "first-steps", "ask-goals")
		if !page.Done() || !page.CompletedAt.Equal(*p2.LastActivity) {
			t.Fatalf("lesson page = %+v, progress %+v", page, p2)
		}
	})
}

func ref(r *courses.LessonRef) string {
	if r == nil {
		return ""
	}
	return r.Slug
}

func TestModuleCompletion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		quiz := f.quiz("first-steps-quiz")
		t.Run("lessons then quiz", func(t *testing.T) {
			ana := f.learner("ana")
			if p := f.completeLessons(ana, "first-steps"); p.Completed() || p.Percent != 75 {
				t.Fatalf("after lessons: %+v", p)
			}
			failed := f.take(ana, "first-steps-quiz", answers(quiz, false))
			if failed.Passed || failed.ModuleCompleted {
				t.Fatalf("a failed quiz completed the module: %+v", failed)
			}
			passed := f.take(ana, "first-steps-quiz", answers(quiz, true))
			if !passed.Passed || !passed.ModuleCompleted || passed.Score != 100 {
				t.Fatalf("passing: %+v", passed)
			}
			page, err := f.store.Module(f.ctx, ana, "first-steps")
			if err != nil {
				t.Fatal(err)
			}
			if !page.Progress.Completed() || page.Progress.Percent != 100 || !page.Progress.CompletedAt.Equal(passed.SubmittedAt) {
				t.Fatalf("progress = %+v, submitted %v", page.Progress, passed.SubmittedAt)
			}
		})
		t.Run("quiz then lessons", func(t *testing.T) {
			bea := f.learner("bea")
			passed := f.take(bea, "first-steps-quiz", answers(quiz, true))
			if !passed.Passed || passed.ModuleCompleted {
				t.Fatalf("passing before the lessons: %+v", passed)
			}
			if _, err := f.store.CompleteLesson(f.ctx, bea, "first-steps", "why-give"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.store.CompleteLesson(f.ctx, bea, "first-steps", "ask-goals"); err != nil {
				t.Fatal(err)
			}
			p, err := f.store.CompleteLesson(f.ctx, bea, "first-steps", "this-week")
			if err != nil {
				t.Fatal(err)
			}
			if !p.Completed() || p.Percent != 100 {
				t.Fatalf("after the last lesson: %+v", p)
			}
			if n := f.count("module_completions", "user_id = ?", bea); n != 1 {
				t.Fatalf("%d completions", n)
			}
		})
	})
}

func TestCatalogueAndModulePage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		f.completeLessons(ana, "first-steps")
		if _, err := f.store.CompleteLesson(f.ctx, ana, "follow-up", "keep-in-touch"); err != nil {
			t.Fatal(err)
		}
		f.take(ana, "first-steps-quiz", answers(f.quiz("first-steps-quiz"), true))
		open, err := f.store.StartAttempt(f.ctx, ana, "follow-up-quiz")
		if err != nil {
			t.Fatal(err)
		}

		cat, err := f.store.Catalogue(f.ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		if len(cat) != 2 || cat[0].Module.Slug != "first-steps" || cat[1].Module.Slug != "follow-up" {
			t.Fatalf("catalogue = %+v", cat)
		}
		first, second := cat[0], cat[1]
		if first.Module.Lessons != 3 || first.Module.Minutes != 18 || first.Module.QuizSlug != "first-steps-quiz" ||
			!first.Progress.Completed() || first.Progress.Percent != 100 || !first.Progress.Quiz.Passed {
			t.Fatalf("first = %+v", first)
		}
		if second.Progress.LessonsDone != 1 || second.Progress.Percent != 25 || second.Progress.Quiz.Attempts != 0 ||
			second.Progress.Quiz.Score != nil || second.Progress.LastActivity == nil {
			t.Fatalf("second = %+v", second)
		}

		page, err := f.store.Module(f.ctx, ana, "follow-up")
		if err != nil {
			t.Fatal(err)
		}
		done := ""
		for _, l := range page.Lessons {
			if l.Done() {
				done += l.Slug
			}
		}
		q := page.Quiz
		if len(page.Lessons) != 3 || done != "keep-in-touch" || q == nil || q.OpenAttemptID != open.ID ||
			q.AttemptsLeft != -1 || !q.CanStart() || q.Questions != 6 || q.Grading != courses.GradingLast ||
			len(q.Attempts) != 1 || q.Attempts[0].Version != 1 {
			t.Fatalf("module page = %+v, quiz %+v", page, q)
		}
		if !sameProgress(page.Progress, second.Progress) {
			t.Fatalf("module page progress %+v differs from the catalogue's %+v", page.Progress, second.Progress)
		}

		overall, err := f.store.Progress(f.ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		want := courses.Overall{Modules: 2, ModulesCompleted: 1, Lessons: 6, LessonsDone: 4, Quizzes: 2, QuizzesPassed: 1,
			Percent: 100 * 5 / 8, LastActivity: overall.LastActivity}
		if overall != want || overall.LastActivity == nil {
			t.Fatalf("overall = %+v, want %+v", overall, want)
		}
	})
}

// TestQueriesDoNotGrowWithModules checks the learner and reporting reads for N+1 queries:
// the same calls on twice as many modules must run the same number of statements. The
// content cache is off, so that every call reads the catalogue.
func TestQueriesDoNotGrowWithModules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb, courses.WithContentTTL(0))
		users := []string{f.learner("ana"), f.learner("bea"), f.learner("carla")}
		measure := func() map[string]int64 {
			for _, u := range users {
				f.completeLessons(u, "first-steps")
				f.take(u, "first-steps-quiz", answers(f.quiz("first-steps-quiz"), true))
			}
			calls := map[string]func() error{
				"catalogue": func() error { _, err := f.store.Catalogue(f.ctx, users[0]); return err },
				"progress":  func() error { _, err := f.store.Progress(f.ctx, users[0]); return err },
				"module":    func() error { _, err := f.store.Module(f.ctx, users[0], "first-steps"); return err },
				"report":    func() error { _, err := f.store.LearnerReport(f.ctx, users); return err },
				"completion": func() error {
					_, err := f.store.CompletionByModule(f.ctx, users)
					return err
				},
				"activity": func() error { _, err := f.store.LastActivity(f.ctx, users); return err },
			}
			out := map[string]int64{}
			for name, call := range calls {
				before := f.queries.Load()
				if err := call(); err != nil {
					t.Fatal(err)
				}
				out[name] = f.queries.Load() - before
			}
			return out
		}
		small := measure()
		f.seed(withExtraModules(validFS(t), 2))
		large := measure()
		t.Logf("queries per call: %v", small)
		for name, n := range small {
			if large[name] != n {
				t.Errorf("%s: %d queries with 2 modules, %d with 4", name, n, large[name])
			}
		}
	})
}

// withExtraModules adds n copies of module 2 under new slugs.
func withExtraModules(tree fstest.MapFS, n int) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range tree {
		out[k] = v
	}
	for i := range n {
		slug := "extra-" + string(rune('a'+i))
		dir := "1" + string(rune('0'+i)) + "-" + slug
		for k, v := range tree {
			if rest, ok := cutPrefix(k, "02-follow-up/"); ok {
				data := replaceAll(string(v.Data), "follow-up", slug)
				data = replaceAll(data, "order: 2", "order: 1"+string(rune('0'+i)))
				out[dir+"/"+rest] = &fstest.MapFile{Data: []byte(data)}
			}
		}
	}
	return out
}

// sameProgress compares progress values by their meaning (times by instant).
func sameProgress(a, b courses.ModuleProgress) bool {
	return fmt.Sprint(normalise(a)) == fmt.Sprint(normalise(b))
}

func normalise(p courses.ModuleProgress) []any {
	show := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	num := func(x *float64) string {
		if x == nil {
			return "-"
		}
		return fmt.Sprint(*x)
	}
	return []any{p.LessonsDone, p.LessonsTotal, p.Percent, p.Quiz.Attempts, num(p.Quiz.Score), num(p.Quiz.Best),
		p.Quiz.Passed, show(p.CompletedAt), show(p.LastActivity)}
}
