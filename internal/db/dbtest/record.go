package dbtest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Recorder is a GORM logger that keeps every statement sent, with its values in place.
// Put it in a *gorm.DB's Config.Logger, or use Record.
type Recorder struct {
	mu   sync.Mutex
	sqls []string
}

// Record returns the statements gdb sends while fn runs.
func Record(gdb *gorm.DB, fn func()) []string {
	rec := &Recorder{}
	saved := gdb.Config.Logger
	gdb.Config.Logger = rec
	defer func() { gdb.Config.Logger = saved }()
	fn()
	return rec.Statements()
}

// Statements returns the statements recorded so far, in order.
func (r *Recorder) Statements() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.sqls)
}

// LogMode implements logger.Interface.
func (r *Recorder) LogMode(logger.LogLevel) logger.Interface { return r }

// Info implements logger.Interface; it keeps nothing.
func (r *Recorder) Info(context.Context, string, ...any) {}

// Warn implements logger.Interface; it keeps nothing.
func (r *Recorder) Warn(context.Context, string, ...any) {}

// Error implements logger.Interface; it keeps nothing.
func (r *Recorder) Error(context.Context, string, ...any) {}

// Trace implements logger.Interface: it keeps the statement.
func (r *Recorder) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	stmt, _ := fc()
	r.mu.Lock()
	r.sqls = append(r.sqls, strings.TrimSpace(stmt))
	r.mu.Unlock()
}
