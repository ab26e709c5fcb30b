package development

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/errs"
)

// Attendance is one person's plan for and presence at an event, with their preparation
// checklist: the problem-solving pitch they will use, one person they want to help and one
// need they will express.
type Attendance struct {
	EventID       string     `json:"event_id"`
	UserID        string     `json:"user_id"`
	GoingAt       *time.Time `json:"going_at"`    // nil: not (or no longer) going
	AttendedAt    *time.Time `json:"attended_at"` // nil: not logged as attended
	Pitch         string     `json:"pitch"`
	PersonToHelp  string     `json:"person_to_help"`
	NeedToExpress string     `json:"need_to_express"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

type attendeeRow struct {
	EventID       string
	UserID        string
	GoingAt       *time.Time
	AttendedAt    *time.Time
	Pitch         string
	PersonToHelp  string
	NeedToExpress string
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
}

func (attendeeRow) TableName() string { return "event_attendees" }

func (r attendeeRow) attendance() Attendance {
	return Attendance{EventID: r.EventID, UserID: r.UserID, GoingAt: utcPtr(r.GoingAt), AttendedAt: utcPtr(r.AttendedAt),
		Pitch: r.Pitch, PersonToHelp: r.PersonToHelp, NeedToExpress: r.NeedToExpress, UpdatedAt: r.UpdatedAt.UTC()}
}

// Errors about the timing of attendance; each is an errs.ErrConflict.
const (
	ErrEventOver       = conflictError("the event is over")
	ErrEventNotStarted = conflictError("the event has not started yet")
	ErrAlreadyAttended = conflictError("the event is already logged as attended")
)

// conflictError is a sentinel error that is an errs.ErrConflict.
type conflictError string

func (e conflictError) Error() string { return string(e) }
func (e conflictError) Unwrap() error { return errs.ErrConflict }

// MarkGoing records that the person is going to an event they may see (errs.ErrNotFound
// otherwise, see VisibleEvent); ErrEventOver once it has ended. Marking again changes
// nothing.
func (s *Store) MarkGoing(ctx context.Context, userID, eventID string) (Attendance, error) {
	e, err := s.VisibleEvent(ctx, userID, eventID)
	if err != nil {
		return Attendance{}, err
	}
	now := s.now()
	if e.Over(now) {
		return Attendance{}, ErrEventOver
	}
	return s.upsertAttendance(ctx, e.ID, userID, func(tx *gorm.DB) error {
		return tx.Model(&attendeeRow{}).Where("event_id = ? AND user_id = ? AND going_at IS NULL", e.ID, userID).
			Updates(map[string]any{"going_at": now, "updated_at": now}).Error
	})
}

// CancelGoing records that the person is no longer going; their preparation is kept.
// ErrAlreadyAttended once they logged the event as attended.
func (s *Store) CancelGoing(ctx context.Context, userID, eventID string) (Attendance, error) {
	e, err := s.VisibleEvent(ctx, userID, eventID)
	if err != nil {
		return Attendance{}, err
	}
	return s.upsertAttendance(ctx, e.ID, userID, func(tx *gorm.DB) error {
		res := tx.Model(&attendeeRow{}).Where("event_id = ? AND user_id = ? AND attended_at IS NULL", e.ID, userID).
			Updates(map[string]any{"going_at": nil, "updated_at": s.now()})
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrAlreadyAttended
		}
		return res.Error
	})
}

// PreparationInput is the attendee's preparation checklist.
type PreparationInput struct {
	Pitch         string `form:"pitch" json:"pitch" validate:"max=500"`
	PersonToHelp  string `form:"person_to_help" json:"person_to_help" validate:"max=200"`
	NeedToExpress string `form:"need_to_express" json:"need_to_express" validate:"max=500"`
}

// SavePreparation stores the person's preparation checklist for an event they may see,
// and marks them as going if they were not. ErrEventOver once the event has ended.
func (s *Store) SavePreparation(ctx context.Context, userID, eventID string, in PreparationInput) (Attendance, error) {
	in.Pitch, in.PersonToHelp, in.NeedToExpress = strings.TrimSpace(in.Pitch), strings.TrimSpace(in.PersonToHelp), strings.TrimSpace(in.NeedToExpress)
	if err := s.validate.Struct(in); err != nil {
		return Attendance{}, err
	}
	e, err := s.VisibleEvent(ctx, userID, eventID)
	if err != nil {
		return Attendance{}, err
	}
	now := s.now()
	if e.Over(now) {
		return Attendance{}, ErrEventOver
	}
	return s.upsertAttendance(ctx, e.ID, userID, func(tx *gorm.DB) error {
		return tx.Model(&attendeeRow{}).Where("event_id = ? AND user_id = ?", e.ID, userID).
			Updates(map[string]any{"pitch": in.Pitch, "person_to_help": in.PersonToHelp, "need_to_express": in.NeedToExpress,
				"going_at": gorm.Expr("COALESCE(going_at, ?)", now), "updated_at": now}).Error
	})
}

// upsertAttendance makes sure the attendee row exists, applies change to it and returns it,
// in one transaction.
func (s *Store) upsertAttendance(ctx context.Context, eventID, userID string, change func(tx *gorm.DB) error) (Attendance, error) {
	var out attendeeRow
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.ensureAttendee(tx, eventID, userID); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		return tx.Where("event_id = ? AND user_id = ?", eventID, userID).Take(&out).Error
	})
	if err != nil {
		return Attendance{}, fmt.Errorf("attendance: %w", err)
	}
	return out.attendance(), nil
}

// ensureAttendee inserts an empty attendee row unless there is one.
func (s *Store) ensureAttendee(tx *gorm.DB, eventID, userID string) error {
	now := s.now()
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&attendeeRow{EventID: eventID, UserID: userID,
		CreatedAt: now, UpdatedAt: now}).Error
}
