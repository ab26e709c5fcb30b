package development

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
)

// tokenInvitation finds the invitation of a working link.
func (s *Store) tokenInvitation(tx *gorm.DB, token string) (invitationRow, error) {
	var row invitationRow
	if token == "" {
		return row, fmt.Errorf("observer link: %w", errs.ErrNotFound)
	}
	if err := tx.Where("token_hash = ?", hashToken(token)).Take(&row).Error; err != nil {
		return row, notFound(err, "observer link")
	}
	return row, s.linkWorks(row)
}

// linkWorks says why an invitation's link no longer works, or nil.
func (s *Store) linkWorks(row invitationRow) error {
	switch {
	case row.Status == string(ObserverAnswered):
		return ErrLinkUsed
	case row.Status == string(ObserverWithdrawn):
		return ErrLinkWithdrawn
	case !row.ExpiresAt.After(s.now()):
		return ErrLinkExpired
	}
	return nil
}

// claimOpen updates the invitation only while its link still works (status invited, not
// expired, same token), which also locks the row until tx ends: setting the status to
// "answered" submits it exactly once; setting it to "invited" is a no-op that keeps a
// concurrent submit from scoring while an answer is written.
func (s *Store) claimOpen(tx *gorm.DB, row invitationRow, status string, answeredAt *time.Time) error {
	updates := map[string]any{"status": status}
	if answeredAt != nil {
		updates["answered_at"] = *answeredAt
	}
	res := tx.Model(&invitationRow{}).
		Where("id = ? AND token_hash = ? AND status = ? AND expires_at > ?", row.ID, row.TokenHash, ObserverInvited, s.now()).
		Updates(updates)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 1 {
		return nil
	}
	var now invitationRow
	if err := tx.Where("id = ?", row.ID).Take(&now).Error; err != nil {
		return notFound(err, "observer link")
	}
	if now.TokenHash != row.TokenHash {
		return fmt.Errorf("observer link replaced: %w", errs.ErrNotFound)
	}
	if err := s.linkWorks(now); err != nil {
		return err
	}
	return ErrLinkUsed
}

type observerAnswerRow struct {
	InvitationID string
	ItemID       string
	Value        *int
	OptionIndex  *int `gorm:"column:option_index"`
	AnsweredAt   time.Time
}

func (observerAnswerRow) TableName() string { return "observer_answers" }

type observerScoreRow struct {
	InvitationID string
	Dimension    string
	NItems       int `gorm:"column:n_items"`
	NAnswered    int `gorm:"column:n_answered"`
	Mean         *float64
	Score        *float64
}

func (observerScoreRow) TableName() string { return "observer_dimension_scores" }

// observerAnswers loads one invitation's answers by item id.
func (s *Store) observerAnswers(tx *gorm.DB, invitationID string) (map[string]scoring.Answer, error) {
	var rows []observerAnswerRow
	if err := tx.Where("invitation_id = ?", invitationID).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]scoring.Answer, len(rows))
	for _, r := range rows {
		out[r.ItemID] = scoring.Answer{Value: r.Value, Option: r.OptionIndex}
	}
	return out, nil
}
