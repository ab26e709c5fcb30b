package development

import (
	"context"
	"errors"
	"slices"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// learner loads the person a development record belongs to.
func (s *Store) learner(ctx context.Context, id string) (identity.User, error) {
	return s.people.User(ctx, id)
}

// latestDefinition returns the newest version of an instrument visible to the
// organisation, with its id; errs.ErrNotFound when there is none.
func (s *Store) latestDefinition(ctx context.Context, orgID, key string) (string, *instrument.Definition, error) {
	versions, err := s.assess.InstrumentVersions(ctx, orgID, key)
	if err != nil {
		return "", nil, err
	}
	def, err := s.assess.Definition(ctx, versions[0].ID)
	return versions[0].ID, def, err
}

// Dimensions returns the dimensions goals, actions and events of the organisation's people
// can name: those of the newest self-assessment instrument visible to the organisation, in
// its order.
func (s *Store) Dimensions(ctx context.Context, orgID string) ([]instrument.Dimension, error) {
	_, def, err := s.latestDefinition(ctx, orgID, s.cfg.SelfInstrument)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return def.Dimensions, nil
}

// checkDimensions reports slugs that are not dimensions of the organisation's
// self-assessment as a validation error on field ("unknown_dimension", Param the slug).
func (s *Store) checkDimensions(ctx context.Context, orgID, field string, slugs []string) error {
	dims, err := s.Dimensions(ctx, orgID)
	if err != nil {
		return err
	}
	for _, slug := range slugs {
		if !slices.ContainsFunc(dims, func(d instrument.Dimension) bool { return d.Slug == slug }) {
			return errs.Invalid(field, "unknown_dimension", slug)
		}
	}
	return nil
}
