package development

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// EventAttendee is one person's attendance at an event as their coaches and the
// organisation's administrators see it: who they are, whether they said they are going
// and logged the event as attended, and how many follow-ups they named after it and how
// many of those are done. Their preparation (pitch, person to help, need to express) and
// the people they will follow up with are theirs alone and are not part of it.
type EventAttendee struct {
	UserID        string `json:"user_id"`
	Name          string `json:"name"`
	Going         bool   `json:"going"`
	Attended      bool   `json:"attended"`
	FollowUps     int    `json:"follow_ups"`
	FollowUpsDone int    `json:"follow_ups_done"`
}

// EventAttendees lists, by name, the people who said they are going to the event or logged
// it as attended (someone who said they were going and then cancelled, or who was erased,
// is not listed), with
// their follow-up counts. userIDs, when not nil, keeps only those people (a coach's
// learners, see FollowedPeople); nil keeps everyone (the organisation's administrators).
// An unknown event has no attendees. The caller checks that the viewer may follow the
// event's attendance. Two queries, whatever the number of attendees; none for an empty
// userIDs.
func (s *Store) EventAttendees(ctx context.Context, eventID string, userIDs []string) ([]EventAttendee, error) {
	out := []EventAttendee{}
	if userIDs != nil && len(userIDs) == 0 {
		return out, nil
	}
	keep := func(string) bool { return true }
	if userIDs != nil {
		set := make(map[string]bool, len(userIDs))
		for _, id := range userIDs {
			set[id] = true
		}
		keep = func(id string) bool { return set[id] }
	}
	var rows []struct {
		UserID     string
		Name       string
		GoingAt    *time.Time
		AttendedAt *time.Time
	}
	err := s.conn(ctx).Table("event_attendees a").
		Select("a.user_id, u.name, a.going_at, a.attended_at").
		Joins("JOIN users u ON u.id = a.user_id").
		Where("a.event_id = ? AND (a.going_at IS NOT NULL OR a.attended_at IS NOT NULL) AND u.erased_at IS NULL", eventID).
		Order("u.name, a.user_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("event attendees: %w", err)
	}
	var counts []struct {
		LearnerID string
		Named     int
		Done      int
	}
	err = s.conn(ctx).Model(&followUpRow{}).
		Select("learner_id, COUNT(*) AS named, COUNT(done_at) AS done").
		Where("event_id = ?", eventID).Group("learner_id").Scan(&counts).Error
	if err != nil {
		return nil, fmt.Errorf("event attendees: %w", err)
	}
	index := map[string]int{}
	for _, r := range rows {
		if !keep(r.UserID) {
			continue
		}
		index[r.UserID] = len(out)
		out = append(out, EventAttendee{UserID: r.UserID, Name: r.Name, Going: r.GoingAt != nil, Attended: r.AttendedAt != nil})
	}
	for _, c := range counts {
		if i, ok := index[c.LearnerID]; ok {
			out[i].FollowUps, out[i].FollowUpsDone = c.Named, c.Done
		}
	}
	return out, nil
}

// FollowedPeople returns whose attendance at events the person follows, as EventAttendees
// and AttendanceReport take it: nil (everyone) for organisation and platform
// administrators; for a coach, the learners of the cohorts they coach, sorted and without
// repeats; nobody (an empty list) for learners. At most one query.
func (s *Store) FollowedPeople(ctx context.Context, a identity.Actor) ([]string, error) {
	if a.Role == identity.RoleOrgAdmin || a.Role == identity.RoleAdmin {
		return nil, nil
	}
	if a.Role != identity.RoleCoach {
		return []string{}, nil
	}
	members, err := s.people.MemberIDsOf(ctx, a.CoachesIn)
	if err != nil {
		return nil, fmt.Errorf("followed people: %w", err)
	}
	out := []string{}
	for _, ids := range members {
		out = append(out, ids...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
