package reportjobs

import (
	"context"
	"fmt"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Generator makes the ZIP of a bulk job.
type Generator struct {
	Store  *Store
	Docs   Documents
	People *identity.Store
}

// Run makes the ZIP of job id: it discards what an earlier run left, draws the report of
// every active learner of the organisation or cohort, in the job's language, and stores
// the ZIP. A job that is finished already is left as it is. errs.ErrNotFound when the
// job, or its cohort, no longer exists.
func (g Generator) Run(ctx context.Context, id string) error {
	job, err := g.Store.begin(ctx, id)
	if err != nil || job.Finished() {
		return err
	}
	cohortID := ""
	if job.CohortID != nil {
		cohortID = *job.CohortID
	}
	learners, err := Learners(ctx, g.People, job.OrganisationID, cohortID)
	if err != nil {
		return err
	}
	if err := g.Store.update(ctx, id, map[string]any{"total": len(learners)}); err != nil {
		return err
	}
	w := g.Store.newChunkWriter(ctx, id)
	err = g.Docs.WriteBundle(ctx, w, Bundle{OrganisationID: job.OrganisationID, Learners: learners, Lang: job.Lang,
		Workers: g.Store.Workers(), Modified: job.CreatedAt, Progress: g.Store.progress(ctx, id, len(learners))})
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return g.Store.finish(ctx, id, len(learners), w.size)
}

// Learners lists the active learners of an organisation, or of one of its cohorts when
// cohortID is not "", by name. errs.ErrNotFound when the cohort is not the organisation's.
func Learners(ctx context.Context, people *identity.Store, orgID, cohortID string) ([]identity.User, error) {
	var all []identity.User
	var err error
	if cohortID != "" {
		var c identity.Cohort
		if c, err = people.Cohort(ctx, cohortID); err != nil {
			return nil, err
		}
		if c.OrganisationID != orgID {
			return nil, fmt.Errorf("cohort %s is not in organisation %s: %w", c.ID, orgID, errs.ErrNotFound)
		}
		all, err = people.CohortMembers(ctx, c.ID)
	} else {
		all, err = people.UsersInOrganisation(ctx, orgID)
	}
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, u := range all {
		if u.Role == identity.RoleLearner && u.Active {
			out = append(out, u)
		}
	}
	return out, nil
}
