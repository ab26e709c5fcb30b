package development

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Built-in instrument keys the development domain builds on.
const (
	DefaultSelfInstrument     = "networking-self"
	DefaultObserverInstrument = "networking-observer"
)

// Config holds the development rules an installation may tune.
type Config struct {
	// ObserverTTL is how long an observer link works after it is sent (or resent).
	ObserverTTL time.Duration
	// SelfInstrument and ObserverInstrument are the instrument keys of the self-assessment
	// and of the 360 observer form; they must share dimension slugs.
	SelfInstrument     string
	ObserverInstrument string
	// FollowUpAfter is when a follow-up reminder is due, counted from the event's day, when
	// the attendee gives no date.
	FollowUpAfter time.Duration
	// Now is the clock (UTC); nil means time.Now.
	Now func() time.Time
	// Activity records goals set and achieved and actions logged, in the transactions
	// that store them; nil records nothing.
	Activity activity.Recorder
}

// DefaultConfig returns the rules Academy ships with.
func DefaultConfig() Config {
	return Config{
		ObserverTTL:        21 * 24 * time.Hour,
		SelfInstrument:     DefaultSelfInstrument,
		ObserverInstrument: DefaultObserverInstrument,
		FollowUpAfter:      7 * 24 * time.Hour,
	}
}

// Store reads and writes development data. It is safe for concurrent use.
type Store struct {
	db       *gorm.DB
	cfg      Config
	validate *errs.Validator
	people   *identity.Store
	assess   *assessment.Store
	courses  *courses.Store
}

// NewStore returns a Store over gdb that reads people, assessments and course progress
// through the stores of those domains.
func NewStore(gdb *gorm.DB, cfg Config, people *identity.Store, assess *assessment.Store, cs *courses.Store) *Store {
	def := DefaultConfig()
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ObserverTTL <= 0 {
		cfg.ObserverTTL = def.ObserverTTL
	}
	if cfg.FollowUpAfter <= 0 {
		cfg.FollowUpAfter = def.FollowUpAfter
	}
	if cfg.SelfInstrument == "" {
		cfg.SelfInstrument = def.SelfInstrument
	}
	if cfg.ObserverInstrument == "" {
		cfg.ObserverInstrument = def.ObserverInstrument
	}
	if cfg.Activity == nil {
		cfg.Activity = activity.None{}
	}
	return &Store{db: gdb, cfg: cfg, validate: errs.NewValidator(), people: people, assess: assess, courses: cs}
}

// now is the current time in UTC at the precision both databases keep.
func (s *Store) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// today is the current calendar day at 00:00 UTC.
func (s *Store) today() time.Time { return Day(s.now()) }

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// notFound turns gorm's not-found into errs.ErrNotFound with context.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, errs.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// byID loads one row of T by id; a malformed id is simply not found.
func byID[T any](tx *gorm.DB, what, id string) (T, error) {
	var v T
	if !identity.ValidID(id) {
		return v, fmt.Errorf("%s %q: %w", what, id, errs.ErrNotFound)
	}
	if err := tx.Where("id = ?", id).Take(&v).Error; err != nil {
		return v, notFound(err, what+" "+id)
	}
	return v, nil
}

// forbidden is errs.ErrForbidden with a reason.
func forbidden(reason string) error { return fmt.Errorf("%s: %w", reason, errs.ErrForbidden) }

// newToken returns a random secret with 256 bits of entropy, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is how link tokens are stored: a SHA-256 in hex (tokens are random, so no salt
// or slow hash is needed).
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
