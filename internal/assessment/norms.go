package assessment

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/psychometrics"
	"github.com/academy-platform/academy/internal/errs"
)

// GroupKind names a kind of reference group.
type GroupKind string

// The reference groups.
const (
	GroupEveryone     GroupKind = "everyone"
	GroupOrganisation GroupKind = "organisation"
	GroupCohort       GroupKind = "cohort"
)

// Group is a reference group for norms; build one with Everyone, OrganisationGroup or
// CohortGroup.
type Group struct {
	Kind           GroupKind
	OrganisationID string   // for GroupOrganisation
	UserIDs        []string // for GroupCohort: the cohort's members
}

// Everyone is every respondent of the instrument version.
func Everyone() Group { return Group{Kind: GroupEveryone} }

// OrganisationGroup is every respondent of the organisation (including its imported,
// anonymous respondents).
func OrganisationGroup(orgID string) Group {
	return Group{Kind: GroupOrganisation, OrganisationID: orgID}
}

// CohortGroup is the given people, for example a cohort's members.
func CohortGroup(userIDs []string) Group { return Group{Kind: GroupCohort, UserIDs: userIDs} }

// Norms places an attempt's dimension scores in a reference group.
type Norms struct {
	AttemptID    string    `json:"attempt_id"`
	InstrumentID string    `json:"instrument_id"`
	Group        GroupKind `json:"group"`
	MinGroupSize int       `json:"min_group_size"`
	ComputedAt   time.Time `json:"computed_at"`
	// Dimensions has one entry per dimension, in the instrument's order.
	Dimensions []DimensionNorm `json:"dimensions"`
}

// DimensionNorm is one dimension of Norms. Percentile is the mid-rank percentile of the
// attempt's score among the group's scores (psychometrics.Percentile). It is nil when the
// attempt has no score for the dimension, or when the group has fewer than MinGroupSize
// scores (Hidden), so that a small group's scores cannot be inferred.
type DimensionNorm struct {
	Slug       string   `json:"slug"`
	Score      *float64 `json:"score"`
	GroupSize  int      `json:"group_size"`
	Percentile *float64 `json:"percentile"`
	Hidden     bool     `json:"hidden"`
}

// Norms computes the percentile of each dimension score of a submitted attempt within a
// reference group: the latest submitted attempt of each member of the group on the same
// instrument version (the same person counts once; each anonymous imported respondent
// counts once; a member whose latest attempt has no score for a dimension is left out of
// that dimension's group). The attempt itself is ranked whether or not it is its user's
// latest. errs.ErrConflict while the attempt is open. It does not check who may see it.
func (s *Store) Norms(ctx context.Context, attemptID string, g Group) (Norms, error) {
	return s.norms(ctx, attemptID, g, s.groupScores)
}

// norms is Norms with the reference group's scores read by groupScores.
func (s *Store) norms(ctx context.Context, attemptID string, g Group,
	groupScores func(*gorm.DB, string, Group) (map[string][]float64, error)) (Norms, error) {
	tx := s.conn(ctx)
	a, err := s.attempt(tx, attemptID, "")
	if err != nil {
		return Norms{}, err
	}
	if !a.Submitted() {
		return Norms{}, fmt.Errorf("attempt %s is not submitted yet: %w", a.ID, errs.ErrConflict)
	}
	def, err := s.definition(tx, a.InstrumentID)
	if err != nil {
		return Norms{}, err
	}
	group, err := groupScores(tx, a.InstrumentID, g)
	if err != nil {
		return Norms{}, err
	}
	own, err := s.scoresOf(tx, []string{a.ID})
	if err != nil {
		return Norms{}, err
	}
	n := Norms{AttemptID: a.ID, InstrumentID: a.InstrumentID, Group: g.Kind, MinGroupSize: s.cfg.MinNormGroup, ComputedAt: s.now()}
	for _, dim := range def.Dimensions {
		scores := group[dim.Slug]
		dn := DimensionNorm{Slug: dim.Slug, Score: own[a.ID][dim.Slug].Score, GroupSize: len(scores)}
		dn.Hidden = dn.GroupSize < s.cfg.MinNormGroup
		if dn.Score != nil && !dn.Hidden {
			p := psychometrics.Percentile(*dn.Score, scores)
			dn.Percentile = &p
		}
		n.Dimensions = append(n.Dimensions, dn)
	}
	return n, nil
}

// latestPerRespondent keeps, of each user's submitted attempts on the instrument, only
// the latest (by submission time, then id); anonymous attempts are each their own
// respondent.
const latestPerRespondent = `(a.user_id IS NULL OR NOT EXISTS (
	SELECT 1 FROM assessment_attempts b
	WHERE b.user_id = a.user_id AND b.instrument_id = a.instrument_id AND b.submitted_at IS NOT NULL
	  AND (b.submitted_at > a.submitted_at OR (b.submitted_at = a.submitted_at AND b.id > a.id))))`

// groupScores returns the reference group's scores per dimension.
func (s *Store) groupScores(tx *gorm.DB, instrumentID string, g Group) (map[string][]float64, error) {
	type row struct {
		Dimension string
		Score     float64
	}
	query := func(filter func(*gorm.DB) *gorm.DB) ([]row, error) {
		var rows []row
		q := tx.Table("assessment_dimension_scores s").Select("s.dimension, s.score").
			Joins("JOIN assessment_attempts a ON a.id = s.attempt_id").
			Where("a.instrument_id = ? AND a.submitted_at IS NOT NULL AND s.score IS NOT NULL", instrumentID).
			Where(latestPerRespondent)
		err := filter(q).Scan(&rows).Error
		return rows, err
	}
	var all []row
	switch g.Kind {
	case GroupEveryone:
		rows, err := query(func(q *gorm.DB) *gorm.DB { return q })
		if err != nil {
			return nil, err
		}
		all = rows
	case GroupOrganisation:
		rows, err := query(func(q *gorm.DB) *gorm.DB { return q.Where("a.organisation_id = ?", g.OrganisationID) })
		if err != nil {
			return nil, err
		}
		all = rows
	case GroupCohort:
		for ids := range slices.Chunk(g.UserIDs, 500) {
			rows, err := query(func(q *gorm.DB) *gorm.DB { return q.Where("a.user_id IN ?", ids) })
			if err != nil {
				return nil, err
			}
			all = append(all, rows...)
		}
	default:
		return nil, fmt.Errorf("unknown reference group kind %q", g.Kind)
	}
	out := map[string][]float64{}
	for _, r := range all {
		out[r.Dimension] = append(out[r.Dimension], r.Score)
	}
	return out, nil
}

// scoresOf loads the score rows of the given attempts: attempt id → dimension → row.
func (s *Store) scoresOf(tx *gorm.DB, attemptIDs []string) (map[string]map[string]scoreRow, error) {
	out := map[string]map[string]scoreRow{}
	for ids := range slices.Chunk(attemptIDs, 500) {
		var rows []scoreRow
		if err := tx.Where("attempt_id IN ?", ids).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			if out[r.AttemptID] == nil {
				out[r.AttemptID] = map[string]scoreRow{}
			}
			out[r.AttemptID][r.Dimension] = r
		}
	}
	return out, nil
}

// GroupNames are the reference groups a person can choose for percentiles, the default
// first.
var GroupNames = []string{"organisation", "cohort", "everyone"}

// GroupNamed resolves a group name for an attempt: "organisation" (the default, also for
// ""), "cohort" (the people who share a cohort with the attempt's owner; peers lists them)
// or "everyone". It returns the group and the name actually used: an attempt without an
// organisation or owner falls back to a group it has.
func GroupNamed(name string, a Attempt, peers func(userID string) ([]string, error)) (Group, string, error) {
	switch name {
	case "", "organisation", "cohort":
		if name == "cohort" && a.UserID != nil {
			ids, err := peers(*a.UserID)
			return CohortGroup(ids), name, err
		}
		if a.OrganisationID != nil {
			return OrganisationGroup(*a.OrganisationID), "organisation", nil
		}
		return Everyone(), "everyone", nil
	case "everyone":
		return Everyone(), name, nil
	}
	return Group{}, "", errs.Invalid("group", "oneof", strings.Join(GroupNames, " "))
}
