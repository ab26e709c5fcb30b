package app

import (
	"context"
	"fmt"
)

// runBadges: academy badges rotate-key --org SLUG
func runBadges(ctx context.Context, env Env, args []string) error {
	const use = "badges rotate-key --org SLUG [flags]"
	if len(args) == 0 || args[0] != "rotate-key" {
		fmt.Fprintln(env.Stderr, "Usage: academy "+use)
		return errUsage
	}
	fs, values := flagSet(env, "badges rotate-key", use)
	org := fs.String("org", "", "the organisation whose badge-signing key is replaced (slug; required)")
	cfg, err := parse(env, fs, values, args[1:])
	if err != nil {
		return err
	}
	if *org == "" {
		fmt.Fprintln(env.Stderr, "--org is required")
		return errUsage
	}
	return withApp(ctx, cfg, func(a *App) error {
		orgID, err := a.orgIDOf(ctx, *org)
		if err != nil {
			return err
		}
		key, err := a.badges.RotateKey(ctx, orgID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: new badges are signed with key %d (%s)\n", *org, key.Number, key.ID)
		if key.Number > 1 {
			fmt.Fprintf(env.Stdout, "keys 1 to %d stay published, so badges signed with them still verify\n", key.Number-1)
		}
		return nil
	})
}
