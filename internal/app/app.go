// Package app builds Academy from its configuration: it opens the database, wires the
// stores, handlers and middleware, registers the routes, serves HTTP with graceful
// shutdown, and runs the command-line subcommands.
package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/api"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/mail"
	"github.com/academy-platform/academy/internal/privacy"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/ui"
	"github.com/academy-platform/academy/internal/web"
	"github.com/academy-platform/academy/internal/xapi"
	webfiles "github.com/academy-platform/academy/web"
)

// App is a built Academy: its database, stores and HTTP server.
type App struct {
	cfg      Config
	log      *slog.Logger
	db       *gorm.DB
	ids      *identity.Store
	asmt     *assessment.Store
	courses  *courses.Store
	dev      *development.Store
	reports  *reports.Renderer
	site     *web.Site
	fiber    *fiber.App
	staticFS http.FileSystem
	// delivery is report downloads with branding and bulk report jobs, which jobs (River)
	// runs.
	delivery ui.Delivery
	jobs     *river.Client[*sql.Tx]
	// statements are the xAPI statements of what learners do, delivered to the LRS by jobs
	// when one is configured.
	statements *xapi.Store
	// privacy downloads a person's data and erases people, over every domain.
	privacy *privacy.Service
	// badges are the Open Badges learners earn by completing modules.
	badges *badges.Store
}

// Build opens and migrates the database and wires everything. Close releases it.
func Build(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	gdb, err := db.Open(ctx, cfg.database, log)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx, gdb); err != nil {
		_ = db.Close(gdb)
		return nil, err
	}
	if err := migrateJobs(ctx, gdb, log); err != nil {
		_ = db.Close(gdb)
		return nil, err
	}
	a, err := build(ctx, cfg, log, gdb)
	if err != nil {
		_ = db.Close(gdb)
	}
	return a, err
}

func build(ctx context.Context, cfg Config, log *slog.Logger, gdb *gorm.DB) (*App, error) {
	idcfg := identity.DefaultConfig()
	idcfg.SessionIdle, idcfg.SessionAbsolute, idcfg.InvitationTTL = cfg.SessionIdle, cfg.SessionAbsolute, cfg.InvitationTTL
	ids := identity.NewStore(gdb, idcfg)
	catalog, err := web.NewCatalog()
	if err != nil {
		return nil, err
	}
	// What learners do is recorded, in the transaction that changes their data, as xAPI
	// statements.
	statements := newStatements(cfg, gdb, catalog)
	// Completing a module earns an Open Badge, issued in the same transaction.
	badgeStore, err := newBadges(ctx, cfg, gdb, ids)
	if err != nil {
		return nil, err
	}
	recorders := activity.Recorders{statements, badgeStore}
	acfg := assessment.DefaultConfig()
	acfg.MinNormGroup, acfg.Activity = cfg.NormMinGroup, recorders
	asmt := assessment.NewStore(gdb, acfg)
	learning := courses.NewStore(gdb, courses.WithActivity(recorders))
	dcfg := development.DefaultConfig()
	dcfg.Activity = recorders
	dev := development.NewStore(gdb, dcfg, ids, asmt, learning)
	renderer, err := reports.New(reports.Options{})
	if err != nil {
		return nil, err
	}
	sources := reports.Sources{People: ids, Assessments: asmt, Courses: learning, Development: dev}
	key, err := ids.SigningKey(ctx)
	if err != nil {
		return nil, err
	}
	templates, err := web.NewRenderer(webfiles.Files)
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(webfiles.Files, "static")
	if err != nil {
		return nil, err
	}
	site := &web.Site{Catalog: catalog, Renderer: templates, Identity: ids, Log: log, CookieSecure: cfg.CookieSecure, SigningKey: key}
	delivery, jobs, err := newDelivery(gdb, log, catalog, renderer, sources, ids, statements, cfg.ReportZIPRetention)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log, db: gdb, ids: ids, asmt: asmt, courses: learning, dev: dev, reports: renderer, site: site, staticFS: http.FS(static),
		delivery: delivery, jobs: jobs, statements: statements, badges: badgeStore}
	if a.privacy, err = a.newPrivacy(); err != nil {
		return nil, err
	}
	if _, err := a.loadContent(ctx); err != nil {
		return nil, err
	}
	if err := a.loadBadgeCatalogue(ctx); err != nil {
		return nil, err
	}
	a.fiber = fiber.New(a.fiberConfig())
	a.middleware()
	mailer := mail.New(cfg.SMTP, log)
	pages := ui.New(ui.Deps{Site: site, Identity: ids, Assessment: asmt, Courses: learning, Development: dev,
		Reports: renderer, ReportSources: sources, Delivery: delivery, Privacy: a.privacy, Badges: badgeStore, Mail: mailer, BaseURL: cfg.BaseURL, Log: log})
	a.routes(pages, api.New(api.Deps{Identity: ids, Assessment: asmt, Courses: learning, Development: dev,
		Reports: renderer, ReportSources: sources, Documents: delivery.Documents, Privacy: a.privacy, Mail: mailer, BaseURL: cfg.BaseURL, Site: site,
		Statements: statements, Badges: badgeStore}))
	return a, nil
}

func (a *App) fiberConfig() fiber.Config {
	cfg := fiber.Config{
		AppName:               "Academy",
		ErrorHandler:          a.site.HandleError,
		BodyLimit:             4 << 20,
		ReadBufferSize:        16 << 10,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
	}
	if a.cfg.TrustedProxies != "" {
		cfg.EnableTrustedProxyCheck = true
		cfg.ProxyHeader = fiber.HeaderXForwardedFor
		for _, p := range strings.Split(a.cfg.TrustedProxies, ",") {
			cfg.TrustedProxies = append(cfg.TrustedProxies, strings.TrimSpace(p))
		}
	}
	return cfg
}

func (a *App) middleware() {
	a.fiber.Use(requestid.New())
	a.fiber.Use(a.site.AccessLog)
	a.fiber.Use(recover.New())
	a.fiber.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
		ReferrerPolicy:            "same-origin",
		CrossOriginEmbedderPolicy: "unsafe-none",
	}))
	// PDFs, PNGs and ZIPs are compressed already; compressing them again costs CPU for nothing.
	a.fiber.Use(compress.New(compress.Config{Next: func(c *fiber.Ctx) bool {
		p := c.Path()
		return strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, ".png") || strings.HasSuffix(p, "/download")
	}}))
}

// Handler exposes the HTTP handler, for tests.
func (a *App) Handler() *fiber.App { return a.fiber }

// Identity exposes the identity store, for commands and tests.
func (a *App) Identity() *identity.Store { return a.ids }

// Assessment exposes the assessment store, for commands and tests.
func (a *App) Assessment() *assessment.Store { return a.asmt }

// Courses exposes the courses store, for commands and tests.
func (a *App) Courses() *courses.Store { return a.courses }

// Development exposes the development store, for commands and tests.
func (a *App) Development() *development.Store { return a.dev }

// Reports exposes the report renderer, for commands and tests.
func (a *App) Reports() *reports.Renderer { return a.reports }

// Statements exposes the xAPI statement store, for data export and erasure and tests.
func (a *App) Statements() *xapi.Store { return a.statements }

// DB exposes the database, for tests.
func (a *App) DB() *gorm.DB { return a.db }

// Close releases the database.
func (a *App) Close() error { return db.Close(a.db) }

func (a *App) healthz(c *fiber.Ctx) error { return c.SendString("ok") }

func (a *App) readyz(c *fiber.Ctx) error {
	sqlDB, err := a.db.DB()
	if err == nil {
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		err = sqlDB.PingContext(ctx)
	}
	if err != nil {
		a.log.Warn("database not ready", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
	}
	return c.SendString("ready")
}

// Serve answers HTTP on the configured address until ctx ends, then lets in-flight
// requests finish within the shutdown grace period.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return err
	}
	if err := a.StartJobs(ctx); err != nil {
		_ = ln.Close()
		return fmt.Errorf("start background jobs: %w", err)
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- a.fiber.Listener(ln) }()
	go a.housekeeping(ctx)
	select {
	case err := <-errc:
		a.stopJobsWithin(a.cfg.ShutdownGrace)
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down", "grace", a.cfg.ShutdownGrace)
	// Requests and running jobs share the grace period: jobs not done by then are
	// cancelled, and River runs them again on the next instance that starts.
	stopped := make(chan struct{})
	go func() { a.stopJobsWithin(a.cfg.ShutdownGrace); close(stopped) }()
	if err := a.fiber.ShutdownWithTimeout(a.cfg.ShutdownGrace); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		<-stopped
		return err
	}
	<-stopped
	return <-errc
}

// stopJobsWithin stops the background jobs, cancelling those still running after grace.
func (a *App) stopJobsWithin(grace time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := a.StopJobs(ctx); err != nil {
		a.log.Warn("stop background jobs", "err", err)
	}
}
