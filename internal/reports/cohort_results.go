package reports

// results draws the heat map of the learners' latest scores and the cohort's distribution
// per dimension.
func (cr *cohortReport) results() {
	data := cr.data
	inst := data.Instrument
	cr.section(cr.T("cohort.results.title"), cr.T("cohort.results.intro"))
	assessed := 0
	for _, l := range data.Learners {
		if l.AssessedAt != nil {
			assessed++
		}
	}
	if inst == nil || assessed == 0 {
		cr.para(cr.T("cohort.results.none"))
		return
	}
	cr.h2(cr.T("cohort.heatmap.title"), 40)
	cr.dimensionKey("dimensions", inst)
	cr.bandLegend("bands", firstBands(inst), cr.T("cohort.heatmap.legend"))
	var rows []heatRow
	for _, l := range data.Learners {
		row := heatRow{label: l.Name}
		if l.AssessedAt != nil {
			row.note = cr.f.ShortDate(*l.AssessedAt)
		}
		for _, s := range l.Scores {
			row.cells = append(row.cells, heatCell{value: scoreText(cr.f, s.Score), band: s.Band})
		}
		rows = append(rows, row)
	}
	cr.heatMap("heatmap", cr.T("cohort.col_learner"), inst, rows)
	cr.h2(cr.T("dist.title"), 40)
	cr.para(cr.T("cohort.dist.intro"))
	cr.distributionTable("distribution", inst, data.Dimensions, 1)
	cr.note(cr.T("dist.note"))
}

// scoreText is a score without decimals, or "" for none.
func scoreText(f format, v *float64) string {
	if v == nil {
		return ""
	}
	return f.Num(*v, 0)
}
