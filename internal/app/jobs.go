package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/branding"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/ui"
	"github.com/academy-platform/academy/internal/web"
	"github.com/academy-platform/academy/internal/xapi"
)

// Background jobs run on River (github.com/riverqueue/river) in the application's own
// database: PostgreSQL through database/sql (GORM's pgx connection), SQLite through
// River's SQLite driver. Every instance whose client is started works jobs; River hands
// each job to one of them.

// jobsAdvisoryLock serialises River's migrations when several instances start together
// on one PostgreSQL (goose has its own lock).
const jobsAdvisoryLock = 0x616361646d79 // "acadmy"

// rescueJobsAfter is when River gives a job that is still running (its instance was
// killed) to another run: longer than any job may take.
const rescueJobsAfter = reportjobs.Timeout + 5*time.Minute

func jobsDriver(gdb *gorm.DB) (riverdriver.Driver[*sql.Tx], error) {
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	if db.KindOf(gdb) == db.Postgres {
		return riverdatabasesql.New(sqlDB), nil
	}
	return riversqlite.New(sqlDB), nil
}

// migrateJobs applies River's own migrations, each in its own transaction (PostgreSQL
// cannot use an enum value in the transaction that added it). On PostgreSQL a session
// advisory lock, held on one connection while the migrations run on others, makes
// instances that start together take turns.
func migrateJobs(ctx context.Context, gdb *gorm.DB, log *slog.Logger) error {
	driver, err := jobsDriver(gdb)
	if err != nil {
		return err
	}
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: log})
	if err != nil {
		return err
	}
	if db.KindOf(gdb) == db.Postgres {
		sqlDB, err := gdb.DB()
		if err != nil {
			return err
		}
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			return fmt.Errorf("migrate jobs: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", jobsAdvisoryLock); err != nil {
			return fmt.Errorf("migrate jobs: %w", err)
		}
		defer func() {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", jobsAdvisoryLock)
		}()
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate jobs: %w", err)
	}
	return nil
}

// newDelivery builds report delivery: documents with their organisation's branding, bulk
// report jobs (whose ZIPs are kept for zipRetention), and the River client that runs them.
func newDelivery(gdb *gorm.DB, log *slog.Logger, catalog *web.Catalog, renderer *reports.Renderer,
	sources reports.Sources, people *identity.Store, statements *xapi.Store, zipRetention time.Duration) (ui.Delivery, *river.Client[*sql.Tx], error) {
	brands := branding.NewStore(gdb, nil)
	docs := reportjobs.Documents{Sources: sources, Renderer: renderer, Branding: brands, Names: documentNames(catalog)}
	bulk := reportjobs.NewStore(gdb, reportjobs.Config{Retention: zipRetention})
	worker := reportjobs.NewWorker(reportjobs.Generator{Store: bulk, Docs: docs, People: people}, log)
	jobs, err := newJobs(gdb, log, worker, statements)
	return ui.Delivery{Documents: docs, Branding: brands, Jobs: bulk, Queue: jobs}, jobs, err
}

// newJobs builds the River client with Academy's workers. It touches the database only
// once started (StartJobs); before that it can insert jobs, for any instance to run.
func newJobs(gdb *gorm.DB, log *slog.Logger, bundles *reportjobs.Worker, statements *xapi.Store) (*river.Client[*sql.Tx], error) {
	driver, err := jobsDriver(gdb)
	if err != nil {
		return nil, err
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, bundles); err != nil {
		return nil, err
	}
	cfg := &river.Config{
		Logger:               log,
		Workers:              workers,
		Queues:               map[string]river.QueueConfig{reportjobs.QueueName: {MaxWorkers: 1}},
		JobTimeout:           reportjobs.Timeout,
		RescueStuckJobsAfter: rescueJobsAfter,
	}
	if err := addStatementDelivery(cfg, statements, log); err != nil {
		return nil, err
	}
	return river.NewClient(driver, cfg)
}

// StartJobs starts working background jobs until StopJobs. Serve calls it; tests that
// need jobs to run call it too.
func (a *App) StartJobs(ctx context.Context) error {
	// Stopping is StopJobs's business, so that jobs stop after the last request.
	return a.jobs.Start(context.WithoutCancel(ctx))
}

// StopJobs lets running jobs finish until ctx ends, then cancels them; River runs a
// cancelled job again later, on whichever instance is free.
func (a *App) StopJobs(ctx context.Context) error {
	err := a.jobs.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		hard, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = a.jobs.StopAndCancel(hard)
	}
	return err
}

// documentNames names delivered files with the words of the message catalogs
// (reports.file.*), in the document's language.
func documentNames(c *web.Catalog) reportjobs.Namer {
	return func(lang, kind, subject string) string {
		return c.Locale(lang).T("reports.file."+kind, "Subject", subject)
	}
}
