package loadtest

import (
	"context"
	"fmt"
	"math"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/instrument"
)

// CheckResult is what the database check found.
type CheckResult struct {
	Attempts, Answers, Submitted int
	Problems                     []string
}

// OK reports whether nothing acknowledged was lost, doubled or mis-scored.
func (r CheckResult) OK() bool { return len(r.Problems) == 0 }

// Check compares the database with what the server acknowledged: every acknowledged answer
// is stored exactly once with its value, every acknowledged submit left the attempt
// submitted with exactly one score row per dimension, and the stored scores equal the
// scores recomputed here, independently of the server's scoring code, from the
// acknowledged answers.
func Check(ctx context.Context, gdb *gorm.DB, def *instrument.Definition, out *Outcome) (CheckResult, error) {
	var res CheckResult
	for attempt, acked := range out.Answers {
		res.Attempts++
		var rows []struct {
			ItemID      string
			Value       *int
			OptionIndex *int
		}
		if err := gdb.WithContext(ctx).Table("assessment_answers").Select("item_id, value, option_index").
			Where("attempt_id = ?", attempt).Scan(&rows).Error; err != nil {
			return res, err
		}
		stored := map[string]int{}
		for _, r := range rows {
			if _, dup := stored[r.ItemID]; dup {
				res.Problems = append(res.Problems, fmt.Sprintf("attempt %s: answer %s stored twice", attempt, r.ItemID))
			}
			switch {
			case r.Value != nil:
				stored[r.ItemID] = *r.Value
			case r.OptionIndex != nil:
				stored[r.ItemID] = *r.OptionIndex
			}
		}
		for item, v := range acked {
			res.Answers++
			if got, ok := stored[item]; !ok || got != v {
				res.Problems = append(res.Problems, fmt.Sprintf("attempt %s: acknowledged answer %s=%d, stored %v (present %v)", attempt, item, v, got, ok))
			}
		}
		if !out.Submitted[attempt] {
			continue
		}
		res.Submitted++
		if err := checkScores(ctx, gdb, def, attempt, acked, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

func checkScores(ctx context.Context, gdb *gorm.DB, def *instrument.Definition, attempt string, acked map[string]int, res *CheckResult) error {
	var submitted int64
	if err := gdb.WithContext(ctx).Table("assessment_attempts").Where("id = ? AND submitted_at IS NOT NULL", attempt).
		Count(&submitted).Error; err != nil {
		return err
	}
	if submitted != 1 {
		res.Problems = append(res.Problems, fmt.Sprintf("attempt %s: acknowledged submit, not submitted", attempt))
	}
	var scores []struct {
		Dimension string
		Score     *float64
	}
	if err := gdb.WithContext(ctx).Table("assessment_dimension_scores").Select("dimension, score").
		Where("attempt_id = ?", attempt).Scan(&scores).Error; err != nil {
		return err
	}
	if len(scores) != len(def.Dimensions) {
		res.Problems = append(res.Problems, fmt.Sprintf("attempt %s: %d score rows, want %d", attempt, len(scores), len(def.Dimensions)))
	}
	want := expectedScores(def, acked)
	for _, s := range scores {
		w, ok := want[s.Dimension]
		switch {
		case !ok:
			res.Problems = append(res.Problems, fmt.Sprintf("attempt %s: unknown dimension %s", attempt, s.Dimension))
		case (w == nil) != (s.Score == nil) || (w != nil && math.Abs(*w-*s.Score) > 1e-6):
			res.Problems = append(res.Problems, fmt.Sprintf("attempt %s, %s: stored %v, expected %v", attempt, s.Dimension, deref(s.Score), deref(w)))
		}
	}
	return nil
}

// expectedScores recomputes the 0–100 dimension scores from the model's rules: reverse
// keys, scenario weights rescaled onto the scale, the mean, and no score below two thirds
// of the items answered.
func expectedScores(def *instrument.Definition, answers map[string]int) map[string]*float64 {
	lo, hi := float64(def.Scale.Min), float64(def.Scale.Max)
	sum, n, items := map[string]float64{}, map[string]int{}, map[string]int{}
	for _, it := range def.Items {
		items[it.Dimension]++
		v, ok := answers[it.ID]
		if !ok {
			continue
		}
		score := float64(v)
		switch {
		case it.Type == instrument.SJT:
			score = lo + float64(it.Options[v].Weight)/3*(hi-lo)
		case it.Reverse:
			score = lo + hi - float64(v)
		}
		sum[it.Dimension] += score
		n[it.Dimension]++
	}
	out := map[string]*float64{}
	for _, d := range def.Dimensions {
		out[d.Slug] = nil
		if n[d.Slug] == 0 || 3*n[d.Slug] < 2*items[d.Slug] {
			continue
		}
		mean := sum[d.Slug] / float64(n[d.Slug])
		s := (mean - lo) / (hi - lo) * 100
		out[d.Slug] = &s
	}
	return out
}

func deref(p *float64) any {
	if p == nil {
		return "none"
	}
	return *p
}
