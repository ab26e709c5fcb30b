package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/web"
)

// reportKind is a report subcommand: its usage and what it runs.
type reportKind struct {
	name, usage string
	run         func(context.Context, *App, Env, reportFlags) error
}

// reportKinds are the report subcommands.
func reportKinds() []reportKind {
	return []reportKind{
		{"learner", "report learner  --email EMAIL [--lang es|en] --out FILE.pdf", reportLearner},
		{"cohort", "report cohort   --org SLUG --cohort NAME [--lang es|en] --out FILE.pdf", reportCohort},
		{"org", "report org      --org SLUG [--lang es|en] --out FILE.pdf", reportOrganisation},
		{"learners", "report learners --org SLUG [--cohort NAME] [--lang es|en] --out FILE.zip", reportLearners},
	}
}

func reportUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage:")
	for _, k := range reportKinds() {
		fmt.Fprintln(w, "  academy "+k.usage)
	}
}

// reportFlags are the flags of every report subcommand.
type reportFlags struct {
	email, org, cohort, lang, out *string
}

// runReport: academy report learner|cohort|org|learners … --out FILE
func runReport(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help") {
		reportUsage(env.Stdout)
		return flag.ErrHelp
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		reportUsage(env.Stderr)
		return errUsage
	}
	kinds := reportKinds()
	i := slices.IndexFunc(kinds, func(k reportKind) bool { return k.name == args[0] })
	if i < 0 {
		fmt.Fprintf(env.Stderr, "academy report: unknown report %q\n\n", args[0])
		reportUsage(env.Stderr)
		return errUsage
	}
	kind := kinds[i]
	fs, values := flagSet(env, "report "+kind.name, kind.usage+" [flags]")
	f := reportFlags{
		email:  fs.String("email", "", "the learner's email address (learner)"),
		org:    fs.String("org", "", "the organisation's short name (cohort, org, learners)"),
		cohort: fs.String("cohort", "", "the cohort's name (cohort; optional for learners)"),
		lang:   fs.String("lang", "", "es or en (default: the learner's language for a learner report, else Spanish)"),
		out:    fs.String("out", "", "the file to write; replaced only once it is complete"),
	}
	cfg, err := parse(env, fs, values, args[1:])
	if err != nil {
		return err
	}
	if *f.out == "" {
		fmt.Fprintln(env.Stderr, "--out is required")
		return errUsage
	}
	if *f.lang != "" && !web.Supported(*f.lang) {
		fmt.Fprintln(env.Stderr, "--lang must be es or en")
		return errUsage
	}
	return withApp(ctx, cfg, func(a *App) error { return kind.run(ctx, a, env, f) })
}

// langOr is the chosen language, or def.
func (f reportFlags) langOr(def string) string {
	if *f.lang != "" {
		return *f.lang
	}
	return def
}

func reportLearner(ctx context.Context, a *App, env Env, f reportFlags) error {
	if *f.email == "" {
		return errors.New("--email is required")
	}
	u, err := a.ids.UserByEmail(ctx, *f.email)
	if err != nil {
		return fmt.Errorf("no account with email %s", *f.email)
	}
	doc, err := a.delivery.Documents.LearnerReport(ctx, u, f.langOr(u.Locale))
	if err != nil {
		return err
	}
	return writeReportFile(env, *f.out, func(w io.Writer) error { _, err := w.Write(doc.Data); return err })
}

func reportCohort(ctx context.Context, a *App, env Env, f reportFlags) error {
	org, err := a.reportOrganisation(ctx, *f.org)
	if err != nil {
		return err
	}
	if *f.cohort == "" {
		return errors.New("--cohort is required")
	}
	cohort, err := a.cohortNamed(ctx, org, *f.cohort)
	if err != nil {
		return err
	}
	doc, err := a.delivery.Documents.CohortReport(ctx, cohort, f.langOr(web.Languages[0]))
	if err != nil {
		return err
	}
	return writeReportFile(env, *f.out, func(w io.Writer) error { _, err := w.Write(doc.Data); return err })
}

func reportOrganisation(ctx context.Context, a *App, env Env, f reportFlags) error {
	org, err := a.reportOrganisation(ctx, *f.org)
	if err != nil {
		return err
	}
	doc, err := a.delivery.Documents.OrganisationReport(ctx, org, f.langOr(web.Languages[0]))
	if err != nil {
		return err
	}
	return writeReportFile(env, *f.out, func(w io.Writer) error { _, err := w.Write(doc.Data); return err })
}

func reportLearners(ctx context.Context, a *App, env Env, f reportFlags) error {
	org, err := a.reportOrganisation(ctx, *f.org)
	if err != nil {
		return err
	}
	cohortID := ""
	if *f.cohort != "" {
		cohort, err := a.cohortNamed(ctx, org, *f.cohort)
		if err != nil {
			return err
		}
		cohortID = cohort.ID
	}
	learners, err := reportjobs.Learners(ctx, a.ids, org.ID, cohortID)
	if err != nil {
		return err
	}
	bar := newProgressBar(env.Stderr, len(learners))
	err = writeReportFile(env, *f.out, func(w io.Writer) error {
		return a.delivery.Documents.WriteBundle(ctx, w, reportjobs.Bundle{OrganisationID: org.ID, Learners: learners,
			Lang: f.langOr(web.Languages[0]), Workers: a.delivery.Jobs.Workers(), Modified: time.Now(), Progress: bar.set})
	})
	bar.finish()
	if err == nil {
		fmt.Fprintf(env.Stdout, "%d learner reports written to %s\n", len(learners), *f.out)
	}
	return err
}

// reportOrganisation finds the organisation of --org.
func (a *App) reportOrganisation(ctx context.Context, slug string) (identity.Organisation, error) {
	if slug == "" {
		return identity.Organisation{}, errors.New("--org is required")
	}
	org, err := a.ids.OrganisationBySlug(ctx, slug)
	if err != nil {
		return identity.Organisation{}, fmt.Errorf("no organisation %q", slug)
	}
	return org, nil
}

// cohortNamed finds an organisation's cohort by its name.
func (a *App) cohortNamed(ctx context.Context, org identity.Organisation, name string) (identity.Cohort, error) {
	cohorts, err := a.ids.Cohorts(ctx, identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		return identity.Cohort{}, err
	}
	for _, c := range cohorts {
		if c.Name == name {
			return c.Cohort, nil
		}
	}
	return identity.Cohort{}, fmt.Errorf("no cohort %q in organisation %q", name, org.Slug)
}

// writeReportFile writes a file atomically: into a temporary file next to it, synced,
// then renamed over path. On failure path is left as it was.
func writeReportFile(env Env, path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// progressBar draws "[#####     ]  50/100" on a terminal, redrawn in place; it draws
// nothing when the stream is not a terminal (a pipe, a file, a test).
type progressBar struct {
	w     io.Writer
	total int
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer, total int) *progressBar {
	f, ok := w.(*os.File)
	if !ok {
		return &progressBar{total: total}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &progressBar{total: total}
	}
	return &progressBar{w: w, total: total}
}

// set shows done of total, at most ten times a second and always the last.
func (b *progressBar) set(done int) error {
	if b.w == nil || (done < b.total && time.Since(b.last) < 100*time.Millisecond) {
		return nil
	}
	b.last, b.drawn = time.Now(), true
	const width = 30
	filled := width * done / max(b.total, 1)
	fmt.Fprintf(b.w, "\r[%s%s] %*d/%d", strings.Repeat("#", filled), strings.Repeat(" ", width-filled),
		len(fmt.Sprint(b.total)), done, b.total)
	return nil
}

// finish ends the bar's line.
func (b *progressBar) finish() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}
