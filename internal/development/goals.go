package development

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// GoalStatus is where a goal stands.
type GoalStatus string

// The goal statuses.
const (
	GoalPlanned    GoalStatus = "planned"
	GoalInProgress GoalStatus = "in_progress"
	GoalDone       GoalStatus = "done"
	GoalDropped    GoalStatus = "dropped"
)

// Open reports whether the goal is still to be reached (planned or in progress).
func (st GoalStatus) Open() bool { return st == GoalPlanned || st == GoalInProgress }

// Goal is one goal of a learner's development plan, tied to a dimension: what, by when
// (DueOn, a calendar day at 00:00 UTC) and how the learner will know (SuccessMeasure).
type Goal struct {
	ID             string     `json:"id"`
	LearnerID      string     `json:"learner_id"`
	Dimension      string     `json:"dimension"`
	Title          string     `json:"title"`
	SuccessMeasure string     `json:"success_measure"`
	DueOn          time.Time  `json:"due_on"`
	Status         GoalStatus `json:"status"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	// Comments are the coaches' comments, oldest first.
	Comments []Comment `json:"comments"`
}

// Overdue reports whether the goal is open and its due day is before today.
func (g Goal) Overdue(today time.Time) bool { return g.Status.Open() && g.DueOn.Before(Day(today)) }

type goalRow struct {
	ID             string
	LearnerID      string
	Dimension      string
	Title          string
	SuccessMeasure string
	DueOn          time.Time
	Status         string
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt      time.Time `gorm:"autoUpdateTime:false"`
}

func (goalRow) TableName() string { return "development_goals" }

func (r goalRow) goal() Goal {
	return Goal{ID: r.ID, LearnerID: r.LearnerID, Dimension: r.Dimension, Title: r.Title,
		SuccessMeasure: r.SuccessMeasure, DueOn: r.DueOn.UTC(), Status: GoalStatus(r.Status),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// GoalInput is what the learner writes for a new goal. DueOn is a day, 2026-03-02.
type GoalInput struct {
	Dimension      string     `form:"dimension" json:"dimension" validate:"required,max=64"`
	Title          string     `form:"title" json:"title" validate:"required,min=3,max=200"`
	SuccessMeasure string     `form:"success_measure" json:"success_measure" validate:"required,min=3,max=1000"`
	DueOn          string     `form:"due_on" json:"due_on" validate:"required,datetime=2006-01-02"`
	Status         GoalStatus `form:"status" json:"status" validate:"omitempty,oneof=planned in_progress done dropped"`
}

func (in *GoalInput) trim() {
	in.Dimension = strings.TrimSpace(in.Dimension)
	in.Title = strings.TrimSpace(in.Title)
	in.SuccessMeasure = strings.TrimSpace(in.SuccessMeasure)
	in.DueOn = strings.TrimSpace(in.DueOn)
}

// CreateGoal adds a goal to the learner's plan and records its creation in the history.
// Only the learner writes their goals: another actor is errs.ErrForbidden. Validation
// errors: the struct tags of GoalInput, due_on "past" (before today), dimension
// "unknown_dimension". Status defaults to planned. The goal is recorded as activity (set,
// and achieved when created done).
func (s *Store) CreateGoal(ctx context.Context, actorID, learnerID string, in GoalInput) (Goal, error) {
	if actorID != learnerID {
		return Goal{}, forbidden("only the learner writes their goals")
	}
	in.trim()
	if err := s.validate.Struct(in); err != nil {
		return Goal{}, err
	}
	due, _ := ParseDate("due_on", in.DueOn)
	if due.Before(s.today()) {
		return Goal{}, errs.Invalid("due_on", "past", "")
	}
	learner, err := s.learner(ctx, learnerID)
	if err != nil {
		return Goal{}, err
	}
	if err := s.checkDimensions(ctx, learner.OrgID(), "dimension", []string{in.Dimension}); err != nil {
		return Goal{}, err
	}
	if in.Status == "" {
		in.Status = GoalPlanned
	}
	now := s.now()
	row := goalRow{ID: identity.NewID(), LearnerID: learnerID, Dimension: in.Dimension, Title: in.Title,
		SuccessMeasure: in.SuccessMeasure, DueOn: due, Status: string(in.Status), CreatedAt: now, UpdatedAt: now}
	err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		err := tx.Create(&goalChangeRow{ID: identity.NewID(), GoalID: row.ID, ActorID: &actorID,
			Field: ChangeCreated, NewValue: string(in.Status), At: now}).Error
		if err != nil {
			return err
		}
		return s.recordGoal(tx, row, learner.Locale, "")
	})
	if err != nil {
		return Goal{}, fmt.Errorf("create goal: %w", err)
	}
	return row.goal(), nil
}

// Goals lists the learner's goals with their comments: open ones first, then by due day.
// It runs two queries. The caller checks who may see the learner's plan.
func (s *Store) Goals(ctx context.Context, learnerID string) ([]Goal, error) {
	return s.GoalList(ctx, learnerID, ListFilter{})
}

// goalOrder is the order of a plan: open goals first, then by due day, then as created.
var goalOrder = keyset.Order{{Expr: "CASE WHEN status IN ('planned', 'in_progress') THEN 0 ELSE 1 END", Kind: keyset.Int},
	{Expr: "due_on", Kind: keyset.Time}, {Expr: "created_at", Kind: keyset.Time}, {Expr: "id"}}

// PageKey is the goal's place in its plan's order, for keyset.Page.After.
func (g Goal) PageKey() []string {
	closed := 1
	if g.Status.Open() {
		closed = 0
	}
	return keyset.Key(closed, g.DueOn, g.CreatedAt, g.ID)
}

// GoalList is Goals narrowed by f: the goals due on the days f covers, one page of them.
// A malformed f.Page.After is a validation error on "cursor".
func (s *Store) GoalList(ctx context.Context, learnerID string, f ListFilter) ([]Goal, error) {
	q, err := goalOrder.Apply(f.days(s.conn(ctx).Where("learner_id = ?", learnerID), "due_on"), f.Page)
	if err != nil {
		return nil, err
	}
	var rows []goalRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("goals: %w", err)
	}
	return s.withGoalComments(s.conn(ctx), rows)
}

// Goal returns one goal with its comments, for any viewer: check rights on its LearnerID.
func (s *Store) Goal(ctx context.Context, goalID string) (Goal, error) {
	row, err := byID[goalRow](s.conn(ctx), "goal", goalID)
	if err != nil {
		return Goal{}, err
	}
	goals, err := s.withGoalComments(s.conn(ctx), []goalRow{row})
	if err != nil {
		return Goal{}, err
	}
	return goals[0], nil
}

func (s *Store) withGoalComments(tx *gorm.DB, rows []goalRow) ([]Goal, error) {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	comments, err := commentsOf(tx, goalComments(), ids)
	if err != nil {
		return nil, fmt.Errorf("goal comments: %w", err)
	}
	out := make([]Goal, len(rows))
	for i, r := range rows {
		out[i] = r.goal()
		out[i].Comments = comments[r.ID]
	}
	return out, nil
}

// CommentOnGoal adds a coach's comment to a goal. The caller checks that the author coaches
// the learner (or administers their organisation); the store refuses authors who are
// learners, the goal's learner included (errs.ErrForbidden). Validation: body required, at
// most 2000 characters.
func (s *Store) CommentOnGoal(ctx context.Context, authorID, goalID string, in CommentInput) (Comment, error) {
	if _, err := s.requireCoachRole(ctx, authorID); err != nil {
		return Comment{}, err
	}
	var c Comment
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		g, err := byID[goalRow](tx, "goal", goalID)
		if err != nil {
			return err
		}
		if g.LearnerID == authorID {
			return forbidden("comments are for coaches")
		}
		c, err = s.addComment(tx, goalComments(), authorID, g.ID, in)
		return err
	})
	return c, err
}
