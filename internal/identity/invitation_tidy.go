package identity

import (
	"context"
	"time"
)

// DeleteSpentInvitations deletes the invitation links that stopped working more than keep
// ago: used ones from when they were used, unused ones from when they expired. Nobody can
// use them any more; a person still waiting for their account is re-invited from their
// page. It returns how many it deleted. Every instance may run it at any time.
func (s *Store) DeleteSpentInvitations(ctx context.Context, keep time.Duration) (int64, error) {
	before := s.now().Add(-keep)
	res := s.conn(ctx).Where("(used_at IS NOT NULL AND used_at <= ?) OR (used_at IS NULL AND expires_at <= ?)", before, before).
		Delete(&Invitation{})
	return res.RowsAffected, res.Error
}
