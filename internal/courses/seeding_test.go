package courses_test

import (
	"errors"
	"maps"
	"testing"
	"testing/fstest"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestSeedBuiltInContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		store := courses.NewStore(gdb)
		sum, err := store.Seed(t.Context(), seedCourses(t))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Modules != 9 || sum.ModulesCreated != 9 || sum.Quizzes != 9 || sum.NewQuizVersions != 9 || sum.Lessons < 27 {
			t.Fatalf("summary = %+v", sum)
		}
		again, err := store.Seed(t.Context(), seedCourses(t))
		if err != nil || again.Changed() {
			t.Fatalf("second seed = %+v, %v", again, err)
		}
	})
}

func TestSeedIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		before := f.snapshot()
		var updatedAt []string
		f.gdb.Table("lessons").Order("id").Pluck("CAST(updated_at AS TEXT)", &updatedAt)
		sum := f.seed(validFS(t))
		want := courses.SeedSummary{Modules: 2, Lessons: 6, Quizzes: 2}
		if sum != want {
			t.Fatalf("summary = %+v, want %+v", sum, want)
		}
		if after := f.snapshot(); !maps.Equal(before, after) {
			t.Fatalf("rows before %v, after %v", before, after)
		}
		var again []string
		f.gdb.Table("lessons").Order("id").Pluck("CAST(updated_at AS TEXT)", &again)
		if len(again) != 6 || !equalStrings(updatedAt, again) {
			t.Fatalf("lessons were rewritten: %v → %v", updatedAt, again)
		}
	})
}

func TestSeedFirstSummary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		sum, err := courses.NewStore(gdb).Seed(t.Context(), validFS(t))
		if err != nil {
			t.Fatal(err)
		}
		want := courses.SeedSummary{Modules: 2, Lessons: 6, Quizzes: 2, ModulesCreated: 2, LessonsCreated: 6,
			QuizzesCreated: 2, NewQuizVersions: 2}
		if sum != want {
			t.Fatalf("summary = %+v, want %+v", sum, want)
		}
	})
}

func TestSeedInvalidContentStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		store := courses.NewStore(gdb)
		for _, name := range []string{"quiz-rules", "lesson-content", "missing-quiz"} {
			t.Run(name, func(t *testing.T) {
				tree, want := invalidFS(t, name)
				_, err := store.Seed(t.Context(), tree)
				var le *courses.LoadError
				if !errors.As(err, &le) || len(le.Problems) != len(want) {
					t.Fatalf("error = %v, want the %d problems of %s", err, len(want), name)
				}
				for _, table := range courseTables() {
					var n int64
					gdb.Table(table).Count(&n)
					if n != 0 {
						t.Errorf("%s has %d rows", table, n)
					}
				}
			})
		}
	})
}

func TestSeedUpdatesLessonsInPlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		f.completeLessons(ana, "first-steps")
		changed := edit(validFS(t), "01-first-steps/lessons/02-ask-goals.en.md",
			"Lesson **ask-goals**", "Lesson **ask-goals**, now revised", "minutes: 6", "minutes: 8")
		changed = edit(changed, "01-first-steps/lessons/02-ask-goals.es.md", "minutes: 6", "minutes: 8")
		sum := f.seed(changed)
		if sum.LessonsUpdated != 1 || sum.LessonsCreated != 0 || sum.NewQuizVersions != 0 || sum.ModulesUpdated != 0 {
			t.Fatalf("summary = %+v", sum)
		}
		page, err := f.store.Lesson(f.ctx, ana, "first-steps", "ask-goals")
		if err != nil {
			t.Fatal(err)
		}
		if !page.Done() || page.Lesson.Minutes != 8 || !containsStr(string(page.Lesson.Body("en")), "now revised") {
			t.Fatalf("lesson after update: done %v, minutes %d, body %s", page.Done(), page.Lesson.Minutes, page.Lesson.Body("en"))
		}
		mod, err := f.store.Module(f.ctx, ana, "first-steps")
		if err != nil {
			t.Fatal(err)
		}
		if mod.Progress.LessonsDone != 3 {
			t.Fatalf("progress lost: %+v", mod.Progress)
		}
	})
}

func TestSeedChangedQuizGetsNewVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		old := f.quiz("first-steps-quiz")
		first := f.take(ana, "first-steps-quiz", answers(old, true))
		open, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.SaveAnswer(f.ctx, ana, open.ID, "q1", []string{"a"}); err != nil {
			t.Fatal(err)
		}

		// The key of q1 changes: b is now the right answer.
		changed := edit(validFS(t), "01-first-steps/quiz.yaml",
			`{es: "Uno A", en: "One A"}, correct: true`, `{es: "Uno A", en: "One A"}, correct: false`,
			`{es: "Uno B", en: "One B"}, correct: false`, `{es: "Uno B", en: "One B"}, correct: true`)
		sum := f.seed(changed)
		if sum.NewQuizVersions != 1 || sum.QuizzesCreated != 0 || sum.LessonsUpdated != 0 {
			t.Fatalf("summary = %+v", sum)
		}
		if n := f.count("quiz_versions"); n != 3 {
			t.Fatalf("%d quiz versions, want 3", n)
		}
		if again := f.seed(changed); again.Changed() {
			t.Fatalf("reseeding the changed quiz changed %+v", again)
		}

		// The open attempt stays on version 1 and is scored with version 1's key.
		resumed, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil || resumed.ID != open.ID || resumed.Version != 1 {
			t.Fatalf("resumed attempt %s v%d, %v; want %s v1", resumed.ID, resumed.Version, err, open.ID)
		}
		res, err := f.store.Submit(f.ctx, ana, open.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := 100.0 / 6; res.Score < want-0.01 || res.Score > want+0.01 {
			t.Fatalf("old attempt scored %v on the old key, want %.2f", res.Score, want)
		}
		review, err := f.store.Review(f.ctx, ana, first.AttemptID)
		if err != nil || review.Version != 1 || review.Score != 100 {
			t.Fatalf("first attempt review: v%d score %v, %v", review.Version, review.Score, err)
		}

		// New attempts use version 2.
		third, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		if third.Version != 2 || third.Number != 3 {
			t.Fatalf("new attempt v%d #%d, want v2 #3", third.Version, third.Number)
		}
		if err := f.store.SaveAnswer(f.ctx, ana, third.ID, "q1", []string{"b"}); err != nil {
			t.Fatal(err)
		}
		res, err = f.store.Submit(f.ctx, ana, third.ID)
		if want := 100.0 / 6; err != nil || res.Score < want-0.01 || res.Score > want+0.01 {
			t.Fatalf("new attempt scored %v, %v on the new key", res.Score, err)
		}
	})
}

func TestSeedRetiresRemovedContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		f.completeLessons(ana, "follow-up")
		if _, err := f.store.CompleteLesson(f.ctx, ana, "first-steps", "this-week"); err != nil {
			t.Fatal(err)
		}

		// Module 2 disappears; module 1 drops its last lesson and gains another.
		smaller := fstest.MapFS{}
		for k, v := range validFS(t) {
			if !hasPrefix(k, "02-follow-up/") && !hasPrefix(k, "01-first-steps/lessons/03-this-week") {
				smaller[k] = v
			}
		}
		for _, lang := range []string{"es", "en"} {
			src := smaller["01-first-steps/lessons/02-ask-goals."+lang+".md"].Data
			smaller["01-first-steps/lessons/03-new-one."+lang+".md"] = &fstest.MapFile{
				Data: []byte(replaceAll(string(src), "ask-goals", "new-one"))}
		}
		smaller = edit(smaller, "01-first-steps/module.yaml", "  - this-week\n", "  - new-one\n")
		sum := f.seed(smaller)
		// Retired: module 2, its quiz and lesson this-week (module 2's lessons go with it).
		if sum.Retired != 3 || sum.LessonsCreated != 1 || sum.Modules != 1 {
			t.Fatalf("summary = %+v", sum)
		}
		if f.count("modules") != 2 || f.count("lessons") != 7 || f.count("lesson_completions") != 4 {
			t.Fatal("content or progress was deleted")
		}
		cat, err := f.store.Catalogue(f.ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		if len(cat) != 1 || cat[0].Module.Lessons != 3 || cat[0].Progress.LessonsDone != 0 {
			t.Fatalf("catalogue after retiring = %+v", cat)
		}
		if _, err := f.store.Module(f.ctx, ana, "follow-up"); !errors.Is(err, errsNotFound) {
			t.Fatalf("retired module: %v", err)
		}
		if _, err := f.store.StartAttempt(f.ctx, ana, "follow-up-quiz"); !errors.Is(err, errsNotFound) {
			t.Fatalf("retired quiz: %v", err)
		}

		// Putting the content back reinstates module 2 and lesson this-week (module 2's
		// lessons were never retired one by one) and retires new-one, keeping all progress.
		back := f.seed(validFS(t))
		if back.ModulesUpdated != 1 || back.LessonsUpdated != 1 || back.Retired != 1 {
			t.Fatalf("summary when restoring = %+v", back)
		}
		cat, _ = f.store.Catalogue(f.ctx, ana)
		if len(cat) != 2 || cat[0].Progress.LessonsDone != 1 || cat[1].Progress.LessonsDone != 3 {
			t.Fatalf("catalogue after restoring = %+v", cat)
		}
	})
}
