package reports

import (
	"strings"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// results draws the table of dimension results: score, band, the score on the band scale
// with its measurement interval, percentile with its reference group, and the standard
// error of measurement.
func (lr *learnerReport) results() {
	a := lr.data.Assessment
	if a == nil {
		return
	}
	lr.section(lr.T("results.title"), lr.T("results.intro"))
	th := lr.th
	t := th.table("results",
		pdf.Column{Title: lr.T("results.col_dimension"), Width: 48},
		pdf.Column{Title: lr.T("results.col_score"), Width: 22, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("results.col_scale"), Width: 40},
		pdf.Column{Title: lr.T("results.col_band"), Width: 26},
		pdf.Column{Title: lr.T("results.col_percentile"), Width: 22, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("results.col_sem"), Width: 16, Align: pdf.AlignRight},
	)
	group := lr.msg.Or("group."+a.Group, a.Group)
	for _, dim := range a.Dimensions {
		row := pdf.Row{Label: dim.Slug}
		name := pdf.Cell{Text: dim.Name.In(lr.lang), Font: &th.tableBold}
		score := pdf.Cell{Text: lr.f.Score(dim.Score), Font: &th.tableBold}
		bar := pdf.Cell{Height: 6, Draw: func(x, top, w, h float64) {
			lr.scoreBar(x, top, w, h, dim.Bands, dim.Score, dim.SEM)
		}}
		band := pdf.Cell{}
		pct := pdf.Cell{Text: "–"}
		sem := pdf.Cell{Text: "–"}
		if dim.Score == nil {
			band = pdf.Cell{Text: lr.T("results.not_scored"), Note: lr.T("results.not_scored_note",
				"answered", lr.f.Int(dim.Answered), "items", lr.f.Int(dim.Items), "required", lr.f.Int(dim.Required))}
		} else {
			if dim.Band != nil {
				band.Text = dim.Band.Label.In(lr.lang)
			}
			if dim.Percentile != nil {
				pct = pdf.Cell{Text: lr.f.Num(*dim.Percentile, 0), Note: lr.T("results.group_size", "n", lr.f.Int(dim.GroupSize))}
			} else if dim.GroupSize > 0 {
				pct.Note = lr.T("results.group_small", "n", lr.f.Int(dim.GroupSize))
			}
		}
		if dim.SEM != nil {
			sem.Text = "±" + lr.f.Num(*dim.SEM, 1)
		}
		row.Cells = []pdf.Cell{name, score, bar, band, pct, sem}
		t.Rows = append(t.Rows, row)
	}
	lr.d.Table(t)
	lr.d.Space(4)
	lr.resultsNotes(a, group)
}

// resultsNotes explains the columns under the table.
func (lr *learnerReport) resultsNotes(a *Assessment, group string) {
	var bands []string
	if len(a.Dimensions) > 0 {
		for i, band := range a.Dimensions[0].Bands {
			hi := "100"
			if i+1 < len(a.Dimensions[0].Bands) {
				hi = lr.f.Num(a.Dimensions[0].Bands[i+1].Min-1, 0)
			}
			bands = append(bands, lr.T("results.band_range", "band", band.Label.In(lr.lang), "from", lr.f.Num(band.Min, 0), "to", hi))
		}
	}
	lr.h2(lr.T("results.notes_title"), 20)
	lr.note(lr.T("results.note_scale", "bands", strings.Join(bands, "; ")))
	shown := false
	for _, d := range a.Dimensions {
		shown = shown || d.Percentile != nil
	}
	if shown {
		lr.note(lr.T("results.note_percentile", "group", group, "date", lr.dateOr(a.NormsDate, lr.f.Date(lr.data.GeneratedAt))))
	} else {
		lr.note(lr.T("results.note_percentile_hidden", "group", group, "min", lr.f.Int(a.MinGroupSize)))
	}
	lr.note(lr.T("results.note_sem"))
}
