package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/errs"
)

// runInstruments: academy instruments add FILE [--org SLUG]
func runInstruments(ctx context.Context, env Env, args []string) error {
	const use = "instruments add FILE [--org SLUG] [flags]"
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(env.Stderr, "Usage: academy "+use)
		return errUsage
	}
	fs, values := flagSet(env, "instruments add", use)
	org := fs.String("org", "", "the organisation that owns the instrument (slug); empty = built in for everyone")
	cfg, file, err := parseWithFile(env, fs, values, args[1:], "FILE")
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	return withApp(ctx, cfg, func(a *App) error {
		orgID, err := a.orgIDOf(ctx, *org)
		if err != nil {
			return err
		}
		id, version, created, err := a.asmt.AddInstrument(ctx, data, filepath.Base(file), orgID)
		if err != nil {
			return err
		}
		state := "added"
		if !created {
			state = "already present, unchanged"
		}
		fmt.Fprintf(env.Stdout, "%s version %d (%s): id %s\n", strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), version, state, id)
		return nil
	})
}

// runResponses: academy responses import --instrument KEY[@VERSION] [--org SLUG] FILE.csv
func runResponses(ctx context.Context, env Env, args []string) error {
	const use = "responses import --instrument KEY[@VERSION] [--org SLUG] [--skip-invalid] FILE.csv [flags]"
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(env.Stderr, "Usage: academy "+use)
		return errUsage
	}
	fs, values := flagSet(env, "responses import", use)
	inst := fs.String("instrument", "", "instrument key, optionally @version (default: the latest)")
	org := fs.String("org", "", "organisation (slug) the responses belong to")
	skip := fs.Bool("skip-invalid", false, "store the valid rows even if some rows are invalid")
	cfg, file, err := parseWithFile(env, fs, values, args[1:], "FILE.csv")
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	return withApp(ctx, cfg, func(a *App) error {
		orgID, err := a.orgIDOf(ctx, *org)
		if err != nil {
			return err
		}
		instrument, err := a.instrumentVersion(ctx, orgID, *inst)
		if err != nil {
			return err
		}
		report, err := a.asmt.ImportResponses(ctx, assessment.ImportOptions{
			InstrumentID: instrument.ID, OrganisationID: orgID, SkipInvalid: *skip,
		}, f)
		for _, p := range report.Problems {
			where := "line " + strconv.Itoa(p.Line)
			if p.Column != "" {
				where += ", column " + p.Column
			}
			fmt.Fprintf(env.Stderr, "%s: %s %s %s\n", where, p.Code, p.Value, p.Detail)
		}
		fmt.Fprintf(env.Stdout, "%d rows read, %d imported, %d skipped\n", report.Rows, report.Imported, report.Skipped)
		if errors.Is(err, assessment.ErrImportInvalid) {
			return errors.New("nothing was imported: fix the rows above, or use --skip-invalid")
		}
		return err
	})
}

// runPsychometrics: academy psychometrics --instrument KEY[@VERSION] [--org SLUG] [--format json|csv|text]
func runPsychometrics(ctx context.Context, env Env, args []string) error {
	const use = "psychometrics --instrument KEY[@VERSION] [--org SLUG] [--format json|csv|text] [flags]"
	fs, values := flagSet(env, "psychometrics", use)
	inst := fs.String("instrument", "", "instrument key, optionally @version (default: the latest)")
	org := fs.String("org", "", "only this organisation's attempts (slug); empty = all attempts")
	format := fs.String("format", "text", "json, csv or text")
	cfg, err := parse(env, fs, values, args)
	if err != nil {
		return err
	}
	if *format != "json" && *format != "csv" && *format != "text" {
		fmt.Fprintln(env.Stderr, "--format must be json, csv or text")
		return errUsage
	}
	return withApp(ctx, cfg, func(a *App) error {
		orgID, err := a.orgIDOf(ctx, *org)
		if err != nil {
			return err
		}
		instrument, err := a.instrumentVersion(ctx, orgID, *inst)
		if err != nil {
			return err
		}
		rel, err := a.asmt.Psychometrics(ctx, instrument.ID, orgID)
		if err != nil {
			return err
		}
		switch *format {
		case "json":
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rel)
		case "csv":
			return assessment.WriteReliabilityCSV(env.Stdout, rel)
		}
		return writeReliabilityText(env.Stdout, rel)
	})
}

func writeReliabilityText(w io.Writer, rel assessment.Reliability) error {
	fmt.Fprintf(w, "%s version %d: %d completed attempts (item scale %d–%d)\n\n", rel.Key, rel.Version, rel.Attempts, rel.ScaleMin, rel.ScaleMax)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "dimension\tn\tmean\tsd\talpha\tstd alpha\tsem\t")
	for _, d := range rel.Dimensions {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", d.Slug, d.N, f3(d.Mean), f3(d.SD), f3(d.Alpha), f3(d.StdAlpha), f3(d.SEM))
	}
	return tw.Flush()
}

func f3(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(*p, 'f', 3, 64)
}

// parseWithFile parses flags that may stand before or after one positional file argument.
func parseWithFile(env Env, fs *flag.FlagSet, values map[string]*string, args []string, name string) (Config, string, error) {
	var files []string
	for {
		cfg, err := parse(env, fs, values, args)
		if err != nil && !errors.Is(err, errUnexpectedArg) {
			return cfg, "", err
		}
		if err == nil {
			if len(files) != 1 {
				fmt.Fprintln(env.Stderr, "one "+name+" is required")
				fs.Usage()
				return cfg, "", errUsage
			}
			return cfg, files[0], nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// withApp builds the App for a command and closes it afterwards.
func withApp(ctx context.Context, cfg Config, fn func(a *App) error) error {
	a, err := Build(ctx, cfg, cfg.Logger(os.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

// orgIDOf resolves an organisation slug ("" stays "").
func (a *App) orgIDOf(ctx context.Context, slug string) (string, error) {
	if slug == "" {
		return "", nil
	}
	org, err := a.ids.OrganisationBySlug(ctx, slug)
	if err != nil {
		return "", fmt.Errorf("no organisation %q", slug)
	}
	return org.ID, nil
}

// instrumentVersion finds KEY or KEY@VERSION among the instruments the organisation may use.
func (a *App) instrumentVersion(ctx context.Context, orgID, ref string) (assessment.Instrument, error) {
	key, v, hasVersion := strings.Cut(ref, "@")
	if key == "" {
		return assessment.Instrument{}, errors.New("--instrument is required")
	}
	versions, err := a.asmt.InstrumentVersions(ctx, orgID, key)
	if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return assessment.Instrument{}, err
	}
	if len(versions) == 0 {
		return assessment.Instrument{}, fmt.Errorf("no instrument %q", key)
	}
	if !hasVersion {
		latest := versions[0]
		for _, i := range versions {
			if i.Version > latest.Version {
				latest = i
			}
		}
		return latest, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return assessment.Instrument{}, fmt.Errorf("version %q is not a number", v)
	}
	for _, i := range versions {
		if i.Version == n {
			return i, nil
		}
	}
	return assessment.Instrument{}, fmt.Errorf("instrument %q has no version %d", key, n)
}
