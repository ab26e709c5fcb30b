// Package db opens Academy's database, SQLite (embedded, pure Go) or PostgreSQL, from a
// URL, and applies the embedded, versioned migrations. Both databases get the same schema
// from the same migration files.
package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/libtnb/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Kind names a supported database engine.
type Kind string

// The supported engines.
const (
	SQLite   Kind = "sqlite"
	Postgres Kind = "postgres"
)

// DefaultSQLitePath is where the database lives when no URL is configured.
const DefaultSQLitePath = "data/academy.db"

// Target is a parsed database URL.
type Target struct {
	Kind Kind
	// DSN is what the driver receives: a file path with pragmas for SQLite, the URL for
	// PostgreSQL.
	DSN string
	// Path is the SQLite file (empty for PostgreSQL).
	Path string
}

// ErrBadURL is returned for a database URL that names no supported engine.
var ErrBadURL = errors.New("database URL must be empty, sqlite:PATH or postgres://…")

// ParseURL understands "" (SQLite at DefaultSQLitePath), "sqlite:PATH" and
// "postgres://…" / "postgresql://…".
func ParseURL(raw string) (Target, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return sqliteTarget(DefaultSQLitePath), nil
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//")
		if path == "" || strings.Contains(path, "?") || path == ":memory:" {
			return Target{}, fmt.Errorf("%w: sqlite needs a file path without options", ErrBadURL)
		}
		return sqliteTarget(path), nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		return Target{Kind: Postgres, DSN: raw}, nil
	default:
		return Target{}, ErrBadURL
	}
}

func sqliteTarget(path string) Target {
	// WAL lets readers run beside the single writer; immediate transactions take the write
	// lock up front so concurrent writers wait (busy_timeout) instead of failing mid-way.
	dsn := path + "?_txlock=immediate" +
		"&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"
	return Target{Kind: SQLite, DSN: dsn, Path: path}
}

// Open connects to the database named by t. It creates the SQLite file's folder if needed.
func Open(ctx context.Context, t Target, log *slog.Logger) (*gorm.DB, error) {
	var dialector gorm.Dialector
	switch t.Kind {
	case SQLite:
		if dir := filepath.Dir(t.Path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		dialector = sqlite.Open(t.DSN)
	case Postgres:
		dialector = postgres.Open(t.DSN)
	default:
		return nil, ErrBadURL
	}
	gdb, err := gorm.Open(dialector, &gorm.Config{
		NowFunc:                func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		TranslateError:         true,
		SkipDefaultTransaction: true,
		Logger: logger.NewSlogLogger(log, logger.Config{
			SlowThreshold:             200 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
		}),
	})
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", t.Kind, err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	if t.Kind == SQLite {
		sqlDB.SetMaxOpenConns(8)
	} else {
		sqlDB.SetMaxOpenConns(25)
		sqlDB.SetMaxIdleConns(25)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to %s database: %w", t.Kind, err)
	}
	return gdb, nil
}

// KindOf reports which engine gdb talks to.
func KindOf(gdb *gorm.DB) Kind {
	if gdb.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

// Close closes the underlying connection pool.
func Close(gdb *gorm.DB) error {
	sqlDB, err := gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}
