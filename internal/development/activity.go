package development

import (
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/identity"
)

// The events the development store records (Config.Activity), inside the transaction
// that writes the goal or the log entry. Event ids name the row, so a retried transaction
// records the same event again, never a second one.

// recordGoal records a new goal as set (was == "") and a goal that has become done as
// achieved. A goal reopened and done again is the same achievement: its event id is the
// goal's. locale is the learner's language, which the goal's title is written in; "" reads
// it (only when there is something to record).
func (s *Store) recordGoal(tx *gorm.DB, g goalRow, locale string, was string) error {
	setNow := was == ""
	achieved := g.Status == string(GoalDone) && was != string(GoalDone)
	if !setNow && !achieved {
		return nil
	}
	if locale == "" {
		var u identity.User
		if err := tx.Select("locale").Where("id = ?", g.LearnerID).Take(&u).Error; err != nil {
			return err
		}
		locale = u.Locale
	}
	if locale == "" {
		locale = identity.Locales[0]
	}
	goal := activity.Object{Type: "goal", ID: g.ID, Name: map[string]string{locale: g.Title}}
	event := func(k activity.Kind) activity.Event {
		return activity.Event{ID: string(k) + ":" + g.ID, Kind: k, UserID: g.LearnerID, At: g.UpdatedAt, Object: goal}
	}
	if setNow {
		if err := s.cfg.Activity.Record(tx, event(activity.GoalSet)); err != nil {
			return err
		}
	}
	if achieved {
		return s.cfg.Activity.Record(tx, event(activity.GoalAchieved))
	}
	return nil
}

// recordAction records a new entry of the action log. The entry is the object and its
// type ("helped", "introduced", …) the parent; neither carries the learner's free text
// (who, note), which may name other people. Names come from the type.
func (s *Store) recordAction(tx *gorm.DB, e actionRow) error {
	return s.cfg.Activity.Record(tx, activity.Event{
		ID: string(activity.ActionLogged) + ":" + e.ID, Kind: activity.ActionLogged, UserID: e.LearnerID, At: e.CreatedAt,
		Object: activity.Object{Type: "action", ID: e.ID},
		Parent: &activity.Object{Type: "action-type", ID: e.Kind},
	})
}
