package identity_test

import (
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/identity"
)

func TestMemberIDsOf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		alpha, beta, empty := f.cohort(acme.ID, "Alpha"), f.cohort(acme.ID, "Beta"), f.cohort(acme.ID, "Empty")
		ana := f.user(acme.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		bea := f.user(acme.ID, identity.RoleLearner, "bea@acme.test", "Bea")
		kim := f.user(acme.ID, identity.RoleCoach, "kim@acme.test", "Kim")
		f.member(alpha, ana)
		f.member(alpha, bea)
		f.member(beta, bea)
		f.coach(alpha, kim)

		got, err := f.store.MemberIDsOf(f.ctx, []string{alpha.ID, beta.ID, empty.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{alpha.ID: {ana.ID, bea.ID}, beta.ID: {bea.ID}}
		slices.Sort(want[alpha.ID])
		if len(got) != len(want) {
			t.Fatalf("members = %v, want %v", got, want)
		}
		for id, ids := range want {
			if !slices.Equal(got[id], ids) {
				t.Errorf("members of %s = %v, want %v (coaches are not members)", id, got[id], ids)
			}
		}
		if got, err := f.store.MemberIDsOf(f.ctx, nil); err != nil || len(got) != 0 {
			t.Fatalf("no cohorts: %v, %v", got, err)
		}
	})
}
