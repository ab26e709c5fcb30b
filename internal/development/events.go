package development

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Event is a professional event an organisation sends its people to.
type Event struct {
	ID             string `json:"id"`
	OrganisationID string `json:"organisation_id"`
	// CohortID narrows the event to one cohort; nil: the whole organisation.
	CohortID  *string    `json:"cohort_id"`
	Title     string     `json:"title"`
	StartsAt  time.Time  `json:"starts_at"`
	EndsAt    *time.Time `json:"ends_at"`
	Place     string     `json:"place"`
	OnlineURL string     `json:"online_url"`
	Organiser string     `json:"organiser"`
	// Dimensions are the dimensions the event is good practice for.
	Dimensions []string `json:"dimensions"`
	// Preparation is an optional note: whom to meet, what to offer.
	Preparation string    `json:"preparation"`
	CreatedBy   *string   `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Over reports whether the event has ended at now (an event without an end is over at the
// end of its day, UTC).
func (e Event) Over(now time.Time) bool {
	end := Day(e.StartsAt).AddDate(0, 0, 1)
	if e.EndsAt != nil {
		end = *e.EndsAt
	}
	return !now.Before(end)
}

type eventRow struct {
	ID             string
	OrganisationID string
	CohortID       *string
	Title          string
	StartsAt       time.Time
	EndsAt         *time.Time
	Place          string
	OnlineURL      string `gorm:"column:online_url"`
	Organiser      string
	Dimensions     stringList
	Preparation    string
	CreatedBy      *string
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt      time.Time `gorm:"autoUpdateTime:false"`
}

func (eventRow) TableName() string { return "networking_events" }

func (r eventRow) event() Event {
	return Event{ID: r.ID, OrganisationID: r.OrganisationID, CohortID: r.CohortID, Title: r.Title,
		StartsAt: r.StartsAt.UTC(), EndsAt: utcPtr(r.EndsAt), Place: r.Place, OnlineURL: r.OnlineURL,
		Organiser: r.Organiser, Dimensions: r.Dimensions, Preparation: r.Preparation, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// EventInput is what a coach or organisation administrator publishes. At least one of
// Place and OnlineURL is needed; OnlineURL must be an http or https address.
type EventInput struct {
	Title       string     `form:"title" json:"title" validate:"required,max=200"`
	StartsAt    time.Time  `form:"starts_at" json:"starts_at" validate:"required"`
	EndsAt      *time.Time `form:"ends_at" json:"ends_at"`
	Place       string     `form:"place" json:"place" validate:"max=200"`
	OnlineURL   string     `form:"online_url" json:"online_url" validate:"max=500"`
	Organiser   string     `form:"organiser" json:"organiser" validate:"max=200"`
	Dimensions  []string   `form:"dimensions" json:"dimensions" validate:"max=8,dive,max=64"`
	Preparation string     `form:"preparation" json:"preparation" validate:"max=2000"`
	CohortID    string     `form:"cohort_id" json:"cohort_id" validate:"omitempty,uuid"`
}

// Input returns the input that describes the event as it is: the starting point of an
// edit, where what is not changed keeps its value.
func (e Event) Input() EventInput {
	in := EventInput{Title: e.Title, StartsAt: e.StartsAt, EndsAt: e.EndsAt, Place: e.Place, OnlineURL: e.OnlineURL,
		Organiser: e.Organiser, Dimensions: append([]string{}, e.Dimensions...), Preparation: e.Preparation}
	if e.CohortID != nil {
		in.CohortID = *e.CohortID
	}
	return in
}

// check validates the input for an event of orgID. Codes beyond the struct tags: place
// "required" (neither place nor link), online_url "url" (not an absolute http(s) address),
// ends_at "after_start", cohort_id "unknown", dimensions "unknown_dimension".
func (s *Store) checkEvent(ctx context.Context, orgID string, in *EventInput) error {
	in.Title, in.Place, in.Organiser = strings.TrimSpace(in.Title), strings.TrimSpace(in.Place), strings.TrimSpace(in.Organiser)
	in.OnlineURL, in.Preparation, in.CohortID = strings.TrimSpace(in.OnlineURL), strings.TrimSpace(in.Preparation), strings.TrimSpace(in.CohortID)
	in.Dimensions = normaliseDimensions(in.Dimensions, "")
	if err := s.validate.Struct(in); err != nil {
		return err
	}
	switch {
	case in.Place == "" && in.OnlineURL == "":
		return errs.Invalid("place", "required", "")
	case in.OnlineURL != "" && !webURL(in.OnlineURL):
		return errs.Invalid("online_url", "url", "http,https")
	case in.EndsAt != nil && !in.EndsAt.After(in.StartsAt):
		return errs.Invalid("ends_at", "after_start", "")
	}
	if in.CohortID != "" {
		c, err := s.people.Cohort(ctx, in.CohortID)
		if err != nil || c.OrganisationID != orgID {
			return errs.Invalid("cohort_id", "unknown", "")
		}
	}
	return s.checkDimensions(ctx, orgID, "dimensions", in.Dimensions)
}

// webURL reports whether raw is an absolute http or https address with a host.
func webURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// CreateEvent publishes an event of the organisation. The author must be a coach or
// administrator of that organisation, or a platform administrator (errs.ErrForbidden
// otherwise). Validation: see EventInput.
func (s *Store) CreateEvent(ctx context.Context, authorID, orgID string, in EventInput) (Event, error) {
	if err := s.canPublish(ctx, authorID, orgID); err != nil {
		return Event{}, err
	}
	if err := s.checkEvent(ctx, orgID, &in); err != nil {
		return Event{}, err
	}
	now := s.now()
	row := eventRow{ID: identity.NewID(), OrganisationID: orgID, CreatedBy: &authorID, CreatedAt: now}
	row.apply(in, now)
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return Event{}, fmt.Errorf("create event: %w", err)
	}
	return row.event(), nil
}

// UpdateEvent changes an event; rules as CreateEvent, for the event's organisation.
func (s *Store) UpdateEvent(ctx context.Context, authorID, eventID string, in EventInput) (Event, error) {
	row, err := byID[eventRow](s.conn(ctx), "event", eventID)
	if err != nil {
		return Event{}, err
	}
	if err := s.canPublish(ctx, authorID, row.OrganisationID); err != nil {
		return Event{}, err
	}
	if err := s.checkEvent(ctx, row.OrganisationID, &in); err != nil {
		return Event{}, err
	}
	row.apply(in, s.now())
	if err := s.conn(ctx).Select("*").Save(&row).Error; err != nil {
		return Event{}, fmt.Errorf("update event: %w", err)
	}
	return row.event(), nil
}

func (r *eventRow) apply(in EventInput, now time.Time) {
	r.Title, r.StartsAt, r.Place, r.OnlineURL, r.Organiser = in.Title, in.StartsAt.UTC(), in.Place, in.OnlineURL, in.Organiser
	r.EndsAt, r.Dimensions, r.Preparation, r.UpdatedAt = utcPtr(in.EndsAt), in.Dimensions, in.Preparation, now
	r.CohortID = nil
	if in.CohortID != "" {
		c := in.CohortID
		r.CohortID = &c
	}
	if r.Dimensions == nil {
		r.Dimensions = []string{}
	}
}

// canPublish checks that the author is a coach or administrator of the organisation.
func (s *Store) canPublish(ctx context.Context, authorID, orgID string) error {
	u, err := s.requireCoachRole(ctx, authorID)
	if err != nil {
		return err
	}
	if u.Role != identity.RoleAdmin && u.OrgID() != orgID {
		return forbidden("events are published by the organisation's coaches and administrators")
	}
	return nil
}
