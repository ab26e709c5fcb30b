package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// sessionTouchEvery limits how often a session's last-seen time is written.
const sessionTouchEvery = time.Minute

// ClientInfo describes where a request comes from, for the session list and rate limits.
type ClientInfo struct {
	IP        string
	UserAgent string
}

// StartSession signs a user in: it stores a new session and returns its secret token,
// which only the cookie keeps. Every sign-in gets a new token.
func (s *Store) StartSession(ctx context.Context, userID string, client ClientInfo) (string, Session, error) {
	token := newToken()
	now := s.now()
	sess := Session{
		ID: hashToken(token), UserID: userID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.cfg.SessionAbsolute), IP: truncate(client.IP, 64), UserAgent: truncate(client.UserAgent, 255),
	}
	if err := s.conn(ctx).Create(&sess).Error; err != nil {
		return "", Session{}, err
	}
	return token, sess, nil
}

// SessionUser returns the active user behind a session token, if the session is still
// valid (not idle too long, not past its absolute lifetime). It refreshes the session's
// last-seen time at most once a minute.
func (s *Store) SessionUser(ctx context.Context, token string) (User, Session, error) {
	var sess Session
	now := s.now()
	if token == "" {
		return User{}, sess, errs.ErrUnauthenticated
	}
	// One query for the session and its (active) person: it runs on every signed-in request.
	var row struct {
		User    `gorm:"embedded"`
		Session Session `gorm:"embedded;embeddedPrefix:s_"`
	}
	err := s.conn(ctx).Table("sessions").
		Select("users.*, sessions.id AS s_id, sessions.user_id AS s_user_id, sessions.created_at AS s_created_at, "+
			"sessions.last_seen_at AS s_last_seen_at, sessions.expires_at AS s_expires_at, sessions.ip AS s_ip, sessions.user_agent AS s_user_agent").
		Joins("JOIN users ON users.id = sessions.user_id AND users.active").
		Where("sessions.id = ? AND sessions.expires_at > ? AND sessions.last_seen_at > ?", hashToken(token), now, now.Add(-s.cfg.SessionIdle)).
		Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, sess, fmt.Errorf("session: %w", errs.ErrUnauthenticated)
	}
	if err != nil {
		return User{}, sess, err
	}
	u, sess := row.User, row.Session
	if now.Sub(sess.LastSeenAt) > sessionTouchEvery {
		sess.LastSeenAt = now
		if err := s.conn(ctx).Model(&Session{}).Where("id = ?", sess.ID).Update("last_seen_at", now).Error; err != nil {
			return User{}, sess, err
		}
	}
	return u, sess, nil
}

// EndSession signs out the session behind token. Ending an unknown session is not an error.
func (s *Store) EndSession(ctx context.Context, token string) error {
	return s.conn(ctx).Where("id = ?", hashToken(token)).Delete(&Session{}).Error
}

// EndAllSessions signs a user out everywhere.
func (s *Store) EndAllSessions(ctx context.Context, userID string) error {
	return s.conn(ctx).Where("user_id = ?", userID).Delete(&Session{}).Error
}

// DeleteExpiredSessions removes sessions that can no longer be used.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	now := s.now()
	res := s.conn(ctx).Where("expires_at <= ? OR last_seen_at <= ?", now, now.Add(-s.cfg.SessionIdle)).Delete(&Session{})
	return res.RowsAffected, res.Error
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// DeleteStaleLoginFailures forgets failed sign-ins that no longer count towards any limit.
func (s *Store) DeleteStaleLoginFailures(ctx context.Context) (int64, error) {
	res := s.conn(ctx).Where("created_at <= ?", s.now().Add(-s.cfg.LoginWindow)).Delete(&loginFailure{})
	return res.RowsAffected, res.Error
}
