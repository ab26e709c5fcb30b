package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// method is the closing page: how the numbers are made and how to read them, in plain
// language.
func (lr *learnerReport) method() {
	lr.section(lr.T("method.title"), lr.T("method.intro"))
	a := lr.data.Assessment
	scaleMin, scaleMax, minGroup := 1, 5, 10
	group := lr.T("group.organisation")
	if a != nil {
		if a.ScaleMax > a.ScaleMin {
			scaleMin, scaleMax = a.ScaleMin, a.ScaleMax
		}
		if a.MinGroupSize > 0 {
			minGroup = a.MinGroupSize
		}
		group = lr.msg.Or("group."+a.Group, a.Group)
	}
	lr.h2(lr.T("method.scales_title"), 15)
	lr.para(lr.T("method.scales", "min", lr.f.Int(scaleMin), "max", lr.f.Int(scaleMax)))
	lr.h2(lr.T("method.bands_title"), 15)
	lr.para(lr.T("method.bands"))
	if a != nil && len(a.Dimensions) > 0 {
		lr.bandTable(a)
	}
	lr.h2(lr.T("method.missing_title"), 15)
	lr.para(lr.T("method.missing"))
	lr.h2(lr.T("method.percentiles_title"), 15)
	lr.para(lr.T("method.percentiles", "min", lr.f.Int(minGroup), "group", group))
	lr.h2(lr.T("method.reliability_title"), 15)
	lr.para(lr.T("method.reliability"))
	lr.h2(lr.T("method.change_title"), 15)
	lr.para(lr.T("method.change"))
	if lr.data.Feedback360 != nil {
		lr.h2(lr.T("method.360_title"), 15)
		lr.para(lr.T("method.360", "min", lr.f.Int(lr.data.Feedback360.MinObservers)))
	}
	lr.h2(lr.T("method.privacy_title"), 15)
	lr.para(lr.T("method.privacy"))
}

// bandTable lists the bands of the first dimension, noting when others differ.
func (lr *learnerReport) bandTable(a *Assessment) {
	th := lr.th
	bands := a.Dimensions[0].Bands
	t := th.table("bands",
		pdf.Column{Title: lr.T("method.col_band"), Width: 50},
		pdf.Column{Title: lr.T("method.col_range"), Width: 40},
	)
	for i, b := range bands {
		hi := 100.0
		if i+1 < len(bands) {
			hi = bands[i+1].Min - 1
		}
		t.Rows = append(t.Rows, pdf.Row{Label: b.Label.In(lr.lang), Cells: []pdf.Cell{
			{Text: b.Label.In(lr.lang), Font: &th.tableBold},
			{Text: lr.f.Num(b.Min, 0) + "–" + lr.f.Num(hi, 0)},
		}})
	}
	lr.d.Table(t)
	lr.d.Space(3)
	same := true
	for _, d := range a.Dimensions[1:] {
		if len(d.Bands) != len(bands) {
			same = false
			continue
		}
		for i := range bands {
			same = same && d.Bands[i].Min == bands[i].Min
		}
	}
	if !same {
		lr.note(lr.T("method.bands_vary"))
	}
}
