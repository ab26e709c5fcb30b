package loadtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// baselineTable is the scratch table of the insert baseline, dropped afterwards.
const baselineTable = "loadtest_insert_baseline"

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+)`)

// InsertBaseline runs pgbench against the PostgreSQL database at dsn with a one-line
// INSERT of an answer-sized row, clients at a time for d, and returns the inserts per
// second: the bare database speed that saving an answer is compared with.
func InsertBaseline(ctx context.Context, gdb *gorm.DB, dsn string, clients int, d time.Duration) (float64, error) {
	pgbench, err := exec.LookPath("pgbench")
	if err != nil {
		return 0, fmt.Errorf("the insert baseline needs pgbench (PostgreSQL's client tools): %w", err)
	}
	gdb = gdb.Session(&gorm.Session{Logger: logger.Discard}) // its DDL is no slow query of Academy's
	create := "CREATE TABLE " + baselineTable + " (attempt_id TEXT NOT NULL, item_id TEXT NOT NULL, value INTEGER, answered_at TIMESTAMP NOT NULL)"
	if err := gdb.WithContext(ctx).Exec(create).Error; err != nil {
		return 0, err
	}
	defer gdb.Exec("DROP TABLE IF EXISTS " + baselineTable)
	dir, err := os.MkdirTemp("", "academy-pgbench")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "insert.sql")
	insert := "INSERT INTO " + baselineTable + " (attempt_id, item_id, value, answered_at) VALUES ('0190c3a8-7f2e-7c3b-9d41-2f6b8e1a5c77', 'gf1', 4, now());\n"
	if err := os.WriteFile(script, []byte(insert), 0o600); err != nil {
		return 0, err
	}
	secs := max(1, int(d.Seconds()))
	cmd := exec.CommandContext(ctx, pgbench, "-n", "-c", strconv.Itoa(clients), "-j", "2", "-T", strconv.Itoa(secs), "-f", script, dsn)
	outBytes, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench: %w: %s", err, outBytes)
	}
	m := tpsLine.FindSubmatch(outBytes)
	if m == nil {
		return 0, fmt.Errorf("pgbench printed no throughput: %s", outBytes)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}
