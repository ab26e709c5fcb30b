package assessment_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
)

func TestSaveAnswerRejectsAndStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u, other := f.learner(acme.ID), f.learner(acme.ID)
		a := f.start(u, "small")
		f.answer(u, a, map[string]any{"F1": 4})
		done := f.submit(other, "small", map[string]any{"F1": 3})

		cases := []struct {
			name          string
			user, attempt string
			item          string
			value, option *int
			field, code   string // a validation error
			want          error  // or a sentinel
		}{
			{name: "unknown item", user: u.ID, attempt: a.ID, item: "ZZ", value: ptr(3), field: "item", code: scoring.CodeUnknownItem},
			{name: "clearing an unknown item", user: u.ID, attempt: a.ID, item: "ZZ", field: "item", code: scoring.CodeUnknownItem},
			{name: "below the scale", user: u.ID, attempt: a.ID, item: "F1", value: ptr(0), field: "value", code: scoring.CodeOutOfRange},
			{name: "above the scale", user: u.ID, attempt: a.ID, item: "F1", value: ptr(6), field: "value", code: scoring.CodeOutOfRange},
			{name: "option of a Likert item", user: u.ID, attempt: a.ID, item: "F1", option: ptr(1), field: "option", code: scoring.CodeNotForType},
			{name: "value of an SJT item", user: u.ID, attempt: a.ID, item: "FS", value: ptr(3), field: "value", code: scoring.CodeNotForType},
			{name: "option past the last", user: u.ID, attempt: a.ID, item: "FS", option: ptr(4), field: "option", code: scoring.CodeOutOfRange},
			{name: "negative option", user: u.ID, attempt: a.ID, item: "FS", option: ptr(-1), field: "option", code: scoring.CodeOutOfRange},
			{name: "value and option", user: u.ID, attempt: a.ID, item: "F1", value: ptr(3), option: ptr(1), field: "answer", code: scoring.CodeOneOf},
			{name: "someone else's attempt", user: other.ID, attempt: a.ID, item: "F1", value: ptr(3), want: errs.ErrNotFound},
			{name: "an attempt that does not exist", user: u.ID, attempt: "0190a0a0-0000-7000-8000-000000000000", item: "F1", value: ptr(3), want: errs.ErrNotFound},
			{name: "a malformed attempt id", user: u.ID, attempt: "../etc", item: "F1", value: ptr(3), want: errs.ErrNotFound},
			{name: "a submitted attempt", user: other.ID, attempt: done.ID, item: "F1", value: ptr(5), want: errs.ErrConflict},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := f.snapshot()
				var answersBefore map[string]scoring.Answer
				if c.user == u.ID && c.attempt == a.ID {
					answersBefore, _ = f.store.Answers(f.ctx, u.ID, a.ID)
				}
				err := f.store.SaveAnswer(f.ctx, c.user, c.attempt, c.item, c.value, c.option)
				if c.want != nil {
					wantIs(t, err, c.want)
				} else {
					wantField(t, err, c.field, c.code)
				}
				f.wantUnchanged(before)
				if answersBefore != nil {
					after, _ := f.store.Answers(f.ctx, u.ID, a.ID)
					if len(after) != 1 || *after["F1"].Value != 4 {
						t.Errorf("answers changed to %+v", after)
					}
				}
			})
		}
		// Someone else's answers and progress are not found either.
		_, err := f.store.Answers(f.ctx, other.ID, a.ID)
		wantIs(t, err, errs.ErrNotFound)
		_, err = f.store.Progress(f.ctx, other.ID, a.ID)
		wantIs(t, err, errs.ErrNotFound)
		wantIs(t, f.store.Submit(f.ctx, other.ID, a.ID), errs.ErrNotFound)
	})
}

func TestSaveAnswerUpsertsAndProgress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		a := f.start(u, "small")
		save := func(item string, value, option *int) {
			t.Helper()
			wantIs(t, f.store.SaveAnswer(f.ctx, u.ID, a.ID, item, value, option), nil)
		}
		save("F1", ptr(2), nil)
		save("F1", ptr(2), nil) // idempotent
		save("F1", ptr(5), nil) // replaced
		save("FS", nil, ptr(0)) // the first option
		save("R1", ptr(3), nil)
		save("R1", nil, nil) // cleared
		answers, err := f.store.Answers(f.ctx, u.ID, a.ID)
		wantIs(t, err, nil)
		if len(answers) != 2 || *answers["F1"].Value != 5 || answers["F1"].Option != nil || *answers["FS"].Option != 0 {
			t.Errorf("answers = %+v", answers)
		}
		if n := f.count("assessment_answers", "attempt_id = ?", a.ID); n != 2 {
			t.Errorf("%d answer rows, want 2", n)
		}
		p, err := f.store.Progress(f.ctx, u.ID, a.ID)
		wantIs(t, err, nil)
		if p.Answered != 2 || p.Total != 7 || len(p.Dimensions) != 2 ||
			p.Dimensions[0].Slug != "focus" || p.Dimensions[0].Answered != 2 || p.Dimensions[0].Total != 4 || p.Dimensions[0].Required != 3 ||
			p.Dimensions[1].Answered != 0 || p.Dimensions[1].Required != 2 {
			t.Errorf("progress = %+v", p)
		}
		// SaveAnswerProgress gives the same progress from the saving transaction.
		after, err := f.store.SaveAnswerProgress(f.ctx, u.ID, a.ID, "R1", ptr(4), nil)
		wantIs(t, err, nil)
		if after.Answered != 3 || after.Dimensions[1].Answered != 1 || after.Total != p.Total {
			t.Errorf("progress after saving R1 = %+v", after)
		}
		other := f.learner(acme.ID)
		_, err = f.store.SaveAnswerProgress(f.ctx, other.ID, a.ID, "R1", ptr(1), nil)
		wantIs(t, err, errs.ErrNotFound)
	})
}
