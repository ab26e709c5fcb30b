package courses

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/errs"
)

// Store reads and writes course content and learners' progress. It is safe for
// concurrent use.
type Store struct {
	db      *gorm.DB
	now     func() time.Time
	mu      sync.Mutex // guards shuffle when it uses an injected source
	shuffle func(n int, swap func(i, j int))
	content contentCache
	// activity records lesson, module and quiz events in the transactions that make them.
	activity activity.Recorder
}

// StoreOption tunes a Store.
type StoreOption func(*Store)

// WithClock makes the Store read the time from now (tests).
func WithClock(now func() time.Time) StoreOption {
	return func(s *Store) { s.now = now }
}

// WithRand makes the Store shuffle attempts with r, so tests can predict the orders. The
// Store serialises its use of r.
func WithRand(r *rand.Rand) StoreOption {
	return func(s *Store) { s.shuffle = r.Shuffle }
}

// WithActivity makes the Store record what learners complete (lessons, modules, quiz
// attempts) with r, inside the transaction that stores it. Without it nothing is recorded.
func WithActivity(r activity.Recorder) StoreOption {
	return func(s *Store) {
		if r != nil {
			s.activity = r
		}
	}
}

// NewStore returns a Store over gdb. By default it uses the system clock and the
// automatically seeded generator of math/rand/v2 (shuffling needs no cryptographic
// quality).
func NewStore(gdb *gorm.DB, opts ...StoreOption) *Store {
	s := &Store{db: gdb, now: time.Now, shuffle: rand.Shuffle, content: contentCache{ttl: DefaultContentTTL},
		activity: activity.None{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// clock returns the current time in UTC at the precision both databases keep.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// permutation returns a random order of 0…n-1.
func (s *Store) permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// notFound turns gorm's not-found into errs.ErrNotFound with context.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, errs.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// conflict is a sentinel error that is an errs.ErrConflict. Being a string type, its
// values are constants and compare equal with errors.Is.
type conflict string

func (c conflict) Error() string { return string(c) }
func (c conflict) Unwrap() error { return errs.ErrConflict }

// Errors a learner can cause; each is an errs.ErrConflict.
const (
	// ErrNoAttemptsLeft: the quiz's attempt limit is reached.
	ErrNoAttemptsLeft = conflict("no attempts left for this quiz")
	// ErrAttemptSubmitted: the attempt was already submitted and can no longer change.
	ErrAttemptSubmitted = conflict("the attempt has already been submitted")
	// ErrAttemptOpen: the attempt is not submitted yet, so there is nothing to review.
	ErrAttemptOpen = conflict("the attempt has not been submitted yet")
)
