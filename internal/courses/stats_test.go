package courses_test

import (
	"math"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestItemAnalysisByHand(t *testing.T) {
	// Five learners, four items (item scores 0–1). Item 4 is answered right by everyone.
	matrix := [][]float64{
		{1, 1, 1, 1},
		{1, 0, 1, 1},
		{0, 1, 0, 1},
		{1, 0.5, 0, 1},
		{0, 0, 0, 1},
	}
	// By hand. Adding the constant item 4 to every rest score shifts it by 1, which changes
	// no correlation, so it is left out below.
	//
	// Item 1: x = 1 1 0 1 0, mean 0.6; rest (items 2+3) = 2 1 1 0.5 0, mean 0.9.
	//   deviations x: .4 .4 −.6 .4 −.6; rest: 1.1 .1 .1 −.4 −.9
	//   Σdx·dy = .44 + .04 − .06 − .16 + .54 = 0.8; Σdx² = 1.2; Σdy² = 2.2
	//   r = 0.8 / √(1.2 · 2.2) = 0.8 / √2.64 = 0.4923660
	// Item 2: x = 1 0 1 .5 0, mean 0.5; rest (items 1+3) = 2 2 0 1 0, mean 1.0.
	//   Σdx·dy = .5 − .5 − .5 + 0 + .5 = 0, so r = 0.
	// Item 3: x = 1 1 0 0 0, mean 0.4; rest (items 1+2) = 2 1 1 1.5 0, mean 1.1.
	//   Σdx·dy = .54 − .06 + .04 − .16 + .44 = 0.8; Σdx² = 1.2; Σdy² = 2.2; r = 0.4923660
	// Item 4: no variance, so no correlation.
	r := 0.8 / math.Sqrt(1.2*2.2)
	want := []courses.ItemStat{
		{N: 5, Facility: 0.6, Discrimination: r, HasDiscrimination: true},
		{N: 5, Facility: 0.5, Discrimination: 0, HasDiscrimination: true},
		{N: 5, Facility: 0.4, Discrimination: r, HasDiscrimination: true},
		{N: 5, Facility: 1, Discrimination: 0, HasDiscrimination: false},
	}
	got := courses.ItemAnalysis(matrix)
	if len(got) != len(want) {
		t.Fatalf("%d items", len(got))
	}
	for j := range want {
		t.Run(string(rune('1'+j)), func(t *testing.T) {
			g, w := got[j], want[j]
			if g.N != w.N || g.HasDiscrimination != w.HasDiscrimination ||
				math.Abs(g.Facility-w.Facility) > 1e-12 || math.Abs(g.Discrimination-w.Discrimination) > 1e-12 {
				t.Fatalf("item %d = %+v, want %+v", j+1, g, w)
			}
		})
	}
	if math.Abs(r-0.4923660) > 1e-7 {
		t.Fatalf("r = %v", r)
	}
	if got := courses.ItemAnalysis([][]float64{{1, 0}}); got[0].HasDiscrimination || got[0].Facility != 1 {
		t.Fatalf("one respondent: %+v", got)
	}
	if got := courses.ItemAnalysis(nil); got != nil {
		t.Fatalf("no respondents: %+v", got)
	}
}

func TestQuizStats(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		quiz := f.quiz("first-steps-quiz")
		wrong := answers(quiz, false)
		mix := func(changes map[string][]string) map[string][]string {
			out := map[string][]string{}
			for k, v := range wrong {
				out[k] = v
			}
			for k, v := range changes {
				out[k] = v
			}
			return out
		}
		// First attempts, as item scores q1…q6:
		//   l1: 1 1 1 1 1 1   (score 100)
		//   l2: 0 0 0 0 0 0   (score 0; a second, perfect attempt is not counted)
		//   l3: 1 .5 0 0 0 0  (score 25)
		//   l4: 1 0 1 0 0 0   (score 33.33)
		ls := []string{f.learner("l1"), f.learner("l2"), f.learner("l3"), f.learner("l4")}
		f.take(ls[0], quiz.Slug, answers(quiz, true))
		f.take(ls[1], quiz.Slug, wrong)
		f.take(ls[1], quiz.Slug, answers(quiz, true))
		f.take(ls[2], quiz.Slug, mix(map[string][]string{"q1": {"a"}, "q2": {"a"}}))
		f.take(ls[3], quiz.Slug, mix(map[string][]string{"q1": {"a"}, "q3": {"a"}}))
		if _, err := f.store.StartAttempt(f.ctx, f.learner("l5"), quiz.Slug); err != nil { // open: not counted
			t.Fatal(err)
		}

		st, err := f.store.QuizStats(f.ctx, quiz.Slug, 0)
		if err != nil {
			t.Fatal(err)
		}
		if st.N != 4 || st.Version != 1 || st.MeanScore != 39.58 || len(st.Questions) != 6 {
			t.Fatalf("stats = %+v", st)
		}
		matrix := [][]float64{{1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}, {1, .5, 0, 0, 0, 0}, {1, 0, 1, 0, 0, 0}}
		want := courses.ItemAnalysis(matrix)
		facility := []float64{0.75, 0.375, 0.5, 0.25, 0.25, 0.25}
		for j, q := range st.Questions {
			if q.QuestionID != quiz.Questions[j].ID || q.Text.In("en") != quiz.Questions[j].Text.In("en") || q.N != 4 || math.Abs(q.Facility-facility[j]) > 1e-12 ||
				q.HasDiscrimination != want[j].HasDiscrimination || math.Abs(q.Discrimination-want[j].Discrimination) > 1e-12 {
				t.Errorf("%s = %+v, want facility %v, %+v", q.QuestionID, q, facility[j], want[j])
			}
		}
		// q4: x = 1 0 0 0 (mean .25), rest = 5 0 1.5 2 (mean 2.125).
		//   Σdx·dy = .75·2.875 − .25·(−2.125 − .625 − .125) = 2.15625 + .71875 = 2.875
		//   Σdx² = .75; Σdy² = 8.265625 + 4.515625 + .390625 + .015625 = 13.1875
		if r := 2.875 / math.Sqrt(0.75*13.1875); math.Abs(st.Questions[3].Discrimination-r) > 1e-12 {
			t.Errorf("q4 discrimination %v, by hand %v", st.Questions[3].Discrimination, r)
		}
		_, err = f.store.QuizStats(f.ctx, quiz.Slug, 7)
		wantIs(t, err, errsNotFound)
		_, err = f.store.QuizStats(f.ctx, "nope", 0)
		wantIs(t, err, errsNotFound)
	})
}
