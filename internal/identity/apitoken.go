package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// apiTokenPrefix marks Academy tokens so that secret scanners and people recognise them.
const apiTokenPrefix = "acd_"

// APITokenInput names a new token.
type APITokenInput struct {
	Name string `form:"name" json:"name" validate:"required,max=100"`
}

// CreateAPIToken makes a personal API token and returns it in clear, once; only its hash
// is kept.
func (s *Store) CreateAPIToken(ctx context.Context, userID string, in APITokenInput) (APIToken, string, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Struct(in); err != nil {
		return APIToken{}, "", err
	}
	secret := apiTokenPrefix + newToken()
	t := APIToken{
		ID: NewID(), UserID: userID, Name: in.Name, Prefix: secret[:len(apiTokenPrefix)+6],
		TokenHash: hashToken(secret), CreatedAt: s.now(),
	}
	if err := s.conn(ctx).Create(&t).Error; err != nil {
		return APIToken{}, "", err
	}
	return t, secret, nil
}

// APITokens lists a person's tokens, newest first, revoked ones included.
func (s *Store) APITokens(ctx context.Context, userID string) ([]APIToken, error) {
	var out []APIToken
	err := s.conn(ctx).Where("user_id = ?", userID).Order("created_at DESC").Find(&out).Error
	return out, err
}

// RevokeAPIToken stops a token from working. Only its owner can revoke it.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, tokenID string) error {
	res := s.conn(ctx).Model(&APIToken{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", tokenID, userID).
		Update("revoked_at", s.now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("api token %s: %w", tokenID, errs.ErrNotFound)
	}
	return nil
}

// APITokenUser returns the active user behind a bearer token that has not been revoked.
func (s *Store) APITokenUser(ctx context.Context, secret string) (User, error) {
	if !strings.HasPrefix(secret, apiTokenPrefix) {
		return User{}, fmt.Errorf("api token: %w", errs.ErrUnauthenticated)
	}
	// One query for the token and its (active) person: it runs on every API request.
	var row struct {
		User       `gorm:"embedded"`
		TokenID    string
		LastUsedAt *time.Time
	}
	err := s.conn(ctx).Table("api_tokens").
		Select("users.*, api_tokens.id AS token_id, api_tokens.last_used_at AS last_used_at").
		Joins("JOIN users ON users.id = api_tokens.user_id AND users.active").
		Where("api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL", hashToken(secret)).
		Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, fmt.Errorf("api token: %w", errs.ErrUnauthenticated)
	}
	if err != nil {
		return User{}, err
	}
	u, t := row.User, APIToken{ID: row.TokenID, LastUsedAt: row.LastUsedAt}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if err := s.conn(ctx).Model(&APIToken{}).Where("id = ?", t.ID).Update("last_used_at", now).Error; err != nil {
			return User{}, err
		}
	}
	return u, nil
}
