package reportjobs

import (
	"fmt"

	"gorm.io/gorm"
)

// EraseUser deletes, inside tx, the ZIPs ready for download in the person's organisation
// (marking their jobs Expired): any of them may hold the person's report, with their name
// in it and in its file name. Jobs the person asked for no longer name them. A job still
// running when the person is erased read its list of learners before, and its ZIP can
// still hold their report until it expires (Config.Retention).
func (s *Store) EraseUser(tx *gorm.DB, userID string) error {
	var orgID *string
	if err := tx.Table("users").Select("organisation_id").Where("id = ?", userID).Scan(&orgID).Error; err != nil {
		return fmt.Errorf("erase report ZIPs of %s: %w", userID, err)
	}
	if orgID != nil {
		ready := tx.Model(&Job{}).Select("id").Where("organisation_id = ? AND status = ?", *orgID, Done)
		if err := tx.Where("job_id IN (?)", ready).Delete(&chunk{}).Error; err != nil {
			return fmt.Errorf("erase report ZIPs of %s: %w", userID, err)
		}
		err := tx.Model(&Job{}).Where("organisation_id = ? AND status = ?", *orgID, Done).Update("status", Expired).Error
		if err != nil {
			return fmt.Errorf("erase report ZIPs of %s: %w", userID, err)
		}
	}
	if err := tx.Model(&Job{}).Where("requested_by = ?", userID).Update("requested_by", nil).Error; err != nil {
		return fmt.Errorf("erase report ZIPs of %s: %w", userID, err)
	}
	return nil
}
