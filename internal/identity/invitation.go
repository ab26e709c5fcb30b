package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// ErrInvitationUsed and ErrInvitationExpired say why an invitation link no longer works.
var (
	ErrInvitationUsed    = fmt.Errorf("invitation already used: %w", errs.ErrGone)
	ErrInvitationExpired = fmt.Errorf("invitation expired: %w", errs.ErrGone)
)

// InviteInput is what an organisation administrator fills in to invite a person.
type InviteInput struct {
	Email    string `form:"email" json:"email" validate:"required,email,max=254"`
	Name     string `form:"name" json:"name" validate:"required,max=200"`
	Role     Role   `form:"role" json:"role" validate:"required,oneof=learner coach org_admin"`
	Locale   string `form:"locale" json:"locale" validate:"omitempty,oneof=es en"`
	CohortID string `form:"cohort_id" json:"cohort_id" validate:"omitempty,uuid"`
}

// Invited is a new account waiting for its owner, with the secret for their link.
type Invited struct {
	User  User
	Token string
}

// Invite creates the person's account (without a password) in the organisation, adds them
// to a cohort (as a learner or as its coach) if one is given, and returns the token for
// their invitation link. Nothing is stored if anything is wrong.
func (s *Store) Invite(ctx context.Context, inviterID, orgID string, in InviteInput) (Invited, error) {
	var out Invited
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = s.invite(tx, inviterID, orgID, in)
		return err
	})
	return out, err
}

func (s *Store) invite(tx *gorm.DB, inviterID, orgID string, in InviteInput) (Invited, error) {
	in.CohortID = strings.TrimSpace(in.CohortID)
	in.Email = NormaliseEmail(in.Email)
	if err := s.validate.Struct(in); err != nil {
		return Invited{}, err
	}
	if in.CohortID != "" && in.Role == RoleOrgAdmin {
		return Invited{}, errs.Invalid("cohort_id", "no_cohort_for_role", "")
	}
	u, err := s.createUser(tx, NewUser{OrganisationID: orgID, Email: in.Email, Name: in.Name, Locale: in.Locale, Role: in.Role})
	if err != nil {
		return Invited{}, err
	}
	if in.CohortID != "" {
		// Another organisation's cohort is reported exactly like one that does not exist.
		err := tx.Where("id = ? AND organisation_id = ?", in.CohortID, orgID).Take(&Cohort{}).Error
		if err == nil {
			err = s.addToCohort(tx, in.CohortID, u.ID, in.Role)
		}
		if err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, errs.ErrNotFound) {
				return Invited{}, errs.Invalid("cohort_id", "unknown", "")
			}
			return Invited{}, err
		}
	}
	token, err := s.newInvitation(tx, u.ID, inviterID)
	return Invited{User: u, Token: token}, err
}

func (s *Store) newInvitation(tx *gorm.DB, userID, inviterID string) (string, error) {
	token := newToken()
	inv := Invitation{ID: NewID(), TokenHash: hashToken(token), UserID: userID, CreatedAt: s.now(),
		ExpiresAt: s.now().Add(s.cfg.InvitationTTL)}
	if inviterID != "" {
		inv.InvitedBy = &inviterID
	}
	return token, tx.Create(&inv).Error
}

// ErrAlreadyActive is returned when re-inviting someone who already set a password.
var ErrAlreadyActive = fmt.Errorf("this person has already accepted their invitation: %w", errs.ErrConflict)

// ResendInvitation replaces a pending person's invitation with a new one; earlier links stop
// working.
func (s *Store) ResendInvitation(ctx context.Context, inviterID, userID string) (Invited, error) {
	var out Invited
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		if err := tx.Where("id = ?", userID).Take(&u).Error; err != nil {
			return notFound(err, "user "+userID)
		}
		if !u.Pending() {
			return ErrAlreadyActive
		}
		if err := tx.Where("user_id = ? AND used_at IS NULL", userID).Delete(&Invitation{}).Error; err != nil {
			return err
		}
		token, err := s.newInvitation(tx, userID, inviterID)
		out = Invited{User: u, Token: token}
		return err
	})
	return out, err
}

// InvitationUser returns the person an invitation token is for, if the link still works.
func (s *Store) InvitationUser(ctx context.Context, token string) (User, error) {
	var inv Invitation
	err := s.conn(ctx).Where("token_hash = ?", hashToken(token)).Take(&inv).Error
	if err != nil {
		return User{}, notFound(err, "invitation")
	}
	switch {
	case inv.UsedAt != nil:
		return User{}, ErrInvitationUsed
	case !inv.ExpiresAt.After(s.now()):
		return User{}, ErrInvitationExpired
	}
	var u User
	if err := s.conn(ctx).Where("id = ?", inv.UserID).Take(&u).Error; err != nil {
		return User{}, notFound(err, "invited user")
	}
	if !u.Active {
		// A deactivated account cannot be activated through an old link.
		return User{}, ErrInvitationExpired
	}
	return u, nil
}

// AcceptInput is what the invited person fills in.
type AcceptInput struct {
	Password        string `form:"password" json:"password"`
	PasswordConfirm string `form:"password_confirm" json:"password_confirm"`
	Locale          string `form:"locale" json:"locale" validate:"omitempty,oneof=es en"`
}

// AcceptInvitation sets the invited person's password and uses up the link, exactly once
// even when two requests race.
func (s *Store) AcceptInvitation(ctx context.Context, token string, in AcceptInput) (User, error) {
	u, err := s.InvitationUser(ctx, token)
	if err != nil {
		return User{}, err
	}
	if err := s.validate.Struct(in); err != nil {
		return User{}, err
	}
	if err := checkPasswordLength(in.Password); err != nil {
		return User{}, err
	}
	if in.Password != in.PasswordConfirm {
		return User{}, errs.Invalid("password_confirm", "eqfield", "password")
	}
	hash := HashPassword(in.Password)
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&Invitation{}).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", hashToken(token), s.now()).
			Update("used_at", s.now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrInvitationUsed
		}
		updates := map[string]any{"password_hash": hash, "updated_at": s.now()}
		if in.Locale != "" {
			updates["locale"] = in.Locale
			u.Locale = in.Locale
		}
		return tx.Model(&User{}).Where("id = ?", u.ID).Updates(updates).Error
	})
	u.PasswordHash = &hash
	return u, err
}
