package assessment

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
)

// DefaultMinNormGroup is the smallest reference group whose percentiles are shown.
const DefaultMinNormGroup = 10

// Config holds the assessment rules an installation may tune.
type Config struct {
	// MinNormGroup is the smallest reference group for which percentiles are reported;
	// smaller groups are hidden so that nobody can infer others' scores. At least 2.
	MinNormGroup int
	// ReliabilityRefresh is how long the reliability behind growth (the RCI) is reused
	// without even checking whether attempts were added: computing it, and checking, read
	// every submitted attempt of the instrument version, which grows with the platform.
	// After it, the set of attempts is checked and the reliability recomputed if it
	// changed. Zero checks on every use.
	ReliabilityRefresh time.Duration
	// Now is the clock (UTC); nil means time.Now.
	Now func() time.Time
	// Activity records each submitted attempt, in the transaction that scores it; nil
	// records nothing.
	Activity activity.Recorder
}

// DefaultConfig returns the rules Academy ships with.
func DefaultConfig() Config {
	return Config{MinNormGroup: DefaultMinNormGroup, ReliabilityRefresh: time.Minute}
}

// Store reads and writes assessment data.
type Store struct {
	db  *gorm.DB
	cfg Config
	// defs caches parsed definitions by instrument row id; rows never change.
	defs sync.Map
	// reliability caches, by instrument row id, the reliability that growth uses, with the
	// stamp of the attempts it was computed over (see currentReliability).
	reliability sync.Map
}

// NewStore returns a Store over gdb.
func NewStore(gdb *gorm.DB, cfg Config) *Store {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MinNormGroup < 2 {
		cfg.MinNormGroup = DefaultMinNormGroup
	}
	if cfg.Activity == nil {
		cfg.Activity = activity.None{}
	}
	return &Store{db: gdb, cfg: cfg}
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

// definition returns the parsed definition of an instrument row, from the cache or tx.
func (s *Store) definition(tx *gorm.DB, instrumentID string) (*instrument.Definition, error) {
	if d, ok := s.defs.Load(instrumentID); ok {
		return d.(*instrument.Definition), nil
	}
	var row instrumentRow
	if err := tx.Select("id", "definition").Where("id = ?", instrumentID).Take(&row).Error; err != nil {
		return nil, notFound(err, "instrument "+instrumentID)
	}
	def, err := instrument.Decode([]byte(row.Definition))
	if err != nil {
		return nil, fmt.Errorf("instrument %s: stored definition: %w", instrumentID, err)
	}
	s.defs.Store(instrumentID, def)
	return def, nil
}

// optional returns a pointer to v, or nil for "".
func optional(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// deref returns *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
