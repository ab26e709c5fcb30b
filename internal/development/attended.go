package development

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// MaxFollowUps is the most follow-ups one attended event can name.
const MaxFollowUps = 20

// AttendedInput is what a person logs after an event: whom they will follow up with (and
// by when) and a short note.
type AttendedInput struct {
	FollowUps []FollowUpInput `json:"follow_ups" validate:"max=20,dive"`
	Note      string          `form:"note" json:"note" validate:"max=1000"`
}

// FollowUpInput is one person to follow up with. DueOn is a day, 2026-03-02; "" means the
// event's day plus Config.FollowUpAfter.
type FollowUpInput struct {
	Contact string `form:"contact" json:"contact" validate:"required,max=200"`
	Note    string `form:"note" json:"note" validate:"max=500"`
	DueOn   string `form:"due_on" json:"due_on" validate:"omitempty,datetime=2006-01-02"`
}

// Attended is what logging an event as attended created.
type Attended struct {
	Attendance Attendance  `json:"attendance"`
	Entry      ActionEntry `json:"entry"`
	FollowUps  []FollowUp  `json:"follow_ups"`
}

// MarkAttended logs that the person attended an event they may see, once it has started
// (ErrEventNotStarted before), exactly once (ErrAlreadyAttended after, also under
// concurrent requests). In one transaction it creates an attended_event entry in their
// action log (on the event's day, with the event's dimensions besides event-presence, the
// event's title as what, the note) and one follow-up reminder per contact; completing a
// reminder later logs a followed_up entry (see CompleteFollowUp). Validation: the tags of
// AttendedInput; follow_ups.N.due_on "before_event".
func (s *Store) MarkAttended(ctx context.Context, userID, eventID string, in AttendedInput) (Attended, error) {
	in.Note = strings.TrimSpace(in.Note)
	for i := range in.FollowUps {
		f := &in.FollowUps[i]
		f.Contact, f.Note, f.DueOn = strings.TrimSpace(f.Contact), strings.TrimSpace(f.Note), strings.TrimSpace(f.DueOn)
	}
	if err := s.validate.Struct(in); err != nil {
		return Attended{}, err
	}
	e, err := s.VisibleEvent(ctx, userID, eventID)
	if err != nil {
		return Attended{}, err
	}
	now := s.now()
	if now.Before(e.StartsAt) {
		return Attended{}, ErrEventNotStarted
	}
	day := Day(e.StartsAt)
	dues, err := s.followUpDues(in.FollowUps, day)
	if err != nil {
		return Attended{}, err
	}
	var out Attended
	err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.ensureAttendee(tx, e.ID, userID); err != nil {
			return err
		}
		res := tx.Model(&attendeeRow{}).Where("event_id = ? AND user_id = ? AND attended_at IS NULL", e.ID, userID).
			Updates(map[string]any{"attended_at": now, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrAlreadyAttended
		}
		dims := normaliseDimensions(append(DefaultDimensions(ActionAttendedEvent), e.Dimensions...), ActionAttendedEvent)
		entry := actionRow{ID: identity.NewID(), LearnerID: userID, OnDate: day, Kind: string(ActionAttendedEvent),
			Dimensions: dims, Who: e.Title, Note: in.Note, EventID: &e.ID, CreatedAt: now}
		if err := tx.Create(&entry).Error; err != nil {
			return err
		}
		if err := s.recordAction(tx, entry); err != nil {
			return err
		}
		out.Entry = entry.entry()
		for i, f := range in.FollowUps {
			row := followUpRow{ID: identity.NewID(), LearnerID: userID, EventID: &e.ID, Contact: f.Contact,
				Note: f.Note, DueOn: dues[i], CreatedAt: now}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			out.FollowUps = append(out.FollowUps, row.followUp(e.Title))
		}
		var att attendeeRow
		err := tx.Where("event_id = ? AND user_id = ?", e.ID, userID).Take(&att).Error
		out.Attendance = att.attendance()
		return err
	})
	return out, err
}

// followUpDues returns the due day of each follow-up: as given (not before the event's
// day) or the default.
func (s *Store) followUpDues(in []FollowUpInput, eventDay time.Time) ([]time.Time, error) {
	out := make([]time.Time, len(in))
	for i, f := range in {
		if f.DueOn == "" {
			out[i] = Day(eventDay.Add(s.cfg.FollowUpAfter))
			continue
		}
		due, _ := ParseDate("due_on", f.DueOn)
		if due.Before(eventDay) {
			return nil, &errs.ValidationError{Fields: []errs.FieldError{{
				Field: "follow_ups[" + strconv.Itoa(i) + "].due_on", Code: "before_event"}}}
		}
		out[i] = due
	}
	return out, nil
}
