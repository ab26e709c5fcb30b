package identity_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// The world of the policy table:
//
//	organisation A: cohorts A1 and A2
//	  A1: learners L1 and L1b, coaches K1 and K1b
//	  A2: learner L2, coach K2
//	  L0: a learner in no cohort; OA: the organisation's administrator
//	organisation B: cohort B1 with learner LB, coached by KB
//	ADM: the platform administrator (no organisation)
const (
	orgA = "org-A"
	orgB = "org-B"
	cA1  = "cohort-A1"
	cA2  = "cohort-A2"
	cB1  = "cohort-B1"
)

var policyActors = map[string]identity.Actor{
	"admin":     {UserID: "ADM", Role: identity.RoleAdmin},
	"org_admin": {UserID: "OA", OrgID: orgA, Role: identity.RoleOrgAdmin},
	"coach":     {UserID: "K1", OrgID: orgA, Role: identity.RoleCoach, CoachesIn: []string{cA1}},
	"learner":   {UserID: "L1", OrgID: orgA, Role: identity.RoleLearner, MemberOf: []string{cA1}},
	// A coach of organisation B: everything in A is invisible to them.
	"coach B": {UserID: "KB", OrgID: orgB, Role: identity.RoleCoach, CoachesIn: []string{cB1}},
	// A learner who still has a coaching row (e.g. whose role was changed): the row must
	// not give them a coach's rights.
	"demoted coach": {UserID: "K9", OrgID: orgA, Role: identity.RoleLearner, CoachesIn: []string{cA1}},
	// Nobody signed in (the zero Actor).
	"nobody": {},
}

func userRes(id, org string, memberOf, coachesIn []string) identity.Resource {
	return identity.Resource{Kind: identity.KindUser, ID: id, OrgID: org, OwnerID: id, MemberOf: memberOf, CoachesIn: coachesIn}
}

var policyResources = map[string]identity.Resource{
	"org A":     identity.OrganisationResource(orgA),
	"org B":     identity.OrganisationResource(orgB),
	"cohort A1": identity.CohortResource(identity.Cohort{ID: cA1, OrganisationID: orgA}),
	"cohort A2": identity.CohortResource(identity.Cohort{ID: cA2, OrganisationID: orgA}),
	"cohort B1": identity.CohortResource(identity.Cohort{ID: cB1, OrganisationID: orgB}),
	"user L1":   userRes("L1", orgA, []string{cA1}, nil),
	"user L1b":  userRes("L1b", orgA, []string{cA1}, nil),
	"user L2":   userRes("L2", orgA, []string{cA2}, nil),
	"user L0":   userRes("L0", orgA, nil, nil),
	"user K1":   userRes("K1", orgA, nil, []string{cA1}),
	"user K1b":  userRes("K1b", orgA, nil, []string{cA1}),
	"user K2":   userRes("K2", orgA, nil, []string{cA2}),
	"user OA":   userRes("OA", orgA, nil, nil),
	"user LB":   userRes("LB", orgB, []string{cB1}, nil),
	"user ADM":  userRes("ADM", "", nil, nil),
}

// Short names for the three outcomes, so that the table below lines up.
var (
	ok error // allowed
	nf = errs.ErrNotFound
	fb = errs.ErrForbidden
)

type policyRow struct {
	actor, resource     string
	view, coach, manage error
}

// policyTable is the authorization policy, written out in full: for every actor and every
// resource of the world above, what View, Coach and Manage return.
var policyTable = []policyRow{
	// The platform administrator may do anything anywhere.
	{"admin", "org A", ok, ok, ok},
	{"admin", "org B", ok, ok, ok},
	{"admin", "cohort A1", ok, ok, ok},
	{"admin", "cohort A2", ok, ok, ok},
	{"admin", "cohort B1", ok, ok, ok},
	{"admin", "user L1", ok, ok, ok},
	{"admin", "user L1b", ok, ok, ok},
	{"admin", "user L2", ok, ok, ok},
	{"admin", "user L0", ok, ok, ok},
	{"admin", "user K1", ok, ok, ok},
	{"admin", "user K1b", ok, ok, ok},
	{"admin", "user K2", ok, ok, ok},
	{"admin", "user OA", ok, ok, ok},
	{"admin", "user LB", ok, ok, ok},
	{"admin", "user ADM", ok, ok, ok},

	// An organisation administrator may do anything inside their organisation and cannot
	// see anything outside it (nor the platform administrator).
	{"org_admin", "org A", ok, ok, ok},
	{"org_admin", "org B", nf, nf, nf},
	{"org_admin", "cohort A1", ok, ok, ok},
	{"org_admin", "cohort A2", ok, ok, ok},
	{"org_admin", "cohort B1", nf, nf, nf},
	{"org_admin", "user L1", ok, ok, ok},
	{"org_admin", "user L1b", ok, ok, ok},
	{"org_admin", "user L2", ok, ok, ok},
	{"org_admin", "user L0", ok, ok, ok},
	{"org_admin", "user K1", ok, ok, ok},
	{"org_admin", "user K1b", ok, ok, ok},
	{"org_admin", "user K2", ok, ok, ok},
	{"org_admin", "user OA", ok, ok, ok},
	{"org_admin", "user LB", nf, nf, nf},
	{"org_admin", "user ADM", nf, nf, nf},

	// A coach (K1, coaching A1) sees their organisation, the cohorts they coach and those
	// cohorts' learners, and coaches those; nothing else exists for them.
	{"coach", "org A", ok, fb, fb},
	{"coach", "org B", nf, nf, nf},
	{"coach", "cohort A1", ok, ok, fb},
	{"coach", "cohort A2", nf, nf, nf},
	{"coach", "cohort B1", nf, nf, nf},
	{"coach", "user L1", ok, ok, fb},
	{"coach", "user L1b", ok, ok, fb},
	{"coach", "user L2", nf, nf, nf},
	{"coach", "user L0", nf, nf, nf},
	{"coach", "user K1", ok, fb, fb}, // self
	{"coach", "user K1b", nf, nf, nf},
	{"coach", "user K2", nf, nf, nf},
	{"coach", "user OA", nf, nf, nf},
	{"coach", "user LB", nf, nf, nf},
	{"coach", "user ADM", nf, nf, nf},

	// A learner (L1, in A1) sees their organisation, their cohort, themself and their
	// coaches, and may only view them.
	{"learner", "org A", ok, fb, fb},
	{"learner", "org B", nf, nf, nf},
	{"learner", "cohort A1", ok, fb, fb},
	{"learner", "cohort A2", nf, nf, nf},
	{"learner", "cohort B1", nf, nf, nf},
	{"learner", "user L1", ok, fb, fb}, // self
	{"learner", "user L1b", nf, nf, nf},
	{"learner", "user L2", nf, nf, nf},
	{"learner", "user L0", nf, nf, nf},
	{"learner", "user K1", ok, fb, fb},  // their coach
	{"learner", "user K1b", ok, fb, fb}, // their other coach
	{"learner", "user K2", nf, nf, nf},
	{"learner", "user OA", nf, nf, nf},
	{"learner", "user LB", nf, nf, nf},
	{"learner", "user ADM", nf, nf, nf},

	// A coach of another organisation cannot see anything of organisation A.
	{"coach B", "org A", nf, nf, nf},
	{"coach B", "org B", ok, fb, fb},
	{"coach B", "cohort A1", nf, nf, nf},
	{"coach B", "cohort A2", nf, nf, nf},
	{"coach B", "cohort B1", ok, ok, fb},
	{"coach B", "user L1", nf, nf, nf},
	{"coach B", "user L1b", nf, nf, nf},
	{"coach B", "user L2", nf, nf, nf},
	{"coach B", "user L0", nf, nf, nf},
	{"coach B", "user K1", nf, nf, nf},
	{"coach B", "user K1b", nf, nf, nf},
	{"coach B", "user K2", nf, nf, nf},
	{"coach B", "user OA", nf, nf, nf},
	{"coach B", "user LB", ok, ok, fb},
	{"coach B", "user ADM", nf, nf, nf},

	// A learner with a leftover coaching row has a learner's rights only.
	{"demoted coach", "org A", ok, fb, fb},
	{"demoted coach", "org B", nf, nf, nf},
	{"demoted coach", "cohort A1", nf, nf, nf},
	{"demoted coach", "cohort A2", nf, nf, nf},
	{"demoted coach", "cohort B1", nf, nf, nf},
	{"demoted coach", "user L1", nf, nf, nf},
	{"demoted coach", "user L1b", nf, nf, nf},
	{"demoted coach", "user L2", nf, nf, nf},
	{"demoted coach", "user L0", nf, nf, nf},
	{"demoted coach", "user K1", nf, nf, nf},
	{"demoted coach", "user K1b", nf, nf, nf},
	{"demoted coach", "user K2", nf, nf, nf},
	{"demoted coach", "user OA", nf, nf, nf},
	{"demoted coach", "user LB", nf, nf, nf},
	{"demoted coach", "user ADM", nf, nf, nf},

	// Nobody signed in: nothing exists.
	{"nobody", "org A", nf, nf, nf},
	{"nobody", "org B", nf, nf, nf},
	{"nobody", "cohort A1", nf, nf, nf},
	{"nobody", "cohort A2", nf, nf, nf},
	{"nobody", "cohort B1", nf, nf, nf},
	{"nobody", "user L1", nf, nf, nf},
	{"nobody", "user L1b", nf, nf, nf},
	{"nobody", "user L2", nf, nf, nf},
	{"nobody", "user L0", nf, nf, nf},
	{"nobody", "user K1", nf, nf, nf},
	{"nobody", "user K1b", nf, nf, nf},
	{"nobody", "user K2", nf, nf, nf},
	{"nobody", "user OA", nf, nf, nf},
	{"nobody", "user LB", nf, nf, nf},
	{"nobody", "user ADM", nf, nf, nf},
}

// checkDecision compares one Authorize result with the expected outcome: nil, or an error
// that is the expected sentinel and not the other one.
func checkDecision(t *testing.T, got, want error) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("got %v, want allowed", got)
	case want != nil && got == nil:
		t.Errorf("allowed, want %v", want)
	case want != nil && !errors.Is(got, want):
		t.Errorf("got %v, want %v", got, want)
	case errors.Is(want, nf) && errors.Is(got, fb), errors.Is(want, fb) && errors.Is(got, nf):
		t.Errorf("got %v, which is both not found and forbidden", got)
	}
}

func TestAuthorizeMatrix(t *testing.T) {
	for _, row := range policyTable {
		a, ok1 := policyActors[row.actor]
		r, ok2 := policyResources[row.resource]
		if !ok1 || !ok2 {
			t.Fatalf("row %v names an unknown actor or resource", row)
		}
		for _, c := range []struct {
			act  identity.Action
			want error
		}{{identity.View, row.view}, {identity.Coach, row.coach}, {identity.Manage, row.manage}} {
			t.Run(fmt.Sprintf("%s/%s/%s", row.actor, row.resource, c.act), func(t *testing.T) {
				checkDecision(t, identity.Authorize(a, c.act, r), c.want)
			})
		}
	}
}

// TestAuthorizeMatrixIsComplete makes sure the table above names every actor and resource
// pair exactly once, so that it stays the whole policy.
func TestAuthorizeMatrixIsComplete(t *testing.T) {
	seen := map[[2]string]int{}
	for _, row := range policyTable {
		seen[[2]string{row.actor, row.resource}]++
	}
	for actor := range policyActors {
		for resource := range policyResources {
			if n := seen[[2]string{actor, resource}]; n != 1 {
				t.Errorf("%s × %s appears %d times in the policy table, want 1", actor, resource, n)
			}
		}
	}
}

// TestAuthorizeUnknownAction checks that an action the policy does not know is never
// granted to people who are not administrators.
func TestAuthorizeUnknownAction(t *testing.T) {
	const unknown identity.Action = "delete-everything"
	cases := []struct {
		actor, resource string
		want            error
	}{
		{"learner", "user L1", fb},
		{"coach", "user L1", fb},
		{"coach", "cohort A1", fb},
		{"learner", "org A", fb},
		{"coach", "user L2", nf},
	}
	for _, c := range cases {
		t.Run(c.actor+"/"+c.resource, func(t *testing.T) {
			checkDecision(t, identity.Authorize(policyActors[c.actor], unknown, policyResources[c.resource]), c.want)
		})
	}
}

// TestAuthorizeFromDatabase loads actors and resources with Store.Actor and
// Store.UserResource and checks decisions end to end, including after a membership change.
func TestAuthorizeFromDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		a, b := f.org("alpha"), f.org("beta")
		a1, a2, b1 := f.cohort(a.ID, "A1"), f.cohort(a.ID, "A2"), f.cohort(b.ID, "B1")
		l1 := f.user(a.ID, identity.RoleLearner, "l1@a.test", "L1")
		l2 := f.user(a.ID, identity.RoleLearner, "l2@a.test", "L2")
		k1 := f.user(a.ID, identity.RoleCoach, "k1@a.test", "K1")
		k2 := f.user(a.ID, identity.RoleCoach, "k2@a.test", "K2")
		oa := f.user(a.ID, identity.RoleOrgAdmin, "oa@a.test", "OA")
		lb := f.user(b.ID, identity.RoleLearner, "lb@b.test", "LB")
		adm := f.user("", identity.RoleAdmin, "admin@academy.test", "Admin")
		f.member(a1, l1)
		f.member(a2, l2)
		f.coach(a1, k1)
		f.coach(a2, k2)
		f.member(b1, lb)

		actor := func(u identity.User) identity.Actor {
			t.Helper()
			act, err := f.store.Actor(f.ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			return act
		}
		res := func(u identity.User) identity.Resource {
			t.Helper()
			r, err := f.store.UserResource(f.ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}

		// What the loaders return.
		if got := actor(l1); got.UserID != l1.ID || got.OrgID != a.ID || got.Role != identity.RoleLearner ||
			!slices.Equal(got.MemberOf, []string{a1.ID}) || len(got.CoachesIn) != 0 {
			t.Fatalf("Actor(L1) = %+v", got)
		}
		if got := actor(k1); !slices.Equal(got.CoachesIn, []string{a1.ID}) || len(got.MemberOf) != 0 {
			t.Fatalf("Actor(K1) = %+v", got)
		}
		if got := actor(adm); got.OrgID != "" || got.Role != identity.RoleAdmin {
			t.Fatalf("Actor(admin) = %+v", got)
		}
		if got := res(k1); got.Kind != identity.KindUser || got.ID != k1.ID || got.OwnerID != k1.ID || got.OrgID != a.ID ||
			!slices.Equal(got.CoachesIn, []string{a1.ID}) {
			t.Fatalf("UserResource(K1) = %+v", got)
		}

		cases := []struct {
			name string
			a    identity.Actor
			act  identity.Action
			r    identity.Resource
			want error
		}{
			{"learner views own coach", actor(l1), identity.View, res(k1), ok},
			{"learner views other cohort's coach", actor(l1), identity.View, res(k2), nf},
			{"learner views other learner", actor(l1), identity.View, res(l2), nf},
			{"learner views own cohort", actor(l1), identity.View, identity.CohortResource(a1), ok},
			{"learner coaches own cohort", actor(l1), identity.Coach, identity.CohortResource(a1), fb},
			{"learner views other cohort", actor(l1), identity.View, identity.CohortResource(a2), nf},
			{"learner manages self", actor(l1), identity.Manage, res(l1), fb},
			{"coach coaches learner of coached cohort", actor(k1), identity.Coach, res(l1), ok},
			{"coach views learner of other cohort", actor(k1), identity.View, res(l2), nf},
			{"coach coaches coached cohort", actor(k1), identity.Coach, identity.CohortResource(a1), ok},
			{"coach views other cohort", actor(k1), identity.View, identity.CohortResource(a2), nf},
			{"coach manages own organisation", actor(k1), identity.Manage, identity.OrganisationResource(a.ID), fb},
			{"org admin manages learner", actor(oa), identity.Manage, res(l2), ok},
			{"org admin views other org's learner", actor(oa), identity.View, res(lb), nf},
			{"org admin views other org's cohort", actor(oa), identity.View, identity.CohortResource(b1), nf},
			{"org admin views platform admin", actor(oa), identity.View, res(adm), nf},
			{"other org's learner views org", actor(lb), identity.View, identity.OrganisationResource(a.ID), nf},
			{"admin manages other org's learner", actor(adm), identity.Manage, res(lb), ok},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { checkDecision(t, identity.Authorize(c.a, c.act, c.r), c.want) })
		}

		// Membership changes are seen by the next load.
		if err := f.store.RemoveMember(f.ctx, a1.ID, l1.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.store.AddMember(f.ctx, a2.ID, l1.ID); err != nil {
			t.Fatal(err)
		}
		checkDecision(t, identity.Authorize(actor(k1), identity.View, res(l1)), nf)
		checkDecision(t, identity.Authorize(actor(k2), identity.Coach, res(l1)), ok)
		checkDecision(t, identity.Authorize(actor(l1), identity.View, res(k1)), nf)
		checkDecision(t, identity.Authorize(actor(l1), identity.View, identity.CohortResource(a2)), ok)
		if err := f.store.UnassignCoach(f.ctx, a2.ID, k2.ID); err != nil {
			t.Fatal(err)
		}
		checkDecision(t, identity.Authorize(actor(k2), identity.Coach, res(l1)), nf)
	})
}

// TestSelfResource checks that the query-free description of one's own data gives the
// same decisions as the loaded one for its owner, and grants nothing to anyone else.
func TestSelfResource(t *testing.T) {
	org := "org-a"
	learner := identity.User{ID: "l1", OrganisationID: &org, Role: identity.RoleLearner}
	self := identity.SelfResource(learner)
	owner := identity.Actor{UserID: "l1", OrgID: org, Role: identity.RoleLearner, MemberOf: []string{"c1"}}
	checkDecision(t, identity.Authorize(owner, identity.View, self), nil)
	checkDecision(t, identity.Authorize(owner, identity.Coach, self), fb)
	checkDecision(t, identity.Authorize(owner, identity.Manage, self), fb)
	other := identity.Actor{UserID: "l2", OrgID: org, Role: identity.RoleLearner, MemberOf: []string{"c1"}}
	checkDecision(t, identity.Authorize(other, identity.View, self), nf)
	foreign := identity.Actor{UserID: "x", OrgID: "org-b", Role: identity.RoleOrgAdmin}
	checkDecision(t, identity.Authorize(foreign, identity.View, self), nf)
}
