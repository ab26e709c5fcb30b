package development

import (
	"context"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/db/keyset"
	"github.com/academy-platform/academy/internal/development/footprint"
	"github.com/academy-platform/academy/internal/identity"
)

// FootprintCheck is one digital-footprint self-check: the answers, the score (0–100, see
// package footprint) and when it was taken.
type FootprintCheck struct {
	ID        string            `json:"id"`
	LearnerID string            `json:"learner_id"`
	Version   int               `json:"version"` // footprint.Version it was taken on
	Answers   footprint.Answers `json:"answers"`
	Score     float64           `json:"score"`
	CreatedAt time.Time         `json:"created_at"`
}

type footprintRow struct {
	ID               string
	LearnerID        string
	ChecklistVersion int
	Answers          answerMap
	Score            float64
	CreatedAt        time.Time `gorm:"autoCreateTime:false"`
}

func (footprintRow) TableName() string { return "footprint_checks" }

func (r footprintRow) check() FootprintCheck {
	return FootprintCheck{ID: r.ID, LearnerID: r.LearnerID, Version: r.ChecklistVersion,
		Answers: footprint.Answers(r.Answers), Score: r.Score, CreatedAt: r.CreatedAt.UTC()}
}

// SaveFootprint scores and stores a self-check of the learner's digital footprint. Only
// the learner fills it in (errs.ErrForbidden otherwise); validation errors come from
// footprint.Validate, one field per question id.
func (s *Store) SaveFootprint(ctx context.Context, actorID, learnerID string, answers footprint.Answers) (FootprintCheck, error) {
	if actorID != learnerID {
		return FootprintCheck{}, forbidden("only the learner fills in their self-check")
	}
	score, err := footprint.Score(answers)
	if err != nil {
		return FootprintCheck{}, err
	}
	row := footprintRow{ID: identity.NewID(), LearnerID: learnerID, ChecklistVersion: footprint.Version,
		Answers: answerMap(answers), Score: score, CreatedAt: s.now()}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return FootprintCheck{}, fmt.Errorf("save footprint: %w", err)
	}
	return row.check(), nil
}

// FootprintHistory lists the learner's self-checks, newest first. The caller checks who
// may see them.
func (s *Store) FootprintHistory(ctx context.Context, learnerID string) ([]FootprintCheck, error) {
	return s.FootprintCheckList(ctx, learnerID, keyset.Page{})
}

// footprintOrder is the order of the self-checks: newest first.
var footprintOrder = keyset.Order{{Expr: "created_at", Kind: keyset.Time, Desc: true}, {Expr: "id", Desc: true}}

// PageKey is the check's place in the self-checks' order, for keyset.Page.After.
func (c FootprintCheck) PageKey() []string { return keyset.Key(c.CreatedAt, c.ID) }

// FootprintCheckList is one page of FootprintHistory. A malformed p.After is a validation
// error on "cursor".
func (s *Store) FootprintCheckList(ctx context.Context, learnerID string, p keyset.Page) ([]FootprintCheck, error) {
	q, err := footprintOrder.Apply(s.conn(ctx).Where("learner_id = ?", learnerID), p)
	if err != nil {
		return nil, err
	}
	var rows []footprintRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("footprint history: %w", err)
	}
	out := make([]FootprintCheck, len(rows))
	for i, r := range rows {
		out[i] = r.check()
	}
	return out, nil
}
