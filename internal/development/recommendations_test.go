package development_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
)

func slugs(recs development.Recommendations) []string {
	out := []string{}
	for _, r := range recs.Items {
		out = append(out, r.Slug)
	}
	return out
}

func TestRecommendations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.learner("Ana")
		_, err := f.dev.Recommendations(f.ctx, ana.ID)
		wantIs(t, err, development.ErrNoSelfAssessment)

		levels := allDims(5)
		levels["event-presence"] = 2     // 25
		levels["expressing-needs"] = 2   // 25, later in the instrument
		levels["digital-presence"] = 3   // 50: third, below 60
		levels["relationship-depth"] = 4 // 75
		delete(levels, "other-focus")    // not scored: never recommended
		f.selfAssess(ana, levels)
		recs, err := f.dev.Recommendations(f.ctx, ana.ID)
		wantIs(t, err, nil)
		if got := slugs(recs); len(got) != 3 || got[0] != "event-presence" || got[1] != "expressing-needs" || got[2] != "digital-presence" {
			t.Fatalf("recommended %v", got)
		}
		r := recs.Items[0]
		if r.Score != 25 || r.Band == nil || r.Band.Feedback["es"] == "" || r.Band.Feedback["en"] == "" ||
			len(r.Actions) == 0 || r.Actions[0]["es"] == "" || r.Actions[0]["en"] == "" || r.Observers != nil || r.BlindSpot {
			t.Fatalf("recommendation = %+v", r)
		}
		if len(r.Modules) != 1 || r.Modules[0].Module.Slug != "event-presence" || r.Modules[0].Progress.Percent != 0 {
			t.Fatalf("modules = %+v", r.Modules)
		}

		// A third dimension at 60 or more is left out.
		levels["digital-presence"] = 4
		f.selfAssess(ana, levels)
		recs, _ = f.dev.Recommendations(f.ctx, ana.ID)
		if got := slugs(recs); len(got) != 2 {
			t.Fatalf("recommended %v, want the two lowest only", got)
		}

		// A blind spot ranks by what observers see: giving-first is 100 to Ana, 50 to others,
		// and comes third even though it is Ana's highest score.
		for range 3 {
			obs := allDims(5)
			obs["giving-first"] = 3
			f.observe(ana, "peer", obs)
		}
		recs, _ = f.dev.Recommendations(f.ctx, ana.ID)
		got := slugs(recs)
		if len(got) != 3 || got[2] != "giving-first" || !recs.Items[2].BlindSpot || *recs.Items[2].Observers != 50 {
			t.Fatalf("recommended %v (%+v)", got, recs.Items)
		}
	})
}
