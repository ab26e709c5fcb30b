package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// development draws the sections whose data the development features provide: 360
// feedback, the development plan's goals and the action log. Each is left out while its
// data is empty; the page is left out when all are.
func (lr *learnerReport) development() {
	data := lr.data
	if data.Feedback360 == nil && len(data.Goals) == 0 && data.Actions.empty() {
		return
	}
	lr.section(lr.T("development.title"), lr.T("development.intro"))
	if data.Feedback360 != nil {
		lr.feedback360(data.Feedback360)
	}
	if len(data.Goals) > 0 {
		lr.goals(data.Goals)
	}
	if !data.Actions.empty() {
		lr.actions(data.Actions)
	}
}

// feedback360 compares self and observers, with blind spots and hidden strengths:
// aggregates only, and nothing of the observers below the anonymity threshold.
func (lr *learnerReport) feedback360(f *Feedback360) {
	lr.h2(lr.T("d360.title"), 25)
	if !f.Shown {
		lr.para(lr.T("d360.hidden", "answered", lr.f.Int(f.Answered), "min", lr.f.Int(f.MinObservers)))
		return
	}
	lr.para(lr.T("d360.intro", "answered", lr.f.Int(f.Answered), "invited", lr.f.Int(f.Invited)))
	th := lr.th
	t := th.table("360",
		pdf.Column{Title: lr.T("d360.col_dimension"), Width: 70},
		pdf.Column{Title: lr.T("d360.col_self"), Width: 26, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("d360.col_others"), Width: 30, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("d360.col_gap"), Width: lr.d.Width() - 126, Align: pdf.AlignRight},
	)
	for _, d := range f.Dimensions {
		gap := pdf.Cell{Text: "–"}
		if d.Self != nil && d.Others != nil {
			gap.Text = lr.f.Signed(*d.Self-*d.Others, 0)
		}
		t.Rows = append(t.Rows, pdf.Row{Label: d.Slug, Cells: []pdf.Cell{
			{Text: lr.dimName(d.Slug, d.Name), Font: &th.tableBold},
			{Text: lr.f.Score(d.Self)}, {Text: lr.f.Score(d.Others)}, gap,
		}})
	}
	lr.d.Table(t)
	lr.d.Space(3)
	lr.gaps(lr.T("d360.blind_spots"), lr.T("d360.blind_spots_intro"), f.BlindSpots)
	lr.gaps(lr.T("d360.hidden_strengths"), lr.T("d360.hidden_strengths_intro"), f.HiddenStrengths)
}

// gaps lists blind spots or hidden strengths.
func (lr *learnerReport) gaps(title, intro string, gs []Gap360) {
	if len(gs) == 0 {
		return
	}
	items := make([]string, len(gs))
	for i, g := range gs {
		items[i] = lr.T("d360.gap_item", "name", lr.dimName(g.Slug, g.Name),
			"self", lr.f.Num(g.Self, 0), "others", lr.f.Num(g.Others, 0))
	}
	lr.bullets(title, intro, items)
}

// bullets draws a small titled list as one block.
func (b *builder) bullets(title, intro string, items []string) {
	d, th := b.d, b.th
	introLines := d.Wrap(th.body, intro, d.Width())
	lines, h := b.bulletBlock(th.body, items, d.Width())
	total := th.h3.LineHeight() + 1 + float64(len(introLines))*th.body.LineHeight() + 1.5 + h
	d.Space(2)
	d.Block("list", title, total, func(top float64) {
		y := top + d.Lines(th.h3, d.Left(), top, d.Width(), th.h3.LineHeight(), []string{title}, pdf.AlignLeft) + 1
		y += d.Lines(th.body, d.Left(), y, d.Width(), th.body.LineHeight(), introLines, pdf.AlignLeft) + 1.5
		b.drawBullets(th.body, th.accent, lines, d.Left(), y, d.Width())
	})
	d.Space(2)
}

// dimName is a dimension's name from the assessment, else from the given text.
func (lr *learnerReport) dimName(slug string, name Text) string {
	if n := lr.names[slug]; n != "" {
		return n
	}
	if n := name.In(lr.lang); n != "" {
		return n
	}
	return slug
}

// goals lists the development plan's goals.
func (lr *learnerReport) goals(goals []Goal) {
	lr.h2(lr.T("goals.title"), 25)
	th := lr.th
	t := th.table("goals",
		pdf.Column{Title: lr.T("goals.col_goal"), Width: 82},
		pdf.Column{Title: lr.T("goals.col_dimension"), Width: 40},
		pdf.Column{Title: lr.T("goals.col_due"), Width: 24},
		pdf.Column{Title: lr.T("goals.col_status"), Width: lr.d.Width() - 146},
	)
	for _, g := range goals {
		t.Rows = append(t.Rows, pdf.Row{Label: g.Title, Cells: []pdf.Cell{
			{Text: g.Title, Font: &th.tableBold, Note: g.SuccessMeasure},
			{Text: lr.dimName(g.Dimension, nil)},
			{Text: lr.f.ShortDate(g.DueOn)},
			{Text: lr.msg.Or("goals.status."+g.Status, g.Status)},
		}})
	}
	lr.d.Table(t)
	lr.d.Space(3)
}

// actions summarises the action log.
func (lr *learnerReport) actions(a ActionSummary) {
	lr.h2(lr.T("actions.title"), 40)
	lr.para(lr.T("actions.intro", "from", lr.f.Date(a.From), "to", lr.f.Date(a.To)))
	lr.tiles("actions", []tile{
		{lr.f.Int(a.Total), lr.T("actions.tile_total")},
		{lr.T("training.of", "done", lr.f.Int(a.ActiveWeeks), "total", lr.f.Int(a.Weeks)), lr.T("actions.tile_weeks")},
		{lr.f.Int(a.FollowUpsDone), lr.T("actions.tile_followups_done")},
		{lr.f.Int(a.FollowUpsOpen), lr.T("actions.tile_followups_open")},
	})
	if len(a.ByType) == 0 {
		return
	}
	th := lr.th
	most := 1
	for _, c := range a.ByType {
		most = max(most, c.Count)
	}
	t := th.table("actions",
		pdf.Column{Title: lr.T("actions.col_type"), Width: 80},
		pdf.Column{Title: lr.T("actions.col_count"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: "", Width: lr.d.Width() - 100},
	)
	for _, c := range a.ByType {
		share := float64(c.Count) / float64(most) * 100
		t.Rows = append(t.Rows, pdf.Row{Label: c.Type, Cells: []pdf.Cell{
			{Text: lr.msg.Or("actions.type."+c.Type, c.Type)},
			{Text: lr.f.Int(c.Count), Font: &th.tableBold},
			{Height: 3, Draw: func(x, top, w, h float64) { lr.progressBar(x, top+h/2-1.2, w, 2.4, share) }},
		}})
	}
	lr.d.Table(t)
	lr.d.Space(3)
}
