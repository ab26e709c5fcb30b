package badges

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/badges/dataintegrity"
	"github.com/academy-platform/academy/internal/badges/openbadges"
	"github.com/academy-platform/academy/internal/identity"
)

// Record implements activity.Recorder: a completed module earns its learner a badge,
// issued and signed in the transaction that completed the module. Other events, and
// people outside any organisation (who have no issuer), earn nothing. Recording the same
// completion again changes nothing.
func (s *Store) Record(tx *gorm.DB, e activity.Event) error {
	if e.Kind != activity.ModuleCompleted || e.Object.Type != "module" || e.Object.ID == "" {
		return nil
	}
	if err := s.issue(tx, e); err != nil {
		return fmt.Errorf("badge for %s completing %s: %w", e.UserID, e.Object.ID, err)
	}
	return nil
}

func (s *Store) issue(tx *gorm.DB, e activity.Event) error {
	var who learner
	err := tx.Table("users u").Select("u.id, u.organisation_id, u.email, u.locale, o.name AS org_name").
		Joins("JOIN organisations o ON o.id = u.organisation_id").Where("u.id = ?", e.UserID).Take(&who).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil // a platform administrator: no organisation issues for them
	}
	if err != nil {
		return err
	}
	var n int64
	if err := tx.Model(&badgeRow{}).Where("user_id = ? AND achievement = ?", who.ID, e.Object.ID).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	key, priv, err := s.signingKey(tx, *who.OrganisationID)
	if err != nil {
		return err
	}
	row := badgeRow{ID: identity.NewID(), OrganisationID: *who.OrganisationID, UserID: &who.ID,
		Achievement: e.Object.ID, EventID: e.ID, IssuedAt: s.now(), AwardedAt: e.At.UTC().Truncate(time.Second)}
	if e.At.IsZero() || e.At.After(row.IssuedAt) {
		row.AwardedAt = row.IssuedAt.Truncate(time.Second)
	}
	return s.insertWithIndex(tx, &row, func(index int) error {
		cred := s.credential(row, who, s.achievement(e.Object.ID, e.Object.Name), index)
		doc, err := json.Marshal(cred)
		if err != nil {
			return err
		}
		signed, err := dataintegrity.Sign(doc, dataintegrity.Options{
			VerificationMethod: s.keyURL(key.OrganisationID, key.Number), Created: row.IssuedAt}, priv)
		row.Credential = string(signed)
		return err
	})
}

// insertWithIndex inserts the badge at a random free place of its organisation's
// revocation list. sign makes the credential for a given place. A place taken by a
// concurrent transaction in the meantime makes the insert fail inside a savepoint, and
// another place is tried.
func (s *Store) insertWithIndex(tx *gorm.DB, row *badgeRow, sign func(index int) error) error {
	var used int64
	if err := tx.Model(&badgeRow{}).Where("organisation_id = ?", row.OrganisationID).Count(&used).Error; err != nil {
		return err
	}
	size := listSize(int(used) + 1)
	var err error
	for range 8 {
		row.StatusIndex, err = freeIndex(tx, row.OrganisationID, size)
		if err != nil {
			return err
		}
		if err = sign(row.StatusIndex); err != nil {
			return err
		}
		if err = tx.SavePoint("badge_insert").Error; err != nil {
			return err
		}
		conflict := clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}, {Name: "achievement"}}, DoNothing: true}
		if err = tx.Clauses(conflict).Create(row).Error; err == nil {
			return nil
		}
		if rerr := tx.RollbackTo("badge_insert").Error; rerr != nil {
			return rerr
		}
	}
	return err
}

// listSize is how many places a revocation list offers when it must hold n badges: the
// minimum list, doubled as often as needed to keep it at most half full, so that a random
// place is free at the first or second try.
func listSize(n int) int {
	size := openbadges.MinStatusListBits
	for n > size/2 {
		size *= 2
	}
	return size
}

// freeIndex picks a random place of the list that no badge of the organisation has.
func freeIndex(tx *gorm.DB, orgID string, size int) (int, error) {
	for {
		i := rand.IntN(size)
		var n int64
		if err := tx.Model(&badgeRow{}).Where("organisation_id = ? AND status_index = ?", orgID, i).Count(&n).Error; err != nil {
			return 0, err
		}
		if n == 0 {
			return i, nil
		}
	}
}

// credential states the badge: in the learner's language, aligned with the dimensions the
// module develops, with its place in the revocation list.
func (s *Store) credential(row badgeRow, who learner, a Achievement, index int) openbadges.Credential {
	lang := who.Locale
	if lang != "en" {
		lang = "es"
	}
	c := openbadges.NewCredential()
	c.ID = s.CredentialURL(row.ID)
	c.Name = a.Name.In(lang)
	c.Description = a.Description.In(lang)
	c.Issuer = openbadges.Profile{ID: s.IssuerURL(row.OrganisationID), Type: []string{"Profile"}, Name: who.OrgName}
	c.ValidFrom = row.AwardedAt.Format(time.RFC3339)
	c.AwardedDate = c.ValidFrom
	achievement := openbadges.Achievement{ID: s.achievementURL(a.Slug), Type: []string{"Achievement"},
		Name: a.Name.In(lang), Description: a.Description.In(lang), AchievementType: "Course", InLanguage: lang,
		Criteria: openbadges.Criteria{Narrative: a.Criteria.In(lang)}}
	framework := s.Catalogue().Framework.In(lang)
	for _, d := range a.Dimensions {
		achievement.Alignment = append(achievement.Alignment, openbadges.Alignment{Type: []string{"Alignment"},
			TargetName: d.Name.In(lang), TargetURL: s.dimensionURL(d.Slug), TargetDescription: d.Description.In(lang),
			TargetCode: d.Slug, TargetFramework: framework, TargetType: "ext:CompetencyDimension"})
	}
	c.CredentialSubject = openbadges.Subject{Type: []string{"AchievementSubject"},
		Identifier: []openbadges.IdentityObject{openbadges.EmailIdentity(who.Email)}, Achievement: achievement}
	list := s.StatusListURL(row.OrganisationID)
	c.CredentialStatus = &openbadges.StatusEntry{ID: list + "#" + strconv.Itoa(index), Type: "BitstringStatusListEntry",
		StatusPurpose: "revocation", StatusListIndex: strconv.Itoa(index), StatusListCredential: list}
	return c
}
