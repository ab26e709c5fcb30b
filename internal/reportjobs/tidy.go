package reportjobs

import (
	"context"

	"gorm.io/gorm"
)

// Tidy deletes the ZIPs of jobs past their ExpiresAt, marking those jobs expired, and
// the rows of jobs asked for more than KeepRecords ago. It returns how many ZIPs it
// deleted. Every instance may run it at any time: the deletes are idempotent.
func (s *Store) Tidy(ctx context.Context) (int, error) {
	now := s.now()
	var ids []string
	err := s.conn(ctx).Model(&Job{}).Where("status = ? AND expires_at <= ?", Done, now).Pluck("id", &ids).Error
	if err != nil {
		return 0, err
	}
	for start := 0; start < len(ids); start += 100 {
		batch := ids[start:min(start+100, len(ids))]
		err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Where("job_id IN ?", batch).Delete(&chunk{}).Error; err != nil {
				return err
			}
			return tx.Model(&Job{}).Where("id IN ?", batch).Update("status", Expired).Error
		})
		if err != nil {
			return start, err
		}
	}
	err = s.conn(ctx).Where("created_at < ?", now.Add(-s.cfg.KeepRecords)).Delete(&Job{}).Error
	return len(ids), err
}
