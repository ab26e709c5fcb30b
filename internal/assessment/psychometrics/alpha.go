package psychometrics

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Errors returned by Alpha. They are wrapped with context; test with errors.Is.
var (
	// ErrTooFewItems: fewer than two items, or fewer than two items that vary.
	ErrTooFewItems = errors.New("psychometrics: alpha needs at least two items that vary")
	// ErrTooFewRespondents: fewer than two complete responses.
	ErrTooFewRespondents = errors.New("psychometrics: alpha needs at least two respondents")
	// ErrNoVariance: the total score (or, for an item analysis, the sum of the other items)
	// has zero variance, so alpha is undefined.
	ErrNoVariance = errors.New("psychometrics: total score has no variance")
	// ErrRaggedMatrix: the rows do not all have the same number of items.
	ErrRaggedMatrix = errors.New("psychometrics: rows have different numbers of items")
	// ErrNonFinite: a value is NaN or infinite (use CompleteCases to drop missing answers).
	ErrNonFinite = errors.New("psychometrics: value is NaN or infinite")
)

// varianceTolerance is the relative size below which the variance of a sum of items counts
// as zero: a variance v is zero when v ≤ varianceTolerance · (sum of the item variances).
// It absorbs the rounding left when items cancel exactly (for example x and 7−x).
const varianceTolerance = 1e-12

// AlphaResult is the reliability analysis of one scale, as reported by R's psych::alpha.
type AlphaResult struct {
	// N is the number of respondents (rows) and Items the number of items (columns),
	// including items without variance.
	N, Items int
	// RawAlpha is Cronbach's alpha from the item covariance matrix:
	// k/(k−1) · (1 − Σ var(item) / var(total)).
	RawAlpha float64
	// StdAlpha is the standardised alpha, the same formula on the item correlation matrix:
	// k/(k−1) · (1 − k / Σ r_ij).
	StdAlpha float64
	// Mean and SD describe the scale score, the mean of a respondent's items (SD with n−1).
	Mean, SD float64
	// SEM is the standard error of measurement on the same mean-of-items scale:
	// SD · √(1 − RawAlpha), or 0 if RawAlpha ≥ 1.
	SEM float64
	// ItemStats has one entry per item, in column order.
	ItemStats []ItemStat
}

// ItemStat is the item analysis of one item.
//
// Items without variance (every respondent gave the same answer) are handled as psych::alpha
// handles them: they are left out of every alpha (so k counts only the items that vary) but
// still count in the scale score (Mean, SD). Such an item has Constant set, SD 0, RDrop 0
// (a correlation with a constant is undefined; 0 records that it carries no information) and
// AlphaIfDeleted equal to RawAlpha (deleting it changes nothing).
type ItemStat struct {
	// Mean and SD of the item (SD with n−1).
	Mean, SD float64
	// RDrop is the corrected item–total correlation (psych's r.drop): the Pearson
	// correlation of the item with the sum of the other items.
	RDrop float64
	// AlphaIfDeleted is the raw alpha of the remaining items (psych's alpha.drop raw_alpha).
	// It is meaningful only when HasAlphaIfDeleted is true; otherwise it is 0.
	AlphaIfDeleted float64
	// HasAlphaIfDeleted is false when deleting this item would leave a single item that
	// varies, whose alpha is undefined. (psych reports cov(i,j)/var(j) there, which is not an
	// alpha and can exceed 1; this package does not imitate that.)
	HasAlphaIfDeleted bool
	// Constant is true when the item has no variance.
	Constant bool
}

// CompleteCases returns the rows that have an answer for every item, as values, in their
// original order. A nil pointer or a NaN value counts as missing. The input is not modified.
func CompleteCases(rows [][]*float64) [][]float64 {
	var out [][]float64
	for _, row := range rows {
		if complete, ok := dereference(row); ok {
			out = append(out, complete)
		}
	}
	return out
}

// dereference copies a row of answers, reporting false if any answer is missing.
func dereference(row []*float64) ([]float64, bool) {
	vals := make([]float64, len(row))
	for j, p := range row {
		if p == nil || math.IsNaN(*p) {
			return nil, false
		}
		vals[j] = *p
	}
	return vals, true
}

// Alpha computes Cronbach's alpha and the item analysis of psych::alpha for a complete-case
// matrix: items[r][j] is respondent r's (already recoded) answer to item j.
//
// It returns ErrTooFewRespondents for fewer than two rows, ErrTooFewItems for fewer than two
// items (or fewer than two items that vary), ErrRaggedMatrix if rows differ in length,
// ErrNonFinite for NaN or infinite values, and ErrNoVariance when the total score, or the sum
// of the items other than one, has zero variance (which only happens when items cancel
// exactly, e.g. an item and its unrecoded reverse). See ItemStat for items without variance.
func Alpha(items [][]float64) (AlphaResult, error) {
	if err := validate(items); err != nil {
		return AlphaResult{}, err
	}
	n, k := len(items), len(items[0])
	cov := covariance(items)

	varying := varyingItems(items)
	if len(varying) == 0 {
		return AlphaResult{}, ErrNoVariance
	}
	if len(varying) < 2 {
		return AlphaResult{}, fmt.Errorf("%w: only 1 of %d items varies", ErrTooFewItems, k)
	}
	if isZeroVariance(cov, varying) {
		return AlphaResult{}, ErrNoVariance
	}

	scores := scaleScores(items)
	res := AlphaResult{
		N:         n,
		Items:     k,
		RawAlpha:  rawAlpha(cov, varying),
		StdAlpha:  stdAlpha(cov, varying),
		Mean:      Mean(scores),
		SD:        SD(scores),
		ItemStats: make([]ItemStat, k),
	}
	res.SEM = standardErrorOfMeasurement(res.SD, res.RawAlpha)

	for j := range k {
		stat, err := itemStat(items, cov, varying, j, res.RawAlpha)
		if err != nil {
			return AlphaResult{}, err
		}
		res.ItemStats[j] = stat
	}
	return res, nil
}

// validate checks the shape and values of the matrix given to Alpha.
func validate(items [][]float64) error {
	if len(items) < 2 {
		return fmt.Errorf("%w: got %d", ErrTooFewRespondents, len(items))
	}
	k := len(items[0])
	if k < 2 {
		return fmt.Errorf("%w: got %d items", ErrTooFewItems, k)
	}
	for r, row := range items {
		if len(row) != k {
			return fmt.Errorf("%w: row %d has %d items, row 0 has %d", ErrRaggedMatrix, r, len(row), k)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: row %d, item %d", ErrNonFinite, r, j)
			}
		}
	}
	return nil
}

// itemStat computes the item analysis for item j.
func itemStat(items [][]float64, cov [][]float64, varying []int, j int, alpha float64) (ItemStat, error) {
	stat := ItemStat{
		Mean: Mean(column(items, j)),
		SD:   math.Sqrt(cov[j][j]),
	}
	if !slices.Contains(varying, j) {
		stat.Constant = true
		stat.SD = 0
		stat.AlphaIfDeleted = alpha
		stat.HasAlphaIfDeleted = true
		return stat, nil
	}
	rest := without(varying, j)
	if isZeroVariance(cov, rest) {
		return ItemStat{}, fmt.Errorf("%w: the items other than item %d sum to a constant", ErrNoVariance, j)
	}
	stat.RDrop = correctedItemTotal(cov, rest, j)
	if len(rest) >= 2 {
		stat.AlphaIfDeleted = rawAlpha(cov, rest)
		stat.HasAlphaIfDeleted = true
	}
	return stat, nil
}

// covariance returns the sample covariance matrix (n−1) of the columns of items.
func covariance(items [][]float64) [][]float64 {
	n, k := len(items), len(items[0])
	means := make([]float64, k)
	for j := range k {
		means[j] = Mean(column(items, j))
	}
	cov := make([][]float64, k)
	for a := range k {
		cov[a] = make([]float64, k)
	}
	for a := range k {
		for b := a; b < k; b++ {
			s := 0.0
			for _, row := range items {
				s += (row[a] - means[a]) * (row[b] - means[b])
			}
			cov[a][b] = s / float64(n-1)
			cov[b][a] = cov[a][b]
		}
	}
	return cov
}

// rawAlpha is k/(k−1) · (1 − trace/sum) over the items in idx (len(idx) ≥ 2).
func rawAlpha(cov [][]float64, idx []int) float64 {
	k := float64(len(idx))
	return k / (k - 1) * (1 - trace(cov, idx)/sum(cov, idx))
}

// stdAlpha is k/(k−1) · (1 − k/Σr) over the correlation matrix of the items in idx, which
// must all have positive variance.
func stdAlpha(cov [][]float64, idx []int) float64 {
	sumR := 0.0
	for _, a := range idx {
		for _, b := range idx {
			sumR += cov[a][b] / math.Sqrt(cov[a][a]*cov[b][b])
		}
	}
	k := float64(len(idx))
	return k / (k - 1) * (1 - k/sumR)
}

// correctedItemTotal is the correlation of item j with the sum of the items in rest, computed
// from the covariance matrix as psych does: Σ_i cov(j,i) / √(var(j) · var(Σ rest)).
func correctedItemTotal(cov [][]float64, rest []int, j int) float64 {
	c := 0.0
	for _, i := range rest {
		c += cov[j][i]
	}
	return c / math.Sqrt(cov[j][j]*sum(cov, rest))
}

// standardErrorOfMeasurement is sd · √(1 − alpha), or 0 when alpha ≥ 1.
func standardErrorOfMeasurement(sd, alpha float64) float64 {
	if alpha >= 1 {
		return 0
	}
	return sd * math.Sqrt(1-alpha)
}

// isZeroVariance reports whether the sum of the items in idx has (numerically) zero variance.
func isZeroVariance(cov [][]float64, idx []int) bool {
	return sum(cov, idx) <= varianceTolerance*trace(cov, idx)
}

// varyingItems returns the indices of the columns whose values are not all equal.
func varyingItems(items [][]float64) []int {
	var idx []int
	for j := range items[0] {
		for _, row := range items[1:] {
			if row[j] != items[0][j] {
				idx = append(idx, j)
				break
			}
		}
	}
	return idx
}

// scaleScores returns each respondent's mean over all items.
func scaleScores(items [][]float64) []float64 {
	scores := make([]float64, len(items))
	for r, row := range items {
		scores[r] = Mean(row)
	}
	return scores
}

// column returns column j of items.
func column(items [][]float64, j int) []float64 {
	col := make([]float64, len(items))
	for r, row := range items {
		col[r] = row[j]
	}
	return col
}

// sum is the sum of the submatrix of m on the rows and columns idx, i.e. the variance of the
// sum of those items when m is a covariance matrix.
func sum(m [][]float64, idx []int) float64 {
	s := 0.0
	for _, a := range idx {
		for _, b := range idx {
			s += m[a][b]
		}
	}
	return s
}

// trace is the sum of the diagonal of m on idx.
func trace(m [][]float64, idx []int) float64 {
	t := 0.0
	for _, a := range idx {
		t += m[a][a]
	}
	return t
}

// without returns a copy of idx without j.
func without(idx []int, j int) []int {
	out := make([]int, 0, len(idx))
	for _, i := range idx {
		if i != j {
			out = append(out, i)
		}
	}
	return out
}
