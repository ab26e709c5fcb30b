package assessment_test

import (
	"math"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/psychometrics"
	"github.com/academy-platform/academy/internal/db/dbtest"
)

// TestPsychometricsRecodesAndIncludesSJT checks the store's analysis against Alpha on the
// matrix the documented rules give: reverse-keyed items recoded (6 − x), the SJT item
// included as its rescaled weight (1 + w·4/3; option n has weight n − 1 in small.yaml),
// and, per dimension, only the respondents who answered all its items.
func TestPsychometricsRecodesAndIncludesSJT(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		instID := f.add(acme.ID, "small.yaml")
		file := smallResponses(40)
		_, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: instID, OrganisationID: acme.ID},
			strings.NewReader(file))
		wantIs(t, err, nil)
		// An open online attempt does not count.
		u := f.learner(acme.ID)
		f.answer(u, f.start(u, "small"), map[string]any{"F1": 1, "F2": 1, "F3": 1, "FS": opt(0)})

		var focus, reach [][]*float64
		for _, line := range strings.Split(strings.TrimSpace(file), "\n")[1:] {
			cells := strings.Split(line, ",")
			val := func(i int) *float64 {
				if cells[i] == "" {
					return nil
				}
				x := float64(cells[i][0] - '0')
				return &x
			}
			f2, fs := *val(2), *val(4)
			rev := 6 - f2
			sjt := 1 + (fs-1)*4/3
			focus = append(focus, []*float64{val(1), &rev, val(3), &sjt})
			reach = append(reach, []*float64{val(5), val(6), val(7)})
		}
		rel, err := f.store.Psychometrics(f.ctx, instID, "")
		wantIs(t, err, nil)
		if rel.Attempts != 40 || rel.ScaleMin != 1 || rel.ScaleMax != 5 {
			t.Errorf("attempts %d scale %d–%d", rel.Attempts, rel.ScaleMin, rel.ScaleMax)
		}
		for k, rows := range [][][]*float64{focus, reach} {
			complete := psychometrics.CompleteCases(rows)
			want, err := psychometrics.Alpha(complete)
			if err != nil {
				t.Fatal(err)
			}
			got := rel.Dimensions[k]
			if got.N != len(complete) || got.N == 40 {
				t.Errorf("%s: n %d, want the %d complete cases", got.Slug, got.N, len(complete))
			}
			same := func(what string, g *float64, w float64) {
				t.Helper()
				if g == nil || math.Abs(*g-w) > 1e-12 {
					t.Errorf("%s %s = %v, want %v", got.Slug, what, g, w)
				}
			}
			same("alpha", got.Alpha, want.RawAlpha)
			same("std alpha", got.StdAlpha, want.StdAlpha)
			same("sem", got.SEM, want.SEM)
			same("mean", got.Mean, want.Mean)
			same("sd", got.SD, want.SD)
			for j, it := range got.Items {
				same(it.ID+" r.drop", it.ItemTotalR, want.ItemStats[j].RDrop)
				same(it.ID+" alpha if deleted", it.AlphaIfDeleted, want.ItemStats[j].AlphaIfDeleted)
				same(it.ID+" mean", it.Mean, want.ItemStats[j].Mean)
				same(it.ID+" sd", it.SD, want.ItemStats[j].SD)
			}
		}
		// The SJT item's mean is on the 1–5 scale: options 1..4 → 1, 2.33, 3.67, 5.
		if fs := rel.Dimensions[0].Items[3]; fs.ID != "FS" || *fs.Mean < 1 || *fs.Mean > 5 {
			t.Errorf("FS = %+v", fs)
		}
	})
}

func TestReliabilityCSVFormat(t *testing.T) {
	a, sd := 0.8, 1.25
	rel := assessment.Reliability{Dimensions: []assessment.DimensionReliability{{
		Slug: "d", N: 3, Mean: &sd, SD: &sd, Alpha: &a, Problem: "",
		Items: []assessment.ItemReliability{{ID: `odd,"id"`, Mean: &a}},
	}}}
	var b strings.Builder
	if err := assessment.WriteReliabilityCSV(&b, rel); err != nil {
		t.Fatal(err)
	}
	want := assessment.ReliabilityCSVHeader + "\r\n" +
		"d,,3,1.25,1.25,0.8,,,,\r\n" +
		`d,"odd,""id""",3,0.8,,,,,,` + "\r\n"
	if b.String() != want {
		t.Errorf("CSV:\n%q\nwant\n%q", b.String(), want)
	}
}
