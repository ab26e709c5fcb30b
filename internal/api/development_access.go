package api

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// learnerAccess is what the caller may do with a learner's development records (profile
// and 360 feedback, observers, plan, action log, footprint, notes), by the same rules as
// the pages: the learner reads and writes their own records and asks observers for
// feedback; their coaches and organisation administrators read them, ask observers, comment
// and keep notes. Every check runs before the request body is read, so a caller who may
// not act learns nothing from what is wrong with the body.
type learnerAccess struct {
	Learner identity.User
	// Self: the caller is the learner.
	Self bool
	// CanCoach: the caller coaches the learner or administers their organisation.
	CanCoach bool
}

// learnerFor loads the learner with the given id if the caller may see their development
// records: themself, their coaches, their organisation's administrators. Anyone else, and
// any person who is not a learner, is errs.ErrNotFound.
func (h *Handler) learnerFor(c *fiber.Ctx, learnerID string) (learnerAccess, error) {
	u, err := h.ids.User(ctx(c), learnerID)
	if err != nil {
		return learnerAccess{}, err
	}
	res, err := h.ids.UserResource(ctx(c), u)
	if err != nil {
		return learnerAccess{}, err
	}
	if err := authorize(c, identity.View, res); err != nil {
		return learnerAccess{}, err
	}
	a := learnerAccess{Learner: u, Self: web.CurrentUser(c).ID == u.ID}
	a.CanCoach = !a.Self && authorize(c, identity.Coach, res) == nil
	if u.Role != identity.RoleLearner || (!a.Self && !a.CanCoach) {
		return learnerAccess{}, fmt.Errorf("development records of %s: %w", u.ID, errs.ErrNotFound)
	}
	return a, nil
}

// requireSelf refuses, with errs.ErrForbidden, anyone but the learner: only they write
// their plan, action log and footprint checks.
func (a learnerAccess) requireSelf() error {
	if !a.Self {
		return fmt.Errorf("only the learner writes their records: %w", errs.ErrForbidden)
	}
	return nil
}

// requireCoach refuses, with errs.ErrForbidden, a caller who may see the learner's records
// but does not coach them (the learner themself).
func (a learnerAccess) requireCoach() error {
	if !a.CanCoach {
		return fmt.Errorf("only the learner's coaches may do this: %w", errs.ErrForbidden)
	}
	return nil
}

// ownLearner is learnerFor for writing: the caller must be the learner.
func (h *Handler) ownLearner(c *fiber.Ctx, learnerID string) (identity.User, error) {
	a, err := h.learnerFor(c, learnerID)
	if err == nil {
		err = a.requireSelf()
	}
	return a.Learner, err
}

// coachedLearner is learnerFor for coaching: the caller must coach the learner (or
// administer their organisation).
func (h *Handler) coachedLearner(c *fiber.Ctx, learnerID string) (identity.User, error) {
	a, err := h.learnerFor(c, learnerID)
	if err == nil {
		err = a.requireCoach()
	}
	return a.Learner, err
}

// nonNil returns s, or an empty list for nil: lists are never null in the API's answers.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
