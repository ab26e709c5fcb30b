package identity

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/errs"
)

// ErasedEmailDomain is the domain of the stand-in address an erased account gets: a
// reserved, non-routable name (RFC 2606), so no mail can ever reach anyone through it.
const ErasedEmailDomain = "erased.invalid"

// ErrAlreadyErased is returned by CheckErasure for an account that was erased already: a
// repeated request, which changes nothing.
var ErrAlreadyErased = fmt.Errorf("this person's data was erased already: %w", errs.ErrGone)

// CheckErasure locks the account userID inside tx and checks that actorID may erase it:
// a person of an organisation (a platform administrator is errs.ErrForbidden), not
// themself (validation error "erase_self" on field user) and not the last active
// administrator of their organisation ("last_admin"). ErrAlreadyErased when it was erased
// already; errs.ErrNotFound when there is no such account. Whether the actor administers
// the person's organisation is the caller's question to the policy.
func (s *Store) CheckErasure(tx *gorm.DB, actorID, userID string) (User, error) {
	var u User
	if !ValidID(userID) {
		return u, fmt.Errorf("user %q: %w", userID, errs.ErrNotFound)
	}
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", userID).Take(&u).Error; err != nil {
		return u, notFound(err, "user "+userID)
	}
	switch {
	case u.ErasedAt != nil:
		return u, ErrAlreadyErased
	case u.OrganisationID == nil:
		return u, fmt.Errorf("platform administrators belong to no organisation and are not erased: %w", errs.ErrForbidden)
	case u.ID == actorID:
		return u, errs.Invalid("user", "erase_self", "")
	case u.Role != RoleOrgAdmin:
		return u, nil
	}
	// Lock the organisation's administrators too, so that two administrators erasing each
	// other at the same time cannot both succeed (PostgreSQL; SQLite transactions already
	// exclude each other).
	var others []string
	err := tx.Model(&User{}).Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("organisation_id = ? AND role = ? AND id <> ? AND active AND "+notErased, u.OrgID(), RoleOrgAdmin, u.ID).
		Pluck("id", &others).Error
	if err != nil {
		return u, err
	}
	if len(others) == 0 {
		return u, errs.Invalid("user", "last_admin", "")
	}
	return u, nil
}

// EraseUser erases the person's identity inside tx, irreversibly: their row keeps only its
// id, organisation, role and dates, with no name, a stand-in address at
// ErasedEmailDomain and no password, marked erased and inactive, so that it can never sign
// in again and no list of people shows it; their sessions, API tokens, invitation links and
// counted sign-in failures are deleted, they stop coaching any cohort, and invitations they
// sent no longer name them. Their cohort memberships stay, so that the statistics of their
// cohorts do not change. Call CheckErasure first, in the same transaction.
func (s *Store) EraseUser(tx *gorm.DB, userID string) error {
	var u User
	if err := tx.Where("id = ?", userID).Take(&u).Error; err != nil {
		return notFound(err, "user "+userID)
	}
	now := s.now()
	err := tx.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{
		"name": "", "email": userID + "@" + ErasedEmailDomain, "password_hash": nil,
		"active": false, "erased_at": now, "updated_at": now,
	}).Error
	if err != nil {
		return fmt.Errorf("erase user %s: %w", userID, err)
	}
	deletes := []struct {
		model any
		where string
		arg   any
	}{
		{&Session{}, "user_id = ?", userID},
		{&APIToken{}, "user_id = ?", userID},
		{&Invitation{}, "user_id = ?", userID},
		{&cohortCoach{}, "user_id = ?", userID},
		{&loginFailure{}, "subject = ?", "account:" + u.Email},
	}
	for _, d := range deletes {
		if err := tx.Where(d.where, d.arg).Delete(d.model).Error; err != nil {
			return fmt.Errorf("erase user %s: %w", userID, err)
		}
	}
	if err := tx.Model(&Invitation{}).Where("invited_by = ?", userID).Update("invited_by", nil).Error; err != nil {
		return fmt.Errorf("erase user %s: %w", userID, err)
	}
	return nil
}
