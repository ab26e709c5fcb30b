package xapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/activity"
)

// Delivery states of a statement; a statement recorded without an LRS has none.
const (
	Pending  = "pending"
	Sent     = "sent"
	Rejected = "rejected"
)

// Config is how statements are made and where they go.
type Config struct {
	Builder
	// LRS is the learning record store statements are delivered to; without an Endpoint
	// nothing is queued.
	LRS LRSConfig
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// LRSConfig says where and how statements are delivered.
type LRSConfig struct {
	// Endpoint is the LRS's xAPI address, such as https://lrs.example.com/xapi;
	// statements are posted to {Endpoint}/statements. "" delivers nothing.
	Endpoint string
	// Username and Password are sent with HTTP Basic authentication when Username is set.
	Username, Password string
	// Interval is how often pending statements are looked for, and the first pause after a
	// failed delivery (pauses then double, up to MaxBackoff).
	Interval time.Duration
	// Timeout bounds one request to the LRS.
	Timeout time.Duration
	// BatchSize is the most statements posted in one request.
	BatchSize int
}

// Defaults of LRSConfig.
const (
	DefaultInterval  = 10 * time.Second
	DefaultTimeout   = 30 * time.Second
	DefaultBatchSize = 50
	// MaxBackoff is the longest pause between deliveries while the LRS fails.
	MaxBackoff = 10 * time.Minute
)

// Enabled reports whether statements are delivered.
func (c LRSConfig) Enabled() bool { return c.Endpoint != "" }

// Store keeps statements: it records events as statements (an activity.Recorder), lists
// an organisation's statements, exports and erases a person's, and keeps the outbox of
// statements waiting for the LRS. It is safe for concurrent use.
type Store struct {
	db  *gorm.DB
	cfg Config
}

// NewStore returns a Store over gdb; zero LRS settings take the defaults.
func NewStore(gdb *gorm.DB, cfg Config) *Store {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.LRS.Interval <= 0 {
		cfg.LRS.Interval = DefaultInterval
	}
	if cfg.LRS.Timeout <= 0 {
		cfg.LRS.Timeout = DefaultTimeout
	}
	if cfg.LRS.BatchSize <= 0 {
		cfg.LRS.BatchSize = DefaultBatchSize
	}
	return &Store{db: gdb, cfg: cfg}
}

// Config returns the store's configuration, defaults applied.
func (s *Store) Config() Config { return s.cfg }

func (s *Store) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

type statementRow struct {
	ID             string
	EventID        string
	Kind           string
	OrganisationID *string
	UserID         string
	At             time.Time
	Statement      string
	Delivery       *string
	Attempts       int
	Error          string
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
	SentAt         *time.Time
}

func (statementRow) TableName() string { return "xapi_statements" }

// Record implements activity.Recorder: it writes the statement of e with tx, pending
// delivery when an LRS is configured. The learner's organisation (and, to identify them
// by mbox, email address) comes from one query on their row. An event recorded again
// (same id) changes nothing.
func (s *Store) Record(tx *gorm.DB, e activity.Event) error {
	var u struct {
		OrganisationID *string
		Email          string
	}
	if err := tx.Table("users").Select("organisation_id", "email").Where("id = ?", e.UserID).Take(&u).Error; err != nil {
		return fmt.Errorf("xapi statement of %s: user %s: %w", e.ID, e.UserID, err)
	}
	st, err := s.cfg.Build(e, u.Email)
	if err != nil {
		return err
	}
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	row := statementRow{ID: st.ID, EventID: e.ID, Kind: string(e.Kind), OrganisationID: u.OrganisationID,
		UserID: e.UserID, At: e.At.UTC().Truncate(time.Millisecond), Statement: string(data), CreatedAt: s.now()}
	if s.cfg.LRS.Enabled() {
		pending := Pending
		row.Delivery = &pending
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// ExportUser returns every statement about the person, oldest first, for their data
// export.
func (s *Store) ExportUser(ctx context.Context, userID string) ([]json.RawMessage, error) {
	var rows []statementRow
	err := s.conn(ctx).Select("statement").Where("user_id = ?", userID).Order("at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("export xapi statements: %w", err)
	}
	out := make([]json.RawMessage, len(rows))
	for i, r := range rows {
		out[i] = json.RawMessage(r.Statement)
	}
	return out, nil
}

// EraseUser deletes every statement about the person, delivered or not, with tx (the
// erasure's transaction). Statements already delivered stay in the LRS: erasing them
// there is the LRS operator's task (docs/operations.md).
func (s *Store) EraseUser(tx *gorm.DB, userID string) error {
	if userID == "" {
		return errors.New("erase xapi statements: no user")
	}
	if err := tx.Where("user_id = ?", userID).Delete(&statementRow{}).Error; err != nil {
		return fmt.Errorf("erase xapi statements: %w", err)
	}
	return nil
}
