package courses_test

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
)

// order lists a view's question ids with their option ids: "q3:bac q1:cab …".
func order(v courses.AttemptView) string {
	var parts []string
	for _, q := range v.Questions {
		ids := ""
		for _, o := range q.Options {
			ids += o.ID
		}
		parts = append(parts, q.ID+":"+ids)
	}
	return strings.Join(parts, " ")
}

func TestAttemptOrderIsShuffledStoredAndStable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		const fileOrder = "q1:abc q2:abcd q3:ab q4:abc q5:abc q6:abcde"
		first, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		got := order(first)
		if got == fileOrder || len(first.Questions) != 6 || first.Number != 1 || first.ModuleSlug != "first-steps" {
			t.Fatalf("first attempt: %s (#%d, module %q)", got, first.Number, first.ModuleSlug)
		}
		for _, q := range first.Questions {
			ids := make([]string, 0, len(q.Options))
			for _, o := range q.Options {
				ids = append(ids, o.ID)
			}
			if q.Type == courses.QuestionTrueFalse && strings.Join(ids, "") != "ab" {
				t.Errorf("truefalse options shuffled: %v", ids)
			}
			slices.Sort(ids)
			if want := map[string]string{"q1": "abc", "q2": "abcd", "q3": "ab", "q4": "abc", "q5": "abc", "q6": "abcde"}[q.ID]; strings.Join(ids, "") != want {
				t.Errorf("%s options %v are not a permutation of %s", q.ID, ids, want)
			}
		}
		// Stable: resuming and reading the attempt show the same order.
		resumed, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil || resumed.ID != first.ID || order(resumed) != got {
			t.Fatalf("resumed %s %s, %v; want %s %s", resumed.ID, order(resumed), err, first.ID, got)
		}
		read, err := f.store.Attempt(f.ctx, ana, first.ID)
		if err != nil || order(read) != got {
			t.Fatalf("read back %s, %v; want %s", order(read), err, got)
		}
		var stored string
		f.gdb.Table("quiz_attempts").Where("id = ?", first.ID).Pluck("question_order", &stored)
		if !strings.Contains(stored, `"question":"`+first.Questions[0].ID+`"`) {
			t.Fatalf("stored order %s", stored)
		}
		// Another attempt gets another order.
		if _, err := f.store.Submit(f.ctx, ana, first.ID); err != nil {
			t.Fatal(err)
		}
		second, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		if second.ID == first.ID || second.Number != 2 || order(second) == got {
			t.Fatalf("second attempt %s #%d has the first's order %s", second.ID, second.Number, order(second))
		}
		review, err := f.store.Review(f.ctx, ana, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if reviewOrder(review) != got {
			t.Fatalf("review order %s, want %s", reviewOrder(review), got)
		}
	})
}

func reviewOrder(r courses.Review) string {
	var parts []string
	for _, q := range r.Questions {
		ids := ""
		for _, o := range q.Options {
			ids += o.ID
		}
		parts = append(parts, q.ID+":"+ids)
	}
	return strings.Join(parts, " ")
}

func TestOpenAttemptHidesTheKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		view, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.SaveAnswer(f.ctx, ana, view.ID, "q1", []string{"a"}); err != nil {
			t.Fatal(err)
		}
		view, _ = f.store.Attempt(f.ctx, ana, view.ID)
		b, err := json.Marshal(view)
		if err != nil {
			t.Fatal(err)
		}
		js := string(b)
		for _, banned := range []string{`"correct"`, `"Correct"`, `"feedback"`, `"Feedback"`, "Bien 1a", "Right 1a", "Mal ", "Wrong "} {
			if strings.Contains(js, banned) {
				t.Errorf("open attempt JSON contains %s: %s", banned, js)
			}
		}
		if !strings.Contains(js, `"selected":["a"]`) || !strings.Contains(js, "Ana meets Luis") {
			t.Errorf("open attempt JSON lacks the saved answer or the scenario: %s", js)
		}
		if view.Answered() != 1 {
			t.Errorf("answered = %d", view.Answered())
		}
	})
}

func TestSaveAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea := f.learner("ana"), f.learner("bea")
		a, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		if err != nil {
			t.Fatal(err)
		}
		stored := func(q string) string {
			var ids []string
			f.gdb.Table("quiz_answers").Where("attempt_id = ? AND question_id = ?", a.ID, q).Pluck("option_ids", &ids)
			return strings.Join(ids, "|")
		}
		cases := []struct {
			name, question string
			options        []string
			field, code    string // expected validation error, if any
			stored         string
		}{
			{name: "single", question: "q1", options: []string{"b"}, stored: `["b"]`},
			{name: "single changed", question: "q1", options: []string{"a"}, stored: `["a"]`},
			{name: "single again", question: "q1", options: []string{"a"}, stored: `["a"]`},
			{name: "multiple with repeats", question: "q2", options: []string{"c", "a", "c"}, stored: `["a","c"]`},
			{name: "multiple cleared", question: "q2", options: nil, stored: `[]`},
			{name: "truefalse", question: "q3", options: []string{"b"}, stored: `["b"]`},
			{name: "unknown question", question: "q9", options: []string{"a"}, field: "question", code: "invalid"},
			{name: "unknown option", question: "q1", options: []string{"z"}, field: "options", code: "invalid"},
			{name: "two for single", question: "q1", options: []string{"a", "b"}, field: "options", code: "oneof"},
			{name: "none for scenario", question: "q4", options: nil, field: "options", code: "oneof"},
			{name: "two for truefalse", question: "q3", options: []string{"a", "b"}, field: "options", code: "oneof"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				err := f.store.SaveAnswer(f.ctx, ana, a.ID, c.question, c.options)
				if c.field != "" {
					wantField(t, err, c.field, c.code)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := stored(c.question); got != c.stored {
					t.Fatalf("stored %s, want %s", got, c.stored)
				}
			})
		}
		if n := f.count("quiz_answers"); n != 3 {
			t.Fatalf("%d answer rows, want one per answered question (3)", n)
		}
		t.Run("another learner's attempt", func(t *testing.T) {
			wantIs(t, f.store.SaveAnswer(f.ctx, bea, a.ID, "q1", []string{"b"}), errs.ErrNotFound)
			_, err := f.store.Attempt(f.ctx, bea, a.ID)
			wantIs(t, err, errs.ErrNotFound)
			_, err = f.store.Submit(f.ctx, bea, a.ID)
			wantIs(t, err, errs.ErrNotFound)
			_, err = f.store.Review(f.ctx, bea, a.ID)
			wantIs(t, err, errs.ErrNotFound)
			wantIs(t, f.store.SaveAnswer(f.ctx, ana, "not-an-attempt", "q1", []string{"b"}), errs.ErrNotFound)
		})
		t.Run("submitted attempt", func(t *testing.T) {
			if _, err := f.store.Submit(f.ctx, ana, a.ID); err != nil {
				t.Fatal(err)
			}
			err := f.store.SaveAnswer(f.ctx, ana, a.ID, "q1", []string{"b"})
			wantIs(t, err, courses.ErrAttemptSubmitted)
			wantIs(t, err, errs.ErrConflict)
			_, err = f.store.Attempt(f.ctx, ana, a.ID)
			wantIs(t, err, courses.ErrAttemptSubmitted)
			if got := stored("q1"); got != `["a"]` {
				t.Fatalf("the submitted answer changed to %s", got)
			}
		})
	})
}

func TestAttemptLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		wrong := answers(f.quiz("first-steps-quiz"), false)
		for i := 1; i <= 3; i++ {
			if res := f.take(ana, "first-steps-quiz", wrong); res.Number != i || res.Passed {
				t.Fatalf("attempt %d: %+v", i, res)
			}
		}
		_, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
		wantIs(t, err, courses.ErrNoAttemptsLeft)
		wantIs(t, err, errs.ErrConflict)
		page, _ := f.store.Module(f.ctx, ana, "first-steps")
		if page.Quiz.AttemptsLeft != 0 || page.Quiz.CanStart() {
			t.Fatalf("quiz summary = %+v", page.Quiz)
		}
		// Unlimited quizzes never run out.
		for range 5 {
			f.take(ana, "follow-up-quiz", wrong)
		}
		if _, err := f.store.StartAttempt(f.ctx, ana, "follow-up-quiz"); err != nil {
			t.Fatal(err)
		}
		_, err = f.store.StartAttempt(f.ctx, ana, "no-such-quiz")
		wantIs(t, err, errs.ErrNotFound)
	})
}

func TestConcurrentStartCreatesOneAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("ana")
		ids := concurrently(t, 8, func() (string, error) {
			v, err := f.store.StartAttempt(f.ctx, ana, "first-steps-quiz")
			return v.ID, err
		})
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("concurrent starts returned different attempts: %v", ids)
			}
		}
		if n := f.count("quiz_attempts"); n != 1 {
			t.Fatalf("%d attempts", n)
		}
	})
}

// concurrently runs fn n times at once (released together by a barrier) and returns the
// results; any error fails the test.
func concurrently[T any](t *testing.T, n int, fn func() (T, error)) []T {
	t.Helper()
	out := make([]T, n)
	errs := make([]error, n)
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			out[i], errs[i] = fn()
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}
