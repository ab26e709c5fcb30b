package openbadges

import (
	"encoding/json"
	"strings"
	"testing"
)

func sample() Credential {
	c := NewCredential()
	c.ID = "https://academy.test/badges/0190"
	c.Name = "Dar primero"
	c.Issuer = Profile{ID: "https://academy.test/orgs/1/issuer", Type: []string{"Profile"}, Name: "Acme"}
	c.ValidFrom = "2026-03-01T10:00:00Z"
	c.CredentialSubject = Subject{
		Type:       []string{"AchievementSubject"},
		Identifier: []IdentityObject{EmailIdentity("Ana@Example.com")},
		Achievement: Achievement{ID: "https://academy.test/modules/giving-first", Type: []string{"Achievement"},
			Name: "Dar primero", Description: "Ofrece ayuda antes de pedir.", Criteria: Criteria{Narrative: "Completa el módulo."},
			AchievementType: "Course", Alignment: []Alignment{{Type: []string{"Alignment"}, TargetName: "Dar primero",
				TargetURL: "https://academy.test/competencies#giving-first", TargetType: "ext:CompetencyDimension"}}},
	}
	c.CredentialStatus = &StatusEntry{ID: "https://academy.test/orgs/1/badges/status#7", Type: "BitstringStatusListEntry",
		StatusPurpose: "revocation", StatusListIndex: "7", StatusListCredential: "https://academy.test/orgs/1/badges/status"}
	return c
}

// signedJSON is the sample as a generic document with a (structurally valid) proof.
func signedJSON(t *testing.T) map[string]any {
	t.Helper()
	b, err := json.Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	m["proof"] = map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022",
		"verificationMethod": "https://academy.test/orgs/1/issuer#key-1", "proofPurpose": "assertionMethod", "proofValue": "z1"}
	return m
}

func TestCheckAcceptsACompleteCredential(t *testing.T) {
	b, _ := json.Marshal(signedJSON(t))
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
}

// TestCheckRequiresTheDataModelFields removes or breaks, one at a time, each property the
// Open Badges 3.0 data model requires.
func TestCheckRequiresTheDataModelFields(t *testing.T) {
	type edit func(m map[string]any)
	at := func(m map[string]any, path ...string) map[string]any {
		for _, p := range path {
			m = m[p].(map[string]any)
		}
		return m
	}
	del := func(key string, path ...string) edit {
		return func(m map[string]any) { delete(at(m, path...), key) }
	}
	set := func(key string, v any, path ...string) edit {
		return func(m map[string]any) { at(m, path...)[key] = v }
	}
	subject, achievement := []string{"credentialSubject"}, []string{"credentialSubject", "achievement"}
	cases := map[string]edit{
		"no @context":          del("@context"),
		"VC context not first": set("@context", []any{ContextOB, ContextVC}),
		"no OB context":        set("@context", []any{ContextVC, "https://example.test/ctx"}),
		"no id":                del("id"),
		"id not a URI":         set("id", "badge 7"),
		"no VC type":           set("type", []any{"OpenBadgeCredential"}),
		"no OB type":           set("type", []any{"VerifiableCredential"}),
		"no name":              del("name"),
		"no validFrom":         del("validFrom"),
		"validFrom not a date": set("validFrom", "yesterday"),
		"no issuer":            del("issuer"),
		"issuer without id":    del("id", "issuer"),
		"issuer not a Profile": set("type", []any{"Organization"}, "issuer"),
		"no subject":           del("credentialSubject"),
		"subject type":         set("type", []any{"Person"}, subject...),
		"no recipient":         del("identifier", subject...),
		"identity type":        func(m map[string]any) { at(m, subject...)["identifier"].([]any)[0].(map[string]any)["type"] = "Email" },
		"identity not hashed":  func(m map[string]any) { delete(at(m, subject...)["identifier"].([]any)[0].(map[string]any), "hashed") },
		"identity hash format": func(m map[string]any) {
			at(m, subject...)["identifier"].([]any)[0].(map[string]any)["identityHash"] = "sha256$xyz"
		},
		"no achievement":       del("achievement", subject...),
		"achievement id":       del("id", achievement...),
		"achievement type":     set("type", []any{"Badge"}, achievement...),
		"achievement name":     del("name", achievement...),
		"achievement descr.":   set("description", " ", achievement...),
		"no criteria":          del("criteria", achievement...),
		"empty criteria":       set("criteria", map[string]any{}, achievement...),
		"alignment not a list": set("alignment", map[string]any{}, achievement...),
		"alignment targetName": func(m map[string]any) {
			delete(at(m, achievement...)["alignment"].([]any)[0].(map[string]any), "targetName")
		},
		"alignment targetUrl": func(m map[string]any) {
			at(m, achievement...)["alignment"].([]any)[0].(map[string]any)["targetUrl"] = "giving-first"
		},
		"alignment targetType": func(m map[string]any) {
			at(m, achievement...)["alignment"].([]any)[0].(map[string]any)["targetType"] = "Dimension"
		},
		"status index":           set("statusListIndex", 7, "credentialStatus"),
		"status list credential": del("statusListCredential", "credentialStatus"),
		"no proof":               del("proof"),
		"proof method":           del("verificationMethod", "proof"),
	}
	for name, e := range cases {
		m := signedJSON(t)
		e(m)
		b, _ := json.Marshal(m)
		err := Check(b)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if _, ok := err.(Problems); !ok {
			t.Errorf("%s: %T, want Problems", name, err)
		}
	}
}

func TestIdentityHash(t *testing.T) {
	// sha256("ana@example.com" + "salt") computed independently (sha256sum).
	const want = "sha256$025b49b4dd6bf053f811c959132382483ba34432da5b54eec49c6ea8ee716753"
	if got := IdentityHash(" Ana@Example.com ", "salt"); got != want {
		t.Errorf("got %s", got)
	}
	id := EmailIdentity("ana@example.com")
	if !id.Matches("ANA@example.com") || id.Matches("eva@example.com") {
		t.Errorf("matching is wrong: %+v", id)
	}
	if strings.Contains(id.IdentityHash, "ana") || len(id.Salt) != 32 {
		t.Errorf("identity discloses the address or has a short salt: %+v", id)
	}
	if EmailIdentity("ana@example.com").Salt == id.Salt {
		t.Error("two identities share a salt")
	}
}

func TestBitstring(t *testing.T) {
	b := NewBitstring(10)
	if len(b)*8 != MinStatusListBits {
		t.Fatalf("a list has %d bits, want at least %d", len(b)*8, MinStatusListBits)
	}
	b.Set(0)
	b.Set(9)
	b.Set(MinStatusListBits - 1)
	if b[0] != 0x80 || b[1] != 0x40 {
		t.Errorf("bit order: first bytes %08b %08b, want index 0 as the most significant bit", b[0], b[1])
	}
	enc := b.Encode()
	if !strings.HasPrefix(enc, "u") || strings.ContainsAny(enc, "+/=") {
		t.Errorf("encodedList %q is not multibase base64url without padding", enc)
	}
	back, err := DecodeBitstring(enc)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 9, MinStatusListBits - 1} {
		if !back.Get(i) {
			t.Errorf("bit %d lost", i)
		}
	}
	if back.Get(1) || back.Get(MinStatusListBits) || back.Get(-1) {
		t.Error("unset bits read as set")
	}
	if _, err := DecodeBitstring("H4sI"); err == nil {
		t.Error("decoded a list without the multibase prefix")
	}
}
