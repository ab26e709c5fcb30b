package reportjobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/academy-platform/academy/internal/errs"
)

// River settings of bulk jobs.
const (
	// QueueName is the River queue bulk jobs run in; each instance works one at a time,
	// as one job keeps every core busy.
	QueueName = "reports"
	// MaxAttempts is how many times a job is tried before it is marked failed.
	MaxAttempts = 5
	// Timeout bounds one run: 1,000 reports take seconds.
	Timeout = 15 * time.Minute
)

// Args are a bulk job's River arguments: the id of its report_jobs row.
type Args struct {
	JobID string `json:"job_id"`
}

// Kind names the job type in River's table.
func (Args) Kind() string { return "academy_report_bundle" }

// InsertOpts puts bulk jobs in their queue with their number of attempts.
func (Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueName, MaxAttempts: MaxAttempts}
}

// Worker runs bulk jobs for River.
type Worker struct {
	river.WorkerDefaults[Args]
	gen Generator
	log *slog.Logger
}

// NewWorker returns the River worker of bulk jobs.
func NewWorker(gen Generator, log *slog.Logger) *Worker {
	return &Worker{gen: gen, log: log}
}

// Timeout is the time a run may take.
func (w *Worker) Timeout(*river.Job[Args]) time.Duration { return Timeout }

// Work makes the job's ZIP. When a run fails, the job goes back to queued for River to
// retry, unless it was the last attempt or the job can never succeed (its request or
// cohort is gone): then it is marked failed.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	id := job.Args.JobID
	err := w.gen.Run(ctx, id)
	if err == nil {
		return nil
	}
	// The run's context may be cancelled (shutdown, timeout); the record must still be written.
	after := context.WithoutCancel(ctx)
	hopeless := errors.Is(err, errs.ErrNotFound)
	if !hopeless && job.Attempt < job.MaxAttempts {
		w.log.Warn("report job interrupted; it will be retried", "job_id", id, "attempt", job.Attempt, "err", err)
		if rerr := w.gen.Store.requeue(after, id, err.Error()); rerr != nil {
			w.log.Error("report job: record the interruption", "job_id", id, "err", rerr)
		}
		return err
	}
	w.log.Error("report job failed", "job_id", id, "attempt", job.Attempt, "err", err)
	if ferr := w.gen.Store.fail(after, id, err.Error()); ferr != nil {
		w.log.Error("report job: record the failure", "job_id", id, "err", ferr)
	}
	if hopeless {
		return river.JobCancel(err)
	}
	return err
}
