package assessment

import (
	"fmt"

	"gorm.io/gorm"
)

// EraseUser anonymises the person's attempts inside tx: they are kept, with their answers
// and scores, so that norms, psychometrics and their organisation's statistics do not
// change, but an imported attempt no longer carries the respondent's reference (an email
// address or an external id). The attempts stay linked to the person's anonymised account.
func (s *Store) EraseUser(tx *gorm.DB, userID string) error {
	err := tx.Model(&Attempt{}).Where("user_id = ? AND respondent_ref IS NOT NULL", userID).
		Update("respondent_ref", nil).Error
	if err != nil {
		return fmt.Errorf("erase attempts of %s: %w", userID, err)
	}
	return nil
}
