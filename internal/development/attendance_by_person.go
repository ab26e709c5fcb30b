package development

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// PersonAttendance is one person's counts at one event: Going and Attended are 0 or 1,
// FollowUps and FollowUpsDone the follow-ups they named after it and completed.
type PersonAttendance struct {
	EventID string          `json:"event_id"`
	UserID  string          `json:"user_id"`
	Counts  AttendanceCount `json:"counts"`
}

// AttendanceByPerson breaks AttendanceReport down per person: for the organisation's
// events starting between from (included) and to (excluded; zero times leave an end
// open), one entry per event and person who said they were going, attended or named a
// follow-up, by event id and person id. Adding up the entries of a group of people gives
// that group's AttendanceReport totals, so a report can count any number of groups (the
// cohorts of an organisation) from one call. Two queries, whatever the number of events
// and people.
func (s *Store) AttendanceByPerson(ctx context.Context, orgID string, from, to time.Time) ([]PersonAttendance, error) {
	// The events in range, as a condition written out: a gorm subquery would run the query
	// callbacks once more for every statement it is part of.
	inRange, args := "organisation_id = ?", []any{orgID}
	if !from.IsZero() {
		inRange, args = inRange+" AND starts_at >= ?", append(args, from.UTC())
	}
	if !to.IsZero() {
		inRange, args = inRange+" AND starts_at < ?", append(args, to.UTC())
	}
	inRange = "event_id IN (SELECT id FROM networking_events WHERE " + inRange + ")"
	type key struct{ event, user string }
	counts := map[key]*AttendanceCount{}
	at := func(event, user string) *AttendanceCount {
		k := key{event, user}
		if counts[k] == nil {
			counts[k] = &AttendanceCount{}
		}
		return counts[k]
	}
	var att []attendeeRow
	if err := s.conn(ctx).Select("event_id", "user_id", "going_at", "attended_at").
		Where(inRange, args...).Find(&att).Error; err != nil {
		return nil, fmt.Errorf("attendance by person: %w", err)
	}
	for _, a := range att {
		if a.GoingAt == nil && a.AttendedAt == nil {
			continue // a preparation row of someone no longer going
		}
		c := at(a.EventID, a.UserID)
		if a.GoingAt != nil {
			c.Going = 1
		}
		if a.AttendedAt != nil {
			c.Attended = 1
		}
	}
	var fus []struct {
		EventID   string
		LearnerID string
		Total     int
		Done      int
	}
	if err := s.conn(ctx).Model(&followUpRow{}).
		Select("event_id, learner_id, COUNT(*) AS total, SUM(CASE WHEN done_at IS NULL THEN 0 ELSE 1 END) AS done").
		Where(inRange, args...).Group("event_id, learner_id").Scan(&fus).Error; err != nil {
		return nil, fmt.Errorf("attendance by person: %w", err)
	}
	for _, f := range fus {
		c := at(f.EventID, f.LearnerID)
		c.FollowUps, c.FollowUpsDone = f.Total, f.Done
	}
	out := make([]PersonAttendance, 0, len(counts))
	for k, c := range counts {
		out = append(out, PersonAttendance{EventID: k.event, UserID: k.user, Counts: *c})
	}
	slices.SortFunc(out, func(a, b PersonAttendance) int {
		return cmp.Or(strings.Compare(a.EventID, b.EventID), strings.Compare(a.UserID, b.UserID))
	})
	return out, nil
}
