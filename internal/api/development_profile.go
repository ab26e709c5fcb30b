package api

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/web"
)

// Profile is a learner's competency profile: their latest self-assessment, its growth,
// their 360 feedback (aggregates only) and what to work on next. Texts are in the
// caller's language.
type Profile struct {
	User User `json:"user"`
	// SelfAssessment is the latest submitted self-assessment; nil before the first.
	SelfAssessment *ProfileResults `json:"self_assessment"`
	// Growth compares it with each earlier attempt on the same content, newest first.
	Growth          []assessment.Comparison `json:"growth"`
	Feedback360     Profile360              `json:"feedback_360"`
	Recommendations []ProfileRecommendation `json:"recommendations"`
}

// ProfileResults is a submitted self-assessment's scores.
type ProfileResults struct {
	AttemptID     string             `json:"attempt_id"`
	InstrumentKey string             `json:"instrument_key"`
	Version       int                `json:"version"`
	SubmittedAt   *time.Time         `json:"submitted_at"`
	Dimensions    []ProfileDimension `json:"dimensions"`
}

// ProfileDimension is one dimension's score and band; Score and Band are nil when it was
// not scored.
type ProfileDimension struct {
	Slug  string   `json:"slug"`
	Name  string   `json:"name"`
	Score *float64 `json:"score"`
	Band  *string  `json:"band"`
}

// Profile360 is what may be shown of the 360 feedback: with fewer than MinObservers
// answered observers, no observer result at all (Shown is false).
type Profile360 struct {
	Invited         int             `json:"invited"`
	Answered        int             `json:"answered"`
	MinObservers    int             `json:"min_observers"`
	Shown           bool            `json:"shown"`
	Dimensions      []Profile360Dim `json:"dimensions"`
	BlindSpots      []ProfileGap    `json:"blind_spots"`
	HiddenStrengths []ProfileGap    `json:"hidden_strengths"`
}

// Profile360Dim compares self and observers on one dimension. Observers.Mean is nil when
// fewer than MinObservers observers scored it; Observers.Groups are the relationship groups
// that may be shown, small ones merged into "others". Kind is blind_spot, hidden_strength
// or nil.
type Profile360Dim struct {
	Slug      string           `json:"slug"`
	Name      string           `json:"name"`
	Self      *float64         `json:"self"`
	Observers ProfileObservers `json:"observers"`
	Gap       *float64         `json:"gap"`
	Kind      *string          `json:"kind"`
}

// ProfileObservers is the observers' mean on one dimension and the groups behind it.
type ProfileObservers struct {
	N      int                `json:"n"`
	Mean   *float64           `json:"mean"`
	Groups []ProfileGroupMean `json:"groups"`
}

// ProfileGroupMean is the mean of one relationship group (or of "others").
type ProfileGroupMean struct {
	Relationship string  `json:"relationship"`
	N            int     `json:"n"`
	Mean         float64 `json:"mean"`
}

// ProfileGap is a blind spot or a hidden strength with the observers' mean score on each
// of the dimension's items (each over at least MinObservers observers).
type ProfileGap struct {
	Slug   string            `json:"slug"`
	Name   string            `json:"name"`
	Self   float64           `json:"self"`
	Others float64           `json:"others"`
	Gap    float64           `json:"gap"`
	Items  []ProfileItemMean `json:"items"`
}

// ProfileItemMean is the observers' mean on one item of the observer form.
type ProfileItemMean struct {
	ItemID string  `json:"item_id"`
	Text   string  `json:"text"`
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
}

// ProfileRecommendation is a dimension to work on next, with what to do about it.
type ProfileRecommendation struct {
	Slug      string          `json:"slug"`
	Name      string          `json:"name"`
	Score     float64         `json:"score"`
	Observers *float64        `json:"observers"`
	BlindSpot bool            `json:"blind_spot"`
	Band      *string         `json:"band"`
	Feedback  string          `json:"feedback"`
	Actions   []string        `json:"actions"`
	Modules   []ProfileModule `json:"modules"`
}

// ProfileModule is a course module that develops a dimension, with the learner's progress.
type ProfileModule struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Percent int    `json:"percent"`
}

// UserProfile answers GET /api/v1/users/{id}/profile for the learner, their coaches and
// their organisation's administrators.
func (h *Handler) UserProfile(c *fiber.Ctx) error {
	a, err := h.learnerFor(c, c.Params("id"))
	if err != nil {
		return err
	}
	u := a.Learner
	lang := web.CurrentLocale(c).Lang
	fb, err := h.dev.Feedback360(ctx(c), u.ID)
	if err != nil {
		return err
	}
	out := Profile{User: toUser(u), Growth: []assessment.Comparison{}, Feedback360: toProfile360(fb, lang),
		Recommendations: []ProfileRecommendation{}}
	if fb.SelfAttemptID != "" {
		if out.SelfAssessment, out.Growth, err = h.selfResults(c, fb.SelfAttemptID, lang); err != nil {
			return err
		}
	}
	recs, err := h.dev.Recommendations(ctx(c), u.ID)
	if err != nil && !errors.Is(err, development.ErrNoSelfAssessment) {
		return err
	}
	for _, r := range recs.Items {
		out.Recommendations = append(out.Recommendations, toRecommendation(r, lang))
	}
	return c.JSON(out)
}

// selfResults reads a submitted self-assessment's scores and its growth.
func (h *Handler) selfResults(c *fiber.Ctx, attemptID, lang string) (*ProfileResults, []assessment.Comparison, error) {
	res, err := h.asmt.Results(ctx(c), attemptID)
	if err != nil {
		return nil, nil, err
	}
	growth, err := h.asmt.Growth(ctx(c), attemptID)
	if err != nil {
		return nil, nil, err
	}
	langs := res.Instrument.Languages
	out := &ProfileResults{AttemptID: attemptID, InstrumentKey: res.Instrument.Key, Version: res.Instrument.Version,
		SubmittedAt: res.Attempt.SubmittedAt, Dimensions: []ProfileDimension{}}
	for _, d := range res.Dimensions {
		pd := ProfileDimension{Slug: d.Slug, Name: d.Name.In(lang, langs...), Score: d.Score}
		if d.Band != nil {
			label := d.Band.Label.In(lang, langs...)
			pd.Band = &label
		}
		out.Dimensions = append(out.Dimensions, pd)
	}
	return out, nonNil(growth.Earlier), nil
}

func toProfile360(fb development.Feedback360, lang string) Profile360 {
	out := Profile360{Invited: fb.Invited, Answered: fb.Answered, MinObservers: fb.MinObservers, Shown: fb.Shown,
		Dimensions: []Profile360Dim{}, BlindSpots: toGaps(fb.BlindSpots, lang), HiddenStrengths: toGaps(fb.HiddenStrengths, lang)}
	for _, d := range fb.Dimensions {
		pd := Profile360Dim{Slug: d.Slug, Name: d.Name.In(lang, web.Languages...), Self: d.Self, Gap: d.Gap,
			Observers: ProfileObservers{N: d.Observers.N, Mean: d.Observers.Mean, Groups: []ProfileGroupMean{}}}
		if d.Kind != "" {
			kind := string(d.Kind)
			pd.Kind = &kind
		}
		for _, g := range d.Observers.Groups {
			pd.Observers.Groups = append(pd.Observers.Groups, ProfileGroupMean{Relationship: string(g.Relationship), N: g.N, Mean: g.Mean})
		}
		out.Dimensions = append(out.Dimensions, pd)
	}
	return out
}

func toGaps(gaps []development.Gap, lang string) []ProfileGap {
	out := []ProfileGap{}
	for _, g := range gaps {
		pg := ProfileGap{Slug: g.Slug, Name: g.Name.In(lang, web.Languages...), Self: g.Self, Others: g.Others, Gap: g.Gap,
			Items: []ProfileItemMean{}}
		for _, it := range g.Items {
			pg.Items = append(pg.Items, ProfileItemMean{ItemID: it.ItemID, Text: it.Text.In(lang, web.Languages...), N: it.N, Mean: it.Mean})
		}
		out = append(out, pg)
	}
	return out
}

func toRecommendation(r development.Recommendation, lang string) ProfileRecommendation {
	out := ProfileRecommendation{Slug: r.Slug, Name: r.Name.In(lang, web.Languages...), Score: r.Score,
		Observers: r.Observers, BlindSpot: r.BlindSpot, Actions: []string{}, Modules: []ProfileModule{}}
	if r.Band != nil {
		label := r.Band.Label.In(lang, web.Languages...)
		out.Band, out.Feedback = &label, r.Band.Feedback.In(lang, web.Languages...)
	}
	for _, a := range r.Actions {
		out.Actions = append(out.Actions, a.In(lang, web.Languages...))
	}
	for _, m := range r.Modules {
		out.Modules = append(out.Modules, ProfileModule{Slug: m.Module.Slug, Title: m.Module.Title.In(lang), Percent: m.Progress.Percent})
	}
	return out
}
