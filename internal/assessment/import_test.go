package assessment_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
)

func problemKeys(ps []assessment.ImportProblem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%d:%s:%s", p.Line, p.Column, p.Code)
	}
	return out
}

func TestImportResponsesValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, other := f.org("acme"), f.org("other")
		instID := f.add(acme.ID, "small.yaml")
		ana := f.learner(acme.ID)
		otto := f.learner(other.ID)

		cases := []struct {
			name     string
			file     string
			match    bool
			skip     bool
			problems []string // "line:column:code"
			imported int
		}{
			{
				name:     "valid anonymous rows, any column order, missing cells",
				file:     "F1,external_id,F2,F3,FS,R1,R2,R3\n4,x1,2,4,4,5,,\n\n1,x2,5,1,1,,2,2\n",
				imported: 2,
			},
			{
				name: "semicolons and a byte order mark",
				file: "\ufeffexternal_id;F1;F2;F3\nx1;4;2;4\n", imported: 1,
			},
			{
				name:     "unknown and duplicate columns stop everything",
				file:     "external_id,F1,ZZ,F1\nx1,4,4,4\n",
				skip:     true,
				problems: []string{"1::unknown_item", "1::duplicate_column"},
			},
			{
				name:     "no identifier column",
				file:     "name,F1\nAna,4\n",
				problems: []string{"1::unknown_item", "1::no_identifier"},
			},
			{
				name:     "two identifier columns",
				file:     "email,external_id,F1\na@x.example,1,4\n",
				problems: []string{"1::no_identifier"},
			},
			{
				name:     "header only",
				file:     "external_id,F1\n",
				problems: []string{"1::empty"},
			},
			{
				name:     "empty file",
				file:     "",
				problems: []string{"1::empty"},
			},
			{
				name: "every row problem, by line",
				file: "external_id,F1,F2,FS,R1\n" +
					"ok,4,4,4,4\n" + // 2
					"bad-number,x,3.5,,\n" + // 3
					"out-of-range,0,6,5,3\n" + // 4
					",3,3,3,3\n" + // 5
					"ok,3,3,3,3\n" + // 6: duplicate of line 2
					"nothing,,,,\n" + // 7
					"long,1,1,1,1,1\n" + // 8
					"sjt-zero,3,3,0,3\n", // 9
				problems: []string{
					"3:F1:not_integer", "3:F2:not_integer",
					"4:F1:out_of_range", "4:F2:out_of_range", "4:FS:out_of_range",
					"5:external_id:missing_identifier",
					"6:external_id:duplicate_identifier",
					"7::no_answers",
					"8::too_many_fields",
					"9:FS:out_of_range",
				},
			},
			{
				name:     "skipping invalid rows stores the valid ones",
				file:     "external_id,F1,F2\nok1,4,4\nbad,9,4\nok2,3,3\n",
				skip:     true,
				problems: []string{"3:F1:out_of_range"},
				imported: 2,
			},
			{
				name:     "matching people needs an email column",
				file:     "external_id,F1\nx1,4\n",
				match:    true,
				problems: []string{"1::email_required"},
			},
			{
				name:     "matching people: unknown and other organisations' emails",
				file:     "email,F1\n" + strings.ToUpper(ana.Email) + ",4\nnobody@x.example,4\n" + otto.Email + ",4\n",
				match:    true,
				problems: []string{"3:email:unknown_person", "4:email:unknown_person"},
			},
			{
				name:     "matching people, skipping the unknown",
				file:     "email,F1,F2,F3\n" + ana.Email + ",4,4,4\nnobody@x.example,4,4,4\n",
				match:    true,
				skip:     true,
				problems: []string{"3:email:unknown_person"},
				imported: 1,
			},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := f.snapshot()
				report, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{
					InstrumentID: instID, OrganisationID: acme.ID, MatchUsers: c.match, SkipInvalid: c.skip,
				}, strings.NewReader(c.file))
				got := problemKeys(report.Problems)
				if !slices.Equal(got, c.problems) && !(len(got) == 0 && len(c.problems) == 0) {
					t.Errorf("problems:\n got  %v\n want %v", got, c.problems)
				}
				if report.Imported != c.imported {
					t.Errorf("imported %d, want %d", report.Imported, c.imported)
				}
				if c.imported == 0 {
					wantIs(t, err, assessment.ErrImportInvalid)
					if _, ok := errs.AsValidation(err); !ok {
						t.Errorf("error %v carries no validation error", err)
					}
					f.wantUnchanged(before)
					return
				}
				wantIs(t, err, nil)
				after := f.snapshot()
				if n := after["assessment_attempts"] - before["assessment_attempts"]; n != int64(c.imported) {
					t.Errorf("%d attempts stored, want %d", n, c.imported)
				}
				if n := after["assessment_dimension_scores"] - before["assessment_dimension_scores"]; n != int64(2*c.imported) {
					t.Errorf("%d score rows stored, want %d", n, 2*c.imported)
				}
			})
		}
		// The matched person's attempt is theirs, submitted, from the import.
		list, err := f.store.Attempts(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(list) != 1 || list[0].Source != assessment.SourceImport || !list[0].Submitted() || *list[0].RespondentRef != ana.Email {
			t.Errorf("ana's attempts = %+v", list)
		}
		// An instrument another organisation cannot see.
		_, err = f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: instID, OrganisationID: other.ID},
			strings.NewReader("external_id,F1\nx,1\n"))
		wantIs(t, err, errs.ErrNotFound)
	})
}

// TestImportScoresLikeOnline: the same answers give the same stored scores whether they
// were given online or imported, and SJT cells are 1-based option numbers.
func TestImportScoresLikeOnline(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		instID := f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		online := f.submit(u, "small", map[string]any{"F1": 4, "F2": 2, "F3": 3, "FS": opt(1), "R1": 5})
		_, err := f.store.ImportResponses(f.ctx, assessment.ImportOptions{InstrumentID: instID, OrganisationID: acme.ID},
			strings.NewReader("external_id,F1,F2,F3,FS,R1\nresp-1,4,2,3,2,5\n"))
		wantIs(t, err, nil)
		var imported assessment.Attempt
		wantIs(t, gdb.Where("source = ?", assessment.SourceImport).Take(&imported).Error, nil)
		if imported.UserID != nil || *imported.RespondentRef != "resp-1" || *imported.OrganisationID != acme.ID {
			t.Errorf("imported attempt = %+v", imported)
		}
		a, err := f.store.Results(f.ctx, online.ID)
		wantIs(t, err, nil)
		b, err := f.store.Results(f.ctx, imported.ID)
		wantIs(t, err, nil)
		for i := range a.Dimensions {
			x, y := a.Dimensions[i], b.Dimensions[i]
			if (x.Score == nil) != (y.Score == nil) || x.Answered != y.Answered || x.NotScored != y.NotScored ||
				(x.Score != nil && math.Abs(*x.Score-*y.Score) > 0) {
				t.Errorf("%s: online %+v, imported %+v", x.Slug, x, y)
			}
		}
		// focus: 4, 4, 3 and weight 1 → 1 + 4/3: mean (11 + 7/3)/4 = 10/3 → 58.33
		if s := a.Dimensions[0].Score; s == nil || math.Abs(*s-100*(10.0/3-1)/4) > 1e-9 {
			t.Errorf("focus score = %v", s)
		}
	})
}
