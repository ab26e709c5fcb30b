package development

import (
	"context"
	"slices"

	"github.com/academy-platform/academy/internal/identity"
)

// requireCoachRole checks that the author is a coach, an organisation administrator or a
// platform administrator, and returns them: learners do not comment, write notes or
// publish events (errs.ErrForbidden). Whether they coach this learner is the caller's check.
func (s *Store) requireCoachRole(ctx context.Context, authorID string) (identity.User, error) {
	u, err := s.people.User(ctx, authorID)
	if err != nil {
		return u, err
	}
	if !slices.Contains([]identity.Role{identity.RoleCoach, identity.RoleOrgAdmin, identity.RoleAdmin}, u.Role) {
		return u, forbidden("only coaches and administrators may do this")
	}
	return u, nil
}
