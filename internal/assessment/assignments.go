package assessment

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/errs"
)

type assignmentRow struct {
	OrganisationID string
	InstrumentKey  string
	CohortID       string
	CreatedAt      time.Time
}

func (assignmentRow) TableName() string { return "instrument_assignments" }

// Assign offers an organisation's own instrument to a cohort's learners. The caller checks
// that the cohort belongs to the organisation. Assigning twice changes nothing.
func (s *Store) Assign(ctx context.Context, orgID, key, cohortID string) error {
	if _, err := s.ownInstrument(ctx, orgID, key); err != nil {
		return err
	}
	row := assignmentRow{OrganisationID: orgID, InstrumentKey: key, CohortID: cohortID, CreatedAt: s.cfg.Now().UTC()}
	return s.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// Unassign stops offering the instrument to the cohort.
func (s *Store) Unassign(ctx context.Context, orgID, key, cohortID string) error {
	return s.conn(ctx).Where("organisation_id = ? AND instrument_key = ? AND cohort_id = ?", orgID, key, cohortID).
		Delete(&assignmentRow{}).Error
}

// Assignments returns, per instrument key, the cohorts an organisation's instruments are
// assigned to.
func (s *Store) Assignments(ctx context.Context, orgID string) (map[string][]string, error) {
	var rows []assignmentRow
	if err := s.conn(ctx).Where("organisation_id = ?", orgID).Order("instrument_key, cohort_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.InstrumentKey] = append(out[r.InstrumentKey], r.CohortID)
	}
	return out, nil
}

// Offered lists the instruments a learner is offered: every built-in instrument, and the
// organisation's own instruments assigned to one of the learner's cohorts (latest version
// of each).
func (s *Store) Offered(ctx context.Context, orgID string, cohortIDs []string) ([]Instrument, error) {
	return s.InstrumentList(ctx, InstrumentFilter{OrganisationID: orgID, Offered: true, CohortIDs: cohortIDs})
}

// CheckOffered returns a validation error unless the instrument key is offered to a
// learner of the organisation in the given cohorts (see Offered).
func (s *Store) CheckOffered(ctx context.Context, orgID string, cohortIDs []string, key string) error {
	list, err := s.Offered(ctx, orgID, cohortIDs)
	if err != nil {
		return err
	}
	for _, i := range list {
		if i.Key == key {
			return nil
		}
	}
	return errs.Invalid("instrument", "unknown", "")
}

// ownInstrument checks that key is one of the organisation's own instruments.
func (s *Store) ownInstrument(ctx context.Context, orgID, key string) (Instrument, error) {
	versions, err := s.InstrumentVersions(ctx, orgID, key)
	if err != nil {
		return Instrument{}, err
	}
	if versions[0].OrganisationID != orgID {
		return Instrument{}, fmt.Errorf("instrument %q is not the organisation's own: %w", key, errs.ErrNotFound)
	}
	return versions[0], nil
}
