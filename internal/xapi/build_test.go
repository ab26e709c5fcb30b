package xapi_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/xapi"
)

const base = "https://academy.example.com"

var at = time.Date(2026, 3, 2, 9, 30, 0, 123_456_000, time.UTC)

// words is a small catalog: the verbs and one action type.
func words(lang, key string) string {
	w := map[string]string{
		"es/xapi.verb.completed": "completó", "en/xapi.verb.completed": "completed",
		"es/xapi.verb.passed": "superó", "en/xapi.verb.passed": "passed",
		"es/xapi.verb.failed": "no superó", "en/xapi.verb.failed": "failed",
		"es/xapi.verb.set": "se propuso el objetivo", "en/xapi.verb.set": "set the goal",
		"es/xapi.verb.achieved": "logró el objetivo", "en/xapi.verb.achieved": "achieved the goal",
		"es/xapi.verb.logged": "registró", "en/xapi.verb.logged": "logged",
		"es/actions.type.helped": "Ayudé a alguien", "en/actions.type.helped": "Helped someone",
	}
	if s, ok := w[lang+"/"+key]; ok {
		return s
	}
	return key
}

func builder() xapi.Builder { return xapi.Builder{BaseURL: base, Words: words} }

func yes() *bool { t := true; return &t }
func no() *bool  { f := false; return &f }

// events has one event of every kind, as the stores make them.
func events() map[string]activity.Event {
	module := activity.Object{Type: "module", ID: "giving-first", Name: map[string]string{"es": "Dar primero", "en": "Giving first"}}
	user := "01960000-0000-7000-8000-000000000001"
	return map[string]activity.Event{
		"lesson": {ID: "lesson-completed:u:l1", Kind: activity.LessonCompleted, UserID: user, At: at, Parent: &module,
			Object: activity.Object{Type: "lesson", ID: "giving-first.why", Name: map[string]string{"es": "Por qué", "en": "Why"}}},
		"module": {ID: "module-completed:u:m1", Kind: activity.ModuleCompleted, UserID: user, At: at, Object: module},
		"quiz passed": {ID: "quiz-submitted:a1", Kind: activity.QuizSubmitted, UserID: user, At: at, Parent: &module,
			Object: activity.Object{Type: "quiz", ID: "giving-first-quiz", Name: map[string]string{"es": "Test", "en": "Quiz"}},
			Score:  &activity.Score{Raw: 80, Min: 0, Max: 100, Scaled: 0.8, Passed: yes()}},
		"quiz failed": {ID: "quiz-submitted:a2", Kind: activity.QuizSubmitted, UserID: user, At: at, Parent: &module,
			Object: activity.Object{Type: "quiz", ID: "giving-first-quiz"},
			Score:  &activity.Score{Raw: 40, Min: 0, Max: 100, Scaled: 0.4, Passed: no()}},
		"assessment": {ID: "assessment-completed:a3", Kind: activity.AssessmentCompleted, UserID: user, At: at,
			Object:     activity.Object{Type: "assessment", ID: "networking-self", Name: map[string]string{"es": "Autoevaluación", "en": "Self-assessment"}},
			Score:      &activity.Score{Raw: 62.5, Min: 0, Max: 100, Scaled: 0.625},
			Dimensions: map[string]float64{"giving-first": 75, "other-focus": 50}},
		"goal set": {ID: "goal-set:g1", Kind: activity.GoalSet, UserID: user, At: at,
			Object: activity.Object{Type: "goal", ID: "g1", Name: map[string]string{"en": "Meet two people a week"}}},
		"goal achieved": {ID: "goal-achieved:g1", Kind: activity.GoalAchieved, UserID: user, At: at,
			Object: activity.Object{Type: "goal", ID: "g1", Name: map[string]string{"es": "Conocer a dos personas"}}},
		"action": {ID: "action-logged:e1", Kind: activity.ActionLogged, UserID: user, At: at,
			Object: activity.Object{Type: "action", ID: "e1"}, Parent: &activity.Object{Type: "action-type", ID: "helped"}},
	}
}

// statement builds the statement of e and decodes its JSON generically.
func statement(t *testing.T, b xapi.Builder, e activity.Event) (map[string]any, []byte) {
	t.Helper()
	st, err := b.Build(e, "Ana@Example.com")
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m, data
}

// get walks a decoded statement by dotted path.
func get(m any, path string) any {
	for _, p := range strings.Split(path, ".") {
		switch v := m.(type) {
		case map[string]any:
			m = v[p]
		case []any:
			if len(v) == 0 {
				return nil
			}
			m = v[0]
			if p != "0" {
				m = v[0].(map[string]any)[p]
			}
		default:
			return nil
		}
	}
	return m
}

func TestEveryKindMakesAValidStatement(t *testing.T) {
	want := map[string]map[string]any{
		"lesson": {"verb.id": xapi.VerbCompleted, "verb.display.es": "completó", "object.definition.type": xapi.TypeLesson,
			"object.id":                             base + "/xapi/activities/lesson/giving-first.why",
			"context.contextActivities.parent.0.id": base + "/xapi/activities/module/giving-first",
			"context.contextActivities.parent.0.definition.name.en": "Giving first",
			"result.completion": true, "object.definition.name.es": "Por qué"},
		"module": {"verb.id": xapi.VerbCompleted, "object.definition.type": xapi.TypeModule, "result.completion": true,
			"object.definition.name.en": "Giving first", "context.contextActivities": nil},
		"quiz passed": {"verb.id": xapi.VerbPassed, "verb.display.en": "passed", "object.definition.type": xapi.TypeAssessment,
			"result.success": true, "result.score.scaled": 0.8, "result.score.raw": 80.0, "result.score.min": 0.0,
			"result.score.max": 100.0},
		"quiz failed": {"verb.id": xapi.VerbFailed, "verb.display.es": "no superó", "result.success": false,
			"result.score.scaled": 0.4, "object.definition.name": nil},
		"assessment": {"verb.id": xapi.VerbCompleted, "object.id": base + "/xapi/activities/assessment/networking-self",
			"result.score.scaled": 0.625, "result.success": nil, "result.completion": true,
			"result.extensions." + base + "/xapi/extensions/dimension/giving-first": 75.0},
		"goal set": {"verb.id": base + "/xapi/verbs/set", "verb.display.en": "set the goal", "result": nil,
			"object.definition.type": base + "/xapi/activity-types/goal", "object.definition.name.en": "Meet two people a week"},
		"goal achieved": {"verb.id": base + "/xapi/verbs/achieved", "result.success": true, "result.completion": true},
		"action": {"verb.id": base + "/xapi/verbs/logged", "object.id": base + "/xapi/activities/action/e1",
			"object.definition.name.en": "Helped someone", "object.definition.name.es": "Ayudé a alguien",
			"context.contextActivities.parent.0.definition.type": base + "/xapi/activity-types/action-type"},
	}
	for name, e := range events() {
		t.Run(name, func(t *testing.T) {
			m, data := statement(t, builder(), e)
			if err := xapi.Validate(data); err != nil {
				t.Fatalf("invalid statement %s: %v", data, err)
			}
			common := map[string]any{"version": "1.0.3", "timestamp": "2026-03-02T09:30:00.123Z",
				"actor.objectType": "Agent", "actor.account.homePage": base, "actor.account.name": e.UserID,
				"actor.mbox": nil, "context.platform": "Academy", "object.objectType": "Activity"}
			for path, v := range common {
				want[name][path] = v
			}
			for path, v := range want[name] {
				// Extension keys hold dots: look them up whole.
				got := get(m, path)
				if k, ok := strings.CutPrefix(path, "result.extensions."); ok {
					got = get(m, "result.extensions").(map[string]any)[k]
				}
				if got != v && !(v == nil && got == nil) {
					t.Errorf("%s = %#v, want %#v", path, got, v)
				}
			}
			id, err := uuid.Parse(m["id"].(string))
			if err != nil || id.Version() != 5 || m["id"] != builder().StatementID(e.ID) {
				t.Errorf("id %v is not the UUID v5 of the event (%v)", m["id"], err)
			}
		})
	}
}

func TestStatementIDs(t *testing.T) {
	b := builder()
	if b.StatementID("goal-set:g1") != b.StatementID("goal-set:g1") {
		t.Fatal("the same event has two ids")
	}
	if b.StatementID("goal-set:g1") == b.StatementID("goal-achieved:g1") {
		t.Fatal("two events share an id")
	}
	other := xapi.Builder{BaseURL: "https://other.example.com"}
	if other.StatementID("goal-set:g1") == b.StatementID("goal-set:g1") {
		t.Fatal("two installations make the same id for their own events")
	}
}

func TestActorByMboxWhenConfigured(t *testing.T) {
	b := builder()
	b.Mbox = true
	m, data := statement(t, b, events()["module"])
	if get(m, "actor.mbox") != "mailto:ana@example.com" || get(m, "actor.account") != nil {
		t.Fatalf("actor = %v", m["actor"])
	}
	if err := xapi.Validate(data); err != nil {
		t.Fatal(err)
	}
	b.Mbox, b.HomePage = false, "https://people.example.com"
	m, _ = statement(t, b, events()["module"])
	if get(m, "actor.account.homePage") != "https://people.example.com" {
		t.Fatalf("actor = %v", m["actor"])
	}
}

func TestScoresStayInRange(t *testing.T) {
	e := events()["assessment"]
	e.Score = &activity.Score{Raw: 100.00000000001, Min: 0, Max: 100, Scaled: 1.0000000001}
	_, data := statement(t, builder(), e)
	if err := xapi.Validate(data); err != nil {
		t.Fatalf("float noise made an invalid score: %v", err)
	}
}

func TestBuildRefusesIncompleteEvents(t *testing.T) {
	for name, mutate := range map[string]func(*activity.Event){
		"unknown kind":   func(e *activity.Event) { e.Kind = "slept" },
		"no user":        func(e *activity.Event) { e.UserID = "" },
		"no id":          func(e *activity.Event) { e.ID = "" },
		"no time":        func(e *activity.Event) { e.At = time.Time{} },
		"unknown object": func(e *activity.Event) { e.Object.Type = "poem" },
	} {
		t.Run(name, func(t *testing.T) {
			e := events()["lesson"]
			mutate(&e)
			if _, err := builder().Build(e, ""); err == nil {
				t.Fatal("built a statement")
			}
		})
	}
}
