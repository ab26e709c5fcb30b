package reports

import (
	"strings"

	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// attention lists the learners who need attention, and why.
func (cr *cohortReport) attention() {
	data := cr.data
	days := cr.f.Int(data.InactiveDays)
	cr.section(cr.T("attention.title"), cr.T("attention.intro", "days", days))
	if len(data.Attention) == 0 {
		cr.para(cr.T("attention.none"))
		return
	}
	th := cr.th
	t := th.table("attention",
		pdf.Column{Title: cr.T("cohort.col_learner"), Width: 52},
		pdf.Column{Title: cr.T("attention.col_reasons"), Width: 92},
		pdf.Column{Title: cr.T("cohort.col_activity"), Width: cr.d.Width() - 144},
	)
	for _, a := range data.Attention {
		var reasons []string
		for _, r := range a.Reasons {
			switch r {
			case development.ReasonInactive:
				reasons = append(reasons, cr.T("attention.reason.inactive", "days", days))
			case development.ReasonGoalsOverdue:
				reasons = append(reasons, cr.msg.N("attention.reason.goals_overdue", a.OverdueGoals, cr.f.Int(a.OverdueGoals)))
			default:
				reasons = append(reasons, cr.msg.Or("attention.reason."+r, r))
			}
		}
		activity := pdf.Cell{Text: cr.T("cohort.never"), Font: &th.tableNote}
		if a.LastActivity != nil {
			activity = pdf.Cell{Text: cr.f.ShortDate(*a.LastActivity)}
		}
		t.Rows = append(t.Rows, pdf.Row{Label: a.Name, Cells: []pdf.Cell{
			{Text: a.Name, Font: &th.tableBold},
			{Text: strings.Join(reasons, "\n")},
			activity,
		}})
	}
	cr.d.Table(t)
	cr.d.Space(3)
	cr.note(cr.T("attention.note"))
}
