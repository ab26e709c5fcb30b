package development

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// ActionType is what a learner did, in the networking action log.
type ActionType string

// The action types.
const (
	ActionHelped        ActionType = "helped"         // helped someone towards their goal
	ActionIntroduced    ActionType = "introduced"     // introduced two people
	ActionAttendedEvent ActionType = "attended_event" // went to a professional event
	ActionFollowedUp    ActionType = "followed_up"    // followed up a contact
	ActionSharedContent ActionType = "shared_content" // shared useful content or commented online
	ActionAskedForHelp  ActionType = "asked_for_help" // said clearly what they need
)

// ActionTypes lists the action types in display order.
func ActionTypes() []ActionType {
	return []ActionType{ActionHelped, ActionIntroduced, ActionAttendedEvent, ActionFollowedUp,
		ActionSharedContent, ActionAskedForHelp}
}

// DefaultDimensions returns the dimensions an action of type t shows unless the learner
// says otherwise.
func DefaultDimensions(t ActionType) []string {
	switch t {
	case ActionHelped:
		return []string{"giving-first", "other-focus"}
	case ActionIntroduced:
		return []string{"giving-first", "relationship-depth"}
	case ActionAttendedEvent:
		return []string{"event-presence"}
	case ActionFollowedUp:
		return []string{"relationship-depth"}
	case ActionSharedContent:
		return []string{"digital-presence"}
	case ActionAskedForHelp:
		return []string{"expressing-needs"}
	}
	return nil
}

// ActionEntry is one entry of the action log: evidence of practice that coaches and
// reports see. On is the day it happened (00:00 UTC).
type ActionEntry struct {
	ID         string     `json:"id"`
	LearnerID  string     `json:"learner_id"`
	On         time.Time  `json:"on"`
	Type       ActionType `json:"type"`
	Dimensions []string   `json:"dimensions"`
	Who        string     `json:"who"`
	Note       string     `json:"note"`
	// EventID is the event an attended_event or followed_up entry came from, if any.
	EventID   *string   `json:"event_id"`
	CreatedAt time.Time `json:"created_at"`
	Comments  []Comment `json:"comments"`
}

type actionRow struct {
	ID         string
	LearnerID  string
	OnDate     time.Time
	Kind       string
	Dimensions stringList
	Who        string
	Note       string
	EventID    *string
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
}

func (actionRow) TableName() string { return "action_entries" }

func (r actionRow) entry() ActionEntry {
	return ActionEntry{ID: r.ID, LearnerID: r.LearnerID, On: r.OnDate.UTC(), Type: ActionType(r.Kind),
		Dimensions: r.Dimensions, Who: r.Who, Note: r.Note, EventID: r.EventID, CreatedAt: r.CreatedAt.UTC()}
}

// ActionInput is what the learner logs. On is a day, 2026-03-02; Dimensions empty means
// DefaultDimensions(Type).
type ActionInput struct {
	On         string     `form:"on" json:"on" validate:"required,datetime=2006-01-02"`
	Type       ActionType `form:"type" json:"type" validate:"required,oneof=helped introduced attended_event followed_up shared_content asked_for_help"`
	Dimensions []string   `form:"dimensions" json:"dimensions" validate:"max=8,dive,max=64"`
	Who        string     `form:"who" json:"who" validate:"max=200"`
	Note       string     `form:"note" json:"note" validate:"max=1000"`
}

// LogAction adds an entry to the learner's action log. Only the learner logs their
// actions (errs.ErrForbidden otherwise). Validation errors: the struct tags of
// ActionInput, on "future" (after tomorrow, which leaves room for time zones east of UTC),
// dimensions "unknown_dimension".
func (s *Store) LogAction(ctx context.Context, actorID, learnerID string, in ActionInput) (ActionEntry, error) {
	if actorID != learnerID {
		return ActionEntry{}, forbidden("only the learner logs their actions")
	}
	in.On, in.Who, in.Note = strings.TrimSpace(in.On), strings.TrimSpace(in.Who), strings.TrimSpace(in.Note)
	if err := s.validate.Struct(in); err != nil {
		return ActionEntry{}, err
	}
	on, _ := ParseDate("on", in.On)
	if on.After(s.today().AddDate(0, 0, 1)) {
		return ActionEntry{}, errs.Invalid("on", "future", "")
	}
	dims := normaliseDimensions(in.Dimensions, in.Type)
	learner, err := s.learner(ctx, learnerID)
	if err != nil {
		return ActionEntry{}, err
	}
	if err := s.checkDimensions(ctx, learner.OrgID(), "dimensions", dims); err != nil {
		return ActionEntry{}, err
	}
	row := actionRow{ID: identity.NewID(), LearnerID: learnerID, OnDate: on, Kind: string(in.Type),
		Dimensions: dims, Who: in.Who, Note: in.Note, CreatedAt: s.now()}
	err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.recordAction(tx, row)
	})
	if err != nil {
		return ActionEntry{}, fmt.Errorf("log action: %w", err)
	}
	return row.entry(), nil
}

// normaliseDimensions trims, drops empty and repeated slugs, and falls back to the type's
// defaults.
func normaliseDimensions(in []string, t ActionType) []string {
	var out []string
	for _, d := range in {
		if d = strings.TrimSpace(d); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return DefaultDimensions(t)
	}
	return out
}

// ActionLog lists the learner's entries from one day to another (both included; a zero
// time leaves that end open), newest first, with coaches' comments, in two queries. The
// caller checks who may see the learner's log.
func (s *Store) ActionLog(ctx context.Context, learnerID string, from, to time.Time) ([]ActionEntry, error) {
	return s.ActionList(ctx, learnerID, dayRange(from, to))
}

// actionOrder is the order of the action log: newest day first, then newest entry.
var actionOrder = keyset.Order{{Expr: "on_date", Kind: keyset.Time, Desc: true},
	{Expr: "created_at", Kind: keyset.Time, Desc: true}, {Expr: "id", Desc: true}}

// PageKey is the entry's place in the action log's order, for keyset.Page.After.
func (e ActionEntry) PageKey() []string { return keyset.Key(e.On, e.CreatedAt, e.ID) }

// ActionList is ActionLog narrowed by f: the entries of the days f covers, one page of
// them. A malformed f.Page.After is a validation error on "cursor".
func (s *Store) ActionList(ctx context.Context, learnerID string, f ListFilter) ([]ActionEntry, error) {
	q, err := actionOrder.Apply(f.days(s.conn(ctx).Where("learner_id = ?", learnerID), "on_date"), f.Page)
	if err != nil {
		return nil, err
	}
	var rows []actionRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("action log: %w", err)
	}
	return s.withActionComments(s.conn(ctx), rows)
}

// ActionEntry returns one entry with its comments, for any viewer: check rights on its
// LearnerID.
func (s *Store) ActionEntry(ctx context.Context, entryID string) (ActionEntry, error) {
	row, err := byID[actionRow](s.conn(ctx), "action entry", entryID)
	if err != nil {
		return ActionEntry{}, err
	}
	entries, err := s.withActionComments(s.conn(ctx), []actionRow{row})
	if err != nil {
		return ActionEntry{}, err
	}
	return entries[0], nil
}

func (s *Store) withActionComments(tx *gorm.DB, rows []actionRow) ([]ActionEntry, error) {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	comments, err := commentsOf(tx, actionComments(), ids)
	if err != nil {
		return nil, fmt.Errorf("action comments: %w", err)
	}
	out := make([]ActionEntry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
		out[i].Comments = comments[r.ID]
	}
	return out, nil
}

// CommentOnAction adds a coach's comment to an action-log entry; rules as CommentOnGoal.
func (s *Store) CommentOnAction(ctx context.Context, authorID, entryID string, in CommentInput) (Comment, error) {
	if _, err := s.requireCoachRole(ctx, authorID); err != nil {
		return Comment{}, err
	}
	var c Comment
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		e, err := byID[actionRow](tx, "action entry", entryID)
		if err != nil {
			return err
		}
		if e.LearnerID == authorID {
			return forbidden("comments are for coaches")
		}
		c, err = s.addComment(tx, actionComments(), authorID, e.ID, in)
		return err
	})
	return c, err
}
