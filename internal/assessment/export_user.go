package assessment

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// AssessmentRecord is a person's assessment history, for the download of their own data:
// every attempt of every instrument version, with the answers and, once submitted, the
// scores per dimension.
type AssessmentRecord struct {
	Attempts []AttemptRecord `json:"attempts"`
}

// AttemptRecord is one attempt with the instrument version it was taken on.
type AttemptRecord struct {
	ID                string          `json:"id"`
	Instrument        string          `json:"instrument"`
	InstrumentVersion int             `json:"instrument_version"`
	InstrumentTitle   instrument.Text `json:"instrument_title"`
	Source            Source          `json:"source"`
	Status            Status          `json:"status"`
	StartedAt         time.Time       `json:"started_at"`
	SubmittedAt       *time.Time      `json:"submitted_at,omitempty"`
	Answers           []AnswerRecord  `json:"answers"`
	Scores            []ScoreRecord   `json:"scores"`
}

// AnswerRecord is the answer to one item: the point of the scale (Value) for a statement,
// the chosen option for a scenario.
type AnswerRecord struct {
	Item       string          `json:"item"`
	Dimension  string          `json:"dimension,omitempty"`
	Text       instrument.Text `json:"text,omitempty"`
	Value      *int            `json:"value,omitempty"`
	Option     *int            `json:"option,omitempty"`
	OptionText instrument.Text `json:"option_text,omitempty"`
	AnsweredAt time.Time       `json:"answered_at"`
}

// ScoreRecord is the score of one dimension of a submitted attempt. Mean (on the item
// scale), Score (0–100) and Band are absent when too few items were answered.
type ScoreRecord struct {
	Dimension string          `json:"dimension"`
	Name      instrument.Text `json:"name"`
	Items     int             `json:"items"`
	Answered  int             `json:"answered"`
	Mean      *float64        `json:"mean,omitempty"`
	Score     *float64        `json:"score,omitempty"`
	Band      *int            `json:"band,omitempty"`
	BandLabel instrument.Text `json:"band_label,omitempty"`
}

// ExportUser returns the person's attempts with their answers and scores, in three queries
// per 500 attempts plus one per instrument version not yet read. The caller checks that
// the reader is the person.
func (s *Store) ExportUser(ctx context.Context, userID string) (AssessmentRecord, error) {
	out := AssessmentRecord{Attempts: []AttemptRecord{}}
	var rows []struct {
		Attempt Attempt `gorm:"embedded"`
		Version int
		Title   string
	}
	err := s.conn(ctx).Table("assessment_attempts a").Select("a.*, i.version, i.title").
		Joins("JOIN instruments i ON i.id = a.instrument_id").
		Where("a.user_id = ?", userID).Order("a.started_at, a.id").Scan(&rows).Error
	if err != nil {
		return out, fmt.Errorf("export attempts: %w", err)
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.Attempt.ID
	}
	answers, scores := map[string][]answerRow{}, map[string]map[string]scoreRow{}
	for chunk := range slices.Chunk(ids, 500) {
		var as []answerRow
		if err := s.conn(ctx).Where("attempt_id IN ?", chunk).Order("answered_at, item_id").Find(&as).Error; err != nil {
			return out, fmt.Errorf("export answers: %w", err)
		}
		for _, a := range as {
			answers[a.AttemptID] = append(answers[a.AttemptID], a)
		}
		var ss []scoreRow
		if err := s.conn(ctx).Where("attempt_id IN ?", chunk).Find(&ss).Error; err != nil {
			return out, fmt.Errorf("export scores: %w", err)
		}
		for _, sc := range ss {
			if scores[sc.AttemptID] == nil {
				scores[sc.AttemptID] = map[string]scoreRow{}
			}
			scores[sc.AttemptID][sc.Dimension] = sc
		}
	}
	for _, r := range rows {
		def, err := s.definition(s.conn(ctx), r.Attempt.InstrumentID)
		if err != nil {
			return out, err
		}
		var title instrument.Text
		_ = json.Unmarshal([]byte(r.Title), &title)
		a := r.Attempt
		rec := AttemptRecord{ID: a.ID, Instrument: a.InstrumentKey, InstrumentVersion: r.Version, InstrumentTitle: title,
			Source: a.Source, Status: a.Status, StartedAt: a.StartedAt.UTC(),
			Answers: exportAnswers(def, answers[a.ID]), Scores: exportScores(def, scores[a.ID])}
		if a.SubmittedAt != nil {
			t := a.SubmittedAt.UTC()
			rec.SubmittedAt = &t
		}
		out.Attempts = append(out.Attempts, rec)
	}
	return out, nil
}

// exportAnswers words the answers as the instrument version did.
func exportAnswers(def *instrument.Definition, rows []answerRow) []AnswerRecord {
	out := make([]AnswerRecord, 0, len(rows))
	for _, r := range rows {
		rec := AnswerRecord{Item: r.ItemID, Value: r.Value, Option: r.OptionIndex, AnsweredAt: r.AnsweredAt.UTC()}
		if it, ok := def.Item(r.ItemID); ok {
			rec.Dimension, rec.Text = it.Dimension, it.Text
			if r.OptionIndex != nil && *r.OptionIndex >= 0 && *r.OptionIndex < len(it.Options) {
				rec.OptionText = it.Options[*r.OptionIndex].Text
			}
		}
		out = append(out, rec)
	}
	return out
}

// exportScores lists the stored scores in the instrument's order of dimensions.
func exportScores(def *instrument.Definition, rows map[string]scoreRow) []ScoreRecord {
	out := []ScoreRecord{}
	for _, d := range def.Dimensions {
		r, ok := rows[d.Slug]
		if !ok {
			continue
		}
		rec := ScoreRecord{Dimension: d.Slug, Name: d.Name, Items: r.NItems, Answered: r.NAnswered, Mean: r.Mean,
			Score: r.Score, Band: r.Band}
		if r.Band != nil && *r.Band >= 0 && *r.Band < len(d.Bands) {
			rec.BandLabel = d.Bands[*r.Band].Label
		}
		out = append(out, rec)
	}
	return out
}
