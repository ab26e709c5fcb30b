package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// ErrBadCredentials is returned for a wrong email or password, without saying which.
var ErrBadCredentials = fmt.Errorf("wrong email or password: %w", errs.ErrUnauthenticated)

// RateLimitError says that sign-in is paused for a subject, and for how long.
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again in %s", e.RetryAfter.Round(time.Second))
}

// Unwrap makes errors.Is(err, errs.ErrRateLimited) true.
func (e *RateLimitError) Unwrap() error { return errs.ErrRateLimited }

// Authenticate checks an email and password. Failures are counted per account and per
// client address; past the limits, sign-in is refused for the rest of the window even with
// the right password. Deactivated and not-yet-activated accounts cannot sign in.
func (s *Store) Authenticate(ctx context.Context, email, password string, client ClientInfo) (User, error) {
	email = NormaliseEmail(email)
	subjects := []string{"account:" + email, "address:" + client.IP}
	if err := s.checkLoginRate(ctx, subjects); err != nil {
		return User{}, err
	}
	var u User
	err := s.conn(ctx).Where("email = ?", email).Take(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, err
	}
	ok := false
	if err == nil && u.PasswordHash != nil {
		ok = CheckPassword(*u.PasswordHash, password)
	} else {
		CheckPassword(s.dummy(), password)
	}
	if !ok || !u.Active {
		if err := s.recordLoginFailure(ctx, subjects); err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	}
	err = s.conn(ctx).Where("subject = ?", subjects[0]).Delete(&loginFailure{}).Error
	return u, err
}

func (s *Store) checkLoginRate(ctx context.Context, subjects []string) error {
	since := s.now().Add(-s.cfg.LoginWindow)
	limits := []int{s.cfg.LoginMaxAccount, s.cfg.LoginMaxAddress}
	for i, subject := range subjects {
		var rows []loginFailure
		err := s.conn(ctx).Where("subject = ? AND created_at > ?", subject, since).
			Order("created_at").Limit(limits[i]).Find(&rows).Error
		if err != nil {
			return err
		}
		if len(rows) >= limits[i] {
			// The pause ends when the oldest counted failure leaves the window.
			wait := rows[0].CreatedAt.Add(s.cfg.LoginWindow).Sub(s.now())
			return &RateLimitError{RetryAfter: max(wait, time.Second)}
		}
	}
	return nil
}

func (s *Store) recordLoginFailure(ctx context.Context, subjects []string) error {
	now := s.now()
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, subject := range subjects {
			if err := tx.Create(&loginFailure{ID: NewID(), Subject: subject, CreatedAt: now}).Error; err != nil {
				return err
			}
			// Old failures no longer count; forget them.
			err := tx.Where("subject = ? AND created_at <= ?", subject, now.Add(-s.cfg.LoginWindow)).
				Delete(&loginFailure{}).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
}
