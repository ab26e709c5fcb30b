package assessment

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Start returns the user's open online attempt on the instrument key, or starts one on the
// latest version of the instrument visible to the organisation orgID ("" for people
// without one, who see built-in instruments only). An open attempt keeps the version it
// was started on even when a newer one has been loaded since. There is at most one open
// online attempt per user and instrument key, also under concurrent calls.
// errs.ErrNotFound: no such instrument visible to the organisation.
func (s *Store) Start(ctx context.Context, userID, orgID, instrumentKey string) (Attempt, error) {
	if !identity.ValidID(userID) {
		return Attempt{}, errs.Invalid("user", "required", "")
	}
	a, err := s.start(ctx, userID, orgID, instrumentKey)
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// A concurrent Start created the open attempt first: return that one.
		a, err = s.start(ctx, userID, orgID, instrumentKey)
	}
	return a, err
}

func (s *Store) start(ctx context.Context, userID, orgID, key string) (Attempt, error) {
	var a Attempt
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Where("user_id = ? AND instrument_key = ? AND source = ? AND submitted_at IS NULL",
			userID, key, SourceOnline).Take(&a).Error
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		inst, err := latestVisible(tx, orgID, key)
		if err != nil {
			return err
		}
		a = Attempt{
			ID: identity.NewID(), InstrumentID: inst.ID, InstrumentKey: inst.Key,
			UserID: &userID, OrganisationID: optional(orgID),
			Source: SourceOnline, Status: StatusOpen, StartedAt: s.now(),
		}
		return tx.Create(&a).Error
	})
	return a, err
}

// Attempt returns an attempt by id, for any viewer: check rights on its UserID and
// OrganisationID before showing it.
func (s *Store) Attempt(ctx context.Context, attemptID string) (Attempt, error) {
	return s.attempt(s.conn(ctx), attemptID, "")
}

// attempt loads an attempt; with a userID, someone else's attempt is not found.
func (s *Store) attempt(tx *gorm.DB, attemptID, userID string) (Attempt, error) {
	var a Attempt
	if !identity.ValidID(attemptID) {
		return a, fmt.Errorf("attempt %q: %w", attemptID, errs.ErrNotFound)
	}
	q := tx.Where("id = ?", attemptID)
	if userID != "" {
		q = q.Where("user_id = ?", userID)
	}
	if err := q.Take(&a).Error; err != nil {
		return a, notFound(err, "attempt "+attemptID)
	}
	return a, nil
}

// Attempts lists a user's attempts, newest first.
func (s *Store) Attempts(ctx context.Context, userID string) ([]Attempt, error) {
	var out []Attempt
	err := s.conn(ctx).Where("user_id = ?", userID).Order("started_at DESC, id DESC").Find(&out).Error
	return out, err
}
