package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/loadtest"
)

// runLoadtest: academy loadtest --url URL [--learners N] [--concurrency C] [--coaches K]
func runLoadtest(ctx context.Context, env Env, args []string) error {
	const use = "loadtest --url URL [--learners N] [--concurrency C] [--coaches K] [flags]"
	fs, values := flagSet(env, "loadtest", use)
	target := fs.String("url", "http://127.0.0.1:8080", "the running server to load (it must use the same ACADEMY_DATABASE_URL)")
	learners := fs.Int("learners", 200, "learners who each take the whole self-assessment")
	concurrency := fs.Int("concurrency", 50, "learners active at the same time")
	coaches := fs.Int("coaches", 2, "coaches who keep opening their cohort page meanwhile")
	seed := fs.Uint64("seed", 1, "seed of the simulated answers")
	faults := fs.Bool("expect-errors", false, "failed requests are expected (a fault is being injected): only the database check decides")
	classStart := fs.Duration("class-start", 0, "instead of the full flow: all learners (already signed in) start the assessment within this window, e.g. 10s")
	answers := fs.Duration("answers", 0, "instead of the full flow: --concurrency signed-in learners save answers for this long, compared with pgbench inserts (PostgreSQL)")
	dashboard := fs.Duration("dashboard", 0, "instead of the full flow: signed-in learners open their home page for this long, compared with a Fiber hello world")
	cfg, err := parse(env, fs, values, args)
	if err != nil {
		return err
	}
	if *learners < 1 || *concurrency < 1 || *coaches < 0 {
		fmt.Fprintln(env.Stderr, "--learners and --concurrency must be at least 1")
		return errUsage
	}
	return withApp(ctx, cfg, func(a *App) error {
		pop, err := loadtest.Populate(ctx, a.ids, *learners, *coaches)
		if err != nil {
			return err
		}
		self, err := a.instrumentVersion(ctx, pop.Organisation.ID, "networking-self")
		if err != nil {
			return err
		}
		def, err := a.asmt.Definition(ctx, self.ID)
		if err != nil {
			return err
		}
		if *answers > 0 {
			return runAnswers(ctx, env, a, pop, def, *target, *concurrency, *answers)
		}
		if *dashboard > 0 {
			return runDashboard(ctx, env, a, pop, *target, *concurrency, *dashboard)
		}
		if *classStart > 0 {
			return runClassStart(ctx, env, a, pop, def, *target, *concurrency, *classStart)
		}
		fmt.Fprintf(env.Stdout, "%d learners (%d at a time) and %d coaches against %s, organisation %s\n",
			*learners, *concurrency, *coaches, *target, pop.Organisation.Slug)
		stats, out, wall := loadtest.Run(ctx, loadtest.Config{
			BaseURL: *target, Learners: pop.Learners, Coaches: pop.Coaches, CohortID: pop.Cohort.ID,
			Instrument: "networking-self", Definition: def, Concurrency: *concurrency, Seed: *seed,
		})
		fmt.Fprintf(env.Stdout, "\nran for %s\n\n", wall.Round(time.Millisecond))
		loadtest.Print(env.Stdout, stats.Summary(wall))
		check, err := checkDatabase(ctx, env, a, def, out)
		if err != nil {
			return err
		}
		switch {
		case !check.OK():
			return errors.New("the database check failed")
		case stats.Errors() > 0 && !*faults:
			return fmt.Errorf("%d requests failed", stats.Errors())
		}
		return nil
	})
}

// checkDatabase waits for the database and checks that what the run acknowledged is stored
// exactly once and scored right, and prints the verdict.
func checkDatabase(ctx context.Context, env Env, a *App, def *instrument.Definition, out *loadtest.Outcome) (loadtest.CheckResult, error) {
	if err := waitForDatabase(ctx, a, time.Minute); err != nil {
		return loadtest.CheckResult{}, err
	}
	check, err := loadtest.Check(ctx, a.db, def, out)
	if err != nil {
		return check, err
	}
	fmt.Fprintf(env.Stdout, "\ndatabase check: %d attempts, %d acknowledged answers, %d submitted: ", check.Attempts, check.Answers, check.Submitted)
	if check.OK() {
		fmt.Fprintln(env.Stdout, "nothing lost, nothing doubled, every score right")
	} else {
		fmt.Fprintf(env.Stdout, "%d problems\n", len(check.Problems))
		for _, p := range check.Problems[:min(20, len(check.Problems))] {
			fmt.Fprintln(env.Stdout, "  "+p)
		}
	}
	return check, nil
}

// runAnswers measures saving answers against the bare insert speed of the same PostgreSQL
// at the same concurrency, measured with pgbench in the same run.
func runAnswers(ctx context.Context, env Env, a *App, pop loadtest.Population, def *instrument.Definition,
	target string, concurrency int, d time.Duration) error {
	if a.cfg.database.Kind != db.Postgres {
		return errors.New("--answers compares with pgbench: run it with ACADEMY_DATABASE_URL=postgres://…")
	}
	baseline, err := loadtest.InsertBaseline(ctx, a.db, a.cfg.database.DSN, concurrency, d)
	if err != nil {
		return err
	}
	stats, out, err := loadtest.Answers(ctx, a.ids, loadtest.Config{BaseURL: target, Learners: pop.Learners,
		Instrument: "networking-self", Definition: def, Concurrency: concurrency, Seed: 1}, d)
	if err != nil {
		return err
	}
	sum := stats.Summary(d)
	loadtest.Print(env.Stdout, sum)
	var saved loadtest.StepSummary
	for _, st := range sum {
		if st.Step == "save answer" {
			saved = st
		}
	}
	fmt.Fprintf(env.Stdout, "\npgbench, one-line INSERT, %d clients: %.0f inserts/s\nsaving an answer, %d learners: %.0f req/s, p99 %s = %.1f %% of the bare insert (target: 50 %%, p99 under 50 ms)\n",
		concurrency, baseline, concurrency, saved.PerSecond, saved.P99, 100*saved.PerSecond/baseline)
	check, err := checkDatabase(ctx, env, a, def, out)
	switch {
	case err != nil:
		return err
	case !check.OK():
		return errors.New("the database check failed")
	case saved.Errors > 0:
		return fmt.Errorf("%d answers failed", saved.Errors)
	}
	return nil
}

// waitForDatabase waits until the database answers (a fault test may have restarted it).
func waitForDatabase(ctx context.Context, a *App, limit time.Duration) error {
	sqlDB, err := a.db.DB()
	if err != nil {
		return err
	}
	deadline := time.Now().Add(limit)
	for {
		err := sqlDB.PingContext(ctx)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// runClassStart measures the synchronised start of a whole class.
func runClassStart(ctx context.Context, env Env, a *App, pop loadtest.Population, def *instrument.Definition,
	target string, concurrency int, window time.Duration) error {
	fmt.Fprintf(env.Stdout, "%d signed-in learners start the self-assessment within %s against %s\n", len(pop.Learners), window, target)
	stats, err := loadtest.ClassStart(ctx, a.ids, loadtest.Config{BaseURL: target, Learners: pop.Learners,
		Instrument: "networking-self", Definition: def, Concurrency: concurrency}, window)
	if err != nil {
		return err
	}
	loadtest.Print(env.Stdout, stats.Summary(window))
	var open int64
	if err := a.db.WithContext(ctx).Table("assessment_attempts a").Joins("JOIN users u ON u.id = a.user_id").
		Where("u.organisation_id = ? AND a.submitted_at IS NULL", pop.Organisation.ID).Count(&open).Error; err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\ndatabase check: %d open attempts for %d learners\n", open, len(pop.Learners))
	switch {
	case int(open) != len(pop.Learners):
		return fmt.Errorf("%d learners but %d open attempts", len(pop.Learners), open)
	case stats.Errors() > 0:
		return fmt.Errorf("%d requests failed", stats.Errors())
	}
	return nil
}

// runDashboard compares the learners' home page with Fiber's hello world, same client, same
// concurrency, same machine.
func runDashboard(ctx context.Context, env Env, a *App, pop loadtest.Population, target string, concurrency int, d time.Duration) error {
	hello, err := loadtest.HelloWorld(concurrency, d)
	if err != nil {
		return err
	}
	home, err := loadtest.Dashboard(ctx, a.ids, loadtest.Config{BaseURL: target, Learners: pop.Learners, Concurrency: concurrency}, d)
	if err != nil {
		return err
	}
	h, m := hello.Summary(d)[0], home.Summary(d)[0]
	fmt.Fprintf(env.Stdout, "Fiber hello world: %.0f req/s, p99 %s\nlearner home page: %.0f req/s, p99 %s, %d errors\n",
		h.PerSecond, h.P99, m.PerSecond, m.P99, m.Errors)
	fmt.Fprintf(env.Stdout, "home page throughput is %.1f %% of hello world (target: 25 %%)\n", 100*m.PerSecond/h.PerSecond)
	if m.Errors > 0 {
		return fmt.Errorf("%d requests failed", m.Errors)
	}
	return nil
}
