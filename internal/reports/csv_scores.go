package reports

import (
	"context"
	"io"
	"slices"
	"strconv"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/csvsafe"
)

// ScoresCSV writes the latest self-assessment scores of the scope's learners: one row per
// learner and dimension of the self-assessment (learners by name, dimensions in the
// instrument's order; a learner without a self-assessment has empty score cells), with the
// band, the date and version of the attempt, the number of attempts, and the change since
// the first comparable attempt with its reading (reliable improvement or decline, as in
// the learner report). lang is the header's language ("es" or "en"; "" is Spanish).
// errs.ErrNotFound for an unknown organisation or a cohort outside it.
func (s Sources) ScoresCSV(ctx context.Context, w io.Writer, sc Scope, lang string) error {
	e, err := newCSVExport(w, lang)
	if err != nil {
		return err
	}
	sl, err := s.learnersIn(ctx, sc)
	if err != nil {
		return err
	}
	histories, err := s.Assessments.ScoreHistories(ctx, userIDs(sl.learners), DefaultInstrument)
	if err != nil {
		return err
	}
	versions, err := s.instrumentsOf(ctx, histories)
	if err != nil {
		return err
	}
	inst, err := s.groupInstrument(ctx, sl.orgID, histories, versions)
	if err != nil {
		return err
	}
	err = e.header(e.texts("csv.dimension", "csv.dimension_key", "csv.score", "csv.band", "csv.assessed_on",
		"csv.version", "csv.attempts", "csv.change", "csv.change_reading")...)
	if err != nil {
		return err
	}
	if inst == nil {
		return e.finish()
	}
	for _, u := range sl.learners {
		h, assessed := histories[u.ID]
		for _, d := range inst.Dimensions {
			row := append(sl.person(u), csvsafe.Text(d.Name.In(e.lang)), csvsafe.Text(d.Slug))
			if assessed {
				row = append(row, e.score(h.Scores, d)...)
				row = append(row, csvDate(h.Latest.SubmittedAt), strconv.Itoa(versions[h.Latest.InstrumentID].Version),
					strconv.Itoa(h.Attempts))
				row = append(row, e.change(h.Change, d.Slug)...)
			} else {
				row = append(row, "", "", "", "", "0", "", "")
			}
			if err := e.w.Write(row); err != nil {
				return err
			}
		}
	}
	return e.finish()
}

// score is the score and band cells of one dimension.
func (e *csvExport) score(scores map[string]float64, d DimensionInfo) []string {
	v, ok := scores[d.Slug]
	if !ok {
		return []string{"", ""}
	}
	band := ""
	if b := bandOf(d.Bands, v); b >= 0 {
		band = csvsafe.Text(d.Bands[b].Label.In(e.lang))
	}
	return []string{csvNum(v, 1), band}
}

// change is the change and reading cells of one dimension.
func (e *csvExport) change(c *assessment.Comparison, slug string) []string {
	if c == nil {
		return []string{"", ""}
	}
	i := slices.IndexFunc(c.Dimensions, func(d assessment.DimensionChange) bool { return d.Slug == slug })
	if i < 0 || c.Dimensions[i].Change == nil {
		return []string{"", e.msg.T("growth.verdict_missing")}
	}
	d := c.Dimensions[i]
	reading := "growth.verdict_same"
	switch {
	case d.RCI == nil:
		reading = "growth.verdict_no_rci"
	case d.Reliable && *d.RCI > 0:
		reading = "growth.verdict_up"
	case d.Reliable:
		reading = "growth.verdict_down"
	}
	return []string{csvNum(*d.Change, 1), e.msg.T(reading)}
}
