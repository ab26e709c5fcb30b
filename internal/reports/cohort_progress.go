package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// progressTable lists each learner's progress through the programme and modules
// completed, self-assessment and reliable changes since the first one.
func (cr *cohortReport) progressTable() {
	th := cr.th
	cr.note(cr.T("cohort.progress.note"))
	t := th.table("learners",
		pdf.Column{Title: cr.T("cohort.col_learner"), Width: 44},
		pdf.Column{Title: cr.T("cohort.col_progress"), Width: 30},
		pdf.Column{Title: cr.T("cohort.col_modules"), Width: 18, Align: pdf.AlignRight},
		pdf.Column{Title: cr.T("cohort.col_assessed"), Width: 28},
		pdf.Column{Title: cr.T("cohort.col_change"), Width: 24},
		pdf.Column{Title: cr.T("cohort.col_activity"), Width: cr.d.Width() - 144},
	)
	for _, l := range cr.data.Learners {
		o := l.Training
		progress := pdf.Cell{Height: 4, Draw: func(x, top, w, h float64) {
			cr.progressBar(x, top+h/2-1.2, w-13, 2.4, float64(o.Percent))
			cr.d.Text(th.tableBody, x, pdf.Baseline(th.tableBody, top, h), w, cr.f.Percent(float64(o.Percent)), pdf.AlignRight)
		}}
		assessed := pdf.Cell{Text: cr.T("cohort.not_assessed"), Font: &th.tableNote}
		if l.AssessedAt != nil {
			assessed = pdf.Cell{Text: cr.f.ShortDate(*l.AssessedAt), Note: cr.msg.N("cohort.attempts", l.Attempts, cr.f.Int(l.Attempts))}
		}
		change := pdf.Cell{Text: "–"}
		if l.Compared {
			change = pdf.Cell{Text: cr.msg.N("cohort.improved", l.Improved, cr.f.Int(l.Improved))}
			if l.Declined > 0 {
				change.Note = cr.msg.N("cohort.declined", l.Declined, cr.f.Int(l.Declined))
			}
		}
		activity := pdf.Cell{Text: cr.T("cohort.never"), Font: &th.tableNote}
		if l.LastActivity != nil {
			activity = pdf.Cell{Text: cr.f.ShortDate(*l.LastActivity)}
		}
		t.Rows = append(t.Rows, pdf.Row{Label: l.Name, Cells: []pdf.Cell{
			{Text: l.Name, Font: &th.tableBold, Note: l.Email},
			progress,
			{Text: cr.T("training.of", "done", cr.f.Int(o.ModulesCompleted), "total", cr.f.Int(o.Modules))},
			assessed, change, activity,
		}})
	}
	cr.d.Table(t)
	cr.d.Space(3)
}
