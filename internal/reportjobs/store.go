package reportjobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// Status is where a bulk job is.
type Status string

// The statuses of a bulk job.
const (
	Queued  Status = "queued"  // waiting for a free worker, or for a retry
	Running Status = "running" // reports being drawn: Done of Total
	Done    Status = "done"    // the ZIP can be downloaded until ExpiresAt
	Failed  Status = "failed"  // given up; Error says why
	Expired Status = "expired" // the ZIP was deleted after ExpiresAt
)

// Config holds the bulk job rules an installation may tune.
type Config struct {
	// Retention is how long a finished ZIP stays downloadable.
	Retention time.Duration
	// KeepRecords is how long a job's row (without its ZIP) is kept after it was asked for.
	KeepRecords time.Duration
	// ChunkSize is the size of the pieces the ZIP is stored in.
	ChunkSize int
	// Workers is how many reports are drawn at once; 0 means one per core (GOMAXPROCS).
	Workers int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// DefaultConfig returns the rules Academy ships with.
func DefaultConfig() Config {
	return Config{Retention: 24 * time.Hour, KeepRecords: 30 * 24 * time.Hour, ChunkSize: 1 << 20}
}

// Job is one request for the learner reports of an organisation, or of one of its
// cohorts, as one ZIP.
type Job struct {
	ID             string
	OrganisationID string
	// CohortID is nil for the whole organisation.
	CohortID    *string
	RequestedBy *string
	Lang        string
	Status      Status
	// Done of Total reports are drawn (while Running; Total is 0 before).
	Done, Total int
	// Size is the ZIP's size in bytes once Done.
	Size       int64
	Error      string
	CreatedAt  time.Time
	StartedAt  *time.Time
	FinishedAt *time.Time
	// ExpiresAt is when a Done job's ZIP stops being downloadable.
	ExpiresAt *time.Time
}

// TableName is the table the rows live in.
func (Job) TableName() string { return "report_jobs" }

// Finished reports whether the job will not change any more.
func (j Job) Finished() bool { return j.Status == Done || j.Status == Failed || j.Status == Expired }

// Percent is how far the job got, 0 to 100.
func (j Job) Percent() int {
	switch {
	case j.Status == Done || j.Status == Expired:
		return 100
	case j.Total == 0:
		return 0
	}
	return 100 * j.Done / j.Total
}

// Store reads and writes bulk jobs and their ZIPs. It is safe for concurrent use.
type Store struct {
	db  *gorm.DB
	cfg Config
}

// NewStore returns a Store over gdb; zero fields of cfg take DefaultConfig's values.
func NewStore(gdb *gorm.DB, cfg Config) *Store {
	def := DefaultConfig()
	if cfg.Retention <= 0 {
		cfg.Retention = def.Retention
	}
	if cfg.KeepRecords <= 0 {
		cfg.KeepRecords = def.KeepRecords
	}
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = def.ChunkSize
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Store{db: gdb, cfg: cfg}
}

// Retention is how long a finished ZIP stays downloadable.
func (s *Store) Retention() time.Duration { return s.cfg.Retention }

func (s *Store) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// Job returns a job; errs.ErrNotFound when there is none with that id. A done job past
// its ExpiresAt is Expired, even before Tidy has deleted its ZIP.
func (s *Store) Job(ctx context.Context, id string) (Job, error) {
	var j Job
	err := s.conn(ctx).Where("id = ?", id).Take(&j).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Job{}, fmt.Errorf("report job %s: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return Job{}, fmt.Errorf("report job %s: %w", id, err)
	}
	return s.current(j), nil
}

// current puts the job's times in UTC (SQLite and PostgreSQL hand them back differently)
// and marks it Expired once past ExpiresAt.
func (s *Store) current(j Job) Job {
	j = j.utc()
	if j.Status == Done && j.ExpiresAt != nil && !s.now().Before(*j.ExpiresAt) {
		j.Status = Expired
	}
	return j
}

// Jobs lists an organisation's most recent jobs, newest first, at most limit.
func (s *Store) Jobs(ctx context.Context, orgID string, limit int) ([]Job, error) {
	var out []Job
	err := s.conn(ctx).Where("organisation_id = ?", orgID).Order("created_at DESC, id DESC").Limit(limit).Find(&out).Error
	for i := range out {
		out[i] = s.current(out[i])
	}
	return out, err
}

func (j Job) utc() Job {
	j.CreatedAt = j.CreatedAt.UTC()
	for _, t := range []**time.Time{&j.StartedAt, &j.FinishedAt, &j.ExpiresAt} {
		if *t != nil {
			u := (**t).UTC()
			*t = &u
		}
	}
	return j
}

// update sets columns of a job.
func (s *Store) update(ctx context.Context, id string, cols map[string]any) error {
	if err := s.conn(ctx).Model(&Job{}).Where("id = ?", id).Updates(cols).Error; err != nil {
		return fmt.Errorf("report job %s: %w", id, err)
	}
	return nil
}
