package development

import (
	"context"
	"fmt"
	"time"
)

// AttendanceCount counts attendance and follow-ups.
type AttendanceCount struct {
	Going         int `json:"going"`    // said they are going
	Attended      int `json:"attended"` // logged the event as attended
	FollowUps     int `json:"follow_ups"`
	FollowUpsDone int `json:"follow_ups_done"`
}

func (c *AttendanceCount) add(o AttendanceCount) {
	c.Going += o.Going
	c.Attended += o.Attended
	c.FollowUps += o.FollowUps
	c.FollowUpsDone += o.FollowUpsDone
}

// EventCount is one event with its counts.
type EventCount struct {
	Event  Event           `json:"event"`
	Counts AttendanceCount `json:"counts"`
}

// AttendanceReport counts attendance and follow-ups per event and in total.
type AttendanceReport struct {
	Events []EventCount    `json:"events"`
	Total  AttendanceCount `json:"total"`
	// People is the number of different people who attended at least one event.
	People int `json:"people"`
}

// AttendanceReport counts, for the organisation's events starting between from (included)
// and to (excluded; zero times leave an end open), how many of the given people said they
// were going, attended, and named and completed follow-ups. userIDs nil counts everyone
// (the organisation report); a cohort's member ids give the cohort's figures. Three
// queries, whatever the number of events and people.
func (s *Store) AttendanceReport(ctx context.Context, orgID string, userIDs []string, from, to time.Time) (AttendanceReport, error) {
	var out AttendanceReport
	events, err := s.Events(ctx, EventFilter{OrganisationID: orgID, From: from, To: to})
	if err != nil {
		return out, err
	}
	in := func(string) bool { return true }
	if userIDs != nil {
		set := make(map[string]bool, len(userIDs))
		for _, id := range userIDs {
			set[id] = true
		}
		in = func(id string) bool { return set[id] }
	}
	inRange := s.conn(ctx).Model(&eventRow{}).Select("id").Where("organisation_id = ?", orgID)
	if !from.IsZero() {
		inRange = inRange.Where("starts_at >= ?", from.UTC())
	}
	if !to.IsZero() {
		inRange = inRange.Where("starts_at < ?", to.UTC())
	}
	counts := map[string]*AttendanceCount{}
	for _, e := range events {
		counts[e.Event.ID] = &AttendanceCount{}
	}
	var att []attendeeRow
	if err := s.conn(ctx).Select("event_id", "user_id", "going_at", "attended_at").
		Where("event_id IN (?)", inRange).Find(&att).Error; err != nil {
		return out, fmt.Errorf("attendance report: %w", err)
	}
	people := map[string]bool{}
	for _, a := range att {
		c := counts[a.EventID]
		if c == nil || !in(a.UserID) {
			continue
		}
		if a.GoingAt != nil {
			c.Going++
		}
		if a.AttendedAt != nil {
			c.Attended++
			people[a.UserID] = true
		}
	}
	var fus []followUpRow
	if err := s.conn(ctx).Select("event_id", "learner_id", "done_at").
		Where("event_id IN (?)", inRange).Find(&fus).Error; err != nil {
		return out, fmt.Errorf("attendance report: %w", err)
	}
	for _, f := range fus {
		if f.EventID == nil || counts[*f.EventID] == nil || !in(f.LearnerID) {
			continue
		}
		c := counts[*f.EventID]
		c.FollowUps++
		if f.DoneAt != nil {
			c.FollowUpsDone++
		}
	}
	for _, e := range events {
		c := *counts[e.Event.ID]
		out.Events = append(out.Events, EventCount{Event: e.Event, Counts: c})
		out.Total.add(c)
	}
	out.People = len(people)
	return out, nil
}
