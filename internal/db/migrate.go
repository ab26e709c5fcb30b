package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrate applies every pending migration, each in its own transaction. On PostgreSQL an
// advisory lock makes concurrent starts of several instances safe.
func Migrate(ctx context.Context, gdb *gorm.DB) ([]string, error) {
	provider, err := newProvider(gdb)
	if err != nil {
		return nil, err
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied := make([]string, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// MigrationVersion returns the version of the newest applied migration.
func MigrationVersion(ctx context.Context, gdb *gorm.DB) (int64, error) {
	provider, err := newProvider(gdb)
	if err != nil {
		return 0, err
	}
	return provider.GetDBVersion(ctx)
}

func newProvider(gdb *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	files, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if KindOf(gdb) == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, sqlDB, files, opts...)
}
