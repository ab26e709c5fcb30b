package development

import (
	"fmt"

	"gorm.io/gorm"
)

// EraseUser erases the person's development records inside tx. Everything they or others
// wrote in them is deleted: the words of their goals (title, success measure, history),
// the who and note of their action log, the contact and note of their follow-ups, their
// event preparation, every comment on their goals and actions and every coach note about
// them, their footprint self-checks, and their 360 invitations with the observers'
// addresses, answers and scores. What they wrote about others goes too: their comments
// and notes as a coach. What stays is anonymous and only counted: the status, dimension
// and due day of each goal, the type, dimensions and day of each action, follow-ups
// done or open, and events marked going or attended, so that their organisation's
// participation figures do not change. Rows made by them for others (events, other
// learners' 360 invitations, goal history) no longer name them.
func (s *Store) EraseUser(tx *gorm.DB, userID string) error {
	goals := tx.Model(&goalRow{}).Select("id").Where("learner_id = ?", userID)
	entries := tx.Model(&actionRow{}).Select("id").Where("learner_id = ?", userID)
	invitations := tx.Model(&invitationRow{}).Select("id").Where("learner_id = ?", userID)
	steps := []struct {
		what string
		run  func() error
	}{
		{"observer answers", func() error {
			return tx.Where("invitation_id IN (?)", invitations).Delete(&observerAnswerRow{}).Error
		}},
		{"observer scores", func() error {
			return tx.Where("invitation_id IN (?)", invitations).Delete(&observerScoreRow{}).Error
		}},
		{"observer invitations", func() error { return tx.Where("learner_id = ?", userID).Delete(&invitationRow{}).Error }},
		{"goal history", func() error { return tx.Where("goal_id IN (?)", goals).Delete(&goalChangeRow{}).Error }},
		{"goal comments", func() error { return deleteComments(tx, goalComments(), goals, userID) }},
		{"goals", func() error {
			return tx.Model(&goalRow{}).Where("learner_id = ?", userID).
				Updates(map[string]any{"title": "", "success_measure": ""}).Error
		}},
		{"action comments", func() error { return deleteComments(tx, actionComments(), entries, userID) }},
		{"actions", func() error {
			return tx.Model(&actionRow{}).Where("learner_id = ?", userID).Updates(map[string]any{"who": "", "note": ""}).Error
		}},
		{"follow-ups", func() error {
			return tx.Model(&followUpRow{}).Where("learner_id = ?", userID).Updates(map[string]any{"contact": "", "note": ""}).Error
		}},
		{"preparation", func() error {
			return tx.Model(&attendeeRow{}).Where("user_id = ?", userID).
				Updates(map[string]any{"pitch": "", "person_to_help": "", "need_to_express": ""}).Error
		}},
		{"footprint checks", func() error { return tx.Where("learner_id = ?", userID).Delete(&footprintRow{}).Error }},
		{"notes", func() error {
			return tx.Where("learner_id = ? OR author_id = ?", userID, userID).Delete(&noteRow{}).Error
		}},
		{"authorship", func() error { return detach(tx, userID) }},
	}
	for _, step := range steps {
		if err := step.run(); err != nil {
			return fmt.Errorf("erase %s of %s: %w", step.what, userID, err)
		}
	}
	return nil
}

// deleteComments deletes the comments on the given parents and those by the author.
func deleteComments(tx *gorm.DB, t commentTable, parents *gorm.DB, authorID string) error {
	return tx.Exec("DELETE FROM "+t.table+" WHERE "+t.parent+" IN (?) OR author_id = ?", parents, authorID).Error
}

// detach removes the person's id from rows they made for others.
func detach(tx *gorm.DB, userID string) error {
	refs := []struct {
		model  any
		column string
	}{
		{&invitationRow{}, "invited_by"},
		{&goalChangeRow{}, "actor_id"},
		{&eventRow{}, "created_by"},
	}
	for _, r := range refs {
		if err := tx.Model(r.model).Where(r.column+" = ?", userID).Update(r.column, nil).Error; err != nil {
			return err
		}
	}
	return nil
}
