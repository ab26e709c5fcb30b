package xapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Validate checks one statement, as JSON, against the rules of xAPI 1.0.3 (part two,
// "Experience API Data"): the required properties and no unknown ones, exactly one
// identifier per agent, IRI, IRL and UUID formats, scores (scaled within -1…1, raw
// between min and max, min below max), language maps keyed by valid BCP 47 tags,
// ISO 8601 timestamps and durations, the version, and where context properties may be
// used. Academy also requires the id, which makes redelivery idempotent. The error lists
// every problem, each with its JSON path.
func Validate(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("statement: not JSON: %w", err)
	}
	c := &checker{}
	st, ok := c.object("statement", v)
	if ok {
		if _, has := st["id"]; !has {
			c.fail("statement.id", "is required (Academy sends an id with every statement)")
		}
		c.statement("statement", st, false)
	}
	if len(c.problems) == 0 {
		return nil
	}
	sort.Strings(c.problems)
	return errors.New(strings.Join(c.problems, "; "))
}

type checker struct{ problems []string }

func (c *checker) fail(path, format string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(format, args...))
}

// object reads v as a JSON object.
func (c *checker) object(path string, v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		c.fail(path, "must be an object")
	}
	return m, ok
}

// only reports properties of m outside allowed.
func (c *checker) only(path string, m map[string]any, allowed ...string) {
	for k := range m {
		if !contains(allowed, k) {
			c.fail(path+"."+k, "is not a property of this object")
		}
	}
}

// required reports the missing properties of m.
func (c *checker) required(path string, m map[string]any, names ...string) {
	for _, n := range names {
		if _, ok := m[n]; !ok {
			c.fail(path+"."+n, "is required")
		}
	}
}

func (c *checker) statement(path string, st map[string]any, sub bool) {
	allowed := []string{"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
		"version", "attachments"}
	if sub {
		allowed = []string{"objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"}
	}
	c.only(path, st, allowed...)
	c.required(path, st, "actor", "verb", "object")
	if id, ok := st["id"]; ok {
		c.uuid(path+".id", id)
	}
	if a, ok := st["actor"]; ok {
		c.actor(path+".actor", a)
	}
	if v, ok := st["verb"]; ok {
		c.verb(path+".verb", v)
	}
	objectType := "Activity"
	if o, ok := st["object"]; ok {
		objectType = c.statementObject(path+".object", o, sub)
	}
	if r, ok := st["result"]; ok {
		c.result(path+".result", r)
	}
	if ctx, ok := st["context"]; ok {
		c.context(path+".context", ctx, objectType)
	}
	for _, t := range []string{"timestamp", "stored"} {
		if v, ok := st[t]; ok {
			c.timestamp(path+"."+t, v)
		}
	}
	if a, ok := st["authority"]; ok {
		c.actor(path+".authority", a)
	}
	if v, ok := st["version"]; ok {
		if s, isStr := v.(string); !isStr || !versionForm.MatchString(s) {
			c.fail(path+".version", "must be a 1.0.x version, not %v", v)
		}
	}
	if a, ok := st["attachments"]; ok {
		if _, isArr := a.([]any); !isArr {
			c.fail(path+".attachments", "must be an array")
		}
	}
}

// actor checks an Agent or a Group.
func (c *checker) actor(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	switch m["objectType"] {
	case nil, "Agent":
		c.agent(path, m)
	case "Group":
		c.group(path, m)
	default:
		c.fail(path+".objectType", "must be Agent or Group, not %v", m["objectType"])
	}
}

var identifiers = []string{"mbox", "mbox_sha1sum", "openid", "account"}

func (c *checker) agent(path string, m map[string]any) {
	c.only(path, m, "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account")
	if n := c.identifiers(path, m); n != 1 {
		c.fail(path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid and account, not %d", n)
	}
	c.optionalString(path+".name", m["name"])
}

func (c *checker) group(path string, m map[string]any) {
	c.only(path, m, "objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account")
	n := c.identifiers(path, m)
	if n > 1 {
		c.fail(path, "a Group has at most one identifier, not %d", n)
	}
	c.optionalString(path+".name", m["name"])
	members, has := m["member"]
	if n == 0 && !has {
		c.fail(path+".member", "is required in an anonymous Group")
	}
	if has {
		list, ok := members.([]any)
		if !ok {
			c.fail(path+".member", "must be an array of Agents")
			return
		}
		for i, a := range list {
			p := fmt.Sprintf("%s.member[%d]", path, i)
			if am, ok := c.object(p, a); ok {
				if am["objectType"] != nil && am["objectType"] != "Agent" {
					c.fail(p+".objectType", "a Group's members are Agents")
				}
				c.agent(p, am)
			}
		}
	}
}

var (
	sha1Hex     = regexp.MustCompile(`^[0-9a-f]{40}$`)
	uuidForm    = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)
	versionForm = regexp.MustCompile(`^1\.0(\.\d+)?$`)
	mailbox     = regexp.MustCompile(`^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$`)
	duration    = regexp.MustCompile(`^P(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$`)
)

// identifiers checks the inverse functional identifiers present and counts them.
func (c *checker) identifiers(path string, m map[string]any) int {
	n := 0
	for _, id := range identifiers {
		v, ok := m[id]
		if !ok {
			continue
		}
		n++
		p := path + "." + id
		switch id {
		case "mbox":
			if s, _ := v.(string); !mailbox.MatchString(s) {
				c.fail(p, "must be mailto: and an email address")
			}
		case "mbox_sha1sum":
			if s, _ := v.(string); !sha1Hex.MatchString(s) {
				c.fail(p, "must be a SHA-1 in lower-case hex")
			}
		case "openid":
			c.iri(p, v)
		case "account":
			if acc, ok := c.object(p, v); ok {
				c.only(p, acc, "homePage", "name")
				c.required(p, acc, "homePage", "name")
				if h, ok := acc["homePage"]; ok {
					c.irl(p+".homePage", h)
				}
				if name, ok := acc["name"]; ok {
					if s, isStr := name.(string); !isStr || s == "" {
						c.fail(p+".name", "must be a non-empty string")
					}
				}
			}
		}
	}
	return n
}

func (c *checker) verb(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	c.only(path, m, "id", "display")
	c.required(path, m, "id")
	if id, ok := m["id"]; ok {
		c.iri(path+".id", id)
	}
	if d, ok := m["display"]; ok {
		c.languageMap(path+".display", d)
	}
}

// statementObject checks a statement's object and returns its objectType.
func (c *checker) statementObject(path string, v any, sub bool) string {
	m, ok := c.object(path, v)
	if !ok {
		return ""
	}
	t, _ := m["objectType"].(string)
	switch t {
	case "", "Activity":
		if m["objectType"] != nil && t == "" {
			c.fail(path+".objectType", "must be a string")
		}
		c.activity(path, m)
		return "Activity"
	case "Agent", "Group":
		c.actor(path, m)
	case "StatementRef":
		c.statementRef(path, m)
	case "SubStatement":
		if sub {
			c.fail(path+".objectType", "a SubStatement cannot contain another SubStatement")
		}
		c.statement(path, m, true)
	default:
		c.fail(path+".objectType", "unknown objectType %q", t)
	}
	return t
}

func (c *checker) statementRef(path string, m map[string]any) {
	c.only(path, m, "objectType", "id")
	c.required(path, m, "objectType", "id")
	if id, ok := m["id"]; ok {
		c.uuid(path+".id", id)
	}
}

func (c *checker) activity(path string, m map[string]any) {
	c.only(path, m, "objectType", "id", "definition")
	c.required(path, m, "id")
	if id, ok := m["id"]; ok {
		c.iri(path+".id", id)
	}
	d, ok := m["definition"]
	if !ok {
		return
	}
	def, ok := c.object(path+".definition", d)
	if !ok {
		return
	}
	p := path + ".definition"
	c.only(p, def, "name", "description", "type", "moreInfo", "extensions", "interactionType",
		"correctResponsesPattern", "choices", "scale", "source", "target", "steps")
	for _, k := range []string{"name", "description"} {
		if v, ok := def[k]; ok {
			c.languageMap(p+"."+k, v)
		}
	}
	if v, ok := def["type"]; ok {
		c.iri(p+".type", v)
	}
	if v, ok := def["moreInfo"]; ok {
		c.irl(p+".moreInfo", v)
	}
	if v, ok := def["extensions"]; ok {
		c.extensions(p+".extensions", v)
	}
	for _, k := range []string{"choices", "scale", "source", "target", "steps"} {
		if v, ok := def[k]; ok {
			c.interactionComponents(p+"."+k, v)
		}
	}
}

func (c *checker) interactionComponents(path string, v any) {
	list, ok := v.([]any)
	if !ok {
		c.fail(path, "must be an array")
		return
	}
	for i, item := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		if m, ok := c.object(p, item); ok {
			c.only(p, m, "id", "description")
			c.required(p, m, "id")
			if d, ok := m["description"]; ok {
				c.languageMap(p+".description", d)
			}
		}
	}
}

func (c *checker) result(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	c.only(path, m, "score", "success", "completion", "response", "duration", "extensions")
	for _, k := range []string{"success", "completion"} {
		if b, ok := m[k]; ok {
			if _, isBool := b.(bool); !isBool {
				c.fail(path+"."+k, "must be true or false")
			}
		}
	}
	c.optionalString(path+".response", m["response"])
	if d, ok := m["duration"]; ok {
		if s, _ := d.(string); s == "P" || s == "PT" || !duration.MatchString(s) {
			c.fail(path+".duration", "must be an ISO 8601 duration")
		}
	}
	if e, ok := m["extensions"]; ok {
		c.extensions(path+".extensions", e)
	}
	if s, ok := m["score"]; ok {
		c.score(path+".score", s)
	}
}

func (c *checker) score(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	c.only(path, m, "scaled", "raw", "min", "max")
	nums := map[string]float64{}
	for _, k := range []string{"scaled", "raw", "min", "max"} {
		raw, ok := m[k]
		if !ok {
			continue
		}
		n, isNum := raw.(json.Number)
		f, err := n.Float64()
		if !isNum || err != nil {
			c.fail(path+"."+k, "must be a number")
			continue
		}
		nums[k] = f
	}
	if s, ok := nums["scaled"]; ok && (s < -1 || s > 1) {
		c.fail(path+".scaled", "must be between -1 and 1, not %v", s)
	}
	lo, hasMin := nums["min"]
	hi, hasMax := nums["max"]
	if hasMin && hasMax && lo >= hi {
		c.fail(path+".min", "must be less than max (%v ≥ %v)", lo, hi)
	}
	if raw, ok := nums["raw"]; ok {
		if hasMin && raw < lo {
			c.fail(path+".raw", "must not be below min (%v < %v)", raw, lo)
		}
		if hasMax && raw > hi {
			c.fail(path+".raw", "must not be above max (%v > %v)", raw, hi)
		}
	}
}

func (c *checker) context(path string, v any, objectType string) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	c.only(path, m, "registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
		"statement", "extensions")
	if r, ok := m["registration"]; ok {
		c.uuid(path+".registration", r)
	}
	if i, ok := m["instructor"]; ok {
		c.actor(path+".instructor", i)
	}
	if t, ok := m["team"]; ok {
		if tm, isObj := t.(map[string]any); isObj && tm["objectType"] != "Group" {
			c.fail(path+".team.objectType", "must be Group")
		}
		c.actor(path+".team", t)
	}
	for _, k := range []string{"revision", "platform"} {
		if s, ok := m[k]; ok {
			c.optionalString(path+"."+k, s)
			if objectType != "Activity" {
				c.fail(path+"."+k, "may only be used when the object is an Activity")
			}
		}
	}
	if l, ok := m["language"]; ok {
		if s, isStr := l.(string); !isStr || !validTag(s) {
			c.fail(path+".language", "must be a BCP 47 language tag, not %v", l)
		}
	}
	if s, ok := m["statement"]; ok {
		if sm, ok := c.object(path+".statement", s); ok {
			if sm["objectType"] != "StatementRef" {
				c.fail(path+".statement.objectType", "must be StatementRef")
			}
			c.statementRef(path+".statement", sm)
		}
	}
	if e, ok := m["extensions"]; ok {
		c.extensions(path+".extensions", e)
	}
	if ca, ok := m["contextActivities"]; ok {
		c.contextActivities(path+".contextActivities", ca)
	}
}

func (c *checker) contextActivities(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	c.only(path, m, "parent", "grouping", "category", "other")
	for k, val := range m {
		p := path + "." + k
		list, isArr := val.([]any)
		if !isArr {
			list = []any{val}
		}
		for i, a := range list {
			ip := p
			if isArr {
				ip = fmt.Sprintf("%s[%d]", p, i)
			}
			if am, ok := c.object(ip, a); ok {
				if am["objectType"] != nil && am["objectType"] != "Activity" {
					c.fail(ip+".objectType", "must be Activity")
				}
				c.activity(ip, am)
			}
		}
	}
}

func (c *checker) extensions(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	for k := range m {
		if !isIRI(k) {
			c.fail(path, "key %q is not an IRI", k)
		}
	}
}

func (c *checker) languageMap(path string, v any) {
	m, ok := c.object(path, v)
	if !ok {
		return
	}
	for k, text := range m {
		if !validTag(k) {
			c.fail(path, "key %q is not a BCP 47 language tag", k)
		}
		if _, isStr := text.(string); !isStr {
			c.fail(path+"."+k, "must be a string")
		}
	}
}

func (c *checker) timestamp(path string, v any) {
	s, _ := v.(string)
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		c.fail(path, "must be an ISO 8601 timestamp with a time zone, not %v", v)
	}
}

func (c *checker) uuid(path string, v any) {
	if s, _ := v.(string); !uuidForm.MatchString(s) {
		c.fail(path, "must be a UUID, not %v", v)
	}
}

func (c *checker) iri(path string, v any) {
	if s, _ := v.(string); !isIRI(s) {
		c.fail(path, "must be an absolute IRI, not %v", v)
	}
}

// irl checks an IRI that can be looked up: http(s) with a host.
func (c *checker) irl(path string, v any) {
	s, _ := v.(string)
	u, err := url.Parse(s)
	if !isIRI(s) || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.fail(path, "must be an http(s) IRL, not %v", v)
	}
}

func (c *checker) optionalString(path string, v any) {
	if v == nil {
		return
	}
	if _, ok := v.(string); !ok {
		c.fail(path, "must be a string")
	}
}

var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// isIRI reports whether s is an absolute IRI: a scheme, then a part without spaces or
// control characters; http(s) IRIs need a host.
func isIRI(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n<>\"{}|\\^`") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || !scheme.MatchString(u.Scheme) {
		return false
	}
	if (u.Scheme == "http" || u.Scheme == "https") && u.Host == "" {
		return false
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// validTag reports whether s is a well-formed, known BCP 47 language tag.
func validTag(s string) bool {
	if s == "" || strings.Contains(s, "_") { // x/text also takes en_US, which BCP 47 does not
		return false
	}
	_, err := language.Parse(s)
	return err == nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
