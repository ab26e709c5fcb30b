package app

import (
	"context"

	"github.com/academy-platform/academy/internal/reportjobs"
)

// RunReportJob runs a bulk report job at once in the calling goroutine, as River's worker
// does, for benchmarks that measure the work without the queue's pick-up delay.
func (a *App) RunReportJob(ctx context.Context, id string) error {
	return reportjobs.Generator{Store: a.delivery.Jobs, Docs: a.delivery.Documents, People: a.ids}.Run(ctx, id)
}
