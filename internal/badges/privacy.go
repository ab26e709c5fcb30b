package badges

import (
	"context"
	"encoding/json"

	"gorm.io/gorm"
)

// EraseUser revokes every badge of the learner and removes their personal data from them,
// in the caller's transaction tx (the erasure of the person): the credential (which holds
// the hash of their email) and the revocation reason are deleted and the badge no longer
// points at them. What stays is the badge's id, organisation, module, dates and its set
// bit in the revocation list, so that a copy of the credential held elsewhere verifies as
// revoked.
func (s *Store) EraseUser(tx *gorm.DB, userID string) error {
	now := s.now()
	if err := tx.Model(&badgeRow{}).Where("user_id = ? AND revoked_at IS NULL", userID).
		Update("revoked_at", now).Error; err != nil {
		return err
	}
	return tx.Model(&badgeRow{}).Where("user_id = ?", userID).Updates(map[string]any{
		"user_id": nil, "credential": "", "revocation_reason": "", "share_name": false, "erased_at": now}).Error
}

// ExportUser returns the learner's credentials as issued (revoked ones included), for the
// export of their data.
func (s *Store) ExportUser(ctx context.Context, userID string) ([]json.RawMessage, error) {
	var docs []string
	if err := s.conn(ctx).Model(&badgeRow{}).Where("user_id = ? AND credential <> ''", userID).
		Order("awarded_at, id").Pluck("credential", &docs).Error; err != nil {
		return nil, err
	}
	out := make([]json.RawMessage, 0, len(docs))
	for _, d := range docs {
		out = append(out, json.RawMessage(d))
	}
	return out, nil
}
