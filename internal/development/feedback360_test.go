package development_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/scoring"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/development/threesixty"
)

func dimension(fb development.Feedback360, slug string) development.Dimension360 {
	for _, d := range fb.Dimensions {
		if d.Slug == slug {
			return d
		}
	}
	return development.Dimension360{}
}

// TestFeedback360Thresholds: nothing from observers below three, then means and groups
// under the merging rules.
func TestFeedback360Thresholds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		f.selfAssess(ana, allDims(3)) // 50 everywhere

		fb, err := f.dev.Feedback360(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if fb.Shown || len(fb.Dimensions) != 8 || *fb.Dimensions[0].Self != 50 || fb.Dimensions[0].Observers.Mean != nil {
			t.Fatalf("without observers: %+v", fb)
		}

		f.observe(ana, "peer", allDims(5))
		f.observe(ana, "peer", allDims(4))
		_, pending := f.invite(ana, "peer") // invited, not answered
		_ = pending
		fb, _ = f.dev.Feedback360(f.ctx, ana.ID)
		if fb.Shown || fb.Answered != 2 || fb.Invited != 3 {
			t.Fatalf("two observers: shown %v, %d answered of %d", fb.Shown, fb.Answered, fb.Invited)
		}
		for _, d := range fb.Dimensions {
			if d.Observers.Mean != nil || d.Observers.N != 0 || d.Observers.Groups != nil || d.Gap != nil || d.Kind != "" {
				t.Fatalf("two observers: %s shows %+v", d.Slug, d.Observers)
			}
		}
		if fb.BlindSpots != nil || fb.HiddenStrengths != nil {
			t.Fatal("gaps shown with two observers")
		}

		f.observe(ana, "peer", allDims(3))
		fb, _ = f.dev.Feedback360(f.ctx, ana.ID)
		d := dimension(fb, "giving-first")
		// Scores: 100, 75 and 50 → 75, computed by package scoring like self scores.
		def := f.definition(development.DefaultObserverInstrument)
		want, _ := scoring.Score(def, levelAnswers(def, allDims(4)))
		if !fb.Shown || d.Observers.N != 3 || *d.Observers.Mean != 75 || *want[0].Score != 75 ||
			!reflect.DeepEqual(d.Observers.Groups, []threesixty.GroupMean{{Relationship: "peer", N: 3, Mean: 75}}) {
			t.Fatalf("three peers: %+v", d.Observers)
		}
		if *d.Gap != -25 || d.Kind != threesixty.NoGap {
			t.Fatalf("gap = %v %q", *d.Gap, d.Kind)
		}
	})
}

func TestFeedback360MergesSmallGroups(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea := f.learner("Ana"), f.learner("Bea")
		// Ana: 3 peers, 2 managers and a client: the managers are merged into "others".
		for _, o := range []struct {
			rel   string
			level int
		}{{"peer", 5}, {"peer", 5}, {"peer", 2}, {"manager", 1}, {"manager", 3}, {"client", 2}} {
			f.observe(ana, o.rel, allDims(o.level))
		}
		fb, _ := f.dev.Feedback360(f.ctx, ana.ID)
		got := dimension(fb, "other-focus").Observers
		want := []threesixty.GroupMean{{Relationship: "peer", N: 3, Mean: 75}, {Relationship: "others", N: 3, Mean: 25}}
		if got.N != 6 || *got.Mean != 50 || !reflect.DeepEqual(got.Groups, want) {
			t.Fatalf("groups = %+v (mean %v), want %+v", got.Groups, *got.Mean, want)
		}
		// Bea: 3 peers and 2 managers: "others" would be 2, so no group is shown at all.
		for _, rel := range []string{"peer", "peer", "peer", "manager", "manager"} {
			f.observe(bea, rel, allDims(4))
		}
		fb, _ = f.dev.Feedback360(f.ctx, bea.ID)
		got = dimension(fb, "other-focus").Observers
		if got.N != 5 || *got.Mean != 75 || got.Groups != nil {
			t.Fatalf("Bea's observers = %+v", got)
		}
	})
}

// TestFeedback360BlindSpots: a gap of more than a third of the range, with the items.
func TestFeedback360BlindSpots(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		self := allDims(3)
		self["giving-first"] = 5     // 100 against 50: blind spot
		self["digital-presence"] = 1 // 0 against 50: hidden strength
		self["other-focus"] = 4      // 75 against 50: no gap
		f.selfAssess(ana, self)
		for range 3 {
			f.observe(ana, "peer", allDims(3))
		}
		fb, err := f.dev.Feedback360(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if len(fb.BlindSpots) != 1 || len(fb.HiddenStrengths) != 1 {
			t.Fatalf("blind spots %+v, hidden strengths %+v", fb.BlindSpots, fb.HiddenStrengths)
		}
		b := fb.BlindSpots[0]
		if b.Slug != "giving-first" || b.Self != 100 || b.Others != 50 || b.Gap != 50 || b.Kind != threesixty.BlindSpot {
			t.Fatalf("blind spot = %+v", b)
		}
		if len(b.Items) != 5 || b.Items[0].ItemID != "o-gf1" || b.Items[0].N != 3 || b.Items[0].Mean != 3 || b.Items[0].Text["en"] == "" {
			t.Fatalf("blind spot items = %+v", b.Items)
		}
		h := fb.HiddenStrengths[0]
		if h.Slug != "digital-presence" || h.Gap != -50 || h.Kind != threesixty.HiddenStrength {
			t.Fatalf("hidden strength = %+v", h)
		}
		if d := dimension(fb, "other-focus"); d.Kind != threesixty.NoGap || *d.Gap != 25 {
			t.Fatalf("other-focus = %+v", d)
		}
	})
}

// TestResultsHaveNoPerObserverFields walks every type a 360 result is made of: none may
// hold anything that belongs to one observer (answers, lists of individual scores, who
// answered).
func TestResultsHaveNoPerObserverFields(t *testing.T) {
	banned := []string{"answers", "email", "token", "invitation", "rating", "observerid", "raw"}
	answerType := reflect.TypeFor[scoring.Answer]()
	seen := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array {
			if typ.Kind() == reflect.Slice && (typ.Elem().Kind() == reflect.Float64 || typ.Elem().Kind() == reflect.Int) {
				t.Errorf("%s is a list of numbers: it could hold individual scores", path)
			}
			typ = typ.Elem()
		}
		if typ == answerType {
			t.Errorf("%s holds an answer", path)
		}
		if typ.Kind() == reflect.Map {
			if v := typ.Elem(); v.Kind() != reflect.String {
				t.Errorf("%s is a map to %s", path, v)
			}
			return
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for field := range typ.Fields() {
			name := strings.ToLower(field.Name)
			for _, b := range banned {
				if strings.Contains(name, b) {
					t.Errorf("%s.%s names something of one observer", path, field.Name)
				}
			}
			walk(path+"."+field.Name, field.Type)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[development.Feedback360](), reflect.TypeFor[development.Recommendations]()} {
		walk(typ.Name(), typ)
	}
	if !seen[reflect.TypeFor[threesixty.Summary]()] || !seen[reflect.TypeFor[development.ItemMean]()] {
		t.Fatal("the walk missed the result types")
	}
}

// TestObserversCannotBeToldApart: two learners whose observers gave the same answers,
// swapped between two people of the same relationship, get identical results.
func TestObserversCannotBeToldApart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea := f.learner("Ana"), f.learner("Bea")
		f.selfAssess(ana, allDims(5))
		f.selfAssess(bea, allDims(5))
		x, y, z := allDims(1), allDims(5), allDims(2)
		x["giving-first"], y["giving-first"] = 4, 1
		// Ana's first observer answers x and her second y; Bea's the other way round.
		for _, levels := range []map[string]int{x, y, z} {
			f.observe(ana, "peer", levels)
		}
		for _, levels := range []map[string]int{y, x, z} {
			f.observe(bea, "peer", levels)
		}
		results := func(learner string) string {
			fb, err := f.dev.Feedback360(f.ctx, learner)
			wantIs(t, err, nil)
			recs, err := f.dev.Recommendations(f.ctx, learner)
			wantIs(t, err, nil)
			fb.LearnerID, fb.SelfAttemptID, recs.SelfAttemptID = "", "", ""
			b, _ := json.Marshal([]any{fb, recs})
			return string(b)
		}
		a, b := results(ana.ID), results(bea.ID)
		if a != b {
			t.Fatalf("results differ:\n%s\n%s", a, b)
		}
		if !strings.Contains(a, `"shown":true`) {
			t.Fatalf("observer results not shown: %s", a)
		}
	})
}

// TestFeedback360QueryCount: the number of queries does not grow with the observers.
func TestFeedback360QueryCount(t *testing.T) {
	f := newFixture(t, dbtest.New(t, "sqlite"))
	ana := f.learner("Ana")
	f.selfAssess(ana, allDims(3))
	measure := func() int64 {
		return queries(t, f.gdb, func() {
			if _, err := f.dev.Recommendations(f.ctx, ana.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
	for range 3 {
		f.observe(ana, "peer", allDims(5))
	}
	measure() // the first call fills the stores' caches (definitions, catalogue)
	few := measure()
	for _, rel := range []string{"manager", "manager", "manager", "client", "peer", "direct_report"} {
		f.observe(ana, rel, allDims(1))
	}
	if many := measure(); many != few {
		t.Fatalf("%d queries with 3 observers, %d with 9", few, many)
	}
}
