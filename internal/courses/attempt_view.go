package courses

import (
	"slices"
	"time"
)

// AttemptView is an open attempt as the learner sees it: the questions and options in this
// attempt's order, with the learner's saved answers. It carries no answer key and no
// feedback, by construction: its types have no fields for them.
type AttemptView struct {
	ID          string         `json:"id"`
	QuizSlug    string         `json:"quiz_slug"`
	QuizTitle   Text           `json:"quiz_title"`
	ModuleSlug  string         `json:"module_slug"`
	Version     int            `json:"version"`
	Number      int            `json:"number"`       // 1 for the learner's first attempt
	MaxAttempts int            `json:"max_attempts"` // 0 = unlimited
	PassMark    int            `json:"pass_mark"`
	StartedAt   time.Time      `json:"started_at"`
	Questions   []QuestionView `json:"questions"`
}

// Answered counts the questions with a saved answer.
func (a AttemptView) Answered() int {
	n := 0
	for _, q := range a.Questions {
		if len(q.Selected) > 0 {
			n++
		}
	}
	return n
}

// QuestionView is a question without its answer key.
type QuestionView struct {
	ID       string       `json:"id"`
	Type     QuestionType `json:"type"`
	Scenario Text         `json:"scenario,omitempty"`
	Text     Text         `json:"text"`
	Options  []OptionView `json:"options"`
	Selected []string     `json:"selected"` // the saved answer's option ids
}

// IsSelected reports whether the saved answer includes optionID.
func (q QuestionView) IsSelected(optionID string) bool { return slices.Contains(q.Selected, optionID) }

// OptionView is an option without its correctness or feedback.
type OptionView struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
}

func buildView(a attemptRow, quizSlug string, v quizVersionRow, answers map[string][]string) AttemptView {
	view := AttemptView{ID: a.ID, QuizSlug: quizSlug, QuizTitle: v.Title, Version: v.Version, Number: a.Number,
		MaxAttempts: v.MaxAttempts, PassMark: v.PassMark, StartedAt: a.StartedAt.UTC()}
	quiz := v.quiz(quizSlug)
	for _, oq := range a.QuestionOrder {
		q, ok := quiz.question(oq.Question)
		if !ok {
			continue
		}
		qv := QuestionView{ID: q.ID, Type: q.Type, Scenario: q.Scenario, Text: q.Text, Selected: answers[q.ID]}
		if qv.Selected == nil {
			qv.Selected = []string{}
		}
		for _, id := range oq.Options {
			if o, ok := q.option(id); ok {
				qv.Options = append(qv.Options, OptionView{ID: o.ID, Text: o.Text})
			}
		}
		view.Questions = append(view.Questions, qv)
	}
	return view
}
