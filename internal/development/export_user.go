package development

import (
	"context"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// DevelopmentRecord is a learner's development history, for the download of their own
// data: what they see of it on their pages. It holds the 360 invitations they (or their
// coach) sent, as entered, and the 360 results as the learner sees them (means over at
// least threesixty.MinObservers observers), never one observer's answers; the notes their
// coaches shared with them, never the private ones.
type DevelopmentRecord struct {
	ObserverInvitations []ObserverInvitation `json:"observer_invitations"`
	Feedback360         Feedback360Record    `json:"feedback_360"`
	Goals               []GoalRecord         `json:"goals"`
	SharedNotes         []Note               `json:"shared_notes"`
	Actions             []ActionEntry        `json:"actions"`
	FollowUps           []FollowUp           `json:"follow_ups"`
	FootprintChecks     []FootprintCheck     `json:"footprint_checks"`
	Events              []EventRecord        `json:"events"`
}

// Feedback360Record is the learner's 360 results as their pages show them: how many
// observers were asked and answered and, once at least MinObservers answered, the
// observers' mean beside the self score per dimension.
type Feedback360Record struct {
	Invited      int                  `json:"invited"`
	Answered     int                  `json:"answered"`
	MinObservers int                  `json:"min_observers"`
	Shown        bool                 `json:"shown"`
	Dimensions   []Dimension360Record `json:"dimensions"`
}

// Dimension360Record compares self and observers on one dimension (0–100).
type Dimension360Record struct {
	Slug      string          `json:"slug"`
	Name      instrument.Text `json:"name"`
	Self      *float64        `json:"self,omitempty"`
	Observers *float64        `json:"observers,omitempty"`
	Gap       *float64        `json:"gap,omitempty"`
	Kind      string          `json:"kind,omitempty"`
}

// GoalRecord is a goal with its comments and its whole history.
type GoalRecord struct {
	Goal
	History []GoalChange `json:"history"`
}

// EventRecord is the learner's attendance at one event, with their preparation.
type EventRecord struct {
	EventID       string     `json:"event_id"`
	Title         string     `json:"title"`
	StartsAt      time.Time  `json:"starts_at"`
	EndsAt        *time.Time `json:"ends_at,omitempty"`
	Place         string     `json:"place"`
	OnlineURL     string     `json:"online_url"`
	GoingAt       *time.Time `json:"going_at,omitempty"`
	AttendedAt    *time.Time `json:"attended_at,omitempty"`
	Pitch         string     `json:"pitch"`
	PersonToHelp  string     `json:"person_to_help"`
	NeedToExpress string     `json:"need_to_express"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// ExportUser returns the learner's development history in a fixed number of queries,
// whatever its size. The caller checks that the reader is the learner.
func (s *Store) ExportUser(ctx context.Context, userID string) (DevelopmentRecord, error) {
	var out DevelopmentRecord
	var err error
	if out.ObserverInvitations, err = s.ObserverInvitations(ctx, userID); err != nil {
		return out, err
	}
	fb, err := s.Feedback360(ctx, userID)
	if err != nil {
		return out, err
	}
	out.Feedback360 = feedbackRecord(fb)
	if out.Goals, err = s.exportGoals(ctx, userID); err != nil {
		return out, err
	}
	if out.SharedNotes, err = s.SharedNotes(ctx, userID); err != nil {
		return out, err
	}
	if out.Actions, err = s.ActionLog(ctx, userID, time.Time{}, time.Time{}); err != nil {
		return out, err
	}
	for i := range out.Actions {
		out.Actions[i].Comments = orEmpty(out.Actions[i].Comments)
	}
	if out.FollowUps, err = s.FollowUps(ctx, userID, false); err != nil {
		return out, err
	}
	if out.FootprintChecks, err = s.FootprintHistory(ctx, userID); err != nil {
		return out, err
	}
	if out.Events, err = s.exportEvents(ctx, userID); err != nil {
		return out, err
	}
	out.ObserverInvitations, out.SharedNotes = orEmpty(out.ObserverInvitations), orEmpty(out.SharedNotes)
	out.FollowUps, out.FootprintChecks = orEmpty(out.FollowUps), orEmpty(out.FootprintChecks)
	return out, nil
}

// exportGoals reads the goals with their comments and histories, in three queries.
func (s *Store) exportGoals(ctx context.Context, userID string) ([]GoalRecord, error) {
	goals, err := s.Goals(ctx, userID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(goals))
	for i, g := range goals {
		ids[i] = g.ID
	}
	history, err := s.goalHistories(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	out := make([]GoalRecord, len(goals))
	for i, g := range goals {
		g.Comments = orEmpty(g.Comments)
		out[i] = GoalRecord{Goal: g, History: orEmpty(history[g.ID])}
	}
	return out, nil
}

// exportEvents reads the learner's attendance at events with the events' details, in one
// query.
func (s *Store) exportEvents(ctx context.Context, userID string) ([]EventRecord, error) {
	var rows []struct {
		Row       attendeeRow `gorm:"embedded"`
		Title     string
		StartsAt  time.Time
		EndsAt    *time.Time
		Place     string
		OnlineURL string
	}
	err := s.conn(ctx).Table("event_attendees a").
		Select("a.*, e.title, e.starts_at, e.ends_at, e.place, e.online_url").
		Joins("JOIN networking_events e ON e.id = a.event_id").
		Where("a.user_id = ?", userID).Order("e.starts_at, e.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("export events: %w", err)
	}
	out := make([]EventRecord, len(rows))
	for i, r := range rows {
		out[i] = EventRecord{EventID: r.Row.EventID, Title: r.Title, StartsAt: r.StartsAt.UTC(), EndsAt: utcPtr(r.EndsAt),
			Place: r.Place, OnlineURL: r.OnlineURL, GoingAt: utcPtr(r.Row.GoingAt), AttendedAt: utcPtr(r.Row.AttendedAt),
			Pitch: r.Row.Pitch, PersonToHelp: r.Row.PersonToHelp, NeedToExpress: r.Row.NeedToExpress,
			UpdatedAt: r.Row.UpdatedAt.UTC()}
	}
	return out, nil
}

// feedbackRecord keeps of the 360 results what the learner's pages show.
func feedbackRecord(fb Feedback360) Feedback360Record {
	out := Feedback360Record{Invited: fb.Invited, Answered: fb.Answered, MinObservers: fb.MinObservers, Shown: fb.Shown,
		Dimensions: []Dimension360Record{}}
	for _, d := range fb.Dimensions {
		out.Dimensions = append(out.Dimensions, Dimension360Record{Slug: d.Slug, Name: d.Name, Self: d.Self,
			Observers: d.Observers.Mean, Gap: d.Gap, Kind: string(d.Kind)})
	}
	return out
}

// orEmpty turns a nil list into an empty one, so that the export writes [] and not null.
func orEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
