package development

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Event returns one event, for any viewer: check the viewer's organisation (and cohort)
// first, or use VisibleEvent.
func (s *Store) Event(ctx context.Context, eventID string) (Event, error) {
	row, err := byID[eventRow](s.conn(ctx), "event", eventID)
	return row.event(), err
}

// VisibleEvent returns an event if the person may see it: it belongs to their
// organisation and, when it is for one cohort, they learn in or coach that cohort (their
// organisation's administrators and platform administrators see all). Otherwise
// errs.ErrNotFound.
func (s *Store) VisibleEvent(ctx context.Context, userID, eventID string) (Event, error) {
	e, err := s.Event(ctx, eventID)
	if err != nil {
		return Event{}, err
	}
	u, err := s.people.User(ctx, userID)
	if err != nil {
		return Event{}, err
	}
	a, err := s.people.Actor(ctx, u)
	if err != nil {
		return Event{}, err
	}
	if !canSee(a, e) {
		return Event{}, fmt.Errorf("event %s: %w", eventID, errs.ErrNotFound)
	}
	return e, nil
}

func canSee(a identity.Actor, e Event) bool {
	switch {
	case a.Role == identity.RoleAdmin:
		return true
	case a.OrgID != e.OrganisationID:
		return false
	case e.CohortID == nil || a.Role == identity.RoleOrgAdmin:
		return true
	}
	return slices.Contains(a.MemberOf, *e.CohortID) || slices.Contains(a.CoachesIn, *e.CohortID)
}

// EventFilter selects events of one organisation. Zero times leave that end open.
type EventFilter struct {
	OrganisationID string
	// From and To bound StartsAt (From included, To excluded).
	From, To time.Time
	// CohortIDs, when not nil, keeps the organisation-wide events and those of these
	// cohorts (what a learner or coach may see); nil keeps all (administrators).
	CohortIDs []string
	// UserID, when set, attaches that person's attendance to each event.
	UserID string
	// Page is one page of the list (EventView.PageKey); the zero Page is all of it.
	Page keyset.Page
}

// eventOrder is the order of Events: by start time, then id.
var eventOrder = keyset.Order{{Expr: "starts_at", Kind: keyset.Time}, {Expr: "id"}}

// PageKey is the event's place in the order of Events, for keyset.Page.After.
func (v EventView) PageKey() []string { return keyset.Key(v.Event.StartsAt, v.Event.ID) }

// EventView is an event with one person's attendance (nil when they have none).
type EventView struct {
	Event      Event       `json:"event"`
	Attendance *Attendance `json:"attendance"`
}

// Events lists an organisation's events by start time, in two queries. The caller checks
// that the viewer belongs to the organisation and passes their cohorts. A malformed
// f.Page.After is a validation error on "cursor".
func (s *Store) Events(ctx context.Context, f EventFilter) ([]EventView, error) {
	q := s.conn(ctx).Where("organisation_id = ?", f.OrganisationID)
	if !f.From.IsZero() {
		q = q.Where("starts_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("starts_at < ?", f.To.UTC())
	}
	if f.CohortIDs != nil {
		if len(f.CohortIDs) == 0 {
			q = q.Where("cohort_id IS NULL")
		} else {
			q = q.Where("(cohort_id IS NULL OR cohort_id IN ?)", f.CohortIDs)
		}
	}
	q, err := eventOrder.Apply(q, f.Page)
	if err != nil {
		return nil, err
	}
	var rows []eventRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	out := make([]EventView, len(rows))
	ids := make([]string, len(rows))
	index := make(map[string]int, len(rows))
	for i, r := range rows {
		out[i].Event, ids[i], index[r.ID] = r.event(), r.ID, i
	}
	if f.UserID == "" || len(ids) == 0 {
		return out, nil
	}
	var att []attendeeRow
	if err := s.conn(ctx).Where("user_id = ? AND event_id IN ?", f.UserID, ids).Find(&att).Error; err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	for _, a := range att {
		v := a.attendance()
		out[index[a.EventID]].Attendance = &v
	}
	return out, nil
}
