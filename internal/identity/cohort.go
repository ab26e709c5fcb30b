package identity

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/errs"
)

// CohortInput is what it takes to create a cohort.
type CohortInput struct {
	Name        string `form:"name" json:"name" validate:"required,max=120"`
	Description string `form:"description" json:"description" validate:"max=1000"`
}

// CreateCohort adds a cohort to an organisation. Names are unique within it.
func (s *Store) CreateCohort(ctx context.Context, orgID string, in CohortInput) (Cohort, error) {
	var c Cohort
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		c, err = s.createCohort(tx, orgID, in)
		return err
	})
	return c, err
}

func (s *Store) createCohort(tx *gorm.DB, orgID string, in CohortInput) (Cohort, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	if err := s.validate.Struct(in); err != nil {
		return Cohort{}, err
	}
	c := Cohort{ID: NewID(), OrganisationID: orgID, Name: in.Name, Description: in.Description, CreatedAt: s.now()}
	err := tx.Create(&c).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return Cohort{}, errs.Invalid("name", "taken", "")
	}
	return c, err
}

// Cohort returns the cohort with the given id.
func (s *Store) Cohort(ctx context.Context, id string) (Cohort, error) {
	return byID[Cohort](ctx, s, "cohort", id)
}

// CohortFilter narrows a cohort listing. Empty fields do not filter.
type CohortFilter struct {
	OrganisationID string // cohorts of this organisation
	CoachID        string // cohorts this person coaches
	MemberID       string // cohorts this person belongs to
	// Page is one page of the list (CohortSummary.PageKey); the zero Page is all of it.
	Page keyset.Page
}

// cohortOrder is the order of Cohorts: by name, then id (names repeat across organisations).
var cohortOrder = keyset.Order{{Expr: "c.name"}, {Expr: "c.id"}}

// PageKey is the cohort's place in the order of Cohorts, for keyset.Page.After.
func (c CohortSummary) PageKey() []string { return keyset.Key(c.Name, c.ID) }

// Cohorts lists cohorts with their head counts, by name, in one query. A malformed
// f.Page.After is a validation error on "cursor".
func (s *Store) Cohorts(ctx context.Context, f CohortFilter) ([]CohortSummary, error) {
	q := s.conn(ctx).Table("cohorts c").Select(`c.*,
		(SELECT COUNT(*) FROM cohort_members m JOIN users u ON u.id = m.user_id
			WHERE m.cohort_id = c.id AND u.erased_at IS NULL) AS members,
		(SELECT COUNT(*) FROM cohort_coaches k WHERE k.cohort_id = c.id) AS coaches`)
	if f.OrganisationID != "" {
		q = q.Where("c.organisation_id = ?", f.OrganisationID)
	}
	if f.CoachID != "" {
		q = q.Where("c.id IN (SELECT cohort_id FROM cohort_coaches WHERE user_id = ?)", f.CoachID)
	}
	if f.MemberID != "" {
		q = q.Where("c.id IN (SELECT cohort_id FROM cohort_members WHERE user_id = ?)", f.MemberID)
	}
	q, err := cohortOrder.Apply(q, f.Page)
	if err != nil {
		return nil, err
	}
	var out []CohortSummary
	err = q.Scan(&out).Error
	return out, err
}

// CohortMembers lists the learners of a cohort by name. Erased learners stay members, for
// the statistics that count them, but are not listed.
func (s *Store) CohortMembers(ctx context.Context, cohortID string) ([]User, error) {
	var out []User
	err := s.conn(ctx).Where("id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?) AND "+notErased, cohortID).
		Order("name, email").Find(&out).Error
	return out, err
}

// CohortCoaches lists the coaches of a cohort by name.
func (s *Store) CohortCoaches(ctx context.Context, cohortID string) ([]User, error) {
	var out []User
	err := s.conn(ctx).Where("id IN (SELECT user_id FROM cohort_coaches WHERE cohort_id = ?) AND "+notErased, cohortID).
		Order("name, email").Find(&out).Error
	return out, err
}

// AddMember puts a learner of the cohort's organisation into the cohort. Adding someone
// who is already a member changes nothing.
func (s *Store) AddMember(ctx context.Context, cohortID, userID string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return s.addToCohort(tx, cohortID, userID, RoleLearner)
	})
}

// AssignCoach makes a coach of the cohort's organisation follow the cohort.
func (s *Store) AssignCoach(ctx context.Context, cohortID, userID string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return s.addToCohort(tx, cohortID, userID, RoleCoach)
	})
}

func (s *Store) addToCohort(tx *gorm.DB, cohortID, userID string, role Role) error {
	var c Cohort
	if err := tx.Where("id = ?", cohortID).Take(&c).Error; err != nil {
		return notFound(err, "cohort "+cohortID)
	}
	var u User
	if !ValidID(userID) {
		return errs.Invalid("user", "required", "")
	}
	if err := tx.Where("id = ? AND organisation_id = ? AND "+notErased, userID, c.OrganisationID).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errs.Invalid("user", "not_in_org", "")
		}
		return err
	}
	if u.Role != role {
		return errs.Invalid("user", "wrong_role", string(role))
	}
	var row any = &cohortMember{CohortID: cohortID, UserID: userID, CreatedAt: s.now()}
	if role == RoleCoach {
		row = &cohortCoach{CohortID: cohortID, UserID: userID, CreatedAt: s.now()}
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(row).Error
}

// RemoveMember takes a learner out of a cohort.
func (s *Store) RemoveMember(ctx context.Context, cohortID, userID string) error {
	return s.conn(ctx).Where("cohort_id = ? AND user_id = ?", cohortID, userID).Delete(&cohortMember{}).Error
}

// UnassignCoach stops a coach following a cohort.
func (s *Store) UnassignCoach(ctx context.Context, cohortID, userID string) error {
	return s.conn(ctx).Where("cohort_id = ? AND user_id = ?", cohortID, userID).Delete(&cohortCoach{}).Error
}

// CoachesOf returns the coaches of each of the given cohorts, in one query.
func (s *Store) CoachesOf(ctx context.Context, cohortIDs []string) (map[string][]User, error) {
	out := map[string][]User{}
	if len(cohortIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		CohortID string
		User     User `gorm:"embedded"`
	}
	err := s.conn(ctx).Table("cohort_coaches k").Select("k.cohort_id, u.*").
		Joins("JOIN users u ON u.id = k.user_id").Where("k.cohort_id IN ? AND u.erased_at IS NULL", cohortIDs).
		Order("u.name").Scan(&rows).Error
	for _, r := range rows {
		out[r.CohortID] = append(out[r.CohortID], r.User)
	}
	return out, err
}

// CohortPeers returns the learners who share a cohort with the user, the user included, in
// one query.
func (s *Store) CohortPeers(ctx context.Context, userID string) ([]string, error) {
	var ids []string
	err := s.conn(ctx).Raw(`SELECT DISTINCT user_id FROM cohort_members
		WHERE cohort_id IN (SELECT cohort_id FROM cohort_members WHERE user_id = ?)`, userID).Scan(&ids).Error
	return ids, err
}
