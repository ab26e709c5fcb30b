// Package dbtest gives each test a fresh, migrated database: always SQLite, and PostgreSQL
// too when ACADEMY_TEST_POSTGRES_URL is set. When that variable is set, an unreachable
// PostgreSQL fails the test instead of skipping it.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db"
)

// PostgresURLEnv names the variable that switches PostgreSQL tests on.
const PostgresURLEnv = "ACADEMY_TEST_POSTGRES_URL"

// Each runs fn once per available database kind, as subtests named "sqlite" and
// "postgres", each with its own freshly migrated database.
func Each(t *testing.T, fn func(t *testing.T, gdb *gorm.DB)) {
	t.Helper()
	for _, kind := range Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			fn(t, New(t, kind))
		})
	}
}

// Kinds lists the database kinds this test run covers.
func Kinds() []db.Kind {
	kinds := []db.Kind{db.SQLite}
	if os.Getenv(PostgresURLEnv) != "" {
		kinds = append(kinds, db.Postgres)
	}
	return kinds
}

// New returns a fresh, migrated database of the given kind, removed when the test ends.
func New(t testing.TB, kind db.Kind) *gorm.DB {
	t.Helper()
	target := Target(t, kind)
	ctx := context.Background()
	gdb, err := db.Open(ctx, target, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open %s test database: %v", kind, err)
	}
	t.Cleanup(func() { _ = db.Close(gdb) })
	if _, err := db.Migrate(ctx, gdb); err != nil {
		t.Fatalf("migrate %s test database: %v", kind, err)
	}
	return gdb
}

// Target returns the location of a new, empty database of the given kind: a file in the
// test's temporary folder, or a new PostgreSQL schema dropped when the test ends.
func Target(t testing.TB, kind db.Kind) db.Target {
	t.Helper()
	if kind == db.SQLite {
		target, err := db.ParseURL("sqlite:" + filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return target
	}
	base := os.Getenv(PostgresURLEnv)
	if base == "" {
		t.Skipf("%s is not set", PostgresURLEnv)
	}
	schema := "t_" + randomHex(8)
	admin, err := db.Open(context.Background(), db.Target{Kind: db.Postgres, DSN: base}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("PostgreSQL at %s is required but unreachable: %v", PostgresURLEnv, err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_ = admin.Exec("DROP SCHEMA " + schema + " CASCADE").Error
		_ = db.Close(admin)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return db.Target{Kind: db.Postgres, DSN: u.String()}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
