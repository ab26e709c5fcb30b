package ui

import (
	"math"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/charts"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type resultRow struct {
	Slug       string
	Name       string
	Score      *float64
	Band       string
	Feedback   string
	Actions    []string
	Answered   int
	Items      int
	Required   int
	Percentile *float64
}

type changeRow struct {
	Name     string
	Before   *float64
	After    *float64
	Change   *float64
	Reliable bool
	NoRCI    bool
}

type resultsPage struct {
	Attempt    assessment.Attempt
	Instrument assessment.Instrument
	Title      string
	Owner      *identity.User // set when the viewer is not the owner
	Rows       []resultRow
	Chart      any
	GroupSize  int
	NormsDate  time.Time
	NormsShown bool
	MinGroup   int
	Since      *time.Time
	Changes    []changeRow
	Group      string   // the reference group of the percentiles
	Groups     []string // the groups one can choose
}

// referenceGroup reads ?group= (organisation, cohort or everyone) for an attempt's norms.
func (h *Handler) referenceGroup(c *fiber.Ctx, a assessment.Attempt) (assessment.Group, string, error) {
	return assessment.GroupNamed(c.Query("group"), a, func(userID string) ([]string, error) {
		return h.ids.CohortPeers(ctx(c), userID)
	})
}

// AssessmentResults shows a submitted attempt: scores, bands and feedback, the radar chart
// with a table of the same numbers, percentiles, and the change since the last attempt.
func (h *Handler) AssessmentResults(c *fiber.Ctx) error {
	a, err := h.attemptFor(c, identity.View)
	if err != nil {
		return err
	}
	if !a.Submitted() {
		return c.Redirect("/assessments/"+a.ID, fiber.StatusSeeOther)
	}
	res, err := h.asmt.Results(ctx(c), a.ID)
	if err != nil {
		return err
	}
	group, groupName, err := h.referenceGroup(c, a)
	if err != nil {
		return err
	}
	norms, err := h.asmt.Norms(ctx(c), a.ID, group)
	if err != nil {
		return err
	}
	growth, err := h.asmt.Growth(ctx(c), a.ID)
	if err != nil {
		return err
	}
	lo := web.CurrentLocale(c)
	page := resultsPage{Attempt: a, Instrument: res.Instrument, Title: res.Instrument.Title.In(lo.Lang, res.Instrument.Languages...),
		NormsDate: norms.ComputedAt, MinGroup: norms.MinGroupSize, Group: groupName, Groups: assessment.GroupNames}
	if a.UserID != nil && *a.UserID != web.CurrentUser(c).ID {
		owner, err := h.ids.User(ctx(c), *a.UserID)
		if err != nil {
			return err
		}
		page.Owner = &owner
	}
	page.Rows = resultRows(res, norms, lo.Lang)
	for _, n := range norms.Dimensions {
		if !n.Hidden && n.Percentile != nil {
			page.NormsShown = true
			page.GroupSize = max(page.GroupSize, n.GroupSize)
		}
	}
	radar := pageRadar()
	series := charts.Series{Name: lo.T("results.self_series")}
	for _, r := range page.Rows {
		radar.Axes = append(radar.Axes, r.Name)
		v := math.NaN()
		if r.Score != nil {
			v = *r.Score
		}
		series.Values = append(series.Values, v)
	}
	radar.Series = []charts.Series{series}
	page.Chart = radar.SVG(lo.T("results.chart_title"), lo.T("results.chart_desc"))
	if len(growth.Earlier) > 0 {
		last := growth.Earlier[0]
		page.Since = &last.SubmittedAt
		names := map[string]string{}
		for _, r := range page.Rows {
			names[r.Slug] = r.Name
		}
		for _, d := range last.Dimensions {
			page.Changes = append(page.Changes, changeRow{Name: names[d.Slug], Before: d.Before, After: d.After,
				Change: d.Change, Reliable: d.Reliable, NoRCI: d.RCI == nil})
		}
	}
	return h.site.Page(c, "assessments/results", h.site.NewView(c, "results.title", page))
}

func resultRows(res assessment.Result, norms assessment.Norms, lang string) []resultRow {
	pct := map[string]*float64{}
	for _, n := range norms.Dimensions {
		if !n.Hidden {
			pct[n.Slug] = n.Percentile
		}
	}
	langs := res.Instrument.Languages
	rows := make([]resultRow, 0, len(res.Dimensions))
	for _, d := range res.Dimensions {
		r := resultRow{Slug: d.Slug, Name: d.Name.In(lang, langs...), Score: d.Score, Answered: d.Answered,
			Items: d.Items, Required: d.Required, Percentile: pct[d.Slug]}
		if d.Band != nil {
			r.Band, r.Feedback = d.Band.Label.In(lang, langs...), d.Band.Feedback.In(lang, langs...)
		}
		for _, a := range d.Actions {
			r.Actions = append(r.Actions, a.In(lang, langs...))
		}
		rows = append(rows, r)
	}
	return rows
}
