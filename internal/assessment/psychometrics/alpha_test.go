package psychometrics

import (
	"errors"
	"math"
	"testing"
)

// small is a 6 × 3 matrix whose psych::alpha values are quoted below. They were produced with
// R 4.2.2 / psych 2.2.9:
//
//	x <- data.frame(a=c(1,2,3,4,5,6), b=c(2,2,4,3,5,4), c=c(3,4,3,5,5,6))
//	alpha(x, check.keys=FALSE)          # three items
//	alpha(x[,1:2], check.keys=FALSE)    # two items
//	x$k <- 3; alpha(x, check.keys=FALSE) # plus an item without variance
func small() [][]float64 {
	return [][]float64{
		{1, 2, 3},
		{2, 2, 4},
		{3, 4, 3},
		{4, 3, 5},
		{5, 5, 5},
		{6, 4, 6},
	}
}

// withColumn returns a copy of m with a column of value v appended.
func withColumn(m [][]float64, v float64) [][]float64 {
	out := make([][]float64, len(m))
	for i, row := range m {
		out[i] = append(append([]float64(nil), row...), v)
	}
	return out
}

// firstColumns returns a copy of m keeping its first k columns.
func firstColumns(m [][]float64, k int) [][]float64 {
	out := make([][]float64, len(m))
	for i, row := range m {
		out[i] = append([]float64(nil), row[:k]...)
	}
	return out
}

func assertClose(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.12g, want %.12g (±%g)", name, got, want, tol)
	}
}

func TestAlphaMatchesPsychOnSmallMatrix(t *testing.T) {
	res, err := Alpha(small())
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	if res.N != 6 || res.Items != 3 {
		t.Errorf("N, Items = %d, %d; want 6, 3", res.N, res.Items)
	}
	assertClose(t, "RawAlpha", res.RawAlpha, 0.872017353579176, tol)
	assertClose(t, "StdAlpha", res.StdAlpha, 0.880462535925084, tol)
	assertClose(t, "Mean", res.Mean, 3.722222222222222, tol)
	assertClose(t, "SD", res.SD, 1.306678004485959, tol)
	assertClose(t, "SEM", res.SEM, 1.306678004485959*math.Sqrt(1-0.872017353579176), tol)
	rDrop := []float64{0.983343422062855, 0.680188431837092, 0.752310437244199}
	alphaDrop := []float64{0.625000000000000, 0.892193308550186, 0.840466926070039}
	sd := []float64{1.87082869338697, 1.21106014163900, 1.21106014163900}
	mean := []float64{3.5, 10.0 / 3, 13.0 / 3}
	for j, it := range res.ItemStats {
		assertClose(t, "RDrop", it.RDrop, rDrop[j], tol)
		assertClose(t, "AlphaIfDeleted", it.AlphaIfDeleted, alphaDrop[j], tol)
		assertClose(t, "item SD", it.SD, sd[j], 1e-12)
		assertClose(t, "item Mean", it.Mean, mean[j], tol)
		if !it.HasAlphaIfDeleted || it.Constant {
			t.Errorf("item %d: HasAlphaIfDeleted=%v Constant=%v", j, it.HasAlphaIfDeleted, it.Constant)
		}
	}
}

func TestAlphaTwoItems(t *testing.T) {
	res, err := Alpha(firstColumns(small(), 2))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	assertClose(t, "RawAlpha", res.RawAlpha, 0.840466926070039, tol)
	assertClose(t, "StdAlpha", res.StdAlpha, 0.885459414414024, tol)
	assertClose(t, "Mean", res.Mean, 3.416666666666667, tol)
	assertClose(t, "SD", res.SD, 1.463443427901013, tol)
	for j, it := range res.ItemStats {
		// With two items r.drop is the plain correlation of the two.
		assertClose(t, "RDrop", it.RDrop, 0.794461346554275, tol)
		// psych reports 1.2273 and 0.5143 (cov/var) here; one item has no alpha.
		if it.HasAlphaIfDeleted || it.AlphaIfDeleted != 0 {
			t.Errorf("item %d: AlphaIfDeleted = %v (has %v), want undefined", j, it.AlphaIfDeleted, it.HasAlphaIfDeleted)
		}
	}
}

func TestAlphaConstantItemIsLeftOutLikePsych(t *testing.T) {
	res, err := Alpha(withColumn(small(), 3))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	if res.Items != 4 || len(res.ItemStats) != 4 {
		t.Fatalf("Items = %d, len(ItemStats) = %d; want 4", res.Items, len(res.ItemStats))
	}
	// Alphas as without the constant item; the score still averages all four items.
	assertClose(t, "RawAlpha", res.RawAlpha, 0.872017353579176, tol)
	assertClose(t, "StdAlpha", res.StdAlpha, 0.880462535925084, tol)
	assertClose(t, "Mean", res.Mean, 3.541666666666667, tol)
	assertClose(t, "SD", res.SD, 0.980008503364469, tol)
	rDrop := []float64{0.983343422062855, 0.680188431837092, 0.752310437244199}
	alphaDrop := []float64{0.625000000000000, 0.892193308550186, 0.840466926070039}
	for j := range 3 {
		assertClose(t, "RDrop", res.ItemStats[j].RDrop, rDrop[j], tol)
		assertClose(t, "AlphaIfDeleted", res.ItemStats[j].AlphaIfDeleted, alphaDrop[j], tol)
	}
	want := ItemStat{Mean: 3, SD: 0, RDrop: 0, AlphaIfDeleted: res.RawAlpha, HasAlphaIfDeleted: true, Constant: true}
	if got := res.ItemStats[3]; got != want {
		t.Errorf("constant item = %+v, want %+v", got, want)
	}
}

func TestAlphaIsNaNFree(t *testing.T) {
	inputs := map[string][][]float64{
		"three items":                small(),
		"two items":                  firstColumns(small(), 2),
		"constant item":              withColumn(small(), 3),
		"two varying and a constant": withColumn(firstColumns(small(), 2), 1),
		"perfectly parallel items":   {{1, 1}, {2, 2}, {3, 3}},
		"negative alpha":             {{1, 3}, {2, 1}, {3, 2}},
	}
	for name, m := range inputs {
		res, err := Alpha(m)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		vals := []float64{res.RawAlpha, res.StdAlpha, res.Mean, res.SD, res.SEM}
		for _, it := range res.ItemStats {
			vals = append(vals, it.Mean, it.SD, it.RDrop, it.AlphaIfDeleted)
		}
		for i, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: value %d is %v in %+v", name, i, v, res)
			}
		}
	}
}

func TestAlphaEdgeValues(t *testing.T) {
	// Two identical items: alpha 1, SEM 0, r.drop 1.
	res, err := Alpha([][]float64{{1, 1}, {2, 2}, {3, 3}})
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "RawAlpha", res.RawAlpha, 1, 1e-12)
	assertClose(t, "StdAlpha", res.StdAlpha, 1, 1e-12)
	assertClose(t, "SEM", res.SEM, 0, 1e-6)
	assertClose(t, "RDrop", res.ItemStats[0].RDrop, 1, 1e-12)

	// Negatively correlated items: alpha is negative (not clamped), SEM > SD.
	// var a = var b = 1, cov = -0.5, var total = 1: alpha = 2·(1 − 2/1) = −2.
	res, err = Alpha([][]float64{{1, 3}, {2, 1}, {3, 2}})
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "RawAlpha", res.RawAlpha, -2, 1e-12)
	assertClose(t, "SEM", res.SEM, res.SD*math.Sqrt(3), 1e-12)
	assertClose(t, "RDrop", res.ItemStats[0].RDrop, -0.5, 1e-12)
}

func TestAlphaErrors(t *testing.T) {
	tests := []struct {
		name  string
		items [][]float64
		want  error
	}{
		{"nil", nil, ErrTooFewRespondents},
		{"one respondent", [][]float64{{1, 2, 3}}, ErrTooFewRespondents},
		{"no items", [][]float64{{}, {}}, ErrTooFewItems},
		{"one item", [][]float64{{1}, {2}, {3}}, ErrTooFewItems},
		{"one varying item", [][]float64{{1, 5}, {2, 5}, {3, 5}}, ErrTooFewItems},
		{"all items constant", [][]float64{{1, 5}, {1, 5}, {1, 5}}, ErrNoVariance},
		{"total cancels (unrecoded reverse item)", [][]float64{{1, 6}, {2, 5}, {4, 3}}, ErrNoVariance},
		{"rest cancels for one item", [][]float64{{1, 6, 1}, {2, 5, 3}, {4, 3, 2}}, ErrNoVariance},
		{"ragged", [][]float64{{1, 2}, {1, 2, 3}}, ErrRaggedMatrix},
		{"NaN", [][]float64{{1, 2}, {math.NaN(), 3}}, ErrNonFinite},
		{"Inf", [][]float64{{1, 2}, {math.Inf(1), 3}}, ErrNonFinite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Alpha(tt.items)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v (result %+v)", err, tt.want, res)
			}
		})
	}
}

func TestAlphaDoesNotModifyInput(t *testing.T) {
	m := small()
	if _, err := Alpha(m); err != nil {
		t.Fatal(err)
	}
	for i, row := range small() {
		for j, v := range row {
			if m[i][j] != v {
				t.Fatalf("input changed at [%d][%d]", i, j)
			}
		}
	}
}

func TestCompleteCases(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	rows := [][]*float64{
		{f(1), f(2)},
		{f(3), nil},
		{nil, nil},
		{f(4), f(math.NaN())},
		{f(5), f(6)},
	}
	got := CompleteCases(rows)
	want := [][]float64{{1, 2}, {5, 6}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("got %v, want %v", got, want)
			}
		}
	}
	*rows[0][0] = 99 // the result holds copies, not the caller's values
	if got[0][0] != 1 {
		t.Errorf("CompleteCases aliases its input")
	}
	if got := CompleteCases(nil); len(got) != 0 {
		t.Errorf("CompleteCases(nil) = %v", got)
	}
}
