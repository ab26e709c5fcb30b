package courses_test

import (
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestReviewRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		quiz := f.quiz("first-steps-quiz")
		right, wrong := answers(quiz, true), answers(quiz, false)
		cases := []struct {
			name    string
			review  string // the quiz's review setting ("" = as in testdata)
			attempt []map[string][]string
			show    []bool // ShowAnswers when reviewing the first attempt after each attempt
		}{
			{name: "after pass", attempt: []map[string][]string{wrong, right}, show: []bool{false, true}},
			{name: "after the last attempt", attempt: []map[string][]string{wrong, wrong, wrong}, show: []bool{false, false, true}},
			{name: "always", review: "always", attempt: []map[string][]string{wrong}, show: []bool{true}},
			{name: "never", review: "never", attempt: []map[string][]string{right, wrong, wrong}, show: []bool{false, false, false}},
		}
		for n, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				tree := validFS(t)
				if c.review != "" {
					tree = edit(tree, "01-first-steps/quiz.yaml", "review: after_pass_or_last_attempt", "review: "+c.review)
				}
				f.seed(tree)
				u := f.learner(fmt.Sprintf("learner%d", n))
				var first string
				for i, ans := range c.attempt {
					res := f.take(u, "first-steps-quiz", ans)
					if i == 0 {
						first = res.AttemptID
					}
					r, err := f.store.Review(f.ctx, u, first)
					if err != nil {
						t.Fatal(err)
					}
					if r.ShowAnswers != c.show[i] {
						t.Fatalf("after attempt %d: ShowAnswers = %v, want %v", i+1, r.ShowAnswers, c.show[i])
					}
					checkReview(t, r, c.attempt[0])
				}
			})
		}
	})
}

// checkReview checks what a review reveals: feedback only on the chosen options, the key
// only when ShowAnswers.
func checkReview(t *testing.T, r courses.Review, chosen map[string][]string) {
	t.Helper()
	if len(r.Questions) != 6 {
		t.Fatalf("%d questions", len(r.Questions))
	}
	for _, q := range r.Questions {
		for _, o := range q.Options {
			picked := false
			for _, id := range chosen[q.ID] {
				picked = picked || id == o.ID
			}
			if o.Selected != picked || (o.Feedback != nil) != picked {
				t.Errorf("%s/%s: selected %v, feedback %v; chosen %v", q.ID, o.ID, o.Selected, o.Feedback, chosen[q.ID])
			}
			if (o.Correct != nil) != r.ShowAnswers {
				t.Errorf("%s/%s: correct flag %v with ShowAnswers %v", q.ID, o.ID, o.Correct, r.ShowAnswers)
			}
		}
	}
}

func TestReviewOfOpenAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		a, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.store.Review(f.ctx, ana, a.ID)
		wantIs(t, err, courses.ErrAttemptOpen)
	})
}
