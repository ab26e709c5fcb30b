package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// participation draws the key figures and the participation of each cohort.
func (or *organisationReport) participation() {
	data := or.data
	p := data.Participation
	or.section(or.T("org.participation.title"), or.T("org.participation.intro"))
	if p.Learners == 0 {
		or.para(or.T("org.no_learners"))
		return
	}
	or.tiles("participation", []tile{
		{or.f.Int(p.Learners), or.T("org.tile_learners")},
		{or.share(p.Assessed, p.Learners), or.T("org.tile_assessed", "n", or.f.Int(p.Assessed))},
		{or.f.Percent(p.AverageProgress), or.T("org.tile_progress")},
		{or.share(p.Logging, p.Learners), or.T("org.tile_logging", "weeks", or.f.Int(p.ActionWeeks))},
	})
	th := or.th
	or.h2(or.T("org.participation.by_cohort"), 30)
	or.note(or.T("org.participation.note", "weeks", or.f.Int(p.ActionWeeks), "min", or.f.Int(data.MinGroupSize)))
	t := th.table("participation",
		pdf.Column{Title: or.T("org.col_group"), Width: 36},
		pdf.Column{Title: or.T("org.col_learners"), Width: 21, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_assessed"), Width: 26, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_reassessed"), Width: 23, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_progress"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_goals"), Width: 21, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_logging"), Width: or.d.Width() - 147, Align: pdf.AlignRight},
	)
	row := func(label, note string, p Participation, bold bool) pdf.Row {
		name := pdf.Cell{Text: label, Note: note}
		if bold {
			name.Font = &th.tableBold
		}
		return pdf.Row{Label: label, Cells: []pdf.Cell{name, {Text: or.f.Int(p.Learners)},
			{Text: or.share(p.Assessed, p.Learners)}, {Text: or.share(p.Reassessed, p.Learners)},
			{Text: or.f.Percent(p.AverageProgress)}, {Text: or.share(p.WithGoals, p.Learners)},
			{Text: or.share(p.Logging, p.Learners)}}}
	}
	t.Rows = append(t.Rows, row(or.T("org.whole"), "", p, true))
	for _, c := range data.Cohorts {
		if !c.BrokenOut {
			t.Rows = append(t.Rows, pdf.Row{Label: c.Name, Cells: []pdf.Cell{
				{Text: c.Name, Note: or.T("org.not_broken_out", "min", or.f.Int(data.MinGroupSize))}, {Text: "–"}}})
			continue
		}
		t.Rows = append(t.Rows, row(c.Name, "", c.Participation, false))
	}
	or.d.Table(t)
	or.d.Space(3)
}
