package identity

import (
	"context"
	"fmt"
	"slices"

	"github.com/academy-platform/academy/internal/errs"
)

// Action is something an actor wants to do with a resource.
type Action string

// The actions the policy knows.
const (
	// View: read the resource.
	View Action = "view"
	// Coach: work with a learner or cohort as their coach (comment, download reports).
	Coach Action = "coach"
	// Manage: change the resource as its organisation's administrator.
	Manage Action = "manage"
)

// Kind is the type of a resource.
type Kind string

// The resource kinds.
const (
	KindOrganisation Kind = "organisation"
	KindCohort       Kind = "cohort"
	KindUser         Kind = "user"
)

// Actor is who is asking: the signed-in person and the cohorts they belong to or coach.
type Actor struct {
	UserID    string
	OrgID     string
	Role      Role
	MemberOf  []string // cohorts the actor learns in
	CoachesIn []string // cohorts the actor coaches
}

// Resource is what is being asked about, reduced to the facts the policy needs. For a user,
// OwnerID is that user and MemberOf/CoachesIn are their cohorts; for a cohort, ID is the
// cohort. Data owned by a learner (attempts, goals, notes) is checked as that learner.
type Resource struct {
	Kind      Kind
	ID        string
	OrgID     string
	OwnerID   string
	MemberOf  []string
	CoachesIn []string
}

// Authorize decides whether a may do act on r. It returns nil when allowed,
// errs.ErrNotFound when a may not even know r exists (so that ids of other people and
// organisations reveal nothing), and errs.ErrForbidden when a may see r but not do act.
func Authorize(a Actor, act Action, r Resource) error {
	if a.UserID == "" {
		return deny(r, errs.ErrNotFound)
	}
	if a.Role == RoleAdmin {
		return nil
	}
	if r.OrgID == "" || r.OrgID != a.OrgID {
		return deny(r, errs.ErrNotFound)
	}
	if a.Role == RoleOrgAdmin {
		return nil
	}
	canView, canCoach := false, false
	switch r.Kind {
	case KindOrganisation:
		canView = true
	case KindCohort:
		coaches := a.Role == RoleCoach && slices.Contains(a.CoachesIn, r.ID)
		canView = coaches || slices.Contains(a.MemberOf, r.ID)
		canCoach = coaches
	case KindUser:
		coaches := a.Role == RoleCoach && overlaps(a.CoachesIn, r.MemberOf)
		self := r.OwnerID == a.UserID
		// A learner may see the people who coach them.
		coachOfActor := overlaps(a.MemberOf, r.CoachesIn)
		canView = self || coaches || coachOfActor
		canCoach = coaches
	}
	switch {
	case !canView:
		return deny(r, errs.ErrNotFound)
	case act == View, act == Coach && canCoach:
		return nil
	default:
		return deny(r, errs.ErrForbidden)
	}
}

func deny(r Resource, err error) error {
	return fmt.Errorf("%s %s: %w", r.Kind, r.ID, err)
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// Actor loads the facts the policy needs about a signed-in user, in one query.
func (s *Store) Actor(ctx context.Context, u User) (Actor, error) {
	a := Actor{UserID: u.ID, OrgID: u.OrgID(), Role: u.Role}
	var err error
	a.MemberOf, a.CoachesIn, err = s.cohortIDs(ctx, u.ID)
	return a, err
}

// UserResource loads the facts the policy needs about a user.
func (s *Store) UserResource(ctx context.Context, u User) (Resource, error) {
	r := Resource{Kind: KindUser, ID: u.ID, OrgID: u.OrgID(), OwnerID: u.ID}
	var err error
	r.MemberOf, r.CoachesIn, err = s.cohortIDs(ctx, u.ID)
	return r, err
}

// SelfResource describes the signed-in user u to the policy as the owner of their own data,
// without a query: enough for what a person may do with their own attempts and records
// (their cohorts matter only to others).
func SelfResource(u User) Resource {
	return Resource{Kind: KindUser, ID: u.ID, OrgID: u.OrgID(), OwnerID: u.ID}
}

// ResourceOfUser loads the facts the policy needs about the user with the given id: data a
// learner owns (attempts, goals, results) is authorized as that learner.
func (s *Store) ResourceOfUser(ctx context.Context, userID string) (Resource, error) {
	u, err := s.User(ctx, userID)
	if err != nil {
		return Resource{}, err
	}
	return s.UserResource(ctx, u)
}

// CohortResource describes a cohort to the policy.
func CohortResource(c Cohort) Resource {
	return Resource{Kind: KindCohort, ID: c.ID, OrgID: c.OrganisationID}
}

// OrganisationResource describes an organisation to the policy.
func OrganisationResource(orgID string) Resource {
	return Resource{Kind: KindOrganisation, ID: orgID, OrgID: orgID}
}

// cohortIDs returns the cohorts a user belongs to and the ones they coach.
func (s *Store) cohortIDs(ctx context.Context, userID string) (member, coach []string, err error) {
	var rows []struct {
		CohortID string
		Kind     string
	}
	err = s.conn(ctx).Raw(`SELECT cohort_id, 'member' AS kind FROM cohort_members WHERE user_id = ?
		UNION ALL SELECT cohort_id, 'coach' AS kind FROM cohort_coaches WHERE user_id = ?`, userID, userID).
		Scan(&rows).Error
	for _, r := range rows {
		if r.Kind == "coach" {
			coach = append(coach, r.CohortID)
		} else {
			member = append(member, r.CohortID)
		}
	}
	return member, coach, err
}
