package development

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// ChangeCreated is the Field of the history entry that records a goal's creation (with
// the initial status as NewValue); other entries name the changed field.
const ChangeCreated = "created"

// GoalChange is one entry of a goal's history: who changed which field, when, from what
// to what. Days are written 2026-03-02.
type GoalChange struct {
	ID        string    `json:"id"`
	ActorID   *string   `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Field     string    `json:"field"`
	OldValue  string    `json:"old_value"`
	NewValue  string    `json:"new_value"`
	At        time.Time `json:"at"`
}

type goalChangeRow struct {
	ID       string
	GoalID   string
	ActorID  *string
	Field    string
	OldValue string
	NewValue string
	At       time.Time
}

func (goalChangeRow) TableName() string { return "development_goal_changes" }

// GoalPatch changes some fields of a goal; nil fields stay as they are.
type GoalPatch struct {
	Dimension      *string     `form:"dimension" json:"dimension" validate:"omitempty,max=64"`
	Title          *string     `form:"title" json:"title" validate:"omitempty,min=3,max=200"`
	SuccessMeasure *string     `form:"success_measure" json:"success_measure" validate:"omitempty,min=3,max=1000"`
	DueOn          *string     `form:"due_on" json:"due_on" validate:"omitempty,datetime=2006-01-02"`
	Status         *GoalStatus `form:"status" json:"status" validate:"omitempty,oneof=planned in_progress done dropped"`
}

func (p *GoalPatch) trim() {
	for _, f := range []*string{p.Dimension, p.Title, p.SuccessMeasure, p.DueOn} {
		if f != nil {
			*f = strings.TrimSpace(*f)
		}
	}
}

// UpdateGoal changes a goal and records one history entry per changed field, in one
// transaction. Only the learner edits their goals: anyone else gets errs.ErrForbidden.
// Validation as for CreateGoal; a changed due day may not be in the past (an unchanged one
// may, so an overdue goal can still be marked done). A patch that changes nothing writes
// nothing. A goal marked done is recorded as achieved (once per goal).
func (s *Store) UpdateGoal(ctx context.Context, actorID, goalID string, p GoalPatch) (Goal, error) {
	p.trim()
	if err := s.validate.Struct(p); err != nil {
		return Goal{}, err
	}
	var out goalRow
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := s.lockGoal(tx, goalID)
		if err != nil {
			return err
		}
		if row.LearnerID != actorID {
			return forbidden("only the learner edits their goals")
		}
		was := row.Status
		changes, err := s.applyPatch(ctx, &row, p)
		if err != nil || len(changes) == 0 {
			out = row
			return err
		}
		now := s.now()
		row.UpdatedAt = now
		for i := range changes {
			changes[i].ID, changes[i].GoalID, changes[i].ActorID, changes[i].At = identity.NewID(), row.ID, &actorID, now
		}
		if err := tx.Select("*").Save(&row).Error; err != nil {
			return err
		}
		out = row
		if err := tx.Create(&changes).Error; err != nil {
			return err
		}
		return s.recordGoal(tx, row, "", was)
	})
	if err != nil {
		return Goal{}, err
	}
	goals, err := s.withGoalComments(s.conn(ctx), []goalRow{out})
	if err != nil {
		return Goal{}, err
	}
	return goals[0], nil
}

// lockGoal loads a goal and locks its row until tx ends, so that concurrent updates record
// their history in order.
func (s *Store) lockGoal(tx *gorm.DB, goalID string) (goalRow, error) {
	if !identity.ValidID(goalID) {
		return goalRow{}, fmt.Errorf("goal %q: %w", goalID, errs.ErrNotFound)
	}
	if err := tx.Exec("UPDATE development_goals SET id = id WHERE id = ?", goalID).Error; err != nil {
		return goalRow{}, err
	}
	return byID[goalRow](tx, "goal", goalID)
}

// applyPatch changes row and returns the history entries for what changed.
func (s *Store) applyPatch(ctx context.Context, row *goalRow, p GoalPatch) ([]goalChangeRow, error) {
	var changes []goalChangeRow
	set := func(field string, cur *string, next *string) {
		if next != nil && *next != *cur {
			changes = append(changes, goalChangeRow{Field: field, OldValue: *cur, NewValue: *next})
			*cur = *next
		}
	}
	if p.Dimension != nil && *p.Dimension != row.Dimension {
		learner, err := s.learner(ctx, row.LearnerID)
		if err != nil {
			return nil, err
		}
		if err := s.checkDimensions(ctx, learner.OrgID(), "dimension", []string{*p.Dimension}); err != nil {
			return nil, err
		}
	}
	set("dimension", &row.Dimension, p.Dimension)
	set("title", &row.Title, p.Title)
	set("success_measure", &row.SuccessMeasure, p.SuccessMeasure)
	if p.DueOn != nil {
		due, _ := ParseDate("due_on", *p.DueOn)
		if !due.Equal(row.DueOn) {
			if due.Before(s.today()) {
				return nil, errs.Invalid("due_on", "past", "")
			}
			changes = append(changes, goalChangeRow{Field: "due_on", OldValue: row.DueOn.UTC().Format(DateLayout),
				NewValue: due.Format(DateLayout)})
			row.DueOn = due
		}
	}
	if p.Status != nil {
		st := string(*p.Status)
		set("status", &row.Status, &st)
	}
	return changes, nil
}

// GoalHistory lists every change of a goal, oldest first, with the actors' names. The
// caller checks who may see the learner's plan (see Goal).
func (s *Store) GoalHistory(ctx context.Context, goalID string) ([]GoalChange, error) {
	if _, err := byID[goalRow](s.conn(ctx), "goal", goalID); err != nil {
		return nil, err
	}
	histories, err := s.goalHistories(ctx, []string{goalID})
	if err != nil {
		return nil, err
	}
	return orEmpty(histories[goalID]), nil
}

// goalHistories reads the changes of the goals, oldest first, with the actors' names, in
// one query: goal id → changes.
func (s *Store) goalHistories(ctx context.Context, goalIDs []string) (map[string][]GoalChange, error) {
	out := map[string][]GoalChange{}
	if len(goalIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		Row       goalChangeRow `gorm:"embedded"`
		ActorName *string
	}
	err := s.conn(ctx).Table("development_goal_changes c").
		Select("c.id, c.goal_id, c.actor_id, c.field, c.old_value, c.new_value, c.at, u.name AS actor_name").
		Joins("LEFT JOIN users u ON u.id = c.actor_id").
		Where("c.goal_id IN ?", goalIDs).Order("c.at, c.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("goal history: %w", err)
	}
	for _, r := range rows {
		ch := GoalChange{ID: r.Row.ID, ActorID: r.Row.ActorID, Field: r.Row.Field, OldValue: r.Row.OldValue,
			NewValue: r.Row.NewValue, At: r.Row.At.UTC()}
		if r.ActorName != nil {
			ch.ActorName = *r.ActorName
		}
		out[r.Row.GoalID] = append(out[r.Row.GoalID], ch)
	}
	return out, nil
}
