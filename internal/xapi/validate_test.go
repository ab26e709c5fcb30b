package xapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/xapi"
)

// TestValidateFindsBrokenRules breaks one rule of xAPI 1.0.3 at a time in a valid
// statement and expects Validate to name the place.
func TestValidateFindsBrokenRules(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(m map[string]any)
		want   string
	}{
		{"no id", func(m map[string]any) { delete(m, "id") }, "statement.id: is required"},
		{"id not a UUID", func(m map[string]any) { m["id"] = "statement-1" }, "statement.id: must be a UUID"},
		{"no actor", func(m map[string]any) { delete(m, "actor") }, "statement.actor: is required"},
		{"no verb", func(m map[string]any) { delete(m, "verb") }, "statement.verb: is required"},
		{"no object", func(m map[string]any) { delete(m, "object") }, "statement.object: is required"},
		{"unknown property", func(m map[string]any) { m["mood"] = "happy" }, "statement.mood: is not a property"},
		{"two identifiers", func(m map[string]any) { obj(m, "actor")["mbox"] = "mailto:ana@example.com" }, "exactly one"},
		{"no identifier", func(m map[string]any) { delete(obj(m, "actor"), "account") }, "exactly one"},
		{"account without name", func(m map[string]any) { delete(obj(m, "actor", "account"), "name") }, "statement.actor.account.name: is required"},
		{"homePage not an IRL", func(m map[string]any) { obj(m, "actor", "account")["homePage"] = "academy" }, "homePage: must be an http(s) IRL"},
		{"mbox without mailto", func(m map[string]any) {
			a := obj(m, "actor")
			delete(a, "account")
			a["mbox"] = "ana@example.com"
		}, "statement.actor.mbox: must be mailto:"},
		{"verb id not an IRI", func(m map[string]any) { obj(m, "verb")["id"] = "completed" }, "statement.verb.id: must be an absolute IRI"},
		{"verb id with a space", func(m map[string]any) { obj(m, "verb")["id"] = "http://example.com/a verb" }, "statement.verb.id"},
		{"activity id relative", func(m map[string]any) { obj(m, "object")["id"] = "/xapi/activities/quiz/q" }, "statement.object.id"},
		{"activity type not an IRI", func(m map[string]any) { obj(m, "object", "definition")["type"] = "quiz" }, "definition.type"},
		{"display keyed by a word", func(m map[string]any) { obj(m, "verb")["display"] = map[string]any{"spanish": "x"} }, `key "spanish" is not a BCP 47`},
		{"display keyed with underscore", func(m map[string]any) { obj(m, "verb")["display"] = map[string]any{"en_US": "x"} }, `key "en_US"`},
		{"name not text", func(m map[string]any) { obj(m, "object", "definition")["name"] = map[string]any{"en": 3} }, "name.en: must be a string"},
		{"scaled above 1", func(m map[string]any) { obj(m, "result", "score")["scaled"] = 1.5 }, "score.scaled: must be between -1 and 1"},
		{"scaled below -1", func(m map[string]any) { obj(m, "result", "score")["scaled"] = -1.01 }, "score.scaled"},
		{"raw above max", func(m map[string]any) { obj(m, "result", "score")["raw"] = 101 }, "score.raw: must not be above max"},
		{"raw below min", func(m map[string]any) { obj(m, "result", "score")["raw"] = -1 }, "score.raw: must not be below min"},
		{"min not below max", func(m map[string]any) { obj(m, "result", "score")["min"] = 100 }, "score.min: must be less than max"},
		{"score not a number", func(m map[string]any) { obj(m, "result", "score")["raw"] = "80" }, "score.raw: must be a number"},
		{"success not boolean", func(m map[string]any) { obj(m, "result")["success"] = "yes" }, "result.success"},
		{"bad duration", func(m map[string]any) { obj(m, "result")["duration"] = "5 minutes" }, "result.duration"},
		{"extension key not an IRI", func(m map[string]any) { obj(m, "result")["extensions"] = map[string]any{"focus": 3} }, `key "focus" is not an IRI`},
		{"timestamp without zone", func(m map[string]any) { m["timestamp"] = "2026-03-02T09:30:00" }, "statement.timestamp"},
		{"version 2", func(m map[string]any) { m["version"] = "2.0.0" }, "statement.version"},
		{"parent not an activity", func(m map[string]any) {
			obj(m, "context", "contextActivities")["parent"] = []any{map[string]any{"objectType": "Agent", "id": "http://x.example"}}
		}, "must be Activity"},
		{"context language", func(m map[string]any) { obj(m, "context")["language"] = "Spanish" }, "context.language"},
		{"registration not a UUID", func(m map[string]any) { obj(m, "context")["registration"] = "r1" }, "context.registration"},
		{"platform with an Agent object", func(m map[string]any) {
			m["object"] = map[string]any{"objectType": "Agent", "mbox": "mailto:bea@example.com"}
		}, "context.platform: may only be used"},
		{"not JSON", nil, "not JSON"},
	}
	_, data := statement(t, builder(), events()["quiz passed"])
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			broken := []byte("{")
			if c.break_ != nil {
				var m map[string]any
				if err := json.Unmarshal(data, &m); err != nil {
					t.Fatal(err)
				}
				c.break_(m)
				broken, _ = json.Marshal(m)
			}
			err := xapi.Validate(broken)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Validate = %v, want a problem with %q", err, c.want)
			}
		})
	}
}

func TestValidateAcceptsOtherValidShapes(t *testing.T) {
	for name, s := range map[string]string{
		"group actor and statement ref": `{"id":"fd41c918-b88b-4b20-a0a5-a4c32391aaa0","actor":{"objectType":"Group","member":[{"mbox":"mailto:a@example.com"}]},
			"verb":{"id":"http://adlnet.gov/expapi/verbs/voided","display":{"en-US":"voided"}},
			"object":{"objectType":"StatementRef","id":"e05aa883-acaf-40ad-bf54-02c8ce485fb0"},"timestamp":"2026-03-02T09:30:00+01:00"}`,
		"substatement and openid": `{"id":"fd41c918-b88b-4b20-a0a5-a4c32391aaa0","actor":{"openid":"http://openid.example.org/12345"},
			"verb":{"id":"http://adlnet.gov/expapi/verbs/planned"},
			"object":{"objectType":"SubStatement","actor":{"mbox_sha1sum":"ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
			"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},"object":{"id":"http://example.com/meetings/1"}},
			"result":{"duration":"PT1H30M","response":"yes"},"context":{"registration":"ec531277-b57b-4c15-8d91-d292c5b2b8f7",
			"contextActivities":{"category":{"id":"http://example.com/profile"}},"language":"es-ES"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := xapi.Validate([]byte(s)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// obj walks to a nested object of a decoded statement.
func obj(m map[string]any, path ...string) map[string]any {
	for _, p := range path {
		m = m[p].(map[string]any)
	}
	return m
}
