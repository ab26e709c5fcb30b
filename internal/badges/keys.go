package badges

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/badges/dataintegrity"
	"github.com/academy-platform/academy/internal/identity"
)

// Key is one of an organisation's issuer keys, as its profile publishes it.
type Key struct {
	Number int
	// ID is the key's verification method: {issuer}#key-N.
	ID string
	// PublicKeyMultibase is the Ed25519 public key as a Multikey ("z6Mk…").
	PublicKeyMultibase string
	CreatedAt          time.Time
	// RetiredAt is when a newer key took over signing; nil for the key in use.
	RetiredAt *time.Time
}

// Keys lists an organisation's issuer keys, oldest first. An organisation that never
// issued a badge has none.
func (s *Store) Keys(ctx context.Context, orgID string) ([]Key, error) {
	var rows []issuerKey
	if err := s.conn(ctx).Where("organisation_id = ?", orgID).Order("number").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Key, 0, len(rows))
	for _, k := range rows {
		out = append(out, s.key(k))
	}
	return out, nil
}

func (s *Store) key(k issuerKey) Key {
	return Key{Number: k.Number, ID: s.keyURL(k.OrganisationID, k.Number), PublicKeyMultibase: k.PublicKey,
		CreatedAt: k.CreatedAt.UTC(), RetiredAt: k.RetiredAt}
}

// RotateKey gives the organisation a new signing key: badges issued from now on are signed
// with it, and the keys before it stay published so that earlier badges still verify.
func (s *Store) RotateKey(ctx context.Context, orgID string) (Key, error) {
	var k issuerKey
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		var last int
		if err := tx.Model(&issuerKey{}).Where("organisation_id = ?", orgID).
			Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
			return err
		}
		now := s.now()
		if err := tx.Model(&issuerKey{}).Where("organisation_id = ? AND retired_at IS NULL", orgID).
			Update("retired_at", now).Error; err != nil {
			return err
		}
		var err error
		k, err = s.newKey(orgID, last+1, now)
		if err != nil {
			return err
		}
		return tx.Create(&k).Error
	})
	if err != nil {
		return Key{}, fmt.Errorf("rotate the issuer key of %s: %w", orgID, err)
	}
	return s.key(k), nil
}

// signingKey returns the organisation's newest key with its private key, creating the
// organisation's first key on first need. Two transactions creating the first key at once
// agree on one: the second insert does nothing and reads the first.
func (s *Store) signingKey(tx *gorm.DB, orgID string) (issuerKey, ed25519.PrivateKey, error) {
	k, err := newestKey(tx, orgID)
	if errors.Is(err, gorm.ErrRecordNotFound) {
		first, kerr := s.newKey(orgID, 1, s.now())
		if kerr != nil {
			return k, nil, kerr
		}
		conflict := clause.OnConflict{Columns: []clause.Column{{Name: "organisation_id"}, {Name: "number"}}, DoNothing: true}
		if err := tx.Clauses(conflict).Create(&first).Error; err != nil {
			return k, nil, err
		}
		k, err = newestKey(tx, orgID)
	}
	if err != nil {
		return k, nil, fmt.Errorf("issuer key of %s: %w", orgID, err)
	}
	priv, err := s.open(k)
	return k, priv, err
}

func newestKey(tx *gorm.DB, orgID string) (issuerKey, error) {
	var k issuerKey
	err := tx.Where("organisation_id = ?", orgID).Order("number DESC").Limit(1).Take(&k).Error
	return k, err
}

// newKey makes key number n of the organisation, its private key sealed.
func (s *Store) newKey(orgID string, n int, now time.Time) (issuerKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return issuerKey{}, err
	}
	k := issuerKey{ID: identity.NewID(), OrganisationID: orgID, Number: n,
		PublicKey: dataintegrity.EncodePublicKey(pub), CreatedAt: now}
	k.PrivateKey = s.seal(priv.Seed(), k)
	return k, nil
}

// seal encrypts a private key's seed with AES-256-GCM; the key's id and organisation are
// the additional data, so a sealed key copied to another row does not open.
func (s *Store) seal(seed []byte, k issuerKey) string {
	nonce := make([]byte, s.sealer.NonceSize())
	_, _ = rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(s.sealer.Seal(nonce, nonce, seed, []byte(k.ID+"/"+k.OrganisationID)))
}

// open decrypts a key's private key and checks it belongs to the published public key.
func (s *Store) open(k issuerKey) (ed25519.PrivateKey, error) {
	sealed, err := base64.StdEncoding.DecodeString(k.PrivateKey)
	n := s.sealer.NonceSize()
	if err != nil || len(sealed) < n {
		return nil, fmt.Errorf("issuer key %s: sealed key is malformed", k.ID)
	}
	seed, err := s.sealer.Open(nil, sealed[:n], sealed[n:], []byte(k.ID+"/"+k.OrganisationID))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("issuer key %s: cannot be opened with this installation's secret", k.ID)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	if dataintegrity.EncodePublicKey(priv.Public().(ed25519.PublicKey)) != k.PublicKey {
		return nil, fmt.Errorf("issuer key %s: private key does not match the public key", k.ID)
	}
	return priv, nil
}

// publicKey returns key number n of the organisation.
func (s *Store) publicKey(ctx context.Context, orgID string, n int) (ed25519.PublicKey, error) {
	var k issuerKey
	if err := s.conn(ctx).Where("organisation_id = ? AND number = ?", orgID, n).Take(&k).Error; err != nil {
		return nil, notFound(err, fmt.Sprintf("key %d of %s", n, orgID))
	}
	return dataintegrity.DecodePublicKey(k.PublicKey)
}
