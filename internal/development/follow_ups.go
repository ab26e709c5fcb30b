package development

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/identity"
)

// FollowUp is a reminder to follow up with someone met at an event, shown on the
// learner's home page until done.
type FollowUp struct {
	ID         string     `json:"id"`
	LearnerID  string     `json:"learner_id"`
	EventID    *string    `json:"event_id"`
	EventTitle string     `json:"event_title"`
	Contact    string     `json:"contact"`
	Note       string     `json:"note"`
	DueOn      time.Time  `json:"due_on"`
	DoneAt     *time.Time `json:"done_at"`
	// EntryID is the followed_up action-log entry made when it was done.
	EntryID   *string   `json:"entry_id"`
	CreatedAt time.Time `json:"created_at"`
}

// Done reports whether the follow-up is done.
func (f FollowUp) Done() bool { return f.DoneAt != nil }

// Overdue reports whether the follow-up is not done and its due day is before today.
func (f FollowUp) Overdue(today time.Time) bool { return !f.Done() && f.DueOn.Before(Day(today)) }

type followUpRow struct {
	ID        string
	LearnerID string
	EventID   *string
	Contact   string
	Note      string
	DueOn     time.Time
	DoneAt    *time.Time
	EntryID   *string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (followUpRow) TableName() string { return "follow_ups" }

func (r followUpRow) followUp(eventTitle string) FollowUp {
	return FollowUp{ID: r.ID, LearnerID: r.LearnerID, EventID: r.EventID, EventTitle: eventTitle, Contact: r.Contact,
		Note: r.Note, DueOn: r.DueOn.UTC(), DoneAt: utcPtr(r.DoneAt), EntryID: r.EntryID, CreatedAt: r.CreatedAt.UTC()}
}

// ErrFollowUpDone: the follow-up was already done (an errs.ErrConflict).
const ErrFollowUpDone = conflictError("the follow-up is already done")

// FollowUps lists the learner's follow-up reminders, the open ones first by due day (what
// the home page shows), then the done ones, newest first; openOnly leaves the done ones
// out. One query.
func (s *Store) FollowUps(ctx context.Context, learnerID string, openOnly bool) ([]FollowUp, error) {
	var rows []struct {
		Row        followUpRow `gorm:"embedded"`
		EventTitle *string
	}
	q := s.conn(ctx).Table("follow_ups f").Select("f.*, e.title AS event_title").
		Joins("LEFT JOIN networking_events e ON e.id = f.event_id").Where("f.learner_id = ?", learnerID)
	if openOnly {
		q = q.Where("f.done_at IS NULL")
	}
	err := q.Order("CASE WHEN f.done_at IS NULL THEN 0 ELSE 1 END, f.due_on, f.done_at DESC, f.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	out := make([]FollowUp, len(rows))
	for i, r := range rows {
		title := ""
		if r.EventTitle != nil {
			title = *r.EventTitle
		}
		out[i] = r.Row.followUp(title)
	}
	return out, nil
}

// CompleteFollowUpInput is an optional note on how the follow-up went.
type CompleteFollowUpInput struct {
	Note string `form:"note" json:"note" validate:"max=1000"`
}

// CompleteFollowUp marks the learner's follow-up done and logs a followed_up entry in
// their action log (today, the contact as who), in one transaction, exactly once
// (ErrFollowUpDone after). Only the learner completes their follow-ups
// (errs.ErrForbidden); an unknown id is errs.ErrNotFound.
func (s *Store) CompleteFollowUp(ctx context.Context, actorID, followUpID string, in CompleteFollowUpInput) (FollowUp, error) {
	in.Note = strings.TrimSpace(in.Note)
	if err := s.validate.Struct(in); err != nil {
		return FollowUp{}, err
	}
	var out FollowUp
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		f, err := byID[followUpRow](tx, "follow-up", followUpID)
		if err != nil {
			return err
		}
		if f.LearnerID != actorID {
			return forbidden("only the learner completes their follow-ups")
		}
		now := s.now()
		note := in.Note
		if note == "" {
			note = f.Note
		}
		entry := actionRow{ID: identity.NewID(), LearnerID: f.LearnerID, OnDate: Day(now), Kind: string(ActionFollowedUp),
			Dimensions: DefaultDimensions(ActionFollowedUp), Who: f.Contact, Note: note, EventID: f.EventID, CreatedAt: now}
		if err := tx.Create(&entry).Error; err != nil {
			return err
		}
		if err := s.recordAction(tx, entry); err != nil {
			return err
		}
		res := tx.Model(&followUpRow{}).Where("id = ? AND done_at IS NULL", f.ID).
			Updates(map[string]any{"done_at": now, "entry_id": entry.ID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrFollowUpDone // rolls the entry back
		}
		f.DoneAt, f.EntryID = &now, &entry.ID
		out = f.followUp("")
		return nil
	})
	return out, err
}
