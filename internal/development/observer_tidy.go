package development

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// DeleteSpentObserverInvitations deletes the 360 invitations whose link stopped working
// more than keep ago without being answered: invited ones from when they expired,
// withdrawn ones from when they were withdrawn, with the observer's address and any
// answers saved on the way. Answered invitations stay: the learner's results rest on them.
// It returns how many it deleted. Every instance may run it at any time.
func (s *Store) DeleteSpentObserverInvitations(ctx context.Context, keep time.Duration) (int64, error) {
	before := s.now().Add(-keep)
	var n int64
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		spent := tx.Model(&invitationRow{}).Select("id").
			Where("(status = ? AND expires_at <= ?) OR (status = ? AND withdrawn_at <= ?)",
				ObserverInvited, before, ObserverWithdrawn, before)
		if err := tx.Where("invitation_id IN (?)", spent).Delete(&observerAnswerRow{}).Error; err != nil {
			return err
		}
		if err := tx.Where("invitation_id IN (?)", spent).Delete(&observerScoreRow{}).Error; err != nil {
			return err
		}
		res := tx.Where("(status = ? AND expires_at <= ?) OR (status = ? AND withdrawn_at <= ?)",
			ObserverInvited, before, ObserverWithdrawn, before).Delete(&invitationRow{})
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, fmt.Errorf("delete spent observer invitations: %w", err)
	}
	return n, nil
}
