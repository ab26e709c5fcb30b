package courses_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/activity/activitytest"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestCoursesRecordActivityOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		rec := &activitytest.Recorder{T: t}
		f := newFixture(t, gdb, courses.WithActivity(rec))
		ana := f.learner("ana")

		for range 2 {
			if _, err := f.store.CompleteLesson(f.ctx, ana, "first-steps", "why-give"); err != nil {
				t.Fatal(err)
			}
		}
		lessons := rec.Of(activity.LessonCompleted)
		if len(lessons) != 1 {
			t.Fatalf("a lesson completed twice recorded %d events", len(lessons))
		}
		l := lessons[0]
		if l.UserID != ana || l.Object.Type != "lesson" || l.Object.ID != "first-steps.why-give" ||
			l.Object.Name["es"] == "" || l.Object.Name["en"] == "" || l.At.IsZero() {
			t.Errorf("lesson event = %+v", l)
		}
		if l.Parent == nil || l.Parent.Type != "module" || l.Parent.ID != "first-steps" ||
			l.Parent.Name["es"] != "Primeros pasos" || l.Parent.Name["en"] != "First steps" {
			t.Errorf("lesson parent = %+v", l.Parent)
		}

		f.completeLessons(ana, "first-steps")
		if n := len(rec.Of(activity.LessonCompleted)); n != 3 {
			t.Fatalf("%d lesson events for 3 lessons", n)
		}
		quiz := f.quiz("first-steps-quiz")
		failed := f.take(ana, "first-steps-quiz", answers(quiz, false))
		if len(rec.Of(activity.ModuleCompleted)) != 0 {
			t.Fatal("a failed quiz completed the module")
		}
		passed := f.take(ana, "first-steps-quiz", answers(quiz, true))
		again, err := f.store.Submit(f.ctx, ana, passed.AttemptID)
		if err != nil || again.AttemptID != passed.AttemptID {
			t.Fatalf("second submit: %+v, %v", again, err)
		}
		quizzes := rec.Of(activity.QuizSubmitted)
		if len(quizzes) != 2 {
			t.Fatalf("%d quiz events for two attempts (one submitted twice)", len(quizzes))
		}
		for i, want := range []courses.SubmitResult{failed, passed} {
			e := quizzes[i]
			if e.ID != "quiz-submitted:"+want.AttemptID || e.Object.Type != "quiz" || e.Object.ID != "first-steps-quiz" ||
				e.Object.Name["en"] != "Quiz First steps" || e.Parent == nil || e.Parent.ID != "first-steps" ||
				!e.At.Equal(want.SubmittedAt) {
				t.Errorf("quiz event %d = %+v", i, e)
			}
			s := e.Score
			if s == nil || s.Raw != want.Score || s.Min != 0 || s.Max != 100 || s.Scaled != want.Score/100 ||
				s.Passed == nil || *s.Passed != want.Passed {
				t.Errorf("quiz event %d score = %+v, want %v passed %v", i, s, want.Score, want.Passed)
			}
		}
		modules := rec.Of(activity.ModuleCompleted)
		if len(modules) != 1 || modules[0].Object.ID != "first-steps" || modules[0].Object.Name["es"] != "Primeros pasos" ||
			!modules[0].At.Equal(passed.SubmittedAt) || modules[0].Parent != nil {
			t.Fatalf("module events = %+v", modules)
		}
		// Completing a lesson again after the module changes nothing.
		if _, err := f.store.CompleteLesson(f.ctx, ana, "first-steps", "this-week"); err != nil {
			t.Fatal(err)
		}
		if n := len(rec.Events()); n != 6 {
			t.Fatalf("%d events in all, want 3 lessons + 2 quizzes + 1 module", n)
		}
	})
}

func TestCoursesRecorderFailureRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		boom := errors.New("outbox unavailable")
		rec := &activitytest.Recorder{T: t, Fail: boom}
		f := newFixture(t, gdb, courses.WithActivity(rec))
		ana := f.learner("ana")
		before := f.snapshot()
		if _, err := f.store.CompleteLesson(f.ctx, ana, "first-steps", "why-give"); !errors.Is(err, boom) {
			t.Fatalf("error = %v, want the recorder's", err)
		}
		a, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Submit(f.ctx, ana, a.ID); !errors.Is(err, boom) {
			t.Fatalf("submit error = %v, want the recorder's", err)
		}
		after := f.snapshot()
		if after["lesson_completions"] != before["lesson_completions"] {
			t.Errorf("the lesson completion was kept: %v → %v", before, after)
		}
		if n := f.count("quiz_attempts", "submitted_at IS NOT NULL"); n != 0 {
			t.Errorf("%d attempts submitted although recording failed", n)
		}
	})
}
