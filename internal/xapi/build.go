package xapi

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/academy-platform/academy/internal/activity"
)

// Platform is the context.platform of every statement.
const Platform = "Academy"

// Languages are the languages of the names and verb displays statements carry.
var languages = []string{"es", "en"}

// Words returns the text of a message-catalog key in a language ("es", "en"): the verbs'
// displays (xapi.verb.completed, …) and the names of action types (actions.type.helped,
// …). It returns the key itself when it has no text, as the catalogs do.
type Words func(lang, key string) string

// Builder makes statements from events. It is a value; the zero Words leaves verb
// displays and action names out.
type Builder struct {
	// BaseURL is Academy's public address, without a trailing slash: activity ids, Academy's
	// verbs and types, and the result extensions are IRIs under it, and it is the UUID
	// namespace of statement ids.
	BaseURL string
	// HomePage is the homePage of the actors' accounts; "" means BaseURL.
	HomePage string
	// Mbox identifies actors by their email address (mailto:) instead of an account on
	// HomePage. Accounts are the default: an email address is more personal data in the
	// LRS, and it changes.
	Mbox  bool
	Words Words
}

// StatementID is the id of the statement of an event: a UUID v5 of the event id in a
// namespace that is itself the UUID v5 of {base}/xapi in the URL namespace. The same event
// always gets the same id, so an LRS keeps it once however often it is sent.
func (b Builder) StatementID(eventID string) string {
	ns := uuid.NewSHA1(uuid.NameSpaceURL, []byte(b.BaseURL+"/xapi"))
	return uuid.NewSHA1(ns, []byte(eventID)).String()
}

// Build makes the statement of e for a learner with the given email address (used only
// with Mbox).
func (b Builder) Build(e activity.Event, email string) (Statement, error) {
	verb, verbKey, ok := verbOf(e)
	switch {
	case !ok:
		return Statement{}, fmt.Errorf("xapi: no statement for %q events", e.Kind)
	case e.ID == "" || e.UserID == "" || e.Object.ID == "" || e.At.IsZero():
		return Statement{}, errors.New("xapi: an event needs an id, a user, an object and a time")
	}
	obj, err := b.activity(e.Object, e.Parent)
	if err != nil {
		return Statement{}, err
	}
	st := Statement{
		ID:        b.StatementID(e.ID),
		Actor:     b.actor(e.UserID, email),
		Verb:      Verb{ID: absolute(b.BaseURL, verb), Display: b.words("xapi.verb." + verbKey)},
		Object:    obj,
		Result:    b.result(e),
		Context:   &Context{Platform: Platform},
		Timestamp: e.At.UTC().Format("2006-01-02T15:04:05.000Z"),
		Version:   Version,
	}
	if e.Parent != nil {
		parent, err := b.activity(*e.Parent, nil)
		if err != nil {
			return Statement{}, err
		}
		st.Context.ContextActivities = &ContextActivities{Parent: []Activity{parent}}
	}
	return st, nil
}

func (b Builder) actor(userID, email string) Agent {
	if b.Mbox && email != "" {
		return Agent{ObjectType: "Agent", Mbox: "mailto:" + strings.ToLower(email)}
	}
	home := b.HomePage
	if home == "" {
		home = b.BaseURL
	}
	return Agent{ObjectType: "Agent", Account: &Account{HomePage: home, Name: userID}}
}

// activity describes an object. An action-log entry has no name of its own (the learner's
// notes stay in Academy): it is named after its type, parent's id.
func (b Builder) activity(o activity.Object, parent *activity.Object) (Activity, error) {
	typ, ok := activityTypes[o.Type]
	if !ok || o.ID == "" {
		return Activity{}, fmt.Errorf("xapi: unknown object %q %q", o.Type, o.ID)
	}
	name := languageMap(o.Name)
	switch {
	case len(name) > 0:
	case o.Type == "action-type":
		name = b.words("actions.type." + o.ID)
	case o.Type == "action" && parent != nil:
		name = b.words("actions.type." + parent.ID)
	}
	return Activity{ObjectType: "Activity", ID: ActivityID(b.BaseURL, o.Type, o.ID),
		Definition: &Definition{Name: name, Type: absolute(b.BaseURL, typ)}}, nil
}

// result is what an event's kind says about the outcome.
func (b Builder) result(e activity.Event) *Result {
	yes := true
	switch e.Kind {
	case activity.LessonCompleted, activity.ModuleCompleted:
		return &Result{Completion: &yes}
	case activity.GoalAchieved:
		return &Result{Success: &yes, Completion: &yes}
	case activity.QuizSubmitted, activity.AssessmentCompleted:
	default:
		return nil
	}
	r := &Result{Completion: &yes, Score: score(e.Score)}
	if e.Score != nil && e.Score.Passed != nil {
		passed := *e.Score.Passed
		r.Success = &passed
	}
	if len(e.Dimensions) > 0 {
		r.Extensions = map[string]any{}
		for _, dim := range sortedKeys(e.Dimensions) {
			r.Extensions[DimensionExtension(b.BaseURL, dim)] = round(e.Dimensions[dim], 4)
		}
	}
	return r
}

// score writes a Score with Raw kept within Min…Max and Scaled within -1…1, rounded to
// what a person reads (the stored numbers carry float noise).
func score(s *activity.Score) *Score {
	if s == nil || s.Max <= s.Min {
		return nil
	}
	raw := round(math.Min(math.Max(s.Raw, s.Min), s.Max), 4)
	scaled := round(math.Min(math.Max(s.Scaled, -1), 1), 4)
	lo, hi := s.Min, s.Max
	return &Score{Scaled: &scaled, Raw: &raw, Min: &lo, Max: &hi}
}

func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// words is the text of key in every language that has it.
func (b Builder) words(key string) LanguageMap {
	if b.Words == nil {
		return nil
	}
	out := LanguageMap{}
	for _, lang := range languages {
		if s := b.Words(lang, key); s != "" && s != key {
			out[lang] = s
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// languageMap copies the non-empty names.
func languageMap(names map[string]string) LanguageMap {
	out := LanguageMap{}
	for lang, s := range names {
		if s = strings.TrimSpace(s); s != "" && lang != "" {
			out[lang] = s
		}
	}
	return out
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
