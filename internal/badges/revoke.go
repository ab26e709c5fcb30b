package badges

import (
	"context"
	"fmt"
	"strings"

	"github.com/academy-platform/academy/internal/errs"
)

// RevokeInput is an organisation administrator's revocation of a badge.
type RevokeInput struct {
	// Reason says why, for the organisation's records and the learner; it is never
	// published.
	Reason string `form:"reason" json:"reason" validate:"required,max=500"`
}

// ErrAlreadyRevoked: the badge was revoked before; revoking is done once.
var ErrAlreadyRevoked = fmt.Errorf("the badge is already revoked: %w", errs.ErrConflict)

// Revoke revokes a badge for the given reason: its bit in the organisation's revocation
// list is set from now on, and verification reports it revoked. Authorization is the
// caller's (the organisation's administrators may revoke).
func (s *Store) Revoke(ctx context.Context, badgeID, actorID string, in RevokeInput) error {
	in.Reason = strings.TrimSpace(in.Reason)
	if err := s.validate.Struct(in); err != nil {
		return err
	}
	if _, err := s.Badge(ctx, badgeID); err != nil {
		return err
	}
	res := s.conn(ctx).Model(&badgeRow{}).Where("id = ? AND revoked_at IS NULL", badgeID).
		Updates(map[string]any{"revoked_at": s.now(), "revoked_by": actorID, "revocation_reason": in.Reason})
	if res.Error != nil {
		return fmt.Errorf("revoke badge %s: %w", badgeID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("badge %s: %w", badgeID, ErrAlreadyRevoked)
	}
	return nil
}
