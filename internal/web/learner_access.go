package web

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// LearnerAccess is what the signed-in person may do with a learner's development records
// (profile and 360 feedback, observers, plan, action log, footprint checks, notes), the
// same for the pages and the API: the learner reads and writes their own records; their
// coaches and their organisation's administrators read them, ask observers, comment and
// keep notes.
type LearnerAccess struct {
	Learner identity.User
	// Self: the viewer is the learner.
	Self bool
	// CanCoach: the viewer coaches the learner or administers their organisation.
	CanCoach bool
}

// AccessToLearner asks the policy what the signed-in person may do with u's development
// records. Anyone who may do nothing, and any person who is not a learner, is
// errs.ErrNotFound.
func AccessToLearner(c *fiber.Ctx, ids *identity.Store, u identity.User) (LearnerAccess, error) {
	res, err := ids.UserResource(c.UserContext(), u)
	if err != nil {
		return LearnerAccess{}, err
	}
	actor, err := CurrentActor(c)
	if err != nil {
		return LearnerAccess{}, err
	}
	if err := identity.Authorize(actor, identity.View, res); err != nil {
		return LearnerAccess{}, err
	}
	a := LearnerAccess{Learner: u, Self: actor.UserID == u.ID}
	a.CanCoach = !a.Self && identity.Authorize(actor, identity.Coach, res) == nil
	if u.Role != identity.RoleLearner || (!a.Self && !a.CanCoach) {
		return LearnerAccess{}, fmt.Errorf("development records of %s: %w", u.ID, errs.ErrNotFound)
	}
	return a, nil
}

// RequireSelf refuses, with errs.ErrForbidden, anyone but the learner: only they write
// their plan, action log and footprint checks.
func (a LearnerAccess) RequireSelf() error {
	if !a.Self {
		return fmt.Errorf("only the learner writes their records: %w", errs.ErrForbidden)
	}
	return nil
}

// RequireCoach refuses, with errs.ErrForbidden, a viewer who may see the learner's records
// but does not coach them (the learner themself).
func (a LearnerAccess) RequireCoach() error {
	if !a.CanCoach {
		return fmt.Errorf("only the learner's coaches may do this: %w", errs.ErrForbidden)
	}
	return nil
}
