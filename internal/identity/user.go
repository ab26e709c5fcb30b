package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// NewUser is what it takes to create an account directly (seeding, command line). People
// normally arrive through an invitation instead.
type NewUser struct {
	OrganisationID string `json:"organisation_id"`
	Email          string `json:"email" validate:"required,email,max=254"`
	Name           string `json:"name" validate:"required,max=200"`
	Locale         string `json:"locale" validate:"omitempty,oneof=es en"`
	Role           Role   `json:"role" validate:"required,oneof=learner coach org_admin admin"`
	Password       string `json:"-"`
	PasswordHash   string `json:"-"`
}

// CreateUser adds an account. A password (or a ready hash) is optional: without one the
// person cannot sign in until they accept an invitation.
func (s *Store) CreateUser(ctx context.Context, in NewUser) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		u, err = s.createUser(tx, in)
		return err
	})
	return u, err
}

func (s *Store) createUser(tx *gorm.DB, in NewUser) (User, error) {
	in.Email = NormaliseEmail(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	if in.Locale == "" {
		in.Locale = Locales[0]
	}
	if err := s.validate.Struct(in); err != nil {
		return User{}, err
	}
	if (in.Role == RoleAdmin) != (in.OrganisationID == "") {
		return User{}, errs.Invalid("role", "org_role", "")
	}
	u := User{
		ID: NewID(), Email: in.Email, Name: in.Name, Locale: in.Locale, Role: in.Role,
		Active: true, CreatedAt: s.now(), UpdatedAt: s.now(),
	}
	if in.OrganisationID != "" {
		org := in.OrganisationID
		u.OrganisationID = &org
	}
	switch {
	case in.PasswordHash != "":
		h := in.PasswordHash
		u.PasswordHash = &h
	case in.Password != "":
		if err := checkPasswordLength(in.Password); err != nil {
			return User{}, err
		}
		h := HashPassword(in.Password)
		u.PasswordHash = &h
	}
	err := tx.Create(&u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return User{}, errs.Invalid("email", "taken", "")
	}
	return u, err
}

// notErased keeps the accounts that were not erased. Every list of people and every lookup
// by id or email applies it: to pages, reports and the API an erased person no longer exists.
const notErased = "erased_at IS NULL"

// User returns the account with the given id. An erased account is errs.ErrNotFound (see
// UserIncludingErased).
func (s *Store) User(ctx context.Context, id string) (User, error) {
	var u User
	if !ValidID(id) {
		return u, fmt.Errorf("user %q: %w", id, errs.ErrNotFound)
	}
	if err := s.conn(ctx).Where("id = ? AND "+notErased, id).Take(&u).Error; err != nil {
		return u, notFound(err, "user "+id)
	}
	return u, nil
}

// UserIncludingErased returns the account with the given id, erased or not: for erasure
// itself, which must recognise a person erased already.
func (s *Store) UserIncludingErased(ctx context.Context, id string) (User, error) {
	return byID[User](ctx, s, "user", id)
}

// UserByEmail returns the account with the given email address; erased accounts have none.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	err := s.conn(ctx).Where("email = ? AND "+notErased, NormaliseEmail(email)).Take(&u).Error
	if err != nil {
		return u, notFound(err, "user with that email")
	}
	return u, nil
}

// UsersInOrganisation lists an organisation's people by name, erased people left out.
func (s *Store) UsersInOrganisation(ctx context.Context, orgID string) ([]User, error) {
	var out []User
	err := s.conn(ctx).Where("organisation_id = ? AND "+notErased, orgID).Order("name, email").Find(&out).Error
	return out, err
}

// UsersCountedInOrganisation lists every account the organisation's statistics count, by
// name: its people and its erased (anonymised) people, whose attempts and activity stay in
// the organisation's aggregates so that erasing someone does not change them. For anonymous
// aggregates only: never show these accounts one by one.
func (s *Store) UsersCountedInOrganisation(ctx context.Context, orgID string) ([]User, error) {
	var out []User
	err := s.conn(ctx).Where("organisation_id = ?", orgID).Order("name, email").Find(&out).Error
	return out, err
}

// ProfileInput is what a person may change about themself.
type ProfileInput struct {
	Name   string `form:"name" json:"name" validate:"required,max=200"`
	Locale string `form:"locale" json:"locale" validate:"required,oneof=es en"`
}

// UpdateProfile changes a person's name and language.
func (s *Store) UpdateProfile(ctx context.Context, userID string, in ProfileInput) error {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Struct(in); err != nil {
		return err
	}
	return s.conn(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"name": in.Name, "locale": in.Locale, "updated_at": s.now()}).Error
}

// SetLocale changes only a person's language.
func (s *Store) SetLocale(ctx context.Context, userID, locale string) error {
	if locale != "es" && locale != "en" {
		return errs.Invalid("locale", "oneof", "es en")
	}
	return s.conn(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"locale": locale, "updated_at": s.now()}).Error
}

// ErrSelfDeactivation is returned when an administrator tries to deactivate themself.
var ErrSelfDeactivation = fmt.Errorf("you cannot deactivate your own account: %w", errs.ErrConflict)

// SetActive activates or deactivates an account. Deactivating ends every session of that
// person at once; their API tokens stop working too.
func (s *Store) SetActive(ctx context.Context, actorID, userID string, active bool) error {
	if actorID == userID && !active {
		return ErrSelfDeactivation
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where("id = ? AND "+notErased, userID).
			Updates(map[string]any{"active": active, "updated_at": s.now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("user %s: %w", userID, errs.ErrNotFound)
		}
		if active {
			return nil
		}
		return tx.Where("user_id = ?", userID).Delete(&Session{}).Error
	})
}

// SetPassword replaces a person's password.
func (s *Store) SetPassword(ctx context.Context, userID, password string) error {
	if err := checkPasswordLength(password); err != nil {
		return err
	}
	return s.conn(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"password_hash": HashPassword(password), "updated_at": s.now()}).Error
}
