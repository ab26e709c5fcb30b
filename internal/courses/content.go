package courses

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
)

// Content is everything Load read from a content folder: the modules in catalogue order.
type Content struct {
	Modules []Module
}

// Module is one course module as written in its folder.
type Module struct {
	Slug       string   // stable key, never changes once published
	Dir        string   // the folder it was read from (NN-slug)
	Position   int      // place in the catalogue (module.yaml "order")
	Dimensions []string // competency-model dimension slugs it develops
	Title      Text
	Summary    Text
	Lessons    []Lesson // in reading order
	Quiz       Quiz
}

// Lesson is one lesson of a module, in every language.
type Lesson struct {
	Slug     string
	Title    Text
	Minutes  int  // estimated reading and exercise time
	Markdown Text // the body as written
	HTML     Text // the body rendered and sanitised, safe to insert in a page
}

// Body returns the lesson's rendered body in lang (falling back to Spanish), marked safe
// for html/template: it was sanitised when the content was loaded.
func (l Lesson) Body(lang string) template.HTML {
	return template.HTML(l.HTML.In(lang)) // sanitised by bluemonday at load
}

// QuestionType is how a question is answered and scored.
type QuestionType string

// The question types.
const (
	// QuestionSingle: one correct option among 3–4.
	QuestionSingle QuestionType = "single"
	// QuestionMultiple: several correct options; partial credit.
	QuestionMultiple QuestionType = "multiple"
	// QuestionTrueFalse: two options, True then False; one is correct.
	QuestionTrueFalse QuestionType = "truefalse"
	// QuestionScenario: a workplace situation with one best response.
	QuestionScenario QuestionType = "scenario"
)

// SingleAnswer reports whether exactly one option is chosen for questions of this type.
func (t QuestionType) SingleAnswer() bool { return t != QuestionMultiple }

func (t QuestionType) valid() bool {
	switch t {
	case QuestionSingle, QuestionMultiple, QuestionTrueFalse, QuestionScenario:
		return true
	}
	return false
}

// Grading says which submitted attempt gives a learner's quiz result.
type Grading string

// The grading methods.
const (
	GradingHighest Grading = "highest" // the attempt with the highest score
	GradingLast    Grading = "last"    // the most recently submitted attempt
)

func (g Grading) valid() bool { return g == GradingHighest || g == GradingLast }

// ReviewPolicy says when a learner may see the correct answers of a submitted attempt.
// Feedback on the options the learner chose is always shown.
type ReviewPolicy string

// The review policies.
const (
	ReviewAlways ReviewPolicy = "always"
	// ReviewAfterPassOrLastAttempt shows the answers once the learner has passed the quiz
	// or has no attempts left.
	ReviewAfterPassOrLastAttempt ReviewPolicy = "after_pass_or_last_attempt"
	ReviewNever                  ReviewPolicy = "never"
)

func (r ReviewPolicy) valid() bool {
	return r == ReviewAlways || r == ReviewAfterPassOrLastAttempt || r == ReviewNever
}

// Quiz is a module's quiz with its answer key. Stored versions are immutable.
type Quiz struct {
	Slug        string       `json:"slug"`
	Title       Text         `json:"title"`
	PassMark    int          `json:"pass_mark"`    // percent needed to pass, 0–100
	MaxAttempts int          `json:"max_attempts"` // 0 = unlimited
	Grading     Grading      `json:"grading"`
	Review      ReviewPolicy `json:"review"`
	Questions   []Question   `json:"questions"`
}

// Question is one quiz question with its answer key.
type Question struct {
	ID       string       `json:"id"`
	Type     QuestionType `json:"type"`
	Scenario Text         `json:"scenario,omitempty"` // only for scenario questions
	Text     Text         `json:"text"`
	Options  []Option     `json:"options"`
}

// Option is one answer option. Its ID is its position in the file: "a", "b", "c"…
type Option struct {
	ID       string `json:"id"`
	Text     Text   `json:"text"`
	Correct  bool   `json:"correct"`
	Feedback Text   `json:"feedback"`
}

// optionID names the option at index i (0 → "a").
func optionID(i int) string { return string(rune('a' + i)) }

// option returns the option with the given id.
func (q Question) option(id string) (Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// correctCount is the number of correct options.
func (q Question) correctCount() int {
	n := 0
	for _, o := range q.Options {
		if o.Correct {
			n++
		}
	}
	return n
}

// Hash identifies the quiz's content (title, settings, questions and answer key): two
// quizzes with the same hash are the same version.
func (q Quiz) Hash() string {
	b, _ := json.Marshal(q) // map keys are sorted, so the encoding is canonical
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// question returns the question with the given id.
func (q Quiz) question(id string) (Question, bool) {
	for _, qu := range q.Questions {
		if qu.ID == id {
			return qu, true
		}
	}
	return Question{}, false
}
