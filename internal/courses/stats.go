package courses

import (
	"context"
	"fmt"
	"math"

	"github.com/academy-platform/academy/internal/assessment/psychometrics"
)

// ItemStat is the classical item analysis of one item (question).
type ItemStat struct {
	N int // respondents counted
	// Facility is the mean item score, 0–1: the share of the available credit earned
	// (the proportion correct for single-answer questions).
	Facility float64
	// Discrimination is the corrected point-biserial correlation: the Pearson correlation
	// between the item score and the total score of the other items (item–rest). It is
	// meaningful only when HasDiscrimination is true; it is undefined (and 0) with fewer
	// than two respondents or when the item or the rest score does not vary.
	Discrimination    float64
	HasDiscrimination bool
}

// ItemAnalysis computes each item's facility and discrimination from a respondents ×
// items matrix of item scores (each row one respondent, each column one item, values 0–1;
// every row has one score per item). Standard deviations use the n−1 denominator, as in
// package psychometrics; the correlation does not depend on that choice.
func ItemAnalysis(scores [][]float64) []ItemStat {
	if len(scores) == 0 {
		return nil
	}
	k := len(scores[0])
	out := make([]ItemStat, k)
	for j := range k {
		item, rest := make([]float64, len(scores)), make([]float64, len(scores))
		for i, row := range scores {
			for c, x := range row {
				if c == j {
					item[i] = x
				} else {
					rest[i] += x
				}
			}
		}
		out[j] = ItemStat{N: len(scores), Facility: psychometrics.Mean(item)}
		if r, ok := pearson(item, rest); ok {
			out[j].Discrimination, out[j].HasDiscrimination = r, true
		}
	}
	return out
}

// zeroSD is the standard deviation below which a score counts as constant.
const zeroSD = 1e-12

// pearson returns the correlation of x and y, or false when it is undefined.
func pearson(x, y []float64) (float64, bool) {
	if len(x) < 2 {
		return 0, false
	}
	sx, sy := psychometrics.SD(x), psychometrics.SD(y)
	if !(sx > zeroSD) || !(sy > zeroSD) {
		return 0, false
	}
	mx, my := psychometrics.Mean(x), psychometrics.Mean(y)
	cov := 0.0
	for i := range x {
		cov += (x[i] - mx) * (y[i] - my)
	}
	cov /= float64(len(x) - 1)
	return math.Max(-1, math.Min(1, cov/(sx*sy))), true
}

// QuizStats is the item analysis of one quiz version.
type QuizStats struct {
	QuizSlug string
	Version  int
	// N is the number of learners counted: each learner's first submitted attempt on this
	// version (later attempts are practice on known questions and would inflate facility).
	N         int
	MeanScore float64 // mean attempt score of those attempts, 0–100; 0 when N is 0
	Questions []QuestionStat
}

// QuestionStat is the item analysis of one question, in the order of the quiz file.
type QuestionStat struct {
	QuestionID string
	Type       QuestionType
	Text       Text // the question, so that authors can tell which one it is (no answer key)
	ItemStat
}

// QuizStats analyses a quiz version (0 = the latest) over every learner's first submitted
// attempt on it; unanswered questions score 0. It covers all learners: it describes the
// questions, not people.
func (s *Store) QuizStats(ctx context.Context, quizSlug string, version int) (QuizStats, error) {
	tx := s.conn(ctx)
	var quiz quizRow
	if err := tx.Where("slug = ?", quizSlug).Take(&quiz).Error; err != nil {
		return QuizStats{}, notFound(err, "quiz "+quizSlug)
	}
	if version == 0 {
		version = quiz.LatestVersion
	}
	var v quizVersionRow
	if err := tx.Where("quiz_id = ? AND version = ?", quiz.ID, version).Take(&v).Error; err != nil {
		return QuizStats{}, notFound(err, fmt.Sprintf("quiz %s version %d", quizSlug, version))
	}
	var attempts []attemptRow
	err := tx.Select("id, user_id, number, score").
		Where("quiz_version_id = ? AND submitted_at IS NOT NULL", v.ID).Order("user_id, number").Find(&attempts).Error
	if err != nil {
		return QuizStats{}, err
	}
	var answers []answerRow
	err = tx.Table("quiz_answers a").Select("a.attempt_id, a.question_id, a.option_ids").
		Joins("JOIN quiz_attempts t ON t.id = a.attempt_id").
		Where("t.quiz_version_id = ? AND t.submitted_at IS NOT NULL", v.ID).Scan(&answers).Error
	if err != nil {
		return QuizStats{}, err
	}
	return quizStats(quizSlug, v, firstPerLearner(attempts), answers), nil
}

// firstPerLearner keeps each learner's first attempt (attempts sorted by user, number).
func firstPerLearner(attempts []attemptRow) []attemptRow {
	var out []attemptRow
	for i, a := range attempts {
		if i == 0 || attempts[i-1].UserID != a.UserID {
			out = append(out, a)
		}
	}
	return out
}

func quizStats(slug string, v quizVersionRow, attempts []attemptRow, answers []answerRow) QuizStats {
	byAttempt := map[string]map[string][]string{}
	for _, a := range answers {
		if byAttempt[a.AttemptID] == nil {
			byAttempt[a.AttemptID] = map[string][]string{}
		}
		byAttempt[a.AttemptID][a.QuestionID] = a.OptionIDs
	}
	st := QuizStats{QuizSlug: slug, Version: v.Version, N: len(attempts)}
	matrix := make([][]float64, len(attempts))
	for i, a := range attempts {
		matrix[i] = make([]float64, len(v.Questions))
		for j, q := range v.Questions {
			matrix[i][j] = ScoreQuestion(q, byAttempt[a.ID][q.ID])
		}
		if a.Score != nil {
			st.MeanScore += *a.Score / float64(len(attempts))
		}
	}
	st.MeanScore = roundScore(st.MeanScore)
	items := ItemAnalysis(matrix)
	for j, q := range v.Questions {
		qs := QuestionStat{QuestionID: q.ID, Type: q.Type, Text: q.Text}
		if j < len(items) {
			qs.ItemStat = items[j]
		}
		st.Questions = append(st.Questions, qs)
	}
	return st
}
