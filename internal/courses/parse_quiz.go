package courses

import (
	"gopkg.in/yaml.v3"
)

// parseQuiz reads quiz.yaml.
// slugLine is the line of the quiz slug, for problems found across modules.
func (l *loader) parseQuiz(file string, src []byte) (q Quiz, slugLine int) {
	r := reader{fileProblems{all: &l.problems, file: file}}
	root, ok := r.parseYAML(src)
	if !ok {
		return q, 0
	}
	f, ok := r.mapping(root, "quiz", "slug", "title", "pass_mark", "max_attempts", "grading", "review", "questions")
	if !ok {
		return q, 0
	}
	if n := r.require(f, "slug", "quiz"); n != nil {
		q.Slug, _ = r.slug(n, "slug")
	}
	q.Title, _ = r.text(f, "title", "quiz", true)
	if n := r.require(f, "pass_mark", "quiz"); n != nil {
		if v, ok := r.integer(n, "pass_mark"); ok && (v < 0 || v > 100) {
			r.add(n.Line, CodeInvalid, "pass_mark must be between 0 and 100, not %d", v)
		} else {
			q.PassMark = v
		}
	}
	if n := r.require(f, "max_attempts", "quiz"); n != nil {
		if v, ok := r.integer(n, "max_attempts"); ok && v < 0 {
			r.add(n.Line, CodeInvalid, "max_attempts must be 0 (unlimited) or more, not %d", v)
		} else {
			q.MaxAttempts = v
		}
	}
	if n := r.require(f, "grading", "quiz"); n != nil {
		if s, ok := r.scalar(n, "grading"); ok {
			if q.Grading = Grading(s); !q.Grading.valid() {
				r.add(n.Line, CodeInvalid, "grading must be highest or last, not %q", s)
			}
		}
	}
	if n := r.require(f, "review", "quiz"); n != nil {
		if s, ok := r.scalar(n, "review"); ok {
			if q.Review = ReviewPolicy(s); !q.Review.valid() {
				r.add(n.Line, CodeInvalid, "review must be always, after_pass_or_last_attempt or never, not %q", s)
			}
		}
	}
	if n := r.require(f, "questions", "quiz"); n != nil {
		q.Questions = r.questions(n, f.keyLine("questions"))
	}
	return q, f.keyLine("slug")
}

// questions reads the question list and applies the built-in content rules to it.
func (r reader) questions(n *yaml.Node, keyLine int) []Question {
	items, ok := r.sequence(n, "questions")
	if !ok {
		return nil
	}
	var out []Question
	firstLine := map[string]int{}
	types := map[QuestionType]bool{}
	for _, item := range items {
		q, idLine := r.question(item)
		if q.ID != "" {
			if first, dup := firstLine[q.ID]; dup {
				r.add(idLine, CodeDuplicate, "question id %q is used twice (first on line %d)", q.ID, first)
			} else {
				firstLine[q.ID] = idLine
			}
		}
		types[q.Type] = true
		out = append(out, q)
	}
	if len(items) < minQuestions {
		r.add(keyLine, CodeContentRule, "a quiz needs at least %d questions, found %d", minQuestions, len(items))
	}
	for _, t := range []QuestionType{QuestionSingle, QuestionMultiple, QuestionTrueFalse, QuestionScenario} {
		if !types[t] {
			r.add(keyLine, CodeContentRule, "a quiz needs at least one %s question", t)
		}
	}
	return out
}

// question reads one question; idLine is the line of its id.
func (r reader) question(n *yaml.Node) (Question, int) {
	var q Question
	f, ok := r.mapping(n, "question", "id", "type", "scenario", "text", "options")
	if !ok {
		return q, resolve(n).Line
	}
	what := "question"
	if n := r.require(f, "id", what); n != nil {
		if id, ok := r.slug(n, "question id"); ok {
			q.ID = id
			what = "question " + id
		}
	}
	if n := r.require(f, "type", what); n != nil {
		if s, ok := r.scalar(n, what+": type"); ok {
			if q.Type = QuestionType(s); !q.Type.valid() {
				r.add(n.Line, CodeInvalid, "%s: type must be single, multiple, truefalse or scenario, not %q", what, s)
			}
		}
	}
	switch {
	case q.Type == QuestionScenario:
		q.Scenario, _ = r.text(f, "scenario", what, true)
	case f.get("scenario") != nil:
		r.add(f.keyLine("scenario"), CodeInvalid, "%s: only scenario questions have a scenario", what)
	}
	q.Text, _ = r.text(f, "text", what, true)
	if n := r.require(f, "options", what); n != nil {
		q.Options = r.options(n, f.keyLine("options"), what, q.Type)
	}
	return q, f.keyLine("id")
}

// options reads a question's options, numbering them a, b, c…, and checks how many there
// are and how many are correct.
func (r reader) options(n *yaml.Node, keyLine int, what string, typ QuestionType) []Option {
	items, ok := r.sequence(n, what+": options")
	if !ok {
		return nil
	}
	var out []Option
	for i, item := range items {
		out = append(out, r.option(item, what, optionID(min(i, maxOptions-1))))
	}
	correct := 0
	for _, o := range out {
		if o.Correct {
			correct++
		}
	}
	switch {
	case len(items) > maxOptions:
		r.add(keyLine, CodeOptions, "%s: at most %d options, found %d", what, maxOptions, len(items))
	case typ == QuestionTrueFalse && len(items) != 2:
		r.add(keyLine, CodeOptions, "%s: a truefalse question has exactly 2 options (True, False), found %d", what, len(items))
	case len(items) < 2:
		r.add(keyLine, CodeOptions, "%s: a question needs at least 2 options, found %d", what, len(items))
	}
	switch {
	case !typ.valid():
	case typ.SingleAnswer() && correct != 1:
		r.add(keyLine, CodeOptions, "%s: a %s question needs exactly one correct option, found %d", what, typ, correct)
	case !typ.SingleAnswer() && correct < 1:
		r.add(keyLine, CodeOptions, "%s: a multiple question needs at least one correct option, found 0", what)
	}
	return out
}

// option reads one option.
func (r reader) option(n *yaml.Node, what, id string) Option {
	o := Option{ID: id}
	label := what + ": option " + id
	f, ok := r.mapping(n, label, "text", "correct", "feedback")
	if !ok {
		return o
	}
	o.Text, _ = r.text(f, "text", label, true)
	if n := r.require(f, "correct", label); n != nil {
		o.Correct, _ = r.boolean(n, label+": correct")
	}
	if f.get("feedback") == nil {
		r.add(f.line, CodeFeedback, "%s has no feedback", label)
	} else {
		o.Feedback, _ = r.text(f, "feedback", label, true)
	}
	return o
}
