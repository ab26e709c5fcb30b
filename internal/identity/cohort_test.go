package identity_test

import (
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func TestCreateCohort(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, other := f.org("acme"), f.org("other")

		c, err := f.store.CreateCohort(f.ctx, acme.ID, identity.CohortInput{Name: "  Spring 2026 ", Description: " Evenings "})
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != "Spring 2026" || c.Description != "Evenings" || c.OrganisationID != acme.ID || !identity.ValidID(c.ID) {
			t.Fatalf("cohort = %+v", c)
		}
		got, err := f.store.Cohort(f.ctx, c.ID)
		if err != nil || got.Name != c.Name || !got.CreatedAt.Equal(t0) {
			t.Fatalf("Cohort(id) = %+v, %v", got, err)
		}

		cases := []struct {
			name        string
			org         string
			in          identity.CohortInput
			field, code string // "" when it must succeed
		}{
			{"same name in the same organisation", acme.ID, identity.CohortInput{Name: "Spring 2026"}, "name", "taken"},
			{"same name after trimming", acme.ID, identity.CohortInput{Name: " Spring 2026\t"}, "name", "taken"},
			{"same name in another organisation", other.ID, identity.CohortInput{Name: "Spring 2026"}, "", ""},
			{"missing name", acme.ID, identity.CohortInput{Name: "  "}, "name", "required"},
			{"name too long", acme.ID, identity.CohortInput{Name: strings.Repeat("n", 121)}, "name", "max"},
			{"longest name", acme.ID, identity.CohortInput{Name: strings.Repeat("n", 120)}, "", ""},
			{"description too long", acme.ID, identity.CohortInput{Name: "Autumn", Description: strings.Repeat("d", 1001)}, "description", "max"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := f.on(t)
				before := f.count("cohorts")
				_, err := f.store.CreateCohort(f.ctx, c.org, c.in)
				if c.field == "" {
					wantIs(t, err, nil)
					if f.count("cohorts") != before+1 {
						t.Fatal("cohort not stored")
					}
					return
				}
				wantField(t, err, c.field, c.code)
				if f.count("cohorts") != before {
					t.Fatal("a refused cohort was stored")
				}
			})
		}

		for _, id := range []string{"", "nope", identity.NewID()} {
			_, err := f.store.Cohort(f.ctx, id)
			wantIs(t, err, errs.ErrNotFound)
		}
	})
}

func TestCohortMembership(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, other := f.org("acme"), f.org("other")
		alpha := f.cohort(acme.ID, "Alpha")
		ana := f.user(acme.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		kim := f.user(acme.ID, identity.RoleCoach, "kim@acme.test", "Kim")
		boss := f.user(acme.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		admin := f.user("", identity.RoleAdmin, "admin@academy.test", "Admin")
		otto := f.user(other.ID, identity.RoleLearner, "otto@other.test", "Otto")
		olga := f.user(other.ID, identity.RoleCoach, "olga@other.test", "Olga")
		foreign := f.cohort(other.ID, "Foreign")

		type op func(cohortID, userID string) error
		add, assign := op(func(c, u string) error { return f.store.AddMember(f.ctx, c, u) }),
			op(func(c, u string) error { return f.store.AssignCoach(f.ctx, c, u) })
		cases := []struct {
			name         string
			do           op
			cohort, user string
			field, code  string
			param        string
		}{
			{"add a coach as member", add, alpha.ID, kim.ID, "user", "wrong_role", "learner"},
			{"add an org admin as member", add, alpha.ID, boss.ID, "user", "wrong_role", "learner"},
			{"add another organisation's learner", add, alpha.ID, otto.ID, "user", "not_in_org", ""},
			{"add the platform admin", add, alpha.ID, admin.ID, "user", "not_in_org", ""},
			{"add an unknown person", add, alpha.ID, identity.NewID(), "user", "not_in_org", ""},
			{"add a malformed id", add, alpha.ID, "ana", "user", "required", ""},
			{"assign a learner as coach", assign, alpha.ID, ana.ID, "user", "wrong_role", "coach"},
			{"assign an org admin as coach", assign, alpha.ID, boss.ID, "user", "wrong_role", "coach"},
			{"assign another organisation's coach", assign, alpha.ID, olga.ID, "user", "not_in_org", ""},
			{"add own learner to another organisation's cohort", add, foreign.ID, ana.ID, "user", "not_in_org", ""},
			{"assign own coach to another organisation's cohort", assign, foreign.ID, kim.ID, "user", "not_in_org", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := f.on(t)
				before := f.snapshot()
				fe := wantField(t, c.do(c.cohort, c.user), c.field, c.code)
				if fe.Param != c.param {
					t.Fatalf("param = %q, want %q", fe.Param, c.param)
				}
				f.wantUnchanged(before)
			})
		}
		t.Run("unknown cohort", func(t *testing.T) {
			wantIs(t, add(identity.NewID(), ana.ID), errs.ErrNotFound)
			wantIs(t, assign("not-an-id", kim.ID), errs.ErrNotFound)
		})

		// Adding twice is harmless.
		for range 2 {
			wantIs(t, add(alpha.ID, ana.ID), nil)
			wantIs(t, assign(alpha.ID, kim.ID), nil)
		}
		if n := f.count("cohort_members", "cohort_id = ?", alpha.ID); n != 1 {
			t.Fatalf("%d member rows after adding twice", n)
		}
		if n := f.count("cohort_coaches", "cohort_id = ?", alpha.ID); n != 1 {
			t.Fatalf("%d coach rows after assigning twice", n)
		}
		members, err := f.store.CohortMembers(f.ctx, alpha.ID)
		if err != nil || names(members) != "Ana" {
			t.Fatalf("members = %s, %v", names(members), err)
		}
		coaches, err := f.store.CohortCoaches(f.ctx, alpha.ID)
		if err != nil || names(coaches) != "Kim" {
			t.Fatalf("coaches = %s, %v", names(coaches), err)
		}

		// Removing takes them out; removing again is not an error.
		for range 2 {
			wantIs(t, f.store.RemoveMember(f.ctx, alpha.ID, ana.ID), nil)
			wantIs(t, f.store.UnassignCoach(f.ctx, alpha.ID, kim.ID), nil)
		}
		members, _ = f.store.CohortMembers(f.ctx, alpha.ID)
		coaches, _ = f.store.CohortCoaches(f.ctx, alpha.ID)
		if len(members) != 0 || len(coaches) != 0 {
			t.Fatalf("after removal: members %s, coaches %s", names(members), names(coaches))
		}
		if _, err := f.store.User(f.ctx, ana.ID); err != nil {
			t.Fatal("removing a member deleted the person")
		}
	})
}

func TestCohortListings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, other := f.org("acme"), f.org("other")
		// Created out of name order, to check the ordering.
		beta, alpha, empty := f.cohort(acme.ID, "Beta"), f.cohort(acme.ID, "Alpha"), f.cohort(acme.ID, "Zeta")
		foreign := f.cohort(other.ID, "Gamma")
		zoe := f.user(acme.ID, identity.RoleLearner, "zoe@acme.test", "Zoe")
		ana := f.user(acme.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		maxi := f.user(acme.ID, identity.RoleLearner, "max@acme.test", "Max")
		kim := f.user(acme.ID, identity.RoleCoach, "kim@acme.test", "Kim")
		bea := f.user(acme.ID, identity.RoleCoach, "bea@acme.test", "Bea")
		otto := f.user(other.ID, identity.RoleLearner, "otto@other.test", "Otto")
		f.member(alpha, zoe)
		f.member(alpha, ana)
		f.member(alpha, maxi)
		f.member(beta, ana)
		f.coach(alpha, kim)
		f.coach(alpha, bea)
		f.coach(beta, kim)
		f.member(foreign, otto)

		summary := func(cs []identity.CohortSummary) string {
			out := make([]string, 0, len(cs))
			for _, c := range cs {
				out = append(out, fmt.Sprintf("%s:%d/%d", c.Name, c.Members, c.Coaches))
			}
			return strings.Join(out, " ")
		}
		cases := []struct {
			name   string
			filter identity.CohortFilter
			want   string // name:members/coaches, by name
		}{
			{"everything", identity.CohortFilter{}, "Alpha:3/2 Beta:1/1 Gamma:1/0 Zeta:0/0"},
			{"one organisation", identity.CohortFilter{OrganisationID: acme.ID}, "Alpha:3/2 Beta:1/1 Zeta:0/0"},
			{"other organisation", identity.CohortFilter{OrganisationID: other.ID}, "Gamma:1/0"},
			{"coached by Kim", identity.CohortFilter{CoachID: kim.ID}, "Alpha:3/2 Beta:1/1"},
			{"coached by Bea", identity.CohortFilter{CoachID: bea.ID}, "Alpha:3/2"},
			{"Ana belongs to", identity.CohortFilter{MemberID: ana.ID}, "Alpha:3/2 Beta:1/1"},
			{"Zoe belongs to", identity.CohortFilter{MemberID: zoe.ID}, "Alpha:3/2"},
			{"a coach is no member", identity.CohortFilter{MemberID: kim.ID}, ""},
			{"organisation and coach", identity.CohortFilter{OrganisationID: other.ID, CoachID: kim.ID}, ""},
			{"coach and member", identity.CohortFilter{CoachID: bea.ID, MemberID: ana.ID}, "Alpha:3/2"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := f.store.Cohorts(f.ctx, c.filter)
				if err != nil {
					t.Fatal(err)
				}
				if s := summary(got); s != c.want {
					t.Fatalf("Cohorts = %q, want %q", s, c.want)
				}
				for _, s := range got {
					if !identity.ValidID(s.ID) || s.OrganisationID == "" || !s.CreatedAt.Equal(t0) {
						t.Fatalf("summary row %+v lacks the cohort's columns", s.Cohort)
					}
				}
			})
		}

		members, _ := f.store.CohortMembers(f.ctx, alpha.ID)
		if names(members) != "Ana,Max,Zoe" {
			t.Fatalf("Alpha's members = %s, want them by name", names(members))
		}
		coaches, _ := f.store.CohortCoaches(f.ctx, alpha.ID)
		if names(coaches) != "Bea,Kim" {
			t.Fatalf("Alpha's coaches = %s, want them by name", names(coaches))
		}
		if members, _ := f.store.CohortMembers(f.ctx, empty.ID); len(members) != 0 {
			t.Fatalf("Zeta's members = %s", names(members))
		}
	})
}
