package app

import (
	"log/slog"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/web"
	"github.com/academy-platform/academy/internal/xapi"
)

// newStatements builds the xAPI statement store: IRIs under the base URL, learners as
// accounts (or mboxes) as configured, verbs and action types named with the words of the
// message catalogs (xapi.verb.*, actions.type.*), delivered to the configured LRS.
func newStatements(cfg Config, gdb *gorm.DB, catalog *web.Catalog) *xapi.Store {
	return xapi.NewStore(gdb, xapi.Config{
		Builder: xapi.Builder{BaseURL: cfg.BaseURL, HomePage: cfg.XAPIHomePage, Mbox: cfg.XAPIMbox,
			Words: func(lang, key string) string { return catalog.Locale(lang).T(key) }},
		LRS: cfg.XAPI,
	})
}

// addStatementDelivery adds the delivery of xAPI statements to River when an LRS is
// configured: its worker, its queue (one run at a time per instance) and the periodic
// job that starts it. Without an LRS there is nothing to deliver and nothing is added.
func addStatementDelivery(cfg *river.Config, statements *xapi.Store, log *slog.Logger) error {
	if statements == nil || !statements.Config().LRS.Enabled() {
		return nil
	}
	w := xapi.NewWorker(statements, log)
	if err := river.AddWorkerSafely(cfg.Workers, w); err != nil {
		return err
	}
	cfg.Queues[xapi.QueueName] = river.QueueConfig{MaxWorkers: 1}
	cfg.PeriodicJobs = append(cfg.PeriodicJobs, w.PeriodicJob())
	return nil
}
