package db_test

import (
	"context"
	"os"
	"reflect"
	"sort"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		in   string
		kind db.Kind
		path string
		bad  bool
	}{
		{in: "", kind: db.SQLite, path: db.DefaultSQLitePath},
		{in: "sqlite:/tmp/x.db", kind: db.SQLite, path: "/tmp/x.db"},
		{in: "sqlite://rel/x.db", kind: db.SQLite, path: "rel/x.db"},
		{in: "postgres://u@h/db", kind: db.Postgres},
		{in: "postgresql://u@h/db?sslmode=disable", kind: db.Postgres},
		{in: "mysql://u@h/db", bad: true},
		{in: "sqlite:", bad: true},
		{in: "sqlite::memory:", bad: true},
		{in: "/tmp/x.db", bad: true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := db.ParseURL(c.in)
			if c.bad {
				if err == nil {
					t.Fatalf("ParseURL(%q) = %+v, want an error", c.in, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind != c.kind || got.Path != c.path {
				t.Fatalf("ParseURL(%q) = %+v, want kind %s path %q", c.in, got, c.kind, c.path)
			}
		})
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		applied, err := db.Migrate(context.Background(), gdb)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %v", applied)
		}
		v, err := db.MigrationVersion(context.Background(), gdb)
		if err != nil || v < 1 {
			t.Fatalf("version = %d, %v", v, err)
		}
	})
}

// TestSameSchemaOnBothDatabases compares the tables and columns that the migrations create
// on SQLite and on PostgreSQL.
func TestSameSchemaOnBothDatabases(t *testing.T) {
	if os.Getenv(dbtest.PostgresURLEnv) == "" {
		t.Skipf("%s is not set", dbtest.PostgresURLEnv)
	}
	lite := columns(t, dbtest.New(t, db.SQLite))
	pg := columns(t, dbtest.New(t, db.Postgres))
	if !reflect.DeepEqual(lite, pg) {
		t.Fatalf("schemas differ:\nsqlite:   %v\npostgres: %v", lite, pg)
	}
}

func columns(t *testing.T, gdb *gorm.DB) map[string][]string {
	t.Helper()
	tables, err := gdb.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, table := range tables {
		if table == "goose_db_version" {
			continue
		}
		cols, err := gdb.Migrator().ColumnTypes(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			nullable, _ := c.Nullable()
			name := c.Name()
			if nullable {
				name += "?"
			}
			out[table] = append(out[table], name)
		}
		sort.Strings(out[table])
	}
	return out
}
