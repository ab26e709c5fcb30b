package reports

import (
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// tile is a key figure with its label.
type tile struct{ value, label string }

// tiles draws key figures side by side as one block.
func (b *builder) tiles(label string, ts []tile) {
	d, th := b.d, b.th
	if len(ts) == 0 {
		return
	}
	const gap = 4.0
	w := (d.Width() - gap*float64(len(ts)-1)) / float64(len(ts))
	value := pdf.Font{Style: pdf.Bold, Size: 17, Color: th.accent}
	labels := make([][]string, len(ts))
	lines := 1
	for i, t := range ts {
		labels[i] = d.Truncate(th.small, d.Wrap(th.small, t.label, w-8), 3, w-8)
		lines = max(lines, len(labels[i]))
	}
	h := 15 + float64(lines)*th.small.LineHeight()
	d.Block("tiles", label, h, func(top float64) {
		for i, t := range ts {
			x := d.Left() + float64(i)*(w+gap)
			d.RoundRect(x, top, w, h, 2, pdf.Filled(th.wash))
			d.Text(value, x+4, top+10, 0, t.value, pdf.AlignLeft)
			d.Lines(th.small, x+4, top+12.5, w-8, th.small.LineHeight(), labels[i], pdf.AlignLeft)
		}
	})
	d.Space(5)
}

// training draws the learner's progress through the modules and their quiz results.
func (lr *learnerReport) training() {
	tr := lr.data.Training
	lr.section(lr.T("training.title"), lr.T("training.intro"))
	if len(tr.Modules) == 0 {
		lr.para(lr.T("training.none"))
		return
	}
	o := tr.Overall
	lr.tiles("training", []tile{
		{lr.T("training.of", "done", lr.f.Int(o.ModulesCompleted), "total", lr.f.Int(o.Modules)), lr.T("training.tile_modules")},
		{lr.T("training.of", "done", lr.f.Int(o.LessonsDone), "total", lr.f.Int(o.Lessons)), lr.T("training.tile_lessons")},
		{lr.T("training.of", "done", lr.f.Int(o.QuizzesPassed), "total", lr.f.Int(o.Quizzes)), lr.T("training.tile_quizzes")},
		{lr.f.Percent(float64(o.Percent)), lr.T("training.tile_overall")},
	})
	th := lr.th
	t := th.table("modules",
		pdf.Column{Title: lr.T("training.col_module"), Width: 62},
		pdf.Column{Title: lr.T("training.col_lessons"), Width: 20, Align: pdf.AlignRight},
		pdf.Column{Title: lr.T("training.col_progress"), Width: 36},
		pdf.Column{Title: lr.T("training.col_quiz"), Width: 32},
		pdf.Column{Title: lr.T("training.col_completed"), Width: lr.d.Width() - 150},
	)
	for _, m := range tr.Modules {
		progress := pdf.Cell{Height: 4, Draw: func(x, top, w, h float64) {
			lr.progressBar(x, top+h/2-1.2, w-13, 2.4, float64(m.Percent))
			lr.d.Text(th.tableBody, x, pdf.Baseline(th.tableBody, top, h), w, lr.f.Percent(float64(m.Percent)), pdf.AlignRight)
		}}
		completed := pdf.Cell{Text: "–"}
		if m.CompletedAt != nil {
			completed.Text = lr.f.ShortDate(*m.CompletedAt)
		}
		t.Rows = append(t.Rows, pdf.Row{Label: m.Slug, Cells: []pdf.Cell{
			{Text: m.Title.In(lr.lang), Font: &th.tableBold},
			{Text: lr.T("training.of", "done", lr.f.Int(m.LessonsDone), "total", lr.f.Int(m.Lessons))},
			progress,
			lr.quizCell(m),
			completed,
		}})
	}
	lr.d.Table(t)
	lr.d.Space(3)
	lr.note(lr.T("training.note"))
}

// quizCell shows the quiz score that counts, the attempts and whether it is passed.
func (lr *learnerReport) quizCell(m ModuleProgress) pdf.Cell {
	switch {
	case !m.HasQuiz:
		return pdf.Cell{Text: lr.T("training.no_quiz"), Font: &lr.th.tableNote}
	case m.QuizAttempts == 0 || m.QuizScore == nil:
		return pdf.Cell{Text: lr.T("training.quiz_not_taken"), Font: &lr.th.tableNote}
	}
	status := lr.T("training.quiz_failed")
	if m.QuizPassed {
		status = lr.T("training.quiz_passed")
	}
	return pdf.Cell{Text: lr.f.Percent(*m.QuizScore) + " · " + status,
		Note: lr.msg.N("training.attempts", m.QuizAttempts, lr.f.Int(m.QuizAttempts))}
}
