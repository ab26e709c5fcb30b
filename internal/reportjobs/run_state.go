package reportjobs

import (
	"context"
	"runtime"
	"time"

	"gorm.io/gorm"
)

// How a job's row follows its runs: begin, progress, then finish; or requeue (River will
// run it again) or fail (given up).

// progressEvery is how often, at most, a running job writes its progress.
const progressEvery = 250 * time.Millisecond

// Workers is how many reports a job draws at once: Config.Workers, or one per core.
func (s *Store) Workers() int {
	if s.cfg.Workers > 0 {
		return s.cfg.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// begin marks a job running and deletes any chunks an interrupted run left; a finished
// job is returned unchanged.
func (s *Store) begin(ctx context.Context, id string) (Job, error) {
	var job Job
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		st := &Store{db: tx, cfg: s.cfg}
		if job, err = st.Job(ctx, id); err != nil || job.Finished() {
			return err
		}
		if err := tx.Where("job_id = ?", id).Delete(&chunk{}).Error; err != nil {
			return err
		}
		now := s.now()
		job.Status, job.Done, job.Total, job.Size, job.Error, job.StartedAt = Running, 0, 0, 0, "", &now
		return st.update(ctx, id, map[string]any{"status": Running, "done": 0, "total": 0, "size": 0, "error": "", "started_at": now})
	})
	return job, err
}

// progress returns the function that records how many reports are done, at most every
// progressEvery, and always the last.
func (s *Store) progress(ctx context.Context, id string, total int) func(done int) error {
	var last time.Time
	return func(done int) error {
		if done < total && time.Since(last) < progressEvery {
			return nil
		}
		last = time.Now()
		return s.update(ctx, id, map[string]any{"done": done})
	}
}

// finish marks a job done with its ZIP of size bytes, downloadable for Retention.
func (s *Store) finish(ctx context.Context, id string, total int, size int64) error {
	now := s.now()
	return s.update(ctx, id, map[string]any{"status": Done, "done": total, "total": total, "size": size,
		"finished_at": now, "expires_at": now.Add(s.cfg.Retention)})
}

// fail gives a job up: it is marked failed with the reason, and its chunks are deleted.
func (s *Store) fail(ctx context.Context, id, reason string) error {
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("job_id = ?", id).Delete(&chunk{}).Error; err != nil {
			return err
		}
		st := &Store{db: tx, cfg: s.cfg}
		return st.update(ctx, id, map[string]any{"status": Failed, "error": reason, "finished_at": s.now()})
	})
}

// requeue records why a run stopped; River runs the job again later.
func (s *Store) requeue(ctx context.Context, id, reason string) error {
	return s.update(ctx, id, map[string]any{"status": Queued, "error": reason})
}
