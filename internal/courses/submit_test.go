package courses_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestConcurrentSubmitScoresOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		f.completeLessons(ana, "first-steps")
		a, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		for q, ids := range answers(f.quiz("first-steps-quiz"), true) {
			if err := f.store.SaveAnswer(f.ctx, ana, a.ID, q, ids); err != nil {
				t.Fatal(err)
			}
		}
		// Every Submit reads the clock: if two of them scored the attempt, their results
		// would carry different submission times.
		results := concurrently(t, 8, func() (courses.SubmitResult, error) {
			return f.store.Submit(f.ctx, ana, a.ID)
		})
		for _, r := range results {
			if !r.SubmittedAt.Equal(results[0].SubmittedAt) || r.Score != 100 || !r.Passed || !r.ModuleCompleted ||
				r.Quiz.Attempts != 1 {
				t.Fatalf("results differ: %+v vs %+v", r, results[0])
			}
		}
		if n := f.count("quiz_attempts", "submitted_at IS NOT NULL"); n != 1 {
			t.Fatalf("%d submitted attempts", n)
		}
		if n := f.count("module_completions"); n != 1 {
			t.Fatalf("%d module completions", n)
		}
		again, err := f.store.Submit(f.ctx, ana, a.ID)
		if err != nil || !again.SubmittedAt.Equal(results[0].SubmittedAt) || again.Score != 100 {
			t.Fatalf("later submit = %+v, %v", again, err)
		}
	})
}

func TestGrading(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		cases := []struct {
			quiz       string
			grading    courses.Grading
			wantScore  float64
			wantPassed bool
		}{
			{"first-steps-quiz", courses.GradingHighest, 100, true},
			{"follow-up-quiz", courses.GradingLast, 0, false},
		}
		for _, c := range cases {
			t.Run(string(c.grading), func(t *testing.T) {
				u := f.learner(string(c.grading))
				q := f.quiz(c.quiz)
				if q.Grading != c.grading {
					t.Fatalf("test data: %s grades by %s", c.quiz, q.Grading)
				}
				f.take(u, c.quiz, answers(q, true))
				res := f.take(u, c.quiz, answers(q, false))
				if res.Score != 0 || res.Passed {
					t.Fatalf("second attempt = %+v", res)
				}
				if *res.Quiz.Score != c.wantScore || res.Quiz.Passed != c.wantPassed || *res.Quiz.Best != 100 || res.Quiz.Attempts != 2 {
					t.Fatalf("quiz result = score %v passed %v best %v", *res.Quiz.Score, res.Quiz.Passed, *res.Quiz.Best)
				}
				cat, _ := f.store.Catalogue(f.ctx, u)
				for _, e := range cat {
					if e.Module.QuizSlug == c.quiz && (*e.Progress.Quiz.Score != c.wantScore || e.Progress.Quiz.Passed != c.wantPassed) {
						t.Fatalf("catalogue quiz result = %+v", e.Progress.Quiz)
					}
				}
			})
		}
	})
}

func TestPartialCreditInAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		// q2 has a and c right of a–d; q6 has a, b and c right of a–e; q1 is single (a).
		res := f.take(ana, "first-steps-quiz", map[string][]string{
			"q1": {"a"},           // 1
			"q2": {"a", "b", "c"}, // (2 − 1) / 2 = 0.5
			"q6": {"a", "d", "e"}, // (1 − 2) / 3 < 0 → 0
		})
		if want := 25.0; res.Score != want || res.Passed {
			t.Fatalf("score = %v passed %v, want %v (1.5 of 6)", res.Score, res.Passed, want)
		}
		review, err := f.store.Review(f.ctx, ana, res.AttemptID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for _, q := range review.Questions {
			got[q.ID] = q.Score
		}
		want := map[string]float64{"q1": 1, "q2": 0.5, "q3": 0, "q4": 0, "q5": 0, "q6": 0}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%s scored %v, want %v", id, got[id], w)
			}
		}
	})
}
