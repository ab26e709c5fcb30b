package ui

import (
	"testing"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/development"
	ts "github.com/academy-platform/academy/internal/development/threesixty"
)

func ptr(v float64) *float64 { return &v }

// TestFeedbackRowsLineGroupsUp: the table has one column per group that any dimension
// shows, in display order with "others" last, and each dimension fills only its own.
func TestFeedbackRowsLineGroupsUp(t *testing.T) {
	dims := []development.Dimension360{
		{Slug: "giving-first", Name: instrument.Text{"es": "Dar primero", "en": "Giving first"}, Self: ptr(70),
			Observers: ts.Summary{N: 6, Mean: ptr(54), Groups: []ts.GroupMean{{Relationship: ts.Peer, N: 3, Mean: 75}, {Relationship: ts.Others, N: 3, Mean: 33}}}},
		{Slug: "other-focus", Name: instrument.Text{"es": "Foco en el otro"},
			Observers: ts.Summary{N: 5, Mean: ptr(60), Groups: []ts.GroupMean{{Relationship: ts.Client, N: 3, Mean: 50}}}},
		{Slug: "event-presence", Name: instrument.Text{"es": "Presencia en eventos"}, Self: ptr(40), Observers: ts.Summary{N: 2}},
	}
	cols := groupColumns(dims)
	if want := []ts.Relationship{ts.Peer, ts.Client, ts.Others}; len(cols) != 3 || cols[0] != want[0] || cols[1] != want[1] || cols[2] != want[2] {
		t.Fatalf("columns = %v, want %v", cols, want)
	}
	rows := feedbackRows(dims, cols, "en")
	if rows[0].Name != "Giving first" || rows[1].Name != "Foco en el otro" {
		t.Fatalf("names = %q, %q (English, else the form's language)", rows[0].Name, rows[1].Name)
	}
	cells := func(r feedbackRow) []float64 {
		var out []float64
		for _, g := range r.Groups {
			if g == nil {
				out = append(out, -1)
			} else {
				out = append(out, g.Mean)
			}
		}
		return out
	}
	for i, want := range [][]float64{{75, -1, 33}, {-1, 50, -1}, {-1, -1, -1}} {
		got := cells(rows[i])
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("row %d cells = %v, want %v (-1: not shown)", i, got, want)
			}
		}
	}
	if rows[2].Observers != nil {
		t.Fatal("a dimension scored by two observers shows a mean")
	}
}

// TestObserverPages: one page per dimension with the saved answers checked, then the
// check step with the pages that still have unanswered questions.
func TestObserverPages(t *testing.T) {
	four, first := 4, 1
	form := development.ObserverForm{ScaleMin: 1, ScaleMax: 5, ScaleLabels: []string{"a", "b", "c", "d", "e"}, Total: 3, Answered: 2,
		Dimensions: []development.FormDimension{
			{Slug: "giving-first", Name: "Giving first", Items: []development.FormItem{{ID: "o-gf1", Type: instrument.Likert, Text: "Offers help"}}},
			{Slug: "other-focus", Name: "Other-focus", Items: []development.FormItem{
				{ID: "o-of1", Type: instrument.Likert, Text: "Listens"},
				{ID: "o-of2", Type: instrument.SJT, Text: "A scenario", Options: []string{"x", "y"}}}},
		},
	}
	form.Answers = map[string]scoring.Answer{"o-gf1": {Value: &four}, "o-of2": {Option: &first}}
	p := newObserverPage("tok", form, 2, map[string]string{"o-of1": "off the scale"})
	if p.Review || p.Pages != 2 || p.Dimension != "Other-focus" || len(p.Items) != 2 || len(p.Problems) != 1 || p.Percent != 66 {
		t.Fatalf("page 2 = %+v", p)
	}
	if sjt := p.Items[1]; !sjt.Scenario || len(sjt.Choices) != 2 || sjt.Choices[0].Checked || !sjt.Choices[1].Checked {
		t.Fatalf("scenario = %+v", sjt)
	}
	if likert := newObserverPage("tok", form, 1, nil).Items[0]; len(likert.Choices) != 5 || !likert.Choices[3].Checked || likert.Choices[3].Label != "d" {
		t.Fatalf("statement = %+v", likert)
	}
	review := newObserverPage("tok", form, 3, nil)
	if !review.Review || len(review.Missing) != 1 || review.Missing[0] != (pageGap{Page: 2, Missing: 1}) {
		t.Fatalf("review = %+v", review)
	}
}
