package assessment_test

import (
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
)

// TestSaveAnswerStatements pins the statements one save sends (besides BEGIN and COMMIT),
// each a round trip to PostgreSQL: the locking update that also returns the attempt's
// instrument, then the write; the progress count for SaveAnswerProgress. The statements
// that tell why a save is refused run only when the locking update touched no row.
func TestSaveAnswerStatements(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u, other := f.learner(acme.ID), f.learner(acme.ID)
		a := f.start(u, "small")
		f.answer(u, a, map[string]any{"F1": 4}) // the definition is cached from here on
		done := f.submit(other, "small", map[string]any{"F1": 3})

		lock := `^UPDATE \W?assessment_attempts\W? SET status = .* RETURNING instrument_id$`
		cases := []struct {
			name string
			save func() error
			want error
			sqls []string // patterns, in order
		}{
			{name: "save", save: func() error { return f.store.SaveAnswer(f.ctx, u.ID, a.ID, "F2", ptr(3), nil) },
				sqls: []string{lock, `^INSERT INTO \W?assessment_answers\W? .* ON CONFLICT`}},
			{name: "save again", save: func() error { return f.store.SaveAnswer(f.ctx, u.ID, a.ID, "F2", ptr(4), nil) },
				sqls: []string{lock, `^INSERT INTO \W?assessment_answers\W? .* ON CONFLICT`}},
			{name: "clear", save: func() error { return f.store.SaveAnswer(f.ctx, u.ID, a.ID, "F2", nil, nil) },
				sqls: []string{lock, `^DELETE FROM \W?assessment_answers\W?`}},
			{name: "save with progress", save: func() error {
				_, err := f.store.SaveAnswerProgress(f.ctx, u.ID, a.ID, "FS", nil, ptr(1))
				return err
			}, sqls: []string{lock, `^INSERT INTO \W?assessment_answers\W?`, `^SELECT \W?item_id\W? FROM \W?assessment_answers\W?`}},
			{name: "invalid value", save: func() error { return f.store.SaveAnswer(f.ctx, u.ID, a.ID, "F2", ptr(9), nil) },
				want: errInvalid, sqls: []string{lock}},
			{name: "submitted", save: func() error { return f.store.SaveAnswer(f.ctx, other.ID, done.ID, "F2", ptr(3), nil) },
				want: errs.ErrConflict, sqls: []string{lock, `^SELECT \* FROM \W?assessment_attempts\W?`}},
			{name: "someone else's", save: func() error { return f.store.SaveAnswer(f.ctx, other.ID, a.ID, "F2", ptr(3), nil) },
				want: errs.ErrNotFound, sqls: []string{lock, `^SELECT \* FROM \W?assessment_attempts\W?`}},
			{name: "malformed id", save: func() error { return f.store.SaveAnswer(f.ctx, u.ID, "x", "F2", ptr(3), nil) },
				want: errs.ErrNotFound, sqls: nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var err error
				sqls := dbtest.Record(gdb, func() { err = c.save() })
				if c.want == errInvalid {
					if _, ok := errs.AsValidation(err); !ok {
						t.Errorf("err = %v, want a validation error", err)
					}
				} else {
					wantIs(t, err, c.want)
				}
				if len(sqls) != len(c.sqls) {
					t.Fatalf("%d statements, want %d:\n%s", len(sqls), len(c.sqls), strings.Join(sqls, "\n"))
				}
				for i, pattern := range c.sqls {
					if !regexp.MustCompile(pattern).MatchString(sqls[i]) {
						t.Errorf("statement %d = %s, want %s", i+1, sqls[i], pattern)
					}
				}
			})
		}
	})
}

// errInvalid stands for "any validation error" in a table.
var errInvalid = errs.Invalid("any", "any", "")
