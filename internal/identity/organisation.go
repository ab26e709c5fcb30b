package identity

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// OrganisationInput is what it takes to create an organisation.
type OrganisationInput struct {
	Slug string `json:"slug" validate:"required,max=60,slug"`
	Name string `json:"name" validate:"required,max=200"`
	// TimeZone is an IANA zone name; empty means DefaultTimeZone.
	TimeZone string `json:"time_zone"`
}

// CreateOrganisation adds an organisation.
func (s *Store) CreateOrganisation(ctx context.Context, in OrganisationInput) (Organisation, error) {
	in.Slug = strings.TrimSpace(strings.ToLower(in.Slug))
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Struct(in); err != nil {
		return Organisation{}, err
	}
	zone, err := checkTimeZone(in.TimeZone)
	if err != nil {
		return Organisation{}, err
	}
	org := Organisation{ID: NewID(), Slug: in.Slug, Name: in.Name, TimeZone: zone, CreatedAt: s.now()}
	err = s.conn(ctx).Create(&org).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return Organisation{}, errs.Invalid("slug", "taken", "")
	}
	return org, err
}

// Organisation returns the organisation with the given id.
func (s *Store) Organisation(ctx context.Context, id string) (Organisation, error) {
	return byID[Organisation](ctx, s, "organisation", id)
}

// OrganisationBySlug returns the organisation with the given slug.
func (s *Store) OrganisationBySlug(ctx context.Context, slug string) (Organisation, error) {
	var org Organisation
	err := s.conn(ctx).Where("slug = ?", strings.ToLower(slug)).Take(&org).Error
	if err != nil {
		return org, notFound(err, "organisation "+slug)
	}
	return org, nil
}

// Organisations lists every organisation with its head counts, by name.
func (s *Store) Organisations(ctx context.Context) ([]OrganisationSummary, error) {
	var out []OrganisationSummary
	err := s.conn(ctx).Table("organisations o").
		Select(`o.*,
			(SELECT COUNT(*) FROM users u WHERE u.organisation_id = o.id AND u.erased_at IS NULL) AS people,
			(SELECT COUNT(*) FROM cohorts c WHERE c.organisation_id = o.id) AS cohorts`).
		Order("o.name").Scan(&out).Error
	return out, err
}
