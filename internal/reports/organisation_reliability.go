package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// reliability draws the appendix: the reliability of each dimension over the
// organisation's attempts, as the psychometrics page computes it.
func (or *organisationReport) reliability() {
	rel := or.data.Reliability
	if rel == nil || or.data.Instrument == nil {
		return
	}
	or.section(or.T("org.reliability.title"), or.T("org.reliability.intro",
		"version", or.f.Int(rel.Version), "attempts", or.f.Int(rel.Attempts)))
	th := or.th
	t := th.table("reliability",
		pdf.Column{Title: or.T("dist.col_dimension"), Width: 46},
		pdf.Column{Title: or.T("org.col_items"), Width: 14, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_cases"), Width: 14, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("dist.col_mean"), Width: 16, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_sd"), Width: 14, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_alpha"), Width: 16, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_std_alpha"), Width: 18, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_sem"), Width: 16, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_growth_alpha"), Width: or.d.Width() - 154, Align: pdf.AlignRight},
	)
	num := func(v *float64, decimals int) pdf.Cell {
		if v == nil {
			return pdf.Cell{Text: "–"}
		}
		return pdf.Cell{Text: or.f.Num(*v, decimals)}
	}
	for k, d := range rel.Dimensions {
		name := pdf.Cell{Text: d.Slug, Font: &th.tableBold}
		if k < len(or.data.Instrument.Dimensions) && or.data.Instrument.Dimensions[k].Slug == d.Slug {
			name.Text = or.dimName(k)
		}
		switch {
		case !d.Shown:
			name.Note = or.T("org.problem.hidden", "min", or.f.Int(or.data.MinGroupSize))
		case d.Problem != "":
			name.Note = or.msg.Or("org.problem."+d.Problem, d.Problem)
		}
		alpha := num(d.Alpha, 2)
		alpha.Font = &th.tableBold
		t.Rows = append(t.Rows, pdf.Row{Label: d.Slug, Cells: []pdf.Cell{name, {Text: or.f.Int(d.Items)}, {Text: or.f.Int(d.N)},
			num(d.Mean, 2), num(d.SD, 2), alpha, num(d.StdAlpha, 2), num(d.SEM, 2), num(d.GrowthAlpha, 2)}})
	}
	or.d.Table(t)
	or.d.Space(3)
	or.h2(or.T("results.notes_title"), 20)
	or.note(or.T("org.reliability.note_cases", "min", or.f.Int(or.data.MinGroupSize)))
	or.note(or.T("org.reliability.note_scale", "min", or.f.Int(rel.ScaleMin), "max", or.f.Int(rel.ScaleMax)))
	or.note(or.T("org.reliability.note_alpha"))
	or.note(or.T("org.reliability.note_growth"))
}
