package loadtest

import (
	"context"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// Password of every account the load test creates.
const Password = "load-test-password"

// Population is the organisation, cohort and people a load test runs with.
type Population struct {
	Organisation identity.Organisation
	Cohort       identity.Cohort
	Learners     []Account
	Coaches      []Account
}

// Populate creates a fresh organisation with one cohort, its coaches and its learners.
func Populate(ctx context.Context, ids *identity.Store, learners, coaches int) (Population, error) {
	var p Population
	slug := fmt.Sprintf("load-%d", time.Now().UnixNano())
	org, err := ids.CreateOrganisation(ctx, identity.OrganisationInput{Slug: slug, Name: "Load test " + slug})
	if err != nil {
		return p, err
	}
	p.Organisation = org
	if p.Cohort, err = ids.CreateCohort(ctx, org.ID, identity.CohortInput{Name: "Load test"}); err != nil {
		return p, err
	}
	hash := identity.HashPassword(Password)
	add := func(role identity.Role, i int) (Account, error) {
		email := fmt.Sprintf("%s%d@%s.example", role, i, slug)
		u, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: email, Name: fmt.Sprintf("%s %d", role, i),
			Role: role, PasswordHash: hash})
		if err != nil {
			return Account{}, err
		}
		if role == identity.RoleCoach {
			err = ids.AssignCoach(ctx, p.Cohort.ID, u.ID)
		} else {
			err = ids.AddMember(ctx, p.Cohort.ID, u.ID)
		}
		return Account{Email: email, Password: Password}, err
	}
	for i := range coaches {
		a, err := add(identity.RoleCoach, i+1)
		if err != nil {
			return p, err
		}
		p.Coaches = append(p.Coaches, a)
	}
	for i := range learners {
		a, err := add(identity.RoleLearner, i+1)
		if err != nil {
			return p, err
		}
		p.Learners = append(p.Learners, a)
	}
	return p, nil
}
