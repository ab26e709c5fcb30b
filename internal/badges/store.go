package badges

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// Config is what a Store needs to know about the installation.
type Config struct {
	// BaseURL is Academy's public address (no trailing slash): every credential, issuer
	// profile and revocation list is published under it.
	BaseURL string
	// Secret is the installation's secret; the issuers' private keys are sealed with a key
	// derived from it.
	Secret []byte
	// Now is the clock (tests); nil means the system clock.
	Now func() time.Time
}

// Store issues, lists, revokes and verifies badges, and keeps the issuers' keys. It is
// safe for concurrent use.
type Store struct {
	db        *gorm.DB
	cfg       Config
	sealer    cipher.AEAD
	validate  *errs.Validator
	catalogue atomic.Pointer[Catalogue]
}

// NewStore returns a Store over gdb.
func NewStore(gdb *gorm.DB, cfg Config) (*Store, error) {
	if len(cfg.Secret) < 16 {
		return nil, errors.New("badges: the installation secret is missing or too short")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	// The sealing key is derived from the installation secret for this one purpose, so the
	// secret itself is never used for two things.
	mac := hmac.New(sha256.New, cfg.Secret)
	mac.Write([]byte("academy badges: issuer private keys v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, err
	}
	sealer, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Store{db: gdb, cfg: cfg, sealer: sealer, validate: errs.NewValidator()}, nil
}

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// now is the current time in UTC at the precision both databases keep.
func (s *Store) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// notFound turns gorm's not-found into errs.ErrNotFound with context.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, errs.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// The public addresses of what the Store publishes.

// CredentialURL is a badge's id and public page.
func (s *Store) CredentialURL(badgeID string) string { return s.cfg.BaseURL + "/badges/" + badgeID }

// IssuerURL is the id of an organisation as issuer, and the address of its profile.
func (s *Store) IssuerURL(orgID string) string { return s.cfg.BaseURL + "/orgs/" + orgID + "/issuer" }

// StatusListURL is the address of an organisation's revocation list.
func (s *Store) StatusListURL(orgID string) string {
	return s.cfg.BaseURL + "/orgs/" + orgID + "/badges/status"
}

// keyURL is the verification method of an organisation's key number n.
func (s *Store) keyURL(orgID string, n int) string {
	return fmt.Sprintf("%s#key-%d", s.IssuerURL(orgID), n)
}

// achievementURL is the id of a module's achievement: the module's page.
func (s *Store) achievementURL(slug string) string { return s.cfg.BaseURL + "/modules/" + slug }

// dimensionURL is where a competency-model dimension is described publicly.
func (s *Store) dimensionURL(slug string) string { return s.cfg.BaseURL + "/competencies#" + slug }
