package assessment

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/psychometrics"
	"github.com/academy-platform/academy/internal/assessment/scoring"
)

// Reliability is the classical item analysis of one instrument version over its
// submitted attempts (online and imported), ready to encode as JSON. Undefined statistics
// are null, never NaN.
type Reliability struct {
	InstrumentID string `json:"instrument_id"`
	Key          string `json:"key"`
	Version      int    `json:"version"`
	// OrganisationID restricts the analysis to one organisation's attempts; "" = all.
	OrganisationID string    `json:"organisation_id,omitempty"`
	Attempts       int       `json:"attempts"`
	ComputedAt     time.Time `json:"computed_at"`
	// ScaleMin and ScaleMax are the item scale, on which Mean, SD and SEM are expressed.
	ScaleMin   int                    `json:"scale_min"`
	ScaleMax   int                    `json:"scale_max"`
	Dimensions []DimensionReliability `json:"dimensions"`
}

// DimensionReliability is the analysis of one dimension over its complete cases.
type DimensionReliability struct {
	Slug string `json:"slug"`
	// N is the number of complete cases: submitted attempts that answered every item of
	// the dimension.
	N int `json:"n"`
	// Mean and SD describe the respondents' mean item score (the scale score psych::alpha
	// reports); SEM = SD·√(1 − Alpha) on the same scale.
	Mean     *float64 `json:"mean"`
	SD       *float64 `json:"sd"`
	Alpha    *float64 `json:"alpha"`
	StdAlpha *float64 `json:"std_alpha"`
	SEM      *float64 `json:"sem"`
	// Problem says why Alpha is null: "too_few_respondents", "too_few_items" or
	// "no_variance".
	Problem string            `json:"problem,omitempty"`
	Items   []ItemReliability `json:"items"`
}

// ItemReliability is the analysis of one item (recoded: reverse-keyed items as
// min + max − answer, SJT items as their rescaled weight).
type ItemReliability struct {
	ID   string   `json:"id"`
	Mean *float64 `json:"mean"`
	SD   *float64 `json:"sd"`
	// ItemTotalR is the corrected item–total correlation (r.drop): with the sum of the
	// dimension's other items. Null for an item without variance.
	ItemTotalR *float64 `json:"item_total_r"`
	// AlphaIfDeleted is the dimension's alpha without this item; null when that would
	// leave fewer than two items that vary.
	AlphaIfDeleted *float64 `json:"alpha_if_deleted"`
}

// Psychometrics computes the reliability of each dimension of an instrument version over
// its submitted attempts, of one organisation when orgID is not "".
//
// Items are recoded as they are scored: reverse-keyed items as min + max − answer, and SJT
// items included as their option weight rescaled onto the Likert scale (package scoring),
// so the statistics describe the score Academy reports. Missing data: each dimension is
// analysed over its complete cases, the attempts that answered every item of that
// dimension (listwise deletion per dimension, as psych::alpha after na.omit); an attempt
// can thus count for one dimension and not another.
func (s *Store) Psychometrics(ctx context.Context, instrumentID, orgID string) (Reliability, error) {
	inst, err := s.Instrument(ctx, instrumentID)
	if err != nil {
		return Reliability{}, err
	}
	tx := s.conn(ctx)
	def, err := s.definition(tx, instrumentID)
	if err != nil {
		return Reliability{}, err
	}
	matrix, attempts, err := s.itemScores(tx, def, instrumentID, orgID)
	if err != nil {
		return Reliability{}, err
	}
	rel := Reliability{
		InstrumentID: inst.ID, Key: inst.Key, Version: inst.Version, OrganisationID: orgID,
		Attempts: attempts, ComputedAt: s.now(), ScaleMin: def.Scale.Min, ScaleMax: def.Scale.Max,
	}
	for _, dim := range def.Dimensions {
		rel.Dimensions = append(rel.Dimensions, dimensionReliability(def, dim, matrix))
	}
	return rel, nil
}

// itemScores loads the recoded item scores of the submitted attempts: one row per attempt
// that answered anything, one column per item of def (NaN = not answered), and the number
// of submitted attempts.
func (s *Store) itemScores(tx *gorm.DB, def *instrument.Definition, instrumentID, orgID string) ([][]float64, int, error) {
	filter := func(q *gorm.DB) *gorm.DB {
		q = q.Where("a.instrument_id = ? AND a.submitted_at IS NOT NULL", instrumentID)
		if orgID != "" {
			q = q.Where("a.organisation_id = ?", orgID)
		}
		return q
	}
	var attempts int64
	if err := filter(tx.Table("assessment_attempts a")).Count(&attempts).Error; err != nil {
		return nil, 0, err
	}
	rows, err := filter(tx.Table("assessment_answers x").Select("x.attempt_id, x.item_id, x.value, x.option_index").
		Joins("JOIN assessment_attempts a ON a.id = x.attempt_id")).Rows()
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	col := make(map[string]int, len(def.Items))
	for j, it := range def.Items {
		col[it.ID] = j
	}
	index := map[string]int{}
	var matrix [][]float64
	for rows.Next() {
		var attemptID, itemID string
		var value, option sql.NullInt64
		if err := rows.Scan(&attemptID, &itemID, &value, &option); err != nil {
			return nil, 0, err
		}
		j, ok := col[itemID]
		if !ok {
			continue
		}
		r, ok := index[attemptID]
		if !ok {
			r = len(matrix)
			index[attemptID] = r
			matrix = append(matrix, nanRow(len(def.Items)))
		}
		score, err := scoring.ItemScore(def.Scale, def.Items[j], storedAnswer(value, option))
		if err != nil {
			return nil, 0, err
		}
		matrix[r][j] = score
	}
	return matrix, int(attempts), rows.Err()
}

func storedAnswer(value, option sql.NullInt64) scoring.Answer {
	var a scoring.Answer
	if value.Valid {
		v := int(value.Int64)
		a.Value = &v
	}
	if option.Valid {
		o := int(option.Int64)
		a.Option = &o
	}
	return a
}

func nanRow(n int) []float64 {
	row := make([]float64, n)
	for i := range row {
		row[i] = math.NaN()
	}
	return row
}

// dimensionReliability analyses one dimension over the complete cases of matrix.
func dimensionReliability(def *instrument.Definition, dim instrument.Dimension, matrix [][]float64) DimensionReliability {
	var cols []int
	var ids []string
	for j, it := range def.Items {
		if it.Dimension == dim.Slug {
			cols, ids = append(cols, j), append(ids, it.ID)
		}
	}
	rows := make([][]*float64, len(matrix))
	for r, full := range matrix {
		rows[r] = make([]*float64, len(cols))
		for k, j := range cols {
			rows[r][k] = &full[j]
		}
	}
	complete := psychometrics.CompleteCases(rows)
	d := DimensionReliability{Slug: dim.Slug, N: len(complete), Items: make([]ItemReliability, len(cols))}
	describe(&d, complete, ids)
	res, err := psychometrics.Alpha(complete)
	if err != nil {
		d.Problem = alphaProblem(err)
		return d
	}
	d.Alpha, d.StdAlpha, d.SEM = finite(res.RawAlpha), finite(res.StdAlpha), finite(res.SEM)
	d.Mean, d.SD = finite(res.Mean), finite(res.SD)
	for k, st := range res.ItemStats {
		it := &d.Items[k]
		it.Mean, it.SD = finite(st.Mean), finite(st.SD)
		if !st.Constant {
			it.ItemTotalR = finite(st.RDrop)
		}
		if st.HasAlphaIfDeleted {
			it.AlphaIfDeleted = finite(st.AlphaIfDeleted)
		}
	}
	return d
}

// describe fills the means and SDs, which exist even when alpha does not.
func describe(d *DimensionReliability, complete [][]float64, ids []string) {
	scale := make([]float64, len(complete))
	for r, row := range complete {
		scale[r] = psychometrics.Mean(row)
	}
	d.Mean, d.SD = finite(psychometrics.Mean(scale)), finite(psychometrics.SD(scale))
	for k, id := range ids {
		col := make([]float64, len(complete))
		for r, row := range complete {
			col[r] = row[k]
		}
		d.Items[k] = ItemReliability{ID: id, Mean: finite(psychometrics.Mean(col)), SD: finite(psychometrics.SD(col))}
	}
}

// Problems that leave a dimension without alpha.
const (
	ProblemTooFewRespondents = "too_few_respondents"
	ProblemTooFewItems       = "too_few_items"
	ProblemNoVariance        = "no_variance"
)

func alphaProblem(err error) string {
	switch {
	case errors.Is(err, psychometrics.ErrTooFewRespondents):
		return ProblemTooFewRespondents
	case errors.Is(err, psychometrics.ErrTooFewItems):
		return ProblemTooFewItems
	default:
		return ProblemNoVariance
	}
}

// finite returns a pointer to x, or nil when x is NaN or infinite.
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
