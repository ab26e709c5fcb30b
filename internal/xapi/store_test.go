package xapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/xapi"
)

// fixture is a statement store over a fresh database with two organisations' learners.
type fixture struct {
	t        *testing.T
	ctx      context.Context
	gdb      *gorm.DB
	ana, bea string // learners of acme and globex
	acme     string
}

func newFixture(t *testing.T, gdb *gorm.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), gdb: gdb}
	ids := identity.NewStore(gdb, identity.DefaultConfig())
	for i, slug := range []string{"acme", "globex"} {
		org, err := ids.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: slug, Name: slug})
		if err != nil {
			t.Fatal(err)
		}
		u, err := ids.CreateUser(f.ctx, identity.NewUser{OrganisationID: org.ID, Email: fmt.Sprintf("l%d@%s.example", i, slug),
			Name: "Learner", Role: identity.RoleLearner})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.acme, f.ana = org.ID, u.ID
		} else {
			f.bea = u.ID
		}
	}
	return f
}

func (f *fixture) store(lrs xapi.LRSConfig) *xapi.Store {
	return xapi.NewStore(f.gdb, xapi.Config{Builder: builder(), LRS: lrs})
}

// record records events in one committed transaction.
func (f *fixture) record(s *xapi.Store, es ...activity.Event) {
	f.t.Helper()
	err := f.gdb.Transaction(func(tx *gorm.DB) error {
		for _, e := range es {
			if err := s.Record(tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) count(where string, args ...any) int64 {
	f.t.Helper()
	var n int64
	if err := f.gdb.Table("xapi_statements").Where(where, args...).Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

// goal is an event of user at minute m.
func goal(user string, m int) activity.Event {
	return activity.Event{ID: fmt.Sprintf("goal-set:%s:%d", user, m), Kind: activity.GoalSet, UserID: user,
		At:     time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC),
		Object: activity.Object{Type: "goal", ID: fmt.Sprintf("g%d", m), Name: map[string]string{"es": "Objetivo"}}}
}

func TestRecordKeepsEveryStatementOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		s := f.store(xapi.LRSConfig{})
		f.record(s, goal(f.ana, 1), goal(f.ana, 1))
		f.record(s, goal(f.ana, 1))
		if n := f.count("1 = 1"); n != 1 {
			t.Fatalf("%d rows for one event recorded three times", n)
		}
		if n := f.count("delivery IS NULL AND organisation_id = ? AND user_id = ? AND kind = 'goal-set'", f.acme, f.ana); n != 1 {
			t.Fatal("without an LRS a statement must be kept, with its organisation, and not queued")
		}
		queued := f.store(xapi.LRSConfig{Endpoint: "http://lrs.example/xapi"})
		f.record(queued, goal(f.ana, 2))
		if n := f.count("delivery = ?", xapi.Pending); n != 1 {
			t.Fatalf("%d pending, want the one recorded with an LRS", n)
		}

		// A transaction that fails after recording leaves no statement.
		boom := errors.New("the change failed")
		err := gdb.Transaction(func(tx *gorm.DB) error {
			if err := queued.Record(tx, goal(f.ana, 3)); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) || f.count("1 = 1") != 2 {
			t.Fatalf("rolled back: %v, %d rows", err, f.count("1 = 1"))
		}
		// An event of a person who does not exist cannot be recorded (and fails its change).
		err = gdb.Transaction(func(tx *gorm.DB) error { return queued.Record(tx, goal("nobody", 4)) })
		if err == nil {
			t.Fatal("recorded an event of nobody")
		}
	})
}

func TestStatementsOfAnOrganisation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		s := f.store(xapi.LRSConfig{})
		for m := 10; m > 0; m-- {
			f.record(s, goal(f.ana, m))
		}
		f.record(s, goal(f.bea, 5))
		list := func(q xapi.Query) []string {
			t.Helper()
			q.OrganisationID = f.acme
			items, err := s.Statements(f.ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, it := range items {
				var st xapi.Statement
				if err := json.Unmarshal(it.Statement, &st); err != nil {
					t.Fatal(err)
				}
				if err := xapi.Validate(it.Statement); err != nil {
					t.Fatal(err)
				}
				out = append(out, st.Timestamp[11:16])
			}
			return out
		}
		all := list(xapi.Query{})
		if len(all) != 10 || all[0] != "09:01" || all[9] != "09:10" {
			t.Fatalf("all = %v, want Ana's ten, oldest first", all)
		}
		at := func(m int) time.Time { return time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC) }
		if got := list(xapi.Query{Since: at(3), Until: at(6)}); fmt.Sprint(got) != "[09:03 09:04 09:05]" {
			t.Fatalf("09:03 to before 09:06 = %v", got)
		}
		// Pages of four, each after the last key of the one before.
		var pages [][]string
		var after []string
		for {
			items, err := s.Statements(f.ctx, xapi.Query{OrganisationID: f.acme, Page: keyset.Page{Limit: 4, After: after}})
			if err != nil {
				t.Fatal(err)
			}
			if len(items) == 0 {
				break
			}
			pages = append(pages, nil)
			for _, it := range items {
				pages[len(pages)-1] = append(pages[len(pages)-1], string(it.Statement))
			}
			after = items[len(items)-1].PageKey()
		}
		if len(pages) != 3 || len(pages[2]) != 2 {
			t.Fatalf("pages of %d", len(pages))
		}
		_, err := s.Statements(f.ctx, xapi.Query{OrganisationID: f.acme, Page: keyset.Page{After: []string{"yesterday", "x"}}})
		if v, ok := errs.AsValidation(err); !ok || v.Fields[0].Field != "cursor" {
			t.Fatalf("a bad key: %v", err)
		}
	})
}

func TestExportAndEraseUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		s := f.store(xapi.LRSConfig{Endpoint: "http://lrs.example/xapi"})
		f.record(s, goal(f.ana, 2), goal(f.ana, 1), goal(f.bea, 1))
		got, err := s.ExportUser(f.ctx, f.ana)
		if err != nil || len(got) != 2 {
			t.Fatalf("export = %d statements, %v", len(got), err)
		}
		var first xapi.Statement
		if err := json.Unmarshal(got[0], &first); err != nil || first.Timestamp != "2026-03-02T09:01:00.000Z" ||
			first.Actor.Account.Name != f.ana {
			t.Fatalf("first = %+v, %v", first, err)
		}
		if err := gdb.Transaction(func(tx *gorm.DB) error { return s.EraseUser(tx, f.ana) }); err != nil {
			t.Fatal(err)
		}
		if f.count("user_id = ?", f.ana) != 0 || f.count("user_id = ?", f.bea) != 1 {
			t.Fatal("erasure must delete the person's statements, pending ones included, and only theirs")
		}
		if got, err := s.ExportUser(f.ctx, f.ana); err != nil || len(got) != 0 {
			t.Fatalf("export after erasure = %v, %v", got, err)
		}
	})
}
