// Package activitytest gives tests of the stores that record activity a Recorder that
// keeps what it is given.
package activitytest

import (
	"database/sql"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
)

// Recorder keeps the events it is given and fails the test when one is recorded outside
// a transaction; with Fail set it refuses every event with that error instead.
type Recorder struct {
	T    testing.TB
	Fail error

	mu     sync.Mutex
	events []activity.Event
}

// Record implements activity.Recorder.
func (r *Recorder) Record(tx *gorm.DB, e activity.Event) error {
	if _, ok := tx.Statement.ConnPool.(*sql.Tx); !ok {
		r.T.Errorf("event %s recorded outside a transaction", e.ID)
	}
	if r.Fail != nil {
		return r.Fail
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

// Events returns every event recorded so far, in order.
func (r *Recorder) Events() []activity.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]activity.Event(nil), r.events...)
}

// Of returns the events of one kind, in order.
func (r *Recorder) Of(kind activity.Kind) []activity.Event {
	var out []activity.Event
	for _, e := range r.Events() {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}
