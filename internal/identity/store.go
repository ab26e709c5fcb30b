package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// Config holds the identity rules that an installation may tune.
type Config struct {
	SessionIdle     time.Duration // a session ends after this long without a request
	SessionAbsolute time.Duration // and in any case this long after sign-in
	InvitationTTL   time.Duration // how long an invitation link works
	LoginWindow     time.Duration // failed sign-ins are counted over this window
	LoginMaxAccount int           // failures allowed per account in the window
	LoginMaxAddress int           // failures allowed per client address in the window
	Now             func() time.Time
}

// DefaultConfig returns the rules Academy ships with.
func DefaultConfig() Config {
	return Config{
		SessionIdle:     2 * time.Hour,
		SessionAbsolute: 7 * 24 * time.Hour,
		InvitationTTL:   7 * 24 * time.Hour,
		LoginWindow:     15 * time.Minute,
		LoginMaxAccount: 5,
		LoginMaxAddress: 30,
	}
}

// Store reads and writes identity data.
type Store struct {
	db       *gorm.DB
	cfg      Config
	validate *errs.Validator
	dummy    func() string
}

// NewStore returns a Store over gdb.
func NewStore(gdb *gorm.DB, cfg Config) *Store {
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return time.Now().UTC() }
	}
	return &Store{
		db:       gdb,
		cfg:      cfg,
		validate: errs.NewValidator(),
		// Checked against when an account does not exist, so that a wrong email takes as
		// long as a wrong password.
		dummy: sync.OnceValue(func() string { return HashPassword("no account has this password") }),
	}
}

func (s *Store) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// notFound turns gorm's not-found into errs.ErrNotFound with context.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, errs.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// byID loads one row of T by its id; a malformed id is simply not found.
func byID[T any](ctx context.Context, s *Store, what, id string) (T, error) {
	var v T
	if !ValidID(id) {
		return v, fmt.Errorf("%s %q: %w", what, id, errs.ErrNotFound)
	}
	if err := s.conn(ctx).Where("id = ?", id).Take(&v).Error; err != nil {
		return v, notFound(err, what+" "+id)
	}
	return v, nil
}

// NormaliseEmail trims and lower-cases an email address.
func NormaliseEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}
