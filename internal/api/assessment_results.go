package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/web"
)

// Results are a submitted attempt's scores with percentiles and growth.
type Results struct {
	AttemptID     string             `json:"attempt_id"`
	InstrumentID  string             `json:"instrument_id"`
	InstrumentKey string             `json:"instrument_key"`
	Version       int                `json:"version"`
	SubmittedAt   *time.Time         `json:"submitted_at"`
	Norms         NormsInfo          `json:"norms"`
	Dimensions    []ResultDimension  `json:"dimensions"`
	Growth        []GrowthComparison `json:"growth"`
}

// NormsInfo describes the reference group of the percentiles.
type NormsInfo struct {
	Group        string    `json:"group"`
	MinGroupSize int       `json:"min_group_size"`
	ComputedAt   time.Time `json:"computed_at"`
}

// ResultDimension is one dimension's result. Score is null when too few items were
// answered (NotScored says so); Percentile is null when the reference group is too small.
type ResultDimension struct {
	Slug       string   `json:"slug"`
	Name       string   `json:"name"`
	Score      *float64 `json:"score"`
	Band       *string  `json:"band"`
	Feedback   string   `json:"feedback,omitempty"`
	Actions    []string `json:"actions"`
	Items      int      `json:"items"`
	Answered   int      `json:"answered"`
	Required   int      `json:"required"`
	NotScored  string   `json:"not_scored,omitempty"`
	Percentile *float64 `json:"percentile"`
	GroupSize  int      `json:"group_size"`
}

// GrowthComparison is the change since one earlier attempt.
type GrowthComparison struct {
	AttemptID   string                       `json:"attempt_id"`
	SubmittedAt time.Time                    `json:"submitted_at"`
	Dimensions  []assessment.DimensionChange `json:"dimensions"`
}

func (h *Handler) results(c *fiber.Ctx, attemptID string) error {
	res, err := h.asmt.Results(ctx(c), attemptID)
	if err != nil {
		return err
	}
	group, _, err := assessment.GroupNamed(c.Query("group"), res.Attempt, func(userID string) ([]string, error) {
		return h.ids.CohortPeers(ctx(c), userID)
	})
	if err != nil {
		return errs.InQuery(err)
	}
	norms, err := h.asmt.Norms(ctx(c), attemptID, group)
	if err != nil {
		return err
	}
	growth, err := h.asmt.Growth(ctx(c), attemptID)
	if err != nil {
		return err
	}
	lang, langs := web.CurrentLocale(c).Lang, res.Instrument.Languages
	out := Results{AttemptID: attemptID, InstrumentID: res.Instrument.ID, InstrumentKey: res.Instrument.Key,
		Version: res.Instrument.Version, SubmittedAt: res.Attempt.SubmittedAt,
		Norms:  NormsInfo{Group: string(norms.Group), MinGroupSize: norms.MinGroupSize, ComputedAt: norms.ComputedAt},
		Growth: []GrowthComparison{}}
	byslug := map[string]assessment.DimensionNorm{}
	for _, n := range norms.Dimensions {
		byslug[n.Slug] = n
	}
	for _, d := range res.Dimensions {
		rd := ResultDimension{Slug: d.Slug, Name: d.Name.In(lang, langs...), Score: d.Score, Items: d.Items,
			Answered: d.Answered, Required: d.Required, NotScored: d.NotScored, Actions: []string{}}
		if d.Band != nil {
			label := d.Band.Label.In(lang, langs...)
			rd.Band, rd.Feedback = &label, d.Band.Feedback.In(lang, langs...)
		}
		for _, a := range d.Actions {
			rd.Actions = append(rd.Actions, a.In(lang, langs...))
		}
		if n, ok := byslug[d.Slug]; ok {
			rd.GroupSize = n.GroupSize
			if !n.Hidden {
				rd.Percentile = n.Percentile
			}
		}
		out.Dimensions = append(out.Dimensions, rd)
	}
	for _, e := range growth.Earlier {
		out.Growth = append(out.Growth, GrowthComparison{AttemptID: e.AttemptID, SubmittedAt: e.SubmittedAt, Dimensions: e.Dimensions})
	}
	return c.JSON(out)
}
