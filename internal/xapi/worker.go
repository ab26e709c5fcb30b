package xapi

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// River settings of delivery.
const (
	// QueueName is the River queue delivery runs in, one job at a time per instance.
	QueueName = "xapi"
	// MaxAttempts is how many runs one delivery job gets while the LRS fails (about
	// three hours with the default Interval); then River gives it up, the statements stay
	// pending, and the periodic job starts a new one.
	MaxAttempts = 25
	// RunTimeout bounds one run; a run stops between batches when it is reached and the
	// next run continues.
	RunTimeout = 5 * time.Minute
)

// DeliverArgs are the arguments of the delivery job: there are none, since a run sends
// whatever is pending.
type DeliverArgs struct{}

// Kind names the job type in River's table.
func (DeliverArgs) Kind() string { return "academy_xapi_deliver" }

// InsertOpts keep at most one delivery job waiting, running or retrying across every
// instance: inserting another then does nothing, and a retrying job keeps its pauses.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueName, MaxAttempts: MaxAttempts, UniqueOpts: river.UniqueOpts{
		ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
			rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled},
	}}
}

// Worker delivers pending statements to the LRS for River.
type Worker struct {
	river.WorkerDefaults[DeliverArgs]
	store *Store
	lrs   *lrsClient
	log   *slog.Logger
}

// NewWorker returns the delivery worker of the store's LRS.
func NewWorker(s *Store, log *slog.Logger) *Worker {
	return &Worker{store: s, lrs: newLRSClient(s.cfg.LRS), log: log}
}

// PeriodicJob starts a delivery every Interval (and when the instance is elected to run
// periodic jobs), so that statements recorded since the last run, or left pending by an
// outage, are sent.
func (w *Worker) PeriodicJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(w.store.cfg.LRS.Interval),
		func() (river.JobArgs, *river.InsertOpts) { return DeliverArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
}

// Timeout is the time a run may take.
func (w *Worker) Timeout(*river.Job[DeliverArgs]) time.Duration { return RunTimeout }

// NextRetry pauses Interval after the first failure and twice as long after each next
// one, up to MaxBackoff.
func (w *Worker) NextRetry(job *river.Job[DeliverArgs]) time.Time {
	pause := w.store.cfg.LRS.Interval
	for i := 1; i < job.Attempt && pause < MaxBackoff; i++ {
		pause *= 2
	}
	return time.Now().Add(min(pause, MaxBackoff))
}

// Work posts pending statements, a batch at a time, until none is left. An LRS that
// cannot be reached, times out or answers with an error fails the run, which River
// retries; the statements stay pending.
func (w *Worker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	sent := 0
	for ctx.Err() == nil {
		n, err := w.DeliverBatch(ctx)
		sent += n
		if err != nil {
			w.log.Warn("xapi delivery failed; it will be retried", "attempt", job.Attempt, "sent", sent, "err", err)
			return err
		}
		if n == 0 {
			break
		}
	}
	if sent > 0 {
		w.log.Info("xapi statements delivered", "count", sent)
	}
	return nil
}

// DeliverBatch posts the oldest pending statements once and records the outcome. It
// returns how many statements left the outbox (sent or rejected); 0 means none was
// pending.
func (w *Worker) DeliverBatch(ctx context.Context) (int, error) {
	batch, err := w.store.pending(ctx, w.store.cfg.LRS.BatchSize)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	o := w.lrs.deliver(ctx, batch)
	for id, msg := range o.rejected {
		w.log.Error("the LRS rejected an xAPI statement; it will not be sent again", "statement_id", id, "answer", msg)
	}
	// The outcome is written even when the run was cancelled meanwhile.
	if err := w.store.settle(context.WithoutCancel(ctx), batch, o); err != nil {
		return 0, err
	}
	return len(o.sent) + len(o.rejected), o.err
}
