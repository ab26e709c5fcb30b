package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/identity"
)

// Version is set at build time with -ldflags "-X …/internal/app.Version=v1.2.3".
var Version = "dev"

// Env is what a command gets from the process: its streams and environment.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve [--demo] [flags]", "run the web server (the default command)", runServe},
		{"migrate", "migrate [flags]", "apply pending database migrations and exit", runMigrate},
		{"seed", "seed [--demo] [flags]", "load the built-in courses and instruments; with --demo, the demo organisations", runSeed},
		{"token", "token create --email EMAIL [--name NAME] [flags]", "create a personal API token and print it once", runToken},
		{"instruments", "instruments add FILE [--org SLUG]", "add an assessment instrument, or a new version of one", runInstruments},
		{"responses", "responses import --instrument KEY[@VERSION] [--org SLUG] FILE.csv", "import assessment responses gathered elsewhere", runResponses},
		{"psychometrics", "psychometrics --instrument KEY[@VERSION] [--org SLUG] [--format json|csv|text]", "print reliability statistics of an instrument", runPsychometrics},
		{"report", "report learner|cohort|org|learners [flags] --out FILE", "write a report as PDF, or all learner reports as a ZIP", runReport},
		{"badges", "badges rotate-key --org SLUG", "give an organisation a new badge-signing key (earlier keys stay published)", runBadges},
		{"loadtest", "loadtest --url URL [--learners N] [--concurrency C]", "simulate learners and coaches against a running server, then check the database", runLoadtest},
		{"version", "version", "print the version", runVersion},
	}
}

// Main runs the command line and returns the process exit code.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	name := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		usage(env.Stdout)
		return 0
	}
	if name == "help" {
		usage(env.Stdout)
		return 0
	}
	for _, cmd := range commands() {
		if cmd.name != name {
			continue
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := cmd.run(ctx, env, args)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUnexpectedArg):
			fmt.Fprintf(env.Stderr, "academy %s: unexpected argument; see 'academy %s --help'\n", name, name)
			return 2
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintln(env.Stderr, "academy "+name+": "+err.Error())
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "academy: unknown command %q\n\n", name)
	usage(env.Stderr)
	return 2
}

var errUsage = errors.New("usage")

// errUnexpectedArg is what parse returns when positional arguments remain; commands that
// take none report it as a usage error.
var errUnexpectedArg = fmt.Errorf("unexpected argument: %w", errUsage)

func usage(w io.Writer) {
	fmt.Fprintln(w, "Academy teaches and measures the professional competency of networking.")
	fmt.Fprintln(w, "\nUsage: academy COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'academy COMMAND --help' for a command's flags. Every flag can also be set")
	fmt.Fprintln(w, "with the environment variable shown in brackets.")
}

// flagSet returns a flag set for cmd that prints its usage to env.Stderr on errors and to
// env.Stdout for --help, with every configuration flag bound.
func flagSet(env Env, name, usageLine string) (*flag.FlagSet, map[string]*string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: academy "+usageLine+"\n\nFlags:")
		fs.PrintDefaults()
	}
	return fs, bindConfig(fs, env.Getenv)
}

// parse parses args and the configuration; --help prints to stdout.
func parse(env Env, fs *flag.FlagSet, values map[string]*string, args []string) (Config, error) {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fs.SetOutput(env.Stdout)
			fs.Usage()
			return Config{}, flag.ErrHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, errUsage
	}
	if fs.NArg() > 0 {
		return Config{}, errUnexpectedArg
	}
	return parseConfig(values)
}

func runServe(ctx context.Context, env Env, args []string) error {
	fs, values := flagSet(env, "serve", "serve [--demo] [flags]")
	demo := fs.Bool("demo", false, "load the demo organisations into an empty database and print their logins")
	cfg, err := parse(env, fs, values, args)
	if err != nil {
		return err
	}
	log := cfg.Logger(os.Stderr)
	a, err := Build(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if *demo {
		if _, err := loadDemo(ctx, a, cfg.DemoPassword, true, env.Stdout); err != nil {
			return err
		}
	}
	return a.Serve(ctx, func(addr string) {
		log.Info("listening", "addr", addr, "database", cfg.database.Kind)
		fmt.Fprintf(env.Stdout, "\nAcademy is running at %s (press Ctrl+C to stop)\n", cfg.BaseURL)
		if *demo {
			printDemoLogins(env.Stdout, cfg.DemoPassword)
		}
	})
}

func runMigrate(ctx context.Context, env Env, args []string) error {
	fs, values := flagSet(env, "migrate", "migrate [flags]")
	cfg, err := parse(env, fs, values, args)
	if err != nil {
		return err
	}
	gdb, err := db.Open(ctx, cfg.database, cfg.Logger(os.Stderr))
	if err != nil {
		return err
	}
	defer db.Close(gdb)
	applied, err := db.Migrate(ctx, gdb)
	if err != nil {
		return err
	}
	if err := migrateJobs(ctx, gdb, cfg.Logger(os.Stderr)); err != nil {
		return err
	}
	version, err := db.MigrationVersion(ctx, gdb)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "applied %d migration(s); schema version %d\n", len(applied), version)
	return nil
}

func runSeed(ctx context.Context, env Env, args []string) error {
	fs, values := flagSet(env, "seed", "seed [--demo] [flags]")
	demo := fs.Bool("demo", false, "also load the demo organisations (acme and globex)")
	cfg, err := parse(env, fs, values, args)
	if err != nil {
		return err
	}
	a, err := Build(ctx, cfg, cfg.Logger(os.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	sum, err := a.loadContent(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "built-in content: "+sum.String())
	if !*demo {
		return nil
	}
	created, err := loadDemo(ctx, a, cfg.DemoPassword, true, env.Stdout)
	if err != nil {
		return err
	}
	if !created {
		fmt.Fprintln(env.Stdout, "demo organisations already present; nothing changed")
	}
	printDemoLogins(env.Stdout, cfg.DemoPassword)
	return nil
}

func runToken(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(env.Stderr, "Usage: academy token create --email EMAIL [--name NAME] [flags]")
		return errUsage
	}
	fs, values := flagSet(env, "token create", "token create --email EMAIL [--name NAME] [flags]")
	email := fs.String("email", "", "the account the token acts as (required)")
	name := fs.String("name", "command line", "a name to recognise the token by")
	cfg, err := parse(env, fs, values, args[1:])
	if err != nil {
		return err
	}
	if *email == "" {
		fmt.Fprintln(env.Stderr, "--email is required")
		return errUsage
	}
	a, err := Build(ctx, cfg, cfg.Logger(os.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.ids.UserByEmail(ctx, *email)
	if err != nil {
		return fmt.Errorf("no account with email %s", *email)
	}
	if !u.Active {
		return fmt.Errorf("the account %s is deactivated", *email)
	}
	_, secret, err := a.ids.CreateAPIToken(ctx, u.ID, identity.APITokenInput{Name: *name})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, secret)
	return nil
}

func runVersion(_ context.Context, env Env, _ []string) error {
	fmt.Fprintln(env.Stdout, "academy "+Version)
	return nil
}
