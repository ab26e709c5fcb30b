package identity

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"gorm.io/gorm/clause"
)

// SigningKey returns the installation's secret key for signing (CSRF tokens), creating it
// on first use. Every instance that shares the database shares the key.
func (s *Store) SigningKey(ctx context.Context) ([]byte, error) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	candidate := setting{Key: "signing_key", Value: hex.EncodeToString(b)}
	if err := s.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&candidate).Error; err != nil {
		return nil, err
	}
	var stored setting
	if err := s.conn(ctx).Where("key = ?", "signing_key").Take(&stored).Error; err != nil {
		return nil, err
	}
	return hex.DecodeString(stored.Value)
}
