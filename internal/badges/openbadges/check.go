package openbadges

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Problems lists what is missing or malformed in a credential, one "path: problem" each.
type Problems []string

func (p Problems) Error() string {
	return "not an Open Badges 3.0 credential: " + strings.Join(p, "; ")
}

// alignmentTargetTypes are the AlignmentTargetType values of the 3.0 data model; others
// must be extensions, "ext:Name".
var (
	alignmentTargetTypes = []string{"ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric",
		"CFRubricCriterion", "CFRubricCriterionLevel", "CTDL"}
	extensionTerm = regexp.MustCompile(`^ext:[a-zA-Z0-9._-]+$`)
	identityHash  = regexp.MustCompile(`^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$`)
	obContext     = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/ob/v3p0/context-3\.0\.[0-9]+\.json$`)
)

// Check reports whether doc is an OpenBadgeCredential with every property the Open Badges
// 3.0 data model requires present and well formed (contexts, types, id, issuer Profile,
// validFrom, name, the AchievementSubject with its recipient and Achievement, criteria,
// alignments, status entry and proof). It returns Problems, or nil. It checks structure,
// not signatures.
func Check(doc []byte) error {
	var root any
	if err := json.Unmarshal(doc, &root); err != nil {
		return Problems{"the document is not JSON"}
	}
	c := &checker{}
	vc := c.object(root, "credential")
	if vc == nil {
		return c.problems
	}
	c.contexts(vc["@context"])
	c.uri(vc, "id", "id")
	c.types(vc["type"], "type", "VerifiableCredential")
	if !hasType(vc["type"], "OpenBadgeCredential") && !hasType(vc["type"], "AchievementCredential") {
		c.add("type", "must include OpenBadgeCredential")
	}
	c.text(vc, "name", "name")
	c.dateTime(vc, "validFrom", "validFrom", true)
	c.dateTime(vc, "validUntil", "validUntil", false)
	c.dateTime(vc, "awardedDate", "awardedDate", false)
	c.issuer(vc["issuer"])
	c.subject(vc["credentialSubject"])
	if s, ok := vc["credentialStatus"]; ok {
		c.status(s)
	}
	c.proof(vc["proof"])
	if len(c.problems) == 0 {
		return nil
	}
	return c.problems
}

type checker struct{ problems Problems }

func (c *checker) add(path, problem string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(problem, args...))
}

func (c *checker) object(v any, path string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		c.add(path, "must be an object")
	}
	return m
}

func (c *checker) contexts(v any) {
	list, ok := v.([]any)
	if !ok || len(list) < 2 {
		c.add("@context", "must list at least the Verifiable Credentials and Open Badges contexts")
		return
	}
	if list[0] != ContextVC {
		c.add("@context", "must start with %s", ContextVC)
	}
	if !slices.ContainsFunc(list, func(x any) bool { s, _ := x.(string); return obContext.MatchString(s) }) {
		c.add("@context", "must include an Open Badges 3.0 context")
	}
}

// types checks a type property: a string or an array of strings that includes want.
func (c *checker) types(v any, path, want string) {
	if !hasType(v, want) {
		c.add(path, "must include %s", want)
	}
}

func hasType(v any, want string) bool {
	switch t := v.(type) {
	case string:
		return t == want
	case []any:
		return slices.Contains(t, any(want))
	}
	return false
}

func (c *checker) text(m map[string]any, key, path string) string {
	s, ok := m[key].(string)
	if !ok || strings.TrimSpace(s) == "" {
		c.add(path, "is required and must be text")
	}
	return s
}

func (c *checker) uri(m map[string]any, key, path string) {
	s, ok := m[key].(string)
	if !ok || !isURI(s) {
		c.add(path, "is required and must be a URI")
	}
}

func isURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Opaque != "" || u.Host != "")
}

func (c *checker) dateTime(m map[string]any, key, path string, required bool) {
	v, ok := m[key]
	if !ok {
		if required {
			c.add(path, "is required")
		}
		return
	}
	s, _ := v.(string)
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		c.add(path, "must be a date and time with its time zone")
	}
}

func (c *checker) issuer(v any) {
	switch t := v.(type) {
	case string:
		if !isURI(t) {
			c.add("issuer", "must be a URI or a Profile")
		}
	case map[string]any:
		c.uri(t, "id", "issuer.id")
		c.types(t["type"], "issuer.type", "Profile")
	default:
		c.add("issuer", "is required")
	}
}

func (c *checker) subject(v any) {
	s := c.object(v, "credentialSubject")
	if s == nil {
		return
	}
	c.types(s["type"], "credentialSubject.type", "AchievementSubject")
	ids, _ := s["identifier"].([]any)
	if _, hasID := s["id"]; hasID {
		c.uri(s, "id", "credentialSubject.id")
	} else if len(ids) == 0 {
		c.add("credentialSubject", "must identify the recipient by id or identifier")
	}
	for i, item := range ids {
		path := "credentialSubject.identifier[" + strconv.Itoa(i) + "]"
		o := c.object(item, path)
		if o == nil {
			continue
		}
		if o["type"] != "IdentityObject" {
			c.add(path+".type", "must be IdentityObject")
		}
		hashed, ok := o["hashed"].(bool)
		if !ok {
			c.add(path+".hashed", "is required and must be true or false")
		}
		h := c.text(o, "identityHash", path+".identityHash")
		if hashed && h != "" && !identityHash.MatchString(h) {
			c.add(path+".identityHash", "must be sha256$ or md5$ and a hex digest")
		}
		c.text(o, "identityType", path+".identityType")
	}
	c.achievement(s["achievement"])
}

func (c *checker) achievement(v any) {
	a := c.object(v, "credentialSubject.achievement")
	if a == nil {
		return
	}
	const path = "credentialSubject.achievement"
	c.uri(a, "id", path+".id")
	c.types(a["type"], path+".type", "Achievement")
	c.text(a, "name", path+".name")
	c.text(a, "description", path+".description")
	if crit := c.object(a["criteria"], path+".criteria"); crit != nil {
		id, _ := crit["id"].(string)
		narrative, _ := crit["narrative"].(string)
		if !isURI(id) && strings.TrimSpace(narrative) == "" {
			c.add(path+".criteria", "must have an id or a narrative")
		}
	}
	if al, ok := a["alignment"]; ok {
		list, ok := al.([]any)
		if !ok {
			c.add(path+".alignment", "must be a list")
		}
		for i, item := range list {
			c.alignment(item, path+".alignment["+strconv.Itoa(i)+"]")
		}
	}
}

func (c *checker) alignment(v any, path string) {
	al := c.object(v, path)
	if al == nil {
		return
	}
	c.types(al["type"], path+".type", "Alignment")
	c.text(al, "targetName", path+".targetName")
	c.uri(al, "targetUrl", path+".targetUrl")
	if tt, ok := al["targetType"]; ok {
		s, _ := tt.(string)
		if !slices.Contains(alignmentTargetTypes, s) && !extensionTerm.MatchString(s) {
			c.add(path+".targetType", "%q is not an alignment target type", s)
		}
	}
}

func (c *checker) status(v any) {
	s := c.object(v, "credentialStatus")
	if s == nil {
		return
	}
	typ := c.text(s, "type", "credentialStatus.type")
	if typ != "BitstringStatusListEntry" {
		return
	}
	c.text(s, "statusPurpose", "credentialStatus.statusPurpose")
	c.uri(s, "statusListCredential", "credentialStatus.statusListCredential")
	idx, _ := s["statusListIndex"].(string)
	if n, err := strconv.Atoi(idx); err != nil || n < 0 {
		c.add("credentialStatus.statusListIndex", "must be a whole number written as text")
	}
}

func (c *checker) proof(v any) {
	proofs, ok := v.([]any)
	if !ok {
		proofs = []any{v}
	}
	if v == nil || len(proofs) == 0 {
		c.add("proof", "is required")
		return
	}
	for i, p := range proofs {
		path := "proof"
		if len(proofs) > 1 {
			path += "[" + strconv.Itoa(i) + "]"
		}
		if m := c.object(p, path); m != nil {
			c.text(m, "type", path+".type")
			c.text(m, "verificationMethod", path+".verificationMethod")
			c.text(m, "proofPurpose", path+".proofPurpose")
		}
	}
}
