package footprint

import (
	"math"
	"strconv"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
)

// Version identifies the checklist below; change it whenever the questions or weights do.
const Version = 1

// MaxCount is the largest count accepted as an answer.
const MaxCount = 1000

// Kind is how a question is answered.
type Kind string

// The kinds of question.
const (
	// YesNo is answered 1 (yes) or 0 (no).
	YesNo Kind = "yes_no"
	// Count is answered with a whole number from 0 to MaxCount.
	Count Kind = "count"
)

// Question is one item of the checklist.
type Question struct {
	ID     string          `json:"id"`
	Kind   Kind            `json:"kind"`
	Weight int             `json:"weight"`
	Target int             `json:"target,omitempty"` // count questions: full marks from here
	Text   instrument.Text `json:"text"`
}

// Checklist returns the questions, in the order they are asked.
func Checklist() []Question {
	return []Question{
		{ID: "profile_problems", Kind: YesNo, Weight: 20, Text: instrument.Text{
			"es": "Tu perfil profesional dice qué problemas resuelves y para quién, no solo tu cargo.",
			"en": "Your professional profile says which problems you solve and for whom, not just your job title."}},
		{ID: "profile_updated", Kind: YesNo, Weight: 10, Text: instrument.Text{
			"es": "Has revisado y actualizado tu perfil en los últimos tres meses.",
			"en": "You have reviewed and updated your profile in the last three months."}},
		{ID: "interactions", Kind: Count, Weight: 20, Target: 8, Text: instrument.Text{
			"es": "¿Cuántas veces este mes has comentado o respondido con algo útil a publicaciones de otras personas?",
			"en": "How many times this month have you commented on or replied usefully to other people's posts?"}},
		{ID: "content_shared", Kind: Count, Weight: 20, Target: 4, Text: instrument.Text{
			"es": "¿Cuántos contenidos útiles para tu red has compartido este mes (un artículo, un recurso, algo que hayas aprendido)?",
			"en": "How many pieces of useful content have you shared with your network this month (an article, a resource, something you learnt)?"}},
		{ID: "conversations", Kind: Count, Weight: 20, Target: 3, Text: instrument.Text{
			"es": "¿Cuántos contactos nuevos se han convertido este mes en una conversación de verdad (una llamada, un café, un intercambio con contenido)?",
			"en": "How many new contacts turned into a real conversation this month (a call, a coffee, a proper exchange)?"}},
		{ID: "helped_online", Kind: Count, Weight: 10, Target: 2, Text: instrument.Text{
			"es": "¿A cuántas personas has ayudado este mes a través de tu red (una presentación, una recomendación, una respuesta a una petición)?",
			"en": "How many people have you helped through your network this month (an introduction, a recommendation, an answer to a request)?"}},
	}
}

// Answers maps question ids to answers: 0 or 1 for yes/no questions, a count for count
// questions.
type Answers map[string]int

// Validate checks that every question is answered within its range and that nothing else
// is. The error is an *errs.ValidationError with one field per question id: "required",
// "out_of_range" (Param "0..1" or "0..1000") or "unknown_question".
func Validate(a Answers) error {
	v := &errs.ValidationError{}
	known := map[string]bool{}
	for _, q := range Checklist() {
		known[q.ID] = true
		n, ok := a[q.ID]
		hi := MaxCount
		if q.Kind == YesNo {
			hi = 1
		}
		switch {
		case !ok:
			v.Fields = append(v.Fields, errs.FieldError{Field: q.ID, Code: "required"})
		case n < 0 || n > hi:
			v.Fields = append(v.Fields, errs.FieldError{Field: q.ID, Code: "out_of_range", Param: "0.." + strconv.Itoa(hi)})
		}
	}
	for id := range a {
		if !known[id] {
			v.Fields = append(v.Fields, errs.FieldError{Field: id, Code: "unknown_question"})
		}
	}
	if len(v.Fields) > 0 {
		return v
	}
	return nil
}

// Score validates the answers and returns their score, 0–100, by the rules of the package
// documentation.
func Score(a Answers) (float64, error) {
	if err := Validate(a); err != nil {
		return 0, err
	}
	var total float64
	for _, q := range Checklist() {
		n := a[q.ID]
		switch q.Kind {
		case YesNo:
			total += float64(q.Weight * n)
		default:
			total += float64(q.Weight) * float64(min(n, q.Target)) / float64(q.Target)
		}
	}
	return math.Round(total*10) / 10, nil
}
