package courses_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
)

func TestReports(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana, bea, cai := f.learner("ana"), f.learner("bea"), f.learner("cai")
		quiz := f.quiz("first-steps-quiz")
		// ana completes module 1 (best score 100 after a failed try); bea did one lesson
		// of module 2 and is answering its quiz; cai did nothing.
		f.completeLessons(ana, "first-steps")
		f.take(ana, quiz.Slug, answers(quiz, false))
		done := f.take(ana, quiz.Slug, answers(quiz, true))
		if _, err := f.store.CompleteLesson(f.ctx, bea, "follow-up", "three-messages"); err != nil {
			t.Fatal(err)
		}
		open, err := f.store.StartAttempt(f.ctx, bea, "follow-up-quiz")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.SaveAnswer(f.ctx, bea, open.ID, "q1", []string{"a"}); err != nil {
			t.Fatal(err)
		}
		var beaAnswered string
		f.gdb.Table("quiz_answers").Where("attempt_id = ?", open.ID).Pluck("CAST(answered_at AS TEXT)", &beaAnswered)

		report, err := f.store.LearnerReport(f.ctx, []string{cai, ana, bea, ana})
		if err != nil {
			t.Fatal(err)
		}
		if len(report.Modules) != 2 || len(report.Rows) != 3 || report.Rows[0].UserID != cai || report.Rows[1].UserID != ana {
			t.Fatalf("report = %+v", report)
		}
		cRow, aRow, bRow := report.Rows[0], report.Rows[1], report.Rows[2]
		if cRow.LastActivity != nil || cRow.Modules[0].Percent != 0 || cRow.Overall.Percent != 0 {
			t.Errorf("cai = %+v", cRow)
		}
		if m := aRow.Modules[0]; m.Percent != 100 || *m.Quiz.Best != 100 || m.Quiz.Attempts != 2 || !m.Completed() ||
			!aRow.LastActivity.Equal(done.SubmittedAt) {
			t.Errorf("ana = %+v, module 1 %+v", aRow, m)
		}
		if m := bRow.Modules[1]; m.Percent != 25 || m.Quiz.Best != nil || bRow.LastActivity == nil ||
			!m.LastActivity.Equal(*bRow.LastActivity) || bRow.Overall.LessonsDone != 1 {
			t.Errorf("bea = %+v, module 2 %+v", bRow, m)
		}

		completion, err := f.store.CompletionByModule(f.ctx, []string{ana, bea, cai})
		if err != nil {
			t.Fatal(err)
		}
		if c := completion[0]; c.Module.Slug != "first-steps" || c.Learners != 3 || c.Started != 1 || c.Completed != 1 || c.Rate != 1.0/3 {
			t.Errorf("module 1 = %+v", c)
		}
		if c := completion[1]; c.Started != 1 || c.Completed != 0 || c.Rate != 0 {
			t.Errorf("module 2 = %+v", c)
		}

		last, err := f.store.LastActivity(f.ctx, []string{ana, bea, cai})
		if err != nil {
			t.Fatal(err)
		}
		if len(last) != 2 || !last[ana].Equal(done.SubmittedAt) || !last[bea].Equal(*bRow.LastActivity) {
			t.Errorf("last activity = %v", last)
		}
		// bea's latest activity is her saved answer, later than starting the attempt.
		if !last[bea].After(open.StartedAt) {
			t.Errorf("bea's last activity %v is not her answer (started %v, answered %s)", last[bea], open.StartedAt, beaAnswered)
		}
		if empty, err := f.store.LearnerReport(f.ctx, nil); err != nil || len(empty.Rows) != 0 || len(empty.Modules) != 2 {
			t.Errorf("empty report = %+v, %v", empty, err)
		}
	})
}
