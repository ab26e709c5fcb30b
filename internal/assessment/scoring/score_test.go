package scoring_test

import (
	"io/fs"
	"math"
	"testing"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/seed"
)

// testInstrument has a 1–5 scale and three dimensions:
//   - "mixed": L1, L2 (reverse), L3, and SJT S1 with weights 0..3 — 4 items, 3 required;
//   - "six": six Likert items — 4 required;
//   - "one": a single item — 1 required.
const testInstrument = `
id: scoring-test
version: 1
languages: [en]
audience: self
title: Scoring test
scale: {min: 1, max: 5, labels: [a, b, c, d, e]}
dimensions:
  - slug: mixed
    name: Mixed
    bands:
      - {min: 0, label: Emerging}
      - {min: 40, label: Developing}
      - {min: 60, label: Proficient}
      - {min: 80, label: Role model}
  - {slug: six, name: Six, bands: [{min: 0, label: Low}, {min: 50, label: High}]}
  - {slug: one, name: One, bands: [{min: 0, label: Low}]}
items:
  - {id: L1, dimension: mixed, text: L1}
  - {id: L2, dimension: mixed, text: L2, reverse: true}
  - {id: L3, dimension: mixed, text: L3}
  - id: S1
    dimension: mixed
    type: sjt
    text: S1
    options:
      - {text: w0, weight: 0}
      - {text: w1, weight: 1}
      - {text: w2, weight: 2}
      - {text: w3, weight: 3}
  - {id: X1, dimension: six, text: X1}
  - {id: X2, dimension: six, text: X2}
  - {id: X3, dimension: six, text: X3}
  - {id: X4, dimension: six, text: X4}
  - {id: X5, dimension: six, text: X5}
  - {id: X6, dimension: six, text: X6}
  - {id: O1, dimension: one, text: O1}
`

func parse(t testing.TB, src string) *instrument.Definition {
	t.Helper()
	def, err := instrument.Parse([]byte(src), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return def
}

func v(n int) scoring.Answer { return scoring.Answer{Value: &n} }
func o(n int) scoring.Answer { return scoring.Answer{Option: &n} }

func TestItemScore(t *testing.T) {
	def := parse(t, testInstrument)
	six := parse(t, `
id: six-point
version: 1
languages: [en]
audience: self
title: Six
scale: {min: 1, max: 6, labels: [a, b, c, d, e, f]}
dimensions: [{slug: d, name: D, bands: [{min: 0, label: L}]}]
items:
  - {id: R, dimension: d, text: R, reverse: true}
  - {id: S, dimension: d, type: sjt, text: S, options: [{text: a, weight: 0}, {text: b, weight: 1}, {text: c, weight: 2}, {text: d, weight: 3}]}
`)
	cases := []struct {
		name string
		def  *instrument.Definition
		item string
		a    scoring.Answer
		want float64
	}{
		{"likert as answered", def, "L1", v(4), 4},
		{"reverse 1 → 5", def, "L2", v(1), 5},
		{"reverse 2 → 4", def, "L2", v(2), 4},
		{"reverse 3 → 3", def, "L2", v(3), 3},
		{"reverse 5 → 1", def, "L2", v(5), 1},
		{"sjt weight 0 → min", def, "S1", o(0), 1},
		{"sjt weight 1 → 1 + 4/3", def, "S1", o(1), 1 + 4.0/3},
		{"sjt weight 2 → 1 + 8/3", def, "S1", o(2), 1 + 8.0/3},
		{"sjt weight 3 → max", def, "S1", o(3), 5},
		{"1–6 reverse 2 → 5", six, "R", v(2), 5},
		{"1–6 sjt weight 1 → 1 + 5/3", six, "S", o(1), 1 + 5.0/3},
		{"1–6 sjt weight 3 → 6", six, "S", o(3), 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it, _ := c.def.Item(c.item)
			got, err := scoring.ItemScore(c.def.Scale, it, c.a)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-c.want) > 1e-12 {
				t.Fatalf("score = %v, want %v", got, c.want)
			}
		})
	}
}

func TestCheckRejectsInvalidAnswers(t *testing.T) {
	def := parse(t, testInstrument)
	cases := []struct {
		name, item string
		a          scoring.Answer
		field      string
		code       string
	}{
		{"unknown item", "nope", v(3), "item", scoring.CodeUnknownItem},
		{"below the scale", "L1", v(0), "value", scoring.CodeOutOfRange},
		{"above the scale", "L1", v(6), "value", scoring.CodeOutOfRange},
		{"likert given an option", "L1", o(1), "option", scoring.CodeNotForType},
		{"sjt given a value", "S1", v(3), "value", scoring.CodeNotForType},
		{"option below 0", "S1", o(-1), "option", scoring.CodeOutOfRange},
		{"option past the last", "S1", o(4), "option", scoring.CodeOutOfRange},
		{"neither", "L1", scoring.Answer{}, "answer", scoring.CodeOneOf},
		{"both", "L1", scoring.Answer{Value: v(1).Value, Option: o(1).Option}, "answer", scoring.CodeOneOf},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := scoring.Check(def, c.item, c.a)
			verr, ok := errs.AsValidation(err)
			if !ok {
				t.Fatalf("error = %v, want a validation error", err)
			}
			if fe, ok := verr.Field(c.field); !ok || fe.Code != c.code {
				t.Fatalf("error = %v, want %s: %s", err, c.field, c.code)
			}
		})
	}
	if _, err := scoring.Check(def, "S1", o(3)); err != nil {
		t.Errorf("a valid SJT answer: %v", err)
	}
}

func TestScoreDimensions(t *testing.T) {
	def := parse(t, testInstrument)
	type want struct {
		answered, required int
		score              float64 // -1: not scored
		band               int
	}
	cases := []struct {
		name    string
		answers map[string]scoring.Answer
		mixed   want
		six     want
	}{
		{
			name:    "all lowest, reverse item highest",
			answers: map[string]scoring.Answer{"L1": v(1), "L2": v(5), "L3": v(1), "S1": o(0)},
			mixed:   want{4, 3, 0, 0},
			six:     want{0, 4, -1, -1},
		},
		{
			name:    "all highest",
			answers: map[string]scoring.Answer{"L1": v(5), "L2": v(1), "L3": v(5), "S1": o(3)},
			mixed:   want{4, 3, 100, 3},
		},
		{
			// item scores 3, 3, 3 and SJT weight 2 → 1 + 8/3: mean (9 + 11/3)/4 = 19/6,
			// score (19/6 − 1)/4 × 100 = 54.1666…
			name:    "sjt counts like one rescaled item",
			answers: map[string]scoring.Answer{"L1": v(3), "L2": v(3), "L3": v(3), "S1": o(2)},
			mixed:   want{4, 3, 100 * (19.0/6 - 1) / 4, 1},
		},
		{
			// item scores 2, 4, 3 → mean 3 → score 50; the unanswered SJT is not a zero.
			name:    "three of four answered is enough",
			answers: map[string]scoring.Answer{"L1": v(2), "L2": v(2), "L3": v(3)},
			mixed:   want{3, 3, 50, 1},
		},
		{
			name:    "two of four answered is not",
			answers: map[string]scoring.Answer{"L1": v(5), "L3": v(5)},
			mixed:   want{2, 3, -1, -1},
		},
		{
			// four of six: item scores 3, 3, 3, 2 → mean 2.75 → score 43.75.
			name:    "four of six is enough",
			answers: map[string]scoring.Answer{"X1": v(3), "X2": v(3), "X3": v(3), "X4": v(2)},
			six:     want{4, 4, 43.75, 0},
		},
		{
			name:    "three of six is not",
			answers: map[string]scoring.Answer{"X1": v(5), "X2": v(5), "X3": v(5)},
			six:     want{3, 4, -1, -1},
		},
		{
			// 1, 2, 1 and SJT 3 (→ 5): mean 9/4 → score 31.25 (below 40: emerging)
			name:    "band below a boundary",
			answers: map[string]scoring.Answer{"L1": v(1), "L2": v(4), "L3": v(1), "S1": o(3)},
			mixed:   want{4, 3, 31.25, 0},
		},
		{
			// all 3 → mean 3 → score exactly 50, the lower bound of "High".
			name:    "score exactly on a boundary is in the upper band",
			answers: map[string]scoring.Answer{"X1": v(3), "X2": v(3), "X3": v(3), "X4": v(3), "X5": v(3), "X6": v(3)},
			six:     want{6, 4, 50, 1},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := scoring.Score(def, c.answers)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 || got[0].Dimension != "mixed" || got[1].Dimension != "six" || got[2].Dimension != "one" {
				t.Fatalf("dimensions = %+v", got)
			}
			check := func(ds scoring.DimensionScore, w want) {
				t.Helper()
				if w == (want{}) {
					w = want{0, scoring.Required(ds.Items), -1, -1}
				}
				if ds.Answered != w.answered || ds.Required != w.required || ds.Band != w.band {
					t.Errorf("%s: answered %d required %d band %d; want %d %d %d",
						ds.Dimension, ds.Answered, ds.Required, ds.Band, w.answered, w.required, w.band)
				}
				if w.score < 0 {
					if ds.Scored() || ds.Mean != nil {
						t.Errorf("%s: scored %v, want no score", ds.Dimension, *ds.Score)
					}
					return
				}
				if !ds.Scored() || math.Abs(*ds.Score-w.score) > 1e-9 {
					t.Errorf("%s: score %v, want %v", ds.Dimension, ds.Score, w.score)
				}
				if wantMean := 1 + w.score/100*4; math.Abs(*ds.Mean-wantMean) > 1e-9 {
					t.Errorf("%s: mean %v, want %v", ds.Dimension, *ds.Mean, wantMean)
				}
			}
			check(got[0], c.mixed)
			check(got[1], c.six)
			if got[2].Scored() || got[2].Items != 1 || got[2].Required != 1 {
				t.Errorf("one: %+v", got[2])
			}
		})
	}
}

func TestScoreRejectsBadAnswers(t *testing.T) {
	def := parse(t, testInstrument)
	for name, answers := range map[string]map[string]scoring.Answer{
		"unknown item":  {"L1": v(3), "Z9": v(3)},
		"out of scale":  {"L1": v(9)},
		"wrong kind":    {"S1": v(3)},
		"option beyond": {"S1": o(7)},
	} {
		if got, err := scoring.Score(def, answers); err == nil {
			t.Errorf("%s: scored %+v, want an error", name, got)
		}
	}
}

func TestRequired(t *testing.T) {
	for n, want := range map[int]int{1: 1, 2: 2, 3: 2, 4: 3, 5: 4, 6: 4, 7: 5, 8: 6, 9: 6, 10: 7} {
		if got := scoring.Required(n); got != want {
			t.Errorf("Required(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestBandBoundaries(t *testing.T) {
	bands := []instrument.Band{{Min: 0}, {Min: 40}, {Min: 60}, {Min: 80}}
	for score, want := range map[float64]int{0: 0, 39.999: 0, 40: 1, 59.9: 1, 60: 2, 79.99: 2, 80: 3, 100: 3} {
		if got := scoring.BandOf(bands, score); got != want {
			t.Errorf("BandOf(%v) = %d, want %d", score, got, want)
		}
	}
}

// TestExactBoundary: item scores whose mean is exactly a band boundary land in the upper
// band despite floating point (1, 2, 3, 4, 1 on 1–5 → mean 2.2 → score 30; a 30 band).
func TestExactBoundary(t *testing.T) {
	def := parse(t, `
id: boundary
version: 1
languages: [en]
audience: self
title: B
scale: {min: 1, max: 5, labels: [a, b, c, d, e]}
dimensions: [{slug: d, name: D, bands: [{min: 0, label: L}, {min: 30, label: H}, {min: 40, label: X}]}]
items:
  - {id: a, dimension: d, text: a}
  - {id: b, dimension: d, text: b}
  - {id: c, dimension: d, text: c}
  - {id: e, dimension: d, text: e}
  - {id: f, dimension: d, text: f}
  - {id: s, dimension: d, type: sjt, text: s, options: [{text: x, weight: 1}, {text: y, weight: 2}]}
`)
	cases := []struct {
		answers map[string]scoring.Answer
		score   float64
		band    int
	}{
		{map[string]scoring.Answer{"a": v(1), "b": v(2), "c": v(3), "e": v(4), "f": v(1)}, 30, 1},
		// 1+4/3 and 2, 3, 2, 3, 3: (13 + 7/3)/6 = 23/9 → (14/9)/4 = 38.89
		{map[string]scoring.Answer{"a": v(2), "b": v(3), "c": v(2), "e": v(3), "f": v(3), "s": o(0)}, 100 * (23.0/9 - 1) / 4, 1},
		// 2, 3, 2, 3, 3 and 1+8/3: (13 + 11/3)/6 = 25/9 → 44.4
		{map[string]scoring.Answer{"a": v(2), "b": v(3), "c": v(2), "e": v(3), "f": v(3), "s": o(1)}, 100 * (25.0/9 - 1) / 4, 2},
		// 2, 2, 3, 3, 2 + (1+4/3): (12 + 7/3)/6 = 43/18 → 34.7
		{map[string]scoring.Answer{"a": v(2), "b": v(2), "c": v(3), "e": v(3), "f": v(2), "s": o(0)}, 100 * (43.0/18 - 1) / 4, 1},
		// exactly 40: mean 2.6 over 5 → 13: 3, 3, 3, 2, 2
		{map[string]scoring.Answer{"a": v(3), "b": v(3), "c": v(3), "e": v(2), "f": v(2)}, 40, 2},
	}
	for _, c := range cases {
		got, err := scoring.Score(def, c.answers)
		if err != nil {
			t.Fatal(err)
		}
		if !got[0].Scored() || math.Abs(*got[0].Score-c.score) > 1e-9 || got[0].Band != c.band {
			t.Errorf("%v: score %v band %d; want %v band %d", c.answers, *got[0].Score, got[0].Band, c.score, c.band)
		}
	}
}

// BenchmarkScoreAttempt scores a complete attempt on the built-in self-assessment (72
// items, 8 dimensions).
func BenchmarkScoreAttempt(b *testing.B) {
	data, err := fs.ReadFile(seed.Files, "instruments/networking-self.yaml")
	if err != nil {
		b.Fatal(err)
	}
	def := parse(b, string(data))
	answers := map[string]scoring.Answer{}
	for i, it := range def.Items {
		if it.Type == instrument.SJT {
			answers[it.ID] = o(i % len(it.Options))
		} else {
			answers[it.ID] = v(def.Scale.Min + i%def.Scale.Points())
		}
	}
	scorer := scoring.NewScorer(def)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scorer.Score(answers); err != nil {
			b.Fatal(err)
		}
	}
}
