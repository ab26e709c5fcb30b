package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// change draws how the scores changed from each learner's first self-assessment to their
// latest: per dimension for the organisation, and the share of reliable improvements per
// cohort.
func (or *organisationReport) change() {
	data := or.data
	inst := data.Instrument
	or.section(or.T("org.change.title"), or.T("org.change.intro"))
	if inst == nil || data.Participation.Reassessed == 0 {
		or.para(or.T("org.change.none"))
		return
	}
	th := or.th
	t := th.table("change",
		pdf.Column{Title: or.T("dist.col_dimension"), Width: 46},
		pdf.Column{Title: or.T("dist.col_n"), Width: 12, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_mean_change"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_improved"), Width: 50},
		pdf.Column{Title: or.T("org.col_declined"), Width: 22, Align: pdf.AlignRight},
		pdf.Column{Title: or.T("org.col_no_rci"), Width: or.d.Width() - 150, Align: pdf.AlignRight},
	)
	for k, st := range data.Change {
		row := pdf.Row{Label: st.Slug, Cells: []pdf.Cell{{Text: or.dimName(k), Font: &th.tableBold}, {Text: or.f.Int(st.N)}}}
		if !st.Shown {
			row.Cells = append(row.Cells, pdf.Cell{Text: "–"},
				pdf.Cell{Text: or.T("dist.too_few", "min", or.f.Int(data.MinGroupSize)), Font: &th.tableNote})
			t.Rows = append(t.Rows, row)
			continue
		}
		improved := 100 * float64(st.Improved) / float64(st.N)
		row.Cells = append(row.Cells,
			pdf.Cell{Text: or.f.Signed(st.MeanChange, 1), Font: &th.tableBold},
			pdf.Cell{Height: 4, Draw: func(x, top, w, h float64) {
				or.progressBar(x, top+h/2-1.2, w-13, 2.4, improved)
				or.d.Text(th.tableBody, x, pdf.Baseline(th.tableBody, top, h), w, or.f.Percent(improved), pdf.AlignRight)
			}},
			pdf.Cell{Text: or.share(st.Declined, st.N)},
			pdf.Cell{Text: or.share(st.N-st.Assessable, st.N)},
		)
		t.Rows = append(t.Rows, row)
	}
	or.d.Table(t)
	or.d.Space(3)
	or.note(or.T("org.change.note"))
	or.changeByCohort()
}

// changeByCohort draws the share of reliable improvements per cohort and dimension.
func (or *organisationReport) changeByCohort() {
	data := or.data
	var rows []heatRow
	for _, c := range data.Cohorts {
		if !c.BrokenOut || c.Participation.Reassessed == 0 {
			continue
		}
		row := heatRow{label: c.Name, note: or.msg.N("org.compared", c.Participation.Reassessed, or.f.Int(c.Participation.Reassessed))}
		for _, st := range c.Change {
			cell := heatCell{band: -1}
			if st.Shown {
				cell.value = or.share(st.Improved, st.N)
			}
			row.cells = append(row.cells, cell)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return
	}
	or.h2(or.T("org.change.by_cohort"), 50)
	or.para(or.T("org.change.by_cohort_intro", "min", or.f.Int(data.MinGroupSize)))
	or.dimensionKey("dimensions", data.Instrument)
	or.heatMap("change-cohorts", or.T("org.col_group"), data.Instrument, rows)
}
