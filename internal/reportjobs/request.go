package reportjobs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Queue inserts River jobs inside a transaction: a *river.Client[*sql.Tx].
type Queue interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Request is what a bulk job is asked for.
type Request struct {
	OrganisationID string
	// CohortID narrows the job to one cohort of the organisation; "" is all its learners.
	CohortID string `form:"cohort_id"`
	Lang     string `form:"lang"`
	// RequestedBy is who asked.
	RequestedBy string
}

// Request checks in, records the job and queues its River job in one transaction, so
// that neither exists without the other. Problems are an *errs.ValidationError on the
// fields "cohort_id" and "lang".
func (s *Store) Request(ctx context.Context, q Queue, in Request) (Job, error) {
	if in.Lang != "es" && in.Lang != "en" {
		return Job{}, errs.Invalid("lang", "oneof", "es en")
	}
	job := Job{ID: identity.NewID(), OrganisationID: in.OrganisationID, RequestedBy: &in.RequestedBy, Lang: in.Lang,
		Status: Queued, CreatedAt: s.now()}
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if in.CohortID != "" {
			var n int64
			if !identity.ValidID(in.CohortID) {
				return errs.Invalid("cohort_id", "unknown", "")
			}
			err := tx.Table("cohorts").Where("id = ? AND organisation_id = ?", in.CohortID, in.OrganisationID).Count(&n).Error
			if err != nil {
				return err
			}
			if n == 0 {
				return errs.Invalid("cohort_id", "unknown", "")
			}
			job.CohortID = &in.CohortID
		}
		if err := tx.Create(&job).Error; err != nil {
			return err
		}
		sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
		if !ok {
			return fmt.Errorf("report job: the transaction is a %T, not a *sql.Tx", tx.Statement.ConnPool)
		}
		_, err := q.InsertTx(ctx, sqlTx, Args{JobID: job.ID}, nil)
		return err
	})
	if err != nil {
		return Job{}, fmt.Errorf("request report job: %w", err)
	}
	return job, nil
}
