package app

import "context"

// Tidy runs one round of housekeeping at once, for tests.
func (a *App) Tidy(ctx context.Context) { a.tidy(ctx) }
